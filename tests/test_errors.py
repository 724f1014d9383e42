"""Diagnostics: the system's reasons (English in ``strerror``) said in Vietnamese."""

from __future__ import annotations

import errno

import pytest

from generator.errors import os_reason


@pytest.mark.parametrize(("code", "said"), [
    (errno.EISDIR, "đây là một thư mục, không phải tệp"),
    (errno.ENOENT, "không có tệp hay thư mục này"),
    (errno.EACCES, "không có quyền"),
    (errno.ENOSPC, "ổ đĩa hết chỗ trống"),
])
def test_system_errors_are_said_in_vietnamese(code: int, said: str) -> None:
    assert os_reason(OSError(code, "English words")) == said


@pytest.mark.windows_macos
def test_a_file_open_in_word_on_windows_is_named_so() -> None:
    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    exc.winerror = 32  # type: ignore[attr-defined]  (ERROR_SHARING_VIOLATION)
    assert "đang mở trong một chương trình khác" in os_reason(exc)


def test_an_error_without_a_vietnamese_reason_names_its_code() -> None:
    assert os_reason(OSError(errno.ESRCH, "No such process")) == "lỗi hệ thống ESRCH"
    assert "English" not in os_reason(OSError("English words"))

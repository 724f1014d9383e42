"""Every file a command reads, opened one way: a regular file, held to its size limit before
anything is read, and never read past the limit.

A plan, a Word document for ``check``, a template, a results file and a unit list are each
read through :func:`read_input` (or :func:`open_input`, for a workbook read as it is
iterated). Reading first and measuring after let a 4 GB file cost 4 GB of memory, and
``/dev/zero`` grow until the machine stopped it; a FIFO blocked forever. Here the file is
opened without waiting for a writer, asked what it is and how large it is, and refused in
Vietnamese when it is not a regular file or is over its limit; what is read is at most the
limit and one byte (a file may grow between the question and the reading).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from generator.errors import Diagnostic, KeHoachError, os_reason
from generator.vnformat import vi_int

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
"""Read only, binary on Windows, and without waiting for a writer (a FIFO opened for
reading otherwise blocks until one comes)."""


def read_input(path: Path, limit: int, what: str, smaller: str = "") -> bytes:
    """The whole of the regular file ``path`` if it holds at most ``limit`` bytes; else a
    located error. ``what`` names the file for the clerk: "tệp kế hoạch", "tệp Word"…;
    ``smaller`` says how to make a file of its kind smaller, when there is a better way than
    the general one."""
    with open_input(path, limit, what, smaller) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(path, len(data), limit, what, smaller)
    return data


def open_input(path: Path, limit: int, what: str, smaller: str = "") -> BinaryIO:
    """``path`` open for reading, once it is known to be a regular file of at most ``limit``
    bytes (by its size on disk; :func:`read_input` also holds what it reads to the limit)."""
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise _refused(path, f"Không tìm thấy {what}.",
                       "Kiểm tra lại tên và thư mục của tệp.") from None
    except OSError as exc:
        if _is_dir(path):  # Windows refuses to open a folder: say what it is
            raise _folder(path, what) from None
        raise unreadable(path, exc, what) from None
    try:
        found = os.fstat(handle)
        if stat.S_ISDIR(found.st_mode):
            raise _folder(path, what)
        if not stat.S_ISREG(found.st_mode):
            raise _refused(path, f"'{path}' không phải một tệp thường (là thiết bị, đường ống "
                           f"hay ổ đĩa): không đọc làm {what} được.",
                           "Lưu nội dung thành một tệp rồi ghi đường dẫn đến tệp đó.")
        if found.st_size > limit:
            raise too_large(path, found.st_size, limit, what, smaller)
        return os.fdopen(handle, "rb")
    except BaseException:
        os.close(handle)
        raise


def too_large(path: Path, size: int, limit: int, what: str, smaller: str = "") -> KeHoachError:
    """A file over its limit, with both figures."""
    return _refused(path, f"{what[0].upper()}{what[1:]} quá lớn ({size_text(size)}, tối đa "
                          f"{size_text(limit)}).",
                    smaller or "Kiểm tra đúng tệp chưa; bỏ bớt phần không cần (hình ảnh, "
                    "trang, dòng thừa) hoặc chia thành nhiều tệp.")


def unreadable(path: Path, exc: OSError, what: str) -> KeHoachError:
    """A file the system would not let kehoach read."""
    if isinstance(exc, PermissionError):
        return _refused(path, f"Không có quyền đọc {what}.",
                        "Đóng tệp nếu đang mở trong chương trình khác (Word, Excel), hoặc chép "
                        "tệp ra thư mục khác rồi chạy lại.")
    return _refused(path, f"Không đọc được {what}: {os_reason(exc)}.")


def size_text(size: int) -> str:
    """A size as a clerk reads it: ``850 byte``, ``20 MB``, ``4,2 GB``."""
    for unit, scale in (("GB", 1024 ** 3), ("MB", 1024 ** 2)):
        if size >= scale:
            whole, rest = divmod(round(size * 10 / scale), 10)
            return f"{vi_int(whole)},{rest} {unit}" if rest else f"{vi_int(whole)} {unit}"
    return f"{vi_int(size)} byte"


def _folder(path: Path, what: str) -> KeHoachError:
    return _refused(path, f"Đường dẫn {what} là một thư mục, không phải một tệp.",
                    "Ghi đường dẫn đến tệp, kể cả tên tệp và đuôi (.yaml, .docx…).")


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _refused(path: Path, message: str, hint: str = "") -> KeHoachError:
    return KeHoachError([Diagnostic(message, str(path), hint=hint)])

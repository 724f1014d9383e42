"""Atomic output: a failed run never leaves a broken or half-written file behind.

Everything is written to a temporary file in the target folder and renamed over the target
only once complete, so an existing output survives any failure untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from generator.errors import Diagnostic, KeHoachError


def _complete_copy(target: Path, data: bytes) -> str:
    """``data`` written and flushed to a temporary file next to ``target``; its name."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file where the folder should be: not "file exists"
        raise NotADirectoryError(errno.ENOTDIR, "một tệp trùng tên thư mục đích",
                                 str(target.parent)) from exc
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are shared
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return temp_name


def write_bytes_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` via a same-folder temporary file and an atomic rename."""
    target = Path(target)
    temp_name = _complete_copy(target, data)
    try:
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def write_text_atomic(target: Path, text: str) -> None:
    """UTF-8 text version of :func:`write_bytes_atomic`."""
    write_bytes_atomic(target, text.encode("utf-8"))


def write_text_new(target: Path, text: str) -> None:
    """Write a new file, never replacing one that exists (raises :class:`FileExistsError`).

    Like :func:`write_bytes_atomic`, the text is complete in a temporary file first; it is
    then linked to its name, which fails if the name is taken, even if another program
    creates it meanwhile.
    """
    target = Path(target)
    temp_name = _complete_copy(target, text.encode("utf-8"))
    try:
        os.link(temp_name, target)
    finally:
        Path(temp_name).unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@contextlib.contextmanager
def clerk_facing(target: Path) -> Iterator[None]:
    """An output that cannot be written (a folder of that name, no permission, a full disk)
    is the clerk's to fix: a located error, not a crash. A file that exists where a new one
    was asked for (:class:`FileExistsError`) passes through for the caller to word."""
    try:
        yield
    except FileExistsError:
        raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        hint = ("Đây là một thư mục: chọn tên tệp khác." if Path(target).is_dir() else
                "Kiểm tra thư mục đích có tồn tại, ghi được, còn chỗ trống.")
        raise KeHoachError([Diagnostic(f"Không ghi được tệp: {reason}.", str(target),
                                       hint=hint)]) from exc

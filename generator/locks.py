"""A lock one process holds at a time, the same on Linux, macOS and Windows, and released by
the system when its process ends, however it ends (a kill, a power cut of the program).

The lock is a small hidden file locked whole (``fcntl.flock`` on POSIX, ``msvcrt.locking``
on Windows): a lock file created with ``O_EXCL`` would outlive a killed process and block
every later run. The file is removed when the lock is let go; a process that locked a file
just removed tries again with the new one, so two processes never both hold the lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

POLL_SECONDS = 0.02
"""How often a waiting process tries the lock again."""


class Busy(Exception):
    """Another process held the lock for longer than the caller would wait."""


@contextlib.contextmanager
def held(path: Path, wait: float) -> Iterator[None]:
    """The lock named by ``path`` held for the ``with`` block; :class:`Busy` if another
    process keeps it ``wait`` seconds. Raises :class:`OSError` if the lock file cannot be
    made (a folder without write permission)."""
    handle = _acquire(path, time.monotonic() + wait)
    try:
        yield
    finally:
        try:
            if sys.platform != "win32":  # still locked: a process waiting on it sees it go
                with contextlib.suppress(OSError):
                    path.unlink()
        finally:  # interrupted before the file went, it is left, to be used again
            _release(handle)
        if sys.platform == "win32":  # fails, harmlessly, while another process has it open
            with contextlib.suppress(OSError):
                path.unlink()


def is_held(path: Path) -> bool:
    """Whether a live process holds the lock ``path`` (a missing lock file is not held)."""
    try:
        handle = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        if not _try(handle):
            return True
        _unlock(handle)
        return False
    finally:
        os.close(handle)


def _acquire(path: Path, deadline: float) -> int:
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        if _try(handle):
            if _still_named(path, handle):
                return handle
            _release(handle)  # removed by its last holder meanwhile: lock the new file
            continue
        os.close(handle)
        if time.monotonic() >= deadline:
            raise Busy(str(path))
        time.sleep(POLL_SECONDS)


def _still_named(path: Path, handle: int) -> bool:
    """Whether ``path`` still names the file ``handle`` has open."""
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(handle)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def _release(handle: int) -> None:
    try:
        _unlock(handle)
    finally:
        os.close(handle)


if sys.platform == "win32":
    import msvcrt

    def _try(handle: int) -> bool:
        """The file's first byte locked, without waiting; whether it was."""
        os.lseek(handle, 0, os.SEEK_SET)
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: int) -> None:
        os.lseek(handle, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try(handle: int) -> bool:
        """The file locked whole, without waiting; whether it was. A file system that
        cannot lock at all (some network shares) counts as locked: writing goes on as it
        would without a lock, rather than never."""
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            return exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES)
        return True

    def _unlock(handle: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(handle, fcntl.LOCK_UN)

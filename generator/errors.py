"""Diagnostics a clerk can act on: file, line, column, field path, Vietnamese message, hint.

Every stage reports problems as :class:`Diagnostic` values instead of raising at the first
one, so that ``kehoach validate`` shows everything wrong with a plan in one run. Only the CLI
turns them into exit codes.
"""

from __future__ import annotations

import errno
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

PathPart = str | int
FieldPath = tuple[PathPart, ...]
"""Where a value sits in a plan: YAML keys and 0-based list indexes, ``("nhiem_vu", 1)``."""


class Severity(StrEnum):
    """How bad a problem is: errors stop a build, warnings do not unless ``--strict``."""

    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True)
class Place:
    """Where a value sits in a file: ``file:line:col`` and its field path."""

    file: str = ""
    line: int | None = None
    column: int | None = None
    path: FieldPath = ()

    def where(self) -> str:
        """``file:line:col`` (what is known of it)."""
        where = self.file or "<kế hoạch>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def format(self) -> str:
        """``file:line:col path``."""
        return f"{self.where()} {format_path(self.path)}".rstrip()


@dataclass(frozen=True)
class Diagnostic:
    """One problem, located as precisely as the input allows.

    ``related`` is the other place a problem is about: in a lower-level plan checked against
    its parent, the parent's line the child's value conflicts with.
    """

    message: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    path: FieldPath = ()
    severity: Severity = Severity.ERROR
    hint: str = ""
    related: Place | None = None

    def format(self) -> str:
        """Render as ``file:line:col: lỗi: path: message`` plus indented related and hint lines."""
        where = Place(self.file, self.line, self.column).where()
        field = f" {format_path(self.path)}:" if self.path else ""
        text = f"{where}: {self.severity.value}:{field} {self.message}"
        if self.related is not None:
            text += f"\n    cấp trên: {self.related.format()}"
        if self.hint:
            text += f"\n    gợi ý: {self.hint}"
        return text


def format_path(path: Sequence[PathPart]) -> str:
    """Render a field path the way a clerk reads YAML: ``nhiem_vu[2].chu_tri``.

    Indexes are shown 1-based because clerks count list items from one.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out


class KeHoachError(Exception):
    """A user-facing failure carrying every diagnostic found; never a bug."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def has_errors(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    """Whether the diagnostics should stop the run (warnings count under ``--strict``)."""
    return any(strict or d.severity is Severity.ERROR for d in diagnostics)


_OS_REASONS = {
    "ENOENT": "không có tệp hay thư mục này",
    "EISDIR": "đây là một thư mục, không phải tệp",
    "ENOTDIR": "một phần của đường dẫn không phải thư mục",
    "EACCES": "không có quyền",
    "EPERM": "không được phép",
    "ENOSPC": "ổ đĩa hết chỗ trống",
    "EDQUOT": "hết hạn mức dung lượng của tài khoản",
    "EROFS": "ổ đĩa chỉ cho đọc",
    "EEXIST": "tệp đã có",
    "ENAMETOOLONG": "tên tệp hoặc đường dẫn quá dài",
    "EBUSY": "tệp đang được dùng",
    "ETXTBSY": "tệp đang được dùng",
    "EMFILE": "quá nhiều tệp đang mở",
    "EIO": "lỗi đọc/ghi của ổ đĩa",
    "ELOOP": "đường dẫn có liên kết trỏ vòng",
    "EFBIG": "tệp quá lớn",
    "EINVAL": "tên tệp hoặc thao tác không hợp lệ",
    "EXDEV": "không chuyển được tệp sang ổ đĩa khác",
}
_WINDOWS_IN_USE = (32, 33)
"""Windows' ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION: another program has the file
open (Word keeps a document it shows open)."""


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in Vietnamese: what the system said
    (``strerror`` is English, "Is a directory") as a clerk reads it."""
    if getattr(exc, "winerror", None) in _WINDOWS_IN_USE:
        return "tệp đang mở trong một chương trình khác (Word, Excel…)"
    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_REASONS.get(name) or f"lỗi hệ thống {name or exc.errno or type(exc).__name__}"


class TextLines:
    """Offsets into a text told as ``(line, column)``, both counted from 1, as editors do.

    The start of every line is found once; each offset is then placed by bisection, so a
    file with thousands of problems is not counted through from its start for each one.
    A line ends at ``\\n`` (so at ``\\r\\n`` too); the column counts characters, not bytes.
    """

    def __init__(self, text: str) -> None:
        self._starts = [0, *(found.end() for found in _NEWLINE.finditer(text))]

    def at(self, offset: int) -> tuple[int, int]:
        """The line and column of the character at ``offset`` (or just past the text)."""
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


_NEWLINE = re.compile("\n")

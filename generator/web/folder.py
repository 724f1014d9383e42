"""The folder ``kehoach serve`` works in: every file it reads or writes is inside it.

A name from a request is a relative path; it is refused when it climbs out (``..``, an
absolute path, a drive), when a link inside the folder points out of it, and when it is
not a plan (``.yaml``/``.yml``). A file's version is the hash of its bytes: a save names
the version it was made from, and a file changed since (another tab, an editor) is not
overwritten.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.inputs import read_input
from generator.load import MAX_BYTES

PLAN_SUFFIXES = (".yaml", ".yml")
MAX_LISTED = 500
"""Plans shown in the list; a folder with more is not a folder of plans."""


class OutsideFolder(ValueError):
    """A name that is not a plan inside the folder; its message is for the clerk."""


@dataclass(frozen=True)
class Folder:
    """The folder of plans, resolved once."""

    root: Path

    @classmethod
    def at(cls, path: Path) -> Folder:
        """The folder, its links resolved (so a file's real path can be compared to it)."""
        return cls(path.resolve())

    def plan(self, name: str) -> Path:
        """The plan named by a request, checked to be inside the folder."""
        return self.inside(name, PLAN_SUFFIXES)

    def inside(self, name: str, suffixes: tuple[str, ...]) -> Path:
        """A file named relative to the folder: never outside it, through ``..`` or a link."""
        pure = PurePosixPath(name.replace("\\", "/"))
        if not name or pure.is_absolute() or ".." in pure.parts or ":" in name or \
                "\0" in name:
            raise OutsideFolder(f"'{name}' không phải tên một tệp trong thư mục kế hoạch.")
        if pure.suffix.lower() not in suffixes:
            raise OutsideFolder(f"'{name}' không phải tệp kế hoạch ({', '.join(suffixes)}).")
        path = self.root.joinpath(*pure.parts)
        if not path.resolve().is_relative_to(self.root):
            raise OutsideFolder(f"'{name}' trỏ ra ngoài thư mục kế hoạch: không mở.")
        return path

    def name_of(self, path: Path) -> str:
        """The name a page uses for a file of the folder (``/``-separated)."""
        return path.relative_to(self.root).as_posix()

    def plans(self) -> list[Path]:
        """The plans in the folder and its subfolders, by name (links out of it left out)."""
        found: list[Path] = []
        for path in sorted(self.root.rglob("*")):
            if path.suffix.lower() in PLAN_SUFFIXES and path.is_file() and \
                    path.resolve().is_relative_to(self.root) and \
                    not any(p.startswith(".") for p in path.relative_to(self.root).parts):
                found.append(path)
                if len(found) >= MAX_LISTED:
                    break
        return found


def read_plan_bytes(path: Path) -> bytes:
    """A plan's bytes, its size checked before it is read (as ``load`` does)."""
    return read_input(path, MAX_BYTES, "tệp kế hoạch")


def version_of(data: bytes) -> str:
    """The version of a file's content: the same bytes, the same version."""
    return hashlib.sha256(data).hexdigest()[:20]

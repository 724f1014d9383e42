"""Atomic output: a failed run never leaves a broken, half-written or mixed set of files.

A single file (a schema, a starter plan, a diff) is written to a temporary file in its
folder and renamed over its target once complete.

A plan's files (DOCX, XLSX, PDF) are one set, replaced together or not at all: every file is
written complete to a temporary file beside its target first (:func:`stage`), then all are
renamed into place (:meth:`Staged.commit`). Each file a rename replaces (or the set drops) is
first renamed aside, and the ones set aside are deleted only once every rename succeeded; if
one fails, the files already placed are taken back and the old ones put back. So the folder
holds all of this build's files of a plan, or all of the last build's, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Diagnostic, KeHoachError, os_reason


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
        os.chmod(temp_name, 0o666 & ~UMASK)  # mkstemp makes 0600; outputs are shared
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


def _read_umask() -> int:
    """The process's umask. Reading it means setting it (to 0) and back, which would change
    the permissions of whatever another thread creates meanwhile (or a program it starts):
    so it is read once, here, as the module is imported, before kehoach starts any thread."""
    current = os.umask(0o077)  # if another thread did create a file now: private, not open
    os.umask(current)
    return current


UMASK = _read_umask()
"""The umask outputs are given permissions by (``0o666 & ~UMASK``, as ``open`` would)."""


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
        raise KeHoachError([_not_written(target, exc)]) from exc


def _not_written(target: Path, exc: OSError) -> Diagnostic:
    reason = os_reason(exc)
    hint = ("Đây là một thư mục: chọn tên tệp khác." if _is_dir(target) else
            "Kiểm tra thư mục đích có tồn tại, ghi được, còn chỗ trống, và tệp không đang "
            "mở trong chương trình khác.")
    return Diagnostic(f"Không ghi được tệp: {reason}.", str(target), hint=hint)


def _is_dir(path: Path) -> bool:
    """Whether a folder is there; a name the system refuses is not one."""
    try:
        return path.is_dir()
    except OSError:
        return False


def folder_problem(folder: Path) -> Diagnostic | None:
    """Why outputs cannot go into ``folder``, found before anything is written: the folder,
    or a folder above it, is a file (a ``-o`` naming a file, say)."""
    for above in (folder, *folder.parents):
        try:
            if above.is_dir():
                return None
            if above.exists():
                return Diagnostic(
                    f"Không ghi kết quả vào '{folder}' được: '{above}' là một tệp, không "
                    "phải thư mục.", str(above),
                    hint="Chọn thư mục kết quả (-o) khác, hoặc đổi tên tệp đó.")
        except OSError as exc:  # a name the system refuses: the write says why
            return _not_written(folder, exc)
    return None


def in_the_way(targets: Collection[Path]) -> list[Diagnostic]:
    """Targets that cannot be replaced by a file: a folder of that name, or an output folder
    that is a file. Found before anything is written, so the set is refused whole."""
    out: list[Diagnostic] = []
    for folder in dict.fromkeys(t.parent for t in targets):
        problem = folder_problem(folder)
        if problem is not None:
            return [problem]
    for target in targets:
        if _is_dir(target):
            out.append(Diagnostic(
                "Đã có một thư mục trùng tên tệp kết quả: không thay bằng tệp được.",
                str(target), hint="Đổi tên hoặc chuyển thư mục đó đi, hoặc chọn thư mục kết "
                                  "quả (-o) khác."))
    return out


def inputs_in_the_way(targets: Iterable[Path], inputs: Mapping[Path, str]) -> list[Diagnostic]:
    """Targets that are one of the inputs (a plan, ``--data``, ``--template``): an output
    must never replace what it is built from. ``inputs`` maps each to what it is, for the
    message. The same file by any name counts (a link, another case on Windows)."""
    known = {identity: (path, role) for path, role in inputs.items()
             if (identity := _identity(path)) is not None}
    out = []
    for target in targets:
        found = known.get(_identity(target) or (-1, -1))
        if found is not None:
            path, role = found
            out.append(Diagnostic(
                f"Tệp kết quả trùng với {role} '{path}': kehoach không ghi đè tệp đầu vào.",
                str(target), hint="Chọn thư mục kết quả (-o) khác, hoặc đổi tên tệp đầu vào."))
    return out


def _identity(path: Path) -> tuple[int, int] | None:
    """The file a path names (device, inode), or ``None`` when there is none."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


@dataclass
class _Step:
    """One target during a commit: its old file set aside, whether the new one is placed."""

    target: Path
    aside: Path | None = None
    placed: bool = False


@dataclass
class Staged:
    """A set of outputs complete in temporary files beside their targets, not yet in place.

    ``removals`` are targets the set no longer has (a workbook of a plan that lost its
    appendix tables): they go with the commit, and come back if it fails.
    """

    temps: dict[Path, Path] = field(default_factory=dict)
    removals: list[Path] = field(default_factory=list)

    def add(self, target: Path, data: bytes) -> None:
        """One more file of the set (a batch's PDF, converted from the staged DOCX)."""
        with clerk_facing(target):
            self.temps[target] = Path(_complete_copy(target, data))

    def drop(self, target: Path) -> None:
        """A file left out of the set after all (the DOCX a PDF-only build converted)."""
        self.temps.pop(target).unlink(missing_ok=True)

    def commit(self) -> None:
        """Every temporary file renamed over its target, or none: on a failure the files
        placed are taken back, the old ones put back, and the error raised."""
        steps: list[_Step] = []
        try:
            for target in [*self.temps, *self.removals]:
                steps.append(_Step(target))
                steps[-1].aside = _set_aside(target)
                if target in self.temps:
                    os.replace(self.temps[target], target)
                    steps[-1].placed = True
        except BaseException as exc:
            kept = _restore(steps)
            self.discard()
            if isinstance(exc, OSError):
                raise KeHoachError([_not_written(steps[-1].target, exc), *kept]) from exc
            raise
        self.temps.clear()
        for step in steps:
            if step.aside is not None:
                step.aside.unlink(missing_ok=True)

    def discard(self) -> None:
        """The temporary files removed: nothing of the set is written."""
        for temp in self.temps.values():
            temp.unlink(missing_ok=True)
        self.temps.clear()


def _set_aside(target: Path) -> Path | None:
    """The file at ``target`` renamed to a hidden name beside it (to put back if the set
    fails, deleted once it succeeded); ``None`` when there is none."""
    if not os.path.lexists(target):
        return None
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".cu", dir=target.parent)
    os.close(handle)
    try:
        os.replace(target, name)
    except FileNotFoundError:  # gone meanwhile: nothing to keep
        Path(name).unlink(missing_ok=True)
        return None
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _restore(steps: list[_Step]) -> list[Diagnostic]:
    """Undo a commit, last step first; an old file that cannot be put back is said, with
    the name it is kept under."""
    kept = []
    for step in reversed(steps):
        try:
            if step.aside is not None:
                os.replace(step.aside, step.target)
            elif step.placed:
                step.target.unlink(missing_ok=True)
        except OSError as exc:
            kept.append(Diagnostic(
                f"Không đặt lại được tệp cũ ({os_reason(exc)}); tệp cũ vẫn còn, tên "
                f"'{step.aside}'.", str(step.target),
                hint=f"Đổi tên '{step.aside}' thành '{step.target.name}' để dùng lại."))
    return kept


def recover(targets: Iterable[Path]) -> None:
    """Undo, or finish, what a process killed while writing one plan's set left beside its
    targets. A temporary file still there means the commit had not placed every file: the
    temporary files go and the old files set aside come back, as a commit that fails puts
    them back. None left means every file was placed and only the clean-up was cut short:
    the old files set aside are deleted, so the new set stays whole. (The plans are then
    built again.)"""
    wanted = {Path(t).name: Path(t) for t in targets}
    leftovers: list[tuple[Path, Path, str]] = []
    for folder in {t.parent for t in wanted.values()}:
        if not _is_dir(folder):
            continue
        for left in folder.iterdir():
            name, _, kind = left.name[1:].rpartition(".")
            target = wanted.get(name.rpartition(".")[0])
            if left.name.startswith(".") and target is not None and target.parent == folder \
                    and kind in ("tmp", "cu"):
                leftovers.append((left, target, kind))
    unfinished = any(kind == "tmp" for _, _, kind in leftovers)
    for left, target, kind in leftovers:
        # best effort: the plans are built again next, and a file system refusing this
        # refuses that too, reported there with the plan's name
        with contextlib.suppress(OSError):
            if kind == "tmp" or not unfinished:
                left.unlink(missing_ok=True)
            else:
                os.replace(left, target)


def stage(files: Mapping[Path, bytes], removals: Iterable[Path] = ()) -> Staged:
    """Every file of a set written complete to a temporary file beside its target.

    A target that cannot be replaced (a folder of that name, an output folder that is a
    file) refuses the set before anything is written; a write that fails removes what was
    written and raises.
    """
    problems = in_the_way(list(files))
    if problems:
        raise KeHoachError(problems)
    staged = Staged(removals=[p for p in removals if p not in files and os.path.isfile(p)])
    try:
        for target, data in files.items():
            staged.add(target, data)
    except BaseException:
        staged.discard()
        raise
    return staged


def write_set(files: Mapping[Path, bytes], removals: Iterable[Path] = ()) -> None:
    """A plan's files replaced together, and ``removals`` removed with them, or nothing."""
    stage(files, removals).commit()

"""Every file kehoach writes: whole or not at all, never over an input, never renamed over
something that is not a regular file, and a plan's files as one set.

A single file (a schema, a starter plan, a diff, a redline, a repaired copy, a derived plan)
goes through :func:`write_file`: complete in a temporary file in its folder, then renamed
over its target; a FIFO or a device (``-o /dev/stdout``) is written in place instead.

A plan's files (DOCX, XLSX, PDF) are one set, replaced together or not at all
(:func:`write_set`): every file is written complete to a temporary file beside its target
first, then all are renamed into place. Each file a rename replaces (or the set drops) is
first renamed aside, and the ones set aside are deleted only once every rename succeeded; if
one fails, the files already placed are taken back and the old ones put back. A set is
written holding its lock, and what a killed run left of it is finished or undone first. So
the folder holds all of one build's files of a plan, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import sys
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator import locks
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


def write_file(target: Path, data: bytes | str, inputs: Mapping[Path, str] | None = None,
               *, overwrite: bool = True) -> None:
    """The one way a command writes a single file: a schema, a starter plan, a diff report,
    a redline, a repaired copy, a derived plan. (A plan's files go together: :func:`write_set`.)

    Refused, before anything is written: a target that is one of the command's ``inputs``
    (each mapped to what it is, for the message), a folder, a link to nothing. A regular file
    is replaced whole (a temporary file renamed over it; through a link, the file it names);
    a target that is not a regular file is never renamed over: a FIFO or a character device
    (``/dev/null``, ``/dev/stdout``) is written in place, anything else refused. Without
    ``overwrite`` a file is only ever created: :class:`FileExistsError` if the name is taken.
    A failure the clerk can fix is a located :class:`KeHoachError`.
    """
    target = Path(target)
    content = data.encode("utf-8") if isinstance(data, str) else data
    problems = inputs_in_the_way([target], inputs or {}) or in_the_way([target])
    if problems:
        raise KeHoachError(problems)
    with clerk_facing(target, "chạy lại lệnh"):
        if not overwrite:
            _write_new(target, content)
        elif not _written_in_place(target, content):
            _replace(_real(target), content)


def _write_new(target: Path, data: bytes) -> None:
    """A new file, never replacing one that exists, even one another program creates
    meanwhile: complete in a temporary file, then linked to its name (which fails if the
    name is taken). A file system that has no hard links (a USB stick or memory card in
    FAT32 or exFAT, many network shares, on Windows as elsewhere) takes the name first,
    created only if free, then the complete file renamed over it."""
    temp_name = _complete_copy(target, data)
    try:
        try:
            os.link(temp_name, target)
        except FileExistsError:
            raise
        except OSError:  # no hard links here: a name taken by another is still refused
            _claim(target)
            try:
                os.replace(temp_name, target)
            except BaseException:
                target.unlink(missing_ok=True)  # the empty file claimed, nobody else's
                raise
    finally:
        Path(temp_name).unlink(missing_ok=True)


def _claim(target: Path) -> None:
    """An empty ``target`` made, only if no file has that name (:class:`FileExistsError`)."""
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o666))


def _replace(target: Path, data: bytes) -> None:
    """``data`` complete in a temporary file beside ``target``, renamed over it."""
    temp_name = _complete_copy(target, data)
    try:
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _written_in_place(target: Path, data: bytes) -> bool:
    """Whether ``target`` is a FIFO or a character device, now written in place. Something
    else that is not a regular file (a disk, a socket) is refused; a regular file or
    nothing at all is left to the rename (``False``)."""
    try:
        found = os.stat(target)
    except FileNotFoundError:
        if os.path.islink(target):
            raise KeHoachError([Diagnostic(
                "Tệp kết quả là một liên kết (symlink) trỏ đến chỗ không có.", str(target),
                hint="Xóa liên kết hoặc chọn tên tệp khác.")]) from None
        return False
    if stat.S_ISREG(found.st_mode):
        return False
    if not (stat.S_ISFIFO(found.st_mode) or stat.S_ISCHR(found.st_mode)):
        raise KeHoachError([Diagnostic(
            "Tệp kết quả không phải một tệp thường (là ổ đĩa, socket…): kehoach không ghi "
            "vào đó.", str(target), hint="Chọn tên một tệp thường.")])
    handle = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0))  # never creates
    with contextlib.suppress(BrokenPipeError), os.fdopen(handle, "wb") as stream:
        stream.write(data)  # a reader that stopped (| head) ends it, as for any pipe
    return True


def _real(target: Path) -> Path:
    """The file a link names (replacing the link would leave the file unchanged and the
    link gone); any other path as it is."""
    return Path(os.path.realpath(target)) if os.path.islink(target) else target


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
def clerk_facing(target: Path, again: str = "dựng lại") -> Iterator[None]:
    """An output that cannot be written (a folder of that name, no permission, a full disk,
    a file open in Word) is the clerk's to fix: a located error, not a crash; ``again`` is
    what the clerk does once it is fixed. A file that exists where a new one was asked for
    (:class:`FileExistsError`) passes through for the caller to word."""
    try:
        yield
    except FileExistsError:
        raise
    except OSError as exc:
        raise KeHoachError([_not_written(target, exc, again)]) from exc


SHARING_VIOLATIONS = (5, 32, 33)
"""Windows' errors for a file another program holds open (access denied, sharing and lock
violations): Word keeps the document it shows open, so it cannot be replaced."""


def _held_open(exc: OSError) -> bool:
    """Whether ``exc`` is Windows refusing to touch a file another program has open."""
    return getattr(exc, "winerror", None) in SHARING_VIOLATIONS or (
        sys.platform == "win32" and isinstance(exc, PermissionError))


OPENED_IN = {".docx": "Word", ".doc": "Word", ".xlsx": "Excel", ".xls": "Excel",
             ".pdf": "chương trình xem PDF"}
"""The program a clerk has a file of that kind open in, named in what to close."""


def _not_written(target: Path, exc: OSError, again: str = "dựng lại") -> Diagnostic:
    if _held_open(exc):
        program = OPENED_IN.get(target.suffix.lower(), "chương trình đang mở nó")
        return Diagnostic(
            "Tệp đang mở trong chương trình khác (Word, Excel…) nên không thay được; không "
            "tệp nào bị đổi.", str(target),
            hint=f"Đóng tệp {target.name} trong {program} rồi {again}.")
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
        try:  # one question: asked twice ("a folder?", "anything?"), another process
            found = os.stat(above)  # making the folder in between made it "a file"
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:  # a name the system refuses: the write says why
            return _not_written(folder, exc)
        if stat.S_ISDIR(found.st_mode):
            return None
        return Diagnostic(
            f"Không ghi kết quả vào '{folder}' được: '{above}' là một tệp, không phải thư "
            "mục.", str(above), hint="Chọn thư mục kết quả (-o) khác, hoặc đổi tên tệp đó.")
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
                str(target), hint="Chọn tệp hay thư mục kết quả (-o) khác, hoặc đổi tên tệp "
                                  "đầu vào."))
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
    """One target during a commit: the name its old file goes to (``None``: it had none)."""

    target: Path
    aside: Path | None = None


@dataclass
class _Staged:
    """A set of outputs complete in temporary files beside their targets, not yet in place.

    ``removals`` are targets the set no longer has (a workbook of a plan that lost its
    appendix tables): they go with the commit, and come back if it fails.
    """

    temps: dict[Path, Path] = field(default_factory=dict)
    removals: list[Path] = field(default_factory=list)

    def commit(self) -> None:
        """Every temporary file renamed over its target, or none: on a failure (or an
        interruption, between any two steps) the files placed are taken back, the old ones
        put back, and the error raised."""
        steps: list[_Step] = []
        try:
            for target in [*self.temps, *self.removals]:
                steps.append(_Step(target, _aside_name(target)))  # said before it is done
                if steps[-1].aside is not None:
                    os.replace(target, steps[-1].aside)
                if target in self.temps:
                    os.replace(self.temps[target], target)
        except BaseException as exc:
            kept = _restore(steps, self.temps)
            self.discard()
            if isinstance(exc, OSError):
                raise KeHoachError([_not_written(steps[-1].target, exc), *kept]) from exc
            raise
        self.temps.clear()
        _remove_asides(steps)

    def discard(self) -> None:
        """The temporary files removed: nothing of the set is written."""
        for temp in self.temps.values():
            temp.unlink(missing_ok=True)
        self.temps.clear()


def _remove_asides(steps: list[_Step]) -> None:
    """The old files set aside deleted, the set being whole. Interrupted (Ctrl+C, SIGTERM),
    the rest are still deleted before the interruption goes on."""
    asides = [step.aside for step in steps if step.aside is not None]
    try:
        while asides:
            asides[0].unlink(missing_ok=True)
            asides.pop(0)
    finally:
        for aside in asides:
            aside.unlink(missing_ok=True)


def _aside_name(target: Path) -> Path | None:
    """A free hidden name beside ``target`` for its old file (put back if the set fails,
    deleted once it succeeded); ``None`` when there is no old file. Only the process holding
    the set's lock makes such names, and no placeholder file is made: a process killed here
    leaves nothing that could pass for the old file."""
    if not os.path.lexists(target):
        return None
    aside = target.with_name(f".{target.name}.{secrets.token_hex(4)}.cu")
    while os.path.lexists(aside):
        aside = target.with_name(f".{target.name}.{secrets.token_hex(4)}.cu")
    return aside


def _restore(steps: list[_Step], temps: Mapping[Path, Path]) -> list[Diagnostic]:
    """Undo a commit, last step first, by what the folder holds (an interruption may come
    between a rename and the note of it): an old file set aside goes back; a new file
    placed (its temporary file gone) without an old one is removed. An old file that
    cannot be put back is said, with the name it is kept under."""
    kept = []
    for step in reversed(steps):
        try:
            if step.aside is not None and os.path.lexists(step.aside):
                os.replace(step.aside, step.target)
            elif step.target in temps and not os.path.lexists(temps[step.target]):
                step.target.unlink(missing_ok=True)
        except OSError as exc:
            kept.append(Diagnostic(
                f"Không đặt lại được tệp cũ ({os_reason(exc)}); tệp cũ vẫn còn, tên "
                f"'{step.aside}'.", str(step.target),
                hint=f"Đổi tên '{step.aside}' thành '{step.target.name}' để dùng lại."))
    return kept


def recover(targets: Iterable[Path]) -> None:
    """Undo, or finish, what a process killed while writing a set left beside its targets
    (called with the set's lock held, so nothing found is another live process's).

    A temporary file still there means the commit had not placed every file: the
    temporary files go and the old files set aside come back, as a commit that fails puts
    them back. None left means every file was placed and only the clean-up was cut short:
    the old files set aside are deleted, so the new set stays whole."""
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
        if kind == "tmp" or not unfinished:
            left.unlink(missing_ok=True)
        else:
            os.replace(left, target)


def _stage(files: Mapping[Path, bytes], removals: Iterable[Path]) -> _Staged:
    """Every file of a set written complete to a temporary file beside its target; a
    write that fails removes what was written and raises."""
    staged = _Staged(removals=[p for p in removals if p not in files and os.path.isfile(p)])
    try:
        for target, data in files.items():
            with clerk_facing(target):
                staged.temps[target] = Path(_complete_copy(target, data))
    except BaseException:
        staged.discard()
        raise
    return staged


SET_WAIT_SECONDS = 30.0
"""How long a build waits for another process writing the same plan's set into the same
folder (a set takes well under a second to write) before it gives up, writing nothing."""


def write_set(files: Mapping[Path, bytes], removals: Iterable[Path] = (),
              family: Iterable[Path] = ()) -> None:
    """A plan's files replaced together, and ``removals`` removed with them, or nothing.

    Refused before anything is written when a target cannot be replaced (a folder of that
    name, an output folder that is a file). The set is written holding its lock (one per
    plan and folder: :func:`set_lock`), so two builds of one plan into one folder never mix
    their files; under it, what an earlier killed run left of the set — of any of its
    files, ``family`` being the ones this build does not write — is first finished or
    undone (:func:`recover`).
    """
    problems = in_the_way(list(files))
    if problems:
        raise KeHoachError(problems)
    every = [*files, *removals, *family]
    with set_lock(every):
        with clerk_facing(every[0]):
            recover(every)
        _stage(files, removals).commit()


@contextlib.contextmanager
def set_lock(targets: Iterable[Path]) -> Iterator[None]:
    """The lock of each set ``targets`` belong to (a hidden ``.NAME.lock`` per folder and
    file name without its suffix), held for the ``with`` block; another process holding one
    longer than :data:`SET_WAIT_SECONDS` is said in Vietnamese."""
    names = sorted({t.parent / f".{t.stem}.lock" for t in targets})
    with contextlib.ExitStack() as stack:
        for name in names:
            with clerk_facing(name):
                name.parent.mkdir(parents=True, exist_ok=True)
            try:
                with clerk_facing(name):
                    stack.enter_context(locks.held(name, SET_WAIT_SECONDS))
            except locks.Busy:
                raise KeHoachError([Diagnostic(
                    f"Một lệnh kehoach khác đang ghi các tệp '{name.parent / name.stem[1:]}.*' "
                    f"(đã chờ {SET_WAIT_SECONDS:g} giây): không ghi gì.", str(name.parent),
                    hint="Chờ lệnh kia xong rồi dựng lại; đừng dựng một kế hoạch vào cùng "
                         "một thư mục từ hai cửa sổ cùng lúc.")]) from None
        yield

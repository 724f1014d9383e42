"""Where a plan's text comes from: a file, or a file as a git revision holds it.

``kehoach diff HEAD~1:data/x.yaml data/x.yaml`` compares a plan with its last committed
version, as ``git show`` names it. A name is read from git only when no file has that name
and it has the form ``REV:path``; the path is taken from the current folder, as in
``git show REV:./path``. A plan read from git keeps its place in the working tree for its
parent link (``ke_hoach_cap_tren`` is read from the working tree).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePath

from generator.errors import Diagnostic, KeHoachError
from generator.load import YamlDocument, load_bytes

GIT_TIMEOUT_S = 30


@dataclass(frozen=True)
class PlanSource:
    """A plan to load: where it sits (for its parent link) and, from git, its document."""

    path: Path
    document: YamlDocument | None = None


def _names_a_file(name: str) -> bool:
    """Whether a file has that name (a name too long for the system names none)."""
    try:
        return Path(name).exists()
    except OSError:
        return False


def git_spec(name: str) -> tuple[str, str] | None:
    """``REV:path`` split in two, when ``name`` names no file and has that form."""
    if _names_a_file(name) or ":" not in name:
        return None
    revision, _, path = name.partition(":")
    if not revision or not path or len(revision) == 1:  # "C:\\…" is a Windows drive
        return None
    return revision, path


def read_source(name: str) -> PlanSource:
    """The plan a command-line name means: a file, or ``REV:path`` read through git."""
    if "\x00" in name:
        raise KeHoachError([Diagnostic("Tên tệp có ký tự NUL (\\x00): không tệp nào có tên "
                                       "như vậy.", name.replace("\x00", "\\x00"),
                                       hint="Gõ lại tên tệp.")])
    spec = git_spec(name)
    if spec is None:
        return PlanSource(Path(name))
    revision, path = spec
    if revision.startswith("-"):  # git would take it for one of its options
        raise KeHoachError([Diagnostic(
            f"'{revision}' không phải tên phiên bản git: tên phiên bản không bắt đầu bằng "
            "dấu '-'.", name, hint="Ví dụ: HEAD~1:ke-hoach.yaml, main:ke-hoach.yaml; tệp có "
                                   "tên bắt đầu bằng '-' thì ghi ./-ten-tep.yaml.")])
    raw = _git_show(name, revision, path)
    return PlanSource(Path(path), load_bytes(raw, name))


def _from_here(path: str) -> str:
    """A path as ``git show`` reads it from the current folder (``./…``); an absolute
    path is made relative to it."""
    given = Path(path)
    if given.is_absolute():
        try:
            given = Path(os.path.relpath(given))
        except ValueError:  # Windows: another drive than the current folder's
            raise KeHoachError([Diagnostic(
                "Tệp ở ổ đĩa khác với thư mục đang đứng: git không đọc được.", path,
                hint="Chuyển vào thư mục của kho git (cd) rồi chạy lại.")]) from None
    return git_path(given)


def git_path(path: PurePath) -> str:
    """``path`` (relative) as git names it on every system: ``./data/x.yaml``, with forward
    slashes even where the clerk typed ``data\\x.yaml`` on Windows."""
    text = path.as_posix()
    return text if text.startswith(("./", "../")) else f"./{text}"


def _git_show(name: str, revision: str, path: str) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise KeHoachError([Diagnostic(
            "Không tìm thấy tệp, và máy không có git để đọc phiên bản cũ.", name,
            hint="Dạng PHIÊN_BẢN:đường/dẫn.yaml cần git; hoặc lưu bản cũ ra một tệp.")])
    relative = _from_here(path)
    try:
        done = subprocess.run([git, "show", "--end-of-options", f"{revision}:{relative}"],
                              capture_output=True, timeout=GIT_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise KeHoachError([Diagnostic("git không trả lời.", name)]) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise KeHoachError([Diagnostic(
            f"Không đọc được '{path}' ở phiên bản '{revision}' trong git"
            + (f": {said[-1]}" if said else "."), name,
            hint="Kiểm tra tên phiên bản (HEAD~1, tên nhánh, mã commit) và đường dẫn tệp "
                 "tính từ thư mục hiện tại.")])
    return done.stdout

"""Outputs are whole or absent: atomic replacement, and new files that never replace one."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from generator.errors import KeHoachError
from generator.outputs import (
    inputs_in_the_way,
    recover,
    write_bytes_atomic,
    write_set,
    write_text_new,
)


def test_a_replaced_output_is_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "ke-hoach.docx"
    write_bytes_atomic(target, b"cu")
    write_bytes_atomic(target, b"moi")
    assert target.read_bytes() == b"moi"
    assert [p.name for p in target.parent.iterdir()] == ["ke-hoach.docx"]


def test_a_new_file_never_replaces_an_existing_one(tmp_path: Path) -> None:
    target = tmp_path / "xa.yaml"
    write_text_new(target, "đầu tiên\n")
    with pytest.raises(FileExistsError):
        write_text_new(target, "thứ hai\n")
    assert target.read_text(encoding="utf-8") == "đầu tiên\n"
    assert [p.name for p in tmp_path.iterdir()] == ["xa.yaml"]


def test_outputs_get_the_umask_read_once_never_set_while_writing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the umask sets it (to read it) and back: done for each file, it opened a window
    in which a file another thread made (the PDF conversion runs in threads) or a program it
    started took the wrong permissions."""
    from generator import outputs

    def never(mask: int) -> int:
        raise AssertionError(f"os.umask({mask:o}) called while writing")

    monkeypatch.setattr(os, "umask", never)
    write_bytes_atomic(tmp_path / "a.docx", b"a")
    write_text_new(tmp_path / "b.yaml", "b")
    for name in ("a.docx", "b.yaml"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~outputs.UMASK, name


# --- A plan's files as one set --------------------------------------------------------------

OLD = {"ke-hoach.docx": b"docx cu", "ke-hoach.xlsx": b"xlsx cu", "ke-hoach.pdf": b"pdf cu"}


def _old_build(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    for name, data in OLD.items():
        (folder / name).write_bytes(data)


def _new_set(folder: Path) -> dict[Path, bytes]:
    """A new DOCX and XLSX over the old ones, a file the folder did not have, and (given as
    a removal) the old PDF dropped."""
    return {folder / "ke-hoach.docx": b"docx moi", folder / "ke-hoach.xlsx": b"xlsx moi",
            folder / "ke-hoach-2.pdf": b"pdf moi"}


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _failing_replace(monkeypatch: pytest.MonkeyPatch, failing: set[int]) -> list[tuple[str, str]]:
    """``os.replace`` failing (no space left) on the calls numbered in ``failing``."""
    real, calls = os.replace, []

    def replace(source: Any, target: Any) -> None:
        calls.append((str(source), str(target)))
        if len(calls) in failing:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    return calls


def test_a_set_replaces_its_files_and_drops_what_it_no_longer_has(tmp_path: Path) -> None:
    _old_build(tmp_path)
    write_set(_new_set(tmp_path), [tmp_path / "ke-hoach.pdf"])
    assert _contents(tmp_path) == {"ke-hoach-2.pdf": b"pdf moi", "ke-hoach.docx": b"docx moi",
                                   "ke-hoach.xlsx": b"xlsx moi"}


# Renames of a commit: the old DOCX aside (1), the new DOCX in (2), the old XLSX aside (3),
# the new XLSX in (4), the new PDF in (5, nothing to set aside), the dropped PDF aside (6).
@pytest.mark.parametrize("failing", range(1, 7))
def test_a_rename_that_fails_puts_every_old_file_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int) -> None:
    _old_build(tmp_path)
    calls = _failing_replace(monkeypatch, {failing})
    with pytest.raises(KeHoachError) as info:
        write_set(_new_set(tmp_path), [tmp_path / "ke-hoach.pdf"])
    assert len([c for c in calls if not c[0].endswith(".cu")]) == failing  # failed, undone
    assert _contents(tmp_path) == OLD  # no new file, no temporary or set-aside file left
    [said] = info.value.diagnostics
    assert said.message == "Không ghi được tệp: ổ đĩa hết chỗ trống."
    assert said.file == str(tmp_path / ["ke-hoach.docx", "ke-hoach.docx", "ke-hoach.xlsx",
                                        "ke-hoach.xlsx", "ke-hoach-2.pdf",
                                        "ke-hoach.pdf"][failing - 1])


def test_an_old_file_that_cannot_be_put_back_is_named_where_it_is_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The XLSX fails to go in (4), and putting the old DOCX back fails too (6): the old
    DOCX is not lost, and the clerk is told its name."""
    _old_build(tmp_path)
    _failing_replace(monkeypatch, {4, 6})
    with pytest.raises(KeHoachError) as info:
        write_set(_new_set(tmp_path), [tmp_path / "ke-hoach.pdf"])
    failed, kept = info.value.diagnostics
    assert failed.file == str(tmp_path / "ke-hoach.xlsx")
    assert kept.file == str(tmp_path / "ke-hoach.docx")
    [aside] = [p for p in tmp_path.iterdir() if p.name.startswith(".ke-hoach.docx.")]
    assert aside.read_bytes() == b"docx cu" and f"'{aside}'" in kept.message
    assert (tmp_path / "ke-hoach.xlsx").read_bytes() == b"xlsx cu"


def test_a_folder_in_the_way_refuses_the_set_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "ke-hoach.xlsx").mkdir()
    with pytest.raises(KeHoachError) as info:
        write_set(_new_set(tmp_path))
    [said] = info.value.diagnostics
    assert said.file == str(tmp_path / "ke-hoach.xlsx") and "thư mục" in said.message
    assert [p.name for p in tmp_path.iterdir()] == ["ke-hoach.xlsx"]


def test_an_output_folder_that_is_a_file_is_said_once(tmp_path: Path) -> None:
    blocker = tmp_path / "ket-qua"
    blocker.write_bytes(b"")
    with pytest.raises(KeHoachError) as info:
        write_set({blocker / "sub" / "a.docx": b"1", blocker / "sub" / "a.xlsx": b"2"})
    [said] = info.value.diagnostics
    assert said.file == str(blocker) and "là một tệp, không phải thư mục" in said.message
    assert [p.name for p in tmp_path.iterdir()] == ["ket-qua"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes into a read-only folder; see the test below")
def test_a_folder_without_write_permission_is_a_clear_error(tmp_path: Path) -> None:
    _old_build(tmp_path)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(KeHoachError) as info:
            write_set(_new_set(tmp_path))
    finally:
        tmp_path.chmod(0o755)
    assert "Không ghi được tệp" in info.value.diagnostics[0].message
    assert _contents(tmp_path) == OLD


def test_a_write_refused_by_the_system_removes_what_was_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a folder without write permission does, for a run as root (where chmod does
    not stop writes): the second temporary file is refused, the first is removed."""
    import tempfile

    _old_build(tmp_path)
    real, made = tempfile.mkstemp, []

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if made:
            raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(KeHoachError) as info:
        write_set(_new_set(tmp_path))
    [said] = info.value.diagnostics
    assert said.message == "Không ghi được tệp: không có quyền."
    assert said.file == str(tmp_path / "ke-hoach.xlsx")
    assert _contents(tmp_path) == OLD


def test_an_output_that_is_an_input_by_any_name_is_found(tmp_path: Path) -> None:
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text("x", encoding="utf-8")
    (tmp_path / "out").mkdir()
    os.link(plan, tmp_path / "out" / "ke-hoach.docx")
    found = inputs_in_the_way([tmp_path / "out" / "ke-hoach.docx",
                               tmp_path / "out" / "ke-hoach.xlsx"], {plan: "kế hoạch"})
    assert [d.message for d in found] == [
        f"Tệp kết quả trùng với kế hoạch '{plan}': kehoach không ghi đè tệp đầu vào."]


def test_what_a_killed_process_left_is_undone(tmp_path: Path) -> None:
    """A worker killed mid-commit: the new DOCX in, the old one set aside, a temporary
    workbook written. The old DOCX comes back, the temporary file goes, others' files stay."""
    (tmp_path / "ke-hoach.docx").write_bytes(b"docx moi")
    (tmp_path / ".ke-hoach.docx.ab12cd34.cu").write_bytes(b"docx cu")
    (tmp_path / ".ke-hoach.xlsx.x_9z8y7w.tmp").write_bytes(b"xlsx do dang")
    (tmp_path / ".khac.docx.ab12cd34.tmp").write_bytes(b"cua ke hoach khac")
    recover([tmp_path / "ke-hoach.docx", tmp_path / "ke-hoach.xlsx"])
    assert _contents(tmp_path) == {".khac.docx.ab12cd34.tmp": b"cua ke hoach khac",
                                   "ke-hoach.docx": b"docx cu"}


def test_a_set_whose_files_were_all_placed_is_finished_not_undone(tmp_path: Path) -> None:
    """Killed after the last rename, while deleting the old files set aside: the new set is
    whole, so the old files go (putting them back would mix old and new)."""
    (tmp_path / "ke-hoach.docx").write_bytes(b"docx moi")
    (tmp_path / "ke-hoach.xlsx").write_bytes(b"xlsx moi")
    (tmp_path / ".ke-hoach.xlsx.q1w2e3r4.cu").write_bytes(b"xlsx cu")
    recover([tmp_path / "ke-hoach.docx", tmp_path / "ke-hoach.xlsx"])
    assert _contents(tmp_path) == {"ke-hoach.docx": b"docx moi", "ke-hoach.xlsx": b"xlsx moi"}

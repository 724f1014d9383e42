"""Outputs are whole or absent: atomic replacement, and new files that never replace one."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import KeHoachError
from generator.outputs import inputs_in_the_way, recover, write_file, write_set
from tests.conftest import FIXTURES, ROOT


def test_a_replaced_output_is_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "ke-hoach.docx"
    write_file(target, b"cu")
    write_file(target, b"moi")
    assert target.read_bytes() == b"moi"
    assert [p.name for p in target.parent.iterdir()] == ["ke-hoach.docx"]


def test_a_new_file_never_replaces_an_existing_one(tmp_path: Path) -> None:
    target = tmp_path / "xa.yaml"
    write_file(target, "đầu tiên\n", overwrite=False)
    with pytest.raises(FileExistsError):
        write_file(target, "thứ hai\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == "đầu tiên\n"
    assert [p.name for p in tmp_path.iterdir()] == ["xa.yaml"]


@pytest.mark.parametrize("refusal", [errno.EPERM, errno.EOPNOTSUPP, errno.EINVAL])
@pytest.mark.windows_macos
def test_a_new_file_is_written_where_the_disk_has_no_hard_links(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refusal: int) -> None:
    """A USB stick in FAT32 or exFAT, or a network share, has no hard links (Linux says
    EPERM or EOPNOTSUPP, Windows ERROR_INVALID_FUNCTION, read as EINVAL): 'kehoach new' and
    'derive' there made nothing. The new file is written whole, and a name already taken is
    still refused."""
    def no_links(source: Any, target: Any) -> None:
        raise OSError(refusal, os.strerror(refusal))

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "USB" / "xa.yaml"
    write_file(target, "đầu tiên\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == "đầu tiên\n"
    with pytest.raises(FileExistsError):
        write_file(target, "thứ hai\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == "đầu tiên\n"
    assert [p.name for p in target.parent.iterdir()] == ["xa.yaml"]


@pytest.mark.windows_macos
def test_kehoach_new_writes_its_starter_where_the_disk_has_no_hard_links(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(source: Any, target: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    code, said = _run("new", tmp_path / "ke-hoach.yaml")
    assert code == 0, said
    assert _run("validate", tmp_path / "ke-hoach.yaml")[0] == 0
    code, said = _run("new", tmp_path / "ke-hoach.yaml")
    assert code == 1 and "--ghi-de" in said


def test_outputs_get_the_umask_read_once_never_set_while_writing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the umask sets it (to read it) and back: done for each file, it opened a window
    in which a file another thread made (the PDF conversion runs in threads) or a program it
    started took the wrong permissions."""
    from generator import outputs

    def never(mask: int) -> int:
        raise AssertionError(f"os.umask({mask:o}) called while writing")

    monkeypatch.setattr(os, "umask", never)
    write_file(tmp_path / "a.docx", b"a")
    write_file(tmp_path / "b.yaml", "b", overwrite=False)
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


# --- A target that is not a regular file ----------------------------------------------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and sockets are POSIX")


@posix_only
def test_a_fifo_target_is_written_in_place_never_renamed_over(tmp_path: Path) -> None:
    """``kehoach schema -o FIFO`` renamed a regular file over the FIFO (as root, over
    /dev/null and /dev/stdout too): the FIFO stays, and whoever reads it gets the schema."""
    import threading

    fifo = tmp_path / "ong"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = CliRunner().invoke(main, ["schema", "-o", str(fifo)])
    reader.join(10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b'"$schema"' in got[0]
    assert [p.name for p in tmp_path.iterdir()] == ["ong"]  # no temporary file left


@posix_only
def test_dev_null_by_a_link_is_written_in_place_and_the_link_kept(tmp_path: Path) -> None:
    """The real /dev/null is never a test's target: a link to it stands for it. Renaming
    over the link (what replaced /dev/null itself when named directly) would turn the link
    into a regular file."""
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    write_file(link, "bỏ đi")
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="only root makes device nodes")
def test_a_device_node_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    """A device node of /dev/null's numbers, made in the test's folder: as root, the old
    code replaced such a node with a regular file."""
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    write_file(node, "bỏ đi")
    assert stat.S_ISCHR(os.lstat(node).st_mode)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="only root makes device nodes")
def test_every_single_file_output_onto_dev_null_leaves_it_a_device(tmp_path: Path) -> None:
    """Issue 18: run as root, ``schema -o /dev/null``, ``diff … -o /dev/null`` and the other
    single-file outputs replaced the system's /dev/null with a regular file. Each command,
    through the CLI, writes onto a node of /dev/null's numbers made in the test's folder
    (never the real one): every node is still a character device afterwards."""
    from tests.conftest import EXAMPLES, build_docx
    from tests.diff.scenarios import write_pair
    from tests.helpers.builders import district_file

    old, new = write_pair("sua-nhiem-vu", tmp_path)
    parent = district_file(tmp_path)
    word = build_docx(EXAMPLES / "ia-ake-2024.yaml", tmp_path / "w")
    commands = {
        "null.json": ["schema", "-o"],
        "null.txt": ["diff", str(old), str(new), "-o"],
        "null.docx": ["diff", str(old), str(new), "--docx"],
        "new.yaml": ["new", "--ghi-de"],
        "fixed.docx": ["check", "--fix", str(word), "-o"],
        "child.yaml": ["derive", str(parent), "--don-vi", "Xã Ia Ake", "--cap", "xa",
                       "--ghi-de", "-o"],
    }
    for name, args in commands.items():
        node = tmp_path / name
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        result = CliRunner().invoke(main, [*args, str(node)])
        assert result.exit_code == 0, (name, result.output)
        assert stat.S_ISCHR(os.lstat(node).st_mode), name
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file


@posix_only
def test_o_dev_stdout_prints(tmp_path: Path) -> None:
    """``-o /dev/stdout`` (here a link to it, so that a broken build cannot replace the
    system's /dev/stdout) prints what would be written."""
    link = tmp_path / "stdout"
    link.symlink_to("/dev/stdout")
    run = subprocess.run([sys.executable, "-m", "generator", "schema", "-o", str(link)],
                         capture_output=True, check=False, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr
    assert "$schema" in json.loads(run.stdout)  # the schema alone: "Đã ghi" goes to stderr
    assert link.is_symlink()


@posix_only
def test_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(KeHoachError) as info:
            write_file(path, "x")
    assert "không phải một tệp thường" in info.value.diagnostics[0].message
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


@posix_only
def test_a_link_to_a_file_is_written_through_and_a_dangling_link_refused(
        tmp_path: Path) -> None:
    real = tmp_path / "that.json"
    real.write_text("cũ", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_file(link, "mới")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "mới"
    dangling = tmp_path / "hong.json"
    dangling.symlink_to(tmp_path / "khong-co" / "x.json")
    with pytest.raises(KeHoachError) as info:
        write_file(dangling, "mới")
    assert "trỏ đến chỗ không có" in info.value.diagnostics[0].message
    assert dangling.is_symlink()


# --- Never over an input ----------------------------------------------------------------------


def _run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stderr


def test_diff_never_writes_over_either_plan(tmp_path: Path) -> None:
    """``diff a.yaml b.yaml -o b.yaml`` replaced the new plan with the report, ``--docx
    a.yaml`` the old one with a DOCX; both exited 0."""
    from tests.diff.scenarios import write_pair

    old, new = write_pair("sua-nhiem-vu", tmp_path)
    kept = {p: p.read_bytes() for p in (old, new)}
    code, said = _run("diff", old, new, "-o", new)
    assert code == 1 and "trùng với kế hoạch đem so sánh" in said
    code, said = _run("diff", old, new, "--docx", old)
    assert code == 1 and "kehoach không ghi đè tệp đầu vào" in said
    code, said = _run("diff", old, new, "-o", tmp_path / "r.docx", "--docx", tmp_path / "r.docx")
    assert code == 1 and "cùng ghi vào một tệp" in said
    assert {p: p.read_bytes() for p in (old, new)} == kept
    assert not (tmp_path / "r.docx").exists()


def test_diff_never_writes_over_a_parent(tmp_path: Path) -> None:
    from tests.helpers.builders import district_file

    parent = district_file(tmp_path)
    child = tmp_path / "xa" / "ia-ake.yaml"
    assert _run("derive", parent, "--don-vi", "Xã Ia Ake", "--cap", "xa", "-o", child)[0] == 0
    before = parent.read_bytes()
    code, said = _run("diff", child, child, "--docx", parent)
    assert code == 1 and "trùng với kế hoạch cấp trên" in said
    assert parent.read_bytes() == before


def test_diff_of_a_git_revision_never_writes_over_the_working_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``diff HEAD:KH.yaml KH.yaml -o KH.yaml``: the working copy is an input twice over."""
    from tests.render.test_diff import _committed

    plan = _committed(tmp_path)
    before = plan.read_bytes()
    monkeypatch.chdir(tmp_path)
    code, said = _run("diff", "HEAD:ke-hoach.yaml", "ke-hoach.yaml", "-o", "ke-hoach.yaml")
    assert code == 1 and "kehoach không ghi đè tệp đầu vào" in said
    assert plan.read_bytes() == before


def test_derive_never_writes_over_its_parent_even_with_ghi_de(tmp_path: Path) -> None:
    from tests.helpers.builders import district_file

    parent = district_file(tmp_path)
    before = parent.read_bytes()
    code, said = _run("derive", parent, "--don-vi", "Xã Ia Ake", "--cap", "xa", "-o", parent,
                      "--ghi-de")
    assert code == 1 and "trùng với kế hoạch cấp trên" in said
    assert parent.read_bytes() == before


# --- A file open in Word ----------------------------------------------------------------------


def _held_open_on_windows(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Windows refusing to rename over or away a file another program has open (a sharing
    violation, winerror 32), as it does for a document Word or Excel shows."""
    real = os.replace

    def replace(source: Any, target: Any) -> None:
        if name in (Path(source).name, Path(target).name):
            error = PermissionError(errno.EACCES, "The process cannot access the file "
                                    "because it is being used by another process", str(target))
            error.winerror = 32  # type: ignore[attr-defined]
            raise error
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize(("held", "program", "options"), [
    ("day-du.docx", "Word", ()),
    ("day-du.xlsx", "Excel", ()),  # the DOCX, placed first, is taken back
    ("day-du.pdf", "chương trình xem PDF", ("--pdf",)),
], ids=["docx", "xlsx", "pdf"])
@pytest.mark.windows_macos
def test_a_file_open_in_word_changes_nothing_and_says_to_close_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: str, program: str,
        options: tuple[str, ...]) -> None:
    """A file of the set open in Word, Excel or a PDF reader cannot be replaced on Windows:
    the whole set stays old, and the clerk is told which file to close, in which program."""
    plan = FIXTURES / "valid" / "day-du.yaml"
    out = tmp_path / "out"
    assert _run("build", plan, "-o", out, *options)[0] == 0
    old = _contents(out)
    _held_open_on_windows(monkeypatch, held)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # a new build differs in bytes
    code, said = _run("build", plan, "-o", out, *options)
    assert code == 1
    assert f"Đóng tệp {held} trong {program} rồi dựng lại" in said
    assert str(out / held) in said
    assert _contents(out) == old


@pytest.mark.windows_macos
def test_a_redline_open_in_word_is_left_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A single file (here diff's tracked-changes DOCX) open in Word: kept, and said so."""
    from tests.diff.scenarios import write_pair

    old, new = write_pair("sua-nhiem-vu", tmp_path)
    redline = tmp_path / "thay-doi.docx"
    redline.write_bytes(b"ban dang mo trong Word")
    _held_open_on_windows(monkeypatch, "thay-doi.docx")
    code, said = _run("diff", old, new, "--docx", redline)
    assert code == 1
    assert "Đóng tệp thay-doi.docx trong Word rồi chạy lại lệnh" in said
    assert redline.read_bytes() == b"ban dang mo trong Word"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

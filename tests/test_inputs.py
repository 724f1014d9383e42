"""Every file a command reads: a regular file, its size checked before reading, never more
than its limit read, each refusal said in Vietnamese."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import KeHoachError
from generator.inputs import read_input

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")


def _refused(path: Path, limit: int = 100) -> str:
    with pytest.raises(KeHoachError) as info:
        read_input(path, limit, "tệp kế hoạch")
    [said] = info.value.diagnostics
    assert said.file == str(path)
    return said.message


def test_a_file_within_its_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 100)
    assert read_input(path, 100, "tệp kế hoạch") == b"x" * 100


def test_a_file_over_its_limit_is_refused_by_its_size_before_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 4 GB plan cost 4.2 GB of memory: it was read whole, then measured. Sparse here,
    and reading is forbidden: the size on disk alone refuses it."""
    path = tmp_path / "lon.yaml"
    with path.open("wb") as stream:
        stream.truncate(4 * 1024 ** 3)

    def never(*args: object) -> bytes:
        raise AssertionError("read before the size was checked")

    monkeypatch.setattr(os, "read", never)
    assert _refused(path, 5_000_000) == "Tệp kế hoạch quá lớn (4 GB, tối đa 4,8 MB)."


def test_no_more_than_the_limit_and_one_byte_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that grows after its size was asked (the system says 10 bytes, 10,000 are
    there): what is read is held to the limit too, and the refusal counts the limit and one
    byte, all that was read."""
    path = tmp_path / "lon-dan.yaml"
    path.write_bytes(b"x" * 10_000)
    real, calls = os.fstat, []

    class Small:
        st_mode = os.stat(path).st_mode
        st_size = 10

    def fstat(handle: int) -> object:
        calls.append(handle)
        return Small if len(calls) == 1 else real(handle)

    monkeypatch.setattr(os, "fstat", fstat)
    assert _refused(path) == "Tệp kế hoạch quá lớn (101 byte, tối đa 100 byte)."


@posix_only
def test_validate_dev_zero_is_refused_at_once() -> None:
    """``kehoach validate /dev/zero`` grew until the machine stopped it."""
    result = CliRunner().invoke(main, ["validate", "/dev/zero"])
    assert result.exit_code == 1
    assert "'/dev/zero' không phải một tệp thường" in result.stderr


@posix_only
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "ong.yaml"
    os.mkfifo(fifo)
    done: list[str] = []
    reader = threading.Thread(target=lambda: done.append(_refused(fifo)), daemon=True)
    reader.start()
    reader.join(10)
    assert done and "không phải một tệp thường" in done[0]


def test_a_folder_and_a_missing_file_are_named(tmp_path: Path) -> None:
    assert _refused(tmp_path) == "Đường dẫn tệp kế hoạch là một thư mục, không phải một tệp."
    assert _refused(tmp_path / "khong-co.yaml") == "Không tìm thấy tệp kế hoạch."


EVERY_READER = pytest.mark.parametrize(("command", "suffix"), [
    (["validate"], ".yaml"), (["build"], ".yaml"), (["check"], ".docx"),
    (["check", "--fix"], ".docx"), (["import"], ".docx"), (["diff", "{plan}"], ".yaml"),
    (["build", "--template", "{f}", "{plan}"], ".docx"),
    (["build", "--data", "{f}", "{plan}"], ".csv"),
    (["derive", "{plan}", "--danh-sach", "{f}"], ".csv")])
"""Each command and option that reads a file a clerk names, and the file's kind."""


def _arguments(command: list[str], path: Path) -> list[str]:
    from tests.conftest import EXAMPLES

    plan = EXAMPLES / "bac-kan-2022.yaml"
    args = [a.format(f=path, plan=plan) for a in command]
    if "{f}" not in " ".join(command):
        args.append(str(path))
    return args


@EVERY_READER
@posix_only
def test_every_reader_refuses_what_is_not_a_regular_file(
        tmp_path: Path, command: list[str], suffix: str) -> None:
    """A plan, a Word file for check, a template, a results file, a unit list: each is
    read the one way, so a FIFO is refused by every command, never waited on."""
    fifo = tmp_path / f"ong{suffix}"
    os.mkfifo(fifo)
    args = _arguments(command, fifo)
    done: list[tuple[int, str]] = []

    def run() -> None:
        result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "out")]
                                    if args[0] in ("build", "derive") else args)
        done.append((result.exit_code, result.stderr))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(60)
    assert done, "the command waited on the FIFO"
    code, said = done[0]
    assert code == 1 and "không phải một tệp thường" in said, said


@EVERY_READER
@posix_only  # a sparse file: elsewhere truncate() may write 4 GB
def test_every_reader_refuses_a_4_gb_file_by_its_size(
        tmp_path: Path, command: list[str], suffix: str) -> None:
    """Issue 18: a 4 GB plan, DOCX or template was read whole before its size was judged
    (4.2 GB of memory). A sparse 4 GB file, for every command that reads one: refused as too
    large, at its name, exit 1."""
    huge = tmp_path / f"lon{suffix}"
    with huge.open("wb") as stream:
        stream.truncate(4 * 1024 ** 3)
    args = _arguments(command, huge)
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "out")]
                                if args[0] in ("build", "derive") else args)
    assert result.exit_code == 1, result.output
    assert f"{huge}: lỗi:" in result.stderr and "quá lớn (4 GB" in result.stderr, result.stderr

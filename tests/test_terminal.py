"""The terminal: any console encoding, control characters from files, a reader that leaves."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import terminal
from generator.cli import main
from generator.terminal import _shown, spelled, style, visible
from tests.conftest import EXAMPLES, ROOT

PLAN = EXAMPLES / "toi-thieu.yaml"


def kehoach(*args: str, encoding: str = "utf-8", cwd: Path | None = None,
            **streams: object) -> subprocess.CompletedProcess[bytes]:
    """``kehoach`` as a clerk runs it, in its own process, its output in ``encoding``."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(ROOT)}
    options: dict[str, object] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    options.update(streams)
    return subprocess.run([sys.executable, "-m", "generator", *args], env=env, cwd=cwd,
                          timeout=120, check=False, **options)  # type: ignore[call-overload]


# Windows code pages ----------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["cp1252", "cp1258"])
@pytest.mark.windows_macos
def test_a_valid_plan_builds_and_exits_0_under_a_windows_code_page(
        encoding: str, tmp_path: Path) -> None:
    done = kehoach("build", str(PLAN), "-o", str(tmp_path / "x"), encoding=encoding)
    assert done.returncode == 0, done.stderr
    said = done.stdout.decode(encoding)  # what the console shows: every byte is its own
    assert "ghi" in said and "toi-thieu.docx" in said
    assert (tmp_path / "x" / "toi-thieu.docx").is_file()


@pytest.mark.windows_macos
def test_messages_under_cp1258_read_as_vietnamese(tmp_path: Path) -> None:
    """cp1258, Vietnamese Windows' code page, writes the letters it lacks as a letter and a
    combining mark: every message reads as typed."""
    done = kehoach("validate", str(tmp_path / "khong-co.yaml"), encoding="cp1258")
    assert done.returncode == 1
    said = unicodedata.normalize("NFC", done.stderr.decode("cp1258"))
    assert "lỗi: Không tìm thấy tệp kế hoạch." in said
    assert "Có lỗi: sửa theo các dòng trên rồi chạy lại." in said


@pytest.mark.windows_macos
def test_messages_under_cp1252_are_escaped_not_lost(tmp_path: Path) -> None:
    done = kehoach("validate", str(tmp_path / "khong-co.yaml"), encoding="cp1252")
    assert done.returncode == 1
    said = done.stderr.decode("cp1252")
    # ô, ì are in cp1252
    assert "l\\u1ed7i: Kh\xf4ng t\xecm th\\u1ea5y t\\u1ec7p k\\u1ebf ho\\u1ea1ch." in said


def test_messages_on_a_utf8_console_are_plain(tmp_path: Path) -> None:
    done = kehoach("validate", str(tmp_path / "khong-co.yaml"), encoding="utf-8")
    assert "lỗi: Không tìm thấy tệp kế hoạch." in done.stderr.decode("utf-8")


def test_a_file_name_that_is_not_utf8_is_printed_escaped(tmp_path: Path) -> None:
    """A name Linux keeps as bytes (\\xff) reaches Python as a lone surrogate, which even
    UTF-8 cannot write: escaped, not exit 2."""
    if sys.platform == "win32":
        pytest.skip("Windows file names are UTF-16: no byte name to give")
    done = kehoach("validate", os.fsdecode(bytes(tmp_path) + b"/k\xffh.yaml"))
    assert done.returncode == 1
    assert b"k\\udcffh.yaml: l" in done.stderr


def test_spelled_writes_what_the_code_page_has() -> None:
    assert spelled("ỗ", "cp1258") == "ô\u0303"  # ô is in cp1258, ỗ is not
    assert spelled("ệ", "cp1258") == "ê\u0323"  # the mark cp1258 has composed, whichever
    assert spelled("ư", "cp1252") == "\\u01b0"
    assert spelled("\udcff", "utf-8") == "\\udcff"


class _Console(io.BytesIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.windows_macos
def test_a_windows_console_is_switched_to_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(_Console(), encoding="cp1258")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(terminal, "_console_to_utf8", lambda: True)
    terminal._prepare(stream)
    assert stream.encoding == "utf-8"
    stream.write("Đã ghi")
    stream.flush()
    assert stream.buffer.getvalue() == "Đã ghi".encode()  # type: ignore[attr-defined]


@pytest.mark.windows_macos
def test_a_console_that_stays_on_its_code_page_still_prints(
        monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(_Console(), encoding="cp1252")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(terminal, "_console_to_utf8", lambda: False)
    terminal._prepare(stream)
    stream.write("Đã ghi")
    stream.flush()
    assert stream.buffer.getvalue() == b"\\u0110\xe3 ghi"  # type: ignore[attr-defined]


# Every command, in-process: what each says under a code page is what it says in UTF-8 ---------

EVERY_COMMAND = {
    "new": ["new", "moi.yaml"],
    "validate": ["validate", "moi.yaml", "hong.yaml"],
    "build": ["build", "ia-ake-2024.yaml", "hong.yaml", "-o", "ra"],
    "build -j 2": ["build", "mau", "-j", "2", "-o", "ra-j"],
    "derive": ["derive", "phu-thien-2024.yaml", "--danh-sach", "phu-thien-2024-don-vi.csv",
               "-o", "cac-xa"],
    "diff": ["diff", "ia-ake-2024.yaml", "ia-ake-sua.yaml", "--docx", "thay-doi.docx"],
    "check": ["check", "ra/ia-ake-2024.docx", "ia-ake-2024.yaml"],
    "check --fix": ["check", "ra/ia-ake-2024.docx", "--fix", "-o", "da-sua.docx"],
    "import": ["import", "ra/ia-ake-2024.docx", "-o", "nhap.yaml"],
    "schema": ["schema", "-o", "ke-hoach.schema.json"],
    "serve": ["serve", "--khong-mo", "--port", "8765", "."],
    "help": ["derive", "--help"],
}
"""Each command, with its messages of success, of a clerk's error and of its help."""


def _said_by_every_command(encoding: str, folder: Path,
                           monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """What each command prints, in order, in a fresh ``folder``, its output in ``encoding``,
    decoded as a console of that code page shows it."""
    import shutil

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)  # serve: say, then stop
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "mau").mkdir(parents=True)
    for name in ("ia-ake-2024.yaml", "phu-thien-2024.yaml", "phu-thien-2024-don-vi.csv"):
        shutil.copy(EXAMPLES / name, folder)
    shutil.copy(EXAMPLES / "toi-thieu.yaml", folder / "mau")
    shutil.copy(EXAMPLES / "ia-ake-2024.yaml", folder / "mau")
    source = (EXAMPLES / "ia-ake-2024.yaml").read_text(encoding="utf-8")
    (folder / "ia-ake-sua.yaml").write_text(source.replace("Ia Ake", "Ia Ake mới", 3),
                                            encoding="utf-8")
    (folder / "hong.yaml").write_text(source.replace("ngay_ban_hanh:", "ngay_ban_hanh: "
                                                     "31/02/2025\nkhoa_la:", 1), encoding="utf-8")
    monkeypatch.chdir(folder)
    said = {}
    for name, args in EVERY_COMMAND.items():
        result = CliRunner(charset=encoding).invoke(main, args)
        assert result.exit_code in (0, 1), (name, result.output, result.exception)
        shown = (result.stdout_bytes + result.stderr_bytes).decode(encoding)
        said[name] = re.sub(r"token=\S+", "token=…", shown)
    return said


def _read_back(shown: str) -> str:
    """What a console showed, its escapes (``\\u1ed7``) read back, letters composed."""
    return unicodedata.normalize(
        "NFC", re.sub(r"\\u([0-9a-f]{4})", lambda found: chr(int(found.group(1), 16)), shown))


@pytest.mark.parametrize("encoding", ["cp1252", "cp1258"])
@pytest.mark.windows_macos
def test_every_command_says_under_a_windows_code_page_what_it_says_in_utf8(
        encoding: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 20: under a Windows code page no command exits 2 and none loses a word: every
    message, of success, of a clerk's error or of help, reads the same as in UTF-8 once its
    escapes are read back."""
    plain = _said_by_every_command("utf-8", tmp_path / "kế hoạch", monkeypatch)
    coded = _said_by_every_command(encoding, tmp_path / "kế hoạch", monkeypatch)
    assert "lỗi: ngay_ban_hanh" in plain["validate"] and "Đã tạo" in plain["derive"]
    assert "Mở trình duyệt tại" in plain["serve"] and "Ví dụ:" in plain["help"]
    for name in EVERY_COMMAND:
        assert _read_back(coded[name]) == unicodedata.normalize("NFC", plain[name]), name
    if encoding == "cp1252":  # no ỗ in cp1252: escaped, never dropped nor made '?'
        assert "l\\u1ed7i: ngay_ban_hanh" in coded["validate"]


# Control characters from files -------------------------------------------------------------

def test_control_characters_are_shown_as_escapes() -> None:
    assert visible("\x1b]0;pwned\x07Xã\x1b[2J\r\x9b\u202e") == \
        "\\x1b]0;pwned\\x07Xã\\x1b[2J\\r\\x9b\\u202e"
    assert visible("dòng 1\n\tdòng 2") == "dòng 1\n\tdòng 2"


def test_escape_sequences_in_a_unit_list_never_reach_the_terminal(tmp_path: Path) -> None:
    units = tmp_path / "don-vi.csv"
    units.write_text("Đơn vị,Cấp\nXã A\x1b]0;pwned\x07,xa\x1b[2J\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["derive", str(EXAMPLES / "phu-thien-2024.yaml"),
                                       "--danh-sach", str(units), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    said = result.stdout + result.stderr
    assert "\x1b" not in said and "\x07" not in said
    assert "\\x1b[2J" in said


def test_escape_sequences_in_a_file_name_never_reach_the_terminal(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "\x1b[2J.yaml")])
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\\x1b[2J.yaml" in result.stderr


def test_escape_sequences_in_a_command_name_never_reach_the_terminal() -> None:
    result = CliRunner().invoke(main, ["\x1b]0;pwned\x07"])
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\\x1b]0;pwned\\x07" in result.stderr


def test_colours_are_written_but_text_inside_them_is_escaped() -> None:
    assert _shown(style("a\x1b[2J", fg="red") + " b") == "\x1b[31ma\\x1b[2J\x1b[0m b"


def test_a_colour_mark_cannot_be_forged_by_a_file() -> None:
    style("x", fg="red")
    forged = "\ue0000000000000000000\ue001 \ue0000\ue001"
    assert _shown(forged) == forged


# A reader that stops reading ---------------------------------------------------------------

def _closed_pipe() -> int:
    """The writing end of a pipe nobody reads (``| head -0``): every write fails at once."""
    read, write = os.pipe()
    os.close(read)
    return write


@pytest.mark.parametrize("args", [["schema"], ["validate", str(PLAN)], ["--help"], ["--version"],
                                  ["build", "--help"]], ids=" ".join)
def test_stdout_closed_early_exits_quietly(args: list[str]) -> None:
    write = _closed_pipe()
    try:
        done = kehoach(*args, stdout=write)
    finally:
        os.close(write)
    assert done.returncode == 0
    assert done.stderr == b""


def test_build_with_stdout_closed_builds_its_files_and_exits_0(tmp_path: Path) -> None:
    write = _closed_pipe()
    try:
        done = kehoach("build", str(PLAN), "-o", str(tmp_path), stdout=write)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (0, b"")
    assert (tmp_path / "toi-thieu.docx").is_file()


def test_a_failing_command_keeps_its_exit_code_when_stdout_closed(tmp_path: Path) -> None:
    """``kehoach validate a.yaml b.yaml | grep -q hợp``: the plans after the first are
    still checked, and a broken one still fails the run."""
    broken = tmp_path / "hong.yaml"
    broken.write_text("co_quan: [\n", encoding="utf-8")
    write = _closed_pipe()
    try:
        done = kehoach("validate", str(PLAN), str(broken), stdout=write)
    finally:
        os.close(write)
    assert done.returncode == 1
    assert b"hong.yaml" in done.stderr

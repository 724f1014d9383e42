"""PDF through LibreOffice: every example in one batch, A4 pages as the sections say, fonts
embedded, the plan's words in the text, and one clear line when LibreOffice is missing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli import main
from tests.conftest import FIXTURES, build_docx, example_paths
from tests.helpers.docx_reading import document_text

PLANS = [*example_paths(), FIXTURES / "valid" / "day-du.yaml"]
A4 = (595, 842)
"""A4 in points, portrait (width, height), as pdfinfo rounds it."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example built with --pdf in one run (LibreOffice shared by the batch)."""
    out = tmp_path_factory.mktemp("pdf")
    result = CliRunner().invoke(main, ["build", "--pdf", *map(str, PLANS), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def page_sizes(path: Path) -> list[tuple[int, int]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True,
                          text=True, check=True).stdout
    return [(round(float(w)), round(float(h))) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_every_example_converts_with_pages_as_its_sections_say(plan: Path, built: Path) -> None:
    pdf, docx = built / f"{plan.stem}.pdf", built / f"{plan.stem}.docx"
    sizes = page_sizes(pdf)
    sections = Document(str(docx)).sections
    count = len(document_text(docx).split())
    # Each section starts a page; an A4 page at 14 pt holds roughly 250-600 words.
    assert max(len(sections), count // 600) <= len(sizes) <= count // 200 + 2 * len(sections)
    assert set(sizes) <= {A4, A4[::-1]}
    landscape = any(s.page_width > s.page_height for s in sections)
    assert (A4[::-1] in sizes) == landscape


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_fonts_are_embedded_and_the_text_is_the_plan_s(plan: Path, built: Path) -> None:
    pdf, docx = built / f"{plan.stem}.pdf", built / f"{plan.stem}.docx"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the "emb" column
    printed = Counter(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                     text=True, check=True).stdout.split())
    written = Counter(document_text(docx).split())
    found = sum(min(n, printed[word]) for word, n in written.items())
    assert found / sum(written.values()) > 0.98  # every word, but for page-number fields


@pytest.mark.parametrize("count", [1, 2])
@pytest.mark.windows_macos
def test_without_libreoffice_the_docx_and_xlsx_are_written_and_the_steps_said_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    """A clerk who asks for --pdf on a PC without LibreOffice still gets the Word and Excel
    files, and one message with the download steps for each system; exit 1 (the PDF asked
    for is missing)."""
    monkeypatch.setenv("PATH", str(tmp_path / "khong-co"))
    monkeypatch.delenv("KEHOACH_SOFFICE", raising=False)
    plans = [FIXTURES / "valid" / "day-du.yaml", *example_paths()[:count - 1]]
    result = CliRunner().invoke(main, ["build", "--pdf", *map(str, plans), "-o",
                                       str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.count("Cần LibreOffice để xuất PDF") == 1
    assert f"{tmp_path / 'out'}: lỗi: Cần LibreOffice" in result.stderr  # not "<kế hoạch>"
    for system in ("Windows:", "macOS:", "Linux: sudo apt-get install libreoffice-writer-nogui",
                   "Tệp → Lưu thành → PDF"):
        assert system in result.stderr
    made = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "day-du.docx" in made and "day-du.xlsx" in made
    assert not any(name.endswith(".pdf") for name in made)


# --- Where LibreOffice is, and how it is stopped ----------------------------------------------


def _program(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("", encoding="utf-8")
    return path


@pytest.mark.windows_macos
def test_libreoffice_is_found_where_its_windows_installer_puts_it(tmp_path: Path) -> None:
    from generator.render.pdf import find_office

    x86 = _program(tmp_path / "Program Files (x86)" / "LibreOffice" / "program" / "soffice.exe")
    environ = {"PATH": "", "ProgramFiles": str(tmp_path / "Program Files"),
               "ProgramFiles(x86)": str(tmp_path / "Program Files (x86)")}
    assert find_office(environ, "win32") == str(x86)  # 32-bit LibreOffice on 64-bit Windows
    usual = _program(tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe")
    assert find_office(environ, "win32") == str(usual)
    assert find_office(environ, "linux") is None


@pytest.mark.windows_macos
def test_libreoffice_is_found_in_the_applications_of_macos(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.render import pdf

    monkeypatch.setattr(pdf, "MAC_APPLICATIONS", (tmp_path / "Applications",))
    mine = _program(tmp_path / "home" / "Applications" / "LibreOffice.app" / "Contents" / "MacOS"
                    / "soffice")
    environ = {"PATH": "", "HOME": str(tmp_path / "home")}
    assert pdf.find_office(environ, "darwin") == str(mine)
    everyone = _program(tmp_path / "Applications" / "LibreOffice.app" / "Contents" / "MacOS"
                        / "soffice")
    assert pdf.find_office(environ, "darwin") == str(everyone)


@pytest.mark.windows_macos
def test_libreoffice_named_by_the_environment_comes_first_and_a_wrong_name_is_said(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.render.pdf import find_office, office_missing

    named = _program(tmp_path / "LO" / "soffice")
    assert find_office({"KEHOACH_SOFFICE": str(named), "PATH": os.environ["PATH"]}) == str(named)
    monkeypatch.setenv("KEHOACH_SOFFICE", str(tmp_path / "khong-co"))
    missing = office_missing()
    assert missing is not None
    assert f"KEHOACH_SOFFICE chỉ đến '{tmp_path / 'khong-co'}'" in missing.message


@pytest.mark.windows_macos
def test_libreoffice_named_by_its_folder_or_in_quotes_is_found(tmp_path: Path) -> None:
    """A clerk names the folder LibreOffice was installed in, or its LibreOffice.app, or types
    ``set KEHOACH_SOFFICE="C:\\…\\soffice.exe"`` (cmd keeps the quotes): the program is found."""
    from generator.render.pdf import find_office

    windows = _program(tmp_path / "LibreOffice" / "program" / "soffice.exe")
    mac = _program(tmp_path / "LibreOffice.app" / "Contents" / "MacOS" / "soffice")
    for named, found in [(tmp_path / "LibreOffice", windows),
                         (tmp_path / "LibreOffice" / "program", windows),
                         (tmp_path / "LibreOffice.app", mac), (mac, mac)]:
        assert find_office({"KEHOACH_SOFFICE": str(named), "PATH": ""}) == str(found), named
        assert find_office({"KEHOACH_SOFFICE": f' "{named}" ', "PATH": ""}) == str(found)
    assert find_office({"KEHOACH_SOFFICE": str(tmp_path), "PATH": ""}) is None


@pytest.mark.windows_macos
def test_on_windows_libreoffice_runs_in_its_own_group_and_is_ended_with_its_children(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no process groups to kill (os.killpg): LibreOffice starts in a new
    console process group, and is ended with the program it started (soffice.exe starts
    soffice.bin) by ``taskkill /T``."""
    import subprocess

    from generator.render import pdf

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200, raising=False)
    assert pdf._own_group() == {"creationflags": 0x200}
    ran: list[list[str]] = []
    monkeypatch.setattr(subprocess, "run", lambda command, **options: ran.append(command))
    monkeypatch.setattr(os, "killpg", lambda *args: pytest.fail("os.killpg on Windows"),
                        raising=False)

    class Office:
        pid, killed, waited = 4242, False, False

        def kill(self) -> None:
            self.killed = True

        def wait(self) -> None:
            self.waited = True

    office = Office()
    pdf._end_group(office)  # type: ignore[arg-type]
    assert ran == [["taskkill", "/F", "/T", "/PID", "4242"]]
    assert office.killed and office.waited


FAKE_OFFICE = """#!{python}
import subprocess, sys, time
# What soffice does: a wrapper that starts the real program (soffice.bin) and waits for it.
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", "{marker}"])
time.sleep(300)
"""


def _running(marker: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if marker in text:
            found.append(cmdline.parent.name)
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads /proc")
def test_a_conversion_past_its_limit_kills_every_libreoffice_process_and_names_the_plan(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit killed only the ``soffice`` wrapper; ``soffice.bin`` ran on at full CPU.
    Here a stand-in wrapper starts a child, as soffice does: both are gone after the
    limit, and the message names the plan (it said ``<kế hoạch>``)."""
    import time

    from generator.errors import KeHoachError
    from generator.render import pdf

    marker = f"kehoach-test-{tmp_path.name}"
    fake = tmp_path / "soffice"
    fake.write_text(FAKE_OFFICE.format(python=sys.executable, marker=marker), encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("KEHOACH_SOFFICE", str(fake))
    plan = "/thu-muc/xa-ia-ake.yaml"
    with pytest.raises(KeHoachError) as info:
        pdf.docx_to_pdf(b"PK", plan, seconds=2)
    [said] = info.value.diagnostics
    assert said.file == plan and "sau 2 giây; đã dừng LibreOffice" in said.message
    assert "--thoi-han-pdf" in said.hint
    time.sleep(0.5)
    assert _running(marker) == []


def test_the_time_limit_grows_with_the_document(tmp_path: Path) -> None:
    """A valid 20,000-task plan built without --pdf and failed with it: the limit grows with
    the document's text, faster than it (LibreOffice's layout does)."""
    import zipfile

    from generator.render.pdf import BASE_SECONDS, time_limit

    def docx(size: int) -> bytes:
        path = tmp_path / f"{size}.docx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("word/document.xml", b" " * size)
        return path.read_bytes()

    small, large = time_limit(docx(50_000)), time_limit(docx(31_000_000))
    assert BASE_SECONDS <= small <= BASE_SECONDS + 2  # a usual plan: two minutes
    assert large > 20 * small  # the 20,000-task plan's text
    assert time_limit(b"not a package") == BASE_SECONDS


def test_scratch_folders_of_killed_runs_are_removed_and_live_ones_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """40 killed ``--pdf`` runs left 42 LibreOffice profiles in the temporary folder: a run
    removes those no live run holds, once a minute old."""
    import tempfile
    import time

    from generator import locks
    from generator.render import pdf

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    old = time.time() - 3600
    for name in ("kehoach-pdf-chet", "kehoach-pdf-song", "kehoach-pdf-moi"):
        (tmp_path / name / "profile").mkdir(parents=True)
    for name in ("kehoach-pdf-chet", "kehoach-pdf-song"):
        os.utime(tmp_path / name, (old, old))
    (tmp_path / "khac").mkdir()
    os.utime(tmp_path / "khac", (old, old))
    with locks.held(tmp_path / "kehoach-pdf-song" / pdf.LOCK_NAME, 0):
        os.utime(tmp_path / "kehoach-pdf-song", (old, old))
        pdf._clear_stale_scratch()
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "kehoach-pdf-moi", "kehoach-pdf-song", "khac"]


def test_each_pdf_made_moves_the_progress_bar(tmp_path: Path) -> None:
    """A batch's PDF stage showed no progress until the end: each PDF LibreOffice writes
    is a step."""
    from generator.render.pdf import convert_files

    docx = build_docx(example_paths()[-1], tmp_path)
    ticks: list[int] = []
    made = convert_files({"a": docx.read_bytes(), "b": docx.read_bytes()}, 1,
                         lambda: ticks.append(1))
    assert all(isinstance(v, bytes) and v.startswith(b"%PDF") for v in made.values())
    assert len(ticks) == 2


def test_the_progress_bar_counts_only_pdfs_in_the_output_folder(tmp_path: Path) -> None:
    """Under load the look caught LibreOffice's temporary files in the output folder and
    the bar moved four steps for two PDFs."""
    from generator.render.pdf import _watch

    ticks: list[int] = []
    look = _watch(tmp_path, lambda: ticks.append(1))
    (tmp_path / "lu3921a.tmp").write_bytes(b"")
    (tmp_path / "0.pdf").write_bytes(b"%PDF")
    look()
    (tmp_path / "1.pdf").write_bytes(b"%PDF")
    look()
    look()
    assert len(ticks) == 2

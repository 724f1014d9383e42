"""PDF through LibreOffice: every example in one batch, A4 pages as the sections say, fonts
embedded, the plan's words in the text, and one clear line when LibreOffice is missing."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli import main
from tests.conftest import FIXTURES, example_paths
from tests.docx_reading import document_text

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
    for system in ("Windows:", "macOS:", "Linux: sudo apt-get install libreoffice-writer-nogui",
                   "Tệp → Lưu thành → PDF"):
        assert system in result.stderr
    made = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "day-du.docx" in made and "day-du.xlsx" in made
    assert not any(name.endswith(".pdf") for name in made)

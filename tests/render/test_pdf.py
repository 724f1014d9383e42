"""PDF through LibreOffice: every example converts, with a page count that fits its text."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli import main
from tests.conftest import FIXTURES, example_paths
from tests.docx_reading import document_text


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


@pytest.mark.parametrize("plan", [*example_paths(), FIXTURES / "valid" / "day-du.yaml"],
                         ids=lambda p: p.stem)
def test_every_example_converts_to_pdf_with_a_sane_page_count(plan: Path,
                                                             tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--pdf", str(plan), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    pages = pdf_pages(tmp_path / f"{plan.stem}.pdf")
    docx = tmp_path / f"{plan.stem}.docx"
    sections = len(Document(str(docx)).sections)
    count = len(document_text(docx).split())
    # Each section starts a page; an A4 page at 14 pt holds roughly 250-600 words.
    assert max(sections, count // 600) <= pages <= count // 200 + 2 * sections

"""The laid-out page rules (:mod:`generator.docx_check.pages`) on documents made here and
laid out by LibreOffice: each fault is built on purpose into the hand-made plan, and the
plan without it lays out clean. Skipped only where LibreOffice is not installed (the CI
image has it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.shared import Pt

from generator.docx_check import laid_out
from generator.render.pdf import find_office
from tests.docx_check.handmade import Change, hand_made, paragraph

pytestmark = pytest.mark.skipif(find_office() is None, reason="LibreOffice is not installed")


def _laid_out_ids(change: Change | None, tmp_path: Path) -> list[str]:
    path = tmp_path / "ke-hoach.docx"
    hand_made(change).save(str(path))
    pages, found = laid_out(path, path.read_bytes())
    assert pages is not None
    return [f.id for f in found]


def _signature_on_its_own_page(document: DocumentObject) -> None:
    """A page break typed after the last words of the text: the signature and "Nơi nhận"
    go alone onto the next page (what a clerk's Enter key does as often)."""
    last = paragraph(document, "Các đơn vị triển khai")
    last.add_run().add_break(WD_BREAK.PAGE)


def test_a_signature_alone_on_its_page_is_reported(tmp_path: Path) -> None:
    assert "trang.cuoi_chi_chu_ky" not in _laid_out_ids(None, tmp_path)
    assert "trang.cuoi_chi_chu_ky" in _laid_out_ids(_signature_on_its_own_page, tmp_path)


def _tall_table_after_the_title(document: DocumentObject) -> None:
    """A one-row table too tall for what is left of page 1, its row not allowed to break:
    LibreOffice moves it whole to page 2 and leaves page 1 mostly blank."""
    below = paragraph(document, "Triển khai")._p.getnext()
    table = document.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    cell = table.cell(0, 0)
    cell.paragraphs[0].add_run("Bảng phân công nhiệm vụ chi tiết").font.size = Pt(14)
    for number in range(1, 38):
        cell.add_paragraph().add_run(f"Nhiệm vụ số {number} của các đơn vị").font.size = Pt(14)
    row = table.rows[0]._tr
    props = row.get_or_add_trPr()
    props.append(OxmlElement("w:cantSplit"))
    below.addnext(table._tbl)


def test_a_page_left_mostly_blank_before_a_table_is_reported(tmp_path: Path) -> None:
    assert "trang.trong_truoc_bang" not in _laid_out_ids(None, tmp_path)
    assert "trang.trong_truoc_bang" in _laid_out_ids(_tall_table_after_the_title, tmp_path)

"""readers/docx.py: a Word paragraph as a line of inline markup (bold and italic kept)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from generator.readers.blocks import Line
from generator.readers.docx import read
from tests.helpers.small_docx import package
from tests.readers.imported import PLANS


def _run(text: str, bold: bool = False, italic: bool = False) -> str:
    marks = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    return f'<w:r><w:rPr>{marks}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _lines(path: Path, data: bytes) -> list[Line]:
    return [block for block in read(path, data).blocks if isinstance(block, Line)]


def test_a_decomposed_letter_does_not_cost_the_paragraph_its_bold_and_italic(
        tmp_path: Path) -> None:
    """Word keeps letters as pasted: 'phân' with a combining circumflex in one run made the
    markup differ from the paragraph's composed words, and the whole paragraph was read
    plain (the Lâm Đồng plan's item 1 lost its bold italic sentence)."""
    decomposed = unicodedata.normalize("NFD", " Nắm chắc tình hình, chủ động phân tích. ")
    body = "<w:p>" + _run("1.", bold=True) + _run(decomposed) + _run(
        "Bảo đảm đạt ít nhất 40% địa bàn", bold=True, italic=True) + _run(", từng bước.") + "</w:p>"
    path = tmp_path / "ke-hoach.docx"
    [line] = _lines(path, package(body))
    assert line.markup == ("**1.** Nắm chắc tình hình, chủ động phân tích. "
                           "***Bảo đảm đạt ít nhất 40% địa bàn***, từng bước.")
    assert unicodedata.is_normalized("NFC", line.markup)


def test_lam_dong_plan_item_one_keeps_its_bold_italic_sentence() -> None:
    """The guide's import example (docs/huong-dan/nhap-tu-word.md) shows this item."""
    [path] = [plan for plan in PLANS if plan.name == "ubnd-lam-dong-2026-khong-ma-tuy.docx"]
    [line] = [line for line in _lines(path, path.read_bytes())
              if line.plain.startswith("1. Nắm chắc tình hình")]
    assert "***Bảo đảm đạt ít nhất 40% địa bàn cấp xã không ma túy" in line.markup

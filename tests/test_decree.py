"""The decree's numbers: each as Word stores it, and the shipped template inside them."""

from __future__ import annotations

import zipfile

from lxml import etree

from generator import decree
from generator.ooxml.ns import W
from tests.conftest import ROOT


def test_a4_is_what_word_writes_for_a4_in_twips() -> None:
    assert (decree.A4[0].twips, decree.A4[1].twips) == (11906, 16838)


def test_the_body_indents_are_one_cm_and_half_an_inch_as_word_stores_them() -> None:
    assert [indent.twips for indent in decree.BODY_INDENTS] == [567, 720]
    assert [indent.pt for indent in decree.BODY_INDENTS] == [28.35, 36.0]
    assert decree.BODY_INDENTS[0] <= decree.BODY_INDENT <= decree.BODY_INDENTS[1]


def test_sizes_are_written_in_word_units_without_a_factor_of_their_own() -> None:
    assert decree.PAGE_NUMBER_SIZE.half_points == 26
    assert decree.PARAGRAPH_GAP.twips == 120
    assert decree.HEADER_DISTANCE.twips == 567
    assert round(decree.UNDERLINE_WEIGHT.pt * 8) == 6
    assert decree.BODY_SIZES[0] <= decree.PAGE_NUMBER_SIZE <= decree.BODY_SIZES[1]


def test_each_default_margin_lies_in_the_range_the_decree_allows() -> None:
    for side, (low, high) in decree.MARGINS.items():
        assert low <= decree.DEFAULT_MARGINS[side] <= high, side


def test_the_shipped_template_is_a4_with_margins_the_decree_allows() -> None:
    with zipfile.ZipFile(ROOT / "templates" / "ke-hoach.docx") as package:
        document = etree.fromstring(package.read("word/document.xml"))
    size = document.find(f".//{W}sectPr/{W}pgSz")
    margins = document.find(f".//{W}sectPr/{W}pgMar")
    assert size is not None and margins is not None
    assert (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) == (decree.A4[0].twips,
                                                                decree.A4[1].twips)
    for side, (low, high) in decree.MARGINS.items():
        assert low.twips <= int(margins.get(f"{W}{side}")) <= high.twips, side


def test_edit_distance_is_bounded() -> None:
    assert decree.edit_distance("HÒA", "HÕA", 4) == 1
    assert decree.edit_distance("a", "abcdefgh", 4) == 5, "too far apart to count"


def test_the_fixed_lines_are_known_with_a_typing_fault_and_a_name_is_not() -> None:
    assert decree.fixed_line_named("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM") == "Quốc hiệu"
    assert decree.fixed_line_named("Cộng hòa xã hội chủ nghĩa Việt Nam") == "Quốc hiệu"
    assert decree.fixed_line_named("CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == "Quốc hiệu"
    assert decree.fixed_line_named("Độc lập -Tự do - Hạnh Phúc") == "Tiêu ngữ"
    for name in ("ỦY BAN NHÂN DÂN", "XÃ TÂN AN", "SỞ NỘI VỤ", "HỘI ĐỒNG NHÂN DÂN"):
        assert decree.fixed_line_named(name) is None

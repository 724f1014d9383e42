"""Editing a tree of Word's XML: children land where the schema orders them, a section's
usable page is what its margins leave, a section copy turns its page."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from generator.ooxml.ns import W
from generator.ooxml.tree import (
    child_of,
    parse_fragment,
    put,
    replace_section,
    section_copy,
    text_height_of,
    text_width_of,
)

A4 = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" '
      'w:bottom="1134" w:left="1701"/></w:sectPr>')
"""A4 portrait, top and bottom 20 mm, left 30 mm, right 15 mm (the decree's margins)."""


def names(element: Any) -> list[str]:
    return [etree.QName(child).localname for child in element]


def test_a_fragment_with_word_prefixes_parses_on_its_own() -> None:
    element = parse_fragment('<w:p><w:r><w:t>Kế hoạch</w:t></w:r></w:p>')
    assert element.tag == f"{W}p"
    assert element.findtext(f"{W}r/{W}t") == "Kế hoạch"


def test_put_places_a_child_before_those_the_schema_orders_after_it() -> None:
    ppr = parse_fragment('<w:pPr><w:pStyle w:val="a"/><w:jc w:val="both"/></w:pPr>')
    put(ppr, parse_fragment('<w:ind w:firstLine="567"/>'))
    assert names(ppr) == ["pStyle", "ind", "jc"]


def test_put_replaces_a_child_of_the_same_name_instead_of_adding_a_second() -> None:
    ppr = parse_fragment('<w:pPr><w:ind w:firstLine="0"/><w:jc w:val="both"/></w:pPr>')
    put(ppr, parse_fragment('<w:ind w:firstLine="567"/>'))
    assert names(ppr) == ["ind", "jc"]
    assert ppr.find(f"{W}ind").get(f"{W}firstLine") == "567"


def test_put_appends_what_comes_last_in_the_schema() -> None:
    rpr = parse_fragment('<w:rPr><w:b/></w:rPr>')
    put(rpr, parse_fragment('<w:lang w:val="vi-VN"/>'))
    assert names(rpr) == ["b", "lang"]


def test_put_keeps_an_element_the_order_does_not_know_where_it_was() -> None:
    rpr = parse_fragment('<w:rPr><w:unknown/><w:sz w:val="28"/></w:rPr>')
    put(rpr, parse_fragment('<w:b/>'))
    assert names(rpr) == ["unknown", "b", "sz"]


def test_a_section_child_uses_the_section_order() -> None:
    sect = parse_fragment(A4)
    put(sect, parse_fragment('<w:titlePg/>'))
    put(sect, parse_fragment('<w:headerReference w:type="default"/>'))
    assert names(sect) == ["headerReference", "pgSz", "pgMar", "titlePg"]


def test_a_child_the_schema_does_not_allow_there_is_refused() -> None:
    with pytest.raises(ValueError, match="not in list"):
        put(parse_fragment('<w:pPr/>'), parse_fragment('<w:tblW/>'))


def test_child_of_finds_the_existing_child_and_makes_a_missing_one_in_place() -> None:
    tcpr = parse_fragment('<w:tcPr><w:tcW w:w="100"/><w:vAlign w:val="center"/></w:tcPr>')
    existing = tcpr.find(f"{W}tcW")
    assert child_of(tcpr, "tcW") is existing
    made = child_of(tcpr, "gridSpan")
    assert names(tcpr) == ["tcW", "gridSpan", "vAlign"] and made.tag == f"{W}gridSpan"


def test_the_text_area_is_the_page_less_its_margins_in_millimetres() -> None:
    sect = parse_fragment(A4)
    assert text_width_of(sect) == pytest.approx(210 - 30 - 15, abs=0.1)
    assert text_height_of(sect) == pytest.approx(297 - 20 - 20, abs=0.1)


def test_a_negative_top_margin_counts_by_its_size() -> None:
    """Word writes a negative top or bottom margin when the text may not push it away."""
    sect = parse_fragment(A4.replace('w:top="1134"', 'w:top="-1134"'))
    assert text_height_of(sect) == pytest.approx(257, abs=0.1)


def test_replace_section_puts_the_new_one_in_the_same_place() -> None:
    body = parse_fragment(f'<w:body><w:p/>{A4}<w:p/></w:body>')
    new = parse_fragment('<w:sectPr><w:titlePg/></w:sectPr>')
    replace_section(body[1], new)
    assert names(body) == ["p", "sectPr", "p"] and body[1] is new


@pytest.mark.parametrize("landscape", [True, False])
def test_a_section_copy_turns_the_page_and_restarts_numbering(landscape: bool) -> None:
    base = parse_fragment(A4.replace("</w:sectPr>", '<w:pgNumType w:fmt="decimal"/></w:sectPr>'))
    sect = section_copy(base, None, landscape=landscape, restart_numbering=True)
    size = sect.find(f"{W}pgSz")
    width, height = int(size.get(f"{W}w")), int(size.get(f"{W}h"))
    assert (width > height) is landscape and {width, height} == {11906, 16838}
    assert [n.get(f"{W}start") for n in sect.findall(f"{W}pgNumType")] == ["1"]
    assert sect.find(f"{W}titlePg") is not None
    assert base.find(f"{W}pgNumType").get(f"{W}start") is None, "the base is left as it was"


def test_a_section_copy_without_restart_drops_the_old_numbering() -> None:
    base = parse_fragment(A4.replace("</w:sectPr>", '<w:pgNumType w:start="5"/></w:sectPr>'))
    sect = section_copy(base, None, landscape=False, restart_numbering=False)
    assert sect.find(f"{W}pgNumType") is None

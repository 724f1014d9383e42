"""The body written as text: each fragment parses as Word's XML, its text escaped, its
children in the schema's order, its widths never wider than the millimetres given."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from generator.ooxml.fragments import (
    CELL_MARGIN_TWIPS,
    ParagraphProperties,
    cell,
    deleted_run,
    footnote,
    footnote_reference,
    paragraph,
    row,
    run,
    run_properties,
    table,
    text,
    twips,
    twips_widths,
)
from generator.ooxml.ns import W
from generator.ooxml.tree import SCHEMA_ORDER, parse_fragment


def parsed(xml: str) -> Any:
    return parse_fragment(xml)


def names(element: Any) -> list[str]:
    return [etree.QName(child).localname for child in element]


def in_schema_order(element: Any) -> bool:
    order = SCHEMA_ORDER[etree.QName(element).localname]
    ranks = [order.index(name) for name in names(element)]
    return ranks == sorted(ranks)


def test_text_escapes_what_xml_reserves() -> None:
    written = parsed(run("Chỉ tiêu <5% & >3%"))
    assert written.findtext(f"{W}t") == "Chỉ tiêu <5% & >3%"


def test_text_keeps_spaces_at_either_end() -> None:
    assert text(" a") == '<w:t xml:space="preserve"> a</w:t>'
    assert text("a ") == '<w:t xml:space="preserve">a </w:t>'
    assert text("a b") == "<w:t>a b</w:t>"


def test_tabs_and_line_breaks_become_word_elements() -> None:
    written = parsed(run("Nơi nhận:\n- Như trên;\tx"))
    assert names(written) == ["t", "br", "t", "tab", "t"]
    assert [t.text for t in written.iter(f"{W}t")] == ["Nơi nhận:", "- Như trên;", "x"]


def test_empty_text_writes_no_text_element() -> None:
    assert text("") == "" and run("") == "<w:r></w:r>"


def test_run_properties_write_only_what_differs_from_the_style() -> None:
    assert run_properties() == ""
    assert run_properties(bold=True) == "<w:rPr><w:b/></w:rPr>"
    written = parsed(run_properties(bold=False, italic=True, style_id="Nhan"))
    assert names(written) == ["rStyle", "b", "i"] and in_schema_order(written)
    assert written.find(f"{W}b").get(f"{W}val") == "0"


def test_a_deleted_run_holds_deleted_text_only() -> None:
    written = parsed(deleted_run(" bỏ đi"))
    assert names(written) == ["delText"] and written.findtext(f"{W}delText") == " bỏ đi"
    assert written.find(f"{W}delText").get("{http://www.w3.org/XML/1998/namespace}space") \
        == "preserve"


def test_paragraph_properties_in_schema_order() -> None:
    props = ParagraphProperties("Body", keep_next=True, keep_lines=True, space_before_twips=120,
                                indent_twips=567, align="both")
    written = parsed(paragraph(props, run("x")))
    ppr = written.find(f"{W}pPr")
    assert names(ppr) == ["pStyle", "keepNext", "keepLines", "spacing", "ind", "jc"]
    assert in_schema_order(ppr)
    ind = ppr.find(f"{W}ind")
    assert (ind.get(f"{W}left"), ind.get(f"{W}right"), ind.get(f"{W}firstLine")) \
        == ("567", "567", "0")


def test_plain_paragraph_properties_name_the_style_only() -> None:
    assert ParagraphProperties("Body").xml() == '<w:pPr><w:pStyle w:val="Body"/></w:pPr>'


def test_twips_of_millimetres() -> None:
    assert twips(10) == 567 and twips(0) == 0


@pytest.mark.parametrize("widths", [[10.01] * 7, [33.3, 33.3, 33.4], [0.4] * 50, [165.0]])
def test_column_widths_never_add_up_to_more_than_the_millimetres(widths: list[float]) -> None:
    out = twips_widths(widths)
    assert len(out) == len(widths)
    assert sum(out) <= sum(widths) * 1440 / 25.4
    assert sum(out) >= sum(widths) * 1440 / 25.4 - 1
    assert max(abs(w - mm * 1440 / 25.4) for w, mm in zip(out, widths, strict=True)) < 1


def test_a_table_has_its_grid_width_borders_and_rows() -> None:
    body = cell(1000, paragraph(ParagraphProperties("Cell"), run("1")))
    written = parsed(table([1000, 2000], [row(body, header=True, cant_split=False)]))
    assert names(written) == ["tblPr", "tblGrid", "tr"]
    tblpr = written.find(f"{W}tblPr")
    assert in_schema_order(tblpr)
    assert tblpr.find(f"{W}tblW").get(f"{W}w") == "3000"
    assert [c.get(f"{W}w") for c in written.iter(f"{W}gridCol")] == ["1000", "2000"]
    assert written.find(f".//{W}tblCellMar/{W}left").get(f"{W}w") == str(CELL_MARGIN_TWIPS)


def test_a_header_row_repeats_and_never_splits() -> None:
    written = parsed(row("<w:tc><w:p/></w:tc>", header=True, cant_split=False))
    assert names(written.find(f"{W}trPr")) == ["cantSplit", "tblHeader"]
    assert in_schema_order(written.find(f"{W}trPr"))


def test_a_plain_row_has_no_row_properties() -> None:
    assert names(parsed(row("<w:tc><w:p/></w:tc>", header=False, cant_split=False))) == ["tc"]


def test_a_merged_cell_writes_span_merge_and_alignment_in_order() -> None:
    written = parsed(cell(500, "", span=2, merge="restart", middle=True))
    tcpr = written.find(f"{W}tcPr")
    assert names(tcpr) == ["tcW", "gridSpan", "vMerge", "vAlign"] and in_schema_order(tcpr)
    assert tcpr.find(f"{W}vMerge").get(f"{W}val") == "restart"
    assert names(written) == ["tcPr", "p"], "a cell holds at least one paragraph"


def test_a_covered_cell_continues_the_merge() -> None:
    vmerge = parsed(cell(500, "", merge="continue")).find(f"{W}tcPr/{W}vMerge")
    assert vmerge is not None and vmerge.get(f"{W}val") is None


def test_a_footnote_and_its_reference_carry_the_same_number() -> None:
    reference = parsed(footnote_reference(3, "FootnoteReference"))
    note = parsed(footnote(3, run("Nghị định 30/2020/NĐ-CP"), "FootnoteText",
                           "FootnoteReference"))
    assert reference.find(f"{W}footnoteReference").get(f"{W}id") == note.get(f"{W}id") == "3"
    assert note.find(f".//{W}footnoteRef") is not None
    assert "".join(note.itertext()) == " Nghị định 30/2020/NĐ-CP"

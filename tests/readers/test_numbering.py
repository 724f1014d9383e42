"""The numbers Word's automatic lists show, counted as Word counts them, each case from a
line of ``numbering.xml`` and the paragraphs that use it."""

from __future__ import annotations

from typing import Any

import pytest

from generator.ooxml.tree import parse_fragment
from generator.readers.numbering import BULLET, ListLabels

ROMAN_DECIMAL_LETTER = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
    '<w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1.%2."/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>'
    '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
"""Level 0 "I.", level 1 "I.1.", level 2 "a)"; a bullet list; list 3 restarts list 1."""


def labels(numbering: str = ROMAN_DECIMAL_LETTER, styles: str = "") -> ListLabels:
    return ListLabels(parse_fragment(f"<w:numbering>{numbering}</w:numbering>"),
                      parse_fragment(f"<w:styles>{styles}</w:styles>") if styles else None)


def listed(num_id: str, level: int = 0) -> Any:
    return parse_fragment(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/>'
                          f'<w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:p>')


def shown(counter: ListLabels, *paragraphs: Any) -> list[str]:
    return [counter.label(paragraph) for paragraph in paragraphs]


def test_levels_count_on_and_a_higher_level_restarts_the_lower() -> None:
    found = shown(labels(), listed("1"), listed("1", 1), listed("1", 1), listed("1"),
                  listed("1", 1), listed("1", 2), listed("1", 2))
    assert found == ["I.", "I.1.", "I.2.", "II.", "II.1.", "a)", "b)"]


def test_a_bullet_level_shows_a_dash_whatever_its_glyph() -> None:
    assert shown(labels(), listed("2"), listed("2")) == [BULLET, BULLET]


def test_a_paragraph_outside_any_list_has_no_label() -> None:
    plain = parse_fragment("<w:p/>")
    assert shown(labels(), plain, listed("9"), listed("1", 5)) == ["", "", ""]


def test_two_lists_of_one_abstract_share_their_counter_until_a_restart() -> None:
    found = shown(labels(), listed("1"), listed("1"), listed("3"), listed("1"))
    assert found == ["I.", "II.", "I.", "II."]


def test_a_style_s_numbering_numbers_the_paragraphs_of_that_style() -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="Muc"><w:pPr><w:numPr>'
              '<w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    styled = parse_fragment('<w:p><w:pPr><w:pStyle w:val="Muc"/></w:pPr></w:p>')
    assert shown(labels(styles=styles), listed("1"), styled, styled) == ["I.", "I.1.", "I.2."]


@pytest.mark.parametrize(("fmt", "number", "expected"), [
    ("decimal", 12, "12."), ("lowerLetter", 27, "aa."), ("upperLetter", 2, "B."),
    ("lowerRoman", 4, "iv."), ("decimalZero", 3, "03."), ("none", 5, "."),
])
def test_each_counter_format_prints_as_word_prints_it(fmt: str, number: int,
                                                      expected: str) -> None:
    numbering = (f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
                 f'<w:start w:val="{number}"/><w:numFmt w:val="{fmt}"/>'
                 '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    assert labels(numbering).label(listed("1")) == expected


def test_a_document_without_numbering_labels_nothing() -> None:
    assert ListLabels(None, None).label(listed("1")) == ""

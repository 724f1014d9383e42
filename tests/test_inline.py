"""Inline markup: bold, italic, footnotes, escapes; everything else literal."""

from __future__ import annotations

import pytest

from generator.inline import Footnote, MarkupError, Span, parse_inline, plain_text


def test_bold_italic_and_plain() -> None:
    assert parse_inline("đạt **57,78** điểm (*theo thống kê*)") == (
        Span("đạt "), Span("57,78", bold=True), Span(" điểm ("),
        Span("theo thống kê", italic=True), Span(")"))


def test_footnote_is_its_own_node() -> None:
    spans = parse_inline("trên địa bàn xã^[Kế hoạch số 61/KH-UBND [2022]]. Tiếp")
    assert spans[1] == Footnote((Span("Kế hoạch số 61/KH-UBND [2022]"),))
    assert spans[2] == Span(". Tiếp")


def test_template_lookalikes_and_xml_characters_are_literal() -> None:
    text = "{{ x }} {% if %} & < > \" ' \t a\\b"
    assert parse_inline(text) == (Span(text),)


def test_escaped_asterisk_is_literal() -> None:
    assert plain_text(r"3 \* 4") == "3 * 4"


@pytest.mark.parametrize("text", ["**mở", "*mở", "^[chưa đóng", "a ^[b ^[c]]"])
def test_unbalanced_markup_is_an_error(text: str) -> None:
    with pytest.raises(MarkupError):
        parse_inline(text)

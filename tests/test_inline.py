"""Inline markup: bold, italic, footnotes, escapes; everything else literal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.inline import (
    Footnote,
    MarkupError,
    NotAReference,
    Span,
    lookalikes,
    parse_inline,
    plain_text,
    split_inline,
    write_inline,
)


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


@pytest.mark.parametrize(("text", "said"), [
    ("Đạt {Muc_tieu:dvc}.", "'{Muc_tieu:dvc}' không phải một tham chiếu"),
    ("Đạt {muctieu:dvc}.", "'{muctieu:dvc}' không phải một tham chiếu"),
    ("Đạt {chitieu:dvc}.", "'{chitieu:dvc}' không phải một tham chiếu"),
    ("Đạt {muc_tieu :dvc}.", "Tham chiếu '{muc_tieu :dvc}' có dấu cách"),
    ("Đạt {muc_tieu:dvc.", "Tham chiếu '{muc_tieu:dvc.' chưa có dấu '}' đóng"),
    ("Đạt {chi_tieu}.", "Tham chiếu '{chi_tieu}' thiếu mã: viết {chi_tieu:MÃ}"),
    ("Đạt { và", "Dấu '{' chưa được đóng"),
])
def test_what_looks_like_a_reference_and_is_not_one_is_an_error(text: str, said: str) -> None:
    """A mistyped reference would print its braces into the official document."""
    with pytest.raises(NotAReference) as refused:
        parse_inline(text)
    assert str(refused.value).startswith(said)


def test_every_mistyped_reference_of_a_text_is_found_with_the_kind_typed() -> None:
    found = lookalikes("{Muc_tieu:a} {muc_tieu:b} \\{muctieu:c} {chitieu:d} {x} {{ y }}")
    assert [exc.name for exc in found] == ["Muc_tieu", "chitieu"]


def test_a_brace_is_printed_with_its_escape() -> None:
    assert parse_inline(r"\{muc_tieu:dvc\} và \{x\}") == (Span("{muc_tieu:dvc} và {x}"),)


def test_braces_that_are_no_reference_are_printed_as_typed() -> None:
    """The README promises ``{{ x }}`` prints as typed; so do a word or figures in braces."""
    for text in ("{{ x }}", "{% if %}", "{x}", "{1, 2}", "a } b"):
        assert parse_inline(text) == (Span(text),)


def test_a_long_text_of_braces_is_read_in_one_pass() -> None:
    """Markup is read in time linear in the text (no text is read again from each brace)."""
    text = "{ x } " * 20_000 + "**a**"
    assert parse_inline(text)[0] == Span("{ x } " * 20_000)


_RUNS = st.lists(st.tuples(st.text(alphabet="ab *\\^[]{}:()", max_size=6), st.booleans(),
                           st.booleans()), max_size=8)


def _shown(items: tuple[object, ...] | list[object]) -> list[tuple[str, bool, bool]]:
    """Each character that shows with its bold and italic (a space shows the same either
    way, so its flags are not compared)."""
    return [(ch, s.bold, s.italic) if not ch.isspace() else (ch, False, False)
            for s in items if isinstance(s, Span) for ch in s.text]


@given(_RUNS)
def test_any_runs_written_as_markup_read_back_with_their_text_and_flags(
        runs: list[tuple[str, bool, bool]]) -> None:
    spans = [Span(text, bold, italic) for text, bold, italic in runs]
    assert _shown(parse_inline(write_inline(spans))) == _shown(spans)


@given(_RUNS, st.integers(min_value=0, max_value=60))
def test_markup_cut_anywhere_gives_two_balanced_halves_with_the_words(
        runs: list[tuple[str, bool, bool]], at: int) -> None:
    spans = [Span(text, bold, italic) for text, bold, italic in runs]
    head, tail = split_inline(write_inline(spans), at)
    assert _shown(parse_inline(head)) + _shown(parse_inline(tail)) == _shown(spans)


def test_marks_meeting_between_runs_never_leave_one_open() -> None:
    # "(" bold then "Kèm theo" italic then ")" bold: a lamdong corpus plan's line
    runs = [Span("(", bold=True), Span("Kèm theo Công văn", italic=True), Span(")", bold=True)]
    assert write_inline(runs) == "**(***Kèm theo Công văn***)**"
    assert parse_inline(write_inline(runs)) == tuple(runs)
    # italic, then bold and italic: wrapping each piece would give "*a****b***" (unclosed)
    assert parse_inline(write_inline([Span("a", italic=True), Span("b", True, True)])) == (
        Span("a", italic=True), Span("b", True, True))


def test_spaces_stay_outside_the_marks() -> None:
    assert write_inline([Span("Đơn vị "), Span("chủ trì ", bold=True), Span("là")]) == \
        "Đơn vị **chủ trì** là"


def test_a_cut_inside_a_bold_word_closes_and_reopens_it() -> None:
    assert split_inline("***Thời gian*:** ½ ngày", 4) == ("***Thời***", " ***gian*:** ½ ngày")
    assert split_inline("x^[ghi chú] y", 1) == ("x^[ghi chú]", " y")

"""Dates and numbers as clerks type them: the calendar, and the two readings of 1.234."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from generator.vnread import (
    NumberError,
    calendar_problem,
    date_advice,
    dates_in,
    read_date,
    read_number,
    written_figure,
)


@pytest.mark.parametrize(("parts", "said"), [
    ((31, 2, 2025), "tháng 2 năm 2025 chỉ có 28 ngày"),
    ((30, 2, 2024), "tháng 2 năm 2024 chỉ có 29 ngày"),
    ((31, 4, 2024), "tháng 4 năm 2024 chỉ có 30 ngày"),
    ((5, 13, 2025), "không có tháng 13 (tháng từ 1 đến 12)"),
    ((0, 5, 2025), "không có ngày 0"),
    ((29, 2, 2024), None),
    ((None, 6, 2024), None),
])
def test_a_date_off_the_calendar_names_the_wrong_part(parts: tuple[int | None, int, int],
                                                       said: str | None) -> None:
    assert calendar_problem(*parts) == said


def test_a_month_past_12_with_a_day_that_could_be_one_is_told_as_the_american_order() -> None:
    advice = date_advice(5, 13, 2025)
    assert "ngày 13 tháng 5 viết là 13/05/2025" in advice
    assert "NGÀY/THÁNG/NĂM (06/4/2024) hoặc NĂM-THÁNG-NGÀY (2024-04-06)" in advice
    assert "kiểu Mỹ" not in date_advice(31, 2, 2025)


@pytest.mark.parametrize(("text", "found"), [
    ("31/02/2025", [("31/02/2025", 31, 2, 2025)]),
    ("Trước ngày 30/02/2025.", [("30/02/2025", 30, 2, 2025)]),
    ("31-12-2024 và 1.2.2024", [("31-12-2024", 31, 12, 2024), ("1.2.2024", 1, 2, 2024)]),
    ("Hạn 2025-02-31", [("2025-02-31", 31, 2, 2025)]),
    ("ngày 31 tháng 02 năm 2025", [("ngày 31 tháng 02 năm 2025", 31, 2, 2025)]),
    ("Tháng 9-13/2022", [("Tháng 9-13/2022", None, 9, 2022), ("Tháng 9-13/2022", None, 13, 2022)]),
    ("trong tháng 12 năm 2024", [("tháng 12 năm 2024", None, 12, 2024)]),
    ("01/01/2024-31/12/2024", [("01/01/2024", 1, 1, 2024), ("31/12/2024", 31, 12, 2024)]),
])
def test_dates_are_found_in_every_form_plans_write_them(
        text: str, found: list[tuple[str, int | None, int, int]]) -> None:
    assert [(d.written, d.day, d.month, d.year) for d in dates_in(text)] == found


@pytest.mark.parametrize(("text", "problems"), [
    ("Quý V/2025", [("Quý V", "một năm có bốn quý, từ I đến IV")]),
    ("quý 5 năm 2025", [("quý 5", "một năm có bốn quý, từ I đến IV")]),
    ("Quý I, V/2025", [("Quý I, V", "một năm có bốn quý, từ I đến IV")]),
    ("Trước ngày 31/02 hằng năm", [("ngày 31/02", "tháng 2 có nhiều nhất 29 ngày")]),
    ("ngày 31 tháng 4", [("ngày 31 tháng 4", "tháng 4 có nhiều nhất 30 ngày")]),
    ("ngày 15/13", [("ngày 15/13", "không có tháng 13 (tháng từ 1 đến 12)")]),
    ("ngày 29/02 năm 2025", [("ngày 29/02 năm 2025", "tháng 2 năm 2025 chỉ có 28 ngày")]),
    ("Quý I và II, Quý III-IV/2025, QUÝ IV NĂM 2025, ngày 29/02, ngày 30 tháng 4", []),
    ("quý vị đại biểu, QUÝ VỊ, Quý I và vụ mùa, lương tháng 13, ông Trần Quý C.", []),
])
def test_quarters_and_days_without_a_year_are_checked_on_the_calendar(
        text: str, problems: list[tuple[str, str]]) -> None:
    """Plans write "Quý IV/2025" and "trước ngày 15/12" as often as full dates (issue 19:
    every form a date is written in); "lương tháng 13" is pay, not a month."""
    assert [(d.written, d.problem()) for d in dates_in(text) if d.problem()] == problems


@pytest.mark.parametrize("text", ["Nghị định số 45/2020/NĐ-CP", "1.234.567 đồng", "150/155",
                                  "Điện thoại 02.62.3852",
                                  "Quyết định 1284/QĐ-UBND năm 2024", "2021-2025", "1/2"])
def test_numbers_and_document_numbers_are_no_dates(text: str) -> None:
    assert list(dates_in(text)) == []


def test_a_text_that_is_one_date_is_read_in_either_form() -> None:
    assert read_date(" 06/4/2024 ") == (6, 4, 2024)
    assert read_date("2024-04-06") == (6, 4, 2024)
    assert read_date("05/13/2025") == (5, 13, 2025)  # read; the calendar says what is wrong
    assert read_date("Trước ngày 06/4/2024") is None
    assert read_date("06.4.2024") is None


@pytest.mark.parametrize(("written", "value"), [
    ("1234", Decimal(1234)), ("40,5", Decimal("40.5")), ("40.5", Decimal("40.5")),
    ("1.234.567", Decimal(1234567)), ("1.234,5", Decimal("1234.5")),
    ("0.125", Decimal("0.125")), ("96,77", Decimal("96.77")),
])
def test_numbers_one_reader_reads_one_way_are_read(written: str, value: Decimal) -> None:
    assert read_number(written) == value


def test_a_number_read_two_ways_is_refused_with_both_readings() -> None:
    with pytest.raises(NumberError) as refused:
        read_number("1.234")
    message = str(refused.value)
    assert "theo cách viết Việt Nam là 1234" in message
    assert "YAML đọc là 1,234" in message
    assert "Viết 1234 nếu là số nguyên, 1,234 (dấu phẩy) nếu là số lẻ" in message


def test_text_that_is_no_number_says_the_forms() -> None:
    with pytest.raises(NumberError, match=re.escape("1.234.567 (dấu chấm")):
        read_number("1,234,567")


def test_a_figure_is_written_so_that_both_readers_read_it_the_same() -> None:
    """A derived plan writes its parent's figures: 12.345 would read 12 345 to a clerk (and
    be refused on reading), so it is written with a decimal comma."""
    assert [written_figure(Decimal(v)) for v in ("60", "96.7", "12.345", "0.125")] == [
        60, 96.7, "12,345", 0.125]
    assert read_number("12,345") == Decimal("12.345")

"""Vietnamese dates and numbers by the decree's rules (babel's vi patterns get them wrong)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.vnformat import letter, long_date, roman, short_date, vi_decimal, vi_int


@pytest.mark.parametrize(("date", "text"), [
    (dt.date(2020, 4, 8), "08/4/2020"),
    (dt.date(2022, 1, 6), "06/01/2022"),
    (dt.date(2024, 2, 29), "29/02/2024"),
    (dt.date(2021, 12, 30), "30/12/2021"),
])
def test_short_date_pads_days_below_ten_and_months_one_and_two(date: dt.date,
                                                                 text: str) -> None:
    assert short_date(date) == text


def test_long_date_and_draft_blanks() -> None:
    assert long_date(6, 4, 2024) == "ngày 06 tháng 4 năm 2024"
    assert long_date(5, 1, 2020) == "ngày 05 tháng 01 năm 2020"
    blank = " " * 5
    assert long_date(None, 6, 2024) == f"ngày {blank} tháng 6 năm 2024"
    assert long_date(None, None, 2022) == f"ngày {blank} tháng {blank} năm 2022"


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("96.7"), "96,7"),
    (Decimal("0.1"), "0,1"),
    (Decimal("1234567.89"), "1.234.567,89"),
    (Decimal("75.0"), "75,0"),
    (Decimal("75"), "75"),
    (Decimal("-2.5"), "-2,5"),
])
def test_decimal_prints_the_places_it_carries_with_a_decimal_comma(value: Decimal,
                                                                     text: str) -> None:
    """Rounding happened before (kpi.numbers.rounded); formatting never rounds again."""
    assert vi_decimal(value) == text


def test_ints_use_dot_thousands() -> None:
    assert vi_int(1234567) == "1.234.567"
    assert vi_int(999) == "999"


def test_roman_and_letters() -> None:
    assert [roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert [letter(n) for n in range(1, 8)] == ["a", "b", "c", "d", "đ", "e", "g"]


def test_measures_show_a_decimal_comma_and_no_useless_zero() -> None:
    from generator.vnformat import vi_measure
    assert [vi_measure(v) for v in (13.5, 14.0, 7.5, 215.9, 2.04)] == \
        ["13,5", "14", "7,5", "215,9", "2"]

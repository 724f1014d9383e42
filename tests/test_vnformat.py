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


@pytest.mark.parametrize(("value", "places", "text"), [
    (Decimal("96.66"), 1, "96,7"),
    (Decimal("0.05"), 1, "0,1"),
    (Decimal("0.25"), 1, "0,3"),
    (Decimal("1234567.891"), 2, "1.234.567,89"),
    (Decimal("75"), 1, "75,0"),
    (Decimal("-2.45"), 1, "-2,5"),
])
def test_decimal_rounds_half_up_with_decimal_comma(value: Decimal, places: int,
                                                    text: str) -> None:
    assert vi_decimal(value, places) == text


def test_trim_drops_zero_fraction_and_ints_use_dot_thousands() -> None:
    assert vi_decimal(Decimal("75"), 1, trim=True) == "75"
    assert vi_int(1234567) == "1.234.567"
    assert vi_int(999) == "999"


def test_roman_and_letters() -> None:
    assert [roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert [letter(n) for n in range(1, 8)] == ["a", "b", "c", "d", "đ", "e", "g"]

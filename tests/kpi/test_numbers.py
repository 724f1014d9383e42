"""Exact ratios rounded once, half-up or cut; a zero denominator is a dash."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.kpi.numbers import DASH, ratio_percent, rounded, show_number, show_percent


@pytest.mark.parametrize(("b", "a", "half_up", "cut"), [
    (15, 20, "75%", "75%"), (8, 10, "80%", "80%"), (150, 155, "96,8%", "96,7%"),
    (1, 8, "12,5%", "12,5%"), (49, 400, "12,3%", "12,2%"),  # 12,25: the x,x5 edge
    (1, 3, "33,3%", "33,3%"), (2, 3, "66,7%", "66,6%"), (0, 7, "0%", "0%"),
])
def test_ratios_are_exact_and_rounded_once(b: int, a: int, half_up: str, cut: str) -> None:
    value = ratio_percent(b, a)
    assert value == Fraction(100 * b, a)
    assert show_percent(value, 1, trim=True) == half_up
    assert show_percent(value, 1, trim=True, mode="cat") == cut


def test_zero_denominator_is_a_dash_not_zero_or_an_error() -> None:
    assert ratio_percent(0, 0) is None
    assert show_percent(None) == DASH and show_number(None) == DASH


def test_shown_figures_keep_their_places_unless_trimmed() -> None:
    assert show_percent(Fraction(75), 1) == "75,0%"
    assert show_percent(Fraction(75), 1, trim=True) == "75%"
    assert show_number(Fraction(1234567, 10), 1) == "123.456,7"
    assert rounded(Fraction(-245, 100), 1) == Decimal("-2.5")


@given(st.integers(min_value=1, max_value=10**9).flatmap(
    lambda a: st.tuples(st.integers(min_value=0, max_value=a), st.just(a))))
def test_ratios_of_valid_counts_stay_within_0_and_100(counts: tuple[int, int]) -> None:
    b, a = counts
    value = ratio_percent(b, a)
    assert value is not None and 0 <= value <= 100
    assert Decimal(0) <= rounded(value, 1) <= Decimal(100)

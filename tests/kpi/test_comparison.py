"""One comparison per target, folded from so_sanh and the KPI's direction."""

from __future__ import annotations

from fractions import Fraction

import pytest

from generator.kpi.comparison import Comparison, comparison_for, meets, written


@pytest.mark.parametrize(("compare", "higher_is_better", "expected"), [
    ("toi_thieu", None, Comparison.AT_LEAST), ("toi_thieu", True, Comparison.AT_LEAST),
    ("toi_thieu", False, Comparison.AT_MOST), ("toi_da", None, Comparison.AT_MOST),
    ("toi_da", False, Comparison.AT_MOST), ("bang", False, Comparison.EXACTLY),
    ("tren", False, Comparison.ABOVE), ("duoi", None, Comparison.BELOW),
    ("phan_dau", None, Comparison.AT_LEAST), ("phan_dau", False, Comparison.AT_MOST),
])
def test_lower_is_better_turns_a_floor_into_a_ceiling(compare: str, higher_is_better: bool | None,
                                                      expected: Comparison) -> None:
    assert comparison_for(compare, higher_is_better) is expected


def test_the_excel_operator_means_what_the_python_comparison_does() -> None:
    for comparison in Comparison:
        for value in (49, 50, 51):
            python = comparison.holds(Fraction(value), Fraction(50))
            excel = {">=": value >= 50, "<=": value <= 50, "=": value == 50, ">": value > 50,
                     "<": value < 50}[comparison.excel]
            assert python is excel
    assert meets(None, Fraction(1), Comparison.AT_LEAST) is None


@pytest.mark.parametrize(("comparison", "aspiration", "style", "words"), [
    (Comparison.AT_LEAST, False, "tu_dong", ""), (Comparison.ABOVE, False, "tu_dong", "trên "),
    (Comparison.AT_MOST, False, "tu_dong", "tối đa "),
    (Comparison.AT_LEAST, True, "tu_dong", "phấn đấu "),
    (Comparison.AT_LEAST, False, "ky_hieu", "≥ "), (Comparison.BELOW, False, "ky_hieu", "< "),
    (Comparison.AT_LEAST, False, "chu", "tối thiểu "), (Comparison.ABOVE, True, "chu",
                                                         "phấn đấu trên "),
])
def test_a_comparison_is_written_the_way_the_plan_wants(comparison: Comparison,
                                                         aspiration: bool, style: str,
                                                         words: str) -> None:
    assert written(comparison, aspiration, style) == words

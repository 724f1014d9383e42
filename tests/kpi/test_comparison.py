"""One comparison per target, folded from so_sanh and the KPI's direction."""

from __future__ import annotations

from fractions import Fraction

import pytest

from generator.kpi.comparison import Comparison, comparison_for, meets


@pytest.mark.parametrize(("compare", "higher_is_better", "expected"), [
    ("toi_thieu", None, Comparison.AT_LEAST), ("toi_thieu", True, Comparison.AT_LEAST),
    ("toi_thieu", False, Comparison.AT_MOST), ("toi_da", None, Comparison.AT_MOST),
    ("toi_da", False, Comparison.AT_MOST), ("bang", False, Comparison.EXACTLY),
])
def test_lower_is_better_turns_a_floor_into_a_ceiling(compare: str, higher_is_better: bool | None,
                                                      expected: Comparison) -> None:
    assert comparison_for(compare, higher_is_better) is expected


def test_the_excel_operator_means_what_the_python_comparison_does() -> None:
    for comparison in Comparison:
        for value in (49, 50, 51):
            python = comparison.holds(Fraction(value), Fraction(50))
            excel = {">=": value >= 50, "<=": value <= 50, "=": value == 50}[comparison.excel]
            assert python is excel
    assert meets(None, Fraction(1), Comparison.AT_LEAST) is None

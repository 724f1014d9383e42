"""The test-side formula evaluator computes what Excel and LibreOffice compute."""

from __future__ import annotations

import pytest

from tests.helpers.xlsx_formulas import evaluate, excel_round


@pytest.mark.parametrize(("value", "places", "expected"), [
    (0.9675, 3, 0.968), (0.12345, 4, 0.1235), (2.5, 0, 3.0), (-2.5, 0, -3.0), (0.125, 2, 0.13),
])
def test_round_is_decimal_half_away_from_zero(value: float, places: int,
                                              expected: float) -> None:
    assert excel_round(value, places) == expected


def test_only_the_branch_taken_is_evaluated() -> None:
    assert evaluate('=IF(B1=0,"—",ROUND(A1/B1,3))', {"A1": 0, "B1": 0}) == "—"
    assert evaluate('=IF(B1=0,"—",ROUNDDOWN(A1/B1,3))', {"A1": 150, "B1": 155}) == 0.967


def test_references_to_formulas_are_followed() -> None:
    cells = {"A1": 3, "B1": 4, "C1": "=ROUND(A1/B1,2)", "D1": 0.7}
    formula = '=IF(AND(ISNUMBER(C1),ISNUMBER(D1)),IF(C1>=D1,"Đạt","Chưa đạt"),"—")'
    assert evaluate(formula, cells) == "Đạt"
    assert evaluate(formula, {**cells, "D1": None}) == "—"


def test_arithmetic_precedence_and_unknown_functions() -> None:
    assert evaluate("=1+2*3-4/2", {}) == 5.0
    with pytest.raises(ValueError, match="SUM"):
        evaluate("=SUM(A1,B1)", {})

"""The KPI book: typed and computed targets, looked up by scope and milestone, immutable."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from generator.kpi.book import KpiBook, achieved
from tests.conftest import EXAMPLES
from tests.helpers.builders import checked

RULE = {"loai": "vuot_trung_uong", "ket_qua_moc": "2023", "trung_uong_moc": "2024",
        "cong_them": 10, "tran": 100}


def book(**keys: Any) -> KpiBook:
    return checked(**keys).book


def rule_target(last: str, central: str) -> tuple[Fraction | None, str | None]:
    found = book(chi_tieu=[{"id": "x", "ten": "X", "ket_qua": [{"moc": "2023", "gia_tri": last}],
                            "muc_tieu": [{"moc": "2024", "gia_tri": central},
                                         {"moc": "100 ngày", "quy_tac": RULE}]}]
                 ).target("x", "100 ngày")
    assert found is not None
    return found.value, found.explanation


@pytest.mark.parametrize(("last", "central", "expected"), [
    ("0.2", "50", 60),     # below the central target: central + 10 (Ia Ake, online services)
    ("0", "45", 55),       # Ia Ake, online payment
    ("62", "50", 72),      # at or above: last year's result + 10
    ("50", "50", 60),      # equal counts as "not below"
    ("95", "80", 100),     # capped at 100%
])
def test_above_central_rule(last: str, central: str, expected: int) -> None:
    value, explanation = rule_target(last, central)
    assert value == expected
    assert explanation and explanation.endswith(f"{expected}%.")


def test_capped_rule_says_so() -> None:
    _, explanation = rule_target("95", "80")
    assert "không quá 100%" in (explanation or "")


def test_interpolation_by_day_count() -> None:
    rule = {"loai": "noi_suy", "tu_moc": "đầu", "den_moc": "cuối"}
    found = book(chi_tieu=[{"id": "x", "ten": "X", "ket_qua": [{"moc": "đầu", "gia_tri": 20}],
                            "muc_tieu": [{"moc": "cuối", "gia_tri": 80},
                                         {"moc": "giữa", "quy_tac": rule}]}],
                 cac_moc=[{"ten": "đầu", "so_ngay": 0}, {"ten": "giữa", "so_ngay": 25},
                          {"ten": "cuối", "so_ngay": 100}]).target("x", "giữa")
    assert found is not None and found.value == 35


def test_ia_ake_hundred_day_targets_come_from_the_rule() -> None:
    from generator.pipeline import load_plan

    ia_ake = load_plan(EXAMPLES / "ia-ake-2024.yaml").book
    online = ia_ake.target("dvc-truc-tuyen", "100 ngày", unit="Xã Ia Ake")
    payment = ia_ake.target("thanh-toan-truc-tuyen", "100 ngày", unit="Xã Ia Ake")
    assert (online and online.value, payment and payment.value) == (60, 55)
    assert online and online.explanation  # computed, not typed
    kept = ia_ake.target("cong-khai-minh-bach", "100 ngày", unit="Xã Ia Ake")
    assert kept is not None and kept.value == 100 and kept.milestone == "50 ngày"  # duy_tri


def test_more_specific_scopes_win() -> None:
    kpis = [{"id": "x", "ten": "X", "muc_tieu": [
        {"gia_tri": 10}, {"cap": "xa", "gia_tri": 20}, {"nhom": "g", "gia_tri": 30},
        {"don_vi": "Xã A", "gia_tri": 40}]}]
    groups = [{"id": "g", "ten": "G", "don_vi": ["Xã A", "Xã B"]}]
    b = book(chi_tieu=kpis, nhom_don_vi=groups)
    values = [b.target("x", None, **scope) for scope in (
        {}, {"level": "xa"}, {"group": "g", "level": "xa"}, {"unit": "Xã A", "group": "g"})]
    assert [v.value if v else None for v in values] == [10, 20, 30, 40]


def test_looking_up_an_unknown_milestone_changes_nothing() -> None:
    b = book(chi_tieu=[{"id": "x", "ten": "X", "muc_tieu": [{"moc": "A", "gia_tri": 5}]}],
             cac_moc=[{"ten": "A"}])
    order = dict(b.milestone_order)
    assert b.target("x", "khác") is None
    assert dict(b.milestone_order) == order
    with pytest.raises(TypeError):
        b.targets["x"] = ()  # type: ignore[index]


def test_achieved_uses_the_targets_comparison() -> None:
    b = book(chi_tieu=[{"id": "x", "ten": "X", "muc_tieu": [
        {"moc": "A", "gia_tri": 50}, {"moc": "B", "gia_tri": 50, "so_sanh": "toi_da"},
        {"moc": "C", "gia_tri": 50, "so_sanh": "bang"}]}])
    verdicts = [achieved(Fraction(v), b.target("x", m)) for m in "ABC" for v in (49, 50, 51)]
    assert verdicts == [False, True, True, True, True, False, False, True, False]
    assert achieved(None, b.target("x", "A")) is None
    assert achieved(Fraction(5), None) is None

"""The KPI engine: rules, exact ratios, rounding once, zero denominators, missing units."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.errors import KeHoachError
from generator.kpi.book import build_book
from generator.kpi.numbers import DASH, ratio_percent, rounded, show_percent
from generator.model import Plan
from generator.pipeline import BuildRequest, build, load_plan
from tests.conftest import EXAMPLES, FIXTURES
from tests.docx_reading import docx_progress_figures
from tests.test_ids import BASE
from tests.xlsx_reading import xlsx_progress_figures

IA_AKE = EXAMPLES / "ia-ake-2024.yaml"
BAC_KAN = EXAMPLES / "bac-kan-2022.yaml"
BAC_KAN_DATA = EXAMPLES / "bac-kan-2022-ket-qua.csv"


def plan_with(kpis: list[dict[str, Any]], **extra: Any) -> Plan:
    data = {**BASE, "phan": [{"tieu_de": "A"}], "chi_tieu": kpis, **extra}
    return Plan.model_validate(data)


RULE = {"loai": "vuot_trung_uong", "ket_qua_moc": "2023", "trung_uong_moc": "2024",
        "cong_them": 10, "tran": 100}


def rule_target(last: str, central: str) -> tuple[Fraction | None, str | None]:
    plan = plan_with([{"id": "x", "ten": "X", "ket_qua": [{"moc": "2023", "gia_tri": last}],
                       "muc_tieu": [{"moc": "2024", "gia_tri": central},
                                    {"moc": "100 ngày", "quy_tac": RULE}]}])
    book = build_book(plan)
    assert not book.problems
    found = book.target("x", "100 ngày")
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
    plan = plan_with([{"id": "x", "ten": "X", "ket_qua": [{"moc": "đầu", "gia_tri": 20}],
                       "muc_tieu": [{"moc": "cuối", "gia_tri": 80},
                                    {"moc": "giữa", "quy_tac": {"loai": "noi_suy",
                                                                "tu_moc": "đầu",
                                                                "den_moc": "cuối"}}]}],
                     cac_moc=[{"ten": "đầu", "so_ngay": 0}, {"ten": "giữa", "so_ngay": 25},
                              {"ten": "cuối", "so_ngay": 100}])
    found = build_book(plan).target("x", "giữa")
    assert found is not None and found.value == 35


def test_rule_without_its_inputs_is_a_validation_error(tmp_path: Path) -> None:
    text = IA_AKE.read_text(encoding="utf-8").replace(
        "ket_qua: [{moc: Năm 2023, don_vi: Xã Ia Ake, gia_tri: 0.2}]", "ket_qua: []")
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(plan)])
    assert result.exit_code == 1
    assert "chi_tieu[3].muc_tieu[2].quy_tac" in result.stderr
    assert "thiếu kết quả mốc 'Năm 2023'" in result.stderr


def test_ia_ake_hundred_day_targets_come_from_the_rule() -> None:
    book = build_book(load_plan(IA_AKE).plan)
    online = book.target("dvc-truc-tuyen", "100 ngày", unit="Xã Ia Ake")
    payment = book.target("thanh-toan-truc-tuyen", "100 ngày", unit="Xã Ia Ake")
    assert (online and online.value, payment and payment.value) == (60, 55)
    assert online and online.explanation  # computed, not typed


def test_maintained_target_holds_at_later_milestones() -> None:
    book = build_book(load_plan(IA_AKE).plan)
    found = book.target("cong-khai-minh-bach", "100 ngày", unit="Xã Ia Ake")
    assert found is not None and found.value == 100 and found.milestone == "50 ngày"


def test_target_above_100_percent_is_refused(tmp_path: Path) -> None:
    text = IA_AKE.read_text(encoding="utf-8").replace(
        "- {moc: 50 ngày, don_vi: Xã Ia Ake, gia_tri: 30}",
        "- {moc: 50 ngày, don_vi: Xã Ia Ake, gia_tri: 130}")
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(plan)])
    assert result.exit_code == 1
    assert "0–100 (đang là 130)" in result.stderr


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
    assert show_percent(None) == DASH


@given(st.integers(min_value=1, max_value=10**9).flatmap(
    lambda a: st.tuples(st.integers(min_value=0, max_value=a), st.just(a))))
def test_ratios_of_valid_counts_stay_within_0_and_100(counts: tuple[int, int]) -> None:
    b, a = counts
    value = ratio_percent(b, a)
    assert value is not None and 0 <= value <= 100
    assert Decimal(0) <= rounded(value, 1) <= Decimal(100)


def test_bac_kan_worked_examples_come_out_as_the_seed_says(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(BAC_KAN), "--data", str(BAC_KAN_DATA),
                                       "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines() if "Văn hoá" in line]
    shown = [next(w for w in words if w.endswith("%")) for words in lines]
    assert shown == ["75%", "80%", "96,7%"]
    assert [words[-1] for words in lines] == ["đạt", "Đạt", "Đạt"]  # "Chưa đạt", then "Đạt"


def test_unit_missing_from_the_data_is_reported_not_zero(tmp_path: Path) -> None:
    report = build(BAC_KAN, BuildRequest(tmp_path, ("docx",), data=BAC_KAN_DATA))
    missing = [w for w in report.warnings if "chưa có số liệu" in w.message]
    assert len(missing) == 1 and "Phường Đức Xuân" in missing[0].message
    marks = {line.unit: line.mark for line in report.progress}
    assert marks["Phường Đức Xuân"] == "Chưa có số liệu"
    assert marks["Phòng Văn hoá và Thông tin"] in ("Đạt", "Chưa đạt")


def test_data_without_a_mapping_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KeHoachError) as info:
        build(IA_AKE, BuildRequest(tmp_path, data=BAC_KAN_DATA))
    assert "du_lieu" in info.value.diagnostics[0].message
    assert not list(tmp_path.iterdir())


def test_explain_prints_how_each_computed_target_was_found(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(IA_AKE), "--explain", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert "thấp hơn chỉ tiêu Trung ương Năm 2024 50% → 50% + 10 = 60%." in result.stdout
    assert "45% + 10 = 55%." in result.stdout


@settings(max_examples=12, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=500).flatmap(
    lambda a: st.tuples(st.integers(min_value=0, max_value=a), st.just(a))),
    min_size=3, max_size=3))
def test_docx_and_xlsx_show_the_same_figures(counts: list[tuple[int, int]]) -> None:
    import tempfile


    header = ("Đơn vị,TTHC đủ điều kiện toàn trình,TTHC đã cung cấp toàn trình,"
              "TTHC cho phép nộp trực tuyến có phát sinh hồ sơ,"
              "TTHC có phát sinh hồ sơ trực tuyến,Tổng số hồ sơ phát sinh,"
              "Hồ sơ phát sinh trực tuyến")
    row = "Phòng Nội vụ," + ",".join(f"{a},{b}" for b, a in counts)
    with tempfile.TemporaryDirectory() as out:
        data = Path(out) / "ket-qua.csv"
        data.write_text(f"{header}\n{row}\n", encoding="utf-8")
        report = build(BAC_KAN, BuildRequest(Path(out), ("docx", "xlsx"), data=data))
        docx, xlsx = sorted(report.written)
        assert docx_progress_figures(docx, "Phòng Nội vụ") == \
            xlsx_progress_figures(xlsx, "Phòng Nội vụ", "cat")


def test_full_fixture_builds_every_kpi_table_kind(tmp_path: Path) -> None:
    report = build(FIXTURES / "valid" / "day-du.yaml", BuildRequest(tmp_path, ("docx",)))
    assert report.written


def test_unknown_milestone_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(IA_AKE), "--moc", "100 ngay", "-o",
                                       str(tmp_path)])
    assert result.exit_code == 1
    assert "Có phải ý bạn là '100 ngày'?" in result.stderr

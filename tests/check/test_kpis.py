"""Rules of KPIs: named, typed or computable targets, known scopes, tables and data."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from generator.check import kpis
from generator.check.core import BookContext
from generator.check.kpis import (
    computed_targets_have_their_inputs,
    kpi_table_widths_match_columns,
)
from generator.cli import main
from generator.errors import KeHoachError
from generator.ids import assign_ids
from generator.kpi.book import build_book
from generator.reference import load_reference
from tests.helpers.builders import checked, findings, messages, plan


def book_of(**keys: Any) -> BookContext:
    with_ids = assign_ids(plan(**keys))
    return BookContext(with_ids, build_book(with_ids, load_reference().kpi_catalogue))


RULE = {"loai": "vuot_trung_uong", "ket_qua_moc": "2023", "trung_uong_moc": "2024"}


def test_kpi_with_neither_id_nor_name_is_a_located_error(tmp_path: Any) -> None:
    """Regression: ids were derived before the checks and slugified None (exit 2)."""
    assert messages(kpis.kpis_are_named, chi_tieu=[{"muc_tieu": 50}]) == [
        "Chỉ tiêu chưa có mã ('id') cũng chưa có tên ('ten')."]
    source = tmp_path / "p.yaml"
    source.write_text("co_quan: {ten: [ỦY BAN NHÂN DÂN, XÃ A], cap: xa, ky_hieu: UBND, "
                      "dia_danh: A, ten_day_du: UBND xã A}\nngay_ban_hanh: 2025-01-06\n"
                      "trich_yeu: Thử\nphan: [{tieu_de: A}]\nchi_tieu:\n  - muc_tieu: 50\n"
                      "nguoi_ky: {chuc_vu: CHỦ TỊCH, ho_ten: A}\n"
                      "noi_nhan: {danh_sach: [B], luu: VT}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(source)])
    assert result.exit_code == 1
    assert "p.yaml:6:5: lỗi: chi_tieu[1]: Chỉ tiêu chưa có mã" in result.stderr


def test_an_unknown_id_without_a_name_is_an_error() -> None:
    [found] = findings(kpis.kpis_are_named, chi_tieu=[{"id": "dvc-truc-tuyn"}])
    assert found.hint == "Có phải ý bạn là 'dvc-truc-tuyen'?"
    assert not findings(kpis.kpis_are_named, chi_tieu=[{"id": "dvc-truc-tuyen"}])


def test_a_target_is_typed_or_computed() -> None:
    both = [{"id": "x", "ten": "X", "muc_tieu": [{"gia_tri": 5, "quy_tac": RULE}]}]
    neither = [{"id": "x", "ten": "X", "muc_tieu": [{"moc": "2024"}]}]
    for case in (both, neither):
        [found] = findings(kpis.targets_have_a_value_or_a_rule, chi_tieu=case)
        assert found.path == ("chi_tieu", 0, "muc_tieu", 0)


def test_rules_name_their_milestones() -> None:
    rule = {"loai": "noi_suy", "tu_moc": "A"}
    [found] = findings(kpis.rules_name_their_milestones,
                       chi_tieu=[{"id": "x", "ten": "X", "muc_tieu": [{"quy_tac": rule}]}])
    assert found.message == "Quy tắc noi_suy cần 'tu_moc' và 'den_moc'."


def test_results_need_a_value_or_both_counts() -> None:
    kpi = {"id": "x", "ten": "X", "ket_qua": [{"tu_so": 3}]}
    assert findings(kpis.results_have_a_value_or_counts, chi_tieu=[kpi])[0].path == (
        "chi_tieu", 0, "ket_qua", 0)


@pytest.mark.parametrize(("value", "measure", "bad"), [
    (130, None, True), (-1, "%", True), (100, "%", False), (130, "hồ sơ", False)])
def test_percent_targets_lie_within_0_and_100(value: int, measure: str | None,
                                              bad: bool) -> None:
    kpi: dict[str, Any] = {"id": "x", "ten": "X", "muc_tieu": value}
    if measure:
        kpi["don_vi_tinh"] = measure
    assert bool(findings(kpis.percent_targets_lie_within_0_and_100, chi_tieu=[kpi])) is bad


def test_target_scopes_name_known_levels_and_groups() -> None:
    kpi = {"id": "x", "ten": "X", "muc_tieu": [{"cap": "tinhh", "gia_tri": 5},
                                               {"nhom": "n1", "gia_tri": 5}]}
    assert findings(kpis.target_levels_are_known, chi_tieu=[kpi])[0].hint == \
        "Có phải ý bạn là 'tinh'?"
    assert findings(kpis.target_groups_are_known, chi_tieu=[kpi])[0].hint == \
        "Khai báo nhóm trong 'nhom_don_vi'."


def test_kpi_tables_and_data_name_known_kpis() -> None:
    keys = {"chi_tieu": [{"ten": "Tỷ lệ hồ sơ"}],
            "phu_luc": [{"tieu_de": "P", "noi_dung": [{"bang_chi_tieu": {
                "kieu": "theo_nhom", "chi_tieu": ["ty-le-ho-so", "ty-le"]}}]}],
            "du_lieu": {"cot_don_vi": "Đơn vị", "chi_tieu": {"ty-le-ho-so": {"gia_tri": "G"},
                                                             "khac": {"tu_so": "B"}}}}
    [found] = findings(kpis.kpi_tables_name_known_kpis, **keys)
    assert found.path[-2:] == ("chi_tieu", 1)
    assert messages(kpis.group_tables_have_unit_groups, **keys) == [
        "Bảng theo_nhom cần 'nhom_don_vi'."]
    assert messages(kpis.data_mapping_names_known_kpis, **keys) == [
        "Không có chỉ tiêu mã 'khac'."]
    assert messages(kpis.data_columns_are_complete, **keys) == [
        "Cần 'tu_so' và 'mau_so', hoặc 'gia_tri'."]


def test_a_rule_without_its_inputs_is_reported_at_its_rule() -> None:
    keys = {"chi_tieu": [{"id": "x", "ten": "X", "muc_tieu": [{"moc": "2024", "gia_tri": 50},
                                                              {"moc": "M", "quy_tac": RULE}]}]}
    with_ids = assign_ids(plan(**keys))
    book = build_book(with_ids, load_reference().kpi_catalogue)
    [found] = computed_targets_have_their_inputs(BookContext(with_ids, book))
    assert found.path == ("chi_tieu", 0, "muc_tieu", 1, "quy_tac")
    assert found.message == "Chỉ tiêu 'x': quy tắc vuot_trung_uong thiếu kết quả mốc '2023'."
    with pytest.raises(KeHoachError):
        checked(**keys)


def test_interpolation_needs_day_counts_and_distinct_ends() -> None:
    rule = {"loai": "noi_suy", "tu_moc": "A", "den_moc": "B"}
    kpi = {"id": "x", "ten": "X", "ket_qua": [{"moc": "A", "gia_tri": 1}],
           "muc_tieu": [{"moc": "B", "gia_tri": 9}, {"moc": "M", "quy_tac": rule}]}
    found = computed_targets_have_their_inputs(book_of(chi_tieu=[kpi]))
    assert "cần số ngày" in next(found).message
    same_day = [{"ten": "A", "so_ngay": 5}, {"ten": "B", "so_ngay": 5},
                {"ten": "M", "so_ngay": 5}]
    found = computed_targets_have_their_inputs(book_of(chi_tieu=[kpi], cac_moc=same_day))
    assert "cùng số ngày" in next(found).message


def test_kpi_table_widths_match_the_columns_it_will_have() -> None:
    kpi = {"id": "x", "ten": "X", "muc_tieu": [{"don_vi": "Xã A", "moc": "M", "gia_tri": 5}]}
    table = {"kieu": "theo_moc", "don_vi": ["Xã A"], "rong": [10, 20]}
    [found] = kpi_table_widths_match_columns(book_of(
        chi_tieu=[kpi], phu_luc=[{"tieu_de": "P", "noi_dung": [{"bang_chi_tieu": table}]}]))
    assert found.path == ("phu_luc", 0, "noi_dung", 0, "bang_chi_tieu", "rong")
    assert found.message.startswith("'rong' cần 3 giá trị")
    table["rong"] = [10, 20, 30]
    assert not list(kpi_table_widths_match_columns(book_of(
        chi_tieu=[kpi], phu_luc=[{"tieu_de": "P", "noi_dung": [{"bang_chi_tieu": table}]}])))


def test_a_target_repeated_for_the_same_scope_is_warned() -> None:
    from generator.check.kpis import targets_are_not_repeated
    from tests.helpers.builders import findings

    kpi = {"id": "x", "ten": "X", "muc_tieu": [{"cap": "xa", "moc": "M", "gia_tri": 20},
                                               {"cap": "xa", "moc": "M", "gia_tri": 25}]}
    [found] = findings(targets_are_not_repeated, chi_tieu=[kpi])
    assert found.path == ("chi_tieu", 0, "muc_tieu", 1) and "muc_tieu[1]" in found.message


def test_an_option_the_table_shape_ignores_is_said_to_be_ignored() -> None:
    from generator.check.kpis import kpi_row_table_options_fit
    from tests.helpers.builders import findings

    kpi = {"id": "x", "ten": "X", "muc_tieu": [{"gia_tri": 5}]}
    [found] = findings(kpi_row_table_options_fit, chi_tieu=[kpi], phu_luc=[{
        "tieu_de": "P", "noi_dung": [{"bang_chi_tieu": {"kieu": "giao_chi_tieu",
                                                        "don_vi": ["Xã A"]}}]}])
    assert found.path[-1] == "don_vi" and "bỏ qua" in found.message


def _counted(value: Any, measure: str = "hồ sơ") -> list[str]:
    kpi = {"id": "ho-so", "ten": "Số hồ sơ", "don_vi_tinh": measure,
           "muc_tieu": [{"moc": "Năm 2025", "gia_tri": value}]}
    return messages(kpis.counted_figures_are_whole, chi_tieu=[kpi]) + \
        messages(kpis.percent_is_typed_only_for_percentages, chi_tieu=[kpi])


def test_a_count_of_files_cannot_have_decimals() -> None:
    """``gia_tri: 1,5`` hồ sơ (or 1.234 meant as a thousand files, which the loader refuses)."""
    assert _counted("1,5") == ["Chỉ tiêu tính bằng 'hồ sơ' là số đếm, không có phần lẻ "
                               "(đang là 1,5)."]
    assert _counted(1234) == []
    assert _counted("96,5", measure="điểm") == []  # a score may have decimals
    assert _counted("1,5", measure="TTHC")


def test_a_percent_sign_on_a_kpi_counted_in_files_is_an_error() -> None:
    """``"80 %"`` on a KPI in hồ sơ: the "%" would be dropped from the page in silence."""
    assert _counted("80 %") == ["Giá trị '80 %' có dấu %, nhưng chỉ tiêu tính bằng 'hồ sơ' "
                                "(don_vi_tinh)."]
    assert messages(kpis.percent_is_typed_only_for_percentages, chi_tieu=[
        {"id": "x", "ten": "Tỷ lệ X", "muc_tieu": [{"gia_tri": "80 %"}]}]) == []

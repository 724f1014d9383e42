"""KPI tables from the book: the theo_moc header, the theo_nhom rows, giao_chi_tieu cells."""

from __future__ import annotations

from typing import Any

from generator.inline import Span
from generator.resolve.layout import TableLayout
from tests.helpers.builders import resolved


def _table(kind: str, **keys: Any) -> TableLayout:
    table = {"kieu": kind, **keys.pop("table", {})}
    plan = resolved(phu_luc=[{"tieu_de": "P", "huong": "ngang",
                              "noi_dung": [{"bang_chi_tieu": table}]}], **keys)
    [layout] = plan.appendices[0].blocks
    assert isinstance(layout, TableLayout)
    return layout


def _texts(row: Any) -> list[str]:
    return ["".join(s.text for s in line if isinstance(s, Span))
            for cell in row.cells for line in cell.lines]


KPI = {"id": "x", "ten": "Tỷ lệ X", "ket_qua": [{"moc": "2023", "gia_tri": 40}],
       "muc_tieu": [{"don_vi": "Xã A", "moc": "50 ngày", "gia_tri": 50, "duy_tri": True},
                    {"don_vi": "Xã A", "moc": "100 ngày", "gia_tri": 60}]}


def test_theo_moc_has_three_header_rows_when_a_kpi_has_two_targets() -> None:
    layout = _table("theo_moc", table={"don_vi": ["Xã A"]}, chi_tieu=[KPI],
                    cac_moc=[{"ten": "2023"}, {"ten": "50 ngày"}, {"ten": "100 ngày"}])
    assert [_texts(r) for r in layout.header] == [
        ["TT", "Đơn vị", "Tỷ lệ X"], ["2023", "Chỉ tiêu"],
        ["50 ngày và duy trì trong thời gian tiếp theo", "100 ngày"]]
    assert _texts(layout.rows[0]) == ["1", "Xã A", "40%", "50%", "60%"]
    assert len(layout.columns) == 5


def test_giao_chi_tieu_cites_a_basis_in_full_first_then_in_short() -> None:
    """No "%" after figures when the unit-of-measure column says "%"."""
    kpi = {"id": "x", "ten": "Tỷ lệ X", "can_cu_giao": ["nd-45-2020", "Kế hoạch này"],
           "chu_tri": "Văn phòng",
           "muc_tieu": [{"cap": "tinh", "gia_tri": 60}, {"cap": "xa", "gia_tri": 30}]}
    other = {"id": "y", "ten": "Tỷ lệ Y", "can_cu_giao": "nd-45-2020",
             "muc_tieu": [{"gia_tri": "> 90"}]}
    layout = _table("giao_chi_tieu", chi_tieu=[kpi, other])
    assert _texts(layout.rows[0]) == [
        "1", "Tỷ lệ X", "Văn phòng", "", "%", "60 (cấp tỉnh); 30 (cấp xã)",
        "Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục hành "
        "chính trên môi trường điện tử", "Kế hoạch này"]  # each basis its own line
    assert len(layout.rows[0].cells[6].lines) == 2
    assert _texts(layout.rows[1])[5:] == ["trên 90", "Nghị định số 45/2020/NĐ-CP"]
    target = layout.rows[1].cells[5]
    assert (target.number, target.percent, target.prefix) == (90, True, "trên ")


def test_giao_chi_tieu_groups_renamed_and_spanned_headings() -> None:
    kpis = [{"id": k, "ten": k.upper(), "muc_tieu": [{"gia_tri": 50}]} for k in "abc"]
    layout = _table("giao_chi_tieu", chi_tieu=kpis, table={
        "nhom_chi_tieu": [{"ten": "*Chỉ tiêu chung*", "chi_tieu": ["a", "b"]},
                          {"ten": "Chỉ tiêu riêng", "chi_tieu": ["c"]}],
        "tieu_de_cot": {"muc_tieu": "Chỉ tiêu", "don_vi_tinh": "ĐVT"},
        "tieu_de_gop": [{"tieu_de": "Năm 2024", "cot": ["don_vi_tinh", "muc_tieu"]}]})
    assert [_texts(r) for r in layout.header] == [
        ["STT", "Chỉ tiêu", "Đơn vị chủ trì", "Đơn vị phối hợp", "Năm 2024",
         "Căn cứ giao chỉ tiêu"], ["ĐVT", "Chỉ tiêu"]]
    assert [_texts(r)[:2] for r in layout.rows] == [
        ["I", "Chỉ tiêu chung"], ["1", "A"], ["2", "B"], ["II", "Chỉ tiêu riêng"], ["1", "C"]]
    assert layout.rows[0].group and layout.rows[0].cells[1].lines[0][0].italic  # type: ignore[union-attr]


def test_giao_chi_tieu_shows_the_target_in_force_not_every_layer() -> None:
    """The catalogue's central 2024 target (50%) lies under the plan's own for the same
    scope and milestone: the row shows the plan's."""
    kpi = {"id": "dvc-truc-tuyen", "muc_tieu": [{"moc": "Năm 2024", "gia_tri": 70}]}
    layout = _table("giao_chi_tieu", chi_tieu=[kpi], table={"moc": "Năm 2024"})
    assert _texts(layout.rows[0])[5] == "70"


def test_targets_typed_with_a_comparison_are_printed_the_plan_s_way() -> None:
    """"> 95" is strictly above, "phấn đấu" an aspiration; the cell stays a number."""
    kpi = {"id": "x", "ten": "Tỷ lệ X", "muc_tieu": [
        {"don_vi": "Xã A", "moc": "50 ngày", "gia_tri": "> 95"},
        {"don_vi": "Xã A", "moc": "100 ngày", "gia_tri": "phấn đấu 60%"}]}
    milestones = [{"ten": "50 ngày"}, {"ten": "100 ngày"}]
    layout = _table("theo_moc", table={"don_vi": ["Xã A"]}, chi_tieu=[kpi],
                    cac_moc=milestones)
    assert _texts(layout.rows[0])[2:] == ["trên 95%", "phấn đấu 60%"]
    cell = layout.rows[0].cells[2]
    assert (cell.number, cell.percent, cell.prefix) == (95, True, "trên ")
    signs = _table("theo_moc", table={"don_vi": ["Xã A"]}, chi_tieu=[kpi], cac_moc=milestones,
                   trinh_bay={"so_sanh": "ky_hieu"})
    assert _texts(signs.rows[0])[2:] == ["> 95%", "≥ 60%"]


def test_a_target_that_cannot_be_read_shows_the_accepted_forms() -> None:
    import pytest

    from generator.check import parse_plan
    from generator.errors import KeHoachError
    from tests.helpers.builders import document

    with pytest.raises(KeHoachError) as caught:
        parse_plan(document(chi_tieu=[{"id": "x", "ten": "X",
                                       "muc_tieu": [{"gia_tri": "khoảng 40"}]}]))
    [problem] = caught.value.diagnostics
    assert "> 95" in problem.message and "so_sanh" in problem.message
    assert problem.path == ("chi_tieu", 0, "muc_tieu", 0)
    with pytest.raises(KeHoachError) as caught:
        parse_plan(document(chi_tieu=[{"id": "x", "ten": "X", "muc_tieu": [
            {"gia_tri": "> 95", "so_sanh": "toi_da"}]}]))
    assert "giữ một trong hai" in caught.value.diagnostics[0].message

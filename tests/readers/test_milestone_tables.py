"""KPI tables of targets by milestone (Phụ lục II of Ia Ake and Phú Thiện, kehoach's
``theo_moc``) as chi_tieu with results and targets per unit and milestone, cac_moc and a
theo_moc bang_chi_tieu; a table kehoach would print otherwise stays a free table."""

from __future__ import annotations

from typing import Any

import pytest

from generator.readers.blocks import Cell, Grid, Line
from generator.readers.guesses import Notes
from generator.readers.milestone_tables import merged_order, milestone_table


def cell(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell((Line(text, text, "bảng 1"),), colspan, rowspan)


MAINTAINED = "và duy trì trong thời gian tiếp theo"


def ia_ake(*rows: tuple[Cell, ...]) -> Grid:
    """Two of the six KPIs of Ia Ake's Phụ lục II: one target held on, and two targets under
    "Chỉ tiêu" on a third header row; a row per unit below."""
    header = (
        (cell("TT", rowspan=3), cell("Địa phương", rowspan=3),
         cell("Tỷ lệ công khai, minh bạch", colspan=2),
         cell("Tỷ lệ dịch vụ công trực tuyến", colspan=3)),
        (cell("Năm 2023", rowspan=2), cell(f"Chỉ tiêu 50 ngày {MAINTAINED}", rowspan=2),
         cell("Năm 2023", rowspan=2), cell("Chỉ tiêu", colspan=2)),
        (cell("50 ngày"), cell(f"100 ngày {MAINTAINED}")))
    body = rows or ((cell("1"), cell("Xã Ia Ake"), cell("75,8%"), cell("100%"), cell("0,2%"),
                     cell("30%"), cell("60%")),)
    return Grid((*header, *body), (10.0, 22.0, 14.0, 18.0, 16.0, 12.0, 16.0), "bảng ở đoạn 114")


def _read(grid: Grid, notes: Notes | None = None) -> tuple[dict[str, Any] | None, Notes]:
    notes = notes or Notes()
    return milestone_table(grid, notes), notes


def test_a_unit_row_gives_results_and_targets_by_milestone() -> None:
    block, notes = _read(ia_ake())
    assert block == {"bang_chi_tieu": {
        "kieu": "theo_moc", "don_vi": ["Xã Ia Ake"], "tieu_de_don_vi": "Địa phương",
        "chi_tieu": ["ct-ty-le-cong-khai-minh-bach", "ct-ty-le-dich-vu-cong-truc"],
        "rong": [10.0, 22.0, 14.0, 18.0, 16.0, 12.0, 16.0]}}
    public, online = notes.table_kpis
    assert public["ten"] == "Tỷ lệ công khai, minh bạch"
    assert public["ket_qua"] == [{"moc": "Năm 2023", "don_vi": "Xã Ia Ake", "gia_tri": "75,8"}]
    assert public["muc_tieu"] == [{"moc": "50 ngày", "don_vi": "Xã Ia Ake", "gia_tri": 100,
                                   "duy_tri": True}]
    assert [(t["moc"], t["gia_tri"], t.get("duy_tri", False)) for t in online["muc_tieu"]] \
        == [("50 ngày", 30, False), ("100 ngày", 60, True)]
    assert notes.milestones == ["Năm 2023", "50 ngày", "100 ngày"]
    assert not notes.unit_groups and notes.counts["dòng bảng chỉ tiêu"] == 1


def test_units_with_the_same_figures_share_one_target_through_a_group() -> None:
    """Phú Thiện: every commune the same targets; written once, for a group of the table's
    units (a guess the clerk is asked to name); a KPI whose figures differ keeps one a unit."""
    rows = [(cell(str(n)), cell(f"Xã {n}"), cell("75,8%"), cell("100%"), cell(f"{n},5%"),
             cell("30%"), cell("60%")) for n in (1, 2)]
    block, notes = _read(ia_ake(*rows))
    assert block is not None
    [group] = notes.unit_groups
    assert group["don_vi"] == ["Xã 1", "Xã 2"] and group["ten"] == "Địa phương"
    public, online = notes.table_kpis
    assert [t.get("nhom") for t in public["muc_tieu"] + public["ket_qua"]] == [group["id"]] * 2
    assert [t["don_vi"] for t in online["ket_qua"]] == ["Xã 1", "Xã 2"]
    assert len(online["muc_tieu"]) == 4 and notes.guesses[0][0] == "nhom_don_vi"


def test_a_dash_is_no_figure() -> None:
    rows = [(cell("1"), cell("Xã A"), cell("—"), cell("100%"), cell("0,2%"), cell("30%"),
             cell("60%")),
            (cell("2"), cell("Xã B"), cell("70%"), cell("100%"), cell("0,2%"), cell("30%"),
             cell("trên 60%"))]
    block, notes = _read(ia_ake(*rows))
    assert block is not None
    public, online = notes.table_kpis
    assert [r["don_vi"] for r in public["ket_qua"]] == ["Xã B"]
    assert online["muc_tieu"][-1]["gia_tri"] == "trên 60%"


ROW = ("1", "Xã Ia Ake", "75,8%", "100%", "0,2%", "30%", "60%")


@pytest.mark.parametrize("change", [
    (2, "trên 75,8%"),  # a result is printed with no comparison
    (3, "99,70%"),  # kehoach prints 99,7%
    (3, "**100%**"),  # its own bold
    (0, "2"),  # rows are numbered from 1
    (6, "—"),  # the 100-day column all "—": kehoach prints no such column
    (4, "0.2%"),  # a decimal point
], ids=["so-sanh-o-ket-qua", "so-0-cuoi", "in-dam", "so-thu-tu", "cot-trong", "dau-cham"])
def test_a_row_kehoach_would_print_otherwise_leaves_a_free_table(change: tuple[int, str]) -> None:
    row = [cell(text) for text in ROW]
    row[change[0]] = cell(change[1])
    block, notes = _read(ia_ake(tuple(row)))
    assert block is None and not notes.table_kpis and not notes.milestones


def test_a_dash_under_a_target_that_holds_on_leaves_a_free_table() -> None:
    """kehoach would print the 50-day target held on where the source shows "—"."""
    header = ia_ake().rows[:3]
    rows = [(cell("1"), cell("Xã A"), cell("75,8%"), cell("100%"), cell("0,2%"), cell("30%"),
             cell("60%")),
            (cell("2"), cell("Xã B"), cell("75,8%"), cell("100%"), cell("0,2%"), cell("30%"),
             cell("—"))]
    held = Grid((*header[:2], (cell("50 ngày và duy trì trong thời gian tiếp theo"),
                               cell("100 ngày")), *rows), (), "bảng 1")
    assert _read(held)[0] is None


def _one_target(depth: int) -> Grid:
    """A KPI with one result and one target, on ``depth`` header rows."""
    rows = [(cell("TT", rowspan=depth), cell("Đơn vị", rowspan=depth), cell("Tỷ lệ", colspan=2)),
            (cell("Năm 2023", rowspan=depth - 1), cell("Chỉ tiêu 50 ngày", rowspan=depth - 1))]
    return Grid((*rows, *[()] * (depth - 2), (cell("1"), cell("Xã A"), cell("70%"),
                                               cell("90%"))), (), "bảng 1")


def test_a_header_kehoach_lays_out_otherwise_leaves_a_free_table() -> None:
    assert _read(_one_target(2))[0] is not None
    assert _read(_one_target(3))[0] is None  # a third header row that no KPI needs
    grid = ia_ake()
    top = list(grid.rows[0])
    top[0] = cell("STT", rowspan=3)  # kehoach heads the column "TT"
    assert _read(Grid((tuple(top), *grid.rows[1:]), (), "bảng 1"))[0] is None
    middle = list(grid.rows[1])
    middle[2:4] = middle[3], middle[2]  # a result after the targets
    assert _read(Grid((grid.rows[0], tuple(middle), *grid.rows[2:]), (), "bảng 1"))[0] is None


def test_milestones_keep_the_order_of_every_table() -> None:
    assert merged_order([["Năm 2023"], ["50 ngày", "100 ngày"], ["Năm 2023", "100 ngày"]]) \
        == ["Năm 2023", "50 ngày", "100 ngày"]
    assert merged_order([["50 ngày", "100 ngày"], ["100 ngày", "50 ngày"]]) is None


def test_a_second_table_whose_milestones_disagree_leaves_a_free_table() -> None:
    notes = Notes()
    notes.milestones[:] = ["100 ngày", "50 ngày"]
    assert _read(ia_ake(), notes)[0] is None

"""A Word table read back as a free table (``bang``): header, rows, merges and widths as
the plan writes them; merges that do not fit the grid (a damaged file) lose no cell."""

from __future__ import annotations

from generator.readers.blocks import Cell, Grid, Line
from generator.readers.tables import MAX_ROWSPAN, MIN_WIDTH_MM, free_table


def cell(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell((Line(text, text, "bảng 1"),), colspan, rowspan)


def grid(*rows: tuple[Cell, ...], widths: tuple[float, ...] = (20.0, 60.0)) -> Grid:
    return Grid(tuple(rows), widths, "bảng 1")


def test_the_first_row_is_the_header_and_widths_come_from_the_grid() -> None:
    found = free_table(grid((cell("TT"), cell("Nội dung")), (cell("1"), cell("Họp"))))
    assert found == {"cot": [{"rong": 20.0}, {"rong": 60.0}],
                     "dau_bang": [["TT", "Nội dung"]], "dong": [["1", "Họp"]]}


def test_merged_cells_keep_their_spans() -> None:
    found = free_table(grid((cell("Chỉ tiêu", colspan=2),),
                            (cell("Xã A", rowspan=2), cell("30%")), (cell("35%"),)))
    assert found["dau_bang"] == [[{"noi_dung": "Chỉ tiêu", "gop_cot": 2}]]
    assert found["dong"] == [[{"noi_dung": "Xã A", "gop_dong": 2}, "30%"], ["35%"]]


def test_merges_that_do_not_fit_the_grid_leave_every_cell_on_its_own() -> None:
    found = free_table(grid((cell("a"), cell("b")), (cell("c", colspan=3),)))
    assert found["dau_bang"] == [["a", "b", ""]] and found["dong"] == [["c", "", ""]]
    assert len(found["cot"]) == 3


def test_a_merge_running_past_the_last_row_does_not_fit() -> None:
    found = free_table(grid((cell("a"), cell("b")), (cell("c", rowspan=3), cell("d"))))
    assert found["dong"] == [["c", "d"]]


def test_a_merge_down_more_rows_than_the_limit_is_cut_to_it() -> None:
    """Word said 40 rows; the table goes on with two cells a row after the limit."""
    under = [(cell(str(n)),) for n in range(1, MAX_ROWSPAN)]
    after = [(cell("y"), cell("z"))] * 3
    found = free_table(grid((cell("A"), cell("B")), (cell("x", rowspan=40), cell("0")),
                            *under, *after))
    assert found["dong"][0][0] == {"noi_dung": "x", "gop_dong": MAX_ROWSPAN}
    assert found["dong"][-1] == ["y", "z"]


def test_a_narrow_or_unknown_column_gets_a_usable_width() -> None:
    found = free_table(grid((cell("a"), cell("b"), cell("c")), widths=(1.0, 40.0)))
    assert [c["rong"] for c in found["cot"]] == [MIN_WIDTH_MM, 40.0, round(41.0 / 3, 1)]


def test_a_header_cell_merged_down_takes_the_rows_it_reaches_into_the_header() -> None:
    """Phụ lục II of Ia Ake: "TT" and "Địa phương" down three rows, a KPI's name over
    "Năm 2023 | Chỉ tiêu", "Chỉ tiêu" over "50 ngày | 100 ngày"."""
    found = free_table(grid(
        (cell("TT", rowspan=3), cell("Tỷ lệ", colspan=3)),
        (cell("Năm 2023", rowspan=2), cell("Chỉ tiêu", colspan=2)),
        (cell("50 ngày"), cell("100 ngày")),
        (cell("1"), cell("0,2%"), cell("30%"), cell("60%")),
        widths=(10.0, 20.0, 20.0, 20.0)))
    assert found["dau_bang"] == [
        [{"noi_dung": "TT", "gop_dong": 3}, {"noi_dung": "Tỷ lệ", "gop_cot": 3}],
        [{"noi_dung": "Năm 2023", "gop_dong": 2}, {"noi_dung": "Chỉ tiêu", "gop_cot": 2}],
        ["50 ngày", "100 ngày"]]
    assert found["dong"] == [["1", "0,2%", "30%", "60%"]]


def test_a_header_merged_down_past_the_last_row_leaves_every_cell_on_its_own() -> None:
    found = free_table(grid((cell("TT", rowspan=3), cell("a")), (cell("b"),)))
    assert found["dau_bang"] == [["TT", "a"]] and found["dong"] == [["b", ""]]

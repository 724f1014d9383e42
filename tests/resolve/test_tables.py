"""Tables as laid out: STT and group numbering, merged headers, task tables, widths."""

from __future__ import annotations

from typing import Any

from generator.inline import Span
from generator.resolve.layout import ColumnWidth, TableLayout
from tests.helpers.builders import resolved


def _tables(**keys: Any) -> list[TableLayout]:
    return [b for a in resolved(**keys).appendices for b in a.blocks
            if isinstance(b, TableLayout)]


def _text(cell: Any) -> str:
    return "\n".join("".join(s.text for s in line if isinstance(s, Span)) for line in cell.lines)


def test_numbered_free_table_counts_rows_and_groups() -> None:
    table = {"danh_so": True, "cot": [{"rong": 12, "can": "giua"}, {"rong": 60}],
             "dau_bang": [["STT", "Đơn vị"]],
             "dong": [{"nhom": "CÁC PHÒNG"}, ["Phòng A"], ["Phòng **B**"], {"nhom": "CÁC XÃ"},
                      ["Xã C"]]}
    [layout] = _tables(phu_luc=[{"tieu_de": "P", "noi_dung": [{"bang": table}]}])
    assert [[_text(c) for c in row.cells] for row in layout.rows] == [
        ["I", "CÁC PHÒNG"], ["1", "Phòng A"], ["2", "Phòng B"], ["II", "CÁC XÃ"], ["1", "Xã C"]]
    assert [row.group for row in layout.rows] == [True, False, False, True, False]
    assert layout.rows[2].cells[1].lines[0][1] == Span("B", bold=True)
    assert layout.columns == (ColumnWidth(mm=12), ColumnWidth(mm=60))
    assert layout.rows[1].cells[0].number == 1  # a spreadsheet stores STT as a number


def test_task_table_groups_columns_and_shares() -> None:
    groups = [{"ten": "Hoàn thiện *văn bản*", "nhiem_vu": [
        {"noi_dung": "Rà soát", "chu_tri": ["A", "B"], "thoi_gian": "Quý I"}]}]
    [layout] = _tables(nhom_nhiem_vu=groups, phu_luc=[{"tieu_de": "P", "noi_dung": [
        {"bang_nhiem_vu": {"cot": ["noi_dung", "chu_tri", "thoi_gian"],
                           "tieu_de_cot": {"thoi_gian": "Thời hạn"}}}]}])
    assert [_text(c) for c in layout.header[0].cells] == ["STT", "Nhiệm vụ", "Đơn vị chủ trì",
                                                          "Thời hạn"]
    group, task = layout.rows
    assert group.group and Span("văn bản", italic=True) in group.cells[1].lines[0]
    assert [_text(c) for c in task.cells] == ["1", "Rà soát", "A; B", "Quý I"]
    assert layout.columns[0] == ColumnWidth(mm=12.0)
    assert all(c.mm is None for c in layout.columns[1:])


def test_a_list_in_a_cell_is_one_paragraph_per_line() -> None:
    """The documented way to write a list in a cell (README, "Danh sách trong ô bảng")."""
    tasks = [{"noi_dung": "Báo cáo", "san_pham": "- Báo cáo tháng\n- Báo cáo **quý**\n"
              "  + Gửi UBND"}]
    [layout] = _tables(nhiem_vu=tasks, phu_luc=[{"tieu_de": "P", "noi_dung": [
        {"bang_nhiem_vu": {"cot": ["noi_dung", "san_pham"]}}]}])
    [row] = layout.rows
    product = row.cells[2]
    assert [[s.text for s in line] for line in product.lines] == [
        ["- Báo cáo tháng"], ["- Báo cáo ", "quý"], ["  + Gửi UBND"]]


GROUPS = [{"ten": "Hoàn thiện *thể chế*", "ghi_chu": "Gồm các văn bản của xã.",
           "nhiem_vu": [{"noi_dung": "Rà soát"}, {"noi_dung": "Ban hành"}]},
          {"ten": "Tuyên truyền", "nhiem_vu": [{"noi_dung": "Phát thanh"}]}]


def _numbers(**options: Any) -> list[list[str]]:
    [layout] = _tables(nhom_nhiem_vu=GROUPS, phu_luc=[{"tieu_de": "P", "noi_dung": [
        {"bang_nhiem_vu": {"cot": ["noi_dung"], **options}}]}])
    return [[_text(c) for c in row.cells] for row in layout.rows]


def test_task_table_numbering_is_the_plan_s_choice() -> None:
    assert [r[0] for r in _numbers()] == ["I", "1", "2", "II", "1"]
    assert [r[0] for r in _numbers(so_nhom="so", so_nhiem_vu="so_con")] == [
        "1", "1.1", "1.2", "2", "2.1"]
    assert [r[0] for r in _numbers(so_nhom="chu", mot_nhiem_vu_khong_so=True)] == [
        "A", "1", "2", "B", ""]
    assert [r[0] for r in _numbers(so_nhom="khong", so_nhiem_vu="khong")] == [""] * 5


def test_a_group_row_keeps_its_own_formatting_and_holds_a_note() -> None:
    [layout] = _tables(nhom_nhiem_vu=GROUPS, phu_luc=[{"tieu_de": "P", "noi_dung": [
        {"bang_nhiem_vu": {"cot": ["noi_dung"], "nhom_dam": False}}]}])
    title = layout.rows[0].cells[1]
    assert not title.bold and Span("thể chế", italic=True) in title.lines[0]
    assert _text(title) == "Hoàn thiện thể chế\nGồm các văn bản của xã."

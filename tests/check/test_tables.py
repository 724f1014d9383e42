"""Rules of tables: grids tile, rows fill the columns, task tables pick what exists."""

from __future__ import annotations

from typing import Any

from generator.check import tables
from tests.helpers.builders import findings, messages


def _table(**keys: Any) -> list[dict[str, Any]]:
    table = {"cot": [{"rong": 20}, {"rong": 40}, {"rong": 40}], **keys}
    return [{"tieu_de": "Phụ lục", "noi_dung": [{"bang": table}]}]


def test_header_cells_must_tile_the_columns() -> None:
    header = [[{"noi_dung": "A", "gop_dong": 2}, {"noi_dung": "B", "gop_cot": 2}], ["C"]]
    assert messages(tables.tables_fit_their_columns, phu_luc=_table(dau_bang=header)) == [
        "Bảng không khớp số cột: dòng tiêu đề 2 chỉ phủ 2/3 cột."]
    header[1].append("D")
    assert not findings(tables.tables_fit_their_columns, phu_luc=_table(dau_bang=header))


def test_rows_fill_the_columns_except_a_numbered_tables_stt() -> None:
    [found] = findings(tables.tables_fit_their_columns, phu_luc=_table(dong=[["a", "b"]]))
    assert found.path == ("phu_luc", 0, "noi_dung", 0, "bang")
    assert "dòng 1 chỉ phủ 2/3 cột" in found.message
    assert not findings(tables.tables_fit_their_columns,
                        phu_luc=_table(dong=[["a", "b"]], danh_so=True))


def test_a_cell_merged_down_fills_its_column_in_the_rows_below() -> None:
    """"Nhóm 1" over two units: the second row has one cell fewer, as in real plans."""
    merged = [[{"noi_dung": "Nhóm 1", "gop_dong": 2}, "Xã A", "30%"], ["Xã B", "40%"]]
    assert not findings(tables.tables_fit_their_columns, phu_luc=_table(dong=merged))
    assert messages(tables.tables_fit_their_columns,
                    phu_luc=_table(dong=[*merged, {"nhom": "II"}, ["Nhóm 2", "Xã C"]])) == [
        "Bảng không khớp số cột: dòng 4 chỉ phủ 2/3 cột."]
    assert messages(tables.tables_fit_their_columns,
                    phu_luc=_table(dong=[merged[0], {"nhom": "II"}, ["a", "b", "c"]])) == [
        "Bảng không khớp số cột: dòng 2 là dòng nhóm nhưng ô gộp dòng phía trên còn phủ "
        "xuống."]
    assert messages(tables.tables_fit_their_columns, phu_luc=_table(dong=merged[:1])) == [
        "Bảng không khớp số cột: ô gộp dòng kéo dài quá dòng cuối."]


def test_a_row_is_cells_or_a_group() -> None:
    [found] = findings(tables.rows_are_cells_or_a_group,
                       phu_luc=_table(dong=[{"o": ["a", "b", "c"], "nhom": "N"}]))
    assert found.path == ("phu_luc", 0, "noi_dung", 0, "bang", "dong", 0)


def test_tables_in_the_body_are_checked_too() -> None:
    table = {"cot": [{"rong": 20}], "dong": [["a", "b"]]}
    [found] = findings(tables.tables_fit_their_columns,
                       phan=[{"tieu_de": "A", "doan": [{"bang": table}]}])
    assert found.path == ("phan", 0, "doan", 0, "bang")


def test_task_tables_need_tasks_known_groups_and_matching_widths() -> None:
    block = {"bang_nhiem_vu": {"nhom": ["khong-co"], "cot": ["noi_dung"], "rong": [10, 20, 30]}}
    appendix = [{"tieu_de": "Phụ lục", "noi_dung": [block]}]
    assert messages(tables.task_tables_have_their_tasks, phu_luc=appendix) == [
        "Bảng nhiệm vụ nhưng kế hoạch chưa có 'nhiem_vu' hay 'nhom_nhiem_vu'.",
        "Không có nhóm nhiệm vụ mã 'khong-co'."]
    assert messages(tables.task_table_widths_match_columns, phu_luc=appendix) == [
        "'rong' cần 2 giá trị (cột STT và 1 cột)."]


def test_task_tables_may_pick_a_group_by_its_derived_id() -> None:
    block = {"bang_nhiem_vu": {"nhom": ["ha-tang"]}}
    assert not findings(tables.task_tables_have_their_tasks,
                        nhom_nhiem_vu=[{"ten": "Hạ tầng", "nhiem_vu": [{"noi_dung": "A"}]}],
                        phu_luc=[{"tieu_de": "P", "noi_dung": [block]}])


def test_nan_or_inf_typed_as_text_is_not_a_width() -> None:
    """Regression: ``rong: [12, nan]`` validated (the model read 'nan' as a float) and the
    build failed on the NaN width with exit 2."""
    import pytest

    from generator.check.parse import parse_plan
    from generator.errors import KeHoachError
    from tests.helpers.builders import document

    for written in ("nan", "inf", "-Infinity"):
        table = {"bang": {"cot": [{"rong": 20}, {"rong": written}], "dong": [["a", "b"]]}}
        with pytest.raises(KeHoachError) as info:
            parse_plan(document(phu_luc=[{"tieu_de": "Phụ lục", "noi_dung": [table]}]))
        [problem] = info.value.diagnostics
        assert problem.path == ("phu_luc", 0, "noi_dung", 0, "bang", "cot", 1, "rong")
        assert problem.message == (f"Phải là một số cụ thể ('{written}' là vô cực hoặc 'không "
                                   "phải số').")

"""What a clerk types in a form field becomes the YAML value meant, and shows back the same."""

from __future__ import annotations

import pytest

from generator.web.forms import parsed, shown, tabs, tasks_tab


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Phòng Nội vụ; UBND xã, phường", "units", ["Phòng Nội vụ", "UBND xã, phường"]),
    ("Phòng Nội vụ", "units", "Phòng Nội vụ"),
    ("40,5", "number", 40.5),
    ("100", "number", 100),
    ("bốn mươi", "number", "bốn mươi"),
    ("{thang: 8, nam: 2022}", "raw", {"thang": 8, "nam": 2022}),
    ("UBND tỉnh\r\n\r\nSở Nội vụ\n", "lines", ["UBND tỉnh", "Sở Nội vụ"]),
    ("   ", "text", None),
    ("Dòng một\ndòng hai", "text", "Dòng một dòng hai"),
])
def test_typed_text_becomes_the_value_meant(text: str, kind: str, value: object) -> None:
    assert parsed(text, kind) == value


def test_values_show_back_as_typed() -> None:
    assert shown(["Phòng A", "Phòng B"], "units") == "Phòng A; Phòng B"
    assert shown({"thang": 8, "nam": 2022}, "raw") == "{thang: 8, nam: 2022}"
    assert parsed(shown(["A", "B"], "lines"), "lines") == ["A", "B"]


def test_a_list_where_the_form_expects_text_is_kept_a_list() -> None:
    form = tabs({"loi_ket": ["Đoạn một.", "Đoạn hai."]})
    field = next(f for f in form[0].fields if f.path == ("loi_ket",))
    assert field.kind == "lines" and field.text == "Đoạn một.\nĐoạn hai."


def test_a_block_the_form_does_not_know_is_left_to_the_yaml_tab() -> None:
    form = tabs({"phan": [{"tieu_de": "A", "doan": [{"bang": {"cot": []}}]}]})
    section = next(t for t in form if t.key == "noi-dung").items[0]
    assert section.items[0].fields == [] and "YAML" in section.items[0].note


def test_tasks_are_a_table_with_a_column_per_field() -> None:
    """The tasks tab: one table per list of tasks (content, lead, cooperating units, time,
    product), a row per task bound to its YAML path, numbered as the plan numbers them."""
    data = {"nhiem_vu": [{"noi_dung": "Tập huấn", "chu_tri": ["Văn phòng", "Công an xã"]}],
            "nhom_nhiem_vu": [{"ten": "Nhóm một", "nhiem_vu": [
                {"noi_dung": "A", "thoi_gian": "Quý I"}, {"noi_dung": "B"}]}]}
    tab = tasks_tab(data)
    assert tab.table is not None
    assert tab.table.columns == ["Nội dung", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm"]
    [row] = tab.table.rows
    assert row.path == ("nhiem_vu", 0)
    assert [f.path for f in row.fields][:2] == [("nhiem_vu", 0, "noi_dung"),
                                                ("nhiem_vu", 0, "chu_tri")]
    assert row.fields[1].text == "Văn phòng; Công an xã"
    group = tab.items[0].table
    assert group is not None
    assert [r.title for r in group.rows] == ["1.1", "1.2"]
    assert group.rows[0].fields[3].text == "Quý I"
    assert group.rows[1].path == ("nhom_nhiem_vu", 0, "nhiem_vu", 1)


def test_a_plan_of_groups_only_has_no_flat_task_table() -> None:
    assert tasks_tab({"nhom_nhiem_vu": [{"ten": "N", "nhiem_vu": []}]}).table is None


def test_the_tasks_tab_says_how_to_print_tasks_when_nothing_prints_them() -> None:
    """A plan with no task table and no part listing tasks (the minimal example): the tab
    says which button prints them; once one does, the note goes."""
    bare = {"phan": [{"tieu_de": "MỤC ĐÍCH", "doan": ["…"]}]}
    assert "Thêm phụ lục bảng nhiệm vụ" in tasks_tab(bare).note
    listed = {"phan": [{"tieu_de": "NHIỆM VỤ", "muc": [{"tieu_de": "Cụ thể",
                                                        "nhiem_vu": ["*"]}]}]}
    assert tasks_tab(listed).note == ""
    table = {**bare, "phu_luc": [{"tieu_de": "X", "noi_dung": [{"bang_nhiem_vu": {}}]}]}
    assert tasks_tab(table).note == ""

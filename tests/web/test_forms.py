"""What a clerk types in a form field becomes the YAML value meant, and shows back the same."""

from __future__ import annotations

import pytest

from generator.web.forms import parsed, shown, tabs


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

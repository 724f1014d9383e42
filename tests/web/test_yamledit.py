"""Round-trip edits: a field changed in the form changes only its own lines."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from generator.web.yamledit import EditError, edit

BAC_KAN = (Path(__file__).parents[2] / "data" / "examples" / "bac-kan-2022.yaml").read_text(
    encoding="utf-8")


def _changes(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  n=0, lineterm="")
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_a_name_typed_changes_its_line_only() -> None:
    after = edit(BAC_KAN, "set", ("nguoi_ky", "ho_ten"), "Lê Văn Bình")
    assert _changes(BAC_KAN, after) == ["-  ho_ten: Nguyễn Thị Huệ", "+  ho_ten: Lê Văn Bình"]


def test_a_target_in_a_flow_mapping_keeps_the_rest_of_the_line() -> None:
    after = edit(BAC_KAN, "set", ("chi_tieu", 0, "muc_tieu", 0, "gia_tri"), 95)
    assert _changes(BAC_KAN, after) == [
        "-      - {gia_tri: 100, nhom: phong-nhom-1, moc: Năm 2022}",
        "+      - {gia_tri: 95, nhom: phong-nhom-1, moc: Năm 2022}"]


def test_a_value_that_needs_quotes_gets_them_and_reads_back() -> None:
    for value in ("Phòng A: phụ trách", "#1 ưu tiên", "yes", "2024-01-01", " lề "):
        after = edit(BAC_KAN, "set", ("nguoi_ky", "ho_ten"), value)
        assert yaml.safe_load(after)["nguoi_ky"]["ho_ten"] == value
        assert len(_changes(BAC_KAN, after)) == 2


def test_units_written_as_a_list_stay_on_one_line() -> None:
    path = ("nhom_nhiem_vu", 0, "nhiem_vu", 0, "phoi_hop")
    after = edit(BAC_KAN, "set", path, ["Phòng Nội vụ", "UBND xã, phường"])
    assert yaml.safe_load(after)["nhom_nhiem_vu"][0]["nhiem_vu"][0]["phoi_hop"] == [
        "Phòng Nội vụ", "UBND xã, phường"]
    assert len(_changes(BAC_KAN, after)) == 2


def test_a_task_added_keeps_every_comment_and_other_line() -> None:
    after = edit(BAC_KAN, "append", ("nhom_nhiem_vu", 0, "nhiem_vu"),
                 {"noi_dung": "Việc mới", "chu_tri": "Phòng Nội vụ"})
    assert all(line.startswith("+") for line in _changes(BAC_KAN, after))
    assert yaml.safe_load(after)["nhom_nhiem_vu"][0]["nhiem_vu"][-1]["noi_dung"] == "Việc mới"


def test_a_task_removed_removes_its_lines_only() -> None:
    after = edit(BAC_KAN, "delete", ("nhom_nhiem_vu", 0, "nhiem_vu", 0))
    removed = _changes(BAC_KAN, after)
    assert all(line.startswith("-") for line in removed) and len(removed) == 6


def test_a_new_key_goes_where_a_reader_looks_for_it() -> None:
    after = edit(BAC_KAN, "set", ("so",), "12/KH-UBND")
    lines = after.splitlines()
    assert lines[lines.index("so: 12/KH-UBND") + 1].startswith("ngay_ban_hanh:")


def test_unknown_keys_and_comments_survive_a_structural_edit() -> None:
    text = "# đầu tệp\nkhoa_la: giu nguyen  # ghi chú\nnoi_nhan:\n  danh_sach: [A]\n"
    after = edit(text, "set", ("noi_nhan", "luu"), "VT")
    assert after.startswith("# đầu tệp\nkhoa_la: giu nguyen  # ghi chú\n")
    assert yaml.safe_load(after)["noi_nhan"]["luu"] == "VT"


def test_a_path_the_file_does_not_have_is_said() -> None:
    with pytest.raises(EditError, match="không có"):
        edit(BAC_KAN, "delete", ("nhom_nhiem_vu", 99))


def test_a_file_saved_on_windows_keeps_its_line_ends() -> None:
    text = BAC_KAN.replace("\n", "\r\n")
    for op, path, value in (("set", ("nguoi_ky", "ho_ten"), "Lê Văn Bình"),
                            ("append", ("noi_nhan", "danh_sach"), "Sở Nội vụ")):
        after = edit(text, op, path, value)
        assert "\n" not in after.replace("\r\n", "")
        assert len(after.splitlines()) - len(text.splitlines()) in (0, 1)

"""Rules of lists of names: a name cut in two by a comma is caught, real lists are not."""

from __future__ import annotations

from generator.check import names
from tests.helpers.builders import findings

TASK = {"noi_dung": "Tuyên truyền.", "chu_tri": []}


def _flagged(*units: str) -> list[str]:
    found = findings(names.names_are_not_cut_by_commas,
                     phan=[{"tieu_de": "Nhiệm vụ", "nhiem_vu": ["*"]}],
                     nhiem_vu=[{**TASK, "chu_tri": list(units)}])
    return [f.message.split("'")[1] for f in found]


def test_a_name_cut_by_a_comma_is_warned_with_the_quoted_whole() -> None:
    [found] = findings(names.names_are_not_cut_by_commas,
                       phan=[{"tieu_de": "Nhiệm vụ", "nhiem_vu": ["*"]}],
                       nhiem_vu=[{**TASK, "chu_tri": ["Các Sở", "ban ngành thuộc UBND tỉnh",
                                                      "UBND cấp huyện"]}])
    assert found.path == ("nhiem_vu", 0, "chu_tri", 1)
    assert '"Các Sở, ban ngành thuộc UBND tỉnh"' in found.hint


def test_lists_that_go_on_in_small_letters_are_not_warned() -> None:
    assert _flagged("Phường Xuất Hóa", "phường Huyền Tung", "xã Dương Quang",
                    "thị trấn Phú Thiện") == []
    assert _flagged("Văn phòng HĐND-UBND", "các phòng chuyên môn UBND thành phố") == []
    assert _flagged("Công an xã", "đoàn thể xã") == ["đoàn thể xã"]


def _joined(field: str, value: object) -> list[str]:
    found = findings(names.names_are_not_joined_in_one_string,
                     phan=[{"tieu_de": "Nhiệm vụ", "nhiem_vu": ["*"]}],
                     nhiem_vu=[{**TASK, "chu_tri": "Công an xã", field: value}])
    return [f.message.split("'")[1] for f in found]


def test_several_units_typed_as_one_quoted_string_are_warned() -> None:
    """``phoi_hop: "Văn phòng HĐND và UBND xã, Công an xã"`` is one unit to derive and diff."""
    [found] = findings(names.names_are_not_joined_in_one_string,
                       phan=[{"tieu_de": "Nhiệm vụ", "nhiem_vu": ["*"]}],
                       nhiem_vu=[{**TASK, "chu_tri": "Công an xã",
                                  "phoi_hop": "Văn phòng HĐND và UBND xã, Công an xã"}])
    assert found.path == ("nhiem_vu", 0, "phoi_hop", 0)
    assert found.severity == "cảnh báo"
    assert "phoi_hop: [Văn phòng HĐND và UBND xã, Công an xã]" in found.hint
    assert _joined("phoi_hop", "Sở Nội vụ; Sở Tài chính") == ["Sở Nội vụ; Sở Tài chính"]
    assert _joined("phoi_hop", ["Đoàn Thanh niên, Hội Phụ nữ", "MTTQ"]) == [
        "Đoàn Thanh niên, Hội Phụ nữ"]


def test_one_unit_whose_name_has_a_comma_is_not_warned() -> None:
    assert _joined("phoi_hop", "Sở Văn hóa, Thể thao và Du lịch") == []
    assert _joined("phoi_hop", "UBND các xã, thị trấn") == []
    assert _joined("phoi_hop", "Các phòng, ban chuyên môn") == []
    assert _joined("phoi_hop", ["Sở Nội vụ", "Sở Tài chính"]) == []


def test_a_recipient_line_may_name_several_recipients() -> None:
    """Nơi nhận groups recipients on one line in real plans ("- TT Huyện ủy, HĐND huyện;")."""
    assert not findings(names.names_are_not_joined_in_one_string,
                        noi_nhan={"danh_sach": ["TT Huyện ủy, HĐND huyện"], "luu": "VT"})

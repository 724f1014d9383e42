"""Rules of lists of names: a name cut in two by a comma is caught, real lists are not."""

from __future__ import annotations

from generator.check import names
from tests.builders import findings

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

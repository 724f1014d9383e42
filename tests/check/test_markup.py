"""The markup rule covers exactly the fields typed Markup, wherever they sit."""

from __future__ import annotations

from generator.check import markup
from generator.check.markup import markup_texts
from tests.helpers.builders import findings, plan


def test_every_markup_field_is_walked_with_its_path() -> None:
    walked = dict(markup_texts(plan(
        loi_dan="dẫn", loi_ket=["kết"],
        can_cu=[{"van_ban": "nd-45-2020", "ghi_them": "thêm"}],
        phan=[{"tieu_de": "Tiêu đề không định dạng", "van_ban": "văn",
               "doan": ["đoạn", {"gach_dau_dong": ["gạch", {"van_ban": "ý",
                                                             "gach_dau_dong": ["con"]}]}]}],
        nhom_nhiem_vu=[{"ten": "nhóm", "nhiem_vu": [{"noi_dung": "nv", "san_pham": "sp",
                                                     "ghi_chu": "gc", "chu_tri": "Đơn vị"}]}],
        phu_luc=[{"tieu_de": "P", "noi_dung": [{"bang": {
            "cot": [{"rong": 20}], "dau_bang": [["đầu"]], "dong": [["ô"], {"nhom": "dòng nhóm"}],
            "ghi_chu": ["ghi"]}}]}])))
    assert set(walked.values()) == {"dẫn", "kết", "thêm", "văn", "đoạn", "gạch", "ý", "con",
                                    "nhóm", "nv", "sp", "gc", "đầu", "ô", "dòng nhóm", "ghi"}
    assert walked[("phan", 0, "doan", 1, "gach_dau_dong", 1, "gach_dau_dong", 0)] == "con"
    assert walked[("phu_luc", 0, "noi_dung", 0, "bang", "dong", 1, "nhom")] == "dòng nhóm"


def test_unbalanced_markup_in_a_task_product_is_found() -> None:
    """Regression: markup was checked in some fields but rendered in others (exit 2)."""
    [found] = findings(markup.markup_is_balanced,
                       nhiem_vu=[{"noi_dung": "A", "san_pham": "**Báo cáo"}])
    assert found.path == ("nhiem_vu", 0, "san_pham")
    assert "chưa được đóng" in found.message


def test_text_that_is_not_markup_may_hold_any_asterisk() -> None:
    assert not findings(markup.markup_is_balanced, trich_yeu="Kế hoạch **",
                        nhiem_vu=[{"noi_dung": "A", "chu_tri": "Phòng *", "thoi_gian": "Quý *"}])


def test_formatting_opens_and_closes_on_one_line() -> None:
    """A table cell prints each line as a paragraph: "**" on one line and its closing
    "**" on the next would leave both lines unbalanced (found by the build invariant)."""
    from generator.check import markup
    from tests.helpers.builders import findings

    [found] = findings(markup.markup_is_balanced,
                       nhiem_vu=[{"noi_dung": "Báo cáo", "san_pham": "**Báo\ncáo**"}])
    assert found.path == ("nhiem_vu", 0, "san_pham") and "cùng một dòng" in found.message

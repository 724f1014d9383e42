"""Derived ids are deterministic, from the item's words, and stable under insertion."""

from __future__ import annotations

from typing import Any

from generator.ids import assign_ids, slugify, walk_sections
from generator.model import Plan

BASE: dict[str, Any] = {
    "co_quan": {"ten": ["ỦY BAN NHÂN DÂN", "XÃ TÂN AN"], "cap": "xa", "ky_hieu": "UBND",
                "dia_danh": "Tân An", "ten_day_du": "Ủy ban nhân dân xã Tân An"},
    "ngay_ban_hanh": "15/9/2025",
    "trich_yeu": "Thử",
    "nguoi_ky": {"chuc_vu": "CHỦ TỊCH", "ho_ten": "A"},
    "noi_nhan": {"danh_sach": ["B"], "luu": "VT"},
}


def plan(parts: list[dict[str, Any]], tasks: list[dict[str, Any]] | None = None) -> Plan:
    return assign_ids(Plan.model_validate({**BASE, "phan": parts, "nhiem_vu": tasks or []}))


def test_slugify_strips_diacritics_and_keeps_first_words() -> None:
    assert slugify("MỤC ĐÍCH, YÊU CẦU") == "muc-dich-yeu-cau"
    assert slugify("Đẩy mạnh **tuyên truyền** một hai ba bốn năm") == \
        "day-manh-tuyen-truyen-mot-hai"


def test_ids_come_from_words_and_collisions_are_numbered() -> None:
    result = plan([{"tieu_de": "Mục đích"}, {"tieu_de": "Mục đích"}, {"id": "x", "van_ban": "y"}])
    assert [s.id for s in result.parts] == ["muc-dich", "muc-dich-2", "x"]


def test_inserting_an_item_does_not_rename_the_others() -> None:
    before = plan([{"tieu_de": "A", "muc": [{"tieu_de": "Con"}]}, {"tieu_de": "B"}],
                  [{"noi_dung": "Rà soát"}, {"noi_dung": "Tuyên truyền"}])
    after = plan([{"tieu_de": "Mới"}, {"tieu_de": "A", "muc": [{"tieu_de": "Con"}]},
                  {"tieu_de": "B"}],
                 [{"noi_dung": "Tập huấn"}, {"noi_dung": "Rà soát"}, {"noi_dung": "Tuyên truyền"}])
    old = {s.id for s in walk_sections(before.parts)}
    assert old <= {s.id for s in walk_sections(after.parts)}
    assert {t.id for t in before.tasks} <= {t.id for t in after.tasks}


def test_user_ids_are_kept_and_never_reused() -> None:
    result = plan([{"tieu_de": "X"}], [{"noi_dung": "Rà soát"}, {"id": "ra-soat",
                                                               "noi_dung": "Khác"}])
    assert [t.id for t in result.tasks] == ["ra-soat-2", "ra-soat"]

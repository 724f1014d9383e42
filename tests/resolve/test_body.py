"""The body: numbers from the tree and the plan's styles, tasks as text, the final "./."."""

from __future__ import annotations

import datetime as dt

from generator.inline import Span
from generator.resolve.layout import Para
from tests.builders import resolved


def _texts(**keys: object) -> list[str]:
    return ["".join(s.text for s in b.inlines if isinstance(s, Span))
            for b in resolved(**keys).body if isinstance(b, Para)]


TREE = [{"tieu_de": "MỤC ĐÍCH", "muc": [
    {"tieu_de": "Mục đích", "muc": [{"van_ban": "Con", "muc": [{"van_ban": "Cháu"}]}]},
    {"tieu_de": "Yêu cầu"}]}, {"tieu_de": "NHIỆM VỤ"}]


def test_numbers_follow_depth_and_style() -> None:
    assert _texts(phan=TREE) == ["I. MỤC ĐÍCH", "1. Mục đích", "1.1. Con", "a) Cháu",
                                 "2. Yêu cầu", "II. NHIỆM VỤ./."]
    assert _texts(phan=TREE, trinh_bay={"danh_so": ["la_ma", "chu", "gach", "cong"]})[:4] == [
        "I. MỤC ĐÍCH", "a) Mục đích", "- Con", "+ Cháu"]


def test_listed_tasks_become_numbered_items_with_their_details() -> None:
    tasks = [{"noi_dung": "Rà soát", "chu_tri": ["Văn phòng", "Công an"],
              "thoi_gian": dt.date(2025, 6, 30), "san_pham": "**Báo cáo**."}]
    texts = _texts(phan=[{"tieu_de": "NHIỆM VỤ", "nhiem_vu": ["*"]}], nhiem_vu=tasks,
                   loi_ket=["Trên đây là Kế hoạch."])
    assert texts == ["I. NHIỆM VỤ", "1. Rà soát", "- Đơn vị chủ trì: Văn phòng; Công an.",
                     "- Thời gian hoàn thành: 30/6/2025.", "- Sản phẩm: Báo cáo.",
                     "Trên đây là Kế hoạch./."]
    product = next(b for b in resolved(phan=[{"tieu_de": "A", "nhiem_vu": ["*"]}],
                                       nhiem_vu=tasks).body
                   if isinstance(b, Para) and "Sản phẩm" in b.inlines[0].text)  # type: ignore[union-attr]
    assert Span("Báo cáo", bold=True) in product.inlines


def test_the_final_mark_replaces_a_final_stop_once() -> None:
    assert _texts(phan=[{"tieu_de": "A", "doan": ["Kết thúc./."]}])[-1] == "Kết thúc./."
    assert _texts(phan=[{"tieu_de": "A", "doan": ["Kết thúc;"]}])[-1] == "Kết thúc./."

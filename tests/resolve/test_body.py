"""The body: numbers from the tree and the plan's styles, tasks as text, the final "./."."""

from __future__ import annotations

import datetime as dt

from generator.inline import Span
from generator.resolve.layout import Para
from tests.helpers.builders import resolved


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


def test_task_lines_in_the_plan_s_words_and_the_note_is_printed() -> None:
    tasks = [{"noi_dung": "Rà soát", "chu_tri": ["Văn phòng", "Công an"],
              "thoi_gian": "Quý III/2024", "ghi_chu": "Báo cáo *hằng tháng*"}]
    form = {"nhan": {"chu_tri": "Đơn vị chủ trì thực hiện",
                     "thoi_gian": "Thời gian thực hiện"}, "ngan_cach": ",", "ket_thuc": ";"}
    texts = _texts(phan=[{"tieu_de": "NHIỆM VỤ", "nhiem_vu": ["*"]}], nhiem_vu=tasks,
                   trinh_bay={"nhiem_vu": form})
    assert texts[2:] == ["- Đơn vị chủ trì thực hiện: Văn phòng, Công an;",
                         "- Thời gian thực hiện: Quý III/2024;",
                         "- Ghi chú: Báo cáo hằng tháng./."]
    default = _texts(phan=[{"tieu_de": "NHIỆM VỤ", "nhiem_vu": ["*"]}], nhiem_vu=tasks)
    assert default[2:4] == ["- Đơn vị chủ trì: Văn phòng; Công an.",
                            "- Thời gian hoàn thành: Quý III/2024."]


def test_tasks_and_items_interleave_in_the_order_written() -> None:
    tasks = [{"id": "ra-soat", "noi_dung": "Rà soát"}, {"id": "bao-cao", "noi_dung": "Báo cáo"}]
    part = {"tieu_de": "NHIỆM VỤ", "muc": [{"van_ban": "Tuyên truyền"},
                                          {"nhiem_vu": ["ra-soat"]},
                                          {"van_ban": "Tập huấn"}, {"nhiem_vu": ["bao-cao"]}]}
    assert _texts(phan=[part], nhiem_vu=tasks) == [
        "I. NHIỆM VỤ", "1. Tuyên truyền", "2. Rà soát", "3. Tập huấn", "4. Báo cáo./."]


def test_the_last_line_of_a_task_closes_its_list_as_the_plan_s_lists_close() -> None:
    """Regression: with ``ket_thuc: ";"`` the last line too ended ";" ("Thời gian thực hiện:
    Thường xuyên;") while the next task began; a list of ";" lines ends with "." (issue 19)."""
    tasks = [{"noi_dung": "Rà soát", "chu_tri": "Văn phòng", "thoi_gian": "Thường xuyên"},
             {"noi_dung": "Báo cáo", "chu_tri": "Công an xã", "thoi_gian": "Quý III/2024"}]
    part = [{"tieu_de": "NHIỆM VỤ", "nhiem_vu": ["*"]}, {"tieu_de": "KINH PHÍ", "doan": ["X."]}]
    texts = _texts(phan=part, nhiem_vu=tasks,
                   trinh_bay={"nhiem_vu": {"nhan": {"thoi_gian": "Thời gian thực hiện"},
                                           "ket_thuc": ";"}})
    assert texts[2:4] == ["- Đơn vị chủ trì: Văn phòng;", "- Thời gian thực hiện: Thường xuyên."]
    assert texts[5:7] == ["- Đơn vị chủ trì: Công an xã;",
                          "- Thời gian thực hiện: Quý III/2024."]
    own = _texts(phan=part, nhiem_vu=tasks, trinh_bay={"nhiem_vu": {
        "ket_thuc": ";", "ket_thuc_cuoi": ";"}})
    assert own[3] == "- Thời gian hoàn thành: Thường xuyên;"

"""Tasks written as numbered items followed by their "Đơn vị chủ trì / phối hợp / Thời gian /
Sản phẩm" lines become ``nhiem_vu``, listed in place by their section, and rebuild the same
words; items the rebuild would print otherwise keep their words as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.draft import draft_text
from generator.pipeline import load_plan
from generator.readers import import_file
from tests.conftest import build_docx
from tests.helpers.fidelity import ratio

HEAD = """ỦY BAN NHÂN DÂN
XÃ IA KE
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND
Ia Ke, ngày 10 tháng 3 năm 2025
KẾ HOẠCH
Chuyển đổi số năm 2025
Căn cứ Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ về việc phê duyệt Bộ chỉ số;
Ủy ban nhân dân xã ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao chất lượng phục vụ người dân.
II. NHIỆM VỤ
"""
TAIL = """III. TỔ CHỨC THỰC HIỆN
Các đơn vị triển khai thực hiện.
Nơi nhận:
- UBND huyện;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""

KEHOACH_FORM = """1. Rà soát thủ tục hành chính.
- Đơn vị chủ trì: Văn phòng HĐND và UBND xã;
- Đơn vị phối hợp: Công an xã; Ban Chỉ huy Quân sự xã;
- Thời gian hoàn thành: Quý II/2025;
- Sản phẩm: Danh mục thủ tục được rà soát.
2. Tuyên truyền dịch vụ công trực tuyến.
- Đơn vị chủ trì: Công chức Văn hóa - Xã hội;
- Thời gian hoàn thành: Thường xuyên.
"""
OTHER_LABELS = """1. Rà soát thủ tục hành chính.
Cơ quan chủ trì: Văn phòng HĐND và UBND xã.
Cơ quan phối hợp: Công an xã.
Thời gian thực hiện: Quý II/2025.
2. Tuyên truyền dịch vụ công trực tuyến.
Cơ quan chủ trì: Công chức Văn hóa - Xã hội.
Thời gian thực hiện: Thường xuyên.
"""
UNIT_ONLY = """1. Rà soát thủ tục hành chính.
+ Đơn vị thực hiện: Văn phòng HĐND và UBND xã
+ Thời gian: Quý II/2025
2. Tuyên truyền dịch vụ công trực tuyến.
+ Đơn vị thực hiện: Công chức Văn hóa - Xã hội
+ Thời gian: Thường xuyên
"""
ONE_LINE = """1. Rà soát thủ tục hành chính.
- Chủ trì: Văn phòng HĐND và UBND xã; Phối hợp: Công an xã; Thời gian: Quý II/2025.
2. Tuyên truyền dịch vụ công trực tuyến.
- Chủ trì: Công chức Văn hóa - Xã hội; Thời gian: Thường xuyên.
"""


def _import(body: str, tmp_path: Path) -> tuple[dict[str, Any], Path]:
    source = tmp_path / "ke-hoach.txt"
    source.write_text(HEAD + body + TAIL, encoding="utf-8")
    plan = tmp_path / "ke-hoach.yaml"
    text = draft_text(import_file(source).draft)
    plan.write_text(text, encoding="utf-8")
    load_plan(plan)  # validates
    return yaml.safe_load(text), plan


def _names(value: str | list[str] | None) -> list[str]:
    return [value] if isinstance(value, str) else value or []


def _tasks(data: dict[str, Any]) -> list[tuple[str, list[str], list[str], str]]:
    return [(t["noi_dung"], _names(t.get("chu_tri")), _names(t.get("phoi_hop")),
             t["thoi_gian"]["mo_ta"]) for t in data.get("nhiem_vu", [])]


@pytest.mark.parametrize("body, labels", [
    (KEHOACH_FORM, {}),
    (OTHER_LABELS, {"chu_tri": "Cơ quan chủ trì", "phoi_hop": "Cơ quan phối hợp",
                    "thoi_gian": "Thời gian thực hiện"}),
    (UNIT_ONLY, {"chu_tri": "Đơn vị thực hiện", "thoi_gian": "Thời gian"}),
    (ONE_LINE, {"chu_tri": "Chủ trì", "phoi_hop": "Phối hợp", "thoi_gian": "Thời gian"}),
], ids=["kehoach", "co-quan", "don-vi-thuc-hien", "mot-dong"])
def test_items_with_unit_lines_become_tasks_listed_in_place(
        body: str, labels: dict[str, str], tmp_path: Path) -> None:
    data, plan = _import(body, tmp_path)
    assert [t[0] for t in _tasks(data)] == ["Rà soát thủ tục hành chính.",
                                            "Tuyên truyền dịch vụ công trực tuyến."]
    assert _tasks(data)[0][1] == ["Văn phòng HĐND và UBND xã"]
    assert _tasks(data)[1][3] == "Thường xuyên"
    ids = [t["id"] for t in data["nhiem_vu"]]
    assert ids == ["nv-ra-soat-thu-tuc-hanh-chinh", "nv-tuyen-truyen-dich-vu-cong-truc"]
    assert data["phan"][1]["nhiem_vu"] == ids  # the section lists them, as kehoach writes
    assert data["trinh_bay"].get("nhiem_vu", {}).get("nhan", {}) == labels
    built = build_docx(plan, tmp_path / "out")
    assert ratio(built, tmp_path / "ke-hoach.txt") == 1.0


def test_several_units_on_a_line_are_read_one_by_one(tmp_path: Path) -> None:
    data, _ = _import(KEHOACH_FORM, tmp_path)
    assert _tasks(data)[0][2] == ["Công an xã", "Ban Chỉ huy Quân sự xã"]
    assert data["nhiem_vu"][0]["san_pham"] == "Danh mục thủ tục được rà soát"
    assert data["trinh_bay"]["nhiem_vu"]["ket_thuc"] == ";"


def test_an_item_with_its_own_bullets_keeps_its_unit_line_as_text(tmp_path: Path) -> None:
    """Đề án 08 of Sở Công Thương Lào Cai: "1. …", bullets, then "Đơn vị chủ trì: …;
    Đơn vị phối hợp: …": kehoach prints a task as one paragraph and its lines, so the
    item stays a section and the line its text."""
    body = ("1. Phát triển công nghiệp xanh\n- Rà soát các dự án.\n"
            "Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Văn phòng Sở.\n")
    data, _ = _import(body, tmp_path)
    assert "nhiem_vu" not in data
    item = data["phan"][1]["muc"][0]
    assert item["doan"][-1] == ("Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối "
                                "hợp: Văn phòng Sở.")


def test_a_result_line_alone_is_not_a_task(tmp_path: Path) -> None:
    body = "1. Mục tiêu\nKết quả: 100% hồ sơ được giải quyết đúng hạn.\n"
    data, _ = _import(body, tmp_path)
    assert "nhiem_vu" not in data
    assert data["phan"][1]["muc"][0]["doan"] == ["Kết quả: 100% hồ sơ được giải quyết đúng "
                                                 "hạn."]


def test_a_task_written_with_other_labels_than_the_first_stays_text(tmp_path: Path) -> None:
    """The plan prints every task's lines with one set of labels: a second wording is kept
    as the clerk wrote it, not silently relabelled."""
    body = ("1. Rà soát thủ tục hành chính.\n- Đơn vị chủ trì: Văn phòng xã.\n"
            "2. Tuyên truyền.\n- Chủ trì: Công an xã.\n")
    data, plan = _import(body, tmp_path)
    assert [t["noi_dung"] for t in data["nhiem_vu"]] == ["Rà soát thủ tục hành chính."]
    assert data["phan"][1]["muc"][1]["doan"] == [{"gach_dau_dong": ["Chủ trì: Công an xã."]}]
    assert ratio(build_docx(plan, tmp_path / "out"), tmp_path / "ke-hoach.txt") == 1.0


def test_a_kehoach_plan_listing_tasks_imports_them_back(tmp_path: Path) -> None:
    """The plan's own form: a section listing tasks, built, then imported."""
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "valid" / "day-du.yaml"
    built = build_docx(fixture, tmp_path)
    found = import_file(built).draft.data
    assert [(t["noi_dung"], t["chu_tri"]) for t in found["nhiem_vu"]] == [
        ("Rà soát thủ tục", "Văn phòng Sở"), ("Nâng cấp thiết bị", "Phòng C")]

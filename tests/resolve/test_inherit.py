"""Live inheritance: a plan that names its parent receives what the parent gives it.

The child here writes only its own header and says ``ke_hoach_cap_tren``; tasks and targets
come from the parent when it is loaded, so a changed parent changes the child's build.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from generator.errors import KeHoachError
from generator.pipeline import load_plan
from tests.conftest import build_docx
from tests.helpers.builders import district_file, edit_yaml
from tests.helpers.docx_reading import document_text

CHILD = """\
co_quan:
  ten: [ỦY BAN NHÂN DÂN, XÃ IA AKE]
  cap: xa
  ky_hieu: UBND
  dia_danh: Ia Ake
  ten_day_du: Ủy ban nhân dân xã Ia Ake
ngay_ban_hanh: 2024-04-06
trich_yeu: Triển khai Chiến dịch trên địa bàn xã Ia Ake
ke_hoach_cap_tren: ../huyen/ke-hoach-81.yaml
can_cu:
  - dong_tu: Thực hiện
    van_ban: {loai: Kế hoạch, so_hieu: 81/KH-UBND, ngay: 2024-04-05,
              co_quan_ban_hanh: UBND huyện Phú Thiện, trich_yeu: về triển khai Chiến dịch}
phan:
  - tieu_de: NHIỆM VỤ
    nhiem_vu: ["*"]
  - tieu_de: TỔ CHỨC THỰC HIỆN
    nguon: cac-xa-thi-tran
    doan: [Công an xã theo dõi, tổng hợp, báo cáo.]
nguoi_ky: {thay_mat: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Nguyễn Văn B}
noi_nhan: {danh_sach: [UBND huyện], luu: VT}
"""


@pytest.fixture
def family(tmp_path: Path) -> tuple[Path, Path]:
    parent = district_file(tmp_path)
    child = tmp_path / "xa" / "ia-ake.yaml"
    child.parent.mkdir()
    child.write_text(CHILD, encoding="utf-8")
    return parent, child


def test_the_child_receives_the_parents_tasks_for_it_with_itself_as_lead(
        family: tuple[Path, Path]) -> None:
    _, child = family
    plan = load_plan(child).plan
    sources = [t.source for t in plan.tasks]
    assert sources == ["giao-chi-tieu-can-bo", "huong-dan-nop-truc-tuyen",
                       "ra-soat-dvc-truc-tuyen", "thanh-toan-truc-tuyen",
                       "tuyen-truyen-thanh-toan", "to-cong-nghe-so", "bieu-duong-xu-ly",
                       "bao-cao-dinh-ky"]  # not "trang-thong-tin-huyen": the district's own
    first = plan.tasks[0]
    assert first.lead == ["UBND xã Ia Ake"]
    assert first.partners == ["Văn phòng HĐND và UBND huyện"]
    payment = plan.tasks[3]
    assert "trên phạm vi toàn xã" in payment.content


def test_the_parents_targets_are_the_childs_floors(family: tuple[Path, Path]) -> None:
    _, child = family
    book = load_plan(child).book
    found = book.target("dvc-truc-tuyen", "100 ngày", unit="Xã Ia Ake", level="xa")
    assert found is not None and found.value == 60 and found.origin is None


def test_drops_and_changes_by_id(family: tuple[Path, Path]) -> None:
    _, child = family
    edit_yaml(child, lambda data: data.update(ke_thua={
        "bo": [{"id": "to-cong-nghe-so", "ly_do": "Xã đã có mô hình riêng"}],
        "sua": [{"id": "bao-cao-dinh-ky", "phoi_hop": ["Công an xã"],
                 "thoi_gian": dt.date(2024, 6, 20)}]}))
    plan = load_plan(child).plan
    by_source = {t.source: t for t in plan.tasks}
    assert "to-cong-nghe-so" not in by_source
    report = by_source["bao-cao-dinh-ky"]
    assert report.partners == ["Công an xã"]
    assert report.due is not None and str(report.due.on) == "2024-06-20"
    assert report.product == "Báo cáo gửi UBND huyện"  # the rest is the parent's


def test_a_changed_parent_changes_the_childs_build(family: tuple[Path, Path],
                                                   tmp_path: Path) -> None:
    parent, child = family
    before = document_text(build_docx(child, tmp_path / "truoc"))
    assert "Đăng tải Kế hoạch lên Cổng thông tin" not in before

    def add_task(data: Any) -> None:
        data["nhiem_vu"].append({
            "id": "dang-tai-cong-thong-tin",
            "noi_dung": "Đăng tải Kế hoạch lên Cổng thông tin điện tử của địa phương.",
            "chu_tri": "UBND các xã, thị trấn", "thoi_gian": "2024-04-30"})
        data["nhiem_vu"][0]["noi_dung"] = "Giao chỉ tiêu cho từng cán bộ, công chức."

    edit_yaml(parent, add_task)
    after = document_text(build_docx(child, tmp_path / "sau"))
    assert "Đăng tải Kế hoạch lên Cổng thông tin điện tử của địa phương." in after
    assert "Giao chỉ tiêu cho từng cán bộ, công chức." in after
    assert "Thực hiện quyết liệt bảo đảm hoàn thành" not in after


def test_a_missing_parent_is_located_at_the_link(family: tuple[Path, Path]) -> None:
    _, child = family
    edit_yaml(child, lambda data: data.update(ke_hoach_cap_tren="../huyen/khong-co.yaml"))
    with pytest.raises(KeHoachError) as caught:
        load_plan(child)
    [found] = caught.value.diagnostics
    assert found.message.startswith("Không tìm thấy tệp kế hoạch cấp trên")
    assert found.path == ("ke_hoach_cap_tren",) and found.line == 9


def test_an_invalid_parent_is_reported_with_its_own_errors(family: tuple[Path, Path]) -> None:
    parent, child = family
    edit_yaml(parent, lambda data: data.pop("trich_yeu"))
    with pytest.raises(KeHoachError) as caught:
        load_plan(child)
    first, *rest = caught.value.diagnostics
    assert first.file == str(child) and first.path == ("ke_hoach_cap_tren",)
    assert "có lỗi" in first.message
    assert any(d.file == str(parent) and d.path == ("trich_yeu",) for d in rest)


def test_a_cycle_of_parents_is_an_error(family: tuple[Path, Path]) -> None:
    parent, child = family
    edit_yaml(parent, lambda data: data.update(ke_hoach_cap_tren="../xa/ia-ake.yaml"))
    with pytest.raises(KeHoachError) as caught:
        load_plan(child)
    messages = [d.message for d in caught.value.diagnostics]
    assert "Kế thừa vòng tròn: ia-ake.yaml → ke-hoach-81.yaml → ia-ake.yaml." in messages


def test_a_problem_in_a_change_is_reported_once_at_the_change(
        family: tuple[Path, Path]) -> None:
    _, child = family
    edit_yaml(child, lambda data: data.update(ke_thua={"sua": [
        {"id": "tuyen-truyen-thanh-toan", "noi_dung": "**Tuyên truyền"},
        {"id": "bao-cao-dinh-ky",
         "thoi_gian": {"tu": dt.date(2024, 5, 1), "den": dt.date(2024, 4, 1)}}]}))
    with pytest.raises(KeHoachError) as caught:
        load_plan(child)
    found = [(d.path, d.line is not None) for d in caught.value.diagnostics]
    assert found == [(("ke_thua", "sua", 0, "noi_dung"), True),
                     (("ke_thua", "sua", 1, "thoi_gian"), True)]


def test_validate_parent_on_an_inheriting_plan_is_the_same_check(
        family: tuple[Path, Path]) -> None:
    parent, child = family
    assert load_plan(child, parent=parent).plan == load_plan(child).plan


def test_the_childs_own_table_shows_the_targets_it_inherits(family: tuple[Path, Path],
                                                             tmp_path: Path) -> None:
    _, child = family
    edit_yaml(child, lambda data: data.update(phu_luc=[{
        "tieu_de": "Chỉ tiêu", "huong": "ngang", "noi_dung": [{"bang_chi_tieu": {
            "kieu": "theo_moc", "don_vi": ["Xã Ia Ake"], "chi_tieu": ["dvc-truc-tuyen"]}}]}]))
    text = document_text(build_docx(child, tmp_path / "ra"))
    assert "Xã Ia Ake\n30%\n60%" in text

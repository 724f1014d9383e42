"""What a derived plan holds: the parent's citation, purposes, tasks and floors, as YAML that
reads back the same and keeps its comments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.derive.child import (
    child_draft,
    draft_warnings,
    inherited_ids,
    parent_period_end,
)
from generator.derive.spec import ChildSpec
from generator.draft import WIDTH, Draft, draft_text
from generator.load import load_text
from generator.pipeline import load_plan
from generator.reference import load_reference
from tests.conftest import EXAMPLES, build_docx
from tests.helpers.builders import derived_file, district_file, edit_yaml
from tests.helpers.docx_reading import document_text

REFERENCE = load_reference()


def _draft(parent: Path, spec: ChildSpec):  # type: ignore[no-untyped-def]
    return child_draft(load_plan(parent, REFERENCE), spec, REFERENCE, "../ke-hoach.yaml",
                   dt.date(2024, 4, 6))


def test_the_child_cites_its_parent_from_the_parents_own_data(tmp_path: Path) -> None:
    draft = _draft(district_file(tmp_path), ChildSpec("Xã Ia Ake", "xa"))
    cited = draft.data["can_cu"][-1]
    assert cited == {"dong_tu": "Thực hiện", "van_ban": {
        "loai": "Kế hoạch", "so_hieu": "81/KH-UBND", "ngay": dt.date(2024, 4, 5),
        "co_quan_ban_hanh": "UBND huyện Phú Thiện",
        "trich_yeu": "về triển khai Chiến dịch cao điểm 100 ngày đêm “Nâng cao hiệu quả sử "
                     "dụng dịch vụ công” trên địa bàn huyện Phú Thiện"}}
    assert draft.data["trich_yeu"].endswith("trên địa bàn xã Ia Ake")
    assert draft.data["ngay_ban_hanh"] == {"thang": 4, "nam": 2024}
    assert draft.data["ke_thua"] == {"tu_dong": False}


def test_the_child_records_the_source_of_everything_it_inherits(tmp_path: Path) -> None:
    draft = _draft(district_file(tmp_path), ChildSpec("Xã Ia Ake", "xa"))
    sources = set(inherited_ids(draft))
    assert {"muc-dich-yeu-cau", "thoi-gian-thuc-hien", "cac-xa-thi-tran",
            "giao-chi-tieu-can-bo", "bao-cao-dinh-ky", "dvc-truc-tuyen"} <= sources
    assert "trang-thong-tin-huyen" not in sources  # a task of the district's own office
    assert "van-phong-huyen" not in sources


def test_the_parents_targets_for_the_child_become_its_floors(tmp_path: Path) -> None:
    draft = _draft(district_file(tmp_path), ChildSpec("Xã Ia Sol", "xa"))
    kpi = next(k for k in draft.data["chi_tieu"] if k["id"] == "dvc-truc-tuyen")
    assert kpi["muc_tieu"] == [
        {"moc": "50 ngày", "don_vi": "Xã Ia Sol", "gia_tri": 30},
        {"moc": "100 ngày", "don_vi": "Xã Ia Sol", "gia_tri": 60, "duy_tri": True}]
    assert "ket_qua" not in kpi
    [table] = draft.data["phu_luc"][0]["noi_dung"]
    assert table["bang_chi_tieu"]["don_vi"] == ["Xã Ia Sol"]
    assert "UBND xã Ia Sol" in draft.data["phu_luc"][0]["tieu_de"]


def test_a_parents_target_keeps_its_comparison_in_the_child(tmp_path: Path) -> None:
    """A parent's "trên 60%" was written to the child as 60, a floor lower than the
    parent's, which the child's own check then refused (found on a Word plan imported with
    "Tỷ lệ giải ngân … đạt trên 90%")."""
    parent = district_file(tmp_path)

    def above(data: Any) -> None:
        kpi = next(k for k in data["chi_tieu"] if k["id"] == "dvc-truc-tuyen")
        kpi["muc_tieu"][1]["so_sanh"] = "tren"

    edit_yaml(parent, above)
    draft = _draft(parent, ChildSpec("Xã Ia Sol", "xa"))
    kpi = next(k for k in draft.data["chi_tieu"] if k["id"] == "dvc-truc-tuyen")
    assert [t.get("so_sanh") for t in kpi["muc_tieu"]] == [None, "tren"]
    child = derived_file(parent, tmp_path / "xa" / "ke-hoach.yaml", "Xã Ia Sol")
    load_plan(child, REFERENCE)  # validates, against its parent too


def test_a_unit_the_parent_gives_nothing_gets_a_skeleton_to_write(tmp_path: Path) -> None:
    draft = _draft(district_file(tmp_path), ChildSpec("Sở Nội vụ", "so"))
    assert "nhiem_vu" not in draft.data and "chi_tieu" not in draft.data
    assert draft.data["co_quan"]["ky_hieu"] == "SNV"
    assert draft.data["co_quan"]["co_quan_chu_quan"] == "UBND HUYỆN PHÚ THIỆN"


def test_the_yaml_reads_back_as_the_same_data_within_the_width(tmp_path: Path) -> None:
    draft = _draft(district_file(tmp_path), ChildSpec("Xã Ia Ake", "xa"))
    text = draft_text(draft)
    assert load_text(text).data == draft.data
    assert max(len(line) for line in text.splitlines()) <= WIDTH
    assert "# Nhiệm vụ Kế hoạch số 81/KH-UBND giao cho Xã Ia Ake" in text
    assert text.startswith("# Kế hoạch của UBND xã Ia Ake thực hiện Kế hoạch số 81/KH-UBND")


def test_a_round_trip_edit_keeps_the_comments(tmp_path: Path) -> None:
    child = derived_file(district_file(tmp_path), tmp_path / "xa.yaml")
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    data = yaml.load(child.read_text(encoding="utf-8"))
    data["nguoi_ky"]["ho_ten"] = "Vũ Tiến Sơn"
    with child.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    text = child.read_text(encoding="utf-8")
    assert "# Chỉ tiêu Kế hoạch số 81/KH-UBND giao cho Xã Ia Ake: là mức tối thiểu," in text
    assert "ho_ten: Vũ Tiến Sơn" in text


def test_a_commune_derived_straight_from_a_province_plan(tmp_path: Path) -> None:
    """Two levels, as since 1 July 2025: the commune takes the targets for 'cấp xã' and
    what the province gave the districts, whose work the communes took over."""
    child = derived_file(EXAMPLES / "dak-nong-2022.yaml", tmp_path / "quang-son.yaml",
                         unit="Xã Quảng Sơn", date="2025-09-15")
    checked = load_plan(child)
    targets = {k: checked.book.target(k, "Năm 2022", unit="Xã Quảng Sơn", level="xa")
               for k in ("giao-dich-thanh-toan-truc-tuyen", "so-hoa-ket-qua-tthc",
                         "ho-so-truc-tuyen-muc-do-3-4")}
    assert {k: v.value if v else None for k, v in targets.items()} == {
        "giao-dich-thanh-toan-truc-tuyen": 30, "so-hoa-ket-qua-tthc": 30,
        "ho-so-truc-tuyen-muc-do-3-4": 20}
    text = child.read_text(encoding="utf-8")
    assert "nguon: cac-so-ban-nganh-ubnd-cac" in text
    assert "kieu: giao_chi_tieu" in text  # one milestone, long names: a row per KPI
    table = document_text(build_docx(child, tmp_path / "ra")).split("Căn cứ giao chỉ tiêu")[1]
    assert "\n%\n30\n" in table and "30;" not in table  # the target in force, once
    before_the_change = derived_file(EXAMPLES / "dak-nong-2022.yaml", tmp_path / "cu.yaml",
                                     unit="Xã Quảng Sơn", date="2024-09-15")
    assert "nguon: cac-so-ban-nganh-ubnd-cac" not in before_the_change.read_text("utf-8")


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
@pytest.mark.parametrize(("unit", "level"), [("Xã Ia Ake", "xa"),
                                             ("Sở Thông tin và Truyền thông", "so")])
def test_every_example_derives_a_valid_child_within_the_width(
        tmp_path: Path, example: str, unit: str, level: str) -> None:
    child = derived_file(EXAMPLES / example, tmp_path / "con.yaml", unit=unit, level=level)
    load_plan(child)  # raises with the errors, if any
    lines = child.read_text(encoding="utf-8").splitlines()
    assert max(len(line) for line in lines) <= WIDTH


def test_text_that_yaml_1_1_would_read_as_something_else_stays_text(tmp_path: Path) -> None:
    """ruamel.yaml writes YAML 1.2; kehoach reads YAML 1.1, where these are not text."""
    tricky = ["7:30", "Yes", "off", "2024-04-06", "1_000", "~", "0x1F", ".5", "null"]
    text = draft_text(Draft({"loi_ket": tricky, "trich_yeu": "No"}, ["thử"]))
    assert load_text(text).data == {"loi_ket": tricky, "trich_yeu": "No"}
    child = derived_file(district_file(tmp_path), tmp_path / "con.yaml", unit="Xã Yes")
    assert "dia_danh: 'Yes'" in child.read_text(encoding="utf-8")
    assert load_plan(child).plan.issuer.place == "Yes"


def test_a_district_office_or_department_is_not_handed_to_a_commune_planning_after_2025(
        tmp_path: Path) -> None:
    """Derived today (after 1 July 2025) from a district plan, a commune took over the
    district's own offices: "Văn phòng HĐND và UBND huyện" became its section, the task of
    "Phòng Văn hóa và Thông tin" its own, "Công an huyện" vanished from its partners."""
    parent = load_plan(district_file(tmp_path), REFERENCE)
    draft = child_draft(parent, ChildSpec("Xã Ia Ake", "xa", date="2025-09-15"), REFERENCE,
                    "../ke-hoach.yaml", dt.date(2025, 9, 15))
    sources = set(inherited_ids(draft))
    assert "van-phong-huyen" not in sources and "trang-thong-tin-huyen" not in sources
    assert "cac-xa-thi-tran" in sources
    reports = next(t for t in draft.data["nhiem_vu"] if t["nguon"] == "bao-cao-dinh-ky")
    assert reports["chu_tri"] == ["UBND xã Ia Ake"]
    assert reports["phoi_hop"] == ["Công an huyện"]
    same_before = _draft(district_file(tmp_path), ChildSpec("Xã Ia Ake", "xa"))
    assert set(inherited_ids(same_before)) == sources


def _headings(sections: list[dict[str, object]]) -> list[list[object]]:
    """The headings of every list of sibling sections, depth first."""
    out = [[s.get("tieu_de") for s in sections]]
    for section in sections:
        out += _headings(section.get("muc", []))  # type: ignore[arg-type]
    return out


def test_no_two_items_of_a_derived_plan_share_a_heading(tmp_path: Path) -> None:
    def two_of_each(data: dict) -> None:  # type: ignore[type-arg]
        organisation = data["phan"][3]["muc"]
        organisation.append({"id": "xa-phuong-bao-cao", "don_vi": "UBND các xã, phường",
                             "doan": ["Báo cáo kết quả về UBND huyện."]})
        data["phan"][1]["muc"].append({"id": "thoi-gian-2", "loai": "thoi_gian",
                                       "tieu_de": "Thời gian thực hiện",
                                       "doan": ["Đến hết năm 2024."]})

    parent = district_file(tmp_path)
    edit_yaml(parent, two_of_each)
    draft = _draft(parent, ChildSpec("Xã Ia Ake", "xa"))
    for siblings in _headings(draft.data["phan"]):
        titles = [t for t in siblings if t]
        assert len(titles) == len(set(titles)), titles
    given = draft.data["phan"][2]["muc"]
    assert [s["tieu_de"] for s in given] == [
        "Thực hiện nhiệm vụ giao cho UBND các xã, thị trấn tại Kế hoạch số 81/KH-UBND",
        "Thực hiện nhiệm vụ giao cho UBND các xã, phường tại Kế hoạch số 81/KH-UBND"]
    times = [s["tieu_de"] for s in draft.data["phan"][1]["muc"]]
    assert times == ["Chỉ tiêu", "Thời gian thực hiện", "Thời gian thực hiện (2)"]


def test_a_draft_after_the_parents_period_or_of_an_abolished_level_gets_warnings(
        tmp_path: Path) -> None:
    parent = load_plan(district_file(tmp_path), REFERENCE).plan
    assert parent_period_end(parent) == dt.date(2024, 6, 29)
    assert draft_warnings(parent, ChildSpec("Xã Ia Ake", "xa", date="2024-04-08"), REFERENCE,
                          dt.date(2024, 4, 6)) == []
    [late] = draft_warnings(parent, ChildSpec("Xã Ia Ake", "xa"), REFERENCE,
                            dt.date(2024, 7, 2))
    assert late[0] == ("Bản dự thảo ghi tháng 7/2024 (tháng này, vì chưa ghi ngày), sau thời "
                       "gian thực hiện của kế hoạch cấp trên (đến ngày 29/06/2024).")
    late, gone = draft_warnings(parent, ChildSpec("Huyện Ia Pa", "huyen", date="2025-07-01"),
                                REFERENCE, dt.date(2024, 4, 6))
    assert gone[0].startswith("Cấp 'Huyện, quận, thị xã, thành phố thuộc tỉnh' không còn từ "
                              "ngày 01/07/2025")

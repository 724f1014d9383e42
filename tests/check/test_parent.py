"""A lower-level plan checked against its parent: each conflict named in both files.

The parent is the Phú Thiện district example; the child is the Ia Ake commune plan that
``kehoach derive`` writes from it, which validates; each test breaks one thing the way a
clerk might, and expects the message to name the item, the child's line and the parent's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.errors import Diagnostic, KeHoachError, Severity
from generator.pipeline import load_plan
from tests.helpers.builders import derived_file, district_file, edit_yaml


@pytest.fixture
def family(tmp_path: Path) -> tuple[Path, Path]:
    parent = district_file(tmp_path)
    return parent, derived_file(parent, tmp_path / "xa" / "ia-ake.yaml")


def errors_of(child: Path, parent: Path | None = None) -> list[Diagnostic]:
    with pytest.raises(KeHoachError) as caught:
        load_plan(child, parent=parent)
    return [d for d in caught.value.diagnostics if d.severity is Severity.ERROR]


def line_of(path: Path, pattern: str) -> int:
    """The 1-based line of the first match of ``pattern`` in a file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.search(pattern, line):
            return number
    raise AssertionError(f"{pattern!r} not in {path}")


def test_a_derived_child_passes_every_parent_rule(family: tuple[Path, Path]) -> None:
    _, child = family
    checked = load_plan(child)
    assert checked.parent is not None
    assert not [d for d in checked.warnings if d.related is not None]


def test_a_target_lowered_below_the_parents_floor_is_named_in_both_files(
        family: tuple[Path, Path]) -> None:
    parent, child = family

    def lower(data: Any) -> None:
        kpi = next(k for k in data["chi_tieu"] if k["id"] == "dvc-truc-tuyen")
        kpi["muc_tieu"][0]["gia_tri"] = 25

    edit_yaml(child, lower)
    [found] = errors_of(child)
    assert "'dvc-truc-tuyen' mốc '50 ngày': 25% thấp hơn mức cấp trên giao 30%" in found.message
    assert found.file == str(child) and found.line is not None
    assert found.path[:3] == ("chi_tieu", 2, "muc_tieu")
    assert found.related is not None and found.related.file == str(parent)
    assert found.related.line == line_of(parent, r"moc: 50 ngày, cap: xa, gia_tri: 30")
    assert "cấp trên: " in found.format()


def test_an_aspiration_of_the_parent_is_not_a_floor(family: tuple[Path, Path]) -> None:
    """"Phấn đấu 30%" upstairs: a commune may set 25% without breaking a rule."""
    parent, child = family

    def aspire(data: Any) -> None:
        kpi = next(k for k in data["chi_tieu"] if k["id"] == "dvc-truc-tuyen")
        for target in kpi["muc_tieu"]:
            if target.get("moc") == "50 ngày":
                target["so_sanh"] = "phan_dau"

    def lower(data: Any) -> None:
        kpi = next(k for k in data["chi_tieu"] if k["id"] == "dvc-truc-tuyen")
        kpi["muc_tieu"][0]["gia_tri"] = 25

    edit_yaml(parent, aspire)
    edit_yaml(child, lower)
    load_plan(child)  # no error


def test_a_target_raised_above_the_floor_is_the_childs_to_set(
        family: tuple[Path, Path]) -> None:
    _, child = family

    def raise_it(data: Any) -> None:
        kpi = next(k for k in data["chi_tieu"] if k["id"] == "dvc-truc-tuyen")
        kpi["muc_tieu"][0]["gia_tri"] = 45

    edit_yaml(child, raise_it)
    checked = load_plan(child)
    assert checked.book.target("dvc-truc-tuyen", "50 ngày", unit="Xã Ia Ake",
                               level="xa").value == 45  # type: ignore[union-attr]


def test_a_deadline_after_the_parents_is_named_in_both_files(
        family: tuple[Path, Path]) -> None:
    parent, child = family

    def late(data: Any) -> None:
        task = next(t for t in data["nhiem_vu"] if t["nguon"] == "bao-cao-dinh-ky")
        task["thoi_gian"] = "Tháng 7/2024"

    edit_yaml(child, late)
    [found] = errors_of(child)
    assert found.message.startswith("Hạn 31/7/2024 muộn hơn hạn 25/6/2024 của nhiệm vụ "
                                    "'bao-cao-dinh-ky'")
    assert found.path[0] == "nhiem_vu" and found.path[-1] == "thoi_gian"
    assert found.line == line_of(child, r"thoi_gian: Tháng 7/2024")
    assert found.related is not None
    assert found.related.line == line_of(parent, r"thoi_gian: 2024-06-25")


def _without_task(source: str) -> Any:
    def drop(data: Any) -> None:
        data["nhiem_vu"] = [t for t in data["nhiem_vu"] if t["nguon"] != source]
    return drop


def test_a_parent_task_left_out_without_a_reason_is_named_in_both_files(
        family: tuple[Path, Path]) -> None:
    parent, child = family
    edit_yaml(child, _without_task("thanh-toan-truc-tuyen"))
    [found] = errors_of(child)
    assert "Nhiệm vụ 'thanh-toan-truc-tuyen'" in found.message
    assert "chưa có trong kế hoạch này" in found.message
    assert found.path == ("ke_thua",)
    assert found.related is not None
    assert found.related.line == line_of(parent, r"- id: thanh-toan-truc-tuyen")
    assert "ke_thua.bo" in found.hint


def test_a_parent_task_dropped_with_a_reason_is_fine(family: tuple[Path, Path]) -> None:
    _, child = family
    edit_yaml(child, _without_task("thanh-toan-truc-tuyen"))
    edit_yaml(child, lambda data: data["ke_thua"].update(bo=[{
        "id": "thanh-toan-truc-tuyen", "ly_do": "Xã chưa có TTHC có nghĩa vụ tài chính"}]))
    load_plan(child)


def test_a_drop_needs_its_reason(family: tuple[Path, Path]) -> None:
    _, child = family
    edit_yaml(child, lambda data: data["ke_thua"].update(bo=[{"id": "to-cong-nghe-so"}]))
    [found] = errors_of(child)
    assert found.path == ("ke_thua", "bo", 0, "ly_do")


def test_a_wrong_parent_number_is_named_in_both_files(family: tuple[Path, Path]) -> None:
    parent, child = family

    def renumber(data: Any) -> None:
        data["can_cu"][-1]["van_ban"]["so_hieu"] = "18/KH-UBND"

    edit_yaml(child, renumber)
    [found] = errors_of(child)
    assert found.message == ("Số hiệu kế hoạch cấp trên trích là '18/KH-UBND', nhưng kế "
                             "hoạch cấp trên là số 81/KH-UBND.")
    assert found.line == line_of(child, r"so_hieu: 18/KH-UBND")
    assert found.related is not None
    assert found.related.line == line_of(parent, r"^so: 81")


def test_a_wrong_parent_date_is_named_in_both_files(family: tuple[Path, Path]) -> None:
    parent, child = family
    edit_yaml(child, lambda data: data["can_cu"][-1]["van_ban"].update(ngay="2024-04-15"))
    [found] = errors_of(child)
    assert "15/4/2024" in found.message and "05/4/2024" in found.message
    assert found.related is not None
    assert found.related.line == line_of(parent, r"^ngay_ban_hanh:")


def test_a_milestone_outside_the_parents_period(family: tuple[Path, Path]) -> None:
    parent, child = family
    edit_yaml(child, lambda data: data["cac_moc"].append({"ten": "120 ngày",
                                                          "so_ngay": 120}))
    [found] = errors_of(child)
    assert "Mốc '120 ngày' (ngày 120) nằm ngoài thời gian của kế hoạch cấp trên" in \
        found.message
    assert found.related is not None
    assert found.related.line == line_of(parent, r"ten: 100 ngày")


def test_a_milestone_the_parent_counts_differently(family: tuple[Path, Path]) -> None:
    _, child = family
    edit_yaml(child, lambda data: data["cac_moc"][2].update(so_ngay=45))
    [found] = errors_of(child)
    assert "ở kế hoạch cấp trên là ngày 50" in found.message


def test_ids_the_parent_does_not_have(family: tuple[Path, Path]) -> None:
    _, child = family
    edit_yaml(child, lambda data: data["ke_thua"].update(
        bo=[{"id": "to-cong-nghe-s", "ly_do": "—"}]))
    edit_yaml(child, lambda data: data["nhiem_vu"][0].update(nguon="khong-co"))
    found = {d.message: d for d in errors_of(child)}
    assert found["Kế hoạch cấp trên không có mục 'to-cong-nghe-s' để bỏ."].hint == \
        "Có phải ý bạn là 'to-cong-nghe-so'?"
    assert "Kế hoạch cấp trên không có mục 'khong-co'." in found


def test_a_plan_that_does_not_cite_its_parent_is_warned(family: tuple[Path, Path]) -> None:
    _, child = family
    edit_yaml(child, lambda data: data["can_cu"].pop())
    warnings = load_plan(child).warnings
    [found] = [d for d in warnings if "chưa trích kế hoạch cấp trên" in d.message]
    assert "Thực hiện Kế hoạch số 81/KH-UBND ngày 05/4/2024 của UBND huyện Phú Thiện" in \
        found.hint


def test_validate_parent_checks_a_plan_that_does_not_name_its_parent(
        family: tuple[Path, Path]) -> None:
    parent, child = family

    def unlink(data: Any) -> None:
        del data["ke_hoach_cap_tren"]
        del data["ke_thua"]

    edit_yaml(child, unlink)
    edit_yaml(child, _without_task("to-cong-nghe-so"))
    load_plan(child)  # on its own, nothing to compare
    [found] = errors_of(child, parent=parent)
    assert "Nhiệm vụ 'to-cong-nghe-so'" in found.message

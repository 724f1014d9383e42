"""Plans compared by item: golden diffs of representative edits, matching and moves."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import diff_versions
from generator.render.diff import render_diff
from tests.conftest import EXAMPLES
from tests.diff.scenarios import SCENARIOS, write_pair
from tests.helpers.builders import edit_yaml

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "diff"


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_golden_diff(name: str, tmp_path: Path, update_golden: bool,
                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Each representative edit reads as a reviewer would say it (text format)."""
    monkeypatch.chdir(tmp_path)
    write_pair(name, tmp_path)
    versions = diff_versions("cu.yaml", "moi.yaml")
    text = render_diff(versions.diff, "text", "cu.yaml", "moi.yaml")
    golden = GOLDEN / f"{name}.txt"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def _diff(tmp_path: Path, name: str) -> list[tuple[str, str, str, str]]:
    write_pair(name, tmp_path)
    diff = diff_versions(str(tmp_path / "cu.yaml"), str(tmp_path / "moi.yaml")).diff
    return [(c.status, c.kind, c.old_number, c.new_number) for c in diff.items]


def test_an_inserted_task_renumbers_the_later_ones_without_removing_them(
        tmp_path: Path) -> None:
    items = _diff(tmp_path, "them-nhiem-vu")
    assert ("added", "task", "", "4") in items
    assert ("renumbered", "task", "4", "5") in items
    assert not [i for i in items if i[0] == "removed"]


def test_a_moved_section_is_one_move_not_a_removal_and_an_addition(tmp_path: Path) -> None:
    """The short "Kinh phí" moved below "Tổ chức thực hiện" is the move (not the long part
    with its eight subsections moved above it)."""
    items = _diff(tmp_path, "chuyen-muc")
    assert [i for i in items if i[0] == "moved"] == [("moved", "section", "3", "4")]
    assert not [i for i in items if i[0] in ("added", "removed")]


def test_a_target_change_is_said_in_the_plan_s_words(tmp_path: Path) -> None:
    write_pair("chi-tieu", tmp_path)
    diff = diff_versions(str(tmp_path / "cu.yaml"), str(tmp_path / "moi.yaml")).diff
    [change] = diff.items
    assert change.kind == "target" and change.name == \
        "'Tỷ lệ dịch vụ công trực tuyến' Xã Ia Ake, 50 ngày"
    assert [(f.name, f.old, f.new) for f in change.fields] == [("giá trị", "30%", "40%")]


def test_a_reworded_title_without_an_id_is_the_same_section(tmp_path: Path) -> None:
    old = tmp_path / "cu.yaml"
    old.write_text((EXAMPLES / "toi-thieu.yaml").read_text(encoding="utf-8"),
                   encoding="utf-8")
    new = tmp_path / "moi.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace(
        "MỤC ĐÍCH, YÊU CẦU", "MỤC ĐÍCH VÀ YÊU CẦU"), encoding="utf-8")
    [change] = diff_versions(str(old), str(new)).diff.items
    assert (change.status, change.kind) == ("changed", "section")
    assert change.fields[0].name == "tiêu đề"


def test_identical_plans_and_nfd_text_have_no_difference(tmp_path: Path) -> None:
    old = EXAMPLES / "ia-ake-2024.yaml"
    new = tmp_path / "nfd.yaml"
    new.write_text(unicodedata.normalize("NFD", old.read_text(encoding="utf-8")),
                   encoding="utf-8")
    assert diff_versions(str(old), str(old)).diff.empty()
    assert diff_versions(str(old), str(new)).diff.empty()


def test_a_computed_target_changes_when_its_inputs_do(tmp_path: Path) -> None:
    """Targets are compared after the KPI rules run: last year's result moved the target."""
    plan = tmp_path / "moi.yaml"
    plan.write_text((EXAMPLES / "ia-ake-2024.yaml").read_text(encoding="utf-8"),
                    encoding="utf-8")

    def lower_result(data: dict) -> None:  # type: ignore[type-arg]
        for kpi in data["chi_tieu"]:
            if kpi["id"] == "dvc-truc-tuyen":
                kpi["ket_qua"][0]["gia_tri"] = 70

    edit_yaml(plan, lower_result)
    diff = diff_versions(str(EXAMPLES / "ia-ake-2024.yaml"), str(plan)).diff
    changed = {c.name: [(f.old, f.new) for f in c.fields] for c in diff.items
               if c.kind == "target"}
    assert changed == {"'Tỷ lệ dịch vụ công trực tuyến' Xã Ia Ake, 100 ngày":
                       [("duy trì 60%", "duy trì 80%")]}


def _edited(tmp_path: Path, change: Any) -> list[str]:
    """The report lines for one edit of the minimal plan (with a table and a KPI)."""
    from generator.render.diff import render_diff

    base = tmp_path / "cu.yaml"
    base.write_text((EXAMPLES / "toi-thieu.yaml").read_text(encoding="utf-8") + """
chi_tieu:
  - id: dvc-truc-tuyen
    ket_qua: [{moc: Năm 2024, don_vi: Xã Tân An, gia_tri: 30}]
    muc_tieu: [{moc: Năm 2025, don_vi: Xã Tân An, gia_tri: 60}]
cac_moc: [{ten: Năm 2024}, {ten: Năm 2025}]
phu_luc:
  - tieu_de: Bảng
    noi_dung:
      - bang:
          cot: [{rong: 60}, {rong: 60}]
          dau_bang: [[Đơn vị, Ghi chú]]
          dong: [[Phòng A, Một], [Phòng B, Hai]]
          ghi_chu: [Số liệu tháng 9.]
""", encoding="utf-8")
    new = tmp_path / "moi.yaml"
    new.write_text(base.read_text(encoding="utf-8"), encoding="utf-8")
    edit_yaml(new, change)
    diff = diff_versions(str(base), str(new)).diff
    return render_diff(diff, "text", "a", "b").splitlines()[1:-1]


@pytest.mark.parametrize(("name", "change", "expected"), [
    ("header", lambda d: d["phu_luc"][0]["noi_dung"][0]["bang"]["dau_bang"][0].__setitem__(
        1, "Ghi chú khác"), "tiêu đề bảng: 'Đơn vị | Ghi chú' → 'Đơn vị | Ghi chú khác'"),
    ("note", lambda d: d["phu_luc"][0]["noi_dung"][0]["bang"].__setitem__(
        "ghi_chu", ["Số liệu tháng 10."]), "ghi chú: 'Số liệu tháng 9.' → 'Số liệu tháng 10.'"),
    ("row first", lambda d: d["phu_luc"][0]["noi_dung"][0]["bang"]["dong"].insert(
        0, ["Phòng Mới", "Ba"]), "+ Dòng bảng 1 'Phòng Mới | Ba' (thêm)"),
    ("result", lambda d: d["chi_tieu"][0]["ket_qua"][0].__setitem__("gia_tri", 35),
     "~ Kết quả 'Tỷ lệ dịch vụ công trực tuyến' Xã Tân An, Năm 2024: 30% → 35%"),
    ("parent line", lambda d: d["co_quan"].__setitem__("co_quan_chu_quan", "UBND HUYỆN"),
     "~ cơ quan chủ quản: (trống) → 'UBND HUYỆN'"),
])
def test_what_a_reader_sees_change_is_reported(name: str, change: Any, expected: str,
                                               tmp_path: Path) -> None:
    lines = _edited(tmp_path, change)
    assert any(expected in line for line in lines), lines


def test_the_order_of_names_is_part_of_what_prints() -> None:
    from generator.diff.compare import field_changes

    [change] = field_changes([("nơi nhận", ("UBND huyện", "Công an xã"))],
                             [("nơi nhận", ("Công an xã", "UBND huyện"))])
    assert (change.added, change.removed) == ((), ())
    assert change.new == ("Công an xã", "UBND huyện")

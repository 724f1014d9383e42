"""Plans compared by item: golden diffs of representative edits, matching and moves."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.diff import diff_versions
from generator.render.diff import render_diff
from tests.builders import edit_yaml
from tests.conftest import EXAMPLES
from tests.diff.scenarios import SCENARIOS, write_pair

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

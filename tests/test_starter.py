"""``kehoach new``: a starter plan a clerk learns from, valid and buildable as it stands."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest

from generator.load import load_text
from generator.model import KpiTableBlock
from generator.model.body import SectionKind
from generator.pipeline import BuildRequest, build, load_plan
from generator.starter import starter_plan

LEVELS = ("xa", "tinh", "so")


def _written(level: str, folder: Path) -> Path:
    target = folder / f"{level}.yaml"
    target.write_text(starter_plan(level, target.name), encoding="utf-8")
    return target


@pytest.mark.parametrize("level", LEVELS)
def test_the_starter_shows_a_kpi_its_target_and_an_appendix_table(level: str,
                                                                   tmp_path: Path) -> None:
    """A clerk sees how a KPI, its target and a table of it are written, and gets a workbook
    from the first build."""
    plan = load_plan(_written(level, tmp_path)).plan
    [kpi] = plan.kpis
    assert [t.value for t in kpi.targets] == [60]
    [appendix] = plan.appendices
    assert any(isinstance(block, KpiTableBlock) for block in appendix.blocks)
    written = build(_written(level, tmp_path), BuildRequest(tmp_path / "out"))
    assert sorted(p.suffix for p in written.written) == [".docx", ".xlsx"]


@pytest.mark.parametrize("level", LEVELS)
def test_every_starter_task_has_an_id_from_the_start(level: str, tmp_path: Path) -> None:
    """So that ``diff --docx`` pairs a reworded task with itself and marks the words."""
    document = load_text(starter_plan(level), "ke-hoach.yaml")
    tasks = document.data["nhiem_vu"]
    assert len(tasks) >= 2 and all(task.get("id") for task in tasks)


def test_the_starter_explains_every_section_kind_and_what_to_replace() -> None:
    text = starter_plan("xa")
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    for kind in typing.get_args(SectionKind):
        assert re.search(rf"\b{kind}\b", comments), kind
    assert "VÍ DỤ" in comments and "ngoặc kép cho đúng" not in comments
    assert "kehoach validate ke-hoach.yaml" in comments

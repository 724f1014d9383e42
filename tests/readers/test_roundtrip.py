"""kehoach's own output imported again: import(build(plan)) gives the plan back — the same
tasks, sections, căn cứ and KPIs, and a rebuild with the same words. A plan built by kehoach
is the first Word file a clerk who uses it will import (last year's plan)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.draft import draft_text
from generator.model import Plan
from generator.pipeline import load_plan
from generator.readers import import_file
from tests.conftest import build_docx, example_paths
from tests.helpers.fidelity import docx_ratio

WORDS = 0.99
TASKS_WITH_A_FIGURE = {"dak-nong-2022": {"to-cong-nghe-so-cong-dong"}}
"""KPIs an example declares from a task's sentence ("Thành lập Tổ công nghệ số cộng đồng tại
100% thôn, bon, tổ dân phố …"): the import leaves a task as a task, as it leaves "Thường
xuyên rà soát và cung cấp 100% thủ tục …", which the same example does not declare."""


def _plan(path: Path) -> Plan:
    loaded: Any = load_plan(path)
    return getattr(loaded, "plan", loaded)


def _sections(parts: Any) -> int:
    return sum(1 + _sections(part.children) for part in parts)


def _tasks(plan: Plan) -> int:
    return len(plan.tasks) + sum(len(group.tasks) for group in plan.task_groups)


@pytest.mark.parametrize("source", example_paths(), ids=lambda p: p.stem)
def test_a_plan_kehoach_built_imports_back_to_the_same_plan(source: Path,
                                                            tmp_path: Path) -> None:
    built = build_docx(source, tmp_path / "built")
    again = tmp_path / f"{source.stem}.yaml"
    again.write_text(draft_text(import_file(built).draft), encoding="utf-8")
    before, after = _plan(source), _plan(again)  # the import validates
    assert _tasks(after) == _tasks(before)
    assert _sections(after.parts) == _sections(before.parts)
    assert len(after.bases) == len(before.bases)
    assert docx_ratio(build_docx(again, tmp_path / "rebuilt"), built) >= WORDS
    assert _figures(after) == _figures(before, TASKS_WITH_A_FIGURE.get(source.stem, set()))


def _figures(plan: Plan, left: set[str] | None = None) -> list[tuple[int, int]]:
    """How many targets and results each KPI with a figure has, in order: what the document
    prints of it (a KPI the plan declares with no figure of its own prints none, and the
    rebuilt document has nothing to read it back from), but those ``left``."""
    return [(len(k.targets), len(k.results)) for k in plan.kpis
            if (k.targets or k.results) and k.id not in (left or set())]

"""Real plans no one here wrote, each with the plan YAML written by hand that rebuilds it.

``tests/readers/cases/<name>.docx`` is a Word plan from a public repository (SOURCES.md names
it); ``<name>.yaml`` beside it is the plan in kehoach's model, written by hand: what
``kehoach import`` must produce from that file. These tests hold the golden files to their
purpose: each one is a valid plan, and building it gives back the words of its source, in
order, as ``tests/helpers/fidelity.py`` counts them (measured 0.992–0.9996, see SOURCES.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import load_plan
from tests.conftest import build_docx
from tests.helpers.fidelity import docx_ratio

CASES = Path(__file__).resolve().parent / "cases"
NAMES = sorted(path.stem for path in CASES.glob("*.yaml"))
REBUILT_WORDS = 0.98
"""The share of the source's words, in order, a golden plan must give back when built."""


def test_there_are_golden_plans_from_both_sources() -> None:
    """Six real plans: Lào Cai (Sở Công Thương, UBND tỉnh) and Lâm Đồng (UBND tỉnh)."""
    assert len(NAMES) >= 6
    assert sum(name.startswith(("sct-lao-cai", "ubnd-lao-cai")) for name in NAMES) >= 2
    assert sum(name.startswith("ubnd-lam-dong") for name in NAMES) >= 2


@pytest.mark.parametrize("name", NAMES)
def test_golden_plan_validates(name: str) -> None:
    """No error (warnings are allowed: each is explained in the file's header)."""
    load_plan(CASES / f"{name}.yaml")


@pytest.mark.parametrize("name", NAMES)
def test_golden_plan_rebuilds_its_source(name: str, tmp_path: Path) -> None:
    built = build_docx(CASES / f"{name}.yaml", tmp_path)
    value = docx_ratio(built, CASES / f"{name}.docx")
    print(f"{name}: {value:.4f}")
    assert value >= REBUILT_WORDS


@pytest.mark.parametrize("name", NAMES)
def test_golden_plan_names_its_source(name: str) -> None:
    """Every case is listed in SOURCES.md (repository, commit, path) and its header names
    the Word file it rebuilds by a path inside the project."""
    sources = (CASES / "SOURCES.md").read_text(encoding="utf-8")
    assert f"`{name}.docx`" in sources
    head = (CASES / f"{name}.yaml").read_text(encoding="utf-8").split("\nco_quan:")[0]
    assert f"tests/readers/cases/{name}.docx" in head

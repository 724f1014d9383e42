"""Shared fixtures: paths to examples and fixtures, and the ``--update-golden`` switch."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"



def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite golden files (expected diagnostics, reference XML) "
                          "from the current output instead of comparing.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def example_paths() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def build_docx(plan: Path, out: Path) -> Path:
    """Build a plan (DOCX only) and return the DOCX path."""
    from generator.pipeline import BuildRequest, build

    [docx] = build(plan, BuildRequest(out, formats=("docx",))).written
    return docx

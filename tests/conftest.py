"""Shared fixtures: paths to examples and fixtures, and the ``--update-golden`` switch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

settings.register_profile(
    "kehoach", derandomize="KEHOACH_FUZZ_EXAMPLES" not in os.environ, database=None)
settings.load_profile("kehoach")
"""The test run tries the same generated inputs every time, so a test passes or fails on
the code, not on the draw (a CI failure is reproduced by running the same test). Random
exploration is ``make fuzz``'s job (it sets ``KEHOACH_FUZZ_EXAMPLES``); every input it
finds that breaks something becomes a test of its own."""


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

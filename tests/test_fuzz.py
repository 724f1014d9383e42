"""Fuzzing: mutated real plans through ``kehoach build`` (see :mod:`tests.fuzzing`).

CI runs a few hundred inputs; ``make fuzz`` runs thousands (``KEHOACH_FUZZ_EXAMPLES``) and
prints what was tried, how each ended and how long it took.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzzing import (
    Mutated,
    UnitList,
    derive_holds,
    holds,
    mutated_data,
    mutated_text,
    unit_lists,
)

EXAMPLES_PER_SOURCE = int(os.environ.get("KEHOACH_FUZZ_EXAMPLES", "150"))
SUMMARY = os.environ.get("KEHOACH_FUZZ_SUMMARY")
"""Where ``make fuzz`` wants the figures written (JSON), if anywhere."""
FUZZ = settings(max_examples=EXAMPLES_PER_SOURCE, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])

counts: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def figures() -> Iterator[None]:
    started = time.monotonic()
    yield
    summary = {"inputs": sum(counts.values()), "exits": dict(counts),
               "seconds": round(time.monotonic() - started, 1)}
    if SUMMARY:
        Path(SUMMARY).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    for source in {key.split(":")[0] for key in counts}:
        # a harness whose inputs all fail (a broken environment) would prove nothing
        assert counts[f"{source}: exit 0"] > 0, counts


def _run(mutated: Mutated, source: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        code = holds(mutated, Path(folder))
    counts[f"{source}: exit {code}"] += 1


@FUZZ
@given(mutated_data())
def test_mutated_plan_data_never_crashes_or_loses_text(mutated: Mutated) -> None:
    _run(mutated, "data")


@FUZZ
@given(mutated_text())
def test_mutated_plan_files_never_crash(mutated: Mutated) -> None:
    _run(mutated, "text")


@FUZZ
@given(unit_lists())
def test_unit_lists_for_derive_never_crash_and_every_draft_validates(
        listing: UnitList) -> None:
    with tempfile.TemporaryDirectory() as folder:
        code = derive_holds(listing, Path(folder))
    counts[f"derive: exit {code}"] += 1

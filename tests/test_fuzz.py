"""Fuzzing: mutated real plans through ``kehoach build``, pairs of versions through ``diff``
and mutated Word files through ``check --fix`` (see :mod:`tests.helpers.fuzzing`).

CI runs a few hundred inputs; ``make fuzz`` runs thousands (``KEHOACH_FUZZ_EXAMPLES``) and
prints what was tried, how each ended and how long it took.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings

from tests.helpers.fuzzing import (
    DiffInput,
    Mutated,
    UnitList,
    WordFile,
    derive_holds,
    diff_pairs,
    holds,
    holds_diff,
    holds_fix,
    holds_import,
    holds_text_import,
    mutated_data,
    mutated_docx,
    mutated_text,
    plan_texts,
    unit_lists,
)

EXAMPLES_PER_SOURCE = int(os.environ.get("KEHOACH_FUZZ_EXAMPLES", "150"))
SUMMARY = os.environ.get("KEHOACH_FUZZ_SUMMARY")
"""Where ``make fuzz`` wants the figures written (JSON), if anywhere."""
FUZZ = settings(max_examples=EXAMPLES_PER_SOURCE, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])

OTHER_COMMANDS = settings(FUZZ, max_examples=max(20, EXAMPLES_PER_SOURCE // 3))
"""``diff`` (two plans loaded, sometimes a redline) and ``check --fix`` cost more an input."""

counts: Counter[str] = Counter()
T = TypeVar("T")


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


def _run(given_input: T, source: str, check: Callable[[T, Path], int]) -> None:
    """Run one input through its command in a fresh folder and count how it ended."""
    with tempfile.TemporaryDirectory() as folder:
        code = check(given_input, Path(folder))
    counts[f"{source}: exit {code}"] += 1


@FUZZ
@given(mutated_data())
def test_mutated_plan_data_never_crashes_or_loses_text(mutated: Mutated) -> None:
    _run(mutated, "data", holds)


@FUZZ
@given(mutated_text())
def test_mutated_plan_files_never_crash(mutated: Mutated) -> None:
    _run(mutated, "text", holds)


@OTHER_COMMANDS
@given(diff_pairs())
def test_diff_of_mutated_versions_and_odd_revisions_never_crashes(pair: DiffInput) -> None:
    _run(pair, "diff", holds_diff)


@OTHER_COMMANDS
@given(mutated_docx())
def test_check_fix_of_mutated_word_files_never_crashes(word_file: WordFile) -> None:
    _run(word_file, "check --fix", holds_fix)


@OTHER_COMMANDS
@given(mutated_docx())
def test_import_of_mutated_word_files_never_crashes(word_file: WordFile) -> None:
    _run(word_file, "import", holds_import)


@OTHER_COMMANDS
@given(plan_texts())
def test_import_of_damaged_plan_texts_never_crashes(text: str) -> None:
    _run(text, "import text", holds_text_import)


@FUZZ
@given(unit_lists())
def test_unit_lists_for_derive_never_crash_and_every_draft_validates(
        listing: UnitList) -> None:
    _run(listing, "derive", derive_holds)

"""Items that lost their key, paired by likeness: the same pairs as scoring every pair, in
near-linear time, and a pairing cut short is said, never silent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diff import likeness
from generator.diff.likeness import ALIKE, pair_alike
from generator.diff.words import similarity
from generator.pipeline import diff_versions
from generator.render.diff import render_diff
from tests.diff.scenarios import WORDS, edited_texts, one_word_edits, tasks_pair


def every_pair_scored(olds: list[str], news: list[str]) -> dict[int, int]:
    """The pairing as it was made before: every pair scored, taken best first."""
    scored = sorted(((similarity(o, n), j, i) for i, o in enumerate(olds)
                     for j, n in enumerate(news)), reverse=True)
    out: dict[int, int] = {}
    used: set[int] = set()
    for score, j, i in scored:
        if score < ALIKE:
            break
        if j not in out and i not in used:
            out[j] = i
            used.add(i)
    return out


TEXTS = st.lists(st.lists(st.sampled_from(["", ".", ",", *WORDS[:12]]), max_size=14)
                 .map(" ".join), max_size=12)


@settings(max_examples=300, deadline=None, database=None)
@given(TEXTS, TEXTS)
def test_pairing_finds_the_pairs_scoring_every_pair_finds(olds: list[str],
                                                         news: list[str]) -> None:
    """Few words, many repeats, punctuation, empty texts: the hardest inputs for a search
    that only scores pairs sharing rare words."""
    found = pair_alike(olds, news)
    assert found.complete
    assert found.pairs == every_pair_scored(olds, news)


@pytest.mark.parametrize("changed", [1, 4])
def test_250_edited_texts_pair_as_scoring_every_pair_does(changed: int) -> None:
    """Above the old 200 × 200 limit: lightly and heavily edited texts of a small
    vocabulary (every text shares many words with every other)."""
    olds, news = edited_texts(250, changed)
    found = pair_alike(olds, news)
    assert found.complete
    assert found.pairs == every_pair_scored(olds, news)


def test_a_pairing_past_its_budget_says_it_may_have_missed_pairs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(likeness, "MIN_STEPS", 10)
    monkeypatch.setattr(likeness, "STEPS_PER_ITEM", 1)
    olds, news = edited_texts(40, 4)
    assert not pair_alike(olds, news).complete


def test_250_one_word_edits_are_250_changes_not_additions_and_removals(
        tmp_path: Path) -> None:
    old, new = tasks_pair(tmp_path, *one_word_edits(250))
    diff = diff_versions(old, new).diff
    assert diff.counts() == {"changed": 250} and diff.unpaired == ()
    assert {c.fields[0].name for c in diff.items} == {"nội dung"}


def test_a_pairing_cut_short_is_said_in_every_format(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(likeness, "MIN_STEPS", 0)
    monkeypatch.setattr(likeness, "STEPS_PER_ITEM", 0)
    old, new = tasks_pair(tmp_path, *one_word_edits(5))
    diff = diff_versions(old, new).diff
    assert diff.unpaired == ("task",)
    for fmt in ("text", "md", "html"):
        assert "có thể là cùng một mục đã sửa" in render_diff(diff, fmt, "a", "b")
    assert json.loads(render_diff(diff, "json", "a", "b"))["pairing_complete"] is False

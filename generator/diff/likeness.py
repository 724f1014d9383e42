"""Items that lost their key, paired by the likeness of their words in near-linear time.

Two texts are *alike* when the share of their words that line up in order
(:func:`generator.diff.words.similarity`) reaches :data:`ALIKE`. Scoring every old item
against every new one costs the product of their counts (2,500 tasks reworded: six million
comparisons), so only the pairs that can reach :data:`ALIKE` are scored:

- The words that line up are words both texts have, so the likeness is at most
  ``2·shared / (a + b)`` (``a``, ``b``: the texts' word counts, a repeated word counted
  each time). A pair that is alike shares at least ``ALIKE / (2 − ALIKE)`` of the longer
  text's words, and neither text is shorter than that share of the other.
- Order each text's words from the rarest (in the items being paired) to the commonest.
  Two texts sharing at least ``o`` words have a shared word among the first ``a − o + 1``
  words of each (the *prefix filter* of set-similarity joins: Chaudhuri, Ganti and Kaushik,
  ICDE 2006; Xiao et al., WWW 2008). So an index of each old text's first words finds every
  pair that can be alike; a pair the index does not propose cannot be.

The proposed pairs are checked against the bound, then scored, then taken best first, as
scoring every pair would: the result is the same. The search runs in tiers (:data:`TIERS`):
pairs at least 0.9 alike first — a text with a few words changed; its rarest words, few,
find it — then the texts left down to :data:`ALIKE`. Taking the best pairs first takes
every pair of the first tier before any of the second, so the tiers change nothing but
the cost.

The cost is what the index proposes: rare words propose few pairs. Texts made mostly of
the same common words and each heavily rewritten propose many; past :func:`budget` (linear
in the number of texts) each new text reads only its share of the index, rarest words
first, and :attr:`Pairing.complete` is false: some pairs may have been missed, and the diff
says so. Measured (``benchmarks/run.py``, "pairing"): 2,500 tasks each with one word
changed pair completely in about 0.4 s (250 in 21 ms, against 2.5 s scoring every pair).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from generator.diff.words import word_keys

ALIKE = 0.6
"""Likeness from which two unmatched items (or two paragraphs of the redline without an
item of their own) are one, edited. Below it, fewer than six words in ten line up: a
reader sees a new text, and a deletion followed by an insertion reads better than a
paragraph of scattered word changes."""
STEPS_PER_ITEM = 1_000
"""Index entries read per item paired, at most (with :data:`MIN_STEPS`): see :func:`budget`."""
MIN_STEPS = 100_000
"""Below this, every proposed pair is always read (a few hundred items, whatever their
words)."""
TIERS = (0.9, ALIKE)
"""Likeness searched for first, then down to :data:`ALIKE` among the texts left."""


@dataclass(frozen=True)
class Pairing:
    """New index → old index of the texts taken as one; whether every pair was considered."""

    pairs: dict[int, int]
    complete: bool


def budget(olds: int, news: int) -> int:
    """How many index entries one pairing may read: linear in the number of items."""
    return max(MIN_STEPS, STEPS_PER_ITEM * (olds + news))


def _least_shared(size: int, threshold: float) -> int:
    """Fewest words a text of ``size`` words shares with any text alike to it."""
    return max(1, math.ceil(threshold * size / (2 - threshold) - 1e-9))


@dataclass(frozen=True)
class _Texts:
    """One side's texts: their word keys (scored in order), and their words as numbers
    ranked from the rarest (a repeated word is one number per occurrence)."""

    keys: list[list[str]]
    ranked: list[list[int]]
    words: list[frozenset[int]]


def _sides(olds: Sequence[str], news: Sequence[str]) -> tuple[_Texts, _Texts]:
    """Both sides' texts, their words numbered by rarity over both sides (ties by word)."""
    keys = [word_keys(t) for t in (*olds, *news)]
    occurrences: list[list[tuple[str, int]]] = []
    for text in keys:
        seen: Counter[str] = Counter()
        occurrences.append([])
        for key in text:
            seen[key] += 1
            occurrences[-1].append((key, seen[key]))
    frequency = Counter(w for text in occurrences for w in text)
    number = {w: n for n, w in enumerate(sorted(frequency, key=lambda w: (frequency[w], w)))}
    ranked = [sorted(number[w] for w in text) for text in occurrences]
    words = [frozenset(r) for r in ranked]
    cut = len(olds)
    return (_Texts(keys[:cut], ranked[:cut], words[:cut]),
            _Texts(keys[cut:], ranked[cut:], words[cut:]))


def pair_alike(olds: Sequence[str], news: Sequence[str]) -> Pairing:
    """The texts of ``news`` paired with those of ``olds`` they are alike to, best first
    (a higher likeness, then a later new text, then a later old one), as sorting every
    scored pair would take them.

    The pairs are taken in tiers (:data:`TIERS`): best first, every pair at least 0.9
    alike is taken before any pair below it, so the very alike pairs (a text with a few
    words changed), cheap to find, are taken first, and only the texts left are searched
    again down to :data:`ALIKE`. That is exactly the order of the single sort.
    """
    old, new = _sides(olds, news)
    pairs: dict[int, int] = {}
    allowed = budget(len(olds), len(news))
    complete = True
    for threshold in TIERS:
        used = set(pairs.values())
        left_old = [i for i, ranked in enumerate(old.ranked) if ranked and i not in used]
        left_new = [j for j, ranked in enumerate(new.ranked) if ranked and j not in pairs]
        search = _Search(old, new, threshold)
        index = search.index(left_old)
        steps = sum(len(index.get(w, ())) for j in left_new for w in search.prefix(new, j))
        share = allowed if steps <= allowed else allowed // max(1, len(left_new))
        complete = complete and steps <= allowed
        allowed -= min(steps, allowed)
        scored = [pair for j in left_new
                  for pair in search.scored(j, search.proposed(j, index, share))]
        pairs.update(_best_first(scored))
    pairs.update(_best_first(_empty_pairs(old, new)))
    return Pairing(pairs, complete)


@dataclass(frozen=True)
class _Search:
    """The pairs of two sides at least ``threshold`` alike."""

    old: _Texts
    new: _Texts
    threshold: float

    def prefix(self, side: _Texts, n: int) -> list[int]:
        """The rarest words of a text, among which it shares one with any text alike."""
        ranked = side.ranked[n]
        return ranked[:len(ranked) - _least_shared(len(ranked), self.threshold) + 1]

    def index(self, olds: list[int]) -> dict[int, list[tuple[int, int]]]:
        """Word → (old text, the word's place in its order), for the first words."""
        out: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for i in olds:
            for position, word in enumerate(self.prefix(self.old, i)):
                out[word].append((i, position))
        return out

    def proposed(self, j: int, index: dict[int, list[tuple[int, int]]],
                 allowed: int) -> list[int]:
        """The old texts that may be alike to new text ``j``, read from the index of
        first words, rarest first, at most ``allowed`` entries.

        Where two texts first meet (their rarest shared word, at ``x`` in the new text's
        order and ``y`` in the old one's), they can share at most that word and the words
        after it in both orders (the positional filter of Xiao et al.): many pairs met
        only through a common word are dropped there, unscored.
        """
        b = len(self.new.ranked[j])
        ranked = self.old.ranked
        least = self.threshold / 2
        met: set[int] = set()
        out = []
        for x, word in enumerate(self.prefix(self.new, j)):
            postings = index.get(word, ())
            allowed -= len(postings)
            if allowed < 0:
                break
            left = b - x  # this word and those after it in the new text's order
            for i, y in postings:
                if i in met:
                    continue
                met.add(i)
                a = len(ranked[i])
                if min(left, a - y) >= least * (a + b) - 1e-9:
                    out.append(i)
        return out

    def scored(self, j: int, olds: list[int]) -> list[tuple[float, int, int]]:
        """(likeness, new, old) of each proposed pair alike enough: the shared words
        counted first (the likeness cannot exceed what they allow), then lined up."""
        out = []
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(self.new.keys[j])
        words, b = self.new.words[j], len(self.new.keys[j])
        least = self.threshold / 2
        for i in olds:
            a = len(self.old.keys[i])
            if len(words & self.old.words[i]) < least * (a + b) - 1e-9:
                continue
            matcher.set_seq1(self.old.keys[i])
            score = matcher.ratio()
            if score >= self.threshold:
                out.append((score, j, i))
        return out


def _empty_pairs(old: _Texts, new: _Texts) -> list[tuple[float, int, int]]:
    """Texts without a word are alike to each other only (likeness 1), later ones first."""
    empty_old = [i for i, keys in enumerate(old.keys) if not keys]
    empty_new = [j for j, keys in enumerate(new.keys) if not keys]
    return [(1.0, j, i) for j, i in zip(reversed(empty_new), reversed(empty_old),
                                        strict=False)]


def _best_first(scored: list[tuple[float, int, int]]) -> dict[int, int]:
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, j, i in sorted(scored, reverse=True):
        if j not in out and i not in used:
            out[j] = i
            used.add(i)
    return out

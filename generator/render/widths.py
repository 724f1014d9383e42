"""Column widths in millimetres: fixed widths kept, the others from what the columns hold.

Resolve says which columns have a fixed width (STT, or widths the plan typed) and gives
the others a share; only the renderer knows the page, so the lengths are decided here.
When the cells' text is known, a shared column is given at least its longest word (no word
is broken across lines), then enough to keep its cells on one line where they are short,
and the room left goes to the columns whose text is long. A table is never wider than the
page: fixed widths typed for other margins are scaled down in proportion.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from generator.inline import Span
from generator.reference import FontMetrics
from generator.render.measure import rough_width_mm, text_width_mm
from generator.resolve.layout import ColumnWidth, TableLayout

MIN_SHARED_MM = 10.0
"""A shared column never gets less than this."""
CELL_PADDING_MM = 2.5
"""Cell margins (1 mm each side) and a little air."""
ONE_LINE_SHARE = 0.45
"""A short cell is kept on one line only if that takes under this share of the page."""


@dataclass(frozen=True)
class ColumnText:
    """What a column holds, measured: its longest word, its widest and mean cell widths."""

    longest_word_mm: float
    widest_mm: float
    mean_mm: float


def column_texts(table: TableLayout, fonts: FontMetrics, size_pt: float) -> list[ColumnText]:
    """Each shared column's text measured (fixed columns and spanning cells are left out)."""
    words: list[str] = ["" for _ in table.columns]
    lengths: list[list[int]] = [[] for _ in table.columns]
    header_rows = len(table.header)
    for r, c, cell in table.positions():
        if cell.colspan != 1 or table.columns[c].mm is not None:
            continue
        for line in cell.lines:
            text = "".join(s.text for s in line if isinstance(s, Span))
            longest = max(text.split(), key=len, default="")
            if len(longest) > len(words[c]):
                words[c] = longest
            if r >= header_rows and text:
                lengths[c].append(len(text))
    return [ColumnText(text_width_mm(fonts, word, size_pt, bold=True),
                       rough_width_mm(max(found), size_pt) if found else 0.0,
                       rough_width_mm(int(statistics.fmean(found)), size_pt) if found else 0.0)
            for word, found in zip(words, lengths, strict=True)]


def column_widths(columns: tuple[ColumnWidth, ...], text_width_mm: float,
                  texts: list[ColumnText] | None = None) -> tuple[float, ...]:
    """Widths that fill ``text_width_mm`` when any column is shared, and never exceed it."""
    fixed = sum(c.mm for c in columns if c.mm is not None)
    shared = [i for i, c in enumerate(columns) if c.mm is None]
    room = max(text_width_mm - fixed, MIN_SHARED_MM * len(shared))
    if texts is not None and shared and any(texts[i].mean_mm for i in shared):
        given = _by_content([texts[i] for i in shared], room)
    else:
        total_share = sum(columns[i].share for i in shared)
        given = [max(room * columns[i].share / total_share, MIN_SHARED_MM) for i in shared]
    raw = [c.mm or 0.0 for c in columns]
    for i, width in zip(shared, given, strict=True):
        raw[i] = width
    total = sum(raw)
    scale = min(1.0, text_width_mm / total) if total else 1.0
    return tuple(round(width * scale, 2) for width in raw)


def _by_content(texts: list[ColumnText], room: float) -> list[float]:
    """Longest words first, then short cells on one line, then long text gets the rest."""
    need = [max(t.longest_word_mm + CELL_PADDING_MM, MIN_SHARED_MM) for t in texts]
    fit = [max(n, min(t.widest_mm + CELL_PADDING_MM, room * ONE_LINE_SHARE))
           for n, t in zip(need, texts, strict=True)]
    if sum(need) >= room:
        return [room * n / sum(need) for n in need]
    if sum(fit) > room:
        spare = room - sum(need)
        wants = [f - n for f, n in zip(fit, need, strict=True)]
        return [n + spare * w / sum(wants) for n, w in zip(need, wants, strict=True)]
    spare = room - sum(fit)
    longer = [max(t.mean_mm - f, 0.0) for t, f in zip(texts, fit, strict=True)]
    weights = longer if sum(longer) else fit
    return [f + spare * w / sum(weights) for f, w in zip(fit, weights, strict=True)]

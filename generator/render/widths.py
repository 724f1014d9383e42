"""Column widths in millimetres: fixed widths kept, the others from what the columns hold.

Resolve says which columns have a fixed width (STT, or widths the plan typed) and gives
the others a share; only the renderer knows the page, so the lengths are decided here.
When the cells' text is known, room is handed out in this order, each step only while the
page has room for it:

1. every shared column its longest word, heading included (no word is broken in two);
2. its heading on a few lines — about two words a line, three lines at most — so a header
   row is not one word a line ("Căn / cứ / giao / chỉ / tiêu") and many times as tall as
   the data; an empty column gets just this: narrow, but its heading reads;
3. its short cells on one line ("60", "Quý III/2024");
4. what is left, to the columns whose text is long.

When even step 1 does not fit, widths follow the longest words in proportion. A table is
never wider than the page: fixed widths typed for other margins are scaled down in
proportion.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from generator.inline import Span
from generator.reference import FontMetrics
from generator.render.measure import rough_width_mm, text_width_mm, wrapped_lines
from generator.resolve.layout import ColumnWidth, TableLayout

MIN_SHARED_MM = 10.0
"""A shared column never gets less than this."""
CELL_PADDING_MM = 2.5
"""Cell margins (1 mm each side) and a little air."""
ONE_LINE_SHARE = 0.45
"""A short cell is kept on one line only if that takes under this share of the page."""
HEADING_LINES = 3
"""A heading is given room for at most this many lines…"""
HEADING_WORDS_PER_LINE = 2
"""…and for about this many words a line, when it has few words."""
SLACK_MM = 0.3
"""Added to a measured heading: widths are rounded, and a word processor's line breaking
is not ours to the last hundredth of a millimetre."""


LINES_TRIED = 12
"""Heading widths are known for up to this many lines (a header taller is rare)."""


@dataclass(frozen=True)
class ColumnText:
    """What a column holds, measured: its longest word, its widest and mean body cells, and
    the width its heading needs on 1, 2, 3… lines (``headings[k]``: on k + 1 lines)."""

    longest_word_mm: float
    widest_mm: float
    mean_mm: float
    headings: tuple[float, ...] = ()
    heading_lines: int = 1
    """How many lines its heading reads well on: about two words a line, three at most."""

    def heading_mm(self, lines: int) -> float:
        """The width the heading needs to take at most ``lines`` lines (0: no heading)."""
        if not self.headings:
            return 0.0
        return self.headings[min(lines, len(self.headings)) - 1]


def heading_widths_mm(fonts: FontMetrics, text: str, size_pt: float) -> tuple[float, ...]:
    """The narrowest widths at which a bold heading takes 1, 2, … :data:`LINES_TRIED` lines
    without breaking a word."""
    words = text.split()
    if not words:
        return ()
    low = max(text_width_mm(fonts, w, size_pt, bold=True) for w in words)
    out = [text_width_mm(fonts, " ".join(words), size_pt, bold=True)]
    for lines in range(2, LINES_TRIED + 1):
        high = out[-1]
        if wrapped_lines(fonts, text, low, size_pt, bold=True) <= lines:
            out.append(low)
            continue
        bottom = low
        for _ in range(16):  # halving to 1/65536 of the span: far below a printed dot
            middle = (bottom + high) / 2
            if wrapped_lines(fonts, text, middle, size_pt, bold=True) <= lines:
                high = middle
            else:
                bottom = middle
        out.append(high)
    return tuple(out)


def readable_lines(text: str) -> int:
    """About two words a line, three lines at most: "Chỉ tiêu" on one line, "Căn cứ giao
    chỉ tiêu" on three."""
    return max(1, min(HEADING_LINES, math.ceil(len(text.split()) / HEADING_WORDS_PER_LINE)))


def column_texts(table: TableLayout, fonts: FontMetrics, size_pt: float) -> list[ColumnText]:
    """Each shared column's text measured (fixed columns and spanning cells are left out).

    A word is measured as it prints (bold in the header and bold cells): "100%" is wider
    than "2023" though no longer. Each distinct word is measured once.
    """
    widest_word = [0.0 for _ in table.columns]
    headings: list[tuple[float, ...]] = [() for _ in table.columns]
    readable: list[int] = [1 for _ in table.columns]
    lengths: list[list[int]] = [[] for _ in table.columns]
    measured: dict[tuple[str, bool], float] = {}
    header_rows = len(table.header)
    for r, c, cell in table.positions():
        if cell.colspan != 1 or table.columns[c].mm is not None:
            continue
        bold = cell.bold or r < header_rows
        for line in cell.lines:
            text = "".join(s.text for s in line if isinstance(s, Span))
            for word in text.split():
                if (word, bold) not in measured:
                    measured[word, bold] = text_width_mm(fonts, word, size_pt, bold=bold)
                widest_word[c] = max(widest_word[c], measured[word, bold])
            if r < header_rows and text.strip():
                found = heading_widths_mm(fonts, text, size_pt)
                headings[c] = tuple(max(a, b) for a, b in zip(headings[c], found, strict=True)) \
                    if headings[c] else found
                readable[c] = max(readable[c], readable_lines(text))
            elif r >= header_rows and text:
                lengths[c].append(len(text))
    return [ColumnText(word,
                       rough_width_mm(max(found), size_pt) if found else 0.0,
                       rough_width_mm(int(statistics.fmean(found)), size_pt) if found else 0.0,
                       heading, lines)
            for word, found, heading, lines in zip(widest_word, lengths, headings, readable,
                                                   strict=True)]


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
    """Longest words, then readable headings, then short cells on one line, then the rest
    to long text (see the module's steps)."""
    need = [max(t.longest_word_mm + CELL_PADDING_MM, MIN_SHARED_MM) for t in texts]
    read = _headings_on(texts, need, None)
    fit = [max(r, min(t.widest_mm + CELL_PADDING_MM, room * ONE_LINE_SHARE))
           for r, t in zip(read, texts, strict=True)]
    if sum(need) >= room:
        return [room * n / sum(need) for n in need]
    if sum(read) > room:
        return _towards(_lowest_header(texts, need, room), read, room)
    if sum(fit) > room:
        return _towards(read, fit, room)
    spare = room - sum(fit)
    longer = [max(t.mean_mm - f, 0.0) for t, f in zip(texts, fit, strict=True)]
    weights = longer if sum(longer) else fit
    return [f + spare * w / sum(weights) for f, w in zip(fit, weights, strict=True)]


def _headings_on(texts: list[ColumnText], need: list[float], lines: int | None) -> list[float]:
    """Each column as wide as its heading needs for ``lines`` lines (``None``: the lines it
    reads well on; never more than those), and never narrower than ``need``."""
    return [max(n, t.heading_mm(max(lines or 0, t.heading_lines)) + CELL_PADDING_MM + SLACK_MM)
            if t.headings else n for n, t in zip(need, texts, strict=True)]


def _lowest_header(texts: list[ColumnText], need: list[float], room: float) -> list[float]:
    """Widths that keep the header row as low as the room allows: the fewest lines any
    heading must take for all to fit, each column given what its heading needs for them."""
    for lines in range(1, LINES_TRIED + 1):
        widths = _headings_on(texts, need, lines)
        if sum(widths) <= room:
            return widths
    return need


def _towards(floor: list[float], wish: list[float], room: float) -> list[float]:
    """Each column its ``floor``, and the room left shared by how far each is from its
    ``wish`` (which together do not fit)."""
    spare = room - sum(floor)
    wants = [w - f for f, w in zip(floor, wish, strict=True)]
    return [f + spare * w / sum(wants) for f, w in zip(floor, wants, strict=True)]

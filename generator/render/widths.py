"""Column widths in millimetres, from the layout's fixed widths and shares and the page."""

from __future__ import annotations

from generator.resolve.layout import ColumnWidth

MIN_SHARED_MM = 10.0
"""A shared column never gets less than this before the whole table is fitted."""


def column_widths(columns: tuple[ColumnWidth, ...], text_width_mm: float) -> tuple[float, ...]:
    """Widths that fill ``text_width_mm`` when any column is shared, and never exceed it.

    Fixed columns keep their millimetres; shared columns divide what is left by their
    shares. If the table is still wider than the page (fixed widths typed for another
    margin, or too many columns), every column is scaled down in proportion.
    """
    fixed = sum(c.mm for c in columns if c.mm is not None)
    shares = sum(c.share for c in columns if c.mm is None)
    room = max(text_width_mm - fixed, 0.0)
    raw = [c.mm if c.mm is not None else max(room * c.share / shares, MIN_SHARED_MM)
           for c in columns]
    total = sum(raw)
    scale = min(1.0, text_width_mm / total) if total else 1.0
    return tuple(round(width * scale, 2) for width in raw)

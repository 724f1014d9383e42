"""A table cell for cell, with its merges, as a free table (``bang``)."""

from __future__ import annotations

from typing import Any

from generator.readers.blocks import Grid

MIN_WIDTH_MM = 5.0
MAX_ROWSPAN = 10


def free_table(grid: Grid) -> dict[str, Any]:
    """``{cot, dau_bang, dong}``: the first row as the header, widths from the grid."""
    columns = max((sum(c.colspan for c in row) for row in grid.rows), default=1) or 1
    widths = list(grid.widths_mm[:columns]) + [0.0] * (columns - len(grid.widths_mm))
    total = sum(widths) or columns * 30.0
    cot = [{"rong": round(max(MIN_WIDTH_MM, w or total / columns), 1)} for w in widths]
    rows = [[_cell(cell) for cell in row] for row in grid.rows]
    out: dict[str, Any] = {"cot": cot}
    if rows:
        out["dau_bang"] = [rows[0]]
        out["dong"] = [row for row in rows[1:]] or []
    return out


def _cell(cell: Any) -> Any:
    text = cell.markup
    if cell.colspan == 1 and cell.rowspan == 1:
        return text
    out: dict[str, Any] = {"noi_dung": text}
    if cell.colspan > 1:
        out["gop_cot"] = min(cell.colspan, 50)
    if cell.rowspan > 1:
        out["gop_dong"] = min(cell.rowspan, MAX_ROWSPAN)
    return out

"""A table cell for cell, with its merges, as a free table (``bang``)."""

from __future__ import annotations

from typing import Any

from generator.readers.blocks import Cell, Grid

MIN_WIDTH_MM = 5.0
MAX_ROWSPAN = 10
MAX_HEADER_ROWS = 4


def free_table(grid: Grid) -> dict[str, Any]:
    """``{cot, dau_bang, dong}``: the first row as the header, with the rows its cells reach
    down to (a heading over "Năm 2023 | Chỉ tiêu"), widths from the grid."""
    columns = max((sum(c.colspan for c in row) for row in grid.rows), default=1) or 1
    widths = list(grid.widths_mm[:columns]) + [0.0] * (columns - len(grid.widths_mm))
    total = sum(widths) or columns * 30.0
    cot = [{"rong": round(max(MIN_WIDTH_MM, w or total / columns), 1)} for w in widths]
    depth = header_depth(grid.rows)
    if _tiles(grid.rows[:depth], columns) and _tiles(grid.rows[depth:], columns):
        rows = [[_cell(cell) for cell in row] for row in grid.rows]
    else:  # merges that do not fit (a damaged file): every cell on its own, rows padded
        depth = 1
        rows = [[c.markup for c in row] + [""] * (columns - len(row)) for row in grid.rows]
    out: dict[str, Any] = {"cot": cot}
    if rows:
        out["dau_bang"] = rows[:depth]
        out["dong"] = rows[depth:]
    return out


def header_depth(rows: tuple[tuple[Cell, ...], ...]) -> int:
    """How many rows the header takes: the first, and every row a header cell reaches down
    into (the merges down of those rows taken in too); 1 when that runs past the table or
    past :data:`MAX_HEADER_ROWS` (a first row merged far down is no header: the rows would
    repeat on every page)."""
    reach, row = 1, 0
    while row < reach and row < len(rows):
        reach = max(reach, row + max((min(c.rowspan, MAX_ROWSPAN) for c in rows[row]),
                                     default=1))
        row += 1
    return reach if reach <= min(len(rows), MAX_HEADER_ROWS) else 1


def _tiles(rows: Any, width: int) -> bool:
    """Whether rows of cells fill ``width`` columns exactly, merges included, none running
    past the last row (what the plan's check asks of a table)."""
    carried = [0] * width
    for row in rows:
        col = 0
        for cell in row:
            while col < width and carried[col]:
                col += 1
            span = min(cell.colspan, 50)
            if col + span > width:
                return False
            for c in range(col, col + span):
                carried[c] = min(cell.rowspan, MAX_ROWSPAN)
            col += span
        while col < width and carried[col]:
            col += 1
        if col != width:
            return False
        carried = [max(0, n - 1) for n in carried]
    return not any(carried)


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

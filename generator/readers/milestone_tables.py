"""KPI tables of targets by milestone (Phụ lục II of the Ia Ake and Phú Thiện plans,
kehoach's ``theo_moc``) as the plan's KPIs with their results and targets per unit and
milestone, the milestones (``cac_moc``) in the order the table shows them, and the table
written back from them (``bang_chi_tieu``).

The shape, as kehoach prints it: "TT | unit heading | one group of columns per KPI", the
KPI's name over its group; under it last year's results ("Năm 2023"), then its targets:
"Chỉ tiêu 50 ngày" alone, or "Chỉ tiêu" over "50 ngày | 100 ngày" on a third header row; a
milestone "… và duy trì trong thời gian tiếp theo" holds on after it. Then one row per unit,
numbered from 1, a figure in per cent (or "—") under each column.

Only a table kehoach prints back word for word is taken (every cell checked against what
the printing rules of :func:`generator.resolve.kpi_tables.by_milestone` would put there);
any other table stays a free table, cell for cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

from generator.ids import slugify
from generator.kpi.numbers import DASH
from generator.readers.blocks import Cell, Grid
from generator.readers.guesses import Notes
from generator.readers.kpis import kpi_id, number
from generator.readers.tables import MIN_WIDTH_MM

NUMBER_HEADING = "TT"
TARGETS = "Chỉ tiêu"
MAINTAINED = " và duy trì trong thời gian tiếp theo"
FIGURE = re.compile(r"^(?P<op>(?:trên|dưới|tối đa|phấn đấu) )?"
                    r"(?P<figure>\d{1,3}(?:,\d?[1-9])?)%$")
"""A figure kehoach prints alike: its comparison in words (a floor has none), no trailing
zero after the comma (99,70% is printed 99,7%)."""


@dataclass
class Columns:
    """One KPI's group of columns: its name, result milestones, target milestones."""

    name: str
    results: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    maintained: set[str] = field(default_factory=set)
    """Target milestones whose heading says the target holds on after them."""


Figure = tuple[str, str] | None
"""A cell's comparison ("" for a floor) and figure as typed ("99,77"); None for "—"."""


def milestone_table(grid: Grid, notes: Notes) -> dict[str, Any] | None:
    """``{bang_chi_tieu: …}`` with the KPIs and milestones put in ``notes``, or None when the
    grid is not a table of targets by milestone that kehoach prints the same."""
    rows = grid.rows
    depth = rows[0][0].rowspan if rows and rows[0] else 0
    if depth not in (2, 3) or len(rows) <= depth or len(rows[0]) < 3:
        return None
    top = rows[0]
    if top[0].plain != NUMBER_HEADING or top[1].rowspan != depth or \
            any(c.colspan != 1 for c in top[:2]) or not top[1].plain:
        return None
    kpis = headings(top[2:], rows[1], rows[2] if depth == 3 else (), depth)
    if kpis is None:
        return None
    read = _units(rows[depth:], kpis)
    if read is None:
        return None
    units, figures = read
    order = merged_order([notes.milestones] + [k.results for k in kpis] +
                         [k.targets for k in kpis])
    if order is None or not _printable(kpis, figures):
        return None
    heading = top[1].plain
    group = _group(notes, heading, units, figures)
    written = [_kpi(notes, kpi, units, figures[k], group) for k, kpi in enumerate(kpis)]
    notes.milestones[:] = order
    notes.table_kpis.extend(written)
    notes.count("chỉ tiêu (bảng)", len(written))
    notes.count("dòng bảng chỉ tiêu", len(units))
    table: dict[str, Any] = {"kieu": "theo_moc", "don_vi": units,
                             "chi_tieu": [k["id"] for k in written]}
    if heading != "Đơn vị":
        table["tieu_de_don_vi"] = heading
    width = 2 + sum(len(k.results) + len(k.targets) for k in kpis)
    if len(grid.widths_mm) == width and all(grid.widths_mm):
        table["rong"] = [round(max(MIN_WIDTH_MM, w), 1) for w in grid.widths_mm]
    return {"bang_chi_tieu": table}


def headings(tops: tuple[Cell, ...], middle: tuple[Cell, ...], bottom: tuple[Cell, ...],
             depth: int) -> list[Columns] | None:
    """Each KPI's columns from the header rows, or None when they are not laid out as kehoach
    lays them (a third row only when some KPI has several target milestones)."""
    below, lowest = iter(middle), iter(bottom)
    out: list[Columns] = []
    for top in tops:
        if top.rowspan != 1 or len(top.lines) != 1 or not top.plain:
            return None
        kpi = Columns(top.plain)
        covered = 0
        while covered < top.colspan:
            cell = next(below, None)
            if cell is None or not _heading(cell, kpi, lowest, depth):
                return None
            covered += cell.colspan
        if covered != top.colspan or len(set(kpi.results)) < len(kpi.results) or \
                len(set(kpi.targets)) < len(kpi.targets):
            return None
        out.append(kpi)
    if next(below, None) is not None or next(lowest, None) is not None:
        return None
    return out if (depth == 3) == any(len(k.targets) > 1 for k in out) else None


def _heading(cell: Cell, kpi: Columns, lowest: Any, depth: int) -> bool:
    """Read one heading under a KPI's name into ``kpi``; False when it is not one kehoach
    prints there (a result after a target, a lone cell of the wrong height)."""
    text = cell.plain
    if len(cell.lines) != 1:
        return False
    if text == TARGETS and cell.colspan > 1 and cell.rowspan == 1 and depth == 3 \
            and not kpi.targets:
        labels = [next(lowest, None) for _ in range(cell.colspan)]
        if any(label is None or label.colspan != 1 or label.rowspan != 1 or
               len(label.lines) != 1 or not label.plain for label in labels):
            return False
        return all(_target(kpi, label.plain) for label in labels if label is not None)
    if cell.colspan != 1 or cell.rowspan != depth - 1:
        return False
    if text.startswith(TARGETS + " "):
        return not kpi.targets and _target(kpi, text.removeprefix(TARGETS + " "))
    if text.startswith(TARGETS) or kpi.targets:
        return False
    kpi.results.append(text)
    return True


def _target(kpi: Columns, label: str) -> bool:
    """A target milestone's heading: "50 ngày", "50 ngày và duy trì …"."""
    milestone = label.removesuffix(MAINTAINED).strip()
    if not milestone:
        return False
    if milestone != label:
        kpi.maintained.add(milestone)
    kpi.targets.append(milestone)
    return True


def _units(rows: tuple[tuple[Cell, ...], ...], kpis: list[Columns]
           ) -> tuple[list[str], list[list[list[Figure]]]] | None:
    """The units (one a row, numbered from 1) and, per KPI, per column, per unit, the cell's
    figure; None when a row is not one kehoach prints."""
    width = 2 + sum(len(k.results) + len(k.targets) for k in kpis)
    units: list[str] = []
    figures: list[list[list[Figure]]] = [
        [[] for _ in range(len(k.results) + len(k.targets))] for k in kpis]
    for n, row in enumerate(rows, start=1):
        if len(row) != width or any(c.colspan != 1 or c.rowspan != 1 or len(c.lines) > 1 or
                                    "*" in c.markup for c in row):
            return None
        if row[0].plain != str(n) or not row[1].plain or row[1].plain in units:
            return None
        units.append(row[1].plain)
        at = 2
        for k, kpi in enumerate(kpis):
            for c in range(len(kpi.results) + len(kpi.targets)):
                found = _figure(row[at].plain, target=c >= len(kpi.results))
                if found is False:
                    return None
                figures[k][c].append(found)
                at += 1
    return (units, figures) if units else None


def _figure(text: str, *, target: bool) -> Figure | Literal[False]:
    """A cell's figure, None for "—", False when kehoach would not print it so (a result
    has no comparison)."""
    if text == DASH:
        return None
    found = FIGURE.match(text)
    if found is None or (found["op"] and not target):
        return False
    return (found["op"] or "").strip(), found["figure"]


def _printable(kpis: list[Columns], figures: list[list[list[Figure]]]) -> bool:
    """Every column has a figure somewhere (a column of "—" alone is not printed), and no
    "—" stands where a maintained earlier target would be printed instead."""
    for kpi, columns in zip(kpis, figures, strict=True):
        if any(all(f is None for f in column) for column in columns):
            return False
        targets = columns[len(kpi.results):]
        for t, milestone in enumerate(kpi.targets):
            if milestone not in kpi.maintained:
                continue
            for later in targets[t + 1:]:
                if any(f is None and held is not None
                       for f, held in zip(later, targets[t], strict=True)):
                    return False
    return True


def _group(notes: Notes, heading: str, units: list[str],
           figures: list[list[list[Figure]]]) -> str | None:
    """The id of a group of the table's units when some KPI gives them all the same figures
    (its targets are then written once, for the group); None when none does or the plan
    already has its groups (a ``theo_nhom`` table prints the plan's groups whole)."""
    if len(units) < 2 or notes.unit_groups or not any(_uniform(f) for f in figures):
        return None
    ident = f"don-vi-{slugify(heading)}"[:60].rstrip("-")
    notes.unit_groups.append({"id": ident, "ten": heading, "don_vi": list(units)})
    notes.guess("nhom_don_vi", f"các đơn vị của bảng chỉ tiêu '{heading}' được gộp thành "
                               "một nhóm (cùng chỉ tiêu): hãy đặt tên nhóm")
    return ident


def _uniform(columns: list[list[Figure]]) -> bool:
    """Every unit has the same figure, in every column of a KPI."""
    return all(None not in column and len(set(column)) == 1 for column in columns)


def _kpi(notes: Notes, kpi: Columns, units: list[str], columns: list[list[Figure]],
         group: str | None) -> dict[str, Any]:
    """A KPI with its results and targets, for the group when all units share them."""
    out: dict[str, Any] = {"id": kpi_id(notes.kpi_ids, kpi.name), "ten": kpi.name}
    for c, milestone in enumerate([*kpi.results, *kpi.targets]):
        is_target = c >= len(kpi.results)
        cells: list[tuple[dict[str, str], Figure]] = \
            [({"nhom": group}, columns[c][0])] if group and _uniform(columns) else \
            [({"don_vi": unit}, found) for unit, found in zip(units, columns[c], strict=True)]
        for scope, found in cells:
            if found is None:
                continue
            op, figure = found
            value: dict[str, Any] = {"moc": milestone, **scope,
                                     "gia_tri": f"{op} {figure}%" if op else number(figure)}
            if is_target and milestone in kpi.maintained:
                value["duy_tri"] = True
            out.setdefault("muc_tieu" if is_target else "ket_qua", []).append(value)
    return out


def merged_order(sequences: list[list[str]]) -> list[str] | None:
    """One order of milestones that keeps the order of each sequence (first seen first
    among those free to go), or None when two sequences disagree."""
    after: dict[str, set[str]] = {}
    for sequence in sequences:
        for name in sequence:
            after.setdefault(name, set())
        for first, then in pairwise(sequence):
            after[first].add(then)
    waiting = {name: 0 for name in after}
    for nexts in after.values():
        for then in nexts:
            waiting[then] += 1
    seen = {name: at for at, name in enumerate(after)}
    order: list[str] = []
    ready = [name for name in after if waiting[name] == 0]
    while ready:
        name = ready.pop(0)
        order.append(name)
        for then in sorted(after[name], key=seen.__getitem__):
            waiting[then] -= 1
            if waiting[then] == 0:
                ready.append(then)
    return order if len(order) == len(after) else None

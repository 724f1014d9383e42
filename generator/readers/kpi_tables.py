"""KPI tables as the plan's KPIs (``chi_tieu``) and unit groups (``nhom_don_vi``), and the
table written back from them (``bang_chi_tieu``): the shape kehoach prints as ``theo_nhom``
(Phụ lục I of the Bắc Kạn plan): "STT | Đơn vị | one column per KPI", block rows I, II
across the table, then one row per group of units, "Nhóm 1 (5 phòng): Phòng A; Phòng B."
and a target in per cent under each KPI.

Only a table that kehoach prints back word for word is taken: headings on one row, "STT"
first, every target a share ("100%", "99,77%"), every group's cell "name: unit; unit."
(a missing final stop is added, and said) and one such table per plan (a plan has one
list of unit groups, which the table prints whole). Any other table stays a free table,
cell for cell.
"""

from __future__ import annotations

import re
from typing import Any

from generator.ids import slugify
from generator.readers.blocks import Cell, Grid
from generator.readers.guesses import Notes
from generator.readers.kpis import kpi_id, number
from generator.readers.tables import MIN_WIDTH_MM
from generator.vnformat import roman

TARGET = re.compile(r"^(?P<figure>\d{1,3}(?:,\d{1,2})?)%$")
BLOCK = re.compile(r"^[IVXL]+$")
MEMBERS = re.compile(r"^(?P<name>[^:]+?):\s*(?P<units>.+?)(?P<stop>\.?)$")


def kpi_table(grid: Grid, notes: Notes) -> dict[str, Any] | None:
    """``{bang_chi_tieu: …}`` with the KPIs and unit groups put in ``notes``, or None when
    the grid is not a table of targets by group that kehoach prints the same."""
    if notes.unit_groups or len(grid.rows) < 2:
        return None
    header = grid.rows[0]
    if len(header) < 3 or any(c.colspan != 1 or c.rowspan != 1 for c in header) or \
            header[0].plain != "STT" or not all(c.plain for c in header[2:]):
        return None
    width = len(header)
    names = [c.plain for c in header[2:]]
    groups: list[dict[str, Any]] = []
    targets: list[list[dict[str, Any]]] = [[] for _ in names]
    places = [0] * len(names)
    block: str | None = None
    blocks: list[str] = []
    in_block = 0
    for row in grid.rows[1:]:
        if len(row) == 2 and row[1].colspan == width - 1 and BLOCK.match(row[0].plain) \
                and row[1].plain and _plain(row):
            block = row[1].plain
            if row[0].plain != roman(len(blocks) + 1) or block in blocks:
                return None
            blocks.append(block)
            in_block = 0
            continue
        in_block += 1
        group = _group(row, width, str(in_block), len(groups) + 1, block)
        if group is None:
            return None
        groups.append(group)
        for k, cell in enumerate(row[2:]):
            found = TARGET.match(cell.plain)
            if found is None:
                return None
            figure = found["figure"]
            places[k] = max(places[k], len(figure.partition(",")[2]))
            targets[k].append({"gia_tri": number(figure), "nhom": group["id"]})
    if not groups or (blocks and groups[0].get("khoi") is None):
        return None
    kpis = []
    for name, wanted, decimals in zip(names, targets, places, strict=True):
        kpi: dict[str, Any] = {"id": kpi_id(notes.kpi_ids, name), "ten": name,
                               "muc_tieu": wanted}
        if decimals > 1:
            kpi["so_le"] = decimals
        kpis.append(kpi)
    stops = sum(1 for row in grid.rows[1:] if len(row) == width and
                not row[1].plain.endswith("."))
    if stops:
        notes.repaired.append(f"{grid.where}: {stops} ô nhóm đơn vị thiếu dấu '.' cuối "
                              "(bảng chỉ tiêu in đủ)")
    notes.unit_groups.extend(groups)
    notes.table_kpis.extend(kpis)
    notes.count("chỉ tiêu (bảng)", len(kpis))
    notes.count("dòng bảng chỉ tiêu", len(groups))
    table: dict[str, Any] = {"kieu": "theo_nhom", "chi_tieu": [k["id"] for k in kpis]}
    if header[1].plain != "Đơn vị":
        table["tieu_de_don_vi"] = header[1].plain
    if len(grid.widths_mm) == width and all(grid.widths_mm):
        table["rong"] = [round(max(MIN_WIDTH_MM, w), 1) for w in grid.widths_mm]
    return {"bang_chi_tieu": table}


def _plain(row: tuple[Cell, ...]) -> bool:
    """Cells of one line each, with no merge down and no bold or italic of their own (the
    table prints them in its own format)."""
    return all(c.rowspan == 1 and len(c.lines) <= 1 and "*" not in c.markup for c in row)


def _group(row: tuple[Cell, ...], width: int, shown: str, seen: int,
           block: str | None) -> dict[str, Any] | None:
    """One row of a group of units: its number (``shown``, from 1 in each block) and
    "name: unit; unit."; None when the row is not one."""
    if len(row) != width or any(c.colspan != 1 for c in row) or not _plain(row) or \
            row[0].plain != shown:
        return None
    found = MEMBERS.match(row[1].plain)
    if found is None:
        return None
    units = [u.strip() for u in found["units"].split(";")]
    if not all(units):
        return None
    group: dict[str, Any] = {"id": f"nhom-{seen}-{slugify(found['name'])}"[:60].rstrip("-"),
                             "ten": found["name"].strip(), "don_vi": units}
    if block is not None:
        group["khoi"] = block
    return group

"""Task tables in any column order (STT, nội dung, chủ trì, phối hợp, thời gian, sản phẩm,
ghi chú; group rows I, II, III) as the plan's tasks (``nhom_nhiem_vu``), and the table
written back from them (``bang_nhiem_vu``) with the source's headings and widths. A table
of another shape (merged cells, a numbering row "(1) (2) (3)", columns not known) stays a
free table, cell for cell."""

from __future__ import annotations

import re
from typing import Any

from generator.readers.blocks import Cell, Grid
from generator.readers.guesses import Notes
from generator.readers.kpi_tables import kpi_table
from generator.readers.milestone_tables import milestone_table
from generator.readers.tables import free_table

COLUMNS = (
    ("phoi_hop", re.compile(r"phối hợp", re.IGNORECASE)),
    ("thoi_gian", re.compile(r"thời gian|thời hạn|tiến độ|hoàn thành", re.IGNORECASE)),
    ("san_pham", re.compile(r"sản phẩm|kết quả", re.IGNORECASE)),
    ("ghi_chu", re.compile(r"ghi chú", re.IGNORECASE)),
    ("chu_tri", re.compile(r"chủ trì|thực hiện|trách nhiệm|phụ trách", re.IGNORECASE)),
    ("noi_dung", re.compile(r"nội dung|nhiệm vụ|công việc|hoạt động", re.IGNORECASE)),
)
"""What a heading names, tried in this order ("Đơn vị phối hợp thực hiện" is phoi_hop,
"Nhiệm vụ thực hiện" noi_dung: the content column is known by elimination last)."""
STT = re.compile(r"^(STT|TT|Số TT|Số thứ tự)$", re.IGNORECASE)
NUMBERING = re.compile(r"^(\(?\d+\)?)?$")
GROUP = re.compile(r"^([IVXL]+|[A-Z])\.?$")


def table_block(grid: Grid, notes: Notes) -> dict[str, Any]:
    """A task table or a KPI table when the grid has the shape of one, else a free
    table."""
    found = _task_table(grid, notes) or kpi_table(grid, notes) or milestone_table(grid, notes)
    if found is None:
        return {"bang": free_table(grid)}
    return found


def _fields(header: tuple[Cell, ...]) -> list[str] | None:
    """The fields of the columns after STT, or None when a heading names none (or two
    name one field)."""
    if not header or not STT.match(header[0].plain.strip()) or \
            any(c.colspan != 1 or c.rowspan != 1 for c in header):
        return None
    fields = []
    for cell in header[1:]:
        text = cell.plain
        if text.strip().lower().startswith("nhiệm vụ"):  # "Nhiệm vụ thực hiện"
            fields.append("noi_dung")
            continue
        field = next((name for name, pattern in COLUMNS if pattern.search(text)), None)
        if field in fields:
            return None
        fields.append(field or "")
    if fields.count("") == 1 and "ghi_chu" not in fields:  # "Theo dõi, kiểm tra": kept as
        fields[fields.index("")] = "ghi_chu"                # the note column, heading as is
    return fields if "noi_dung" in fields and "" not in fields else None


def _task_table(grid: Grid, notes: Notes) -> dict[str, Any] | None:
    if not grid.rows or len(grid.widths_mm) != len(grid.rows[0]):
        return None
    fields = _fields(grid.rows[0])
    if fields is None:
        return None
    groups: list[dict[str, Any]] = []
    rows = grid.rows[1:]
    if rows and all(NUMBERING.match(c.plain.strip()) for c in rows[0]):
        rows = rows[1:]  # "(1) (2) (3)" under the headings: the rebuild numbers no column
    spanned: list[int] = []  # columns of the last task row that go on below it
    for row in rows:
        if spanned and groups and _continues(row, fields, spanned, groups[-1]["nhiem_vu"][-1]):
            spanned = []
            continue
        task = _task(row, fields)
        spanned = [i for i, c in enumerate(row) if c.rowspan == 2] if task else []
        if task is None:
            group = _group(row, len(fields) + 1)
            if group is None:
                return None
            groups.append({"ten": group, "nhiem_vu": []})
            continue
        if not groups:
            groups.append({"nhiem_vu": []})
        groups[-1]["nhiem_vu"].append(task)
    if not groups or any(not g["nhiem_vu"] for g in groups):
        return None
    number = notes.counts.get("bảng nhiệm vụ", 0) + 1
    for index, found in enumerate(groups, start=1):
        found["id"] = f"bang-{number}-nhom-{index}"
    notes.task_groups.extend({"id": g["id"], **{k: v for k, v in g.items() if k != "id"}}
                             for g in groups)
    notes.count("bảng nhiệm vụ")
    notes.count("nhiệm vụ", sum(len(g["nhiem_vu"]) for g in groups))
    headings = {f: cell.plain for f, cell in zip(fields, grid.rows[0][1:], strict=True)}
    return {"bang_nhiem_vu": {"nhom": [g["id"] for g in groups], "cot": fields,
                              "tieu_de_cot": headings,
                              "rong": [max(round(w, 1), 3.5) for w in grid.widths_mm]}}


def _spread(cells: tuple[Cell, ...]) -> list[Cell]:
    """Cells one per column: a cell across two columns ("Theo phân công" over chủ trì and
    phối hợp) holds its words in the first, the second is empty."""
    out: list[Cell] = []
    for cell in cells:
        out.append(cell)
        out.extend(Cell(()) for _ in range(cell.colspan - 1))
    return out


def _continues(row: tuple[Cell, ...], fields: list[str], spanned: list[int],
               task: dict[str, Any]) -> bool:
    """A row under a task whose STT and content go on over two rows (a second product, a
    second time): its words are added to the task's, line by line."""
    free = [f for i, f in enumerate(["stt", *fields]) if i not in spanned]
    cells = _spread(row)
    if len(cells) != len(free) or any(c.rowspan != 1 for c in row):
        return False
    for field, cell in zip(free, cells, strict=True):
        if field == "stt" or not cell.plain:
            continue
        _add(task, field, cell)
    return True


def _add(task: dict[str, Any], field: str, cell: Cell) -> None:
    if field in ("chu_tri", "phoi_hop"):
        names = task.get(field, [])
        names = [names] if isinstance(names, str) else names
        task[field] = [*names, *[line.plain for line in cell.lines if line.plain]]
    elif field == "thoi_gian":
        before = task.get(field, {}).get("mo_ta", "")
        task[field] = {"mo_ta": f"{before}\n{cell.plain}".strip()}
    else:
        task[field] = f"{task[field]}\n{cell.markup}" if field in task else cell.markup


def _task(row: tuple[Cell, ...], fields: list[str]) -> dict[str, Any] | None:
    """A row of a task: one cell per column (a cell may cover two), its content not empty;
    STT and content may go on over two rows."""
    cells = _spread(row)
    if len(cells) != len(fields) + 1 or any(c.rowspan > 2 for c in row) or \
            any(c.rowspan == 2 for c in row[2:]) or \
            (not row[0].plain.strip(" .").isdigit() and row[0].plain.strip()):
        return None
    task: dict[str, Any] = {}
    for field, cell in zip(fields, cells[1:], strict=True):
        text = cell.markup.strip()
        if not text:
            continue
        if field in ("chu_tri", "phoi_hop"):
            names = [line.plain for line in cell.lines if line.plain]
            task[field] = names[0] if len(names) == 1 else names
        elif field == "thoi_gian":
            task[field] = {"mo_ta": cell.plain}
        else:
            task[field] = text
    return task if task.get("noi_dung") else None


def _group(row: tuple[Cell, ...], width: int) -> str | None:
    """A group row's name: "I" then the name, or one cell across the table."""
    if len(row) == 2 and GROUP.match(row[0].plain.strip()) and row[1].colspan == width - 1:
        return row[1].markup
    if len(row) >= 2 and GROUP.match(row[0].plain.strip()) and \
            not any(c.plain.strip() for c in row[2:]):
        return row[1].markup or None
    return None

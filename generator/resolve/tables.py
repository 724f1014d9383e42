"""Tables laid out for rendering: merged headers, STT numbering, group rows, task tables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from generator.inline import Inline, Span, parse_inline
from generator.model import (
    BulletItem,
    BulletList,
    Cell,
    Period,
    Plan,
    Row,
    Table,
    Task,
    TaskTable,
)
from generator.model.tables import TaskField
from generator.resolved import Align, Para, TableCell, TableLayout, TableRow
from generator.vnformat import roman, short_date

_ALIGN: dict[str, Align] = {"trai": "left", "giua": "center", "phai": "right", "deu": "justify"}

PORTRAIT_WIDTH_MM = 160.0
LANDSCAPE_WIDTH_MM = 247.0

TASK_HEADINGS: dict[TaskField, str] = {
    "noi_dung": "Nhiệm vụ",
    "chu_tri": "Đơn vị chủ trì",
    "phoi_hop": "Đơn vị phối hợp",
    "san_pham": "Sản phẩm",
    "thoi_gian": "Thời gian hoàn thành",
    "ghi_chu": "Ghi chú",
}
_TASK_WEIGHTS: dict[TaskField, float] = {"noi_dung": 3.2, "chu_tri": 1.8, "phoi_hop": 1.8,
                                         "san_pham": 1.8, "thoi_gian": 1.3, "ghi_chu": 1.2}
STT_WIDTH_MM = 12.0


def lines(text: str) -> tuple[tuple[Inline, ...], ...]:
    """A cell's text as paragraphs: each line of the YAML text is its own paragraph."""
    return tuple(parse_inline(line) for line in text.split("\n")) if text else ((),)


def period_text(period: Period) -> str:
    """``Thường xuyên``, ``30/6/2024``, ``Từ 28/3/2024 đến 29/6/2024``, ``Đến 31/12/2025``."""
    if period.words is not None:
        return period.words
    if period.on is not None:
        return short_date(period.on)
    parts = []
    if period.start:
        parts.append(f"Từ {short_date(period.start)}")
    if period.end:
        parts.append(f"{'đến' if parts else 'Đến'} {short_date(period.end)}")
    return " ".join(parts)


def stt_cell(number: int) -> TableCell:
    """An STT cell: printed "3", stored as the number 3 in a spreadsheet."""
    return TableCell(((Span(str(number)),),), align="center", number=Decimal(number), places=0)


def _cell(cell: Cell, default: Align, *, bold: bool = False) -> TableCell:
    align = _ALIGN[cell.align] if cell.align else default
    return TableCell(lines(cell.text), cell.colspan, cell.rowspan, align, bold or cell.bold)


def _header(rows: list[list[Cell]]) -> tuple[TableRow, ...]:
    return tuple(TableRow(tuple(_cell(c, "center", bold=True) for c in row)) for row in rows)


def _body_rows(table: Table) -> tuple[TableRow, ...]:
    width = len(table.columns)
    aligns = [_ALIGN[column.align] for column in table.columns]
    out: list[TableRow] = []
    group_number, item_number = 0, 0
    for row in table.rows:
        if row.group is not None:
            group_number += 1
            item_number = 0
            out.append(_group_row(row, width, table.numbered, group_number))
            continue
        item_number += 1
        cells: list[TableCell] = []
        if table.numbered:
            cells.append(stt_cell(item_number))
        position = len(cells)
        for cell in row.cells:
            cells.append(_cell(cell, aligns[min(position, width - 1)]))
            position += cell.colspan
        out.append(TableRow(tuple(cells)))
    return tuple(out)


def _group_row(row: Row, width: int, numbered: bool, number: int) -> TableRow:
    title = TableCell(lines(row.group or ""), colspan=width - 1 if numbered else width,
                      bold=True)
    if not numbered:
        return TableRow((title,), group=True)
    return TableRow((TableCell(((Span(roman(number)),),), align="center", bold=True), title),
                    group=True)


def bullet_paras(items: Sequence[str | BulletItem], marks: Sequence[str], role: str = "bullet",
                 depth: int = 0) -> Iterator[Para]:
    """"- " lines, "+ " lines under them: the mark of each depth from the plan's style."""
    mark = marks[min(depth, len(marks) - 1)]
    for item in items:
        text = item if isinstance(item, str) else item.text
        yield Para(role, (Span(f"{mark} "), *parse_inline(text)))
        if isinstance(item, BulletItem):
            yield from bullet_paras(item.items, marks, role, depth + 1)


def notes_of(notes: Sequence[str | BulletList], marks: Sequence[str]) -> tuple[Para, ...]:
    """Paragraphs and bullet lists under a table, as note paragraphs."""
    out: list[Para] = []
    for note in notes:
        if isinstance(note, str):
            out.append(Para("note", parse_inline(note)))
        else:
            out.extend(bullet_paras(note.items, marks, "note"))
    return tuple(out)


def free_table(table: Table, marks: Sequence[str]) -> TableLayout:
    """A typed table, as laid out."""
    return TableLayout(tuple(c.width_mm for c in table.columns), _header(table.header),
                       _body_rows(table), notes_of(table.notes, marks))


def _task_cell(field: TaskField, task_value: str) -> TableCell:
    align: Align = "center" if field == "thoi_gian" else "left"
    return TableCell(lines(task_value), align=align if field != "noi_dung" else "justify")


def _task_value(task: Task, field: TaskField) -> str:
    if field == "noi_dung":
        return task.content
    if field in ("chu_tri", "phoi_hop"):
        return "; ".join(task.lead if field == "chu_tri" else task.partners)
    if field == "thoi_gian":
        return period_text(task.due) if task.due else ""
    return (task.product if field == "san_pham" else task.note) or ""


def task_widths(table: TaskTable, total_mm: float) -> tuple[float, ...]:
    """Given widths, else STT fixed and the rest shared by each column's typical length."""
    if table.widths_mm:
        return tuple(table.widths_mm)
    weights = [_TASK_WEIGHTS[f] for f in table.fields]
    rest = total_mm - STT_WIDTH_MM
    return (STT_WIDTH_MM, *(round(rest * w / sum(weights), 1) for w in weights))


def task_table(table: TaskTable, plan: Plan, total_mm: float = PORTRAIT_WIDTH_MM) -> TableLayout:
    """The plan's tasks as a table: STT, the chosen columns, group rows I, II, III."""
    headings = {**TASK_HEADINGS, **table.headings}
    head = TableRow(tuple(TableCell(((Span(text),),), align="center", bold=True)
                          for text in ["STT", *(headings[f] for f in table.fields)]))
    groups = [g for g in plan.all_task_groups() if not table.groups or g.id in table.groups]
    rows: list[TableRow] = []
    width = len(table.fields) + 1
    numbered_groups = sum(1 for g in groups if g.name)
    for group_number, group in enumerate(groups, start=1):
        if group.name and numbered_groups:
            rows.append(_group_row(Row.model_construct(group=group.name, cells=[]), width,
                                   True, group_number))
        for number, task in enumerate(group.tasks, start=1):
            cells = [stt_cell(number)]
            cells.extend(_task_cell(f, _task_value(task, f)) for f in table.fields)
            rows.append(TableRow(tuple(cells)))
    return TableLayout(task_widths(table, total_mm), (head,), tuple(rows),
                       notes_of(table.notes, plan.style.bullets))

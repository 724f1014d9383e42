"""Tables laid out for rendering: merged headers, STT numbering, group rows, task tables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import Decimal

from generator.inline import Inline, Span, literal, parse_inline
from generator.model import (
    BulletItem,
    BulletList,
    Cell,
    Markup,
    Period,
    Plan,
    Table,
    Task,
    TaskTable,
)
from generator.model.tables import TaskField
from generator.resolve.layout import (
    Align,
    ColumnWidth,
    Para,
    TableCell,
    TableLayout,
    TableRow,
)
from generator.vnformat import letter, roman, short_date

_ALIGN: dict[str, Align] = {"trai": "left", "giua": "center", "phai": "right", "deu": "justify"}

TASK_HEADINGS: dict[TaskField, str] = {
    "noi_dung": "Nhiệm vụ",
    "chu_tri": "Đơn vị chủ trì",
    "phoi_hop": "Đơn vị phối hợp",
    "san_pham": "Sản phẩm",
    "thoi_gian": "Thời gian hoàn thành",
    "ghi_chu": "Ghi chú",
}
_TASK_SHARES: dict[TaskField, float] = {"noi_dung": 3.2, "chu_tri": 1.8, "phoi_hop": 1.8,
                                        "san_pham": 1.8, "thoi_gian": 1.3, "ghi_chu": 1.2}
STT = ColumnWidth(mm=12.0)
"""The STT (number) column: narrow and fixed whatever the page."""


def lines(text: Markup) -> tuple[tuple[Inline, ...], ...]:
    """A cell's formatted text as paragraphs: each line of the YAML text is its own."""
    return tuple(parse_inline(Markup(line)) for line in text.split("\n")) if text else ((),)


def literal_lines(text: str) -> tuple[tuple[Inline, ...], ...]:
    """A cell's plain text as paragraphs, printed as typed."""
    return tuple(literal(line) for line in text.split("\n")) if text else ((),)


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
    return TableCell(literal_lines(str(number)), align="center", number=Decimal(number),
                     places=0)


def _cell(cell: Cell, default: Align, *, bold: bool = False) -> TableCell:
    align = _ALIGN[cell.align] if cell.align else default
    return TableCell(lines(cell.text), cell.colspan, cell.rowspan, align, bold or cell.bold)


def _header(rows: list[list[Cell]]) -> tuple[TableRow, ...]:
    return tuple(TableRow(tuple(_cell(c, "center", bold=True) for c in row)) for row in rows)


def group_row(title: tuple[tuple[Inline, ...], ...], width: int, numbered: bool,
              number: int, *, label: str | None = None, bold: bool = True) -> TableRow:
    """A group heading across the table, numbered I, II, III (or ``label``) when the table
    has STT; ``bold`` makes the whole row bold, else the title keeps its own formatting."""
    cell = TableCell(title, colspan=width - 1 if numbered else width, bold=bold)
    if not numbered:
        return TableRow((cell,), group=True)
    shown = roman(number) if label is None else label
    return TableRow((TableCell(literal_lines(shown), align="center", bold=True), cell),
                    group=True)


def group_label(style: str, number: int) -> str:
    """I, 1, A or nothing: how a task table numbers its group rows."""
    if style == "la_ma":
        return roman(number)
    if style == "so":
        return str(number)
    return letter(number).upper() if style == "chu" else ""


def _task_stt(table: TaskTable, group_number: int, number: int, lone: bool) -> TableCell:
    if lone or table.task_numbers == "khong":
        return TableCell(((),), align="center")
    if table.task_numbers == "so_con":
        return TableCell(literal_lines(f"{group_number}.{number}"), align="center")
    return stt_cell(number)


def _body_rows(table: Table) -> tuple[TableRow, ...]:
    width = len(table.columns)
    aligns = [_ALIGN[column.align] for column in table.columns]
    out: list[TableRow] = []
    group_number, item_number = 0, 0
    for row in table.rows:
        if row.group is not None:
            group_number += 1
            item_number = 0
            out.append(replace(group_row(lines(row.group), width, table.numbered,
                                         group_number), key=f"r:{row.id}" if row.id else None))
            continue
        item_number += 1
        cells: list[TableCell] = [stt_cell(item_number)] if table.numbered else []
        position = len(cells)
        for cell in row.cells:
            cells.append(_cell(cell, aligns[min(position, width - 1)]))
            position += cell.colspan
        out.append(TableRow(tuple(cells), key=f"r:{row.id}" if row.id else None))
    return tuple(out)


def bullet_paras(items: Sequence[Markup | BulletItem], marks: Sequence[str],
                 role: str = "bullet", depth: int = 0) -> Iterator[Para]:
    """"- " lines, "+ " lines under them: the mark of each depth from the plan's style."""
    mark = marks[min(depth, len(marks) - 1)]
    for item in items:
        text = item if isinstance(item, str) else item.text
        yield Para(role, (Span(f"{mark} "), *parse_inline(Markup(text))))
        if isinstance(item, BulletItem):
            yield from bullet_paras(item.items, marks, role, depth + 1)


def notes_of(notes: Sequence[Markup | BulletList], marks: Sequence[str]) -> tuple[Para, ...]:
    """Paragraphs and bullet lists under a table, as note paragraphs."""
    out: list[Para] = []
    for note in notes:
        if isinstance(note, str):
            out.append(Para("note", parse_inline(note)))
        else:
            out.extend(bullet_paras(note.items, marks, "note"))
    return tuple(out)


def free_table(table: Table, marks: Sequence[str]) -> TableLayout:
    """A typed table, as laid out: the plan's widths are fixed millimetres."""
    return TableLayout(tuple(ColumnWidth(mm=c.width_mm) for c in table.columns),
                       _header(table.header), _body_rows(table), notes_of(table.notes, marks))


def task_cell(task: Task, field: TaskField) -> TableCell:
    """One cell of a task row: formatted text for content, product and note."""
    if field == "noi_dung":
        return TableCell(lines(task.content))
    if field in ("san_pham", "ghi_chu"):
        return TableCell(lines((task.product if field == "san_pham" else task.note) or
                               Markup("")))
    if field == "thoi_gian":
        return TableCell(literal_lines(period_text(task.due) if task.due else ""),
                         align="center")
    return TableCell(literal_lines("; ".join(task.lead if field == "chu_tri" else
                                             task.partners)))


def task_columns(table: TaskTable) -> tuple[ColumnWidth, ...]:
    """Given widths (mm), else STT fixed and the rest shared by each column's typical text."""
    if table.widths_mm:
        return tuple(ColumnWidth(mm=mm) for mm in table.widths_mm)
    return (STT, *(ColumnWidth(share=_TASK_SHARES[f]) for f in table.fields))


def task_table(table: TaskTable, plan: Plan) -> TableLayout:
    """The plan's tasks as a table: STT, the chosen columns, group rows I, II, III."""
    headings = {**TASK_HEADINGS, **table.headings}
    head = TableRow(tuple(TableCell(literal_lines(text), align="center", bold=True)
                          for text in ["STT", *(headings[f] for f in table.fields)]))
    groups = [g for g in plan.all_task_groups() if not table.groups or g.id in table.groups]
    rows: list[TableRow] = []
    width = len(table.fields) + 1
    for group_number, group in enumerate(groups, start=1):
        if group.name:
            title = lines(group.name) + (lines(group.note) if group.note else ())
            rows.append(replace(group_row(title, width, True, group_number,
                                          label=group_label(table.group_numbers, group_number),
                                          bold=table.group_bold), key=f"g:{group.id}"))
        lone = table.lone_unnumbered and len(group.tasks) == 1 and bool(group.name)
        for number, task in enumerate(group.tasks, start=1):
            rows.append(TableRow((_task_stt(table, group_number, number, lone),
                                  *(task_cell(task, f) for f in table.fields)),
                                 key=f"t:{task.id}"))
    return TableLayout(task_columns(table), (head,), tuple(rows),
                       notes_of(table.notes, plan.style.bullets))

"""KPI tables laid out from the KPI book: the seeds' three shapes and the progress view.

Every numeric cell carries its exact figure and, where a spreadsheet should recompute it,
a formula over the cells it comes from (ratio b/a, achieved or not).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

from generator.inline import Span
from generator.kpi.book import KpiBook, Value
from generator.kpi.data import ResultsFile, unit_key
from generator.kpi.numbers import DASH, show_number, show_percent
from generator.model import Kpi, KpiTable, Plan, UnitGroup
from generator.registry import legal_documents, level_name, levels
from generator.resolve.tables import STT_WIDTH_MM, stt_cell
from generator.resolved import Mark, Ratio, TableCell, TableLayout, TableRow
from generator.vnformat import roman

ACHIEVED, NOT_ACHIEVED, NO_DATA = "Đạt", "Chưa đạt", "Chưa có số liệu"
ZERO_NOTE = f"({DASH}) Mẫu số bằng 0 (chưa phát sinh): không tính tỷ lệ."


@dataclass(frozen=True)
class KpiContext:
    """What KPI tables need besides the plan: the book, the results file, the milestone."""

    book: KpiBook
    results: ResultsFile | None = None
    milestone: str | None = None
    explain: bool = False


def text_cell(text: str, *, align: str = "left", bold: bool = False, colspan: int = 1,
              rowspan: int = 1) -> TableCell:
    """A plain text cell (each line of ``text`` its own paragraph)."""
    lines = tuple((Span(line),) for line in text.split("\n"))
    return TableCell(lines, colspan, rowspan, align, bold)  # type: ignore[arg-type]


def exact(value: Fraction) -> Decimal:
    """A fraction as a Decimal with 28 significant digits, for spreadsheets."""
    with localcontext() as ctx:
        ctx.prec = 28
        return Decimal(value.numerator) / Decimal(value.denominator)


def percent_cell(value: Fraction | None, places: int, *, trim: bool = False,
                 formula: Ratio | Mark | None = None) -> TableCell:
    """A percentage printed at ``places`` decimals (already rounded where it was measured)."""
    shown = show_percent(value, places, trim=trim or places == 0)
    return TableCell(((Span(shown),),), align="center",
                     number=None if value is None else exact(value), percent=True,
                     places=places, formula=formula)


def count_cell(value: int | None) -> TableCell:
    """A count (a or b), stored as a whole number."""
    shown = DASH if value is None else show_number(Fraction(value), 0)
    return TableCell(((Span(shown),),), align="center",
                     number=None if value is None else Decimal(value), places=0)


def header_cell(text: str, colspan: int = 1, rowspan: int = 1) -> TableCell:
    """A bold, centred header cell."""
    return text_cell(text, align="center", bold=True, colspan=colspan, rowspan=rowspan)


def _places(kpi: Kpi, value: Value | None) -> int:
    if value is not None and value.places is not None:
        return value.places
    return kpi.places if kpi.places is not None else 1


def _short(kpi: Kpi) -> str:
    return kpi.short_name or kpi.name or kpi.id or ""


def _chosen(table: KpiTable, book: KpiBook) -> list[Kpi]:
    ids = table.kpis or list(book.kpis)
    return [book.kpis[i] for i in ids if i in book.kpis]


def _widths(table: KpiTable, fixed: Sequence[float], count: int, total: float) -> tuple[float,
                                                                                        ...]:
    if table.widths_mm:
        return tuple(table.widths_mm)
    rest = (total - sum(fixed)) / max(count, 1)
    return (*fixed, *([round(rest, 1)] * count))


def group_of(plan: Plan, unit: str) -> UnitGroup | None:
    """The unit group a unit belongs to (by name)."""
    for group in plan.unit_groups:
        if unit_key(unit) in {unit_key(u) for u in group.units}:
            return group
    return None


# --- theo_moc: the Ia Ake Phụ lục II shape ---------------------------------------------------


def _target_label(book: KpiBook, kpi: str, milestone: str) -> str:
    maintained = any(v.maintain for v in book.targets.get(kpi, []) if v.milestone == milestone)
    return f"{milestone} và duy trì trong thời gian tiếp theo" if maintained else milestone


def _own_target_milestones(book: KpiBook, kpi: str, wanted: str | None) -> list[str]:
    names = [m for m in book.target_milestones(kpi)
             if any(v.milestone == m and (v.unit or v.group or v.level)
                    for v in book.targets[kpi])]
    return [m for m in names if wanted is None or m == wanted]


def by_milestone(table: KpiTable, plan: Plan, context: KpiContext, width: float) -> TableLayout:
    """Rows are units; each KPI has its result columns, then its target columns."""
    book = context.book
    kpis = _chosen(table, book)
    plan_units = table.units or [plan.issuer.full_name]
    columns = [(k, book.result_milestones(k.id or ""),
                _own_target_milestones(book, k.id or "", table.milestone)) for k in kpis]
    deep = any(len(targets) > 1 for _, _, targets in columns)
    depth = 3 if deep else 2
    top = [header_cell("TT", rowspan=depth), header_cell(table.unit_heading, rowspan=depth)]
    middle: list[TableCell] = []
    bottom: list[TableCell] = []
    for kpi, results, targets in columns:
        top.append(header_cell(_short(kpi), colspan=len(results) + len(targets)))
        middle.extend(header_cell(m, rowspan=depth - 1) for m in results)
        labels = [_target_label(book, kpi.id or "", m) for m in targets]
        if len(labels) == 1:
            middle.append(header_cell(f"Chỉ tiêu {labels[0]}", rowspan=depth - 1))
        elif labels:
            middle.append(header_cell("Chỉ tiêu", colspan=len(labels)))
            bottom.extend(header_cell(label) for label in labels)
    header = [TableRow(tuple(top)), TableRow(tuple(middle))]
    if deep:
        header.append(TableRow(tuple(bottom)))
    rows = []
    for number, unit in enumerate(plan_units, start=1):
        group = group_of(plan, unit)
        scope = {"unit": unit, "group": group.id if group else None,
                 "level": group.level if group else plan.issuer.level}
        cells = [stt_cell(number), text_cell(unit)]
        for kpi, results, targets in columns:
            ident = kpi.id or ""
            for m in results:
                found = book.result(ident, m, **scope)
                cells.append(percent_cell(found.value if found else None, _places(kpi, found)))
            for m in targets:
                found = book.target(ident, m, **scope)
                cells.append(percent_cell(found.value if found else None, _places(kpi, found)))
        rows.append(TableRow(tuple(cells)))
    count = sum(len(r) + len(t) for _, r, t in columns)
    return TableLayout(_widths(table, (10.0, 22.0), count, width), tuple(header), tuple(rows),
                       title="Chỉ tiêu theo mốc")


# --- theo_nhom: the Bắc Kạn Phụ lục I shape ---------------------------------------------------


def by_group(table: KpiTable, plan: Plan, context: KpiContext, width: float) -> TableLayout:
    """Rows are groups of units under their blocks (I, II); one column per KPI."""
    book = context.book
    kpis = _chosen(table, book)
    header = TableRow((header_cell("STT"), header_cell(table.unit_heading),
                       *(header_cell(_short(k)) for k in kpis)))
    rows: list[TableRow] = []
    blocks: list[str | None] = []
    for group in plan.unit_groups:
        if group.block not in blocks:
            blocks.append(group.block)
    for block_number, block in enumerate(blocks, start=1):
        if block:
            rows.append(TableRow((text_cell(roman(block_number), align="center", bold=True),
                                  text_cell(block, bold=True, colspan=len(kpis) + 1)),
                                 group=True))
        members = [g for g in plan.unit_groups if g.block == block]
        for number, group in enumerate(members, start=1):
            label = f"{group.name}: {'; '.join(group.units)}."
            cells = [stt_cell(number), text_cell(label)]
            for kpi in kpis:
                found = book.target(kpi.id or "", table.milestone, group=group.id,
                                    level=group.level)
                cells.append(percent_cell(found.value if found else None, _places(kpi, found)))
            rows.append(TableRow(tuple(cells)))
    return TableLayout(_widths(table, (STT_WIDTH_MM, width * 0.4), len(kpis), width),
                       (header,), tuple(rows), title="Chỉ tiêu theo nhóm")


# --- giao_chi_tieu: the Nghệ An shape -----------------------------------------------------------


def _basis_text(basis: str | None) -> str:
    if not basis:
        return ""
    document = legal_documents().get(basis)
    return f"{document.kind} số {document.number}" if document and document.number else basis


def _target_text(kpi: Kpi, values: list[Value]) -> str:
    names = levels()
    parts = []
    for value in values:
        shown = show_percent(value.value, _places(kpi, value), trim=True) \
            if (kpi.measure or "%") == "%" else show_number(value.value, _places(kpi, value))
        who = value.unit or value.group or level_name(value.level, names)
        parts.append(f"{shown} ({who})" if who else shown)
    return "; ".join(parts)


def by_kpi(table: KpiTable, plan: Plan, context: KpiContext, width: float) -> TableLayout:
    """One row per KPI: lead and partner units, unit of measure, target, legal basis."""
    book = context.book
    headings = ["STT", "Chỉ tiêu", "Đơn vị chủ trì", "Đơn vị phối hợp", "Đơn vị tính",
                "Chỉ tiêu", "Căn cứ giao chỉ tiêu"]
    rows = []
    for number, kpi in enumerate(_chosen(table, book), start=1):
        values = [v for v in book.targets.get(kpi.id or "", [])
                  if (table.milestone is None or v.milestone in (None, table.milestone))
                  and (table.level is None or v.level == table.level)]
        rows.append(TableRow((
            stt_cell(number), text_cell(kpi.name or ""),
            text_cell("; ".join(kpi.lead)), text_cell("; ".join(kpi.partners)),
            text_cell(kpi.measure or "%", align="center"),
            text_cell(_target_text(kpi, values), align="center"),
            text_cell(_basis_text(kpi.basis)))))
    fixed = [STT_WIDTH_MM]
    shares = [0.30, 0.16, 0.16, 0.08, 0.14, 0.16]
    widths = tuple(table.widths_mm) or (*fixed, *(round((width - STT_WIDTH_MM) * s, 1)
                                                  for s in shares))
    return TableLayout(widths, (TableRow(tuple(header_cell(h) for h in headings)),),
                       tuple(rows), title="Giao chỉ tiêu")

"""KPI tables laid out from the KPI book: the seeds' three shapes and the progress view.

Every numeric cell carries its exact figure and, where a spreadsheet should recompute it,
a formula over the cells it comes from (ratio b/a, achieved or not).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal, localcontext
from fractions import Fraction

from generator.inline import Ref, Span
from generator.kpi.book import AboveCentral, Interpolated, KpiBook, Value
from generator.kpi.comparison import written
from generator.kpi.numbers import DASH, show_number, show_percent
from generator.kpi.units import groups_by_unit
from generator.model import Kpi, KpiTable, LegalDocument, Plan
from generator.names import unit_key
from generator.resolve.citations import citable_documents
from generator.resolve.context import Context
from generator.resolve.layout import (
    AboveCentralRule,
    Align,
    ColumnWidth,
    InterpolationRule,
    Mark,
    Ratio,
    TableCell,
    TableLayout,
    TableRow,
)
from generator.resolve.tables import STT, group_row, lines, literal_lines, stt_cell
from generator.vnformat import roman

ACHIEVED, NOT_ACHIEVED, NO_DATA = "Đạt", "Chưa đạt", "Chưa có số liệu"
ZERO_NOTE = f"({DASH}) Mẫu số bằng 0 (chưa phát sinh): không tính tỷ lệ."


def text_cell(text: str, *, align: Align = "left", bold: bool = False, colspan: int = 1,
              rowspan: int = 1) -> TableCell:
    """A plain text cell (each line of ``text`` its own paragraph), printed as typed."""
    return TableCell(literal_lines(text), colspan, rowspan, align, bold)


def exact(value: Fraction) -> Decimal:
    """A fraction as a Decimal with 28 significant digits, for spreadsheets."""
    with localcontext() as ctx:
        ctx.prec = 28
        return Decimal(value.numerator) / Decimal(value.denominator)


def percent_cell(value: Fraction | None, places: int, *, trim: bool = False,
                 formula: Ratio | Mark | None = None, prefix: str = "") -> TableCell:
    """A percentage printed at ``places`` decimals (already rounded where it was measured),
    after ``prefix`` ("trên ", "≥ ") when there is a figure."""
    prefix = prefix if value is not None else ""
    shown = prefix + show_percent(value, places, trim=trim or places == 0)
    return TableCell(((Span(shown),),), align="center",
                     number=None if value is None else exact(value), percent=True,
                     places=places, formula=formula, prefix=prefix)


def target_cell(found: Value | None, kpi: Kpi, style: str) -> TableCell:
    """A target's cell: its figure, after its comparison in the plan's style."""
    prefix = written(found.comparison, found.aspiration, style) if found else ""
    return percent_cell(found.value if found else None, _places(kpi, found), prefix=prefix)


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


def columns(table: KpiTable, fixed: tuple[ColumnWidth, ...],
            shares: tuple[float, ...]) -> tuple[ColumnWidth, ...]:
    """The plan's widths (mm) if it gives them, else ``fixed`` then columns by ``shares``."""
    if table.widths_mm:
        return tuple(ColumnWidth(mm=mm) for mm in table.widths_mm)
    return (*fixed, *(ColumnWidth(share=share) for share in shares))


# --- theo_moc: the Ia Ake Phụ lục II shape ---------------------------------------------------


def _target_label(book: KpiBook, kpi: str, milestone: str) -> str:
    maintained = any(v.maintain for v in book.targets.get(kpi, ()) if v.milestone == milestone)
    return f"{milestone} và duy trì trong thời gian tiếp theo" if maintained else milestone


def _own_target_milestones(book: KpiBook, kpi: str, wanted: str | None) -> list[str]:
    floors = book.floor_milestones.get(kpi, frozenset())
    names = [m for m in book.target_milestones(kpi)
             if m in floors or any(v.milestone == m and (v.unit or v.group or v.level)
                                   for v in book.targets[kpi])]
    return [m for m in names if wanted is None or m == wanted]


def _milestone_header(book: KpiBook, table: KpiTable,
                      columns_of: list[tuple[Kpi, list[str], list[str]]]) -> list[TableRow]:
    """TT | unit | per KPI: its result milestones, then "Chỉ tiêu" over its target milestones."""
    depth = 3 if any(len(targets) > 1 for _, _, targets in columns_of) else 2
    top = [header_cell("TT", rowspan=depth), header_cell(table.unit_heading, rowspan=depth)]
    middle: list[TableCell] = []
    bottom: list[TableCell] = []
    for kpi, results, targets in columns_of:
        top.append(header_cell(_short(kpi), colspan=len(results) + len(targets)))
        middle.extend(header_cell(m, rowspan=depth - 1) for m in results)
        labels = [_target_label(book, kpi.id or "", m) for m in targets]
        if len(labels) == 1:
            middle.append(header_cell(f"Chỉ tiêu {labels[0]}", rowspan=depth - 1))
        elif labels:
            middle.append(header_cell("Chỉ tiêu", colspan=len(labels)))
            bottom.extend(header_cell(label) for label in labels)
    rows = [TableRow(tuple(top)), TableRow(tuple(middle))]
    return [*rows, TableRow(tuple(bottom))] if depth == 3 else rows


def _milestone_columns(table: KpiTable, book: KpiBook) -> list[tuple[Kpi, list[str], list[str]]]:
    """Each KPI of a theo_moc table with its result milestones and its target milestones."""
    return [(k, book.result_milestones(k.id or ""),
             _own_target_milestones(book, k.id or "", table.milestone))
            for k in _chosen(table, book)]


def column_count(table: KpiTable, book: KpiBook) -> int:
    """How many columns a KPI table has (so the check stage can hold ``rong`` to it)."""
    if table.kind == "theo_moc":
        return 2 + sum(len(r) + len(t) for _, r, t in _milestone_columns(table, book))
    if table.kind == "theo_nhom":
        return 2 + len(_chosen(table, book))
    return 1 + len(KPI_ROW_SHARES)  # giao_chi_tieu and tien_do: STT and six columns


def _live(found: Value | None, row: int, results: dict[str, int],
          targets: dict[str, int]) -> AboveCentralRule | InterpolationRule | None:
    """The live formula of a rule target whose inputs are cells of the same row."""
    rule = found.rule if found is not None else None
    if isinstance(rule, AboveCentral) and rule.result_milestone in results:
        return AboveCentralRule((row, results[rule.result_milestone]), exact(rule.central),
                                exact(rule.add), exact(rule.cap))
    if isinstance(rule, Interpolated):
        starts = results if rule.start_is_result else targets
        if rule.start_milestone in starts and rule.end_milestone in targets:
            return InterpolationRule((row, starts[rule.start_milestone]),
                                     (row, targets[rule.end_milestone]), exact(rule.share))
    return None


def by_milestone(table: KpiTable, plan: Plan, context: Context) -> TableLayout:
    """Rows are units; each KPI has its result columns, then its target columns."""
    book = context.book
    columns_of = _milestone_columns(table, book)
    groups = groups_by_unit(plan)
    header = tuple(_milestone_header(book, table, columns_of))
    rows: list[TableRow] = []
    for number, unit in enumerate(table.units or [plan.issuer.full_name], start=1):
        group = groups.get(unit_key(unit))
        scope = {"unit": unit, "group": group.id if group else None,
                 "level": group.level if group else plan.issuer.level}
        cells = [stt_cell(number), text_cell(unit)]
        row = len(header) + len(rows)  # this row's place in the grid
        for kpi, results, targets in columns_of:
            ident = kpi.id or ""
            first = len(cells)
            result_columns = {m: first + k for k, m in enumerate(results)}
            target_columns = {m: first + len(results) + k for k, m in enumerate(targets)}
            for m in results:
                found = book.result(ident, m, **scope)
                cells.append(percent_cell(found.value if found else None, _places(kpi, found)))
            for m in targets:
                found = book.target(ident, m, **scope)
                cell = target_cell(found, kpi, plan.style.comparison_style)
                formula = _live(found, row, result_columns, target_columns)
                cells.append(replace(cell, formula=formula) if formula else cell)
        rows.append(TableRow(tuple(cells)))
    count = sum(len(r) + len(t) for _, r, t in columns_of)
    return TableLayout(columns(table, (ColumnWidth(mm=10.0), ColumnWidth(mm=22.0)),
                               (1.0,) * count),
                       header, tuple(rows))


# --- theo_nhom: the Bắc Kạn Phụ lục I shape ---------------------------------------------------

GROUP_NAME_SHARE = 2.3
"""The group column (a name and its units) against a percentage column."""


def by_group(table: KpiTable, plan: Plan, context: Context) -> TableLayout:
    """Rows are groups of units under their blocks (I, II); one column per KPI."""
    book = context.book
    kpis = _chosen(table, book)
    header = TableRow((header_cell("STT"), header_cell(table.unit_heading),
                       *(header_cell(_short(k)) for k in kpis)))
    rows: list[TableRow] = []
    blocks = list(dict.fromkeys(group.block for group in plan.unit_groups))
    for block_number, block in enumerate(blocks, start=1):
        if block:
            rows.append(TableRow((text_cell(roman(block_number), align="center", bold=True),
                                  text_cell(block, bold=True, colspan=len(kpis) + 1)),
                                 group=True))
        members = [g for g in plan.unit_groups if g.block == block]
        for number, group in enumerate(members, start=1):
            cells = [stt_cell(number), text_cell(f"{group.name}: {'; '.join(group.units)}.")]
            for kpi in kpis:
                found = book.target(kpi.id or "", table.milestone, group=group.id,
                                    level=group.level)
                cells.append(target_cell(found, kpi, plan.style.comparison_style))
            rows.append(TableRow(tuple(cells)))
    return TableLayout(columns(table, (STT,), (GROUP_NAME_SHARE,) + (1.0,) * len(kpis)),
                       (header,), tuple(rows))


# --- giao_chi_tieu: the Nghệ An shape -----------------------------------------------------------


def _target_text(kpi: Kpi, values: list[Value], context: Context, style: str,
                 unit_shown: bool) -> str:
    """Several targets of a row, each with whom it binds; no "%" when a unit-of-measure
    column already says it."""
    parts = []
    for value in values:
        shown = _figure(kpi, value, unit_shown)
        shown = written(value.comparison, value.aspiration, style) + shown
        who = value.unit or value.group or context.reference.level_name(value.level)
        parts.append(f"{shown} ({who})" if who else shown)
    return "; ".join(parts)


def _figure(kpi: Kpi, value: Value, unit_shown: bool) -> str:
    if (kpi.measure or "%") == "%":
        shown = show_percent(value.value, _places(kpi, value), trim=True)
        return shown.removesuffix("%") if unit_shown else shown
    return show_number(value.value, _places(kpi, value))


def _in_force(values: list[Value]) -> list[Value]:
    """One value per scope and milestone: the last, as the book's lookups choose.

    The layers under a plan's KPI (the catalogue's, a parent's floor) give values for the
    same scope as the plan's own; a row lists the one in force, not every layer.
    """
    latest: dict[tuple[str | None, ...], Value] = {}
    for value in values:
        latest[(value.milestone, value.level, value.unit, value.group)] = value
    return list(latest.values())


KPI_ROW_SHARES = (0.30, 0.16, 0.16, 0.08, 0.14, 0.16)
"""Chỉ tiêu, chủ trì, phối hợp, đơn vị tính, chỉ tiêu, căn cứ."""
KPI_COLUMNS: tuple[str, ...] = ("stt", "chi_tieu", "chu_tri", "phoi_hop", "don_vi_tinh",
                                "muc_tieu", "can_cu")
KPI_HEADINGS = {"stt": "STT", "chi_tieu": "Chỉ tiêu", "chu_tri": "Đơn vị chủ trì",
                "phoi_hop": "Đơn vị phối hợp", "don_vi_tinh": "Đơn vị tính",
                "muc_tieu": "Chỉ tiêu", "can_cu": "Căn cứ giao chỉ tiêu"}
"""A giao_chi_tieu table's columns and their headings unless the plan renames them."""


def _kpi_header(table: KpiTable) -> tuple[TableRow, ...]:
    """One header row, or two under headings that span several columns."""
    names: dict[str, str] = {**KPI_HEADINGS, **{str(k): v for k, v in table.headings.items()}}
    if not table.super_headings:
        return (TableRow(tuple(header_cell(names[c]) for c in KPI_COLUMNS)),)
    spanned = {str(c): heading for heading in table.super_headings for c in heading.columns}
    top: list[TableCell] = []
    bottom: list[TableCell] = []
    for column in KPI_COLUMNS:
        heading = spanned.get(column)
        if heading is None:
            top.append(header_cell(names[column], rowspan=2))
            continue
        if str(heading.columns[0]) == column:
            top.append(header_cell(heading.title, colspan=len(heading.columns)))
        bottom.append(header_cell(names[column]))
    return TableRow(tuple(top)), TableRow(tuple(bottom))


def basis_items(kpi: Kpi) -> list[str]:
    """A KPI's ``can_cu_giao`` as a list: keys of documents, or words."""
    return [kpi.basis] if isinstance(kpi.basis, str) else list(kpi.basis or [])


def _basis_cell(kpi: Kpi, documents: Mapping[str, LegalDocument]) -> TableCell:
    """The legal basis of a KPI, each document on its own line: documents of the registry or
    declared in the căn cứ as references (cited in full the first time the plan cites them,
    then in short), other words as written."""
    lines = tuple((Ref(f"{{van_ban:{item}}}", kind="van_ban", key=item),) if item in documents
                  else (Span(item),) for item in basis_items(kpi))
    return TableCell(lines or ((),))


def _kpi_row(number: int, kpi: Kpi, table: KpiTable, plan: Plan, context: Context,
             documents: Mapping[str, LegalDocument]) -> TableRow:
    book = context.book
    values = _in_force([v for v in book.targets.get(kpi.id or "", ())
                        if (table.milestone is None or v.milestone in (None, table.milestone))
                        and (table.level is None or v.level == table.level)])
    style = plan.style.comparison_style
    figure = values[0].value if len(values) == 1 else None
    if figure is not None:
        value = values[0]
        target = TableCell(((Span(written(value.comparison, value.aspiration, style) +
                                  _figure(kpi, value, True)),),), align="center",
                           number=exact(figure), percent=(kpi.measure or "%") == "%",
                           places=_places(kpi, value),
                           prefix=written(value.comparison, value.aspiration, style))
    else:
        target = text_cell(_target_text(kpi, values, context, style, True), align="center")
    return TableRow((
        stt_cell(number), text_cell(kpi.name or ""),
        text_cell("; ".join(kpi.lead)), text_cell("; ".join(kpi.partners)),
        text_cell(kpi.measure or "%", align="center"), target,
        _basis_cell(kpi, documents)), key=f"k:{kpi.id}")


def by_kpi(table: KpiTable, plan: Plan, context: Context) -> TableLayout:
    """One row per KPI: lead and partner units, unit of measure, target, legal basis; in
    groups (I, II, III, numbering restarting in each) when the table names them."""
    book = context.book
    documents = citable_documents(plan, context.reference.legal_documents)
    rows: list[TableRow] = []
    if table.groups:
        for g, group in enumerate(table.groups, start=1):
            rows.append(group_row(lines(group.title), len(KPI_COLUMNS), True, g))
            kpis = [book.kpis[k] for k in group.kpis if k in book.kpis]
            rows += [_kpi_row(n, kpi, table, plan, context, documents)
                     for n, kpi in enumerate(kpis, start=1)]
    else:
        rows = [_kpi_row(n, kpi, table, plan, context, documents)
                for n, kpi in enumerate(_chosen(table, book), start=1)]
    return TableLayout(columns(table, (STT,), KPI_ROW_SHARES), _kpi_header(table),
                       tuple(rows))

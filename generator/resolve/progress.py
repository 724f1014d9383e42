"""The progress view: each unit's result against its target at the current milestone.

A measured ratio is computed exactly from its counts, rounded once the way the plan says
(``trinh_bay.lam_tron``), and judged achieved or not on that shown figure, so the document,
the spreadsheet's live formula and the mark always agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from fractions import Fraction

from generator.inline import Span
from generator.kpi.book import Value, achieved
from generator.kpi.comparison import written
from generator.kpi.numbers import TRUNCATE, rounded
from generator.kpi.results import Measurement
from generator.kpi.units import groups_by_unit, judged_units
from generator.model import Kpi, KpiTable, Plan
from generator.names import unit_key
from generator.resolve.context import Context
from generator.resolve.kpi_tables import (
    ACHIEVED,
    NO_DATA,
    NOT_ACHIEVED,
    ZERO_NOTE,
    columns,
    count_cell,
    header_cell,
    percent_cell,
    text_cell,
)
from generator.resolve.layout import (
    ColumnWidth,
    Mark,
    Para,
    Ratio,
    TableCell,
    TableLayout,
    TableRow,
)
from generator.resolve.tables import STT, stt_cell
from generator.vnformat import roman

HEADINGS = ["STT", "Chỉ tiêu", "Mẫu số (a)", "Tử số (b)", "Kết quả", "Chỉ tiêu giao",
            "Đánh giá"]
COL_A, COL_B, COL_RESULT, COL_TARGET = 2, 3, 4, 5


@dataclass(frozen=True)
class ProgressLine:
    """One unit × KPI line of the progress view (also printed in the terminal)."""

    unit: str
    kpi: Kpi
    measurement: Measurement | None
    value: Fraction | None
    """The result as shown: exact ratio rounded once (``None``: no data or a = 0)."""
    places: int
    target: Value | None
    mark: str

    def target_places(self) -> int:
        """A typed target keeps its own precision."""
        return self.target.places if self.target and self.target.places is not None \
            else self.places


def current_milestone(plan: Plan, context: Context) -> str | None:
    """``--moc``, else the data mapping's, else the last milestone the plan lists."""
    if context.milestone:
        return context.milestone
    if plan.data_mapping and plan.data_mapping.milestone:
        return plan.data_mapping.milestone
    return plan.milestones[-1].name if plan.milestones else None




def _kpis(table: KpiTable | None, plan: Plan, context: Context) -> list[Kpi]:
    book = context.book
    wanted = (table.kpis if table and table.kpis else
              list(plan.data_mapping.kpis) if plan.data_mapping else list(book.kpis))
    return [book.kpis[k] for k in wanted if k in book.kpis]


def progress_lines(plan: Plan, context: Context,
                   table: KpiTable | None = None) -> Iterator[ProgressLine]:
    """Every unit × KPI pair with its measurement, shown value, target and mark."""
    book, milestone = context.book, current_milestone(plan, context)
    mode = plan.style.rounding
    groups = groups_by_unit(plan)
    for unit in judged_units(plan, context.book, context.results):
        figures = context.results.for_unit(unit) if context.results else None
        group = groups.get(unit_key(unit))
        for kpi in _kpis(table, plan, context):
            target = book.target(kpi.id or "", milestone, unit=unit,
                                 group=group.id if group else None,
                                 level=group.level if group else None)
            places = kpi.places if kpi.places is not None else 1
            measurement = (figures or {}).get(kpi.id or "")
            exact = measurement.percent if measurement else None
            value = None if exact is None else Fraction(rounded(exact, places, mode))
            verdict = achieved(value, target)
            mark = NO_DATA if measurement is None else \
                "—" if verdict is None else ACHIEVED if verdict else NOT_ACHIEVED
            yield ProgressLine(unit, kpi, measurement, value, places, target, mark)


def _counted(kpi: Kpi, plan: Plan) -> bool:
    """Whether a unit's result for ``kpi`` comes from counts a and b (the results file maps
    its columns so), rather than a ratio typed whole."""
    columns = plan.data_mapping.kpis.get(kpi.id or "") if plan.data_mapping else None
    return columns is None or columns.value is None or columns.denominator is not None


def _entry(cell: TableCell, entry: bool) -> TableCell:
    return replace(cell, entry=True) if entry else cell


PROGRESS_SHARES = (0.34, 0.12, 0.12, 0.13, 0.13, 0.16)
"""Chỉ tiêu, a, b, kết quả, chỉ tiêu giao, đánh giá."""


def progress_table(plan: Plan, context: Context, table: KpiTable | None = None) -> TableLayout:
    """Units as group rows (I, II…), one row per KPI with a, b, live ratio, target, mark."""
    rows: list[TableRow] = []
    zero = False
    current_unit, unit_number, number = None, 0, 0
    truncate = plan.style.rounding == TRUNCATE
    for line in progress_lines(plan, context, table):
        if line.unit != current_unit:
            current_unit, unit_number, number = line.unit, unit_number + 1, 0
            rows.append(TableRow((text_cell(roman(unit_number), align="center", bold=True),
                                  text_cell(line.unit, bold=True, colspan=len(HEADINGS) - 1)),
                                 group=True))
        number += 1
        r = len(rows) + 1  # grid row of this line (one header row above)
        m = line.measurement
        zero = zero or (m is not None and m.denominator == 0)
        counted = _counted(line.kpi, plan) if m is None else m.denominator is not None
        ratio = Ratio((r, COL_B), (r, COL_A), line.places, truncate) if counted else None
        inputs = ((r, COL_A), (r, COL_B)) if counted else ((r, COL_RESULT),)
        mark = Mark((r, COL_RESULT), (r, COL_TARGET), line.target.comparison, inputs,
                    NO_DATA) if line.target else None
        result = percent_cell(line.value, line.places, trim=True, formula=ratio)
        rows.append(TableRow((
            stt_cell(number),
            text_cell(line.kpi.short_name or line.kpi.name or ""),
            _entry(count_cell(m.denominator if m else None), counted),
            _entry(count_cell(m.numerator if m else None), counted),
            replace(result, entry=True) if not counted else result,
            percent_cell(line.target.value if line.target else None, line.target_places(),
                         prefix=written(line.target.comparison, line.target.aspiration,
                                        plan.style.comparison_style) if line.target else ""),
            TableCell(((Span(line.mark),),), align="center", formula=mark),
        )))
    notes = (Para("note", (Span(ZERO_NOTE),)),) if zero else ()
    widths = columns(table, (STT,), PROGRESS_SHARES) if table else \
        (STT, *(ColumnWidth(share=share) for share in PROGRESS_SHARES))
    header = TableRow(tuple(header_cell(h) for h in HEADINGS))
    return TableLayout(widths, (header,), tuple(rows), notes)

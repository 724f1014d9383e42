"""Stage 3: resolve a validated plan into what renderers draw (:mod:`generator.resolved`).

Pure functions: numbering from the section tree, citation sentences from the registry,
punctuation of the căn cứ, tasks listed as text or tables, the final "./.". Renderers
receive the result and decide nothing of substance.
"""

from __future__ import annotations

from generator.inline import Span, parse_inline
from generator.kpi.book import build_book
from generator.model import Appendix, BulletList, KpiTable, Plan
from generator.model.body import KpiTableBlock, TableBlock, TaskTableBlock
from generator.resolve.body import body
from generator.resolve.front import attached_line, bases, closing, header
from generator.resolve.kpi_tables import KpiContext, by_group, by_kpi, by_milestone
from generator.resolve.progress import current_milestone, progress_table
from generator.resolve.tables import (
    LANDSCAPE_WIDTH_MM,
    PORTRAIT_WIDTH_MM,
    bullet_paras,
    free_table,
    notes_of,
    task_table,
)
from generator.resolved import AppendixLayout, Block, Para, ResolvedPlan, TableLayout
from generator.vnformat import roman

PROGRESS_TITLE = "KẾT QUẢ THỰC HIỆN CHỈ TIÊU"


def kpi_table(table: KpiTable, plan: Plan, context: KpiContext, width: float) -> TableLayout:
    """A ``bang_chi_tieu`` of the kind it asks for."""
    makers = {"theo_moc": by_milestone, "theo_nhom": by_group, "giao_chi_tieu": by_kpi}
    if table.kind == "tien_do":
        layout = progress_table(plan, context, width, table)
    else:
        layout = makers[table.kind](table, plan, context, width)
    notes = notes_of(table.notes, plan.style.bullets)
    if context.explain:
        notes += _explanations(table, context)
    if notes:
        layout = TableLayout(layout.widths_mm, layout.header, layout.rows,
                             layout.notes + notes, layout.title)
    return layout


def _explanations(table: KpiTable, context: KpiContext) -> tuple[Para, ...]:
    """``--explain``: how each computed target of the table's KPIs was found."""
    wanted = set(table.kpis or context.book.kpis)
    lines = [line for kpi, line in context.book.explanation_lines() if kpi in wanted]
    if not lines:
        return ()
    return (Para("note", (Span("Cách tính chỉ tiêu:"),)),
            *(Para("note", (Span(f"- {line}"),)) for line in lines))


def _appendix_label(appendix: Appendix, index: int, count: int) -> str:
    if appendix.numeral:
        return f"Phụ lục {appendix.numeral}"
    return "Phụ lục" if count == 1 else f"Phụ lục {roman(index)}"


def _appendix_blocks(appendix: Appendix, plan: Plan, context: KpiContext) -> tuple[Block, ...]:
    width = LANDSCAPE_WIDTH_MM if appendix.orientation == "ngang" else PORTRAIT_WIDTH_MM
    out: list[Block] = []
    for block in appendix.blocks:
        if isinstance(block, TableBlock):
            out.append(free_table(block.table, plan.style.bullets))
        elif isinstance(block, TaskTableBlock):
            out.append(task_table(block.table, plan, width))
        elif isinstance(block, KpiTableBlock):
            out.append(kpi_table(block.table, plan, context, width))
        elif isinstance(block, BulletList):
            out.extend(bullet_paras(block.items, plan.style.bullets, "note"))
        elif isinstance(block, str):
            out.append(Para("note", parse_inline(block)))
    return tuple(out)


def _has_progress(plan: Plan) -> bool:
    return any(isinstance(b, KpiTableBlock) and b.table.kind == "tien_do"
               for a in plan.appendices for b in a.blocks)


def appendices(plan: Plan, context: KpiContext) -> tuple[AppendixLayout, ...]:
    """Each appendix with its label, title lines, attached line and blocks.

    With results (``--data``) and no progress table of its own, the plan gets one more
    appendix: each unit's results against its targets at the current milestone.
    """
    extra = context.results is not None and not _has_progress(plan)
    count = len(plan.appendices) + extra
    out = [
        AppendixLayout(
            label=_appendix_label(appendix, index, count),
            title_lines=tuple(line.strip().upper() for line in appendix.title.split("\n")
                              if line.strip()),
            attached_line=attached_line(plan) if appendix.attached_line else None,
            landscape=appendix.orientation == "ngang",
            blocks=_appendix_blocks(appendix, plan, context),
        )
        for index, appendix in enumerate(plan.appendices, start=1)
    ]
    if extra:
        milestone = current_milestone(plan, context)
        title = PROGRESS_TITLE + (f" ĐẾN MỐC {milestone.upper()}" if milestone else "")
        out.append(AppendixLayout(
            label="Phụ lục" if count == 1 else f"Phụ lục {roman(count)}",
            title_lines=(title,), attached_line=attached_line(plan), landscape=False,
            blocks=(progress_table(plan, context, PORTRAIT_WIDTH_MM),)))
    return tuple(out)


def resolve_plan(plan: Plan, context: KpiContext | None = None) -> ResolvedPlan:
    """Everything decided; renderers only lay it out."""
    context = context or KpiContext(build_book(plan))
    return ResolvedPlan(
        header=header(plan),
        bases=bases(plan),
        body=body(plan, lambda table: kpi_table(table, plan, context, PORTRAIT_WIDTH_MM)),
        closing=closing(plan),
        appendices=appendices(plan, context),
        font_size=plan.style.font_size,
    )

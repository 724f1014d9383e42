"""Stage 4, resolve: a checked plan becomes what renderers draw (:mod:`.layout`).

Pure functions of the plan and a :class:`Context` (the KPI book, the reference data, a
build's options), reading no file: numbering from the section tree, citation sentences,
punctuation of the căn cứ, tasks listed as text or tables, KPI tables, the final "./.".
Renderers receive the result and decide nothing of substance.
"""

from __future__ import annotations

from generator.inline import Span, parse_inline
from generator.model import Appendix, BulletList, KpiTable, KpiTableBlock, Plan, TableBlock
from generator.model import TaskTableBlock as TaskTableBlockIn
from generator.resolve.body import body
from generator.resolve.context import Context
from generator.resolve.front import appendix_label, attached_line, bases, closing, header
from generator.resolve.kpi_tables import by_group, by_kpi, by_milestone
from generator.resolve.layout import (
    AppendixLayout,
    LayoutBlock,
    Metadata,
    Para,
    ResolvedPlan,
    TableLayout,
)
from generator.resolve.progress import current_milestone, progress_table
from generator.resolve.references import fill_references
from generator.resolve.tables import bullet_paras, free_table, notes_of, task_table
from generator.vnformat import roman

PROGRESS_TITLE = "KẾT QUẢ THỰC HIỆN CHỈ TIÊU"


def explanations(context: Context, kpis: set[str] | None = None) -> list[str]:
    """``--explain``: one sentence per computed target, "KPI, milestone (who): how"."""
    book = context.book
    out = []
    for kpi, values in book.targets.items():
        if kpis is not None and kpi not in kpis:
            continue
        name = book.kpis[kpi].short_name or book.kpis[kpi].name or kpi
        for value in values:
            if value.explanation:
                scope = value.unit or value.group or context.reference.level_name(value.level)
                who = f" ({scope})" if scope else ""
                out.append(f"{name}, {value.milestone}{who}: {value.explanation}")
    return out


def kpi_table(table: KpiTable, plan: Plan, context: Context) -> TableLayout:
    """A ``bang_chi_tieu`` of the kind it asks for."""
    makers = {"theo_moc": by_milestone, "theo_nhom": by_group, "giao_chi_tieu": by_kpi}
    if table.kind == "tien_do":
        layout = progress_table(plan, context, table)
    else:
        layout = makers[table.kind](table, plan, context)
    notes = notes_of(table.notes, plan.style.bullets)
    if context.explain:
        notes += _explanation_notes(table, context)
    if notes:
        layout = TableLayout(layout.columns, layout.header, layout.rows, layout.notes + notes)
    return layout


def _explanation_notes(table: KpiTable, context: Context) -> tuple[Para, ...]:
    lines = explanations(context, set(table.kpis or context.book.kpis))
    if not lines:
        return ()
    return (Para("note", (Span("Cách tính chỉ tiêu:"),)),
            *(Para("note", (Span(f"- {line}"),)) for line in lines))


def _appendix_blocks(appendix: Appendix, plan: Plan,
                     context: Context) -> tuple[LayoutBlock, ...]:
    out: list[LayoutBlock] = []
    for block in appendix.blocks:
        if isinstance(block, TableBlock):
            out.append(free_table(block.table, plan.style.bullets))
        elif isinstance(block, TaskTableBlockIn):
            out.append(task_table(block.table, plan))
        elif isinstance(block, KpiTableBlock):
            out.append(kpi_table(block.table, plan, context))
        elif isinstance(block, BulletList):
            out.extend(bullet_paras(block.items, plan.style.bullets, "note"))
        else:
            out.append(Para("note", parse_inline(block)))
    return tuple(out)


def _has_progress(plan: Plan) -> bool:
    return any(isinstance(b, KpiTableBlock) and b.table.kind == "tien_do"
               for a in plan.appendices for b in a.blocks)


def appendices(plan: Plan, context: Context) -> tuple[AppendixLayout, ...]:
    """Each appendix with its label, title lines, attached line and blocks.

    With results (``--data``) and no progress table of its own, the plan gets one more
    appendix: each unit's results against its targets at the current milestone.
    """
    extra = context.results is not None and not _has_progress(plan)
    count = len(plan.appendices) + extra
    out = [
        AppendixLayout(
            label=appendix_label(appendix, index, count),
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
            blocks=(progress_table(plan, context),)))
    return tuple(out)


def resolve_plan(plan: Plan, context: Context) -> ResolvedPlan:
    """Everything decided; renderers only lay it out."""
    return fill_references(_laid_out(plan, context), plan, context)


def _laid_out(plan: Plan, context: Context) -> ResolvedPlan:
    return ResolvedPlan(
        metadata=Metadata(" ".join(plan.summary.split()).rstrip(". "), plan.issuer.full_name),
        header=header(plan),
        bases=bases(plan, context.reference.legal_documents),
        body=body(plan, lambda table: kpi_table(table, plan, context)),
        closing=closing(plan),
        appendices=appendices(plan, context),
        font_size=plan.style.font_size,
    )


__all__ = ["Context", "explanations", "resolve_plan"]

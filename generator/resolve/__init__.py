"""Stage 3: resolve a validated plan into what renderers draw (:mod:`generator.resolved`).

Pure functions: numbering from the section tree, citation sentences from the registry,
punctuation of the căn cứ, tasks listed as text or tables, the final "./.". Renderers
receive the result and decide nothing of substance.
"""

from __future__ import annotations

from generator.inline import parse_inline
from generator.model import Appendix, Plan
from generator.model.body import TableBlock, TaskTableBlock
from generator.resolve.body import body
from generator.resolve.front import attached_line, bases, closing, header
from generator.resolve.tables import LANDSCAPE_WIDTH_MM, PORTRAIT_WIDTH_MM, free_table, task_table
from generator.resolved import AppendixLayout, Block, Para, ResolvedPlan
from generator.vnformat import roman


def _appendix_label(appendix: Appendix, index: int, count: int) -> str:
    if appendix.numeral:
        return f"Phụ lục {appendix.numeral}"
    return "Phụ lục" if count == 1 else f"Phụ lục {roman(index)}"


def _appendix_blocks(appendix: Appendix, plan: Plan) -> tuple[Block, ...]:
    width = LANDSCAPE_WIDTH_MM if appendix.orientation == "ngang" else PORTRAIT_WIDTH_MM
    out: list[Block] = []
    for block in appendix.blocks:
        if isinstance(block, TableBlock):
            out.append(free_table(block.table, plan.style.bullets))
        elif isinstance(block, TaskTableBlock):
            out.append(task_table(block.table, plan, width))
        elif isinstance(block, str):
            out.append(Para("note", parse_inline(block)))
    return tuple(out)


def appendices(plan: Plan) -> tuple[AppendixLayout, ...]:
    """Each appendix with its label, title lines, attached line and blocks."""
    count = len(plan.appendices)
    return tuple(
        AppendixLayout(
            label=_appendix_label(appendix, index, count),
            title_lines=tuple(line.strip().upper() for line in appendix.title.split("\n")
                              if line.strip()),
            attached_line=attached_line(plan) if appendix.attached_line else None,
            landscape=appendix.orientation == "ngang",
            blocks=_appendix_blocks(appendix, plan),
        )
        for index, appendix in enumerate(plan.appendices, start=1)
    )


def resolve_plan(plan: Plan) -> ResolvedPlan:
    """Everything decided; renderers only lay it out."""
    return ResolvedPlan(
        header=header(plan),
        bases=bases(plan),
        body=body(plan),
        closing=closing(plan),
        appendices=appendices(plan),
        font_size=plan.style.font_size,
    )

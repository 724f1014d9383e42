"""The body: section numbers from the tree, bullets, tasks listed as text, the final "./."."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from generator.inline import Inline, Span, literal, parse_inline
from generator.model import (
    BulletList,
    ContentBlock,
    KpiTable,
    KpiTableBlock,
    Markup,
    Plan,
    Section,
    TableBlock,
    Task,
    TaskGroup,
    TaskTableBlock,
    TaskText,
)
from generator.resolve.layout import LayoutBlock, Para, TableLayout
from generator.resolve.tables import bullet_paras, free_table, period_text, task_table
from generator.vnformat import letter, roman

HEADING_ROLE = {"la_ma": "heading-1", "so": "heading-2", "so_con": "heading-3",
                "chu": "heading-4", "gach": "body", "cong": "body"}


@dataclass(frozen=True)
class _Numbering:
    styles: tuple[str, ...]

    def label(self, depth: int, index: int, parent: str) -> str:
        style = self.styles[min(depth, len(self.styles) - 1)]
        if style == "la_ma":
            return f"{roman(index)}."
        if style == "so":
            return f"{index}."
        if style == "so_con":
            return f"{parent.rstrip('.')}.{index}." if parent else f"{index}."
        if style == "chu":
            return f"{letter(index)})"
        return "-" if style == "gach" else "+"

    def role(self, depth: int) -> str:
        return HEADING_ROLE[self.styles[min(depth, len(self.styles) - 1)]]


KpiTableMaker = Callable[[KpiTable], TableLayout]


class _BodyBuilder:
    def __init__(self, plan: Plan, kpi_table: KpiTableMaker) -> None:
        self.plan = plan
        self.kpi_table = kpi_table
        self.numbering = _Numbering(tuple(plan.style.numbering))
        self.bullets = tuple(plan.style.bullets)
        self.tasks = _task_index(plan)

    def sections(self, sections: Sequence[Section], depth: int = 0,
                 parent: str = "") -> Iterator[LayoutBlock]:
        for index, section in enumerate(sections, start=1):
            yield from self.section(section, depth, index, parent)

    def section(self, section: Section, depth: int, index: int,
                parent: str) -> Iterator[LayoutBlock]:
        label = self.numbering.label(depth, index, parent)
        heading = self.numbered(label, depth, section.heading(), section.text)
        yield replace(heading, key=f"s:{section.id}")
        yield from self.blocks(section.blocks)
        number = 0
        for task in self.listed_tasks(section.tasks):
            number += 1
            yield from self.task(task, depth + 1, number, label)
        for child in section.children:
            if lists_tasks_only(child):  # its tasks take their numbers right here
                for task in self.listed_tasks(child.tasks):
                    number += 1
                    yield from self.task(task, depth + 1, number, label)
                continue
            number += 1
            yield from self.section(child, depth + 1, number, label)
        yield from self.blocks(section.blocks_after)

    def numbered(self, label: str, depth: int, title: str | None,
                 text: Markup | None) -> Para:
        """``1. **Mục đích**``, ``1.1. Văn bản…``, ``4. **Công an xã:** Chủ trì…``."""
        if title:
            role = self.numbering.role(depth)
            inlines: list[Inline] = [Span(f"{label} {title}", bold=role != "heading-4"
                                          and role != "body")]
            if text:
                inlines.append(Span(": "))
                inlines.extend(parse_inline(text))
            return Para(role, tuple(inlines))
        return Para("body", (Span(f"{label} "), *parse_inline(text or Markup(""))))

    def blocks(self, blocks: Sequence[ContentBlock]) -> Iterator[LayoutBlock]:
        for block in blocks:
            if isinstance(block, str):
                yield Para("body", parse_inline(block))
            elif isinstance(block, BulletList):
                yield from bullet_paras(block.items, self.bullets)
            elif isinstance(block, TableBlock):
                yield free_table(block.table, self.bullets)
            elif isinstance(block, TaskTableBlock):
                yield task_table(block.table, self.plan)
            elif isinstance(block, KpiTableBlock):
                yield self.kpi_table(block.table)

    def listed_tasks(self, refs: Sequence[str]) -> Iterator[Task]:
        seen: set[str] = set()
        for ref in refs:
            for task in self.tasks.get(ref, []):
                if task.id not in seen:
                    seen.add(task.id or "")
                    yield task

    def task(self, task: Task, depth: int, index: int, parent: str) -> Iterator[Para]:
        """A task as text: its content numbered, then "- Đơn vị chủ trì: …" lines."""
        numbered = self.numbered(self.numbering.label(depth, index, parent), depth, None,
                                 task.content)
        yield replace(numbered, key=f"t:{task.id}")
        form = self.plan.style.task_text
        details = task_details(task, form)
        for n, (line, caption, value) in enumerate(details, start=1):
            mark = form.final() if n == len(details) else form.ending
            ending = (Span(mark),) if mark else ()
            yield Para("bullet", (Span(f"{self.bullets[0]} {caption}: "), *value, *ending),
                       key=f"t:{task.id}:{line}")


def lists_tasks_only(section: Section) -> bool:
    """A ``muc`` entry that only lists tasks (``- nhiem_vu: [id]``) puts them in its place
    among the other items, numbered with them, instead of being a numbered item itself."""
    return bool(section.tasks) and not (section.title or section.text or section.unit or
                                        section.blocks or section.children or
                                        section.blocks_after)


def _without_final_stop(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    *rest, last = inlines
    if type(last) is Span:  # a reference (Ref) is kept whole: the mark goes after it
        return (*rest, Span(last.text.rstrip().rstrip("."), last.bold, last.italic))
    return inlines


TASK_LABELS = {"chu_tri": "Đơn vị chủ trì", "phoi_hop": "Đơn vị phối hợp",
               "thoi_gian": "Thời gian hoàn thành", "san_pham": "Sản phẩm", "ghi_chu": "Ghi chú"}
"""The labels of a task's lines when the plan does not choose its own (``trinh_bay``)."""


def task_details(task: Task, form: TaskText) -> list[tuple[str, str, tuple[Inline, ...]]]:
    """The labelled lines of a task (line, label, text), in the order plans print them;
    the text has no final stop (the plan's ending is added)."""
    joined = form.joiner()
    rows = [("chu_tri", literal(joined.join(task.lead)) if task.lead else ()),
            ("phoi_hop", literal(joined.join(task.partners)) if task.partners else ()),
            ("thoi_gian", literal(period_text(task.due)) if task.due else ()),
            ("san_pham", parse_inline(task.product) if task.product else ()),
            ("ghi_chu", parse_inline(task.note) if task.note else ())]
    labels: dict[str, str] = {**TASK_LABELS, **{str(k): v for k, v in form.labels.items()}}
    return [(line, labels[line], _without_final_stop(value)) for line, value in rows if value]


def _task_index(plan: Plan) -> dict[str, list[Task]]:
    """Reference → tasks: a task id, a group id, or "*" for every task in order."""
    index: dict[str, list[Task]] = {"*": []}
    groups: list[TaskGroup] = plan.all_task_groups()
    for group in groups:
        if group.id:
            index[group.id] = list(group.tasks)
        for task in group.tasks:
            index["*"].append(task)
            if task.id:
                index[task.id] = [task]
    return index


def with_final_mark(blocks: list[LayoutBlock]) -> list[LayoutBlock]:
    """The body's last paragraph ends with "./." (Nghị định 30/2020)."""
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if isinstance(block, Para) and block.inlines:
            blocks[i] = replace(block, inlines=_final_mark(block.inlines))
            break
    return blocks


def _final_mark(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    *rest, last = inlines
    if type(last) is not Span:  # a footnote or a reference: the mark goes after it
        return (*inlines, Span("./."))
    text = last.text.rstrip()
    if not text.endswith("./."):
        text = text.rstrip(".;,: ") + "./."
    return (*rest, Span(text, last.bold, last.italic))


def body(plan: Plan, kpi_table: KpiTableMaker) -> tuple[LayoutBlock, ...]:
    """The numbered body followed by the closing paragraphs, the last one ending "./."."""
    builder = _BodyBuilder(plan, kpi_table)
    blocks: list[LayoutBlock] = list(builder.sections(plan.parts))
    blocks.extend(Para("body", parse_inline(text), key=f"loi_ket:{n}")
                  for n, text in enumerate(plan.closing, start=1))
    return tuple(with_final_mark(blocks))

"""Stable ids for the items other parts refer to (sections, tasks, KPIs, bases, rows).

A clerk may write ``id:``; when absent it is derived from the item's own words, not its
position, so inserting an item does not rename the others (which ``diff`` and ``derive``
depend on). Collisions get ``-2``, ``-3`` in document order.

Ids are assigned to a plan the checks have passed (:func:`assign_ids`). The checks that
follow references (a section listing tasks, a table naming KPIs) need to know the ids the
plan *will* have: :func:`task_ids` and :func:`kpi_ids` tell them, by the same naming.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from pydantic import BaseModel

from generator.inline import plain_text
from generator.model import (
    Appendix,
    Basis,
    ContentBlock,
    Plan,
    RegistryCitation,
    Section,
    Table,
    TableBlock,
    Task,
    TaskGroup,
)

M = TypeVar("M", bound=BaseModel)

MAX_WORDS = 6


def slugify(text: str, max_words: int = MAX_WORDS) -> str:
    """``Mục đích, yêu cầu`` → ``muc-dich-yeu-cau``: ASCII, lowercase, first few words."""
    text = plain_text(text).replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words]) or "muc"


class _Namer:
    """Hands out unique ids within one kind, keeping every id the clerk wrote."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)
        self.last: dict[str, int] = {}
        """The last number tried for each base: a number below it was taken then, and
        taken ids are never given back, so thousands of tasks starting with the same six
        words are named in linear time, not quadratic."""

    def name(self, given: str | None, words: str) -> str:
        if given:
            return given
        base = slugify(words)
        n = self.last.get(base, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.last[base] = n
        self.taken.add(candidate)
        return candidate


def _given(items: Iterable[BaseModel]) -> list[str]:
    return [i for item in items if (i := getattr(item, "id", None))]


def _with_id(item: M, ident: str, **update: object) -> M:
    return item.model_copy(update={"id": ident, **update})


def walk_sections(sections: Iterable[Section]) -> Iterable[Section]:
    """Every section of a tree, depth first, in document order."""
    for section in sections:
        yield section
        yield from walk_sections(section.children)


def _section_words(section: Section) -> str:
    return section.heading() or section.text or section.kind or "muc"


def _sections(sections: list[Section], namer: _Namer) -> list[Section]:
    out = []
    for section in sections:
        ident = namer.name(section.id, _section_words(section))  # parent before children
        children = _sections(section.children, namer)
        out.append(_with_id(section, ident, children=children,
                            blocks=_with_row_ids(section.blocks),
                            blocks_after=_with_row_ids(section.blocks_after)))
    return out


def _with_row_ids(blocks: list[ContentBlock]) -> list[ContentBlock]:
    """Typed tables' rows named from their words, so a row keeps its id when others come."""
    return [b.model_copy(update={"table": _table_rows(b.table)})
            if isinstance(b, TableBlock) else b for b in blocks]


def _basis_words(basis: Basis) -> str:
    if basis.text or not basis.documents:
        return basis.text or "can-cu"
    first = basis.documents[0]
    if isinstance(first, str):
        return first
    if isinstance(first, RegistryCitation):
        return first.key
    return f"{first.kind} {first.number or first.name}"


def _table_rows(table: Table) -> Table:
    namer = _Namer(_given(table.rows))
    rows = [_with_id(row, namer.name(row.id, row.group or _first_text(row.cells)))
            for row in table.rows]
    return table.model_copy(update={"rows": rows})


def _first_text(cells: Iterable[object]) -> str:
    for cell in cells:
        text = getattr(cell, "text", "")
        if re.search(r"[^\W\d_]", text):
            return str(text)
    return "dong"


def _appendix(appendix: Appendix, namer: _Namer) -> Appendix:
    return _with_id(appendix, namer.name(appendix.id, appendix.title),
                    blocks=_with_row_ids(appendix.blocks))


def _named(items: list[M], words: Callable[[M], str]) -> list[str]:
    namer = _Namer(_given(items))
    return [namer.name(getattr(item, "id", None), words(item)) for item in items]


def _task_naming(plan: Plan) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Ids of the ungrouped tasks, and of each group with its tasks (one namespace)."""
    all_tasks = [t for g in plan.task_groups for t in g.tasks] + list(plan.tasks)
    namer = _Namer([*_given(all_tasks), *_given(plan.task_groups)])
    loose = [namer.name(t.id, t.content) for t in plan.tasks]
    groups = []
    for group in plan.task_groups:
        tasks = [namer.name(t.id, t.content) for t in group.tasks]  # tasks before their group
        groups.append((namer.name(group.id, group.name or "nhom"), tasks))
    return loose, groups


def task_names(plan: Plan) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The id each ungrouped task, and each group with its tasks, has or will be given."""
    return _task_naming(plan)


def task_ids(plan: Plan) -> set[str]:
    """Every id a task or a task group of the plan has or will be given."""
    loose, groups = _task_naming(plan)
    return {*loose, *(g for g, _ in groups), *(t for _, ts in groups for t in ts)}


def task_group_ids(plan: Plan) -> list[str]:
    """The id each task group of the plan has or will be given, in order."""
    return [group for group, _ in _task_naming(plan)[1]]


def kpi_ids(plan: Plan) -> list[str]:
    """The id each KPI of the plan has or will be given, in order."""
    return _named(plan.kpis, lambda k: k.name or "chi-tieu")


def _tasks(tasks: list[Task], ids: list[str]) -> list[Task]:
    return [_with_id(task, ident) for task, ident in zip(tasks, ids, strict=True)]


def assign_ids(plan: Plan) -> Plan:
    """The same plan with every id filled in, deterministically."""
    loose, groups = _task_naming(plan)
    task_groups: list[TaskGroup] = [
        _with_id(group, ident, tasks=_tasks(group.tasks, task_list))
        for group, (ident, task_list) in zip(plan.task_groups, groups, strict=True)]
    appendix_namer = _Namer(_given(plan.appendices))
    return plan.model_copy(update={
        "bases": [_with_id(b, i) for b, i in zip(plan.bases, _named(plan.bases, _basis_words),
                                                  strict=True)],
        "parts": _sections(plan.parts, _Namer(_given(walk_sections(plan.parts)))),
        "tasks": _tasks(plan.tasks, loose),
        "task_groups": task_groups,
        "kpis": [_with_id(k, i) for k, i in zip(plan.kpis, kpi_ids(plan), strict=True)],
        "appendices": [_appendix(a, appendix_namer) for a in plan.appendices],
    })

"""Stable ids for the items later commands refer to (sections, tasks, KPIs, bases, rows).

A clerk may write ``id:``; when absent it is derived from the item's own words, not its
position, so inserting an item does not renumber the others (which ``diff`` and ``derive``
depend on). Collisions get ``-2``, ``-3`` in document order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from pydantic import BaseModel

from generator.inline import plain_text
from generator.model import Appendix, Basis, Plan, Section, Table, Task
from generator.model.body import TableBlock

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

    def name(self, given: str | None, words: str) -> str:
        if given:
            return given
        base = slugify(words)
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


def _given(items: Iterable[BaseModel]) -> list[str]:
    return [i for item in items if (i := getattr(item, "id", None))]


def _with_id(item: M, namer: _Namer, words: str, **update: object) -> M:
    return item.model_copy(update={"id": namer.name(getattr(item, "id", None), words), **update})


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
        out.append(section.model_copy(update={"id": ident, "children": children}))
    return out


def _basis_words(basis: Basis) -> str:
    if basis.text:
        return basis.text
    first = basis.documents[0]
    return first if isinstance(first, str) else f"{first.kind} {first.number or first.name}"


def _table_rows(table: Table) -> Table:
    namer = _Namer(_given(table.rows))
    rows = [_with_id(row, namer, row.group or _first_text(row.cells)) for row in table.rows]
    return table.model_copy(update={"rows": rows})


def _first_text(cells: Iterable[object]) -> str:
    for cell in cells:
        text = getattr(cell, "text", "")
        if re.search(r"[^\W\d_]", text):
            return text
    return "dong"


def _appendix(appendix: Appendix, namer: _Namer) -> Appendix:
    blocks = [b.model_copy(update={"table": _table_rows(b.table)})
              if isinstance(b, TableBlock) else b for b in appendix.blocks]
    return _with_id(appendix, namer, appendix.title, blocks=blocks)


def _apply(items: list[M], words: Callable[[M], str], taken: Iterable[str] = ()) -> list[M]:
    namer = _Namer([*_given(items), *taken])
    return [_with_id(item, namer, words(item)) for item in items]


def assign_ids(plan: Plan) -> Plan:
    """The same plan with every id filled in, deterministically."""
    all_tasks = [t for g in plan.task_groups for t in g.tasks] + list(plan.tasks)
    task_namer = _Namer([*_given(all_tasks), *_given(plan.task_groups)])

    def tasks(items: list[Task]) -> list[Task]:
        return [_with_id(t, task_namer, t.content) for t in items]

    loose = tasks(plan.tasks)
    groups = [_with_id(g, task_namer, g.name or "nhom", tasks=tasks(g.tasks))
              for g in plan.task_groups]
    section_namer = _Namer(_given(walk_sections(plan.parts)))
    appendix_namer = _Namer(_given(plan.appendices))
    return plan.model_copy(update={
        "bases": _apply(plan.bases, _basis_words),
        "parts": _sections(plan.parts, section_namer),
        "tasks": loose,
        "task_groups": groups,
        "kpis": _apply(plan.kpis, lambda k: k.name),
        "appendices": [_appendix(a, appendix_namer) for a in plan.appendices],
    })


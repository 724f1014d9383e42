"""Rules of ids: an id a clerk writes names one item of its kind."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from generator.check.core import Context, Finding, error
from generator.errors import FieldPath
from generator.model import LegalDocument, Plan


def _task_ids(plan: Plan) -> Iterator[tuple[str | None, FieldPath]]:
    for i, task in enumerate(plan.tasks):
        yield task.id, ("nhiem_vu", i, "id")
    for i, group in enumerate(plan.task_groups):
        yield group.id, ("nhom_nhiem_vu", i, "id")
        for j, task in enumerate(group.tasks):
            yield task.id, ("nhom_nhiem_vu", i, "nhiem_vu", j, "id")


def _document_ids(plan: Plan) -> Iterator[tuple[str | None, FieldPath]]:
    """The ids the căn cứ give the documents they write out (to cite them again)."""
    for i, basis in enumerate(plan.bases):
        for j, ref in enumerate(basis.documents):
            if isinstance(ref, LegalDocument):
                at = ("can_cu", i, "van_ban") + ((j,) if len(basis.documents) > 1 else ())
                yield ref.id, (*at, "id")


def _ids_by_kind(ctx: Context) -> list[tuple[str, Iterable[tuple[str | None, FieldPath]]]]:
    plan = ctx.plan
    return [
        ("căn cứ", ((b.id, ("can_cu", i, "id")) for i, b in enumerate(plan.bases))),
        ("văn bản", _document_ids(plan)),
        ("mục", ((s.id, (*path, "id")) for s, path, _ in ctx.sections)),
        ("nhiệm vụ", _task_ids(plan)),
        ("chỉ tiêu", ((k.id, ("chi_tieu", i, "id")) for i, k in enumerate(plan.kpis))),
        ("phụ lục", ((a.id, ("phu_luc", i, "id")) for i, a in enumerate(plan.appendices))),
    ]


def ids_are_unique(ctx: Context) -> Iterator[Finding]:
    """Two items of one kind never share an id (references would be ambiguous)."""
    for kind, items in _ids_by_kind(ctx):
        seen: set[str] = set()
        for ident, path in items:
            if ident is not None and ident in seen:
                yield error(path, f"Mã {kind} '{ident}' bị dùng hai lần.",
                            "Mỗi mã chỉ dùng cho một mục; đổi một trong hai.")
            if ident is not None:
                seen.add(ident)

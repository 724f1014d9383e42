"""The rule of the workbook: every text it holds in a cell fits an Excel cell.

Excel keeps at most 32,767 characters in a cell (:data:`generator.excel.EXCEL_CELL`, in
UTF-16 code units) and the workbook
writer cuts a longer text without a word, so a plan would build with part of a table cell
missing from its ``.xlsx``. Word has no such limit; only the appendix tables (what the
workbook holds) are measured: their own cells, notes and titles, and the tasks, KPIs and
unit groups that task and KPI tables print. A text is measured as printed, references
filled in (a document cited in full, its longest form) and lists joined as cells join
them; the markup characters are counted too, so the measure is never short.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from pydantic import BaseModel

from generator.check.core import BookContext, Finding, error, strings
from generator.errors import FieldPath
from generator.excel import EXCEL_CELL, utf16_length
from generator.inline import Footnote, MarkupError, Ref, Span, parse_inline
from generator.model import KpiTableBlock, Markup, TableBlock, TaskTableBlock
from generator.resolve.citations import citable_documents
from generator.resolve.context import Context as ResolveContext
from generator.resolve.kpi_tables import basis_items
from generator.resolve.references import words
from generator.vnformat import vi_int

KPI_KEYS = ("ten", "ten_ngan", "don_vi_tinh", "chu_tri", "phoi_hop", "muc_tieu")
"""What KPI tables print of a KPI (a target's own ``can_cu`` included), but its bases."""
JOINED = ("chu_tri", "phoi_hop", "can_cu")
"""Lists printed in one cell, joined by "; "."""


def fits_a_cell(text: str) -> bool:
    """Whether an Excel cell holds ``text`` whole."""
    return len(text) <= EXCEL_CELL // 2 or utf16_length(text) <= EXCEL_CELL


def cells_fit_a_workbook(ctx: BookContext) -> Iterator[Finding]:
    """Every text the workbook puts in a cell fits Excel's 32,767 characters."""
    if ctx.reference is None:
        return
    measure = _Measure(ctx, ResolveContext(ctx.book, ctx.reference))
    for text, path in _cell_texts(ctx):
        size = measure(text)
        if size > EXCEL_CELL:
            yield error(path, f"Nội dung dài {vi_int(size)} ký tự, quá {vi_int(EXCEL_CELL)} ký "
                        "tự một ô bảng tính Excel chứa được: bảng tính (.xlsx) của phụ lục sẽ "
                        "mất phần sau.", "Chia nội dung thành nhiều dòng hoặc nhiều ô của bảng, "
                        "hoặc đưa phần dài ra ngoài bảng phụ lục (vào phần nội dung).")


class _Measure:
    """A text's length as a workbook cell holds it (references filled in)."""

    def __init__(self, ctx: BookContext, resolve: ResolveContext) -> None:
        self.ctx, self.resolve = ctx, resolve
        self.documents = citable_documents(ctx.plan, resolve.reference.legal_documents)

    def __call__(self, text: str) -> int:
        written = utf16_length(text)
        if "{" not in text:
            return written  # without a reference, what prints is never longer
        try:
            lines = [parse_inline(Markup(line)) for line in text.split("\n")]
        except MarkupError:
            return written  # the markup rule reports it
        return max(written, len(lines) - 1 + sum(self._inline(i) for ln in lines for i in ln))

    def _inline(self, item: object) -> int:
        if isinstance(item, Ref):  # a kind of Span: first
            found = words(item, self.ctx.plan, self.resolve, documents=self.documents)
            return utf16_length(item.text if found is None else found)
        if isinstance(item, Span):
            return utf16_length(item.text)
        assert isinstance(item, Footnote)  # printed in the document only, not in a cell
        return 0


def _cell_texts(ctx: BookContext) -> Iterator[tuple[str, FieldPath]]:
    """Every text that becomes (part of) a workbook cell, with where it is written."""
    blocks = [(b, p) for b, p in ctx.blocks if p[0] == "phu_luc"
              and isinstance(b, TableBlock | TaskTableBlock | KpiTableBlock)]
    for i in sorted({p[1] for _, p in blocks}):
        assert isinstance(i, int)
        yield ctx.plan.appendices[i].title, ("phu_luc", i, "tieu_de")
    for block, path in blocks:
        yield from strings(_dump(block), path, JOINED)
    task_tables = [b for b, _ in blocks if isinstance(b, TaskTableBlock)]
    fields = {f for b in task_tables for f in b.table.fields}
    for task, path in ctx.tasks():
        yield from strings(_picked(_dump(task), fields), path, JOINED)
    for g, group in enumerate(ctx.plan.task_groups if task_tables else ()):
        yield "\n".join(line for line in (group.name, group.note) if line), ("nhom_nhiem_vu", g)
    if any(isinstance(b, KpiTableBlock) for b, _ in blocks):
        yield from _kpi_texts(ctx)


def _kpi_texts(ctx: BookContext) -> Iterator[tuple[str, FieldPath]]:
    """What KPI tables print of KPIs (as completed from the catalogue) and unit groups: a
    legal basis from the registry is cited, as the table cites it."""
    documents = citable_documents(ctx.plan, ctx.reference.legal_documents if ctx.reference
                                  else {})
    for k, own in enumerate(ctx.plan.kpis):
        kpi = ctx.book.kpis.get(own.id or "", own)
        data = {**_picked(_dump(kpi), KPI_KEYS),
                "can_cu": ["{van_ban:" + b + "}" if b in documents else b
                           for b in basis_items(kpi)]}
        yield from strings(data, ("chi_tieu", k), JOINED)
    for g, group in enumerate(ctx.plan.unit_groups):
        yield f"{group.name}: {'; '.join(group.units)}.", ("nhom_don_vi", g, "don_vi")
        yield from strings({"khoi": group.block}, ("nhom_don_vi", g))


def _dump(item: BaseModel) -> Any:
    """An item's YAML-named data (as the clerk wrote it, defaults left out)."""
    return item.model_dump(by_alias=True, exclude_defaults=True, warnings=False)


def _picked(data: dict[str, Any], keys: Collection[str]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in keys}

"""References in text to the plan's own data, filled in document order.

A clerk writes a KPI's facts once, in ``chi_tieu``, and refers to them wherever the plan
talks about them — body text, bullets, table cells, group rows, notes, footnotes:

- ``{chi_tieu:ID}``: the KPI's name;
- ``{muc_tieu:ID}``: its target as the plan prints targets ("trên 40%"), for the plan's own
  unit at the last milestone with a target; ``{muc_tieu:ID; moc=Năm 2024; cap=xa}`` (or
  ``don_vi=…``, ``nhom=…``) for another scope or milestone;
- ``{cach_tinh:ID}``: how it is computed, "(b/a) × 100. Trong đó: a là …; b là …";
- ``{van_ban:KEY}``: a document of the registry, or one the căn cứ declare with an ``id``,
  cited in full the first time the document is cited in the plan (the căn cứ count) and in
  short after.

A reference that begins a sentence (a paragraph, a bullet after its mark, a table cell's
line, after a full stop) is capitalised as a writer would: "- Trên 70% số TTHC …".

The check stage has made sure every reference names what exists and resolves
(:mod:`generator.check.references`); here each :class:`~generator.inline.Ref` becomes the
words it stands for, so renderers never see one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from generator.hierarchy import unit_of
from generator.inline import Footnote, Inline, Ref, Span
from generator.kpi.book import Value
from generator.kpi.comparison import written
from generator.kpi.numbers import show_number, show_percent
from generator.model import Kpi, LegalDocument, Plan, RegistryCitation
from generator.resolve.citations import citable_documents, cite
from generator.resolve.context import Context
from generator.resolve.layout import (
    AppendixLayout,
    LayoutBlock,
    Para,
    ResolvedPlan,
    TableCell,
    TableRow,
)

SCOPE_OPTIONS = ("moc", "cap", "don_vi", "nhom")
"""What may follow a ``muc_tieu`` reference's id."""


def target_of(ref: Ref, plan: Plan, context: Context) -> Value | None:
    """The target a ``muc_tieu`` reference means (the check stage asks the same)."""
    book = context.book
    options = dict(ref.options)
    milestone = options.get("moc")
    if milestone is None:
        milestones = book.target_milestones(ref.key)
        milestone = milestones[-1] if milestones else None
    if any(k in options for k in ("cap", "don_vi", "nhom")):
        return book.target(ref.key, milestone, unit=options.get("don_vi"),
                           group=options.get("nhom"), level=options.get("cap"))
    own = unit_of(plan.issuer, context.reference, plan.date.earliest())
    return book.target(ref.key, milestone, unit=own.name, level=own.level)


def formula_text(kpi: Kpi) -> str:
    """"(b/a) × 100. Trong đó: a là …; b là …" (the check stage ensures both are known)."""
    return (f"(b/a) × 100. Trong đó: a là {kpi.denominator_means}; "
            f"b là {kpi.numerator_means}")


def target_text(value: Value, kpi: Kpi, style: str) -> str:
    """A target as the plan prints targets: its comparison, its figure, its measure."""
    places = value.places if value.places is not None else (kpi.places or 1)
    measure = kpi.measure or "%"
    figure = show_percent(value.value, places, trim=True) if measure == "%" else \
        f"{show_number(value.value, places)} {measure}"
    return written(value.comparison, value.aspiration, style) + figure


def words(ref: Ref, plan: Plan, context: Context, first: bool = True,
          documents: Mapping[str, LegalDocument] | None = None) -> str | None:
    """What a reference stands for; a document in full the ``first`` time it is cited, in
    short after. ``None`` for a reference that does not resolve (the check stage says so,
    and measures with this the text a reference makes). ``documents``: the plan's
    :func:`~generator.resolve.citations.citable_documents`, when the caller has them."""
    if ref.kind == "van_ban":
        if documents is None:
            documents = citable_documents(plan, context.reference.legal_documents)
        document = documents.get(ref.key)
        return None if document is None else cite(document, "full" if first else "short")
    kpi = context.book.kpis.get(ref.key)
    if kpi is None:
        return None
    if ref.kind == "chi_tieu":
        return kpi.name or kpi.short_name or ref.key
    if ref.kind == "cach_tinh":
        return formula_text(kpi)
    value = target_of(ref, plan, context)
    return None if value is None else target_text(value, kpi, plan.style.comparison_style)


_MARKER = re.compile(r"(?:[-+•–]|\d+(?:\.\d+)*\.|[IVXLC]+\.|[a-zđ]\))")
"""What may stand before the first word of a sentence: a bullet, a number "1.", "1.2.",
"II.", "a)"."""


def starts_sentence(before: str) -> bool:
    """Whether a word after ``before`` (the paragraph's or cell line's text so far) begins a
    sentence: nothing before it but a list mark, or the end of a sentence."""
    text = before.rstrip()
    return not text or _MARKER.fullmatch(text) is not None or text.endswith((".", "!", "?"))


def capitalised(text: str) -> str:
    """The first letter in capitals, as a writer begins a sentence ("trên 70%" → "Trên
    70%"); the rest as it is."""
    return text[:1].upper() + text[1:]


def cited_keys(plan: Plan) -> set[str]:
    """The documents the căn cứ cite by a key or declare: later citations are short."""
    out: set[str] = set()
    for basis in plan.bases:
        for ref in basis.documents:
            if isinstance(ref, str):
                out.add(ref)
            elif isinstance(ref, RegistryCitation):
                out.add(ref.key)
            elif ref.id:
                out.add(ref.id)
    return out


@dataclass
class _Filler:
    """Replaces references in document order, remembering which documents were cited."""

    plan: Plan
    context: Context
    documents: Mapping[str, LegalDocument]
    cited: set[str] = field(default_factory=set)

    def text(self, ref: Ref, before: str) -> str:
        first = ref.key not in self.cited
        if ref.kind == "van_ban":
            self.cited.add(ref.key)
        found = words(ref, self.plan, self.context, first, self.documents)
        assert found is not None, "the check stage resolves every reference"
        return capitalised(found) if starts_sentence(before) else found

    def spans(self, items: tuple[Inline, ...]) -> list[Inline]:
        """References filled in, each capitalised where it begins a sentence."""
        out: list[Inline] = []
        before = ""
        for item in items:
            if isinstance(item, Ref):
                item = Span(self.text(item, before), item.bold, item.italic)
            elif isinstance(item, Footnote):
                item = Footnote(tuple(s for s in self.spans(item.spans)
                                      if isinstance(s, Span)))
            if isinstance(item, Span):
                before += item.text
            out.append(item)
        return out

    def inlines(self, inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
        if not any(isinstance(i, Ref | Footnote) for i in inlines):
            return inlines
        return tuple(self.spans(inlines))

    def para(self, para: Para) -> Para:
        filled = self.inlines(para.inlines)
        return para if filled is para.inlines else replace(para, inlines=filled)

    def cell(self, cell: TableCell) -> TableCell:
        lines = tuple(self.inlines(line) for line in cell.lines)
        return cell if lines == cell.lines else replace(cell, lines=lines)

    def row(self, row: TableRow) -> TableRow:
        return replace(row, cells=tuple(self.cell(c) for c in row.cells))

    def blocks(self, blocks: Iterable[LayoutBlock]) -> tuple[LayoutBlock, ...]:
        out: list[LayoutBlock] = []
        for block in blocks:
            if isinstance(block, Para):
                out.append(self.para(block))
            else:
                out.append(replace(block, header=self._rows(block.header),
                                   rows=self._rows(block.rows),
                                   notes=tuple(self.para(n) for n in block.notes)))
        return tuple(out)

    def _rows(self, rows: tuple[TableRow, ...]) -> tuple[TableRow, ...]:
        return tuple(self.row(r) for r in rows)

    def appendix(self, appendix: AppendixLayout) -> AppendixLayout:
        return replace(appendix, blocks=self.blocks(appendix.blocks))


def fill_references(resolved: ResolvedPlan, plan: Plan, context: Context) -> ResolvedPlan:
    """Every reference of a resolved plan replaced by its words, in reading order."""
    documents = citable_documents(plan, context.reference.legal_documents)
    filler = _Filler(plan, context, documents, cited_keys(plan))
    each: Callable[[AppendixLayout], AppendixLayout] = filler.appendix
    return replace(resolved, bases=tuple(filler.para(p) for p in resolved.bases),
                   body=filler.blocks(resolved.body),
                   appendices=tuple(each(a) for a in resolved.appendices))

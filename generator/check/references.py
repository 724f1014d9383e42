"""Rules of references in text (``{muc_tieu:…}``, ``{van_ban:…}``): each names what exists.

Resolve replaces every reference by its words (:mod:`generator.resolve.references`); these
rules make sure it can: the KPI or document exists, the options are known, a formula has
its two terms, a target exists for the scope and milestone asked.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.core import BookContext, Context, Finding, did_you_mean, error
from generator.check.markup import markup_texts
from generator.errors import FieldPath
from generator.ids import kpi_ids
from generator.inline import (
    REFERENCE_KINDS,
    Footnote,
    MarkupError,
    Ref,
    lookalikes,
    parse_inline,
)
from generator.model import Markup, Plan
from generator.resolve.citations import citable_documents
from generator.resolve.context import Context as ResolveContext
from generator.resolve.references import SCOPE_OPTIONS, target_of

KPI_KINDS = ("chi_tieu", "muc_tieu", "cach_tinh")
DOCUMENT_HELP = ("Một văn bản khai báo trong căn cứ được trích lại bằng mã đặt cho nó: "
                 "can_cu: [{van_ban: {id: qd-2357-ubnd, loai: Quyết định, …}}], rồi "
                 "{van_ban:qd-2357-ubnd}.")
HELP = ("Tham chiếu viết {chi_tieu:MÃ}, {muc_tieu:MÃ}, {muc_tieu:MÃ; moc=Năm 2024; cap=xa}, "
        "{cach_tinh:MÃ}, {van_ban:MÃ_VĂN_BẢN} (hướng dẫn, trang 'Viết tệp kế hoạch').")
ESCAPE = "Muốn in chính dấu ngoặc nhọn, viết \\{ và \\}."
"""How a brace is printed as text (:data:`generator.inline.ESCAPABLE`)."""


def _references(plan: Plan) -> Iterator[tuple[FieldPath, Ref]]:
    for path, text in markup_texts(plan):
        if "{" not in text:
            continue  # no reference can be there: not parsed again
        try:
            inlines = parse_inline(Markup(text))
        except MarkupError:
            continue  # the markup rule reports it
        for item in inlines:
            if isinstance(item, Ref):
                yield path, item
            elif isinstance(item, Footnote):
                yield from ((path, s) for s in item.spans if isinstance(s, Ref))


def references_are_well_formed(ctx: Context) -> Iterator[Finding]:
    """What looks like a reference is one: ``{Muc_tieu:x}``, ``{chitieu:x}``, ``{muc_tieu :x}``
    and an unclosed ``{`` would print their braces into the document."""
    for path, text in markup_texts(ctx.plan):
        if "{" not in text:
            continue
        for exc in lookalikes(text):
            yield error(path, str(exc), _lookalike_hint(exc.name))


def _lookalike_hint(kind: str) -> str:
    """A misspelt kind gets the closest kind (or the forms); every hint says how a brace
    is printed, in case the braces were meant as text."""
    if kind in REFERENCE_KINDS:
        return ESCAPE  # the message says what to change
    if not kind:
        return f"Đóng bằng '}}' nếu đây là một tham chiếu. {ESCAPE}"
    return f"{did_you_mean(kind, REFERENCE_KINDS, otherwise=HELP)} {ESCAPE}"


def references_name_what_exists(ctx: Context) -> Iterator[Finding]:
    """A reference names a KPI of the plan or a document (of the registry, or declared in the
    căn cứ with an ``id``), with known options; a formula reference needs the KPI's
    numerator and denominator."""
    ids = kpi_ids(ctx.plan)
    effective = dict(zip(ids, ctx.kpis, strict=True))
    documents = citable_documents(ctx.plan, ctx.reference.legal_documents)
    for path, ref in _references(ctx.plan):
        if ref.kind == "van_ban":
            if ref.key not in documents:
                yield error(path, f"{ref.text}: không có văn bản mã '{ref.key}' trong danh mục "
                            "hay trong căn cứ của kế hoạch.",
                            did_you_mean(ref.key, documents, otherwise=DOCUMENT_HELP))
            continue
        if ref.key not in effective:
            yield error(path, f"{ref.text}: kế hoạch không có chỉ tiêu mã '{ref.key}'.",
                        did_you_mean(ref.key, ids, listing="Các chỉ tiêu"))
            continue
        unknown = [name for name, _ in ref.options
                   if ref.kind != "muc_tieu" or name not in SCOPE_OPTIONS]
        if unknown:
            yield error(path, f"{ref.text}: không hiểu '{unknown[0]}'.",
                        f"Sau mã của muc_tieu có thể ghi: {', '.join(SCOPE_OPTIONS)}. {HELP}")
        kpi = effective[ref.key]
        if ref.kind == "cach_tinh" and not (kpi.numerator_means and kpi.denominator_means):
            yield error(path, f"{ref.text}: chỉ tiêu '{ref.key}' chưa có tử số và mẫu số.",
                        "Khai báo 'tu_so' và 'mau_so' của chỉ tiêu (ý nghĩa của b và a).")


def target_references_resolve(ctx: BookContext) -> Iterator[Finding]:
    """A ``muc_tieu`` reference finds a target with a value for its scope and milestone."""
    if ctx.reference is None:
        return
    resolve = ResolveContext(ctx.book, ctx.reference)
    for path, ref in _references(ctx.plan):
        if ref.kind != "muc_tieu" or ref.key not in ctx.book.kpis:
            continue
        found = target_of(ref, ctx.plan, resolve)
        if found is None or found.value is None:
            options = dict(ref.options)
            when = f" mốc '{options['moc']}'" if "moc" in options else ""
            yield error(path, f"{ref.text}: chỉ tiêu '{ref.key}' không có giá trị{when} cho "
                        "phạm vi này.", "Ghi rõ phạm vi: {muc_tieu:" + ref.key +
                        "; moc=…; cap=… (hoặc don_vi=…, nhom=…)}, hoặc khai báo mục tiêu đó.")

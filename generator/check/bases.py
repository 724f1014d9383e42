"""Rules of the căn cứ: what each basis cites, and whether the registry knows it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.check.core import Context, Finding, did_you_mean, error, warning
from generator.errors import FieldPath
from generator.model import DocumentRef, LegalDocument, RegistryCitation
from generator.resolve.citations import citable_documents, document_of
from generator.resolve.kpi_tables import basis_items
from generator.vnformat import short_date


def _references(ctx: Context) -> Iterator[tuple[FieldPath, DocumentRef]]:
    """Every cited document (registry key or written out), with its path."""
    for i, basis in enumerate(ctx.plan.bases):
        for j, ref in enumerate(basis.documents):
            single = len(basis.documents) == 1
            yield (("can_cu", i, "van_ban") if single else ("can_cu", i, "van_ban", j)), ref


def bases_cite_documents_or_text(ctx: Context) -> Iterator[Finding]:
    """Each basis is either structured citations (``van_ban``) or written text."""
    for i, basis in enumerate(ctx.plan.bases):
        if bool(basis.documents) == bool(basis.text):
            yield error(("can_cu", i), "Mỗi căn cứ cần đúng một trong hai: 'van_ban' (trích "
                        "dẫn có cấu trúc) hoặc 'noi_dung' (viết tay).")


def _key(ref: DocumentRef) -> tuple[str, FieldPath] | None:
    """The key a reference cites by (a registry key or a declared id), and where in it."""
    if isinstance(ref, str):
        return ref, ()
    return (ref.key, ("ma",)) if isinstance(ref, RegistryCitation) else None


def cited_keys_are_in_the_registry(ctx: Context) -> Iterator[Finding]:
    """A key (``nd-45-2020``) names a document of ``van-ban-phap-ly.yaml`` or one the căn cứ
    declare with an ``id``."""
    documents = citable_documents(ctx.plan, ctx.reference.legal_documents)
    for path, ref in _references(ctx):
        found = _key(ref)
        if found is not None and found[0] not in documents:
            yield error((*path, *found[1]), f"Không có văn bản mã '{found[0]}' trong danh mục "
                        "văn bản pháp lý hay trong căn cứ của kế hoạch.",
                        did_you_mean(found[0], documents, cutoff=0.5, otherwise=(
                            "Khai báo đầy đủ văn bản (loai, so_hieu, ngay, co_quan_ban_hanh, "
                            "trich_yeu) thay cho mã.")))


def declared_ids_are_not_registry_keys(ctx: Context) -> Iterator[Finding]:
    """An ``id`` a plan gives a document it writes out is not a registry key: the key would
    name two documents."""
    registry = ctx.reference.legal_documents
    for path, ref in _references(ctx):
        if isinstance(ref, LegalDocument) and ref.id in registry:
            yield error((*path, "id"), f"Mã '{ref.id}' đã là mã của một văn bản trong danh mục.",
                        f"Đặt mã khác cho văn bản này; muốn trích văn bản của danh mục theo lời "
                        f"của kế hoạch, viết {{ma: {ref.id}, trich_yeu: …}}.")


def cited_documents_are_in_force(ctx: Context) -> Iterator[Finding]:
    """Citing a document the registry marks as replaced is probably a mistake."""
    documents = citable_documents(ctx.plan, ctx.reference.legal_documents)
    for path, ref in _references(ctx):
        document = document_of(ref, documents)
        if isinstance(document, LegalDocument) and document.replaced_by:
            cited = document.name or f"{document.kind} {document.number}"
            yield warning(path, f"{cited} đã được thay thế bởi {document.replaced_by}.",
                          "Trích dẫn văn bản còn hiệu lực.")


def citation_dates_are_the_documents(ctx: Context) -> Iterator[Finding]:
    """A date written in a citation of a registry document (``ngay: 05/08/2022``) only says
    how to print the document's date: it cannot be another day."""
    documents = citable_documents(ctx.plan, ctx.reference.legal_documents)
    for path, ref in _references(ctx):
        if not isinstance(ref, RegistryCitation) or ref.date is None:
            continue
        document = documents.get(ref.key)
        if document is not None and document.date != ref.date:
            known = short_date(document.date) if document.date else "không có ngày"
            yield error((*path, "ngay"), f"Văn bản '{ref.key}' ngày {known}, không phải "
                        f"{ref.written_date or short_date(ref.date)}.",
                        "Ghi đúng ngày của văn bản (chỉ đổi cách viết, ví dụ 05/08/2022), "
                        "hoặc bỏ 'ngay'.")


def grouped_words_leave_nothing_out(ctx: Context) -> Iterator[Finding]:
    """A basis's own words for a group (``gop: các Công văn hướng dẫn của Bộ …``) stand for
    the kind and the issuer its documents share, which each citation then leaves out: the
    words must say them, and a group needs two documents."""
    documents = citable_documents(ctx.plan, ctx.reference.legal_documents)
    for i, basis in enumerate(ctx.plan.bases):
        if basis.grouped is False:
            continue
        if len(basis.documents) < 2:
            yield warning(("can_cu", i, "gop"), "'gop' trích chung nhiều văn bản, nhưng căn cứ "
                          "này chỉ có một văn bản.", "Bỏ 'gop', hoặc thêm các văn bản vào "
                          "'van_ban'.")
            continue
        if basis.grouped is True:
            continue
        found = [document_of(r, documents) for r in basis.documents]
        group = [d for d in found if isinstance(d, LegalDocument)]
        if len(group) < len(found):
            continue  # an unknown key: reported by its own rule
        words = basis.grouped.casefold()
        shared = [group[0].kind] if len({d.kind for d in group}) == 1 else []
        if len({d.issuer for d in group}) == 1 and group[0].issuer:
            shared.append(group[0].issuer)
        missing = [s for s in shared if s.casefold() not in words]
        if missing:
            said = " và ".join(f"'{m}'" for m in missing)
            yield warning(("can_cu", i, "gop"), f"Lời 'gop' không nói {said}, mà mọi văn bản "
                          "của nhóm cùng có: trích dẫn sẽ không in điều đó.",
                          f"Viết lời 'gop' có {' và '.join(missing)}, ví dụ 'các "
                          f"{group[0].kind} của {group[0].issuer or '…'}'.")


def document_problem(document: LegalDocument) -> str | None:
    """What a written-out document lacks to be cited (shared with the registry's tests)."""
    if document.is_law():
        return None if document.name else "Luật được trích bằng tên: cần khóa 'ten'."
    return None if document.number else "Văn bản (trừ Luật) cần số, ký hiệu ('so_hieu')."


def written_documents_can_be_cited(ctx: Context) -> Iterator[Finding]:
    """A Luật needs its name; any other document its number."""
    for path, ref in _references(ctx):
        problem = document_problem(ref) if isinstance(ref, LegalDocument) else None
        if problem:
            yield error(path, problem)


def basis_text_does_not_repeat_its_verb(ctx: Context) -> Iterator[Finding]:
    """"Căn cứ" is added by the tool; typing it again doubles it."""
    for i, basis in enumerate(ctx.plan.bases):
        if basis.text and basis.text.lstrip().lower().startswith(basis.verb.lower()):
            yield warning(("can_cu", i, "noi_dung"), f"Không cần gõ '{basis.verb}' ở đầu: "
                          "công cụ tự thêm từ mở đầu ('dong_tu').",
                          f"Xóa chữ '{basis.verb}' ở đầu đoạn.")


_KEY_LIKE = re.compile(r"[a-z0-9]+(?:[-._][a-z0-9]+)+")
"""A word that reads as a document's key (``nq-01-2024``, ``qd-2357-ubnd``), not as words."""


def kpi_bases_name_known_documents(ctx: Context) -> Iterator[Finding]:
    """An item of ``can_cu_giao`` written as a key names a document of the registry or of
    the căn cứ; otherwise it would print as the key itself."""
    documents = citable_documents(ctx.plan, ctx.reference.legal_documents)
    for k, kpi in enumerate(ctx.plan.kpis):
        items = basis_items(kpi)
        for n, item in enumerate(items):
            if item in documents or not _KEY_LIKE.fullmatch(item):
                continue
            path = ("chi_tieu", k, "can_cu_giao") + ((n,) if isinstance(kpi.basis, list) else ())
            yield error(path, f"Không có văn bản mã '{item}' trong danh mục hay trong căn cứ của "
                        "kế hoạch: ô căn cứ giao sẽ in nguyên mã này.",
                        did_you_mean(item, documents, cutoff=0.5, otherwise=(
                            "Đặt 'id' cho văn bản trong căn cứ (van_ban: {id: " + item +
                            ", loai: …}), hoặc ghi căn cứ bằng lời.")))

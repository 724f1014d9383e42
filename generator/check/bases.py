"""Rules of the căn cứ: what each basis cites, and whether the registry knows it."""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.core import Context, Finding, did_you_mean, error, warning
from generator.errors import FieldPath
from generator.model import LegalDocument


def _references(ctx: Context) -> Iterator[tuple[FieldPath, str | LegalDocument]]:
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


def cited_keys_are_in_the_registry(ctx: Context) -> Iterator[Finding]:
    """A registry key (``nd-45-2020``) must be one of ``van-ban-phap-ly.yaml``."""
    registry = ctx.reference.legal_documents
    for path, ref in _references(ctx):
        if isinstance(ref, str) and ref not in registry:
            yield error(path, f"Không có văn bản mã '{ref}' trong danh mục văn bản pháp lý.",
                        did_you_mean(ref, registry, cutoff=0.5, otherwise=(
                            "Khai báo đầy đủ văn bản (loai, so_hieu, ngay, co_quan_ban_hanh, "
                            "trich_yeu) thay cho mã.")))


def cited_documents_are_in_force(ctx: Context) -> Iterator[Finding]:
    """Citing a document the registry marks as replaced is probably a mistake."""
    registry = ctx.reference.legal_documents
    for path, ref in _references(ctx):
        document = registry.get(ref) if isinstance(ref, str) else ref
        if document is not None and document.replaced_by:
            cited = document.name or f"{document.kind} {document.number}"
            yield warning(path, f"{cited} đã được thay thế bởi {document.replaced_by}.",
                          "Trích dẫn văn bản còn hiệu lực.")


def document_problem(document: LegalDocument) -> str | None:
    """What a written-out document lacks to be cited (shared with the registry's tests)."""
    if document.is_law():
        return None if document.name else "Luật được trích bằng tên: cần khóa 'ten'."
    return None if document.number else "Văn bản (trừ Luật) cần số, ký hiệu ('so_hieu')."


def written_documents_can_be_cited(ctx: Context) -> Iterator[Finding]:
    """A Luật needs its name; any other document its number."""
    for path, ref in _references(ctx):
        problem = None if isinstance(ref, str) else document_problem(ref)
        if problem:
            yield error(path, problem)


def basis_text_does_not_repeat_its_verb(ctx: Context) -> Iterator[Finding]:
    """"Căn cứ" is added by the tool; typing it again doubles it."""
    for i, basis in enumerate(ctx.plan.bases):
        if basis.text and basis.text.lstrip().lower().startswith(basis.verb.lower()):
            yield warning(("can_cu", i, "noi_dung"), f"Không cần gõ '{basis.verb}' ở đầu: "
                          "công cụ tự thêm từ mở đầu ('dong_tu').",
                          f"Xóa chữ '{basis.verb}' ở đầu đoạn.")

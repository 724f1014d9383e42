"""Citations of legal documents: the one place their sentence is composed.

A document is cited in full ("Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về
…"; a Luật by its name and date) or in short ("Nghị định số 45/2020/NĐ-CP"), as
Nghị định 30/2020 wants a first citation and later ones. The text is printed literally:
document fields carry no markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from generator.model import LegalDocument
from generator.vnformat import long_date, short_date

Form = Literal["full", "short"]


def cite(document: LegalDocument, form: Form = "full") -> str:
    """The citation of ``document`` in the ``form`` asked for."""
    if document.is_law():
        return _cite_law(document, form)
    head = f"{document.kind} số {document.number}" if document.number else document.kind
    if form == "short":
        return head
    parts = [head]
    if document.date and document.long_date:
        parts.append(long_date(document.date.day, document.date.month, document.date.year))
    elif document.date:
        parts.append(f"ngày {short_date(document.date)}")
    if document.issuer:
        parts.append(f"của {document.issuer}")
    if document.title:
        parts.append(document.title)
    return " ".join(parts)


def _cite_law(document: LegalDocument, form: Form) -> str:
    """A Luật is cited by name and date only (no number)."""
    if form == "short" or not document.date:
        return document.name or document.kind
    date = document.date
    return f"{document.name} {long_date(date.day, date.month, date.year)}"


def cite_reference(reference: str | LegalDocument, registry: Mapping[str, LegalDocument],
                   form: Form = "full") -> str:
    """A registry key or a written-out document, cited; other words are kept as written.

    A KPI's legal basis may be a key (``nq-01-2024``), or plain words ("Kế hoạch này").
    """
    if isinstance(reference, LegalDocument):
        return cite(reference, form)
    document = registry.get(reference)
    return cite(document, form) if document is not None else reference


def _resolved(reference: str | LegalDocument,
              registry: Mapping[str, LegalDocument]) -> LegalDocument | str:
    if isinstance(reference, LegalDocument):
        return reference
    return registry.get(reference, reference)


def _groupable(a: LegalDocument | str, b: LegalDocument | str) -> bool:
    """Two documents of one kind from one issuer, each with a number, cited one after the
    other: "Các Công văn của Bộ …: số 09/… ngày … và số 1284/… ngày …"."""
    return isinstance(a, LegalDocument) and isinstance(b, LegalDocument) and \
        not a.is_law() and a.kind == b.kind and a.issuer is not None and \
        a.issuer == b.issuer and a.number is not None and b.number is not None


def _group_citation(group: list[LegalDocument]) -> str:
    """The grouped form: the kind in the plural and the issuer once, then each document."""
    items = []
    for document in group:
        parts = [f"số {document.number}"]
        if document.date and document.long_date:
            parts.append(long_date(document.date.day, document.date.month,
                                   document.date.year))
        elif document.date:
            parts.append(f"ngày {short_date(document.date)}")
        if document.title:
            parts.append(document.title)
        items.append(" ".join(parts))
    return f"Các {group[0].kind} của {group[0].issuer}: " + " và ".join(items)


def cite_all(references: list[str | LegalDocument],
             registry: Mapping[str, LegalDocument], *, grouped: bool = False) -> str:
    """The documents one basis cites, joined by "và"; with ``grouped`` (the basis's
    ``gop``), several of one kind from one issuer in a row are cited together, the issuer
    named once."""
    documents = [_resolved(r, registry) for r in references]
    groups: list[list[LegalDocument | str]] = []
    for document in documents:
        if grouped and groups and _groupable(groups[-1][-1], document):
            groups[-1].append(document)
        else:
            groups.append([document])
    out = []
    for group in groups:
        if len(group) > 1:
            out.append(_group_citation([d for d in group if isinstance(d, LegalDocument)]))
        else:
            only = group[0]
            out.append(cite(only) if isinstance(only, LegalDocument) else only)
    return " và ".join(out)

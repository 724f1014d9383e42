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

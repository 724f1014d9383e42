"""Citations of legal documents: the one place their sentence is composed.

A document is cited in full ("Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về
…"; a Luật by its name and date) or in short ("Nghị định số 45/2020/NĐ-CP"), as
Nghị định 30/2020 wants a first citation and later ones. The text is printed literally:
document fields carry no markup; a date the plan wrote as ``05/08/2022`` is printed so.

The documents a plan can cite by a key are the registry's and those its căn cứ declare with
an ``id`` (:func:`citable_documents`); a registry document may be cited in the plan's own
words (:class:`~generator.model.RegistryCitation`).
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping, Sequence
from typing import Literal

from generator.model import DocumentRef, LegalDocument, Plan, RegistryCitation
from generator.vnformat import long_date, short_date

Form = Literal["full", "short"]


def declared_documents(plan: Plan) -> dict[str, LegalDocument]:
    """The documents the plan's căn cứ write out with an ``id``, by that id."""
    return {ref.id: ref for basis in plan.bases for ref in basis.documents
            if isinstance(ref, LegalDocument) and ref.id}


def citable_documents(plan: Plan, registry: Mapping[str, LegalDocument]
                      ) -> Mapping[str, LegalDocument]:
    """Key → document for every document the plan may cite by a key: those it declares and
    the registry's (the check stage refuses an id that is also a registry key)."""
    return ChainMap(declared_documents(plan), dict(registry))


def document_of(reference: DocumentRef, documents: Mapping[str, LegalDocument]
                ) -> LegalDocument | str:
    """What a basis cites: the document (worded as the citation asks), or words kept as
    written when a key names no document (the check stage has refused that in a basis)."""
    if isinstance(reference, LegalDocument):
        return reference
    if isinstance(reference, RegistryCitation):
        found = documents.get(reference.key)
        return reference.key if found is None else reference.applied_to(found)
    return documents.get(reference, reference)


def _date(document: LegalDocument) -> str | None:
    """"ngày 08/4/2020", "ngày 05/08/2022" as the plan wrote it, or the long form."""
    date = document.date
    if date is None:
        return None
    if document.long_date:
        return long_date(date.day, date.month, date.year)
    return f"ngày {document.written_date or short_date(date)}"


def cite(document: LegalDocument, form: Form = "full") -> str:
    """The citation of ``document`` in the ``form`` asked for."""
    if document.is_law():
        return _cite_law(document, form)
    head = f"{document.kind} số {document.number}" if document.number else document.kind
    if form == "short":
        return head
    parts = [head, _date(document), f"của {document.issuer}" if document.issuer else None,
             document.title]
    return " ".join(part for part in parts if part)


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
    found = document_of(reference, registry)
    return cite(found, form) if isinstance(found, LegalDocument) else found


def _groupable(a: LegalDocument | str, b: LegalDocument | str) -> bool:
    """Two documents of one kind from one issuer, each with a number, cited one after the
    other: "các Công văn của Bộ …: số 09/… ngày … và số 1284/… ngày …"."""
    return isinstance(a, LegalDocument) and isinstance(b, LegalDocument) and \
        not a.is_law() and a.kind == b.kind and a.issuer is not None and \
        a.issuer == b.issuer and a.number is not None and b.number is not None


def listed(items: Sequence[str]) -> str:
    """"A và B", "A, B và C" as Vietnamese lists; items that hold commas themselves are
    kept apart by semicolons ("A; B và C")."""
    if len(items) < 2:
        return "".join(items)
    comma = "; " if any("," in item for item in items[:-1]) else ", "
    return comma.join(items[:-1]) + " và " + items[-1]


def _member(document: LegalDocument, kind: bool, issuer: bool) -> str:
    """One document of a grouped citation: what the group's words do not already say."""
    if document.is_law():
        return cite(document)
    head = f"số {document.number}" if document.number else ""
    if kind:
        head = f"{document.kind} {head}".strip()
    parts = [head, _date(document), f"của {document.issuer}" if issuer and document.issuer
             else None, document.title]
    return " ".join(part for part in parts if part)


def _shared(group: Sequence[LegalDocument]) -> tuple[bool, bool]:
    """Whether the documents of a group share their kind, and their issuer."""
    kinds = {d.kind for d in group}
    issuers = {d.issuer for d in group}
    return len(kinds) == 1 and not group[0].is_law(), len(issuers) == 1 and None not in issuers


def group_citation(group: Sequence[LegalDocument], words: str | None = None) -> str:
    """Several documents after one verb: the group's words, then each document without what
    every one shares. Without the plan's ``words``, "các {kind} của {issuer}" (lower case:
    it follows the verb, mid-sentence)."""
    same_kind, same_issuer = _shared(group)
    if words is None:
        words = f"các {group[0].kind} của {group[0].issuer}"
    members = [_member(d, not same_kind, not same_issuer) for d in group]
    return f"{words}: {listed(members)}"


def cite_all(references: Sequence[DocumentRef], documents: Mapping[str, LegalDocument], *,
             grouped: bool | str = False) -> str:
    """The documents one basis cites, as a list ("A, B và C").

    ``grouped`` is the basis's ``gop``: ``True`` cites several of one kind from one issuer
    in a row together, the issuer named once; the plan's own words cite every document of
    the basis under them.
    """
    found = [document_of(r, documents) for r in references]
    if isinstance(grouped, str) and found and all(isinstance(d, LegalDocument) for d in found):
        return group_citation([d for d in found if isinstance(d, LegalDocument)], grouped)
    groups: list[list[LegalDocument | str]] = []
    for document in found:
        if grouped is True and groups and _groupable(groups[-1][-1], document):
            groups[-1].append(document)
        else:
            groups.append([document])
    out = []
    for group in groups:
        if len(group) > 1:
            out.append(group_citation([d for d in group if isinstance(d, LegalDocument)]))
        else:
            only = group[0]
            out.append(cite(only) if isinstance(only, LegalDocument) else only)
    return listed(out)

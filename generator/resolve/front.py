"""Header strings, căn cứ sentences, signature and recipients: the fixed parts of a plan."""

from __future__ import annotations

from generator.inline import Inline, Span, parse_inline
from generator.model import Basis, LegalDocument, Plan
from generator.registry import legal_documents
from generator.resolved import Closing, Header, Para
from generator.vnformat import long_date, number_with_pad, short_date

BLANK_NUMBER = " " * 6
_ENDINGS = (";", ".", ",", ":")


def number_line(plan: Plan) -> str:
    """``Số: 05/KH-UBND``, or ``Số:      /KH-UBND`` for a draft."""
    number = number_with_pad(plan.number) if plan.number else BLANK_NUMBER
    return f"Số: {number}/{plan.type_code}-{plan.issuer.code}"


def issue_date(plan: Plan) -> str:
    """``ngày 06 tháng 4 năm 2024`` (blanks where a draft has none)."""
    return long_date(plan.date.day, plan.date.month, plan.date.year)


def header(plan: Plan) -> Header:
    """Everything the header table and the title block print."""
    issuer = plan.issuer
    return Header(
        parent_line=issuer.parent_line.upper() if issuer.parent_line else None,
        issuer_lines=tuple(line.upper() for line in issuer.name_lines),
        number_line=number_line(plan),
        place_date=f"{issuer.place}, {issue_date(plan)}",
        doc_type=plan.doc_type.upper(),
        summary=plan.summary.rstrip(". "),
    )


def attached_line(plan: Plan) -> str:
    """``(Kèm theo Kế hoạch số 35/KH-UBND ngày 06 tháng 4 năm 2024 của …)``."""
    number = number_line(plan).removeprefix("Số: ")
    return f"(Kèm theo Kế hoạch số {number} {issue_date(plan)} của {plan.issuer.full_name})"


def cite(document: LegalDocument) -> str:
    """The one correct citation form; a Luật by name and date only."""
    if document.is_law():
        when = f" {long_date(document.date.day, document.date.month, document.date.year)}" \
            if document.date else ""
        return f"{document.name}{when}"
    parts = [f"{document.kind} số {document.number}"]
    if document.date and document.long_date:
        parts.append(long_date(document.date.day, document.date.month, document.date.year))
    elif document.date:
        parts.append(f"ngày {short_date(document.date)}")
    if document.issuer:
        parts.append(f"của {document.issuer}")
    if document.title:
        parts.append(document.title)
    return " ".join(parts)


def _basis_text(basis: Basis) -> str:
    if basis.text:
        return basis.text
    registry = legal_documents()
    docs = [registry[ref] if isinstance(ref, str) else ref for ref in basis.documents]
    text = " và ".join(cite(doc) for doc in docs)
    if not basis.suffix:
        return text
    joiner = "" if basis.suffix[0] in ",.;:)" else " "
    return f"{text}{joiner}{basis.suffix}"


def _default_ending(plan: Plan, basis: Basis, last: bool) -> str:
    if plan.style.bases_style == "quy_dinh":
        return "." if last else ";"
    return ";" if basis.verb.casefold() == "căn cứ" else "."


def _with_ending(inlines: tuple[Inline, ...], ending: str) -> tuple[Inline, ...]:
    """Replace whatever final punctuation the text has with ``ending``."""
    *rest, last = inlines
    if isinstance(last, Span):
        text = last.text.rstrip()
        while text.endswith(_ENDINGS):
            text = text[:-1].rstrip()
        return (*rest, Span(text + ending, last.bold, last.italic))
    return (*inlines, Span(ending))


def bases(plan: Plan) -> tuple[Para, ...]:
    """The căn cứ paragraphs and the lead-in, punctuated by the plan's chosen style."""
    role = "basis-italic" if plan.style.bases_style == "quy_dinh" else "basis"
    out: list[Para] = []
    lead = parse_inline(plan.lead_in) if plan.lead_in else ()
    for i, basis in enumerate(plan.bases):
        last = i == len(plan.bases) - 1
        inlines = (Span(f"{basis.verb} "), *parse_inline(_basis_text(basis)))
        if last and lead and plan.style.lead_in_joined:
            out.append(Para(role, (*_with_ending(inlines, ","), Span(" "), *lead)))
            lead = ()
            continue
        ending = basis.ending or _default_ending(plan, basis, last)
        out.append(Para(role, _with_ending(inlines, ending)))
    if lead:
        out.append(Para("body", lead))
    return tuple(out)


def closing(plan: Plan) -> Closing:
    """Signature lines (TM./KT./Q./TL./TUQ.) and the recipient lines with their marks."""
    signer = plan.signer
    lines = [f"TM. {signer.on_behalf_of}"] if signer.on_behalf_of else []
    for prefix, value in (("KT.", signer.deputy_for), ("Q.", signer.acting),
                          ("TL.", signer.by_order), ("TUQ.", signer.by_mandate)):
        if value:
            lines.append(f"{prefix} {value}")
    lines.append(signer.title)
    recipients = plan.recipients
    names = [f"- {name};" for name in recipients.names]
    names.append(f"- Lưu: {recipients.archive.rstrip('. ')}.")
    return Closing(
        authority_lines=tuple(line.upper() for line in lines),
        signer_name=signer.name,
        recipients_lead=recipients.lead,
        recipient_lines=tuple(names),
    )



"""Header strings, căn cứ sentences, signature and recipients: the fixed parts of a plan."""

from __future__ import annotations

from collections.abc import Mapping

from generator.decree import BLANK_NUMBER
from generator.inline import Inline, Span, literal, merged, parse_inline
from generator.model import Appendix, Basis, LegalDocument, Plan
from generator.resolve.citations import citable_documents, cite_all
from generator.resolve.layout import Closing, Header, Para
from generator.vnformat import long_date, number_with_pad, roman

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


def appendix_label(appendix: Appendix, index: int, count: int) -> str:
    """"Phụ lục II": the appendix's own ``so``, else its place (none when it is alone)."""
    if appendix.numeral:
        return f"Phụ lục {appendix.numeral}"
    return "Phụ lục" if count == 1 else f"Phụ lục {roman(index)}"


def _basis_inlines(basis: Basis, documents: Mapping[str, LegalDocument]
                   ) -> tuple[Inline, ...]:
    """What follows the verb: the written text, or the citations and their suffix."""
    if basis.text:
        return parse_inline(basis.text)
    cited = literal(cite_all(basis.documents, documents, grouped=basis.grouped))
    if not basis.suffix:
        return cited
    joiner = () if basis.suffix[0] in ",.;:)" else (Span(" "),)
    return merged((*cited, *joiner, *parse_inline(basis.suffix)))


def _default_ending(plan: Plan, basis: Basis, last: bool) -> str:
    if plan.style.bases_style == "quy_dinh":
        return "." if last else ";"
    return ";" if basis.verb.casefold() == "căn cứ" else "."


def _with_ending(inlines: tuple[Inline, ...], ending: str) -> tuple[Inline, ...]:
    """Replace whatever final punctuation the text has with ``ending``."""
    *rest, last = inlines
    if type(last) is Span:  # a reference (Ref) is kept whole: the mark goes after it
        text = last.text.rstrip()
        while text.endswith(_ENDINGS):
            text = text[:-1].rstrip()
        return (*rest, Span(text + ending, last.bold, last.italic))
    return (*inlines, Span(ending))


def bases(plan: Plan, registry: Mapping[str, LegalDocument]) -> tuple[Para, ...]:
    """The căn cứ paragraphs and the lead-in, punctuated by the plan's chosen style."""
    role = "basis-italic" if plan.style.bases_style == "quy_dinh" else "basis"
    out: list[Para] = []
    lead = parse_inline(plan.lead_in) if plan.lead_in else ()
    documents = citable_documents(plan, registry)
    for i, basis in enumerate(plan.bases):
        last = i == len(plan.bases) - 1
        inlines = merged((Span(f"{basis.verb} "), *_basis_inlines(basis, documents)))
        if last and lead and plan.style.lead_in_joined:
            joint = basis.ending or ","  # the plan's own ending, when it gives one
            out.append(Para(role, (*_with_ending(inlines, joint), Span(" "), *lead),
                            key=f"b:{basis.id}"))
            lead = ()
            continue
        ending = basis.ending or _default_ending(plan, basis, last)
        out.append(Para(role, _with_ending(inlines, ending), key=f"b:{basis.id}"))
    if lead:
        out.append(Para("body", lead, key="loi_dan"))
    return tuple(out)


def closing(plan: Plan) -> Closing:
    """Signature lines (TM./KT./Q./TL./TUQ.) and the recipient lines with their marks."""
    signer = plan.signer
    lines = [f"TM. {signer.on_behalf_of}"] if signer.on_behalf_of else []
    for prefix, value in (("TL.", signer.by_order), ("TUQ.", signer.by_mandate),
                          ("KT.", signer.deputy_for), ("Q.", signer.acting)):
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

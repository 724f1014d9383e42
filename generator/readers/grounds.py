"""Each "Căn cứ …" / "Thực hiện …" paragraph as the documents it cites.

A citation is read back only when kehoach prints it again word for word (the resolve
step's ``cite`` is run on what was read and compared): otherwise the paragraph's words are
kept as they are (``noi_dung``), so nothing a clerk wrote changes.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import ValidationError

from generator.inline import escape, plain_text, split_inline
from generator.model.legal import LegalDocument, RegistryCitation
from generator.readers.blocks import Line
from generator.readers.guesses import Notes
from generator.reference import load_reference
from generator.resolve.citations import cite, listed

VERBS = ("Căn cứ", "Thực hiện", "Xét đề nghị", "Theo đề nghị", "Xét")
ENDINGS = ";.,:"
KINDS = ("Nghị quyết", "Nghị định", "Quyết định", "Thông tư liên tịch", "Thông tư",
         "Chỉ thị", "Kế hoạch", "Công văn", "Văn bản", "Thông báo", "Kết luận", "Hướng dẫn",
         "Chương trình", "Đề án", "Báo cáo", "Tờ trình", "Luật", "Bộ luật", "Pháp lệnh")
_KIND = "|".join(KINDS)
_DOC = re.compile(
    r"(?P<kind>" + _KIND + r")\s+(?:số\s+)?(?P<number>\d[\w.\-]*(?:/[\w.\-]+)+|\d[\w.]*-[\w\-]+)"
    r",?\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
    r"\s*(?:của\s+)?(?P<rest>.*)$", re.DOTALL)
_LAW = re.compile(r"^(?P<name>(?:Luật|Bộ luật)\s[^\d]+?)"
                  r"(?:\s+số\s+(?P<number>\d[\w.\-]*/[\w.\-/]+))?\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+"
                  r"\d{4})$")
"""A Luật by its name and date, its number too when the plan wrote it ("Luật Điện lực số
61/2024/QH15 ngày 30/11/2024"): kehoach cites a Luật by name and date only (Nghị định 30),
so the number is kept in ``so_hieu`` and not printed, which the summary says."""
_SPLIT = re.compile(r"((?:;|,)?\s+(?:và\s+)?)(?=(?:" + _KIND + r")\s+(?:số\s+)?\d)")
_LEAD = re.compile(r",\s+(?P<lead>[^,;]{3,80}?\s(?:ban hành|xây dựng|triển khai)\s+(?:[Kk]ế hoạch)"
                   r"[^;]*$)")
_LEAD_AFTER_STOP = re.compile(r"\.\s+(?P<lead>[A-ZĐ][^;]*?\s(?:ban hành|xây dựng|triển khai)\s+"
                              r"[Kk]ế hoạch[^;]*$)")
"""A lead-in that opens a sentence of its own after the last căn cứ's full stop ("…. Để tổ
chức triển khai …, Ủy ban nhân dân tỉnh ban hành kế hoạch …, cụ thể như sau:")."""
_MENTION = re.compile(r"(?:" + _KIND + r")\s+(?:số\s+)?\d")
"""A document named: a ground before a lead-in that names none ("chức năng, nhiệm vụ
được giao") is a ground, not a citation missed."""
_ASIDE = re.compile(r"\s+(?P<aside>\(\*?[^()*]+\*?\)|\*\([^()*]+\)\*)$")
"""What follows the citations in brackets: "(viết tắt là Đề án 06)", "(*gọi tắt là …*)"."""
_NOTE = re.compile(r"\^\[(?:[^\[\]\\]|\\.)*\]$")
REPAIRED = {"số", "và", "tháng", "năm"}
"""Words kehoach's citation sentence may add to what a clerk typed: "Quyết định 1883/…" →
"Quyết định số 1883/…", the "và" before the last of several documents, a Luật's date in
words. Adding them is the format repaired (said in the summary), never a word lost."""
_ISSUERS = ("Chính phủ", "Thủ tướng Chính phủ", "Quốc hội", "Ban Chấp hành Trung ương",
            "Bộ Chính trị", "Ban Bí thư")


def starts_basis(line: Line) -> bool:
    """A paragraph opening with "Căn cứ" or "Thực hiện"."""
    return line.plain.startswith(VERBS[:2])


def recognise_basis(line: Line, notes: Notes) -> tuple[dict[str, Any], str]:
    """One paragraph as ``{dong_tu, van_ban}`` or, when not read back the same, as
    ``{dong_tu, noi_dung}``; and the lead-in written on at its end ("…, Sở Công Thương ban
    hành Kế hoạch … như sau:"), if any."""
    verb, rest = _verb(line, notes)
    lead = ""
    for joined in (_LEAD_AFTER_STOP.search(rest), _LEAD.search(rest)):
        if joined is None or verb not in VERBS[:2]:
            continue
        before = rest[:joined.start("lead")].rstrip(" ,")
        cited = before.rstrip(".")
        if aside_before := _ASIDE.search(cited):
            cited = cited[:aside_before.start()]
        if _documents(cited) is not None or _MENTION.search(cited) is None:
            rest, lead = before, joined["lead"]
            break
    note = _NOTE.search(rest)  # "…;^[Theo Quyết định: …]": a footnote after the ending
    if note:
        rest = rest[:note.start()].rstrip()
    ending = rest[-1] if rest and rest[-1] in ENDINGS else ""
    body = rest[:-1].rstrip() if ending else rest
    out: dict[str, Any] = {"dong_tu": verb} if verb != "Căn cứ" else {}
    aside = _ASIDE.search(body)  # "(viết tắt là Chỉ thị 11)", in italics or not
    cited = body[:aside.start()] if aside else body
    documents = _documents(cited) if verb in VERBS[:2] else None
    if documents is not None:
        cited_as = _codes(documents)
        out["van_ban"] = cited_as[0] if len(documents) == 1 else cited_as
        if aside or note:
            out["ghi_them"] = (aside["aside"] if aside else "") + (note[0] if note else "")
        notes.count("văn bản căn cứ (trích dẫn)", len(documents))
        numbered = [d["ten"] for d in documents if "ten" in d and "so_hieu" in d]
        if numbered:
            notes.repaired.append(f"{line.where}: {', '.join(numbered)}: Luật được trích bằng "
                               "tên và ngày (Nghị định 30), số hiệu giữ trong 'so_hieu'")
        added = _added(body, documents)
        if added:
            notes.repaired.append(f"{line.where}: thể thức trích dẫn được sửa (thêm "
                               f"{', '.join(repr(w) for w in added)})")
    else:
        out["noi_dung"] = body + (ending + note[0] if note else "") or "…"
        if not body:
            notes.guess("can_cu", f"{line.where}: căn cứ không có chữ sau '{verb}': hãy viết")
        if verb in VERBS[:2]:
            notes.count("căn cứ giữ nguyên lời")
            notes.plain.append(f"{line.where}: căn cứ giữ nguyên lời (chưa tách được văn bản)")
    if verb not in VERBS[:2] and ending in ".;" and not note:  # "": a "Xét …" one ends "."
        out["ket_thuc"] = ending or "."
    elif lead and ending == ".":  # the lead-in a sentence of its own: "…. Để tổ chức …"
        out["ket_thuc"] = "."
    return out, lead


def _verb(line: Line, notes: Notes) -> tuple[str, str]:
    """The opening word ("Căn cứ", "Thực hiện", "Xét"…) as the plain text 'dong_tu' holds,
    and the rest as markup. A verb that shows bold or italic ("**(***Kèm* theo…") is cut
    from the words, not from the marks, so the rest keeps balanced marks; its own bold or
    italic cannot be kept in 'dong_tu' and the summary says so."""
    text = line.markup
    words = plain_text(text)
    verb = next((v for v in VERBS if words.startswith(v)), words.split(" ", 1)[0])
    if text.startswith(verb):
        return verb, text[len(verb):].strip()
    head, rest = split_inline(text, len(verb))
    if head != escape(verb):
        notes.repaired.append(f"{line.where}: chữ mở đầu '{verb}' in thường (chữ đậm, "
                              "nghiêng của nó không giữ được trong 'dong_tu')")
    return verb, rest.strip()


def _documents(body: str) -> list[dict[str, Any]] | None:
    """The documents ``body`` cites, if kehoach's citation sentence gives its words back
    (only the words of :data:`REPAIRED` may be added)."""
    if "*" in body or "^[" in body or "\\" in body:
        return None
    documents = _pieces(body)
    if documents is None:
        return None
    try:
        printed = listed([cite(LegalDocument.model_validate(d)) for d in documents])
    except (ValidationError, ValueError):
        return None
    mine, theirs = _words(printed), _words(_without_law_numbers(body, documents))
    return documents if [w for w in mine if w not in REPAIRED] == \
        [w for w in theirs if w not in REPAIRED] and len(mine) >= len(theirs) else None


def _without_law_numbers(body: str, documents: list[dict[str, Any]]) -> str:
    """``body`` without the "số 61/2024/QH15" of the Luật it cites (not printed)."""
    for document in documents:
        if document["loai"] in ("Luật", "Bộ luật") and "so_hieu" in document:
            body = body.replace(f" số {document['so_hieu']}", "", 1)
    return body


def _pieces(body: str) -> list[dict[str, Any]] | None:
    """Each document of ``body``: a mention that cannot stand as one, or follows the words
    before it with no comma, semicolon or "và" (a document named inside another's summary:
    "… ban hành kế hoạch triển khai Nghị quyết số 163/…"), stays in the summary of the one
    before it."""
    parts = _SPLIT.split(body)
    texts = [parts[0]]
    for joint, piece in zip(parts[1::2], parts[2::2], strict=True):
        if not joint.strip() or _document(piece.strip().rstrip(ENDINGS + " ")) is None or \
                _document(texts[-1].strip().rstrip(ENDINGS + " ")) is None:
            texts[-1] += joint + piece
        else:
            texts.append(piece)
    found = [_document(text.strip().rstrip(ENDINGS + " ")) for text in texts]
    documents = [d for d in found if d is not None]
    return documents if documents and len(documents) == len(found) else None


def _added(body: str, documents: list[dict[str, Any]]) -> list[str]:
    printed = _words(listed([cite(LegalDocument.model_validate(d)) for d in documents]))
    theirs = _words(body)
    return sorted({w for w in REPAIRED if printed.count(w) > theirs.count(w)})


def _document(body: str) -> dict[str, Any] | None:
    """One document as the plan declares it (type, number, date, issuer, summary)."""
    law = _LAW.match(body)
    if law is not None:
        date, long = _date(law.group("date"))
        named: dict[str, Any] = {"loai": "Bộ luật" if body.startswith("Bộ luật") else "Luật",
                                 "ten": law.group("name"), "ngay": date}
        if law.group("number"):
            named["so_hieu"] = law.group("number")
        return named
    found = _DOC.match(body)
    if found is None:
        return None
    issuer, title = _split_issuer(found.group("rest"))
    date, long = _date(found.group("date"))
    data: dict[str, Any] = {"loai": found.group("kind"), "so_hieu": found.group("number"),
                            "ngay": date}
    if long:
        data["ngay_day_du"] = True
    if issuer:
        data["co_quan_ban_hanh"] = issuer
    if title:
        data["trich_yeu"] = title
    return data


def _codes(documents: list[dict[str, Any]]) -> list[Any]:
    """Each document found in the reference registry by its number written as its code
    (with the plan's own date, issuer and summary when the registry words them otherwise),
    so long as the citation prints the same words; the others as declared."""
    registry = load_reference().legal_documents
    by_number: dict[tuple[str, str | None], str] = {
        (d.kind, d.number): key for key, d in registry.items() if d.number}
    out: list[Any] = []
    for document in documents:
        key = by_number.get((document["loai"], document.get("so_hieu")))
        if key is None:
            out.append(document)
            continue
        worded: dict[str, Any] = {k: document[k] for k in ("ngay", "trich_yeu", "co_quan_ban_hanh",
                                            "ngay_day_du") if k in document}
        citation: dict[str, Any] = {"ma": key, **worded}
        try:
            same = cite(RegistryCitation.model_validate(citation).applied_to(registry[key])) \
                == cite(LegalDocument.model_validate(document)) and \
                RegistryCitation.model_validate(citation).applied_to(registry[key]).date == \
                LegalDocument.model_validate(document).date and \
                registry[key].name == document.get("ten", registry[key].name)
        except (ValidationError, ValueError):
            same = False
        out.append(citation if same else document)
    return out


def _date(text: str) -> tuple[str, bool]:
    """The date as written ("08/4/2020"), or, for "ngày 30 tháng 12 năm 2021", the ISO date
    and the flag that prints it in words again."""
    long = re.match(r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", text)
    if long:
        return f"{long[3]}-{int(long[2]):02d}-{int(long[1]):02d}", True
    return text, False


def _split_issuer(rest: str) -> tuple[str, str]:
    """"Chính phủ quy định …" → ("Chính phủ", "quy định …"): the issuer runs to the first
    word written in lower case that opens a summary ("về", "quy định", "ban hành" …)."""
    for known in sorted(_ISSUERS, key=len, reverse=True):
        if rest.startswith(known + " ") or rest == known:
            return known, rest[len(known):].strip()
    words = rest.split(" ")
    for i, word in enumerate(words):
        if i and word[:1].islower() and word not in ("nhân", "dân", "tỉnh", "huyện", "xã",
                                                     "thành", "phố", "ban", "và", "của",
                                                     "Công", "phường", "quận", "trị", "ủy",
                                                     "vụ", "đảng"):
            return " ".join(words[:i]), " ".join(words[i:])
    return rest, ""


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())

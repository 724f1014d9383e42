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

from generator.model.legal import LegalDocument
from generator.readers.blocks import Line
from generator.readers.guesses import Notes
from generator.resolve.citations import cite

VERBS = ("Căn cứ", "Thực hiện", "Xét đề nghị", "Theo đề nghị", "Xét")
ENDINGS = ";.,:"
KINDS = ("Nghị quyết", "Nghị định", "Quyết định", "Thông tư liên tịch", "Thông tư",
         "Chỉ thị", "Kế hoạch", "Công văn", "Văn bản", "Thông báo", "Kết luận", "Hướng dẫn",
         "Chương trình", "Đề án", "Báo cáo", "Tờ trình", "Luật", "Bộ luật", "Pháp lệnh")
_DOC = re.compile(
    r"(?P<kind>" + "|".join(KINDS) + r")\s+(?:số\s+)?(?P<number>\d+[\w/.\-Đđ]*-[\wĐđ\-]+)"
    r"\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4})\s+(?:của\s+)?(?P<rest>.*)$", re.DOTALL)
_ISSUERS = ("Chính phủ", "Thủ tướng Chính phủ", "Quốc hội", "Ban Chấp hành Trung ương",
            "Bộ Chính trị", "Ban Bí thư")


def starts_basis(line: Line) -> bool:
    return line.plain.startswith(VERBS[:2])


def recognise_basis(line: Line, notes: Notes) -> dict[str, Any]:
    """One paragraph as ``{dong_tu, van_ban}`` or, when not read back the same, as
    ``{dong_tu, noi_dung}``."""
    text = line.markup
    verb = next((v for v in VERBS if text.startswith(v)), text.split(" ", 1)[0])
    rest = text[len(verb):].strip()
    ending = rest[-1] if rest and rest[-1] in ENDINGS else ""
    body = rest[:-1].rstrip() if ending else rest
    out: dict[str, Any] = {"dong_tu": verb}
    document = _document(body)
    if document is not None:
        out["van_ban"] = document
        notes.count("văn bản căn cứ (trích dẫn)")
    else:
        out["noi_dung"] = body
        if verb in VERBS[:2]:
            notes.count("văn bản căn cứ giữ nguyên lời")
            notes.plain.append(f"{line.where}: căn cứ giữ nguyên lời (chưa tách được văn bản)")
    if verb not in VERBS[:2] and ending in ".;":
        out["ket_thuc"] = ending or "."
    return out


def _document(body: str) -> dict[str, Any] | None:
    """The one document ``body`` cites, if kehoach prints it back the same."""
    if "*" in body or "^[" in body:
        return None
    found = _DOC.match(body)
    if found is None:
        return None
    rest = found.group("rest")
    issuer, title = _split_issuer(rest)
    day, month, year = found.group("date").split("/")
    data: dict[str, Any] = {"loai": found.group("kind"), "so_hieu": found.group("number"),
                            "ngay": found.group("date")}
    if issuer:
        data["co_quan_ban_hanh"] = issuer
    if title:
        data["trich_yeu"] = title
    try:
        printed = cite(LegalDocument.model_validate(data))
    except (ValidationError, ValueError):
        return None
    return data if _words(printed) == _words(body) else None


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
                                                     "Công", "phường", "quận", "trị"):
            return " ".join(words[:i]), " ".join(words[i:])
    return rest, ""


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())

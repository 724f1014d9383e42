"""The header: issuing body, number, place and date, the document's kind and its summary."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from generator.inline import escape
from generator.model.plan import ISSUER_CODE
from generator.readers.blocks import Block, Grid, Line
from generator.readers.guesses import Notes

NATION = re.compile(r"^C[OỘ]NG H[OÒ][AÀ]", re.IGNORECASE)  # "HÒA" and "HOÀ"
MOTTO = re.compile(r"^Độc lập", re.IGNORECASE)
NUMBER = re.compile(r"^Số\s*:?\s*(\d*)\s*/\s*([A-ZĐ]+)-(\w+(?:[-.]\w+)*)", re.IGNORECASE)
PLACE_DATE = re.compile(r"^(.+?),\s*ngày\s*(\d*)\s*tháng\s*(\d*)\s*năm\s*(\d{4})")
KINDS = ("KẾ HOẠCH",)
RIGHT_COLUMN = re.compile(r"C[OỘ]NG H[OÒ][AÀ] X|Độc lập\s*[-–]", re.IGNORECASE)
"""Where the header's right column begins on a line typed across both (with tabs)."""
_LEVELS = (("SỞ", "so"), ("TỈNH", "tinh"), ("THÀNH PHỐ", "tinh"), ("HUYỆN", "huyen"),
           ("QUẬN", "huyen"), ("THỊ XÃ", "huyen"), ("XÃ", "xa"), ("PHƯỜNG", "xa"),
           ("THỊ TRẤN", "xa"), ("ĐẶC KHU", "xa"))


def header_lines(blocks: list[Block]) -> tuple[list[Line], int]:
    """The lines before the summary (a header table's cells read left column first), and
    the index of the first block after the title line. A document with no title line "KẾ
    HOẠCH" (a công văn, a báo cáo…) has its header end at its last line of number or date,
    so that its issuer, motto, number and date are read as a header, not as the summary and
    the căn cứ."""
    lines: list[Line] = []
    known: tuple[int, int] | None = None  # (lines, blocks) up to the last number or date
    for index, block in enumerate(blocks):
        start = len(lines)
        if isinstance(block, Grid):
            columns: dict[int, list[Line]] = {}
            for row in block.rows:
                column = 0
                for cell in row:
                    columns.setdefault(column, []).extend(cell.lines)
                    column += cell.colspan
            for column in sorted(columns):
                lines.extend(columns[column])
        elif block.plain.upper() in KINDS or block.plain.upper().startswith("KẾ HOẠCH"):
            lines.append(block)
            return lines, index + 1
        else:
            lines.append(block)
        if any(NUMBER.match(line.plain) or PLACE_DATE.match(line.plain)
               for line in lines[start:]):
            known = (len(lines), index + 1)
        if index > 12:
            break
    return (lines[:known[0]], known[1]) if known else ([], 0)


def recognise_header(lines: list[Line], notes: Notes) -> dict[str, Any]:
    """co_quan, so, ngay_ban_hanh, ten_loai (the summary follows separately)."""
    names: list[Line] = []
    out: dict[str, Any] = {}
    issuer: dict[str, Any] = {}
    for line in (part for whole in lines for part in columns(whole)):
        text = line.plain
        if NATION.match(text) or MOTTO.match(text) or set(text) <= set("-_–— "):
            continue
        if (found := NUMBER.match(text)):
            if found.group(1):
                out["so"] = int(found.group(1))
            out["loai_van_ban"] = found.group(2).upper()
            issuer["ky_hieu"] = _issuer_code(found.group(3), notes)
        elif (found := PLACE_DATE.match(text)):
            issuer["dia_danh"] = found.group(1).strip()
            out["ngay_ban_hanh"] = _date(found)
        elif re.fullmatch(r"KẾ HOẠCH(?: [^\W\d_]+)*", text.upper()):
            out["ten_loai"] = text.upper()
        elif not out and text.upper() == text and any(c.isalpha() for c in text):
            names.append(line)
    issuer = _issuer(names, issuer, notes)
    return {"co_quan": issuer, **out}


def columns(line: Line) -> list[Line]:
    """A header line typed across both columns with tabs ("ỦY BAN NHÂN DÂN → CỘNG HÒA XÃ
    HỘI …", "Số: /UBND-NC → Lâm Đồng, ngày …") as its left and right parts."""
    text = line.plain
    right = RIGHT_COLUMN.search(text, 1)
    if right is None:
        number = NUMBER.match(text)
        rest = text[number.end():].strip() if number else ""
        if not (rest and PLACE_DATE.match(rest)):
            return [line]
        cut = text.index(rest, number.end() if number else 0)
    else:
        cut = right.start()
    left, rest = text[:cut].strip(), text[cut:].strip()
    if not left:
        return [line]
    return [replace(line, markup=escape(left), plain=left),
            *columns(replace(line, markup=escape(rest), plain=rest))]


def _issuer_code(written: str, notes: Notes) -> str:
    """The issuer's abbreviation as the number line writes it, when it has the form a
    number needs (UBND, VP-UBND); otherwise its leading capitals, said as a guess, so an
    OCR slip ("KH-UBNDa") never makes the imported plan fail to validate."""
    if re.fullmatch(ISSUER_CODE, written):
        return written
    lead = re.match(r"[A-ZĐ0-9]+(?:[-.][A-ZĐ0-9]+)*", written)
    code = lead.group(0) if lead else written.upper()
    if not re.fullmatch(ISSUER_CODE, code):
        code = "UBND"
    notes.guess("co_quan", f"số ký hiệu ghi '{written}': đọc chữ viết tắt là '{code}', "
                "hãy xem lại 'ky_hieu'")
    return code


def _date(found: re.Match[str]) -> Any:
    day, month, year = found.group(2), found.group(3), int(found.group(4))
    if day and month:
        import datetime as dt
        try:
            return dt.date(year, int(month), int(day))
        except ValueError:
            pass
    return {"thang": int(month), "nam": year} if month else {"nam": year}


def _committee_lines(name: str) -> list[str]:
    """"ỦY BAN NHÂN DÂN TỈNH LÀO CAI" written on one paragraph (a hand line break) as the
    two lines the header shows."""
    for lead in ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN"):
        if name.startswith(lead + " "):
            return [lead, name[len(lead):].strip()]
    return [name]


def _issuer(lines: list[Line], found: dict[str, Any], notes: Notes) -> dict[str, Any]:
    """The issuer's own name shows bold; the parent line above it does not."""
    bold = [line.bold for line in lines]
    names = [line.plain for line in lines]
    committee = bool(names) and names[0].startswith(("ỦY BAN", "UỶ BAN", "HỘI ĐỒNG"))
    cut = bold.index(True) if any(bold) and not all(bold) else \
        (1 if len(lines) > 1 and not committee else 0)
    parent = " ".join(names[:cut]) or None
    own = [part for name in names[cut:] for part in _committee_lines(name)]
    if not own:
        own = ["CƠ QUAN BAN HÀNH"]
        notes.guess("co_quan", "không thấy tên cơ quan ban hành ở đầu văn bản: hãy ghi 'ten'")
    joined = " ".join(own)
    level = next((code for word, code in _LEVELS if word in joined.upper()), "so")
    full = _sentence_case(joined)
    notes.guess("co_quan", f"đoán cấp '{level}' và tên trong câu '{full}': hãy xem lại")
    out: dict[str, Any] = {}
    if parent:
        out["co_quan_chu_quan"] = parent
    out["ten"] = own
    out["cap"] = level
    out["ky_hieu"] = found.get("ky_hieu") or "UBND"
    out["dia_danh"] = found.get("dia_danh") or "…"
    out["ten_day_du"] = full
    return out


def _sentence_case(name: str) -> str:
    """"ỦY BAN NHÂN DÂN TỈNH LÀO CAI" → "Ủy ban nhân dân tỉnh Lào Cai" (the common part
    lower, the place name capitalised after the level word)."""
    words = name.split()
    levels = {"TỈNH", "HUYỆN", "XÃ", "PHƯỜNG", "QUẬN", "THỊ", "THÀNH", "TRẤN", "PHỐ"}
    out: list[str] = []
    place = False
    for i, word in enumerate(words):
        if place or i == 0:
            out.append(word.capitalize())
        else:
            out.append(word.lower())
        if word in levels and i + 1 < len(words) and words[i + 1] not in levels:
            place = True
    if words and words[0] == "SỞ":
        return " ".join(w.capitalize() for w in words)
    return " ".join(out)

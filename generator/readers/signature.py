"""The signature block (TM./KT./Q./TL./TUQ., title, name) and Nơi nhận with its Lưu line."""

from __future__ import annotations

import re
from typing import Any

from generator.readers.anatomy import RECIPIENTS_HEAD
from generator.readers.blocks import Grid, Line
from generator.readers.guesses import Notes

AUTHORITY = {"TM.": "thay_mat", "KT.": "ky_thay", "Q.": "quyen", "TL.": "thua_lenh",
             "TUQ.": "thua_uy_quyen"}
RECIPIENTS = RECIPIENTS_HEAD
""""Nơi nhận:" as ``check`` finds it, typing faults too ("Noi nhận", "Nơi nhân")."""


def is_signature(block: Grid | Line) -> bool:
    """The signature block: a table holding "Nơi nhận" near its start, or that line."""
    if isinstance(block, Grid):
        return any(RECIPIENTS.match(line.plain) for row in block.rows[:2] for cell in row
                   for line in cell.lines[:1])
    return RECIPIENTS.match(block.plain) is not None


def split_columns(grid: Grid) -> tuple[list[Line], list[Line]]:
    """The recipients' column (the cell holding "Nơi nhận" or the Lưu line) and the
    signer's (every other cell with words)."""
    left: list[Line] = []
    right: list[Line] = []
    for row in grid.rows:
        for cell in row:
            text = " ".join(line.plain for line in cell.lines)
            recipients = RECIPIENTS.match(text) is not None or \
                re.search(r"Lưu\s*:", text) is not None
            (left if recipients else right).extend(cell.lines)
    return left, right


def signature_lines(blocks: list[Any], start: int) -> tuple[list[Line], list[Line], int]:
    """A text's signature block, line by line from "Nơi nhận": the recipients ("- …" lines
    up to "Lưu"), then the signer's lines, up to an appendix; and where it ends."""
    left: list[Line] = []
    right: list[Line] = []
    index = start
    archived = False
    while index < len(blocks) and isinstance(blocks[index], Line):
        line = blocks[index]
        if re.match(r"^PHỤ LỤC", line.plain, re.IGNORECASE) or len(right) >= 6:
            break
        if not archived and (index == start or line.plain[:1] in "-–+•"):
            left.append(line)
            archived = "Lưu" in line.plain[:6]
        else:
            right.append(line)
        index += 1
    return left, right, index


def _signs(text: str) -> bool:
    return any(text.startswith(k) for k in AUTHORITY) or text.isupper()


def recognise_signer(lines: list[Line], notes: Notes) -> dict[str, Any]:
    """The signer from the lines of the signature column: TM./KT./Q./TL./TUQ. lines, the
    title (capitals), the name (the last line that is not in capitals)."""
    shown = [line.plain for line in lines if line.plain]
    out: dict[str, Any] = {}
    titles = []
    for text in shown:
        head = text.split(" ", 1)
        if head[0] in AUTHORITY and len(head) > 1:
            whom, deputy = _deputy(head[1])  # "KT. CHỦ TỊCH⏎PHÓ CHỦ TỊCH" in one paragraph
            out[AUTHORITY[head[0]]] = whom
            if deputy:
                titles.append(deputy)
        elif text.upper() == text and any(c.isalpha() for c in text):
            titles.append(text)
    names = [t for t in shown if t.upper() != t]
    out["chuc_vu"] = titles[-1] if titles else "…"
    out["ho_ten"] = names[-1] if names else "…"
    if not names:
        notes.guess("nguoi_ky", "không thấy tên người ký: hãy ghi 'ho_ten'")
    notes.count("người ký")
    return out


def _deputy(text: str) -> tuple[str, str]:
    """"CHỦ TỊCH PHÓ CHỦ TỊCH" → ("CHỦ TỊCH", "PHÓ CHỦ TỊCH"): the title of a deputy written
    on in the same paragraph (a hand line break) as the "KT." line."""
    at = text.find(" PHÓ ")
    return (text[:at], text[at + 1:]) if at > 0 else (text, "")


def recognise_recipients(lines: list[Line], notes: Notes) -> dict[str, Any]:
    """Nơi nhận: its "- …;" lines and the Lưu line (which begins with VT)."""
    names: list[str] = []
    archive = ""
    lead = None
    for line in lines:
        text = RECIPIENTS.sub("", line.shown).strip()
        if not text:
            continue
        item = re.sub(r"^[-–+•]\s*", "", text).rstrip(";,.").strip()
        if item.startswith("Lưu"):
            archive = re.sub(r"^Lưu\s*:?\s*", "", item).strip() or "VT"
            if not archive.startswith("VT"):
                notes.repaired.append(f"{line.where}: 'Lưu: {archive}' → 'Lưu: VT, {archive}' "
                                   "(Nghị định 30: văn thư lưu trước)")
                archive = f"VT, {archive}"
        elif item.endswith(":") and not names:
            lead = item
        elif item:
            names.append(item)
    out: dict[str, Any] = {}
    if lead:
        out["dau"] = lead
    out["danh_sach"] = names or ["…"]
    if not names:
        notes.guess("noi_nhan", "không thấy danh sách Nơi nhận: hãy ghi 'danh_sach'")
    out["luu"] = archive or "VT"
    if not archive:
        notes.guess("noi_nhan", "không thấy dòng 'Lưu:': đã ghi 'VT'")
    notes.count("nơi nhận", len(names))
    return out

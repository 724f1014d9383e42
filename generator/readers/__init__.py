"""``kehoach import``: a Word plan, or a published plan's text, as a plan YAML that builds
it again.

Two steps, as pandoc reads: a faithful view of the document (:mod:`docx`, :mod:`text`), then
small recognisers over its lines and tables (header, grounds, sections, signature,
appendices) that fill a Draft, written by the YAML writer shared with ``derive``. Whatever is
not recognised stays at its place as a paragraph or a free table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.check.body import TYPED_UNDERSCORES
from generator.draft import Draft
from generator.errors import Diagnostic, KeHoachError
from generator.inputs import read_input
from generator.readers.appendices import read_appendices
from generator.readers.blocks import Block, Grid, Line, View
from generator.readers.grounds import VERBS, recognise_basis, starts_basis
from generator.readers.guesses import Notes
from generator.readers.header import header_lines, recognise_header
from generator.readers.sections import Body
from generator.readers.signature import (
    is_signature,
    recognise_recipients,
    recognise_signer,
    signature_lines,
    split_columns,
)

MAX_INPUT_BYTES = 200_000_000
SUFFIXES = (".docx", ".pdf", ".txt", ".md")


@dataclass
class Imported:
    """The plan read from a document, and what the reading was sure of."""

    draft: Draft
    notes: Notes


def import_file(path: Path) -> Imported:
    """Read ``path`` (.docx, .pdf, .txt, .md) into a Draft; the clerk's error otherwise."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise KeHoachError([Diagnostic(
            f"kehoach nhập được tệp Word (.docx), PDF, .txt hoặc .md, không nhập được "
            f"'{path.suffix or path.name}'.", str(path),
            hint="Tệp .doc cũ: mở bằng Word, Lưu thành… → Word Document (.docx).")])
    data = read_input(path, MAX_INPUT_BYTES, "tệp cần nhập")
    return interpret(read_view(path, data, suffix))


def read_view(path: Path, data: bytes, suffix: str) -> View:
    """The faithful view of a document by its kind."""
    if suffix == ".docx":
        from generator.readers.docx import read
        return read(path, data)
    from generator.readers.text import read_pdf, read_text
    return read_pdf(path, data) if suffix == ".pdf" else read_text(path, data)


def interpret(view: View) -> Imported:
    """The recognisers over the view, in the order a plan is laid out."""
    notes = Notes()
    blocks = view.blocks
    head, at = header_lines(blocks)
    data: dict[str, Any] = recognise_header(head, notes)
    summary, at = _summary(blocks, at)
    data["trich_yeu"] = summary or "…"
    if "ten_loai" not in data:
        notes.guess("trich_yeu", "không thấy tên loại 'KẾ HOẠCH' ở đầu văn bản: có thể đây "
                                 "không phải kế hoạch (công văn, quyết định…), mà kehoach chỉ "
                                 "dựng kế hoạch: hãy xem lại cả tệp")
    end = next((i for i in range(at, len(blocks)) if is_signature(blocks[i])), len(blocks))
    bases, lead, at, kept = _grounds(blocks, at, end, notes)
    if bases:
        data["can_cu"] = bases
    if lead:
        data["loi_dan"] = lead
    body = Body(notes)
    for line in kept:
        body.feed(line)
    closing: list[str] = []
    for i in range(at, end):
        block = blocks[i]
        if closing or (isinstance(block, Line) and block.plain.startswith("Trên đây")):
            closing.append(block.markup if isinstance(block, Line) else block.plain)
            continue
        body.feed(block)
    data["trinh_bay"] = {"danh_so": _styles(body.styles)}
    if notes.lead_in_joined:
        data["trinh_bay"]["loi_dan_noi_tiep"] = True
    data["phan"] = body.sections() or [{"doan": ["…"]}]
    if body.tasks.tasks:
        data["nhiem_vu"] = body.tasks.tasks
        notes.count("nhiệm vụ", len(body.tasks.tasks))
        style = body.tasks.style()
        if style:
            data["trinh_bay"]["nhiem_vu"] = style
    if closing:
        data["loi_ket"] = closing
    after = _signature(blocks, end, data, notes)
    appendices = read_appendices(blocks[after:], view.landscape, after, notes)
    if appendices:
        data["phu_luc"] = appendices
    if notes.task_groups:
        data["nhom_nhiem_vu"] = notes.task_groups
    if notes.milestones:
        data["cac_moc"] = [{"ten": name} for name in notes.milestones]
    if notes.unit_groups:
        data["nhom_don_vi"] = notes.unit_groups
    if body.kpis.found or notes.table_kpis:
        data["chi_tieu"] = body.kpis.found + notes.table_kpis
    if "ngay_ban_hanh" not in data:
        year = re.search(r"\bnăm (\d{4})\b", " ".join(b.plain for b in blocks[:80]))
        data["ngay_ban_hanh"] = {"nam": int(year[1]) if year else 2000}
        notes.guess("ngay_ban_hanh", "không thấy dòng địa danh, ngày tháng: hãy ghi ngày "
                                     "ban hành (năm được đoán)")
    if notes.issuer_in_sentence:
        data["co_quan"]["ten_day_du"] = notes.issuer_in_sentence
    if _without_typed_underlines(data):
        notes.repaired.append("đường kẻ gõ bằng dấu '_' được bỏ (kehoach tự vẽ đường kẻ)")
    return Imported(Draft(_order(data), [f"Nhập từ {Path(view.source).name} bằng kehoach "
                                         "import."]), notes)


def _underline_free(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not TYPED_UNDERSCORES.match(line))


def _without_typed_underlines(node: Any, in_row: bool = False) -> bool:
    """Lines typed as underscores to draw an underline taken out of every text, in place: the
    plan would not validate with them (kehoach draws the format's underlines itself). A text
    that was only an underline leaves a list of paragraphs, an empty cell in a table row, and a
    key of its own; a list or section left empty by that goes too. Whether any was found."""
    found = False
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    gone: list[Any] = []
    for key, value in list(items):
        if isinstance(value, str):
            kept = _underline_free(value)
            if kept != value:
                found = True
                if kept.strip() or in_row:
                    node[key] = kept
                else:
                    gone.append(key)
        elif isinstance(value, (dict, list)):
            emptied = _without_typed_underlines(value, isinstance(node, list)
                                           and isinstance(value, list))
            found = emptied or found
            if emptied and not value and not in_row:
                gone.append(key)  # a section or list that held only an underline
    for key in reversed(gone):
        del node[key]
    return found


def _summary(blocks: list[Block], at: int) -> tuple[str, int]:
    """The trích yếu: the lines after the type line, up to an underline, a căn cứ or section I.
    (A title beginning "Thực hiện …" is read as a căn cứ: a trích yếu beginning so builds
    a document kehoach's own format check refuses, see the report.)"""
    lines: list[str] = []
    bold = True  # the summary's lines after its first show bold, as the first does, or go
    # on in small letters (a text's summary broken over two lines: no bold to tell)
    while at < len(blocks):
        block = blocks[at]
        if not isinstance(block, Line) or starts_basis(block) or block.plain.startswith(
                ("I.", "I ")) or (lines and not (block.bold and bold) and not
                                  block.plain[:1].islower()) or \
                set(block.plain) <= set("-_ "):
            if isinstance(block, Line) and set(block.plain) <= set("-_– "):
                at += 1
            break
        lines.append(block.plain)
        bold = bold and block.bold
        at += 1
    return "\n".join(lines), at


def _grounds(blocks: list[Block], at: int, end: int, notes: Notes
             ) -> tuple[list[dict[str, Any]], str, int, list[Line]]:
    """The căn cứ paragraphs, then what stands before the first section: the lead-in; and the
    paragraphs before them that open with no word of a căn cứ ("Kính gửi: …", "Phần thứ
    nhất" of a document that is not a plan), kept as the body's first paragraphs. With no
    căn cứ, a lone paragraph is the lead-in, several are all the body's (in their order)."""
    from generator.readers.sections import marker
    before: list[Line] = []
    while at < end:
        block = blocks[at]
        if not isinstance(block, Line) or marker(block) is not None:
            break
        before.append(block)
        at += 1
    first = next((i for i, line in enumerate(before) if line.plain.startswith(VERBS)),
                 0 if len(before) == 1 else len(before))
    kept, before = before[:first], before[first:]
    for line in kept:
        notes.plain.append(f"{line.where}: đoạn trước mục đầu tiên không mở đầu bằng 'Căn "
                           "cứ', 'Thực hiện'…: giữ nguyên lời ở đầu phần nội dung")
    if not before:
        return [], "", at, kept
    lead = before.pop() if not starts_basis(before[-1]) else None
    bases: list[dict[str, Any]] = []
    joined = ""
    for line in before:
        basis, joined = recognise_basis(line, notes)
        bases.append(basis)
    if joined and lead is None:
        notes.lead_in_joined = True
        return bases, joined, at, kept
    return bases, lead.markup if lead else "", at, kept


def _styles(found: list[str]) -> list[str]:
    rest = [s for s in ("la_ma", "so", "so_con", "chu", "gach", "cong") if s not in found]
    return (found + rest) if found else ["la_ma", "so", "so_con", "chu", "gach", "cong"]


def _signature(blocks: list[Block], end: int, data: dict[str, Any], notes: Notes) -> int:
    """Signer and recipients from the signature table (or a text's lines from "Nơi nhận");
    where the appendices begin."""
    block = blocks[end] if end < len(blocks) else None
    after = end + 1
    if isinstance(block, Grid):
        left, right = split_columns(block)
    elif isinstance(block, Line):
        left, right, after = signature_lines(blocks, end)
    else:
        left, right = [], []
        notes.guess("nguoi_ky", "không thấy khối chữ ký và nơi nhận: hãy điền")
    data["nguoi_ky"] = recognise_signer(right, notes)
    data["noi_nhan"] = recognise_recipients(left, notes)
    return after


_ORDER = ("co_quan", "so", "loai_van_ban", "ngay_ban_hanh", "ten_loai", "trich_yeu", "can_cu",
          "loi_dan", "trinh_bay", "phan", "loi_ket", "nhiem_vu", "nhom_nhiem_vu", "cac_moc",
          "nhom_don_vi", "chi_tieu", "nguoi_ky", "noi_nhan", "phu_luc")


def _order(data: dict[str, Any]) -> dict[str, Any]:
    """Keys in the order of ``kehoach new``."""
    return {key: data[key] for key in _ORDER if key in data}

"""The plan's anatomy read off the view: header, căn cứ, lead-in, body, closing, signer,
recipients, appendices — each by its recogniser — into a Draft with the guesses a clerk
should look at, and the counts the summary prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.readers._view import Draft
from generator.readers.appendices import read_appendices
from generator.readers.blocks import Line, View
from generator.readers.grounds import is_ground, read_ground
from generator.readers.header import read_header
from generator.readers.sections import read_body
from generator.readers.signature import closing_start, read_ending, signature_start


@dataclass
class Summary:
    """What was recognised, how many of each, and the guesses (for the terminal and
    ``--report``)."""

    counts: dict[str, int] = field(default_factory=dict)
    guesses: list[str] = field(default_factory=list)
    plain: list[str] = field(default_factory=list)
    """Where text stayed as written (a căn cứ not read as citations…)."""


def interpret(view: View) -> tuple[Draft, Summary]:
    """The view as plan data (keys in the order of ``kehoach new``)."""
    blocks, summary = view.blocks, Summary()
    header = read_header(blocks)
    data: dict[str, Any] = dict(header.data)
    comments: dict[str, list[str]] = {"co_quan": list(header.guesses)}
    index, grounds, cited = header.end, [], 0
    while index < len(blocks) and isinstance(blocks[index], Line) and \
            is_ground(line := blocks[index]):
        ground, documents = read_ground(line)
        grounds.append(ground)
        cited += documents
        if not documents:
            summary.plain.append(f"{line.where}: căn cứ giữ nguyên lời (noi_dung)")
        index += 1
    signature = signature_start(blocks, index)
    closing = closing_start(blocks, index, signature)
    body = read_body(blocks[index:closing])
    if grounds:
        data["can_cu"] = grounds
    lead = [b if isinstance(b, str) else _as_text(b) for b in body.orphans]
    if lead:
        data["loi_dan"] = "\n".join(lead)
    if body.styles:
        data["trinh_bay"] = {"danh_so": body.styles}
    data["phan"] = body.parts or [{"doan": ["…"]}]
    if not body.parts:
        comments["phan"] = ["Không thấy mục đánh số (I., 1., a)…): sửa phần nội dung."]
    closing_lines = [b.markup for b in blocks[closing:signature] if isinstance(b, Line)]
    if closing_lines:
        closing_lines[-1] = closing_lines[-1].removesuffix("./.").rstrip()
        data["loi_ket"] = closing_lines
    ending = read_ending(blocks, signature)
    data["nguoi_ky"], data["noi_nhan"] = ending.signer, ending.recipients
    comments["nguoi_ky"] = ending.guesses
    appendices = read_appendices(blocks, ending.end, view.landscape)
    if appendices:
        data["phu_luc"] = appendices
    summary.counts = {"căn cứ": len(grounds), "văn bản trích dẫn": cited,
                      "mục đánh số": body.headings, "gạch đầu dòng": body.bullets,
                      "đoạn văn": body.paragraphs, "bảng": body.tables,
                      "phụ lục": len(appendices)}
    summary.guesses = [g for lines in comments.values() for g in lines]
    return Draft(data, [], {k: ["Cần xem lại: " + g for g in v]
                            for k, v in comments.items() if v}), summary


def _as_text(block: Any) -> str:
    """A block before the first section, kept in the lead-in as text."""
    if isinstance(block, dict) and "gach_dau_dong" in block:
        return "\n".join("- " + (i if isinstance(i, str) else i["van_ban"])
                         for i in block["gach_dau_dong"])
    return "(bảng)"

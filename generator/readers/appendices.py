"""Appendices after the signature: their heading lines ("PHỤ LỤC II", the title in capitals
or bold, "(Kèm theo Kế hoạch …)"), orientation, paragraphs and tables."""

from __future__ import annotations

import re
from typing import Any

from generator.readers.blocks import Block, Grid, Line
from generator.readers.guesses import Notes
from generator.readers.tasks import table_block

HEADING = re.compile(r"^PHỤ LỤC(?:\s+(?P<so>[IVXL]+|\d+))?\s*[:.]?\s*(?P<rest>.*)$",
                     re.IGNORECASE)
ATTACHED = re.compile(r"^\((?:Ban hành )?[Kk]èm theo")


def read_appendices(blocks: list[Block], landscape: set[int], offset: int,
                    notes: Notes) -> list[dict[str, Any]]:
    """Every block as part of an appendix: a "PHỤ LỤC" line opens one, and so does a title
    line (bold, centred or in capitals) after an appendix's content."""
    out: list[dict[str, Any]] = []
    heading = False
    attached = 0
    for index, block in enumerate(blocks):
        if isinstance(block, Line) and (attached or ATTACHED.match(block.plain)):
            attached = attached - 1 if attached else _closed_within(blocks, index)
            _issuer_from(block.plain, notes)
            if out:
                out[-1]["dong_kem_theo"] = True
            heading = False
            continue
        found = HEADING.match(block.plain) if isinstance(block, Line) else None
        titled = isinstance(block, Line) and (block.bold or block.centered or
                                              block.plain.isupper())
        if found and not found["so"] and heading and out and not out[-1]["tieu_de"]:
            found = None  # "PHỤ LỤC III" then "PHỤ LỤC DỌC": the second line is its title
        if found or not out:
            out.append({"tieu_de": [], "noi_dung": [], "dong_kem_theo": False})
            heading = True
            if found:
                if found["so"]:
                    out[-1]["so"] = found["so"].upper()
                if found["rest"]:
                    out[-1]["tieu_de"].append(found["rest"])
                continue
        current = out[-1]
        if offset + index in landscape:
            current["huong"] = "ngang"
        if heading and titled and isinstance(block, Line) and len(current["tieu_de"]) < 4:
            current["tieu_de"].append(block.plain)
            continue
        heading = False
        if isinstance(block, Grid):
            current["noi_dung"].append(table_block(block, notes))
            notes.count("bảng phụ lục")
        else:
            current["noi_dung"].append(block.markup)
    return [_tidy(appendix, notes) for appendix in out]


def _closed_within(blocks: list[Block], index: int, room: int = 2) -> int:
    """How many lines after ``blocks[index]`` (a "(Kèm theo …" line) go on with it: up to
    the one that closes its bracket, within ``room`` short lines; none when no line does
    (a text whose bracket is never closed: what follows is the appendix, kept)."""
    if blocks[index].plain.rstrip().endswith(")"):
        return 0
    for ahead in range(1, room + 1):
        if index + ahead >= len(blocks):
            return 0
        block = blocks[index + ahead]
        if not isinstance(block, Line) or len(block.plain.split()) > 20:
            return 0
        if block.plain.rstrip().endswith(")"):
            return ahead
    return 0


def _tidy(appendix: dict[str, Any], notes: Notes) -> dict[str, Any]:
    notes.count("phụ lục")
    out: dict[str, Any] = {}
    if "so" in appendix:
        out["so"] = appendix["so"]
    out["tieu_de"] = "\n".join(appendix["tieu_de"]) or "PHỤ LỤC"
    if "huong" in appendix:
        out["huong"] = appendix["huong"]
    out["dong_kem_theo"] = appendix["dong_kem_theo"]
    out["noi_dung"] = appendix["noi_dung"] or ["…"]
    return out


def _issuer_from(line: str, notes: Notes) -> None:
    """The issuer's name as the plan writes it in a sentence: "(Kèm theo Kế hoạch số … của
    UBND tỉnh Lâm Đồng)" says it best."""
    found = re.search(r"\bcủa (.+?)\)?$", line)
    if found:
        notes.issuer_in_sentence = found.group(1).strip()

"""Appendices after the signature: their heading lines ("PHỤ LỤC II", the title, "(Kèm
theo …)"), orientation, paragraphs and tables."""

from __future__ import annotations

import re
from typing import Any

from generator.readers.blocks import Block, Grid, Line, escape
from generator.readers.tables import free_table

HEADING = re.compile(r"^PHỤ LỤC\s*([IVXL\d]+)?\s*[:.]?\s*(.*)$", re.IGNORECASE)
ATTACHED = re.compile(r"^\(?\s*Kèm theo", re.IGNORECASE)


def read_appendices(blocks: list[Block], start: int, landscape: set[int]
                    ) -> list[dict[str, Any]]:
    """Every block from ``start`` on, as appendices (a new one at each "PHỤ LỤC" line)."""
    out: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    heading = True
    for index in range(start, len(blocks)):
        block = blocks[index]
        if isinstance(block, Line) and HEADING.match(block.plain) or current is None:
            current = {"tieu_de": [], "noi_dung": [], "huong": "doc",
                       "dong_kem_theo": False}
            out.append(current)
            heading = True
            found = HEADING.match(block.plain) if isinstance(block, Line) else None
            if found:
                if found[1]:
                    current["so"] = found[1]
                if found[2]:
                    current["tieu_de"].append(found[2])
                continue
        if index in landscape:
            current["huong"] = "ngang"
        if isinstance(block, Line) and heading and ATTACHED.match(block.plain):
            current["dong_kem_theo"] = True
            heading = False
            continue
        if isinstance(block, Line) and heading and (block.bold or block.centered) \
                and len(current["tieu_de"]) < 4:
            current["tieu_de"].append(block.plain)
            continue
        heading = False
        current["noi_dung"].append(free_table(block) if isinstance(block, Grid) else
                                   (escape(block.label) + " " if block.label else "") +
                                   block.markup)
    return [_tidy(appendix) for appendix in out]


def _tidy(appendix: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "so" in appendix:
        out["so"] = appendix["so"]
    out["tieu_de"] = "\n".join(appendix["tieu_de"]) or "…"
    if appendix["huong"] != "doc":
        out["huong"] = appendix["huong"]
    if not appendix["dong_kem_theo"]:
        out["dong_kem_theo"] = False
    if appendix["noi_dung"]:
        out["noi_dung"] = appendix["noi_dung"]
    return out

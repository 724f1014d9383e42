"""The body: sections by their numbering (I., 1., 1.1., a)), bullets ("-", "+"), paragraphs
and tables, each kept at its place; the numbers are taken off the words and the plan's
numbering style (``trinh_bay.danh_so``) set so that the rebuild numbers them the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.readers.blocks import Block, Grid, Line
from generator.readers.guesses import Notes
from generator.readers.tasks import table_block

MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("la_ma", re.compile(r"^(?P<n>[IVX]{1,5})\s*[.)]\s*")),
    ("so_con", re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})+)\.?\s+")),
    ("so", re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s*(?=\D)")),
    ("chu", re.compile(r"^(?P<n>[a-zđ])\s*\)\s*")),
)
BULLETS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("-", re.compile(r"^[-–•]\s*")),
    ("+", re.compile(r"^\+\s*")),
)


@dataclass
class _Section:
    style: str
    data: dict[str, Any]
    children: list[_Section] = field(default_factory=list)
    blocks: list[Any] = field(default_factory=list)
    after: list[Any] = field(default_factory=list)

    def put(self, block: Any) -> None:
        (self.after if self.children else self.blocks).append(block)

    def dump(self) -> dict[str, Any]:
        out = dict(self.data)
        if self.blocks:
            out["doan"] = self.blocks
        if self.children:
            out["muc"] = [child.dump() for child in self.children]
        if self.after:
            out["doan_cuoi"] = self.after
        return out


def marker(line: Line) -> tuple[str, str, str] | None:
    """(style, number, markup without it) when the line opens with a section number."""
    if line.label:
        label = line.label
        for style, pattern in MARKERS:
            if pattern.match(label + " "):
                return style, label, line.markup
        return None
    plain_lead = re.sub(r"^\*+", "", line.markup)
    for style, pattern in MARKERS:
        found = pattern.match(plain_lead)
        if found and found.end() < len(plain_lead):
            rest = plain_lead[found.end():]
            stars = line.markup[:len(line.markup) - len(plain_lead)]
            kept = (stars + rest) if stars else rest
            return style, found.group("n"), re.sub(r"^\*\*\*\*\s*", "", kept)
    return None


def bullet(line: Line) -> tuple[str, str] | None:
    """A bullet line's sign ("-", "+") and its words without the sign; None otherwise."""
    if line.label == "-":
        return "-", line.markup
    for sign, pattern in BULLETS:
        found = pattern.match(line.markup)
        if found and found.end() < len(line.markup) and not line.label:
            return sign, line.markup[found.end():]
    return None


class Body:
    """Sections built from blocks in reading order."""

    def __init__(self, notes: Notes) -> None:
        self.notes = notes
        self.styles: list[str] = []
        self.stack: list[_Section] = []
        self.parts: list[_Section] = []
        self.table_count = 0

    def feed(self, block: Block, landscape: bool = False) -> None:
        """Take the next block of the body: a heading opens a section, the rest goes in the
        open one."""
        if isinstance(block, Grid):
            self._put(table_block(block, self.notes), block.where)
            self.notes.count("bảng")
            return
        found = marker(block)
        if found is not None and (found[0] in self.styles or self._may_open(found[0])):
            self._open(found[0], found[2], block)
            return
        sign = bullet(block)
        if sign is not None:
            self._bullet(sign[0], sign[1], block)
            return
        self._put(_paragraph(block.markup), block.where)
        self.notes.count("đoạn văn")

    def _may_open(self, style: str) -> bool:
        return len(self.styles) < 4 and (bool(self.styles) or style == "la_ma")

    def _open(self, style: str, markup: str, line: Line) -> None:
        if style not in self.styles:
            self.styles.append(style)
        depth = self.styles.index(style)
        while len(self.stack) > depth:
            self.stack.pop()
        section = _Section(style, _heading(markup, line))
        if len(self.stack) < depth:
            # a level skipped (1. under nothing): kept at the depth reached
            depth = len(self.stack)
        if self.stack:
            self.stack[-1].children.append(section)
        else:
            self.parts.append(section)
        self.stack.append(section)
        self.notes.count("mục đánh số")

    def _put(self, block: Any, where: str) -> None:
        if self.stack:
            self.stack[-1].put(block)
        else:
            self.notes.plain.append(f"{where}: đoạn trước phần I giữ thành đoạn văn")
            self.parts.append(_Section("", {"doan": [block]}))

    def _bullet(self, sign: str, markup: str, line: Line) -> None:
        target = self.stack[-1] if self.stack else None
        place = (target.after if target and target.children else target.blocks) \
            if target else None
        self.notes.count("gạch đầu dòng")
        if place is None:
            self._put({"gach_dau_dong": [_paragraph(markup)]}, line.where)
            return
        last = place[-1] if place else None
        if not (isinstance(last, dict) and "gach_dau_dong" in last):
            last = {"gach_dau_dong": []}
            place.append(last)
        items = last["gach_dau_dong"]
        if sign == "+" and items:
            parent = items[-1]
            if isinstance(parent, str):
                parent = {"van_ban": parent, "gach_dau_dong": []}
                items[-1] = parent
            parent["gach_dau_dong"].append(_paragraph(markup))
        else:
            items.append(_paragraph(markup))

    def sections(self) -> list[dict[str, Any]]:
        """The sections read, as plan data."""
        return [part.dump() for part in self.parts]


def _paragraph(markup: str) -> str:
    return markup.strip() or "…"


def _heading(markup: str, line: Line) -> dict[str, Any]:
    """A heading line: a bold title (``tieu_de``), a bold lead and its text after ':'
    (``tieu_de`` + ``van_ban``), or only text (``van_ban``)."""
    text = markup.strip()
    if line.bold and "*" not in text:
        title = text.rstrip(":").strip()
        return {"tieu_de": title} if title else {"van_ban": "…"}
    lead = re.match(r"^\*\*([^*]+?):?\*\*:?\s*(.*)$", text)
    if lead and lead.group(2):
        return {"tieu_de": lead.group(1).strip().rstrip(":"), "van_ban": lead.group(2)}
    return {"van_ban": text or "…"}

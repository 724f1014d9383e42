"""The body: sections by their numbering (I., 1., 1.1., a)), bullets ("-", "+"), paragraphs
and tables, each kept at its place; the numbers are taken off the words and the plan's
numbering style (``trinh_bay.danh_so``) set so that the rebuild numbers them the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.inline import plain_text, split_inline
from generator.readers.blocks import Block, Grid, Line
from generator.readers.guesses import Notes
from generator.readers.kpis import Kpis
from generator.readers.task_lines import TaskForm, TaskLine, task_lines
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
    content: str = ""
    """The item's words as a task's ``noi_dung``, should its lines make it a task."""
    pending: list[tuple[Line, list[TaskLine]]] = field(default_factory=list)
    """Labelled task lines right under the item ("- Đơn vị chủ trì: …"), not yet placed."""
    no_task: bool = False
    """Something else came under the item: its task lines are text."""

    def put(self, block: Any) -> None:
        (self.after if self.children else self.blocks).append(block)

    def dump(self, form: TaskForm) -> dict[str, Any]:
        if self.pending:
            lines = [one for _, labelled in self.pending for one in labelled]
            kinds = {line.kind for line in lines}
            if kinds & {"chu_tri", "phoi_hop"} and form.fits(lines):
                return {"nhiem_vu": [form.take(self.content, lines)]}
            for line, _ in self.pending:  # printed otherwise: kept as the words were
                sign = bullet(line)
                if sign is None:
                    self.blocks.append(_paragraph(line.markup))
                else:
                    add_bullet(self.blocks, sign[0], sign[1])
        out = dict(self.data)
        if self.blocks:
            out["doan"] = self.blocks
        if self.children:
            children = [child.dump(form) for child in self.children]
            if all(list(child) == ["nhiem_vu"] for child in children):
                # items that are all tasks: the section lists them, as kehoach writes it
                out["nhiem_vu"] = [key for child in children for key in child["nhiem_vu"]]
            else:
                out["muc"] = children
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
    words = plain_text(line.markup)
    for style, pattern in MARKERS:
        found = pattern.match(words)
        if found and found.end() < len(words):
            return style, found.group("n"), split_inline(line.markup, found.end())[1]
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
        self.tasks = TaskForm()
        self.kpis = Kpis(notes.kpi_ids)
        """The tasks written as items with their lines, taken when the sections are
        dumped (in reading order, so that the first task sets the plan's labels)."""

    def feed(self, block: Block, landscape: bool = False) -> None:
        """Take the next block of the body: a heading opens a section, the rest goes in the
        open one."""
        if isinstance(block, Line) and self._under_item() is not None:
            labelled = task_lines(block)
            if labelled:
                self.stack[-1].pending.append((block, labelled))
                return
        if self.stack and self.stack[-1].pending and not self._closes(block):
            self._as_text(self.stack[-1])
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
        self._put(_paragraph(self._kpi(block.markup)), block.where)
        self.notes.count("đoạn văn")

    def _kpi(self, markup: str) -> str:
        """A KPI sentence as references to the KPI read from it; other words as they are."""
        sentence = self.kpis.sentence(markup)
        if sentence is None:
            return markup
        self.notes.count("chỉ tiêu")
        return sentence

    def _under_item(self) -> _Section | None:
        """The open item that task lines may follow: a numbered item under a section, with
        nothing under it yet but such lines."""
        if len(self.stack) < 2:
            return None
        item = self.stack[-1]
        empty = not (item.blocks or item.children or item.after or item.no_task)
        return item if empty else None

    def _closes(self, block: Block) -> bool:
        """The block opens an item at the level of the open one or above (which closes it)."""
        found = marker(block) if isinstance(block, Line) else None
        return found is not None and found[0] in self.styles and \
            self.styles.index(found[0]) < len(self.stack)

    def _as_text(self, item: _Section) -> None:
        """The item's task lines as the text they are: something else came under it."""
        item.no_task = True
        pending, item.pending = item.pending, []
        for line, _ in pending:
            self.feed(line)

    def _may_open(self, style: str) -> bool:
        return len(self.styles) < 4 and (bool(self.styles) or style == "la_ma")

    def _open(self, style: str, markup: str, line: Line) -> None:
        if style not in self.styles:
            self.styles.append(style)
        depth = self.styles.index(style)
        while len(self.stack) > depth:
            self.stack.pop()
        text = markup.strip()
        section = _Section(style, _heading(markup, line), content=f"**{text}**" if (
            line.bold and "*" not in text and text) else text or "…")
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
            self._put({"gach_dau_dong": [_paragraph(self._kpi(markup))]}, line.where)
            return
        add_bullet(place, sign, self._kpi(markup))

    def sections(self) -> list[dict[str, Any]]:
        """The sections read, as plan data."""
        return [part.dump(self.tasks) for part in self.parts]


def add_bullet(place: list[Any], sign: str, markup: str) -> None:
    """A bullet at the end of ``place``: an item of its last list ("+" under the last "-"),
    or the first of a new list."""
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

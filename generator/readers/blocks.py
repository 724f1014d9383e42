"""The faithful view a reader hands to the recognisers: lines and grids, in reading order.

A DOCX and a text file (a PDF's ``pdftotext -layout``, a .txt, a .md) come to the same two
kinds of block, so that every recogniser reads both: a :class:`Line` is a paragraph as it
shows (Word's list number kept apart from its words, inline markup already written), a
:class:`Grid` is a table cell for cell with its merges.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from generator.inline import escape
from generator.load.chars import forbidden_offsets


@dataclass(frozen=True)
class Line:
    """A paragraph as it shows."""

    markup: str
    """The words in the plan's inline markup (``**đậm**``, ``*nghiêng*``, ``^[chú thích]``),
    special characters escaped: what a YAML value holds."""
    plain: str
    """The words alone, one space between them: what the recognisers match."""
    where: str
    """How a clerk finds it: "đoạn 12" (DOCX) or "dòng 40" (text)."""
    label: str = ""
    """The number Word's automatic list shows before it ("1.", "a)", "-"), if any."""
    bold: bool = False
    """Every word shows bold (a heading, a title)."""
    italic: bool = False
    centered: bool = False

    @property
    def shown(self) -> str:
        """The paragraph as a reader sees it: list number, then words."""
        return f"{self.label} {self.plain}".strip()


@dataclass(frozen=True)
class Cell:
    """A table cell: its paragraphs (markup), and how many columns and rows it covers."""

    lines: tuple[Line, ...]
    colspan: int = 1
    rowspan: int = 1

    @property
    def plain(self) -> str:
        """The cell's words, list numbers included, one line after another."""
        return " ".join(line.shown for line in self.lines)

    @property
    def markup(self) -> str:
        """The cell as a table cell's markup: one line per paragraph, its list number kept."""
        return "\n".join(escape(line.label) + (" " if line.label else "") + line.markup
                         for line in self.lines)

    @property
    def bold(self) -> bool:
        """Every paragraph with words shows bold (a header cell, a group row)."""
        return bool(self.lines) and all(line.bold for line in self.lines if line.plain)


@dataclass(frozen=True)
class Grid:
    """A table: rows of cells (a cell covered by a merge from above is left out), and the
    width of each grid column in millimetres."""

    rows: tuple[tuple[Cell, ...], ...]
    widths_mm: tuple[float, ...]
    where: str

    @property
    def plain(self) -> str:
        """The table's words, row by row."""
        return " ".join(cell.plain for row in self.rows for cell in row)


Block = Line | Grid


@dataclass
class View:
    """A document as the recognisers read it."""

    source: str
    blocks: list[Block] = field(default_factory=list)
    landscape: set[int] = field(default_factory=set)
    """Indexes of blocks that sit on a landscape page (an appendix's orientation)."""


def squeeze(text: str) -> str:
    """One space between words, none at the ends (tabs, hand line breaks and non-breaking
    spaces are spaces); characters a plan file may not hold (control characters of a
    damaged text layer, U+FFFD) left out, as no word is made of them."""
    offsets = forbidden_offsets(text)
    if offsets:
        dropped = set(offsets)
        text = "".join(ch for at, ch in enumerate(text) if at not in dropped)
    return " ".join(text.split())


def nfc(text: str) -> str:
    """Composed characters, as kehoach reads every text (Word may keep decomposed ones)."""
    return unicodedata.normalize("NFC", text)

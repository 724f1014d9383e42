"""What renderers receive: a plan with every number, citation and punctuation decided.

The resolve stage produces these plain, frozen values from a checked :class:`Plan`;
renderers only lay them out. Paragraph styles are named by role (``"body"``,
``"heading-1"``…); each renderer maps roles to its own styles in one place. Column widths
are given as fixed millimetres or shares (:class:`ColumnWidth`): only a renderer knows the
page a table lands on, so it turns them into lengths.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from generator.inline import Inline
from generator.kpi.comparison import Comparison

Align = Literal["left", "center", "right", "justify"]


@dataclass(frozen=True)
class Para:
    """One paragraph: a role (which style it gets) and its formatted content.

    ``key`` names the plan item the paragraph prints (``s:<section id>``, ``t:<task id>``,
    ``b:<basis id>``…), so two versions of a plan can be lined up by item, not by position
    (the redline of ``kehoach diff``); renderers of one plan ignore it.
    """

    role: str
    inlines: tuple[Inline, ...]
    key: str | None = None


GridRef = tuple[int, int]
"""(row, column) of a cell in a table's grid, header rows included, from 0."""


@dataclass(frozen=True)
class Ratio:
    """A live ratio b/a: spreadsheets recompute it when a count is corrected.

    Rounded the way the document shows it (``places`` decimals of the percentage, half-up
    or cut), so the cell, the document and the achieved mark agree.
    """

    numerator: GridRef
    denominator: GridRef
    places: int = 1
    truncate: bool = False


@dataclass(frozen=True)
class Mark:
    """Achieved / not achieved, from a result cell and a target cell.

    ``comparison`` is the target's own (the one the document's mark was judged by), so a
    spreadsheet that recalculates reaches the same verdict.
    """

    value: GridRef
    target: GridRef
    comparison: Comparison
    inputs: tuple[GridRef, ...] = ()
    """The cells a clerk fills for this line (the counts a and b, or the result itself):
    while every one is empty the mark reads ``empty`` instead of judging."""
    empty: str = ""


@dataclass(frozen=True)
class AboveCentralRule:
    """A target computed live from last year's result in another cell of the row:
    ``MIN(cap, IF(result < central, central + add, MAX(result, central) + add))``, in
    percent points (the plan's ``vuot_trung_uong``)."""

    result: GridRef
    central: Decimal
    add: Decimal
    cap: Decimal


@dataclass(frozen=True)
class InterpolationRule:
    """A target computed live between two cells of its row (``noi_suy``):
    ``start + (end - start) × share``."""

    start: GridRef
    end: GridRef
    share: Decimal


Formula = Ratio | Mark | AboveCentralRule | InterpolationRule


@dataclass(frozen=True)
class TableCell:
    """A cell of the layout grid; spanned positions are not listed again.

    ``number`` is the exact figure behind a numeric cell (in percent points when
    ``percent``), so a spreadsheet stores a number, not text; ``formula`` says how a
    spreadsheet should compute it live. ``lines`` is what a document prints.
    """

    lines: tuple[tuple[Inline, ...], ...]
    colspan: int = 1
    rowspan: int = 1
    align: Align = "left"
    bold: bool = False
    number: Decimal | None = None
    percent: bool = False
    places: int = 1
    formula: Formula | None = None
    prefix: str = ""
    """Words printed before the figure ("trên ", "≥ "): part of ``lines``; a spreadsheet
    shows them through the cell's number format, so the cell stays a number."""
    entry: bool = False
    """A figure a clerk types in the spreadsheet (a count, a result): while it has none, a
    spreadsheet leaves the cell empty for it (in its number format) where a document prints
    ``lines`` ("—"), so the formulas that read it work as soon as it is typed."""


@dataclass(frozen=True)
class TableRow:
    """A row of cells; ``group`` rows are the I, II, III headings inside a table."""

    cells: tuple[TableCell, ...]
    group: bool = False
    key: str | None = None
    """The plan item the row prints (a task, a typed row), as :attr:`Para.key`."""


@dataclass(frozen=True)
class ColumnWidth:
    """A column's width: fixed millimetres, or a share of what fixed columns leave.

    Widths a plan gives (``rong``) are fixed; if fixed columns together exceed the page's
    text width, a renderer scales every column down in proportion so the table fits.
    """

    mm: float | None = None
    share: float = 1.0


@dataclass(frozen=True)
class TableLayout:
    """A table with column widths, repeated header rows and merged cells."""

    columns: tuple[ColumnWidth, ...]
    header: tuple[TableRow, ...]
    rows: tuple[TableRow, ...]
    notes: tuple[Para, ...] = ()

    def positions(self) -> Iterator[tuple[int, int, TableCell]]:
        """(grid row, grid column, cell) of every cell, header rows first.

        Positions covered by an earlier cell's row or column span are skipped, which is how
        both the document and the spreadsheet place merged cells.
        """
        occupied: set[tuple[int, int]] = set()
        for r, row in enumerate([*self.header, *self.rows]):
            c = 0
            for cell in row.cells:
                while (r, c) in occupied:
                    c += 1
                yield r, c, cell
                occupied.update((r + dr, c + dc) for dr in range(cell.rowspan)
                                for dc in range(cell.colspan))
                c += cell.colspan


LayoutBlock = Para | TableLayout
"""What a page holds, in order: paragraphs and tables."""


@dataclass(frozen=True)
class AppendixLayout:
    """An appendix: its own section, page orientation and numbering."""

    label: str
    title_lines: tuple[str, ...]
    attached_line: str | None
    landscape: bool
    blocks: tuple[LayoutBlock, ...]


@dataclass(frozen=True)
class Header:
    """The strings of the header table and title block (what templates interpolate)."""

    parent_line: str | None
    issuer_lines: tuple[str, ...]
    number_line: str
    place_date: str
    doc_type: str
    summary: str


@dataclass(frozen=True)
class Closing:
    """Signature block and recipients."""

    authority_lines: tuple[str, ...]
    signer_name: str
    recipients_lead: str | None
    recipient_lines: tuple[str, ...]


@dataclass(frozen=True)
class Metadata:
    """What the package says about the document: its title and the body that issues it."""

    title: str
    author: str


@dataclass(frozen=True)
class ResolvedPlan:
    """A plan ready to render."""

    metadata: Metadata
    header: Header
    bases: tuple[Para, ...]
    body: tuple[LayoutBlock, ...]
    closing: Closing
    appendices: tuple[AppendixLayout, ...] = field(default=())
    font_size: int = 14

    def appendix_tables(self) -> Iterator[tuple[AppendixLayout, TableLayout]]:
        """Every table of every appendix, in document order (a workbook's sheets)."""
        for appendix in self.appendices:
            for block in appendix.blocks:
                if isinstance(block, TableLayout):
                    yield appendix, block

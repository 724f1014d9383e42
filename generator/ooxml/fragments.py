"""WordprocessingML written as text fragments: paragraphs, runs, tables, footnotes.

The body of a plan is large (a province appendix has thousands of cells) and written once,
so it is built here as strings in one pass — linear in its size, with no object tree to
walk — and spliced into the template's rendered frame. Every element is written with its
children in the order the OOXML schema requires (Word refuses a file that breaks it), and
every text goes through :func:`text` (escaped; tabs and line breaks become ``w:tab`` and
``w:br``). The element names used here are the only raw XML of the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from generator.ooxml.units import TWIPS_PER_MM

CELL_MARGIN_TWIPS = 57
"""1 mm each side of a table cell: narrow KPI columns keep "75,8%" on one line."""
BORDER_EIGHTHS = 4
"""Table borders: single, ½ pt."""

_BREAKS = re.compile(r"([\t\n])")


def twips(mm: float) -> int:
    """Millimetres in twentieths of a point, the unit of page and table geometry."""
    return round(mm * TWIPS_PER_MM)


def twips_widths(widths_mm: Iterable[float]) -> list[int]:
    """Column widths in twips whose sum never passes the sum of the millimetres (each
    rounded on its own, a wide table could overflow its page by a few twips)."""
    out, total, given = [], 0.0, 0
    for mm in widths_mm:
        total += mm * TWIPS_PER_MM
        out.append(int(total) - given)
        given += out[-1]
    return out


def _escaped(value: str) -> str:
    if "&" in value or "<" in value or ">" in value:
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value


def text(value: str) -> str:
    """The children of a run for ``value``: ``w:t`` pieces, tabs and line breaks."""
    if "\t" not in value and "\n" not in value:
        space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
        return f"<w:t{space}>{_escaped(value)}</w:t>" if value else ""
    out = []
    for piece in _BREAKS.split(value):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece == "\n":
            out.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if piece[0].isspace() or piece[-1].isspace() else ""
            out.append(f"<w:t{space}>{_escaped(piece)}</w:t>")
    return "".join(out)


@cache
def run_properties(*, bold: bool | None = None, italic: bool | None = None,
                   style_id: str | None = None) -> str:
    """``w:rPr`` with what differs from the paragraph's style (``None``: as the style says)."""
    parts = [f'<w:rStyle w:val="{style_id}"/>' if style_id else "",
             "" if bold is None else "<w:b/>" if bold else '<w:b w:val="0"/>',
             "" if italic is None else "<w:i/>" if italic else '<w:i w:val="0"/>']
    inner = "".join(parts)
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def run(value: str, properties: str = "") -> str:
    """One run of text with its properties."""
    return f"<w:r>{properties}{text(value)}</w:r>"


def deleted(runs: str) -> str:
    """Runs as they stand inside a tracked ``w:del``: their text is ``w:delText``."""
    return runs.replace("<w:t>", "<w:delText>").replace(
        "<w:t xml:space=", "<w:delText xml:space=").replace("</w:t>", "</w:delText>")


def deleted_run(value: str, properties: str = "") -> str:
    """A run of deleted text (``w:delText``), as it stands inside a tracked ``w:del``."""
    return deleted(run(value, properties))


@dataclass(frozen=True)
class ParagraphProperties:
    """What a paragraph says about itself besides its runs; children in schema order."""

    style_id: str
    keep_next: bool = False
    keep_lines: bool = False
    space_before_twips: int | None = None
    indent_twips: int | None = None
    """Left and right indent (a drawn rule's length is what the indents leave)."""
    align: str | None = None
    """``center``, ``right`` or ``both``; ``None`` keeps the style's alignment."""
    section: str = ""
    """Section properties (``w:sectPr``) ending a section at this paragraph."""
    mark: str = ""
    """The paragraph mark's run properties (``w:rPr``): a tracked insertion or deletion
    of the paragraph itself, in a redline."""
    change: str = ""
    """A tracked change of the paragraph's properties (``w:pPrChange``), in a redline."""

    @cache  # noqa: B019  (frozen and few: one per style and option set)
    def xml(self) -> str:
        """The ``w:pPr`` element."""
        parts = [f'<w:pStyle w:val="{self.style_id}"/>',
                 "<w:keepNext/>" if self.keep_next else "",
                 "<w:keepLines/>" if self.keep_lines else ""]
        if self.space_before_twips is not None:
            parts.append(f'<w:spacing w:before="{self.space_before_twips}"/>')
        if self.indent_twips is not None:
            parts.append(f'<w:ind w:left="{self.indent_twips}" w:right="{self.indent_twips}" '
                         'w:firstLine="0"/>')
        if self.align:
            parts.append(f'<w:jc w:val="{self.align}"/>')
        parts += [self.mark, self.section, self.change]
        return f"<w:pPr>{''.join(parts)}</w:pPr>"


def paragraph(properties: ParagraphProperties, runs: str = "") -> str:
    """A paragraph: its properties and its runs (already written)."""
    return f"<w:p>{properties.xml()}{runs}</w:p>"


def footnote_reference(number: int, style_id: str) -> str:
    """The run that anchors footnote ``number`` in the text (a superscript mark)."""
    return (f'<w:r><w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>'
            f'<w:footnoteReference w:id="{number}"/></w:r>')


def footnote(number: int, runs: str, text_style_id: str, reference_style_id: str) -> str:
    """One footnote of the footnotes part: its mark, a space, its text."""
    return (f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="{text_style_id}"/>'
            f'</w:pPr><w:r><w:rPr><w:rStyle w:val="{reference_style_id}"/></w:rPr>'
            f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>{runs}'
            "</w:p></w:footnote>")


def _borders() -> str:
    edges = "".join(f'<w:{edge} w:val="single" w:sz="{BORDER_EIGHTHS}" w:space="0" '
                    'w:color="000000"/>'
                    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return f"<w:tblBorders>{edges}</w:tblBorders>"


_TABLE_PROPERTIES_TAIL = (
    _borders() + '<w:tblLayout w:type="fixed"/><w:tblCellMar>'
    f'<w:left w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
    f'<w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/></w:tblCellMar>'
    '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
    'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>')


def table(widths_twips: list[int], rows: Iterable[str]) -> str:
    """A bordered table with a fixed grid, centred, its rows already written."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths_twips)}" w:type="dxa"/>'
            f'<w:jc w:val="center"/>{_TABLE_PROPERTIES_TAIL}<w:tblGrid>{grid}</w:tblGrid>'
            f'{"".join(rows)}</w:tbl>')


def row(cells: str, *, header: bool, cant_split: bool, mark: str = "") -> str:
    """A table row; header rows repeat on every page the table spans. ``mark`` is a
    tracked insertion or deletion of the row (``w:ins``/``w:del``), in a redline."""
    props = ("<w:cantSplit/>" if cant_split or header else "") + \
        ("<w:tblHeader/>" if header else "") + mark
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{cells}</w:tr>"


def cell(width_twips: int, paragraphs: str, *, span: int = 1, merge: str | None = None,
         middle: bool = False) -> str:
    """A cell of the grid: its width, horizontal span, vertical merge and paragraphs.

    ``merge`` is ``"restart"`` for the top of a vertically merged cell and ``"continue"``
    for the cells it covers below (which hold one empty paragraph).
    """
    props = [f'<w:tcW w:w="{width_twips}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if merge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif merge == "continue":
        props.append("<w:vMerge/>")
    if middle:
        props.append('<w:vAlign w:val="center"/>')
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{paragraphs or '<w:p/>'}</w:tc>"

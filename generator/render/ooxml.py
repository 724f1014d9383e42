"""The raw OOXML that python-docx has no API for, in one place, over lxml.

Section properties (orientation, page-number restart, first-page header), table grid and
header-row flags, footnotes, and the drawn rules whose length follows the text above them.
Never regular expressions over XML.
"""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Iterator
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from lxml import etree

from generator.reference import FontMetrics

TWIPS_PER_MM = 1440 / 25.4
RULE_STYLE = "KHDuongke"
FULL_LENGTH_AFTER = {"KHTieungu"}
"""A rule under these styles is as long as the line above it (the Tiêu ngữ rule)."""
SHORT_RULE = 0.4
"""Other rules: 1/3 to 1/2 of the text above them (Nghị định 30/2020); we take 0.4."""
NOT_MEASURED = {"KHKemtheo"}
"""Lines a rule sits under but is not measured against (the appendix's italic line)."""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- measuring text --------------------------------------------------------------------

def text_width_mm(fonts: FontMetrics, text: str, size_pt: float, bold: bool = False) -> float:
    """Width of one line in Times New Roman (Liberation Serif metrics, identical)."""
    table = fonts["bold" if bold else "regular"]
    units = 0
    for ch in text:
        if ch not in table:
            ch = unicodedata.normalize("NFD", ch)[0]
        units += table.get(ch, 500)
    return units / 1000 * size_pt * 25.4 / 72


# --- sections ---------------------------------------------------------------------------

def section_copy(base: Any, part: Any, *, landscape: bool, restart_numbering: bool) -> Any:
    """A copy of the document's section properties for one part of the document.

    python-docx turns the page (orientation and size) and hides the number on the first
    page; only the page-number restart has no API and is written here.
    """
    sect = copy.deepcopy(base)
    section = Section(sect, part)
    width, height = section.page_width, section.page_height
    assert width is not None and height is not None, "the template's section has a page size"
    short, long = sorted((width, height))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.different_first_page_header_footer = True
    for old in sect.findall(qn("w:pgNumType")):
        sect.remove(old)
    if restart_numbering:
        put(sect, parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>'))
    return sect


SCHEMA_ORDER: dict[str, list[str]] = {
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
              "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
              "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"],
    "trPr": ["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
             "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden"],
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
            "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
            "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
            "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
            "mirrorIndents", "suppressOverlap", "jc", "textboxTightWrap", "textDirection",
            "textAlignment", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"],
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
             "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"],
}
"""Child order the OOXML schema requires (Word refuses a file that breaks it)."""


def put(parent: Any, child: Any) -> Any:
    """Insert or replace ``child`` in ``parent`` at the place the schema orders it."""
    order = SCHEMA_ORDER.get(etree.QName(parent).localname) or _SECT_ORDER
    name = etree.QName(child).localname
    for old in parent.findall(child.tag):
        parent.remove(old)
    rank = order.index(name)
    for existing in parent:
        other = etree.QName(existing).localname
        if other in order and order.index(other) > rank:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


_SECT_ORDER = ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
               "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols",
               "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
               "rtlGutter", "docGrid", "printerSettings", "sectPrChange"]


def replace_section(target: Any, new: Any) -> None:
    """Put ``new`` section properties in place of ``target`` (same parent, same position)."""
    target.getparent().replace(target, new)


def text_width_of(sect: Any) -> float:
    """Usable text width of a section, in mm."""
    size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    twips = int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"))) \
        - int(margins.get(qn("w:right")))
    return twips / TWIPS_PER_MM


# --- tables -----------------------------------------------------------------------------

def fix_table_layout(table: Any, widths_mm: tuple[float, ...]) -> None:
    """Fixed layout, explicit grid, and every cell's width set (Word and LibreOffice agree)."""
    tbl = table._tbl
    pr = tbl.tblPr
    put(pr, parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    total = round(sum(widths_mm) * TWIPS_PER_MM)
    put(pr, parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>'))
    grid = tbl.tblGrid
    for col, mm in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(round(mm * TWIPS_PER_MM)))
    for row in table.rows:
        for tc in row._tr.findall(qn("w:tc")):
            span = tc.tcPr.find(qn("w:gridSpan")) if tc.tcPr is not None else None
            start = _grid_index(row._tr, tc)
            count = int(span.get(qn("w:val"))) if span is not None else 1
            tc.get_or_add_tcPr().get_or_add_tcW().set(
                qn("w:w"), str(round(sum(widths_mm[start:start + count]) * TWIPS_PER_MM)))
            tc.tcPr.tcW.set(qn("w:type"), "dxa")


def _grid_index(tr: Any, target: Any) -> int:
    index = 0
    for tc in tr.findall(qn("w:tc")):
        if tc is target:
            return index
        span = tc.tcPr.find(qn("w:gridSpan")) if tc.tcPr is not None else None
        index += int(span.get(qn("w:val"))) if span is not None else 1
    return index


CELL_MARGIN_TWIPS = 57
"""1 mm each side: narrow KPI columns keep "75,8%" on one line."""


def all_borders(table: Any, size_eighths: int = 4) -> None:
    """Single black borders on every edge (the seeds' appendix tables), slim cell margins."""
    edges = "".join(f'<w:{edge} w:val="single" w:sz="{size_eighths}" w:space="0" '
                    f'w:color="000000"/>' for edge in
                    ("top", "left", "bottom", "right", "insideH", "insideV"))
    put(table._tbl.tblPr, parse_xml(f'<w:tblBorders {nsdecls("w")}>{edges}</w:tblBorders>'))
    margins = "".join(f'<w:{side} w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
                      for side in ("left", "right"))
    put(table._tbl.tblPr, parse_xml(f'<w:tblCellMar {nsdecls("w")}>{margins}</w:tblCellMar>'))


def repeat_as_header(row: Any) -> None:
    """Mark a row as a header row, repeated at the top of every page the table spans."""
    tr_pr = row._tr.get_or_add_trPr()
    put(tr_pr, parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    put(tr_pr, parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def center_vertically(cell: Any) -> None:
    """Header cells are centred vertically as well as horizontally."""
    put(cell._tc.get_or_add_tcPr(), parse_xml(f'<w:vAlign {nsdecls("w")} w:val="center"/>'))


# --- footnotes --------------------------------------------------------------------------

def footnote_reference_run(number: int) -> Any:
    """The run that places footnote ``number`` in the text (superscript mark)."""
    return parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="footnotereference"/>'
                     f'</w:rPr><w:footnoteReference w:id="{number}"/></w:r>')


def add_footnotes(document: Any, notes: list[list[tuple[str, bool, bool]]]) -> None:
    """Append the plan's footnotes (runs of text, bold, italic) to the footnotes part."""
    if not notes:
        return
    part = _footnotes_part(document)
    root = etree.fromstring(part.blob)
    for number, runs in enumerate(notes, start=1):
        root.append(_footnote(number, runs))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _footnotes_part(document: Any) -> Any:
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            return rel.target_part
    raise LookupError("mẫu không có phần chú thích (footnotes.xml)")


def _footnote(number: int, runs: list[tuple[str, bool, bool]]) -> Any:
    note = etree.SubElement(etree.Element(f"{W}x"), f"{W}footnote")
    note.set(f"{W}id", str(number))
    paragraph = etree.SubElement(note, f"{W}p")
    style = etree.SubElement(etree.SubElement(paragraph, f"{W}pPr"), f"{W}pStyle")
    style.set(f"{W}val", "footnotetext")
    mark = etree.SubElement(paragraph, f"{W}r")
    etree.SubElement(etree.SubElement(mark, f"{W}rPr"), f"{W}rStyle").set(
        f"{W}val", "footnotereference")
    etree.SubElement(mark, f"{W}footnoteRef")
    space = etree.SubElement(paragraph, f"{W}r")
    _text(space, " ")
    for text, bold, italic in runs:
        run = etree.SubElement(paragraph, f"{W}r")
        if bold or italic:
            pr = etree.SubElement(run, f"{W}rPr")
            if bold:
                etree.SubElement(pr, f"{W}b")
            if italic:
                etree.SubElement(pr, f"{W}i")
        _text(run, text)
    return note


def _text(run: Any, text: str) -> None:
    node = etree.SubElement(run, f"{W}t")
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


# --- drawn rules ------------------------------------------------------------------------

def _style_of(paragraph: Any) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else "Normal"


def _lines_of(paragraph: Any) -> list[str]:
    """The visible lines of a paragraph (line breaks split them)."""
    lines, current = [], ""
    for node in paragraph.iter(f"{W}t", f"{W}br", f"{W}tab"):
        if node.tag == f"{W}t":
            current += node.text or ""
        elif node.tag == f"{W}br":
            lines.append(current)
            current = ""
        else:
            current += "    "
    return [*lines, current]


def set_rule_lengths(document: Any, style_sizes: dict[str, tuple[float, bool]],
                     fonts: FontMetrics) -> None:
    """Give every rule paragraph indents so that its bottom border has the right length."""
    body = document.element.body
    sections = _section_widths(body)
    for paragraph, available in _rules_with_room(body, sections):
        above = _text_above(paragraph)
        if not above:
            continue
        style = _style_of(above[0])
        size, bold = style_sizes.get(style, (14.0, False))
        widest = max((text_width_mm(fonts, line, size, bold)
                      for p in above for line in _lines_of(p)), default=0)
        widest = min(widest, available)
        length = widest if style in FULL_LENGTH_AFTER else widest * SHORT_RULE
        indent = max(0.0, (available - length) / 2)
        _set_indent(paragraph, indent)


def _text_above(paragraph: Any) -> list[Any]:
    """The block of same-style paragraphs right above a rule (e.g. both issuer lines)."""
    previous = paragraph.getprevious()
    while previous is not None and previous.tag == f"{W}p" and (
            not "".join(_lines_of(previous)).strip() or _style_of(previous) in NOT_MEASURED):
        previous = previous.getprevious()
    block: list[Any] = []
    while previous is not None and previous.tag == f"{W}p" and (
            not block or _style_of(previous) == _style_of(block[0])):
        block.append(previous)
        previous = previous.getprevious()
    return block


def _section_widths(body: Any) -> list[tuple[Any, float]]:
    """(last element of a section, its text width) in document order."""
    out = []
    for paragraph in body.iterchildren(f"{W}p"):
        sect = paragraph.find(f"{W}pPr/{W}sectPr")
        if sect is not None:
            out.append((paragraph, text_width_of(sect)))
    out.append((None, text_width_of(body.find(f"{W}sectPr"))))
    return out


def _rules_with_room(body: Any, sections: list[tuple[Any, float]]) -> Iterator[tuple[Any, float]]:
    boundaries = iter(sections)
    end, width = next(boundaries)
    for element in body.iterchildren():
        for paragraph in _paragraphs_in(element):
            if _style_of(paragraph) == RULE_STYLE:
                yield paragraph, _cell_width(paragraph) or width
        if element is end:
            end, width = next(boundaries)


def _paragraphs_in(element: Any) -> Iterator[Any]:
    if element.tag == f"{W}p":
        yield element
    else:
        yield from element.iter(f"{W}p")


def _cell_width(paragraph: Any) -> float | None:
    cell = paragraph.getparent()
    if cell.tag != f"{W}tc":
        return None
    width = cell.find(f"{W}tcPr/{W}tcW")
    return int(width.get(f"{W}w")) / TWIPS_PER_MM if width is not None else None


def _set_indent(paragraph: Any, indent_mm: float) -> None:
    twips = str(round(indent_mm * TWIPS_PER_MM))
    put(paragraph.find(f"{W}pPr"), parse_xml(
        f'<w:ind {nsdecls("w")} w:left="{twips}" w:right="{twips}" w:firstLine="0"/>'))

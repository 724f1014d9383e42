"""The OOXML that is edited as a tree (lxml): section properties and drawn rules.

Used on the template while it is prepared (sections for portrait and landscape appendices,
properties put in schema order) and on the template's rendered frame (the header table and
the title, whose rules follow the text above them). Never regular expressions over XML.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from generator.reference import FontMetrics
from generator.render.measure import text_width_mm
from generator.render.ooxml.fragments import TWIPS_PER_MM

RULE_STYLE = "KHDuongke"
FULL_LENGTH_AFTER = {"KHTieungu"}
"""A rule under these styles is as long as the line above it (the Tiêu ngữ rule)."""
SHORT_RULE = 0.4
"""Other rules: 1/3 to 1/2 of the text above them (Nghị định 30/2020); we take 0.4."""
NOT_MEASURED = {"KHKemtheo"}
"""Lines a rule sits under but is not measured against (the appendix's italic line)."""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- sections ---------------------------------------------------------------------------

def section_copy(base: Any, part: Any, *, landscape: bool, restart_numbering: bool) -> Any:
    """A copy of the document's section properties for one part of the document.

    python-docx turns the page (orientation and size) and hides the number on the first
    page; only the page-number restart has no API and is written here.
    """
    from docx.enum.section import WD_ORIENT  # only while a template is prepared
    from docx.oxml import parse_xml
    from docx.section import Section

    sect = parse_xml(etree.tostring(base))  # python-docx's own element classes
    section = Section(sect, part)
    width, height = section.page_width, section.page_height
    assert width is not None and height is not None, "the template's section has a page size"
    short, long = sorted((width, height))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.different_first_page_header_footer = True
    for old in sect.findall(f"{W}pgNumType"):
        sect.remove(old)
    if restart_numbering:
        restart = etree.Element(f"{W}pgNumType")
        restart.set(f"{W}start", "1")
        put(sect, restart)
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
            "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
            "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"],
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
            "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
            "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
            "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
            "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange"],
    "pBdr": ["top", "left", "start", "bottom", "right", "end", "between", "bar"],
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
             "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"],
}
"""Child order the OOXML schema requires (Word refuses a file that breaks it)."""


def child_of(parent: Any, name: str) -> Any:
    """``parent``'s ``w:name`` child, made at its place in the schema's order if absent."""
    found = parent.find(f"{W}{name}")
    return found if found is not None else put(parent, etree.Element(f"{W}{name}"))


def put(parent: Any, child: Any) -> Any:
    """Insert or replace ``child`` in ``parent`` at the place the schema orders it."""
    order = SCHEMA_ORDER.get(etree.QName(parent).localname) or SECT_ORDER
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


SECT_ORDER = ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
               "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols",
               "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
               "rtlGutter", "docGrid", "printerSettings", "sectPrChange"]


def parse_fragment(xml: str) -> Any:
    """One element written with the ``w:`` and ``r:`` prefixes, parsed on its own."""
    wrapper = (f'<w:x xmlns:w="{W[1:-1]}" xmlns:r="http://schemas.openxmlformats.org/'
               f'officeDocument/2006/relationships">{xml}</w:x>')
    return etree.fromstring(wrapper)[0]


def replace_section(target: Any, new: Any) -> None:
    """Put ``new`` section properties in place of ``target`` (same parent, same position)."""
    target.getparent().replace(target, new)


def text_height_of(sect: Any) -> float:
    """Usable text height of a section's pages, in mm."""
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    twips = int(size.get(f"{W}h")) - abs(int(margins.get(f"{W}top"))) \
        - abs(int(margins.get(f"{W}bottom")))
    return twips / TWIPS_PER_MM


def text_width_of(sect: Any) -> float:
    """Usable text width of a section, in mm."""
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    twips = int(size.get(f"{W}w")) - int(margins.get(f"{W}left")) \
        - int(margins.get(f"{W}right"))
    return twips / TWIPS_PER_MM


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


def rule_indent_mm(lines: list[str], size: float, bold: bool, available: float,
                   fonts: FontMetrics, *, full: bool = False) -> float:
    """Left and right indent that leave a rule as long as the text above it, or 0.4 of it."""
    widest = min(max((text_width_mm(fonts, line, size, bold) for line in lines), default=0.0),
                 available)
    length = widest if full else widest * SHORT_RULE
    return max(0.0, (available - length) / 2)


def set_rule_lengths(body: Any, style_sizes: dict[str, tuple[float, bool]],
                     fonts: FontMetrics) -> None:
    """Give every rule paragraph of ``body`` indents so its bottom border has the right length."""
    sections = _section_widths(body)
    for paragraph, available in _rules_with_room(body, sections):
        above = _text_above(paragraph)
        if not above:
            continue
        style = _style_of(above[0])
        size, bold = style_sizes.get(style, (14.0, False))
        lines = [line for p in above for line in _lines_of(p)]
        _set_indent(paragraph, rule_indent_mm(lines, size, bold, available, fonts,
                                              full=style in FULL_LENGTH_AFTER))


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
    if width is None or width.get(f"{W}type", "dxa") != "dxa":
        return None  # "auto", a percentage: the section's width stands in
    twips = width.get(f"{W}w", "")
    return int(twips) / TWIPS_PER_MM if twips.isascii() and twips.isdigit() and int(twips) \
        else None


def _set_indent(paragraph: Any, indent_mm: float) -> None:
    twips = str(round(indent_mm * TWIPS_PER_MM))
    indent = etree.Element(f"{W}ind")
    for side, value in (("left", twips), ("right", twips), ("firstLine", "0")):
        indent.set(f"{W}{side}", value)
    put(paragraph.find(f"{W}pPr"), indent)

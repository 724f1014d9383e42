"""The OOXML that is edited as a tree (lxml): section properties, children in schema order.

Used on a template while it is prepared (sections for portrait and landscape appendices,
properties put in schema order), on a rendered frame, and by ``check --fix``. Never regular
expressions over XML.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from generator.ooxml.ns import NAMESPACES, W
from generator.ooxml.units import TWIPS_PER_MM

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
    wrapper = f'<w:x xmlns:w="{NAMESPACES["w"]}" xmlns:r="{NAMESPACES["r"]}">{xml}</w:x>'
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

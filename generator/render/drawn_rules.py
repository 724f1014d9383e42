"""Drawn rules of a plan (the lines under the issuing body, the Quốc hiệu and the title),
sized after the text above them on the template's rendered frame.

A rule is a paragraph of style ``KHDuongke`` whose bottom border is the line; its left and
right indents make the line as long as the Tiêu ngữ above it, or the decree's share of other
text (:data:`generator.decree.SHORT_RULE`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from generator.decree import SHORT_RULE
from generator.ooxml.ns import W
from generator.ooxml.tree import put, text_width_of
from generator.ooxml.units import TWIPS_PER_MM
from generator.reference import FontMetrics
from generator.render.measure import text_width_mm

RULE_STYLE = "KHDuongke"
FULL_LENGTH_AFTER = {"KHTieungu"}
"""A rule under these styles is as long as the line above it (the Tiêu ngữ rule)."""
NOT_MEASURED = {"KHKemtheo"}
"""Lines a rule sits under but is not measured against (the appendix's italic line)."""


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

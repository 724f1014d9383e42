"""A DOCX as it shows: sections with their page setup, paragraphs with effective formatting.

Word resolves a run's font, size, bold and italic from the run's own properties, then its
character style, then the paragraph's style and the styles it is based on, then the
document defaults; a font may name the theme's. This module does the same, so a document
saved by Word, LibreOffice or kehoach is read alike.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import etree

from generator.errors import Diagnostic, KeHoachError
from generator.ooxml.archive import ZIP_ERRORS, damage
from generator.ooxml.ns import MC, STRICT, A, R, W
from generator.ooxml.package import PARSER

SHAPES = {f"{W}drawing", f"{W}pict", f"{W}object"}
"""Run content that draws (a line shape, a picture): how Word and LibreOffice draw underlines."""


@dataclass(frozen=True)
class Run:
    """A piece of text with the formatting it shows."""

    text: str
    font: str | None
    size: float | None
    bold: bool
    italic: bool
    underline: bool = False
    caps: bool = False
    """Shown in capitals whatever the letters typed (``w:caps``)."""
    vertical: str = ""
    """``superscript`` or ``subscript`` (``w:vertAlign``): raised or lowered and drawn
    smaller than its size says; "" on the line."""

    @property
    def shown_size(self) -> float | None:
        """The size the letters show at: a superscript or subscript run is drawn at about
        two thirds of its size (as Word and LibreOffice draw it)."""
        if self.size is None or not self.vertical:
            return self.size
        return round(self.size * SCRIPT_SCALE, 1)

    @property
    def shown(self) -> str:
        """The text as it shows: upper case under ``caps``."""
        return self.text.upper() if self.caps else self.text


@dataclass(frozen=True)
class Layout:
    """How a paragraph sits: first-line indent (negative: hanging) and spacing, in points;
    line spacing as a multiple of a single line (``auto``) or in points (exact, at least)."""

    first_line: float
    before: float
    after: float
    line: float | None
    line_rule: str
    tab_lead: float = 0.0
    """Where a Tab typed first pushes the first line (points from the indent): the
    paragraph's first tab stop past it, else the document's default stop. Clerks indent
    with a Tab; the page shows that indent."""

    left: float = 0.0
    """The paragraph's left and right indent, in points (what a bottom border spans
    between: its length is the paragraph's width less these)."""
    right: float = 0.0

    @property
    def shown_first_line(self) -> float:
        """The first line's indent as the page shows it, a leading Tab included."""
        return self.first_line + self.tab_lead


@dataclass(frozen=True)
class Paragraph:
    """A paragraph in reading order: where it is, its style, its runs."""

    index: int
    section: int
    style: str | None
    runs: tuple[Run, ...]
    in_table: bool
    table: int | None
    """The body-level table that holds it (its order among the body's tables)."""
    border_bottom: bool
    """A drawn line under the paragraph (how an underline is drawn without a shape)."""
    text: str = ""
    """The paragraph's words as they read (its runs joined)."""
    alignment: str | None = None
    """``center``, ``both``, ``left``… as the paragraph or its style says."""
    border_top: bool = False
    shape: bool = False
    """The paragraph holds a drawing (a line shape, a picture)."""
    in_text_box: bool = False
    cell: int | None = None
    """The table cell that holds it (numbered in reading order), for telling apart the
    columns of a header or signature table."""
    layout: Layout | None = None
    """Indent and spacing as they show (direct formatting over the style chain over the
    document defaults)."""
    line_mm: float | None = None
    """The length of the line shape the paragraph draws (``wp:extent`` of a drawing no
    taller than a line, or a VML ``v:line``), in millimetres; None when it draws none."""
    cell_mm: float | None = None
    """The width the table cell that holds it leaves it, in millimetres, when the table
    says."""
    heading: str = ""
    """The first words of the nearest heading above it ("II. NHIỆM VỤ", "Phụ lục I"), ""
    before the first: where a clerk looks for it."""
    above: str = ""
    """The first words of the nearest paragraph with words above it (an empty paragraph,
    such as a drawn line, is found by what it sits under)."""

    @property
    def shown(self) -> str:
        """The words as they show (capitals where the formatting says so)."""
        return "".join(r.shown for r in self.runs)

    @property
    def draws_an_underline(self) -> bool:
        """Whether the paragraph shows a drawn line: a border, or a shape with no words."""
        return self.border_bottom or self.border_top or (self.shape and not self.text.strip())

    def where(self) -> str:
        """Where a clerk finds it as Word shows the document: the nearest heading above it
        and its first words ("mục II. NHIỆM VỤ, 'Căn cứ Nghị định…'"; "đầu văn bản,
        dòng trống dưới 'SỞ CÔNG THƯƠNG'"); never a count of paragraphs Word does not show."""
        place = f"mục {self.heading}" if self.heading else "đầu văn bản"
        words = first_words(self.text)
        if words:
            return f"{place}, '{words}'"
        return f"{place}, dòng trống dưới '{self.above}'" if self.above else place


@dataclass(frozen=True)
class Section:
    """A section's page: size and margins in millimetres, and how it numbers its pages."""

    index: int
    width_mm: float
    height_mm: float
    margins_mm: dict[str, float]
    title_page: bool
    """Page 1 of the section has its own (empty) header: the number is hidden there."""
    number_restart: bool
    header_has_page_field: bool
    page_number_size: float | None = None
    """The size the page number shows at (its field's runs), when the header has one."""
    page_number_alignment: str | None = None
    page_number_font: str | None = None
    """The font the page number shows in (the field's result), when the header has one."""
    first_page_field: bool = False
    """The first page's own header (``titlePg``) shows a page number too."""
    even_page_field: bool | None = None
    """With different odd and even pages (settings ``w:evenAndOddHeaders``): whether the
    even pages' header shows a page number; None when even pages show the default one."""
    headers: tuple[tuple[str, str], ...] = ()
    """The header shown on each kind of page ("default", "first", "even") → its
    relationship id: the section's own, else the one the section before shows (as Word
    does)."""


@dataclass
class DocxView:
    """What a document shows, read once."""

    file: str
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    body_order: list[tuple[str, int]] = field(default_factory=list)
    """Body-level blocks in order: ("p", paragraph index) or ("tbl", table index)."""
    elements: list[Any] = field(default_factory=list, repr=False)
    """The XML element of each paragraph, by index (what ``--fix`` edits)."""
    section_elements: list[Any] = field(default_factory=list, repr=False)
    xml: dict[str, Any] = field(default_factory=dict, repr=False)
    """The parts read, by name (``word/document.xml``…), parsed: what ``--fix`` edits."""
    header_parts: dict[str, str] = field(default_factory=dict, repr=False)
    """Header relationship id → part name."""
    cells: dict[Any, int] = field(default_factory=dict, repr=False)
    """Table cell element → its number, as cells are met."""
    default_tab_pt: float = 36.0
    """The document's default tab stop (settings.xml ``w:defaultTabStop``), in points."""
    even_and_odd: bool = False
    """Even pages show their own header (settings.xml ``w:evenAndOddHeaders``)."""


SCRIPT_SCALE = 2 / 3
"""How much smaller Word draws a superscript or subscript than its size."""
UNIT_POINTS = {"pt": 1.0, "pc": 12.0, "pi": 12.0, "in": 72.0, "mm": 72 / 25.4,
               "cm": 72 / 2.54}
"""Points in one of each unit a measure may be written in (ECMA-376 universal measure)."""
HALF_POINTS, TWIPS = 2, 20
"""How many of a plain number make one point: font sizes count half points, pages twips."""
MEASURE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|pc|pi|in|mm|cm)?\s*$")


def measure(value: str | None, per_point: int) -> float | None:
    """A size or length in points: a plain number of ``per_point`` units, or a number with
    its unit ("12pt", "3mm"); None when absent or not a measure (Word ignores such a value,
    and so does this reader)."""
    found = MEASURE.match(value) if value else None
    if found is None:
        return None
    number = float(found[1])
    return number * UNIT_POINTS[found[2]] if found[2] else number / per_point


Formatting = tuple[str | None, float | None, bool, bool, bool, bool, str]
"""A run's font, size in points, bold, italic, underline, capitals and vertical position
(superscript, subscript), as it shows."""


def _on(element: Any, name: str) -> bool | None:
    found = element.find(f"{W}{name}") if element is not None else None
    if found is None:
        return None
    return found.get(f"{W}val", "true") not in ("0", "false", "off")


class _Styles:
    """Styles by id with their base chains, the document defaults and the theme fonts."""

    def __init__(self, styles: Any, theme: Any, table_style_rules: bool = False) -> None:
        self.by_id: dict[str, Any] = {}
        self.default_paragraph: str | None = None
        self.default_table: str | None = None
        self.defaults = None
        self.table_style_rules = table_style_rules
        """The document asks for the standard's order of table style and paragraph style
        (``overrideTableStyleFontSizeAndJustification``); else Word's older exception
        holds: a 12 pt size or a left alignment of the default paragraph style does not
        override the table style's."""
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                ident = style.get(f"{W}styleId")
                self.by_id[ident] = style
                kind = style.get(f"{W}type")
                if style.get(f"{W}default") in ("1", "true") and kind == "paragraph":
                    self.default_paragraph = ident
                elif style.get(f"{W}default") in ("1", "true") and kind == "table":
                    self.default_table = ident
            self.defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.memo: dict[tuple[str | None, str | None, tuple[str, ...], bytes], Formatting] = {}
        self.rows: dict[Any, dict[Any, int]] = {}
        self.alignments: dict[tuple[str | None, str | None], str | None] = {}
        self.layouts: dict[tuple[str | None, str | None], dict[str, str]] = {}
        self.tables: dict[Any, str | None] = {}
        """Each table's style, found once: a table without one would otherwise be searched
        through all its rows again for every paragraph in it (quadratic in its rows)."""
        self.paragraph_defaults = styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr") \
            if styles is not None else None
        self.borders: dict[str | None, bool] = {}
        self.names: dict[str | None, str | None] = {}
        self.theme: dict[str, str] = {}
        if theme is not None:
            for kind in ("major", "minor"):
                latin = theme.find(f".//{A}{kind}Font/{A}latin")
                if latin is not None:
                    self.theme[kind] = latin.get("typeface", "")

    def effective(self, run: Any, paragraph_style: str | None,
                  table_style: str | None = None) -> Formatting:
        """A run's font, size, bold and italic; runs formatted alike are resolved once."""
        own = run.find(f"{W}rPr")
        where = self.conditions(run) if table_style is not None else ()
        key = (paragraph_style, table_style, where,
               etree.tostring(own) if own is not None else b"")
        found = self.memo.get(key)
        if found is None:
            found = _effective(_run_props(run, paragraph_style, table_style, self, where),
                               self)
            if self._table_wins(paragraph_style, table_style, found[1] == 12.0, "rPr/sz") \
                    and not _run_sets_size(run, self) \
                    and not self._condition_sets_size(table_style, where):
                table_size = next(self._table_values(table_style, "rPr/sz"))
                found = (found[0], measure(table_size, HALF_POINTS), *found[2:])
            self.memo[key] = found
        return found

    def conditions(self, run: Any) -> tuple[str, ...]:
        """The table style's conditional formats (``w:tblStylePr``) that apply where the run
        sits, strongest first, as the table's ``w:tblLook`` turns them on: first and last
        row over first and last column over horizontal bands (Word's order)."""
        cell = next(run.iterancestors(f"{W}tc"), None)
        if cell is None or cell.getparent() is None:
            return ()
        row = cell.getparent()
        table = row.getparent()
        if table is None or table.tag != f"{W}tbl":
            return ()
        if table not in self.rows:
            self.rows[table] = {r: i for i, r in enumerate(table.findall(f"{W}tr"))}
        rows = self.rows[table]
        look = _table_look(table)
        index, cells = rows.get(row, 0), row.findall(f"{W}tc")
        found = []
        if look["firstRow"] and index == 0:
            found.append("firstRow")
        if look["lastRow"] and index == len(rows) - 1:
            found.append("lastRow")
        if look["firstColumn"] and cells and cells[0] is cell:
            found.append("firstCol")
        if look["lastColumn"] and cells and cells[-1] is cell:
            found.append("lastCol")
        if not look["noHBand"]:
            band = index - (1 if look["firstRow"] else 0)
            if band >= 0:
                found.append("band1Horz" if band % 2 == 0 else "band2Horz")
        return tuple(found)

    def _condition_sets_size(self, table_style: str | None, where: tuple[str, ...]) -> bool:
        """Whether a conditional format that applies gives a size (Word's 12 pt exception
        is then not what sized the run)."""
        return any(c.get(f"{W}type") in where and c.find(f"{W}rPr/{W}sz") is not None
                   for s in self.table_chain(table_style) for c in s.findall(f"{W}tblStylePr"))

    def table_chain(self, ident: str | None) -> list[Any]:
        """A table style and those it is based on, nearest first, without Word's built-in
        "Normal Table" (Word ignores what it says)."""
        return [s for s in self.chain(ident) if (name := s.find(f"{W}name")) is None
                or name.get(f"{W}val") != "Normal Table"]

    def table_style(self, paragraph: Any) -> str | None:
        """The table style a paragraph's nearest table has (or the document's default
        table style); None outside a table (a text box inside a cell is outside)."""
        for ancestor in paragraph.iterancestors(f"{W}tbl", f"{W}txbxContent"):
            if ancestor.tag == f"{W}txbxContent":
                return None
            if ancestor not in self.tables:
                properties = table_properties(ancestor)
                own = properties.find(f"{W}tblStyle") if properties is not None else None
                self.tables[ancestor] = own.get(f"{W}val") if own is not None \
                    else self.default_table
            return self.tables[ancestor]
        return None

    def _table_values(self, table_style: str | None, path: str) -> Iterator[str]:
        """The ``w:val`` a table style (or one it is based on) gives at ``path``."""
        for style in self.table_chain(table_style):
            found = style.find(f"{W}{path.replace('/', f'/{W}')}")
            if found is not None and found.get(f"{W}val") is not None:
                yield str(found.get(f"{W}val"))

    def _table_wins(self, paragraph_style: str | None, table_style: str | None,
                    style_value_is_the_exception: bool, path: str) -> bool:
        """Word's exception (MS-DOCX, ``overrideTableStyleFontSizeAndJustification``
        off): in a table, a default paragraph style's 12 pt size or left alignment gives
        way to the table style's, when the table style has one."""
        return (not self.table_style_rules and table_style is not None
                and paragraph_style in (None, self.default_paragraph)
                and style_value_is_the_exception
                and next(self._table_values(table_style, path), None) is not None)

    def chain(self, ident: str | None) -> Iterator[Any]:
        """A style and the styles it is based on, nearest first (cycles cut)."""
        seen: set[str] = set()
        while ident and ident in self.by_id and ident not in seen:
            seen.add(ident)
            style = self.by_id[ident]
            yield style
            based = style.find(f"{W}basedOn")
            ident = based.get(f"{W}val") if based is not None else None

    def alignment(self, ident: str | None, table_style: str | None = None) -> str | None:
        """A paragraph style's alignment, from it or the styles it is based on, else the
        table style's, else the document defaults'."""
        key = (ident, table_style)
        if key not in self.alignments:
            layers = [*self.chain(ident), *self.table_chain(table_style)]
            found = next((jc.get(f"{W}val") for s in layers
                          if (jc := s.find(f"{W}pPr/{W}jc")) is not None), None)
            if found is None and self.paragraph_defaults is not None:
                jc = self.paragraph_defaults.find(f"{W}jc")
                found = jc.get(f"{W}val") if jc is not None else None
            if self._table_wins(ident, table_style, found in ("left", "start"), "pPr/jc"):
                found = next(self._table_values(table_style, "pPr/jc"))
            self.alignments[key] = found
        return self.alignments[key]

    def layout_values(self, ident: str | None, table_style: str | None = None
                      ) -> dict[str, str]:
        """A paragraph style's indent and spacing attributes, nearest layer winning: the
        style, the styles it is based on, the table style, the document defaults (once per
        style and table style)."""
        key = (ident, table_style)
        if key not in self.layouts:
            values: dict[str, str] = {}
            layers = [s.find(f"{W}pPr") for s in
                      (*self.chain(ident), *self.table_chain(table_style))]
            for props in [*layers, self.paragraph_defaults]:
                if props is not None:
                    _layout_attributes(props, values)
            self.layouts[key] = values
        return self.layouts[key]

    def bordered(self, ident: str | None) -> bool:
        """Whether a paragraph style draws a line under its paragraphs (once per style)."""
        if ident not in self.borders:
            self.borders[ident] = any(s.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None
                                      for s in self.chain(ident))
        return self.borders[ident]

    def name(self, ident: str | None) -> str | None:
        """A style's name as Word shows it (once per style)."""
        if ident not in self.names:
            style = self.by_id.get(ident or "")
            found = style.find(f"{W}name") if style is not None else None
            self.names[ident] = found.get(f"{W}val") if found is not None else ident
        return self.names[ident]

    def font(self, props: Any) -> str | None:
        fonts = props.find(f"{W}rFonts") if props is not None else None
        if fonts is None:
            return None
        if fonts.get(f"{W}ascii"):
            return str(fonts.get(f"{W}ascii"))
        theme = fonts.get(f"{W}asciiTheme")
        if theme:
            return self.theme.get("major" if theme.startswith("major") else "minor")
        other = fonts.get(f"{W}hAnsi")
        return str(other) if other else None


LAYOUT_ATTRIBUTES = {"ind": ("firstLine", "hanging", "left", "start", "right", "end"),
                     "spacing": ("before", "after", "line", "lineRule")}


def _layout_attributes(props: Any, values: dict[str, str]) -> None:
    """Fill ``values`` with the indent and spacing ``props`` sets, where not set yet."""
    for element, names in LAYOUT_ATTRIBUTES.items():
        found = props.find(f"{W}{element}")
        if found is None:
            continue
        for name in names:
            value = found.get(f"{W}{name}")
            key = "firstLine" if name == "hanging" else name
            if value is not None and key not in values:
                values[key] = f"-{value}" if name == "hanging" else value


def _layout(element: Any, style: str | None, styles: _Styles,
            table_style: str | None = None) -> Layout:
    values: dict[str, str] = {}
    props = element.find(f"{W}pPr")
    if props is not None:
        _layout_attributes(props, values)
    for key, value in styles.layout_values(style, table_style).items():
        values.setdefault(key, value)

    def points(name: str) -> float:
        raw = values.get(name, "0")
        negative = raw.startswith("-")
        found = measure(raw.lstrip("-"), TWIPS)
        return -(found or 0.0) if negative else (found or 0.0)

    rule = values.get("lineRule", "auto")
    line = measure(values.get("line"), TWIPS) if "line" in values else None
    if line is not None and rule == "auto":
        line = line * TWIPS / 240  # 240 = one line
    return Layout(points("firstLine"), points("before"), points("after"), line, rule,
                  left=points("left") or points("start"), right=points("right") or points("end"))


TABLE_LOOK_BITS = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80,
                   "lastColumn": 0x100, "noHBand": 0x200, "noVBand": 0x400}
"""The bits of a ``w:tblLook`` written as one hexadecimal ``w:val`` (Word 2007)."""


def _table_look(table: Any) -> dict[str, bool]:
    """Which conditional formats a table turns on (``w:tblLook``; Word's default when
    absent: first row, first column and bands)."""
    properties = table_properties(table)
    look = properties.find(f"{W}tblLook") if properties is not None else None
    if look is None:
        return {"firstRow": True, "lastRow": False, "firstColumn": True, "lastColumn": False,
                "noHBand": False, "noVBand": True}
    value = look.get(f"{W}val")
    bits = int(value, 16) if value and re.fullmatch(r"[0-9A-Fa-f]{1,4}", value) else 0
    return {name: look.get(f"{W}{name}") in ("1", "true", "on") if look.get(f"{W}{name}")
            is not None else bool(bits & bit) for name, bit in TABLE_LOOK_BITS.items()}


def table_properties(table: Any) -> Any:
    """A table's ``w:tblPr``, looked for only before its grid and rows (the schema puts it
    there): ``find`` would walk every row of the table, for each of its paragraphs — a
    6,000-row table read in time that grew with the square of its rows."""
    for child in table:
        if child.tag == f"{W}tblPr":
            return child
        if child.tag in (f"{W}tblGrid", f"{W}tr"):
            return None
    return None


def _run_props(run: Any, paragraph_style: str | None, table_style: str | None,
               styles: _Styles, conditions: tuple[str, ...] = ()) -> list[Any]:
    """The rPr elements that apply to a run, nearest first: its own, its character
    style's, its paragraph style's, its table style's (the conditional formats that apply
    where it sits, ``conditions``, before the style's whole-table one), the defaults."""
    layers = [run.find(f"{W}rPr")]
    own = run.find(f"{W}rPr/{W}rStyle")
    if own is not None:
        layers += [s.find(f"{W}rPr") for s in styles.chain(own.get(f"{W}val"))]
    layers += [s.find(f"{W}rPr") for s in styles.chain(paragraph_style)]
    for style in styles.table_chain(table_style):
        by_type = {c.get(f"{W}type"): c for c in style.findall(f"{W}tblStylePr")}
        layers += [by_type[c].find(f"{W}rPr") for c in conditions if c in by_type]
        layers.append(style.find(f"{W}rPr"))
    layers.append(styles.defaults)
    return [layer for layer in layers if layer is not None]


def _run_sets_size(run: Any, styles: _Styles) -> bool:
    """Whether a run's own formatting or its character style gives it a size."""
    own = run.find(f"{W}rPr/{W}rStyle")
    layers = [run.find(f"{W}rPr"), *(s.find(f"{W}rPr") for s in
                                     styles.chain(own.get(f"{W}val") if own is not None
                                                  else None))]
    return any(layer is not None and layer.find(f"{W}sz") is not None for layer in layers)


def _effective(layers: list[Any], styles: _Styles) -> Formatting:
    font = next((f for f in (styles.font(layer) for layer in layers) if f), None)
    size = next((points for layer in layers if (s := layer.find(f"{W}sz")) is not None
                 and (points := measure(s.get(f"{W}val"), HALF_POINTS)) is not None), None)
    bold = next((b for b in (_on(layer, "b") for layer in layers) if b is not None), False)
    italic = next((i for i in (_on(layer, "i") for layer in layers) if i is not None), False)
    underline = next((u.get(f"{W}val", "single") != "none" for layer in layers
                      if (u := layer.find(f"{W}u")) is not None), False)
    caps = next((c for c in (_on(layer, "caps") for layer in layers) if c is not None), False)
    vertical = next((v.get(f"{W}val", "") for layer in layers
                     if (v := layer.find(f"{W}vertAlign")) is not None), "")
    return font, size, bold, italic, underline, caps, \
        vertical if vertical in ("superscript", "subscript") else ""


def _text(run: Any) -> str:
    out = []
    for node in run:
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag == f"{W}tab":
            out.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif node.tag == f"{W}noBreakHyphen":
            out.append("\u2011")  # Word's non-breaking hyphen (Ctrl+Shift+-) shows as "-"
    return "".join(out)


def _section(index: int, props: Any, headers: dict[str, Any], styles: _Styles,
             inherited: Section | None, even_and_odd: bool = False) -> Section:
    """A section's page setup; a kind of header (default, first page, even pages) it has
    none of is the one the section before shows (``inherited``), as Word does."""
    size = props.find(f"{W}pgSz")
    margins = props.find(f"{W}pgMar")

    def mm(element: Any, name: str) -> float:
        value = measure(element.get(f"{W}{name}") if element is not None else None, TWIPS)
        return round(value * 25.4 / 72, 1) if value is not None else 0.0

    shown = dict(inherited.headers) if inherited else {}
    for reference in props.findall(f"{W}headerReference"):
        if reference.get(f"{R}id") in headers:
            shown[reference.get(f"{W}type", "default")] = reference.get(f"{R}id")

    def number(kind: str) -> PageNumber | None:
        part = headers.get(shown[kind]) if kind in shown else None
        return _page_number(part, styles) if part is not None else None

    main = number("default")
    title_page = _on(props, "titlePg") is True
    start = props.find(f"{W}pgNumType")
    return Section(index, mm(size, "w"), mm(size, "h"),
                   {side: mm(margins, side) for side in ("top", "bottom", "left", "right")},
                   title_page, start is not None and start.get(f"{W}start") == "1",
                   main is not None, *(main or (None, None, None)),
                   first_page_field=title_page and number("first") is not None,
                   even_page_field=number("even") is not None if even_and_odd else None,
                   headers=tuple(sorted(shown.items())))




def has_page_field(element: Any) -> bool:
    """Whether a header, or one of its paragraphs, holds a PAGE field (complex or simple)."""
    instructions = " ".join([i.text or "" for i in element.iter(f"{W}instrText")] +
                            [f.get(f"{W}instr", "") for f in element.iter(f"{W}fldSimple")])
    return "PAGE" in instructions.split()


PageNumber = tuple[float | None, str | None, str | None]
"""The size, alignment and font a page number shows in."""


def _page_number(header: Any, styles: _Styles) -> PageNumber | None:
    """The size, alignment and font of the header paragraph holding a PAGE field, if any:
    those of the runs that show the number (the field's result, or the runs of a simple
    field), else of any run of the paragraph."""
    for paragraph in header.iter(f"{W}p"):
        if not has_page_field(paragraph):
            continue
        style = _style_id(paragraph, styles)
        table = styles.table_style(paragraph)
        runs = list(paragraph.iter(f"{W}r"))
        shown = [r for r in runs if r.find(f"{W}t") is not None] or runs
        found = [styles.effective(run, style, table) for run in shown]
        return (next((f[1] for f in found if f[1]), None),
                _alignment(paragraph, style, styles, table),
                next((f[0] for f in found if f[0]), None))
    return None


PACKAGE_ERRORS = (*ZIP_ERRORS, KeyError, ValueError, etree.XMLSyntaxError)
"""What reading a damaged DOCX raises: a damaged zip, a missing part, a part too large, XML
that does not parse."""


def unreadable(path: Path, exc: BaseException, head: bytes = b"") -> KeHoachError:
    """A DOCX that cannot be read, said as the clerk's to fix."""
    if path.suffix.lower() in (".yaml", ".yml"):
        return KeHoachError([Diagnostic(
            "Đây là tệp kế hoạch .yaml, không phải tệp Word: lệnh check kiểm tra tệp .docx.",
            str(path), hint=f"Để kiểm tra kế hoạch: kehoach validate {path.name}; để dựng "
                            f"tệp Word từ nó: kehoach build {path.name}.")])
    why = str(exc) if isinstance(exc, ValueError) and not isinstance(
        exc, etree.XMLSyntaxError) else damage(exc, head)  # ValueError: read_part's words
    return KeHoachError([Diagnostic(f"Không đọc được tệp Word: {why}.", str(path),
                                    hint="Tệp phải là .docx (Word 2007 trở lên); nếu tệp "
                                         "hỏng, mở bằng Word và lưu lại.")])


def _head(path: Path) -> bytes:
    """The first bytes of a file (none if it cannot be read): what kind of file it is."""
    try:
        with path.open("rb") as stream:
            return stream.read(8)
    except OSError:
        return b""


MAX_PART_BYTES = 100_000_000
"""Largest XML part read (uncompressed): a plan is far smaller; a zip bomb is not read."""


def read_part(archive: zipfile.ZipFile, name: str) -> Any:
    """One XML part, parsed without entities or network, refused past its size limit."""
    if archive.getinfo(name).file_size > MAX_PART_BYTES:
        raise ValueError(f"phần {name} lớn hơn {MAX_PART_BYTES // 1_000_000} MB")
    return etree.fromstring(archive.read(name), PARSER)


def read_docx(path: Path, data: bytes | None = None) -> DocxView:
    """Read a DOCX (from ``data`` when given, else the file); a file that is not one is the
    clerk's error, located."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if data is not None else path) as archive:
            names = set(archive.namelist())
            parts: dict[str, Any] = {name: read_part(archive, name) for name in (
                "word/document.xml", "word/styles.xml", "word/theme/theme1.xml",
                "word/_rels/document.xml.rels", "word/settings.xml") if name in names}
            document = parts["word/document.xml"]
            styles, theme = parts.get("word/styles.xml"), parts.get("word/theme/theme1.xml")
            rels = parts.get("word/_rels/document.xml.rels")
            headers, header_names = {}, {}
            for rel in rels if rels is not None else []:
                target = "word/" + rel.get("Target", "").lstrip("/").removeprefix("word/")
                if "header" in target and target in names:
                    headers[rel.get("Id")] = parts[target] = read_part(archive, target)
                    header_names[rel.get("Id")] = target
    except PACKAGE_ERRORS as exc:
        raise unreadable(path, exc, data[:8] if data is not None else _head(path)) from exc
    view = DocxView(str(path), xml=parts, header_parts=header_names)
    settings = parts.get("word/settings.xml")
    stop = settings.find(f"{W}defaultTabStop") if settings is not None else None
    tab = measure(stop.get(f"{W}val"), TWIPS) if stop is not None else None
    view.default_tab_pt = tab if tab else DEFAULT_TAB_PT
    resolver = _Styles(styles, theme, _compat_on(settings, TABLE_STYLE_RULES))
    view.even_and_odd = settings is not None and \
        _on(settings, "evenAndOddHeaders") is True
    section, tables = 0, 0
    if document.tag == f"{STRICT}document":
        raise KeHoachError([Diagnostic(
            "Tệp Word lưu dạng 'Strict Open XML', kehoach chưa đọc được dạng này.", str(path),
            hint="Mở tệp trong Word, chọn Lưu thành > 'Word Document (*.docx)'.")])
    body = document.find(f"{W}body")
    if body is None:
        raise KeHoachError([Diagnostic("Tệp Word không có phần nội dung (w:body).", str(path),
                                       hint="Mở tệp trong Word và lưu lại.")])
    for block in _body_blocks(body):
        if block.tag == f"{W}p":
            view.body_order.append(("p", len(view.paragraphs)))
            _paragraph(view, block, section, None, resolver)
            inner = block.find(f"{W}pPr/{W}sectPr")
            if inner is not None:
                _add_section(view, inner, headers, resolver)
                section += 1
        elif block.tag == f"{W}tbl":
            view.body_order.append(("tbl", tables))
            for paragraph in _table_paragraphs(block):
                _paragraph(view, paragraph, section, tables, resolver)
            tables += 1
        elif block.tag == f"{W}sectPr":
            _add_section(view, block, headers, resolver)
    return view


def _body_blocks(body: Any) -> Iterator[Any]:
    """Body-level paragraphs, tables and the final section properties, content controls
    (``w:sdt``) opened: a Word form keeps its text inside them."""
    for block in body:
        if block.tag == f"{W}sdt":
            content = block.find(f"{W}sdtContent")
            yield from _body_blocks(content if content is not None else [])
        else:
            yield block


def _table_paragraphs(table: Any) -> Iterator[Any]:
    """A table's paragraphs in reading order, nested tables included, text boxes not (their
    paragraphs are read with the paragraph that anchors them): one walk, never below a
    paragraph."""
    stack = list(reversed(table))
    while stack:
        node = stack.pop()
        if node.tag == f"{W}p":
            yield node
        elif isinstance(node.tag, str) and node.tag != f"{W}txbxContent":
            stack.extend(reversed(node))


def _add_section(view: DocxView, props: Any, headers: dict[str, Any],
                 styles: _Styles) -> None:
    view.sections.append(_section(len(view.sections), props, headers, styles,
                                  view.sections[-1] if view.sections else None,
                                  view.even_and_odd))
    view.section_elements.append(props)


TABLE_STYLE_RULES = "overrideTableStyleFontSizeAndJustification"
"""The compatibility setting (MS-DOCX) of Word 2013 and later documents: the table style
and the paragraph style stack as the standard says, without Word's older exception."""


def _compat_on(settings: Any, name: str) -> bool:
    """Whether settings.xml turns a named compatibility setting on (``w:compatSetting``)."""
    for setting in settings.iter(f"{W}compatSetting") if settings is not None else ():
        if setting.get(f"{W}name") == name:
            return setting.get(f"{W}val", "") in ("1", "true", "on")
    return False


def _style_id(paragraph: Any, styles: _Styles) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else styles.default_paragraph


def _alignment(paragraph: Any, style: str | None, styles: _Styles,
               table_style: str | None = None) -> str | None:
    own = paragraph.find(f"{W}pPr/{W}jc")
    return own.get(f"{W}val") if own is not None else styles.alignment(style, table_style)


def _content(paragraph: Any) -> tuple[list[Any], list[Any], bool]:
    """A paragraph's own runs, the text boxes it anchors, and whether it draws a shape.

    Runs inside a text box belong to the text box's paragraphs; of a markup-compatibility
    choice only the first (the one Word shows) is read, never its fallback copy."""
    runs, boxes, shape = [], [], False
    stack = list(reversed(paragraph))
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or node.tag == f"{MC}Fallback":
            continue
        if node.tag == f"{W}txbxContent":
            boxes.append(node)
            continue
        if node.tag == f"{W}r":
            runs.append(node)
        elif node.tag in SHAPES:
            shape = True
        stack.extend(reversed(node))
    return runs, boxes, shape


EMU_PER_MM = 36000
LINE_ASPECT = 0.1
"""A drawing no taller than a tenth of its width is taken for a line."""
VML = "{urn:schemas-microsoft-com:vml}"
VML_POINT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)(pt|in|mm|cm|px)?\s*,")
"""The x of a VML point ("150pt,0"); a plain number counts points, as Word writes them."""
VML_STYLE = re.compile(r"(?:^|;)\s*(width|height)\s*:\s*(-?\d+(?:\.\d+)?)(pt|in|mm|cm|px)?")
MM_PER_POINT = 25.4 / 72
UNIT_MM = {None: 25.4 / 72, "pt": 25.4 / 72, "px": 25.4 / 96, "in": 25.4, "mm": 1.0, "cm": 10.0}


def line_length_mm(paragraph: Any) -> float | None:
    """The length of the first line shape ``paragraph`` draws, in millimetres: a DrawingML
    shape's extent (``wp:anchor``/``wp:inline``) no taller than :data:`LINE_ASPECT` of
    its width, or a VML ``v:line`` (from ``from`` to ``to``) or a flat ``v:shape``; None
    when it draws no line (a picture, a box)."""
    for node in paragraph.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag.endswith("}extent") and tag.startswith("{http://schemas.openxmlformats.org/"
                                                      "drawingml/2006/wordprocessingDrawing"):
            width, height = (int(node.get(n, "0") or 0) for n in ("cx", "cy"))
            if width > 0 and height <= width * LINE_ASPECT:
                return width / EMU_PER_MM
        elif tag == f"{VML}line":
            ends = [VML_POINT.match(node.get(n, "0,0") + ",") for n in ("from", "to")]
            if all(ends):
                x0, x1 = (float(m.group(1)) * UNIT_MM[m.group(2)] for m in ends if m)
                return abs(x1 - x0)
        elif tag in (f"{VML}shape", f"{VML}rect"):
            sizes = {m.group(1): float(m.group(2)) * UNIT_MM[m.group(3)]
                     for m in VML_STYLE.finditer(node.get("style", ""))}
            wide, high = sizes.get("width", 0.0), sizes.get("height", 0.0)
            if wide > 0 and high <= wide * LINE_ASPECT:
                return wide
    return None


CELL_MARGIN_PT = 5.4
"""A table cell's left and right margin when neither the cell nor the table sets one
(108 twips, Word's default)."""


HEADING = re.compile(r"^\s*(?:(?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục|PHỤ LỤC|Phụ lục)\s+\S+"
                     r"|[IVXLC]{1,6}\s*[.)]\s*\S)")
"""A heading a clerk sees in the text: "I. MỤC ĐÍCH", "Phần II", "Chương 1", "Phụ lục I"."""
WORDS_SHOWN = 6


def first_words(text: str) -> str:
    """The first few words of a text, as a clerk finds it again."""
    return " ".join(text.split()[:WORDS_SHOWN])


def cell_room_mm(cell: Any) -> float | None:
    """The width a cell leaves its paragraphs, in millimetres: the cell's width (its own
    ``w:tcW`` in twips, else the grid columns it spans) less its left and right margins
    (the cell's ``w:tcMar``, else the table's ``w:tblCellMar``, else Word's default);
    None when the table does not say how wide the cell is."""
    whole = _cell_width_mm(cell) if cell is not None else None
    if whole is None:
        return None
    table = next(cell.iterancestors(f"{W}tbl"), None)
    margins = 0.0
    for names in (("left", "start"), ("right", "end")):
        found = None
        for holder in (cell.find(f"{W}tcPr/{W}tcMar"),
                       _table_cell_margins(table)):
            side = next((holder.find(f"{W}{n}") for n in names if holder is not None
                         and holder.find(f"{W}{n}") is not None), None)
            if side is not None and side.get(f"{W}type") in (None, "dxa"):
                found = measure(side.get(f"{W}w"), TWIPS)
                break
        margins += CELL_MARGIN_PT if found is None else found
    return max(whole - margins * MM_PER_POINT, 0.0)


def _table_cell_margins(table: Any) -> Any:
    """A table's ``w:tblCellMar``, found in its ``w:tblPr`` without walking its rows."""
    properties = table_properties(table) if table is not None else None
    return properties.find(f"{W}tblCellMar") if properties is not None else None


def _cell_width_mm(cell: Any) -> float | None:
    """A cell's whole width: its own ``w:tcW`` in twips, else the grid columns it spans."""
    width = cell.find(f"{W}tcPr/{W}tcW")
    if width is not None and width.get(f"{W}type") in (None, "dxa"):
        points = measure(width.get(f"{W}w"), TWIPS)
        if points:
            return points * MM_PER_POINT
    row = cell.getparent()
    table = row.getparent() if row is not None else None
    grid = table.find(f"{W}tblGrid") if table is not None else None
    if grid is None:
        return None
    columns = [measure(c.get(f"{W}w"), TWIPS) or 0.0 for c in grid.findall(f"{W}gridCol")]
    start = 0
    for before in row.findall(f"{W}tc"):
        span = before.find(f"{W}tcPr/{W}gridSpan")
        count = int(span.get(f"{W}val", "1")) if span is not None else 1
        if before is cell:
            total = sum(columns[start:start + count])
            return total * MM_PER_POINT if total else None
        start += count
    return None


def own_runs(paragraph: Any) -> list[Any]:
    """A paragraph's runs, those of the text boxes it anchors left out."""
    return _content(paragraph)[0]


DEFAULT_TAB_PT = 36.0
"""Word's default tab stop (1.27 cm) when settings.xml names none."""


def _tab_led(layout: Layout, element: Any, runs: list[Run], default_tab: float) -> Layout:
    """The layout with the lead of a Tab typed before the first word (see
    :attr:`Layout.tab_lead`)."""
    if not runs or not runs[0].text.startswith("\t"):
        return layout
    stops = sorted(value for tab in element.findall(f"{W}pPr/{W}tabs/{W}tab")
                   if tab.get(f"{W}val") not in ("clear", "bar")
                   and (value := measure(tab.get(f"{W}pos"), TWIPS)) is not None
                   and value > layout.first_line)
    lead = stops[0] - layout.first_line if stops else \
        default_tab - layout.first_line % default_tab if default_tab > 0 else 0.0
    return replace(layout, tab_lead=lead)


def _paragraph(view: DocxView, element: Any, section: int, table: int | None,
               styles: _Styles, in_text_box: bool = False) -> None:
    style_id = _style_id(element, styles)
    table_style = styles.table_style(element) if table is not None else None
    own_runs, boxes, shape = _content(element)
    runs = []
    for run in own_runs:
        text = _text(run)
        if text:
            runs.append(Run(text, *styles.effective(run, style_id, table_style)))
    borders = element.find(f"{W}pPr/{W}pBdr")
    bottom = borders is not None and borders.find(f"{W}bottom") is not None
    top = borders is not None and borders.find(f"{W}top") is not None
    view.elements.append(element)
    holder = next(element.iterancestors(f"{W}tc"), None) if table is not None else None
    cell = view.cells.setdefault(holder, len(view.cells)) if holder is not None else None
    text = "".join(r.text for r in runs)
    previous = view.paragraphs[-1] if view.paragraphs else None
    heading = previous.heading if previous is not None else ""
    if previous is not None and previous.section != section:
        heading = ""  # an appendix starts again: its label is its first heading
    above = (first_words(previous.text) or previous.above) if previous is not None else ""
    if not in_text_box and table is None and HEADING.match(text):
        heading = first_words(text)
    view.paragraphs.append(Paragraph(
        len(view.paragraphs), section, styles.name(style_id), tuple(runs), table is not None,
        table, bottom or styles.bordered(style_id), "".join(r.text for r in runs),
        _alignment(element, style_id, styles, table_style), top, shape, in_text_box, cell,
        _tab_led(_layout(element, style_id, styles, table_style), element, runs,
                 view.default_tab_pt), line_length_mm(element) if shape else None,
        cell_room_mm(holder), heading, above))
    for box in boxes:
        for block in box:
            inner = [block] if block.tag == f"{W}p" else \
                _table_paragraphs(block) if block.tag == f"{W}tbl" else []
            for paragraph in inner:
                _paragraph(view, paragraph, section, table, styles, in_text_box=True)

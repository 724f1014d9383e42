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
"""Run content that draws (a line shape, a picture): how Word and LibreOffice draw rules."""


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
    """A drawn line under the paragraph (how a rule is drawn without a shape)."""
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

    @property
    def shown(self) -> str:
        """The words as they show (capitals where the formatting says so)."""
        return "".join(r.shown for r in self.runs)

    @property
    def draws_a_rule(self) -> bool:
        """Whether the paragraph shows a drawn line: a border, or a shape with no words."""
        return self.border_bottom or self.border_top or (self.shape and not self.text.strip())

    def where(self) -> str:
        """"phần 1, đoạn 12 'Căn cứ Nghị định…'" — how a clerk finds it."""
        words = " ".join(self.text.split()[:6])
        return f"phần {self.section + 1}, đoạn {self.index + 1} '{words}'"


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


Formatting = tuple[str | None, float | None, bool, bool, bool, bool]
"""A run's font, size in points, bold, italic, underline and capitals, as it shows."""


def _on(element: Any, name: str) -> bool | None:
    found = element.find(f"{W}{name}") if element is not None else None
    if found is None:
        return None
    return found.get(f"{W}val", "true") not in ("0", "false", "off")


class _Styles:
    """Styles by id with their base chains, the document defaults and the theme fonts."""

    def __init__(self, styles: Any, theme: Any) -> None:
        self.by_id: dict[str, Any] = {}
        self.default_paragraph: str | None = None
        self.defaults = None
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                ident = style.get(f"{W}styleId")
                self.by_id[ident] = style
                if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1",
                                                                                      "true"):
                    self.default_paragraph = ident
            self.defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.memo: dict[tuple[str | None, bytes], Formatting] = {}
        self.alignments: dict[str | None, str | None] = {}
        self.layouts: dict[str | None, dict[str, str]] = {}
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

    def effective(self, run: Any, paragraph_style: str | None) -> Formatting:
        """A run's font, size, bold and italic; runs formatted alike are resolved once."""
        own = run.find(f"{W}rPr")
        key = (paragraph_style, etree.tostring(own) if own is not None else b"")
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = _effective(_run_props(run, paragraph_style, self), self)
        return found

    def chain(self, ident: str | None) -> Iterator[Any]:
        """A style and the styles it is based on, nearest first (cycles cut)."""
        seen: set[str] = set()
        while ident and ident in self.by_id and ident not in seen:
            seen.add(ident)
            style = self.by_id[ident]
            yield style
            based = style.find(f"{W}basedOn")
            ident = based.get(f"{W}val") if based is not None else None

    def alignment(self, ident: str | None) -> str | None:
        """A paragraph style's alignment, from it or the styles it is based on."""
        if ident not in self.alignments:
            self.alignments[ident] = next(
                (jc.get(f"{W}val") for s in self.chain(ident)
                 if (jc := s.find(f"{W}pPr/{W}jc")) is not None), None)
        return self.alignments[ident]

    def layout_values(self, ident: str | None) -> dict[str, str]:
        """A paragraph style's indent and spacing attributes, nearest layer winning: the
        style, the styles it is based on, the document defaults (once per style)."""
        if ident not in self.layouts:
            values: dict[str, str] = {}
            layers = [s.find(f"{W}pPr") for s in self.chain(ident)]
            for props in [*layers, self.paragraph_defaults]:
                if props is not None:
                    _layout_attributes(props, values)
            self.layouts[ident] = values
        return self.layouts[ident]

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


LAYOUT_ATTRIBUTES = {"ind": ("firstLine", "hanging"), "spacing": ("before", "after", "line",
                                                                  "lineRule")}


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


def _layout(element: Any, style: str | None, styles: _Styles) -> Layout:
    values: dict[str, str] = {}
    props = element.find(f"{W}pPr")
    if props is not None:
        _layout_attributes(props, values)
    for key, value in styles.layout_values(style).items():
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
    return Layout(points("firstLine"), points("before"), points("after"), line, rule)


def _run_props(run: Any, paragraph_style: str | None, styles: _Styles) -> list[Any]:
    """The rPr elements that apply to a run, nearest first."""
    layers = [run.find(f"{W}rPr")]
    own = run.find(f"{W}rPr/{W}rStyle")
    if own is not None:
        layers += [s.find(f"{W}rPr") for s in styles.chain(own.get(f"{W}val"))]
    layers += [s.find(f"{W}rPr") for s in styles.chain(paragraph_style)]
    layers.append(styles.defaults)
    return [layer for layer in layers if layer is not None]


def _effective(layers: list[Any], styles: _Styles) -> Formatting:
    font = next((f for f in (styles.font(layer) for layer in layers) if f), None)
    size = next((points for layer in layers if (s := layer.find(f"{W}sz")) is not None
                 and (points := measure(s.get(f"{W}val"), HALF_POINTS)) is not None), None)
    bold = next((b for b in (_on(layer, "b") for layer in layers) if b is not None), False)
    italic = next((i for i in (_on(layer, "i") for layer in layers) if i is not None), False)
    underline = next((u.get(f"{W}val", "single") != "none" for layer in layers
                      if (u := layer.find(f"{W}u")) is not None), False)
    caps = next((c for c in (_on(layer, "caps") for layer in layers) if c is not None), False)
    return font, size, bold, italic, underline, caps


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
             inherited: Section | None) -> Section:
    """A section's page setup; with no header of its own it keeps the one before
    (``inherited``: that section), as Word does."""
    size = props.find(f"{W}pgSz")
    margins = props.find(f"{W}pgMar")

    def mm(element: Any, name: str) -> float:
        value = measure(element.get(f"{W}{name}") if element is not None else None, TWIPS)
        return round(value * 25.4 / 72, 1) if value is not None else 0.0

    page_field, number = inherited.header_has_page_field if inherited else False, (
        (inherited.page_number_size, inherited.page_number_alignment) if inherited else
        (None, None))
    for reference in props.findall(f"{W}headerReference"):
        if reference.get(f"{W}type") == "default":
            part = headers.get(reference.get(f"{R}id"))
            if part is not None:
                found = _page_number(part, styles)
                page_field, number = found is not None, found or (None, None)
    start = props.find(f"{W}pgNumType")
    return Section(index, mm(size, "w"), mm(size, "h"),
                   {side: mm(margins, side) for side in ("top", "bottom", "left", "right")},
                   _on(props, "titlePg") is True,
                   start is not None and start.get(f"{W}start") == "1", page_field, *number)




def has_page_field(element: Any) -> bool:
    """Whether a header, or one of its paragraphs, holds a PAGE field (complex or simple)."""
    instructions = " ".join([i.text or "" for i in element.iter(f"{W}instrText")] +
                            [f.get(f"{W}instr", "") for f in element.iter(f"{W}fldSimple")])
    return "PAGE" in instructions.split()


def _page_number(header: Any, styles: _Styles) -> tuple[float | None, str | None] | None:
    """The size and alignment of the header paragraph holding a PAGE field, if any."""
    for paragraph in header.iter(f"{W}p"):
        if not has_page_field(paragraph):
            continue
        style = _style_id(paragraph, styles)
        sizes = [styles.effective(run, style)[1] for run in paragraph.iter(f"{W}r")]
        return next((s for s in sizes if s), None), _alignment(paragraph, style, styles)
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
    resolver = _Styles(styles, theme)
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
                                  view.sections[-1] if view.sections else None))
    view.section_elements.append(props)


def _style_id(paragraph: Any, styles: _Styles) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else styles.default_paragraph


def _alignment(paragraph: Any, style: str | None, styles: _Styles) -> str | None:
    own = paragraph.find(f"{W}pPr/{W}jc")
    return own.get(f"{W}val") if own is not None else styles.alignment(style)


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
    own_runs, boxes, shape = _content(element)
    runs = []
    for run in own_runs:
        text = _text(run)
        if text:
            runs.append(Run(text, *styles.effective(run, style_id)))
    borders = element.find(f"{W}pPr/{W}pBdr")
    bottom = borders is not None and borders.find(f"{W}bottom") is not None
    top = borders is not None and borders.find(f"{W}top") is not None
    view.elements.append(element)
    holder = next(element.iterancestors(f"{W}tc"), None) if table is not None else None
    cell = view.cells.setdefault(holder, len(view.cells)) if holder is not None else None
    view.paragraphs.append(Paragraph(
        len(view.paragraphs), section, styles.name(style_id), tuple(runs), table is not None,
        table, bottom or styles.bordered(style_id), "".join(r.text for r in runs),
        _alignment(element, style_id, styles), top, shape, in_text_box, cell,
        _tab_led(_layout(element, style_id, styles), element, runs, view.default_tab_pt)))
    for box in boxes:
        for block in box:
            inner = [block] if block.tag == f"{W}p" else \
                _table_paragraphs(block) if block.tag == f"{W}tbl" else []
            for paragraph in inner:
                _paragraph(view, paragraph, section, table, styles, in_text_box=True)

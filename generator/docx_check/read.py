"""A DOCX as it shows: sections with their page setup, paragraphs with effective formatting.

Word resolves a run's font, size, bold and italic from the run's own properties, then its
character style, then the paragraph's style and the styles it is based on, then the
document defaults; a font may name the theme's. This module does the same, so a document
saved by Word, LibreOffice or kehoach is read alike.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from generator.errors import Diagnostic, KeHoachError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TWIPS_PER_MM = 1440 / 25.4


@dataclass(frozen=True)
class Run:
    """A piece of text with the formatting it shows."""

    text: str
    font: str | None
    size: float | None
    bold: bool
    italic: bool


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


@dataclass
class DocxView:
    """What a document shows, read once."""

    file: str
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    body_order: list[tuple[str, int]] = field(default_factory=list)
    """Body-level blocks in order: ("p", paragraph index) or ("tbl", table index)."""


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
        self.memo: dict[tuple[str | None, bytes], tuple[str | None, float | None, bool,
                                                         bool]] = {}
        self.borders: dict[str | None, bool] = {}
        self.names: dict[str | None, str | None] = {}
        self.theme: dict[str, str] = {}
        if theme is not None:
            for kind in ("major", "minor"):
                latin = theme.find(f".//{A}{kind}Font/{A}latin")
                if latin is not None:
                    self.theme[kind] = latin.get("typeface", "")

    def effective(self, run: Any, paragraph_style: str | None
                  ) -> tuple[str | None, float | None, bool, bool]:
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


def _run_props(run: Any, paragraph_style: str | None, styles: _Styles) -> list[Any]:
    """The rPr elements that apply to a run, nearest first."""
    layers = [run.find(f"{W}rPr")]
    own = run.find(f"{W}rPr/{W}rStyle")
    if own is not None:
        layers += [s.find(f"{W}rPr") for s in styles.chain(own.get(f"{W}val"))]
    layers += [s.find(f"{W}rPr") for s in styles.chain(paragraph_style)]
    layers.append(styles.defaults)
    return [layer for layer in layers if layer is not None]


def _effective(layers: list[Any], styles: _Styles) -> tuple[str | None, float | None, bool,
                                                             bool]:
    font = next((f for f in (styles.font(layer) for layer in layers) if f), None)
    size = next((float(s.get(f"{W}val")) / 2 for layer in layers
                 if (s := layer.find(f"{W}sz")) is not None and s.get(f"{W}val")), None)
    bold = next((b for b in (_on(layer, "b") for layer in layers) if b is not None), False)
    italic = next((i for i in (_on(layer, "i") for layer in layers) if i is not None), False)
    return font, size, bold, italic


def _text(run: Any) -> str:
    out = []
    for node in run:
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag == f"{W}tab":
            out.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
    return "".join(out)


def _section(index: int, props: Any, headers: dict[str, Any],
             inherited: bool) -> Section:
    """A section's page setup; with no header of its own it keeps the one before
    (``inherited``: whether that one numbers the pages), as Word does."""
    size = props.find(f"{W}pgSz")
    margins = props.find(f"{W}pgMar")

    def mm(element: Any, name: str) -> float:
        value = element.get(f"{W}{name}") if element is not None else None
        return round(int(value) / TWIPS_PER_MM, 1) if value else 0.0

    page_field = inherited
    for reference in props.findall(f"{W}headerReference"):
        if reference.get(f"{W}type") == "default":
            part = headers.get(reference.get(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"))
            if part is not None:
                text = etree.tostring(part, encoding="unicode")
                page_field = "PAGE" in text
    start = props.find(f"{W}pgNumType")
    return Section(index, mm(size, "w"), mm(size, "h"),
                   {side: mm(margins, side) for side in ("top", "bottom", "left", "right")},
                   _on(props, "titlePg") is True,
                   start is not None and start.get(f"{W}start") == "1", page_field)


def read_docx(path: Path, data: bytes | None = None) -> DocxView:
    """Read a DOCX (from ``data`` when given, else the file); a file that is not one is the
    clerk's error, located."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if data is not None else path) as archive:
            names = set(archive.namelist())
            document = etree.fromstring(archive.read("word/document.xml"))
            styles = etree.fromstring(archive.read("word/styles.xml")) \
                if "word/styles.xml" in names else None
            theme = etree.fromstring(archive.read("word/theme/theme1.xml")) \
                if "word/theme/theme1.xml" in names else None
            rels = etree.fromstring(archive.read("word/_rels/document.xml.rels")) \
                if "word/_rels/document.xml.rels" in names else None
            headers = {}
            for rel in rels if rels is not None else []:
                target = "word/" + rel.get("Target", "").lstrip("/").removeprefix("word/")
                if "header" in target and target in names:
                    headers[rel.get("Id")] = etree.fromstring(archive.read(target))
    except (OSError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise KeHoachError([Diagnostic(f"Không đọc được tệp Word: {exc}.", str(path),
                                       hint="Tệp phải là .docx (Word 2007 trở lên).")]) from exc
    view = DocxView(str(path))
    resolver = _Styles(styles, theme)
    body = document.find(f"{W}body")
    section, tables = 0, 0
    for block in body:
        if block.tag == f"{W}p":
            view.body_order.append(("p", len(view.paragraphs)))
            _paragraph(view, block, section, None, resolver)
            inner = block.find(f"{W}pPr/{W}sectPr")
            if inner is not None:
                view.sections.append(_section(section, inner, headers, _numbered(view)))
                section += 1
        elif block.tag == f"{W}tbl":
            view.body_order.append(("tbl", tables))
            for paragraph in block.iter(f"{W}p"):
                _paragraph(view, paragraph, section, tables, resolver)
            tables += 1
        elif block.tag == f"{W}sectPr":
            view.sections.append(_section(section, block, headers, _numbered(view)))
    return view


def _numbered(view: DocxView) -> bool:
    return view.sections[-1].header_has_page_field if view.sections else False


def _paragraph(view: DocxView, element: Any, section: int, table: int | None,
               styles: _Styles) -> None:
    props = element.find(f"{W}pPr")
    style = props.find(f"{W}pStyle") if props is not None else None
    style_id = style.get(f"{W}val") if style is not None else styles.default_paragraph
    runs = []
    for run in element.iter(f"{W}r"):
        text = _text(run)
        if text:
            runs.append(Run(text, *styles.effective(run, style_id)))
    border = props is not None and props.find(f"{W}pBdr/{W}bottom") is not None
    view.paragraphs.append(Paragraph(len(view.paragraphs), section, styles.name(style_id),
                                     tuple(runs), table is not None, table,
                                     border or styles.bordered(style_id),
                                     "".join(r.text for r in runs)))

"""``kehoach check --fix``: the safe repairs, applied to the document's own XML.

Only form is changed, never a word: page size and margins, fonts, the size, bold and italic
of a recognised element, the padding of the day and month and the spacing of "Số:", the
page-number field and its section settings, and an underline typed as underscores (or missing)
drawn as a paragraph border. Every other part of the package is copied byte for byte.
Text edits are made character by character inside the runs that hold them, so each run
keeps its own formatting.
"""

from __future__ import annotations

import difflib
import io
import shutil
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from generator import decree
from generator.decree import FONT
from generator.docx_check import MAX_DOCX_BYTES
from generator.docx_check.rules import (
    BODY_INDENT_PT,
    DEFAULT_MARGINS,
    MARGINS,
    MIN_PARAGRAPH_GAP_PT,
    SYMBOL_FONTS,
    TOLERANCE_MM,
    Finding,
    Repair,
    fixed_number,
    line_spacing_allowed,
    padded_date,
    shown_width_mm,
)
from generator.errors import KeHoachError
from generator.inputs import open_input
from generator.ooxml.ns import CT, OFFICE_RELATIONSHIPS, REL, R, W
from generator.ooxml.tree import child_of
from generator.ooxml.units import TWIPS_PER_MM
from generator.ooxml.view import (
    PACKAGE_ERRORS,
    DocxView,
    Section,
    cell_room_mm,
    has_page_field,
    own_runs,
    read_part,
    unreadable,
)
from generator.readers.anatomy import recognise
from generator.reference import Reference

HEADER_TYPE = OFFICE_RELATIONSHIPS + "header"
HEADER_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
A4_TWIPS = (decree.A4[0].twips, decree.A4[1].twips)
TEXT_NODES = {f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"}
"""What a typed underline is made of inside its runs (drawings and fields are not)."""
UNDERLINE_WEIGHT = str(round(decree.UNDERLINE_WEIGHT.pt * 8))
"""Border width in eighths of a point: 0.75 pt, within the 0.5–0.75 pt of the format."""
PAGE_NUMBER_HALF_POINTS = str(decree.PAGE_NUMBER_SIZE.half_points)
BODY_INDENT_TWIPS = str(decree.BODY_INDENT.twips)
PARAGRAPH_GAP_TWIPS = str(decree.PARAGRAPH_GAP.twips)
BODY_LINE = str(round(decree.BODY_LINE_SPACING * 240))
"""The body's layout where ``--fix`` sets it: 1.27 cm, 6 pt after, 1.1 lines (264/240)."""
PAGE_MARGIN_REQUIRED = {"header": str(decree.HEADER_DISTANCE.twips),
                         "footer": str(decree.HEADER_DISTANCE.twips), "gutter": "0"}
"""What a ``w:pgMar`` made here also says: header and footer 10 mm from the edge (the
format's practice), no gutter."""
STYLE_PARTS = ("word/styles.xml", "word/stylesWithEffects.xml")
"""Word 2010 keeps a copy of the styles; both must say the same or Word may refuse both."""
FONT_PARTS = ("word/document.xml", *STYLE_PARTS, "word/footnotes.xml", "word/endnotes.xml")
"""Parts whose fonts ``--fix`` sets (not numbering.xml: list markers keep their fonts)."""

def _props(element: Any, name: str) -> Any:
    """A paragraph's ``pPr`` or a run's ``rPr``, made first among its children if absent."""
    found = element.find(f"{W}{name}")
    if found is None:
        found = etree.Element(f"{W}{name}")
        element.insert(0, found)
    return found


def _row_props(row: Any) -> Any:
    """A table row's ``trPr``, made after its ``tblPrEx`` (the schema's order) if absent."""
    found = row.find(f"{W}trPr")
    if found is None:
        found = etree.Element(f"{W}trPr")
        exceptions = row.find(f"{W}tblPrEx")
        row.insert(0 if exceptions is None else row.index(exceptions) + 1, found)
    return found


def _set(element: Any, **values: str) -> None:
    for key, value in values.items():
        element.set(f"{W}{key}", value)


@dataclass
class Fixer:
    """The document's parts being repaired, and the parts added (new headers)."""

    view: DocxView
    reference: Reference
    added: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    """Parts read only to be repaired (footnotes, numbering…), by name."""
    done: list[str] = field(default_factory=list)

    # --- page ----------------------------------------------------------------------------

    def page(self, repair: Repair) -> None:
        """A4 in the section's own orientation; margins outside the decree's range set
        to the default."""
        for index in repair.targets:
            props = self.view.section_elements[index]
            section = self.view.sections[index]
            size = child_of(props, "pgSz")
            landscape = section.width_mm > section.height_mm
            width, height = A4_TWIPS[::-1] if landscape else A4_TWIPS
            _set(size, w=str(width), h=str(height))
            margins = child_of(props, "pgMar")
            for side, value in section.margins_mm.items():
                low, high = MARGINS[side]
                if not low - TOLERANCE_MM <= value <= high + TOLERANCE_MM or \
                        margins.get(f"{W}{side}") is None:
                    _set(margins, **{side: str(round(DEFAULT_MARGINS[side] * TWIPS_PER_MM))})
            for name, twips in PAGE_MARGIN_REQUIRED.items():  # the schema requires them all
                if margins.get(f"{W}{name}") is None:
                    _set(margins, **{name: twips})

    # --- fonts and formatting ------------------------------------------------------------

    def font(self, repair: Repair) -> None:
        """Times New Roman in every font slot of every run, style and the document defaults
        (theme fonts dropped: the theme may name another)."""
        for root in self._font_roots():
            for fonts in root.iter(f"{W}rFonts"):
                if (fonts.get(f"{W}ascii") or "").casefold() in SYMBOL_FONTS:
                    continue  # a bullet or check box drawn by a sign font stays
                _times_new_roman(fonts)
        for name in STYLE_PARTS:
            styles = self.view.xml.get(name, self.extra.get(name))
            if styles is None:
                continue
            defaults = styles.find(f"{W}docDefaults")
            if defaults is None:
                defaults = etree.Element(f"{W}docDefaults")
                styles.insert(0, defaults)
            run = _props(_props(defaults, "rPrDefault"), "rPr")
            _set(child_of(run, "rFonts"), ascii=FONT, hAnsi=FONT, eastAsia=FONT,
                 cs=FONT)

    def _font_roots(self) -> Iterable[Any]:
        yield from (root for name, root in self.view.xml.items()
                    if name in FONT_PARTS or "header" in name)
        yield from self.extra.values()

    def format(self, repair: Repair) -> None:
        """The size, bold or italic the element's rule asks for, on each of its runs."""
        for index in repair.targets:
            for run in own_runs(self.view.elements[index]):
                props = _props(run, "rPr")
                raised = props.find(f"{W}vertAlign")
                if repair.size is not None and (raised is None or raised.get(f"{W}val")
                                                not in ("superscript", "subscript")):
                    half = str(round(repair.size * 2))
                    _set(child_of(props, "sz"), val=half)
                    _set(child_of(props, "szCs"), val=half)
                for name, flag in (("b", repair.bold), ("i", repair.italic)):
                    if flag is not None:
                        _set(child_of(props, name), val="1" if flag else "0")
                        _set(child_of(props, f"{name}Cs"), val="1" if flag else "0")

    # --- text: date and number -----------------------------------------------------------

    def date(self, repair: Repair) -> None:
        """Day and month padded as the decree says, in the runs that hold the digits."""
        for index in repair.targets:
            _edit_text(self.view.elements[index], padded_date)

    def number(self, repair: Repair) -> None:
        """The "Số:" line without stray spaces and with its number padded."""
        for index in repair.targets:
            _edit_text(self.view.elements[index], lambda text: fixed_number(text) or text)

    # --- page numbers --------------------------------------------------------------------

    def page_numbers(self, repair: Repair) -> None:
        """A centred 13 pt PAGE field in the header of each target section, hidden on the
        first page of the sections that start a part (the document, each appendix)."""
        for index in repair.targets:
            header = self._numbering_header(index, self.view.sections[index]
                                            .header_has_page_field)
            self._format_page_number(header)
        for index in repair.starts:
            child_of(self.view.section_elements[index], "titlePg").attrib.pop(f"{W}val", None)

    def restart_numbering(self, repair: Repair) -> None:
        """An appendix counting its pages from 1."""
        for index in repair.targets:
            _set(child_of(self.view.section_elements[index], "pgNumType"), start="1")

    def page_number_format(self, repair: Repair) -> None:
        """The page number centred, at 13 pt, in the header the section shows."""
        for index in repair.targets:
            self._format_page_number(self._numbering_header(index, True))

    @staticmethod
    def _format_page_number(header: Any) -> None:
        for paragraph in header.iter(f"{W}p"):
            if has_page_field(paragraph):
                _centre_page_number(paragraph)

    def _numbering_header(self, index: int, numbered: bool) -> Any:
        """The header that numbers a section's pages: its own or, having none, the one it
        shows from the sections before (given a PAGE field if it has none), or a new one."""
        header = None
        for props in reversed(self.view.section_elements[:index + 1]):
            reference = next((r for r in props.findall(f"{W}headerReference")
                              if r.get(f"{W}type") == "default"), None)
            if reference is not None:
                name = self.view.header_parts.get(reference.get(f"{R}id"))
                header = self.view.xml.get(name) if name else None
                break
        if header is None:
            header = self._new_header(self.view.section_elements[index])
        if not numbered and not has_page_field(header):
            header.append(_page_field_paragraph())
        return header

    def _new_header(self, props: Any) -> Any:
        name = f"word/header-kehoach-{len(self.added) + 1}.xml"
        header = etree.Element(f"{W}hdr", nsmap={"w": W[1:-1], "r": R[1:-1]})
        self.added[name] = header
        rels = self.view.xml.get("word/_rels/document.xml.rels")
        if rels is None:
            raise KeyError("word/_rels/document.xml.rels")
        ident = f"rIdKeHoach{len(self.added)}"
        etree.SubElement(rels, f"{REL}Relationship", Id=ident, Type=HEADER_TYPE,
                         Target=name.removeprefix("word/"))
        reference = etree.Element(f"{W}headerReference")
        _set(reference, type="default")
        reference.set(f"{R}id", ident)
        props.insert(0, reference)
        self.view.header_parts[ident] = name
        self.view.xml[name] = header
        return header

    def keep_together(self, repair: Repair) -> None:
        """The signature block kept on one page (a split the laid-out page showed)."""
        self.keep_signature_together()

    def keep_signature_together(self) -> None:
        """What a repair may move keeps the signature whole (the signer's name never alone
        on a page): the rows of the signature's table do not split and are kept with the
        next; the last body paragraph before it keeps with it; a signature typed in
        paragraphs keeps each line with the next down to the name."""
        anatomy = recognise(self.view)
        heading, paragraphs = anatomy.recipients_heading, self.view.paragraphs
        block = [p for p in (*anatomy.authority, anatomy.signer) if p is not None]
        if heading is not None and heading.table is not None:
            block = [p for p in paragraphs if p.table == heading.table]
            for row in {next(self.view.elements[p.index].iterancestors(f"{W}tr"), None)
                        for p in block} - {None}:
                child_of(_row_props(row), "cantSplit")
        if not block:
            return
        first = min(p.index for p in block)
        before = next((p for p in reversed(paragraphs[:first])
                       if p.text.strip() and not p.in_table and p.section == block[0].section),
                      None)
        last = max(p.index for p in block)
        for paragraph in [*([before] if before else []), *paragraphs[first:last]]:
            if paragraph.table is None or paragraph in block:
                child_of(_props(self.view.elements[paragraph.index], "pPr"), "keepNext")

    def layout(self, repair: Repair) -> None:
        """Body paragraphs as the format lays them out, each value changed only where it is
        off: justified, first line 1.27 cm, 6 pt after, 1.1 lines."""
        for index in repair.targets:
            paragraph = self.view.paragraphs[index]
            props = _props(self.view.elements[index], "pPr")
            layout = paragraph.layout
            if paragraph.alignment not in ("both", "distribute"):
                _set(child_of(props, "jc"), val="both")
            if layout is None:
                continue
            if not BODY_INDENT_PT[0] <= layout.shown_first_line <= BODY_INDENT_PT[1] \
                    and not layout.tab_lead:  # an indent set under a typed Tab would double it
                indent = child_of(props, "ind")
                indent.attrib.pop(f"{W}hanging", None)
                _set(indent, firstLine=BODY_INDENT_TWIPS)
            if layout.before + layout.after < MIN_PARAGRAPH_GAP_PT - 0.1:
                _set(child_of(props, "spacing"), after=PARAGRAPH_GAP_TWIPS)
            if not line_spacing_allowed(paragraph):
                _set(child_of(props, "spacing"), line=BODY_LINE, lineRule="auto")

    # --- underlines ---------------------------------------------------------------------------

    def draw_rule(self, repair: Repair) -> None:
        """The typed line (underscores, underlined blanks) removed and drawn instead as the
        paragraph's bottom border, as long as it showed: each run measured at the size it
        is drawn at (underscores typed as superscript are two thirds of their size)."""
        for index in repair.targets:
            element = self.view.elements[index]
            paragraph = self.view.paragraphs[index]
            length = shown_width_mm(self.reference.font_metrics, paragraph, bold_only=False)
            for run in own_runs(element):  # the typed line goes; anything anchored stays
                for node in run.findall("*"):
                    if node.tag in TEXT_NODES:
                        run.remove(node)
            self._border(element, length, paragraph.section)

    def underline_to_rule(self, repair: Repair) -> None:
        """Underlined words lose the underline; a drawn underline goes under them."""
        for index in repair.targets:
            for run in own_runs(self.view.elements[index]):
                _set(child_of(_props(run, "rPr"), "u"), val="none")
        self.add_rule(Repair("add_rule", repair.targets, share=repair.share))

    def add_rule(self, repair: Repair) -> None:
        """A drawn underline under the last of the target paragraphs (the lines of one
        element): an empty centred paragraph with a bottom border whose length is a share
        of their widest line as it shows (each run at its size, the bold ones when the
        element has any: the issuing body, not the body above it)."""
        lines = [self.view.paragraphs[index] for index in repair.targets]
        if not lines:
            return
        metrics = self.reference.font_metrics
        bold = any(r.bold and r.text.strip() for p in lines for r in p.runs)
        width = max(shown_width_mm(metrics, p, bold) for p in lines)
        above = lines[-1]
        element = etree.Element(f"{W}p")
        self.view.elements[above.index].addnext(element)
        props = _props(element, "pPr")
        _set(child_of(props, "spacing"), before="0", after="0", line="120",
             lineRule="exact")
        _set(child_of(props, "jc"), val="center")
        self._border(element, width * (repair.share or 1.0), above.section, centred=True)

    def _border(self, element: Any, length_mm: float, section: int,
                centred: bool | None = None) -> None:
        """A bottom border under ``element``, indented to ``length_mm`` in its container."""
        props = _props(element, "pPr")
        borders = child_of(props, "pBdr")
        bottom = child_of(borders, "bottom")
        _set(bottom, val="single", sz=UNDERLINE_WEIGHT, space="1", color="000000")
        room = _container_mm(element, self.view.sections[min(section,
                                                              len(self.view.sections) - 1)])
        length = min(max(length_mm, 10.0), room)
        jc = props.find(f"{W}jc")
        centre = centred if centred is not None else \
            jc is not None and jc.get(f"{W}val") == "center"
        spare = round((room - length) * TWIPS_PER_MM)
        left, right = (spare // 2, spare - spare // 2) if centre else (0, spare)
        _set(child_of(props, "ind"), left=str(left), right=str(right), firstLine="0")
        for name in ("hanging", "start", "end"):
            props.find(f"{W}ind").attrib.pop(f"{W}{name}", None)


def _container_mm(element: Any, section: Section) -> float:
    """The width a paragraph can use: its table cell's, or its section's text width."""
    cell = next((a for a in element.iterancestors(f"{W}tc")), None)
    room = cell_room_mm(cell) if cell is not None else None
    if room:  # the cell less its margins: what a border in it spans
        return room
    return max(section.width_mm - section.margins_mm["left"] - section.margins_mm["right"],
               10.0)


def _page_field_paragraph() -> Any:
    """A paragraph holding a PAGE field (begin, instruction, separate, "1", end)."""
    paragraph = etree.Element(f"{W}p")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, None),
                       ("end", None)):
        run = etree.SubElement(paragraph, f"{W}r")
        if kind:
            _set(etree.SubElement(run, f"{W}fldChar"), fldCharType=kind)
        elif text:
            instruction = etree.SubElement(run, f"{W}instrText")
            instruction.text = text
            instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        else:
            etree.SubElement(run, f"{W}t").text = "1"
    return paragraph


def _centre_page_number(paragraph: Any) -> None:
    """The page number centred, at 13 pt, in Times New Roman."""
    _set(child_of(_props(paragraph, "pPr"), "jc"), val="center")
    for run in paragraph.iter(f"{W}r"):
        props = _props(run, "rPr")
        _times_new_roman(child_of(props, "rFonts"))
        _set(child_of(props, "sz"), val=PAGE_NUMBER_HALF_POINTS)
        _set(child_of(props, "szCs"), val=PAGE_NUMBER_HALF_POINTS)


def _times_new_roman(fonts: Any) -> None:
    """Times New Roman in every slot of a ``w:rFonts`` (the theme's fonts dropped: the theme
    may name another)."""
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(f"{W}{theme}", None)
    _set(fonts, ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT)


def _edit_text(paragraph: Any, change: Callable[[str], str]) -> None:
    """Rewrite a paragraph's text by the smallest edits, each made in the text node that
    holds the characters it touches, so runs keep their formatting."""
    nodes = [t for run in own_runs(paragraph) for t in run.iter(f"{W}t")]
    old = "".join(t.text or "" for t in nodes)
    new = change(old)
    if new == old or not old:
        return
    owners = [(node, offset) for node in nodes for offset in range(len(node.text or ""))]
    pieces: list[list[str]] = [list(node.text or "") for node in nodes]
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, a0, a1, b0, b1 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        at = a0 if a0 < len(owners) else len(owners) - 1
        node, offset = owners[at]
        slot = nodes.index(node)
        if a0 >= len(owners):
            offset += 1
        for position in range(a1 - 1, a0 - 1, -1):  # delete, in whichever nodes hold them
            owner, place = owners[position]
            del pieces[nodes.index(owner)][place]
        pieces[slot][offset:offset] = list(new[b0:b1])
    for node, chars in zip(nodes, pieces, strict=True):
        node.text = "".join(chars)
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


SUFFIXES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml":
        ".docx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": ".docm",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml":
        ".dotx",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": ".dotm",
}
"""The name ending Word requires of each kind of package (it refuses a macro-enabled
document named ``.docx``), by the content type of its main part."""
KIND_NAMES = {".docx": "tài liệu Word", ".docm": "tài liệu Word có macro",
              ".dotx": "mẫu Word", ".dotm": "mẫu Word có macro"}


def package_suffix(path: Path) -> str:
    """The name ending a repaired copy of ``path`` must have: its package's own kind (a
    copy keeps every part, macros included, so it keeps the kind). A file that cannot be
    read is taken as a ``.docx``: repairing it reports why it cannot be read. Opened as
    every input is (:func:`generator.inputs.open_input`): a FIFO named ``x.docx`` is
    refused, never waited on."""
    try:
        with open_input(path, MAX_DOCX_BYTES, "tệp Word") as stream, \
                zipfile.ZipFile(stream) as archive:
            types = read_part(archive, "[Content_Types].xml")
    except (KeHoachError, *PACKAGE_ERRORS):
        return ".docx"
    for override in types.iter(f"{CT}Override"):
        if override.get("PartName", "").casefold() == "/word/document.xml":
            return SUFFIXES.get(override.get("ContentType", ""), ".docx")
    return ".docx"


MAX_PACKAGE_BYTES = 500_000_000
"""Largest DOCX, unpacked, that ``--fix`` copies (pictures included): a plan is far
smaller; a zip bomb is refused before anything is unpacked."""


def apply_repairs(view: DocxView, findings: Iterable[Finding], reference: Reference,
                  original: bytes) -> tuple[bytes, list[Finding]]:
    """The document with every repair of ``findings`` applied (each kind once per target),
    and the findings repaired. A package that turns out damaged while it is copied is the
    clerk's error, located."""
    try:
        return _apply(view, findings, reference, original)
    except PACKAGE_ERRORS as exc:
        raise unreadable(Path(view.file), exc) from exc


def _apply(view: DocxView, findings: Iterable[Finding], reference: Reference,
           original: bytes) -> tuple[bytes, list[Finding]]:
    fixer = Fixer(view, reference)
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_PACKAGE_BYTES:
            raise ValueError(f"tệp khi giải nén lớn hơn {MAX_PACKAGE_BYTES // 1_000_000} MB")
        names = archive.namelist()
        for name in names:
            if name not in view.xml and (name in FONT_PARTS or name.startswith("word/footer")):
                fixer.extra[name] = read_part(archive, name)
        repaired, seen = [], set()
        for finding in findings:
            repair = finding.repair
            if repair is None:
                continue
            repaired.append(finding)
            if repair in seen:
                continue
            seen.add(repair)
            getattr(fixer, repair.kind)(repair)
        if repaired:
            fixer.keep_signature_together()
        return _package(archive, names, fixer), repaired


def _package(archive: zipfile.ZipFile, names: list[str], fixer: Fixer) -> bytes:
    """The new package: edited parts serialised, added ones declared, the rest copied as
    they were, streamed."""
    edited = {**fixer.view.xml, **fixer.extra, **fixer.added}
    if fixer.added:
        types = read_part(archive, "[Content_Types].xml")
        for name in fixer.added:
            etree.SubElement(types, f"{CT}Override", PartName=f"/{name}",
                             ContentType=HEADER_CONTENT)
        edited["[Content_Types].xml"] = types
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = archive.getinfo(name)
            if name in edited:
                target.writestr(info, etree.tostring(edited[name], xml_declaration=True,
                                                     encoding="UTF-8", standalone=True))
            else:
                with archive.open(info) as source, target.open(info, "w") as copy:
                    shutil.copyfileobj(source, copy)
        for name in fixer.added:
            target.writestr(name, etree.tostring(fixer.added[name], xml_declaration=True,
                                                 encoding="UTF-8", standalone=True))
    return out.getvalue()

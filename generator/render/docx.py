"""DOCX renderer: the template's styles and Jinja tags (docxtpl), the body as subdocuments.

The template (``templates/ke-hoach.docx`` or ``--template``) owns every style, the page
setup, the header table and the signature block; it fills them from a small documented
context (:data:`CONTEXT_KEYS`). The body, the căn cứ and the appendices are built here with
python-docx as subdocuments that use the template's named styles. Jinja runs in a sandbox
with ``StrictUndefined`` and autoescaping: a missing value is an error, never a blank, and
text from the plan is never evaluated.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Pt
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from generator.errors import Diagnostic, KeHoachError
from generator.inline import Footnote, Inline, Span
from generator.render import RenderOptions, ooxml
from generator.render.widths import column_widths
from generator.resolve.layout import AppendixLayout, LayoutBlock, Para, ResolvedPlan, TableLayout

TEMPLATE = "ke-hoach.docx"
"""The template shipped in ``templates/`` (the package ``generator.templates``)."""

ROLE_STYLES = {
    "body": "KH Noi dung",
    "bullet": "KH Gach dau dong",
    "basis": "KH Can cu",
    "basis-italic": "KH Can cu nghieng",
    "heading-1": "KH Muc 1",
    "heading-2": "KH Muc 2",
    "heading-3": "KH Muc 3",
    "heading-4": "KH Muc 4",
    "note": "KH Ghi chu",
}
"""Paragraph role (from the resolve stage) → template style name."""

BODY_STYLES = ["KH Noi dung", "KH Gach dau dong", "KH Can cu", "KH Can cu nghieng",
               "KH Muc 1", "KH Muc 2", "KH Muc 3", "KH Muc 4"]
"""Styles whose size follows the plan's ``trinh_bay.co_chu`` (13 or 14)."""

CONTEXT_KEYS = ("co_quan_chu_quan", "ten_co_quan", "so_ky_hieu", "dia_danh_ngay", "ten_loai",
                "trich_yeu", "can_cu", "noi_dung", "noi_nhan_dau", "noi_nhan", "tham_quyen",
                "ho_ten", "phu_luc")
"""Everything a template may use; documented in the README."""

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def jinja_environment() -> SandboxedEnvironment:
    """The one Jinja environment: sandboxed, strict, escaping everything it prints."""
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


class _Writer:
    """Writes resolved blocks into a python-docx container, collecting footnotes."""

    def __init__(self, document: Any, footnotes: list[list[tuple[str, bool, bool]]]) -> None:
        self.footnotes = footnotes
        self.document = document
        self._style_fonts: dict[str, tuple[bool, bool]] = {}

    def style_font(self, name: str) -> tuple[bool, bool]:
        """(bold, italic) a style gives its text, following ``basedOn``."""
        if name not in self._style_fonts:
            style = self.document.styles[name]
            bold = italic = None
            while style is not None and (bold is None or italic is None):
                bold = style.font.bold if bold is None else bold
                italic = style.font.italic if italic is None else italic
                style = style.base_style
            self._style_fonts[name] = (bool(bold), bool(italic))
        return self._style_fonts[name]

    def paragraph(self, container: Any, para: Para) -> Any:
        paragraph = container.add_paragraph(style=ROLE_STYLES[para.role])
        self.inlines(paragraph, para.inlines)
        return paragraph

    def inlines(self, paragraph: Any, inlines: Iterable[Inline]) -> None:
        style_bold, style_italic = self.style_font(paragraph.style.name)
        for item in inlines:
            if isinstance(item, Span):
                run = paragraph.add_run(item.text)
                # Only where the text differs from its style, so restyling still works.
                run.bold = item.bold if item.bold != style_bold else None
                run.italic = item.italic if item.italic != style_italic else None
            elif isinstance(item, Footnote):
                self.footnotes.append([(s.text, s.bold, s.italic) for s in item.spans])
                paragraph._p.append(ooxml.footnote_reference_run(len(self.footnotes)))

    def blocks(self, container: Any, blocks: Iterable[LayoutBlock], text_width_mm: float) -> None:
        """Paragraphs and tables in order; tables fitted to ``text_width_mm``."""
        for block in blocks:
            if isinstance(block, Para):
                self.paragraph(container, block)
            else:
                self.table(container, block, column_widths(block.columns, text_width_mm))

    def table(self, container: Any, layout: TableLayout, widths_mm: tuple[float, ...]) -> None:
        rows = list(layout.header) + list(layout.rows)
        table = container.add_table(rows=len(rows), cols=len(widths_mm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        ooxml.all_borders(table)
        groups = {i for i, row in enumerate(rows) if row.group}
        for r, c, cell in layout.positions():
            self.cell(table, r, c, cell, header=r < len(layout.header),
                      keep_with_next=r in groups)
        for r in range(len(layout.header)):
            ooxml.repeat_as_header(table.rows[r])
        ooxml.fix_table_layout(table, widths_mm)
        for note in layout.notes:
            self.paragraph(container, note)

    def cell(self, table: Any, r: int, c: int, cell: Any, *, header: bool,
             keep_with_next: bool = False) -> None:
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        style = "KH Bang tieu de" if header else "KH Bang"
        first = True
        for line in cell.lines:
            paragraph = target.paragraphs[0] if first else target.add_paragraph()
            first = False
            paragraph.style = style
            paragraph.alignment = _ALIGN[cell.align]
            if keep_with_next:  # a group row never ends a page alone
                paragraph.paragraph_format.keep_with_next = True
            self.inlines(paragraph, line)
            if cell.bold:
                for run in paragraph.runs:
                    run.bold = True
        if header:
            ooxml.center_vertically(target)


def _appendices(tpl: DocxTemplate, writer: _Writer, plan: ResolvedPlan) -> Any:
    """Each appendix behind a section break that closes the part before it."""
    subdoc = tpl.new_subdoc()
    base = tpl.docx.element.body.sectPr
    previous_landscape, restart = False, False
    for appendix in plan.appendices:
        brk = subdoc.add_paragraph(style="KH Ngat phan")
        brk._p.get_or_add_pPr().append(ooxml.section_copy(
            base, tpl.docx.part, landscape=previous_landscape, restart_numbering=restart))
        _appendix_heading(subdoc, appendix)
        own = ooxml.section_copy(base, tpl.docx.part, landscape=appendix.landscape,
                                 restart_numbering=True)
        writer.blocks(subdoc, appendix.blocks, ooxml.text_width_of(own))
        previous_landscape, restart = appendix.landscape, True
    return subdoc


def _appendix_heading(subdoc: Any, appendix: AppendixLayout) -> None:
    subdoc.add_paragraph(appendix.label, style="KH Phu luc so")
    for line in appendix.title_lines:
        subdoc.add_paragraph(line, style="KH Phu luc tieu de")
    if appendix.attached_line:
        subdoc.add_paragraph(appendix.attached_line, style="KH Kem theo")
    subdoc.add_paragraph(style="KH Duong ke")


def _context(tpl: DocxTemplate, plan: ResolvedPlan,
             footnotes: list[list[tuple[str, bool, bool]]]) -> dict[str, Any]:
    writer = _Writer(tpl.docx, footnotes)
    width = ooxml.text_width_of(tpl.docx.element.body.sectPr)
    bases = tpl.new_subdoc()
    writer.blocks(bases, plan.bases, width)
    body = tpl.new_subdoc()
    writer.blocks(body, plan.body, width)
    header, closing = plan.header, plan.closing
    return {
        "co_quan_chu_quan": header.parent_line,
        "ten_co_quan": list(header.issuer_lines),
        "so_ky_hieu": header.number_line,
        "dia_danh_ngay": header.place_date,
        "ten_loai": header.doc_type,
        "trich_yeu": header.summary,
        "can_cu": bases,
        "noi_dung": body,
        "noi_nhan_dau": closing.recipients_lead,
        "noi_nhan": list(closing.recipient_lines),
        "tham_quyen": list(closing.authority_lines),
        "ho_ten": closing.signer_name,
        "phu_luc": _appendices(tpl, writer, plan),
    }


def _shipped_template() -> DocxTemplate:
    """The template inside the package; if it is missing, kehoach is broken (exit 2)."""
    data = files("generator.templates").joinpath(TEMPLATE).read_bytes()
    tpl = DocxTemplate(io.BytesIO(data))
    tpl.init_docx()
    return tpl


def _clerks_template(path: Path) -> DocxTemplate:
    """A template given with ``--template``: any problem opening it is the clerk's to fix."""
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except (OSError, BadZipFile, KeyError, ValueError, PackageNotFoundError,
            etree.XMLSyntaxError) as exc:
        raise KeHoachError([Diagnostic(
            f"Không mở được mẫu trình bày: {exc}.", str(path),
            hint="Kiểm tra đường dẫn --template, và mẫu phải là tệp .docx.")]) from exc
    return tpl


REQUIRED_STYLES = (*ROLE_STYLES.values(), "KH Bang", "KH Bang tieu de", "KH Phu luc so",
                   "KH Phu luc tieu de", "KH Kem theo", "KH Duong ke", "KH Ngat phan")
"""Styles the generated parts use; a restyled template must keep them (by name)."""


def _preflight(tpl: DocxTemplate, path: Path) -> None:
    """A template that lacks a style or uses an unknown variable fails before rendering."""
    names = {style.name for style in tpl.docx.styles}
    missing = [name for name in REQUIRED_STYLES if name not in names]
    if missing:
        raise KeHoachError([Diagnostic(
            "Mẫu trình bày thiếu kiểu (style): " + ", ".join(missing) + ".", str(path),
            hint="Sửa kiểu trong Word nhưng không đổi tên hay xóa các kiểu 'KH …'.")])
    unknown = set(tpl.get_undeclared_template_variables(jinja_environment())) \
        - set(CONTEXT_KEYS) - {"dong"}
    if unknown:
        raise KeHoachError([Diagnostic(
            "Mẫu trình bày dùng biến không có: " + ", ".join(sorted(unknown)) + ".",
            str(path), hint="Các biến được dùng: " + ", ".join(CONTEXT_KEYS) + " (README).")])


def _set_body_size(document: Any, size: int) -> None:
    for name in BODY_STYLES:
        document.styles[name].font.size = Pt(size)


def _style_sizes(document: Any) -> dict[str, tuple[float, bool]]:
    out = {}
    for style in document.styles:
        font = getattr(style, "font", None)
        if font is not None and font.size is not None:
            out[style.style_id] = (font.size.pt, bool(font.bold))
    return out


def _finish_sections(document: Any, plan: ResolvedPlan) -> None:
    """The last appendix owns the document's final section properties."""
    if not plan.appendices:
        return
    body = document.element.body
    last = plan.appendices[-1]
    ooxml.replace_section(body.sectPr, ooxml.section_copy(
        body.sectPr, document.part, landscape=last.landscape, restart_numbering=True))


def render_docx(plan: ResolvedPlan, options: RenderOptions) -> bytes:
    """The plan as an official-format .docx."""
    path = options.template or Path("templates") / TEMPLATE
    tpl = _clerks_template(options.template) if options.template else _shipped_template()
    _preflight(tpl, path)
    footnotes: list[list[tuple[str, bool, bool]]] = []
    context = _context(tpl, plan, footnotes)
    try:
        tpl.render(context, jinja_env=jinja_environment(), autoescape=True)
    except (UndefinedError, TemplateError) as exc:
        raise KeHoachError([Diagnostic(f"Mẫu trình bày lỗi: {exc}.", str(path))]) from exc
    document = tpl.docx
    _set_body_size(document, plan.font_size)
    _finish_sections(document, plan)
    ooxml.add_footnotes(document, footnotes)
    ooxml.set_rule_lengths(document, _style_sizes(document), options.fonts)
    stream = io.BytesIO()
    tpl.save(stream)
    return stream.getvalue()

"""DOCX renderer: the template's frame filled by Jinja, the content written as OOXML text.

The template (:mod:`.template`, prepared once per process) owns every style, the page
setup, the header table and the signature block; Jinja fills them from a small documented
context (:data:`~generator.render.template.CONTEXT_KEYS`) in a sandbox with
``StrictUndefined`` and autoescaping. The căn cứ, the body and the appendices are written
here, in one pass over the resolved plan, as XML text (:mod:`generator.ooxml.fragments`) that uses
the template's styles by name, and spliced where the template says ``{{p can_cu }}``,
``{{p noi_dung }}`` and ``{{p phu_luc }}``. Nothing here is worse than linear in the size of
the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from lxml import etree
from markupsafe import Markup, escape

from generator.errors import Diagnostic, KeHoachError
from generator.inline import Footnote, Inline, Span
from generator.ooxml import fragments as f
from generator.ooxml import package, tree
from generator.ooxml.ns import W
from generator.render import RenderOptions, drawn_rules
from generator.render.measure import MM_PER_PT, rough_width_mm
from generator.render.template import (
    CONTENT_KEYS,
    ROLE_STYLES,
    GuardedTemplate,
    PreparedTemplate,
    Section,
    Style,
    docxtpl_engine,
    prepared,
)
from generator.render.widths import column_texts, column_widths
from generator.resolve.layout import (
    AppendixLayout,
    LayoutBlock,
    Para,
    ResolvedPlan,
    TableCell,
    TableLayout,
    TableRow,
)

MARK = "<!--kehoach:{}-->"
"""Where generated content goes in the rendered frame."""
ALIGN = {"left": None, "center": "center", "right": "right", "justify": "both"}
"""Layout alignment → ``w:jc``; left is the table styles' own, so the template decides."""
KEEP_WITH_SIGNATURE = 2
"""The last body paragraphs that move to the next page with the signature block."""
RULE_CLEARANCE_TWIPS = 80
"""Space above the rule under the "(Kèm theo …)" line, clear of its descenders (4 pt)."""
LINE_HEIGHT = 1.2
"""A line of cell text is about 1.2 times its font size high (single spacing)."""


class BlockWriter:
    """Writes resolved blocks as XML text in the template's styles, collecting footnotes."""

    def __init__(self, template: PreparedTemplate, options: RenderOptions) -> None:
        self.template = template
        self.fonts = options.fonts
        self.footnotes: list[str] = []
        self.note_text = self._style_id("footnote text", "footnotetext")
        self.note_mark = self._style_id("footnote reference", "footnotereference")

    def _style_id(self, name: str, fallback: str) -> str:
        found = self.template.styles.get(name)
        return found.style_id if found else fallback

    def runs(self, inlines: Iterable[Inline], style: Style, bold: bool = False) -> str:
        """Runs that differ from the paragraph style only where the text does."""
        out = []
        for item in inlines:
            if isinstance(item, Footnote):
                out.append(self.footnote(item))
                continue
            strong = item.bold or bold
            props = f.run_properties(bold=None if strong == style.bold else strong,
                                     italic=None if item.italic == style.italic else item.italic)
            out.append(f.run(item.text, props))
        return "".join(out)

    def footnote(self, note: Footnote) -> str:
        """A footnote collected for the footnotes part, and its reference mark here."""
        number = len(self.footnotes) + 1
        runs = "".join(f.run(s.text, f.run_properties(bold=s.bold or None,
                                                      italic=s.italic or None))
                       for s in note.spans)
        self.footnotes.append(f.footnote(number, runs, self.note_text, self.note_mark))
        return f.footnote_reference(number, self.note_mark)

    def paragraph(self, para: Para, *, keep: bool = False) -> str:
        """A paragraph in its role's style; ``keep``: kept with the next one."""
        style = self.template.style(ROLE_STYLES[para.role])
        props = f.ParagraphProperties(style.style_id, keep_next=keep, keep_lines=keep)
        return f.paragraph(props, self.runs(para.inlines, style))

    def blocks(self, blocks: Sequence[LayoutBlock], section: Section,
               keep_last: int = 0) -> str:
        """Paragraphs and tables in order; a paragraph right above a table stays with it."""
        out = []
        last = len(blocks) - keep_last
        for i, block in enumerate(blocks):
            if isinstance(block, Para):
                above_table = i + 1 < len(blocks) and isinstance(blocks[i + 1], TableLayout)
                out.append(self.paragraph(block, keep=above_table or i >= last))
            else:
                out.append(self.table(block, section))
                out.extend(self.paragraph(note) for note in block.notes)
        return "".join(out)

    def table(self, layout: TableLayout, section: Section) -> str:
        """A table whose rows do not break across pages unless taller than a page."""
        body = self.template.style("KH Bang")
        widths_mm = column_widths(layout.columns, section.width_mm,
                                  column_texts(layout, self.fonts, body.size_pt))
        widths = f.twips_widths(widths_mm)
        rows = []
        carried: dict[int, tuple[int, int]] = {}  # column → (rows still covered, span)
        for r, row in enumerate([*layout.header, *layout.rows]):
            header = r < len(layout.header)
            cells = self._row_cells(row, widths, carried, header)
            fits = header or self._fits_a_page(row, widths_mm, body.size_pt, section)
            rows.append(f.row(cells, header=header, cant_split=fits))
        return f.table(widths, rows)

    def _row_cells(self, row: TableRow, widths: list[int],
                   carried: dict[int, tuple[int, int]], header: bool) -> str:
        """The cells of one grid row, with the continuations of cells merged from above."""
        out = []
        queue = list(row.cells)
        column = 0
        while column < len(widths):
            if column in carried:
                left, span = carried[column]
                out.append(f.cell(sum(widths[column:column + span]), "", span=span,
                                  merge="continue"))
                if left > 1:
                    carried[column] = (left - 1, span)
                else:
                    del carried[column]
                column += span
                continue
            if not queue:
                break
            cell = queue.pop(0)
            if cell.rowspan > 1:
                carried[column] = (cell.rowspan - 1, cell.colspan)
            out.append(self.cell(cell, sum(widths[column:column + cell.colspan]), header,
                                 row.group))
            column += cell.colspan
        return "".join(out)

    def cell(self, cell: TableCell, width: int, header: bool, group: bool) -> str:
        """One table cell ``width`` twips wide, in the heading or body style."""
        style = self.template.style("KH Bang tieu de" if header else "KH Bang")
        props = f.ParagraphProperties(style.style_id, keep_next=group,
                                      align=ALIGN[cell.align])
        paragraphs = "".join(f.paragraph(props, self.runs(line, style, cell.bold))
                             for line in cell.lines)
        return f.cell(width, paragraphs, span=cell.colspan,
                      merge="restart" if cell.rowspan > 1 else None, middle=header)

    @staticmethod
    def _fits_a_page(row: TableRow, widths_mm: tuple[float, ...], size: float,
                     section: Section) -> bool:
        """Whether a row, estimated from its text, is shorter than a page (so may not split)."""
        column, tallest = 0, 0.0
        for cell in row.cells:
            room = max(sum(widths_mm[column:column + cell.colspan]) - 2, 5)
            lines = sum(max(1, -(-rough_width_mm(sum(len(s.text) for s in line
                                                     if isinstance(s, Span)), size) // room))
                        for line in cell.lines)
            tallest = max(tallest, lines * size * LINE_HEIGHT * MM_PER_PT)
            column += cell.colspan
        return tallest < section.height_mm * 0.9

    def appendices(self, appendices: Sequence[AppendixLayout]) -> str:
        """Each appendix behind a section break that closes the part before it."""
        out = []
        previous = (False, False)
        for appendix in appendices:
            brk = f.ParagraphProperties(self.template.style("KH Ngat phan").style_id,
                                        section=self.template.sections[previous].xml)
            out.append(f.paragraph(brk))
            section = self.template.sections[(appendix.landscape, True)]
            out.append(self.appendix_heading(appendix, section))
            out.append(self.blocks(appendix.blocks, section))
            previous = (appendix.landscape, True)
        return "".join(out)

    def appendix_heading(self, appendix: AppendixLayout, section: Section) -> str:
        """"Phụ lục I", the title lines, "(Kèm theo …)" and a rule, kept with what follows."""
        def line(style_name: str, value: str) -> str:
            props = f.ParagraphProperties(self.template.style(style_name).style_id,
                                          keep_next=True)
            return f.paragraph(props, f.run(value))

        out = [line("KH Phu luc so", appendix.label)]
        out += [line("KH Phu luc tieu de", title) for title in appendix.title_lines]
        if appendix.attached_line:
            out.append(line("KH Kem theo", appendix.attached_line))
        title = self.template.style("KH Phu luc tieu de")
        indent = drawn_rules.rule_indent_mm(list(appendix.title_lines), title.size_pt, title.bold,
                                     section.width_mm, self.fonts)
        rule = f.ParagraphProperties(
            self.template.style("KH Duong ke").style_id, keep_next=True,
            space_before_twips=RULE_CLEARANCE_TWIPS if appendix.attached_line else None,
            indent_twips=f.twips(indent))
        return "".join(out) + f.paragraph(rule)


_BREAKS = {"\n": '</w:t><w:br/><w:t xml:space="preserve">',
           "\t": '</w:t><w:tab/><w:t xml:space="preserve">'}


def listing(value: str | None) -> Markup | None:
    """A value escaped for the template, its line breaks and tabs made Word's own (what
    docxtpl's ``resolve_listing`` does after rendering, here before, on the value only)."""
    if value is None:
        return None
    text = str(escape(value))
    for mark, xml in _BREAKS.items():
        text = text.replace(mark, xml)
    return Markup(text)


def template_context(plan: ResolvedPlan) -> dict[str, Any]:
    """What the template's tags are filled with (content keys hold markers)."""
    header, closing = plan.header, plan.closing
    return {
        "co_quan_chu_quan": listing(header.parent_line),
        "ten_co_quan": [listing(line) for line in header.issuer_lines],
        "so_ky_hieu": listing(header.number_line),
        "dia_danh_ngay": listing(header.place_date),
        "ten_loai": listing(header.doc_type),
        "trich_yeu": listing(header.summary),
        "noi_nhan_dau": listing(closing.recipients_lead),
        "noi_nhan": [listing(line) for line in closing.recipient_lines],
        "tham_quyen": [listing(line) for line in closing.authority_lines],
        "ho_ten": listing(closing.signer_name),
        **{key: Markup(MARK.format(key)) for key in CONTENT_KEYS},
    }


def _filled(template: GuardedTemplate, context: dict[str, Any]) -> str:
    """A compiled part rendered (its failures are the clerk's, told by the template), with
    docxtpl's escapes of literal tags undone."""
    xml = template.render(context)
    xml = xml.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")
    for tag, literal in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
        xml = xml.replace(tag, literal)
    return str(xml)


def filled_frame(template: PreparedTemplate, plan: ResolvedPlan, options: RenderOptions,
           context: dict[str, Any] | None = None,
           touch: Callable[[Any], None] | None = None) -> str:
    """The template's body filled: header table, title, signature; rules measured.

    ``context`` replaces the plan's own (a redline's tracked values) and ``touch`` may
    amend the filled tree before it is written.
    """
    xml = _filled(template.body, context or template_context(plan))
    try:
        body = docxtpl_engine().fix_tables(xml) if template.fixes_tables else etree.fromstring(xml)
    except etree.XMLSyntaxError as exc:
        raise KeHoachError([Diagnostic(f"Mẫu trình bày tạo ra XML không hợp lệ: {exc}.",
                                       template.source)]) from exc
    sizes = {s.style_id: (s.size_pt, s.bold) for s in template.styles.values()}
    drawn_rules.set_rule_lengths(body, sizes, options.fonts)
    if touch is not None:
        touch(body)
    final = body.find(f"{W}sectPr")
    if plan.appendices and final is not None:
        last = template.sections[(plan.appendices[-1].landscape, True)]
        final.getparent().replace(final, tree.parse_fragment(last.xml))
    return _undeclared(str(etree.tostring(body, encoding="unicode")), "w:body")


def _undeclared(xml: str, tag: str) -> str:
    """An element serialised alone, without the namespace declarations lxml repeats on it
    (the document's root declares them all)."""
    return f"<{tag}>" + xml[xml.index(">") + 1:]


def spliced(frame: str, content: dict[str, str], source: str) -> str:
    """The generated content put where the filled frame marks it; a mark the template lost
    is the clerk's to restore when there is content for it."""
    for key, xml in content.items():
        mark = MARK.format(key)
        if mark not in frame:
            if xml:
                raise KeHoachError([Diagnostic(
                    f"Mẫu trình bày thiếu chỗ cho '{key}' ({{{{p {key} }}}}).", source,
                    hint="Đặt lại đoạn {{p " + key + " }} vào mẫu.")])
            continue
        frame = frame.replace(mark, xml, 1)
    return frame


def _footnotes(template: PreparedTemplate, parts: dict[str, bytes], notes: list[str]) -> None:
    if template.footnotes is None:
        if notes:
            raise KeHoachError([Diagnostic(
                "Mẫu trình bày không có phần chú thích cuối trang (footnotes).",
                template.source, hint="Dùng mẫu có chú thích, hoặc bỏ ^[…] trong kế hoạch.")])
        return
    name = template.footnotes
    xml = parts.get(name, template.parts[name]).decode("utf-8")
    closing = xml.rindex("</w:footnotes>")
    parts[name] = (xml[:closing] + "".join(notes) + xml[closing:]).encode("utf-8")


def content_xml(plan: ResolvedPlan, template: PreparedTemplate,
                options: RenderOptions) -> tuple[dict[str, str], list[str]]:
    """The generated content (căn cứ, body, appendices) as XML text, and its footnotes."""
    writer = BlockWriter(template, options)
    main = template.sections[(False, False)]
    content = {"can_cu": writer.blocks(plan.bases, main),
               "noi_dung": writer.blocks(plan.body, main, KEEP_WITH_SIGNATURE),
               "phu_luc": writer.appendices(plan.appendices)}
    return content, writer.footnotes


def render_docx(plan: ResolvedPlan, options: RenderOptions) -> bytes:
    """The plan as an official-format .docx."""
    template = prepared(options.template)
    content, footnotes = content_xml(plan, template, options)
    return packaged(template, plan, options, filled_frame(template, plan, options), content,
                    footnotes)


def packaged(template: PreparedTemplate, plan: ResolvedPlan, options: RenderOptions,
             frame: str, content: dict[str, str], footnotes: list[str]) -> bytes:
    """The package around a filled frame and its content: parts, metadata, zip."""
    body = spliced(frame, content, template.source)
    parts = {template.document: (template.head + body + template.tail).encode("utf-8")}
    context = template_context(plan)
    for name, compiled in template.tagged_parts.items():
        parts[name] = _filled(compiled, context).encode("utf-8")
    _footnotes(template, parts, footnotes)
    when = options.created or dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    if template.settings_part:
        ids = package.document_ids(plan.metadata.author, plan.metadata.title,
                                   plan.header.number_line, when.isoformat())
        parts[template.settings_part] = package.settings_for(template.settings, ids)
    core, app = template.metadata_parts
    if core:
        parts[core] = package.core_properties(plan.metadata.title, plan.metadata.author, when)
    if app:
        parts[app] = package.app_properties()
    entries = [*template.packed_parts, template.packed_styles[plan.font_size],
               *(package.packed(name, data) for name, data in parts.items())]
    return package.zip_packed(entries, options.created)

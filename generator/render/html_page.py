"""The plan as an HTML page that follows the DOCX: A4 sheets, the header table, title,
numbered sections, signature and Nơi nhận, each appendix on its own (landscape) sheet.

It is ``kehoach serve``'s preview, so it reads exactly what the DOCX renderer reads (the
resolved layout) and lays it out by the same rules: the template's own pages (size and
margins of its portrait and landscape sections), table columns as wide as the DOCX makes
them (:func:`~generator.render.widths.column_widths`), Times New Roman at the plan's size
with the template's line spacing, paragraph roles mapped to one class each (as the DOCX
maps them to styles). Every text is escaped; the page has no script and loads nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from generator.inline import Footnote, Inline, Span
from generator.render import RenderOptions
from generator.render.template import PreparedTemplate, prepared
from generator.render.widths import column_texts, column_widths
from generator.resolve.layout import (
    AppendixLayout,
    Closing,
    Header,
    LayoutBlock,
    Para,
    ResolvedPlan,
    TableCell,
    TableLayout,
    TableRow,
)

TWIPS_PER_MM = 1440 / 25.4


@dataclass(frozen=True)
class Sheet:
    """A page of the template's section: its size and margins, in mm."""

    width: float
    height: float
    top: float
    right: float
    bottom: float
    left: float

    @property
    def text_width(self) -> float:
        """The room between the margins, as the DOCX renderer's ``Section.width_mm``."""
        return self.width - self.left - self.right

    @classmethod
    def of(cls, section_xml: str) -> Sheet:
        """The page a section's ``w:pgSz`` and ``w:pgMar`` describe."""
        def twips(tag: str, name: str) -> float:
            element = re.search(rf"<w:{tag}\b[^>]*>", section_xml)
            value = re.search(rf'\bw:{name}="(-?\d+)"', element.group(0)) if element else None
            return int(value.group(1)) / TWIPS_PER_MM if value else 0.0
        return cls(twips("pgSz", "w"), twips("pgSz", "h"), twips("pgMar", "top"),
                   twips("pgMar", "right"), twips("pgMar", "bottom"), twips("pgMar", "left"))


def sheets(template: PreparedTemplate) -> dict[bool, Sheet]:
    """The template's portrait and landscape pages (landscape → sheet)."""
    return {landscape: Sheet.of(template.sections[landscape, False].xml)
            for landscape in (False, True)}

ROLE_CLASSES = {
    "body": "body", "bullet": "bullet", "basis": "basis", "basis-italic": "basis italic",
    "heading-1": "h1", "heading-2": "h2", "heading-3": "h3", "heading-4": "h4",
    "note": "note",
}
"""Paragraph role → class (the DOCX renderer's ``ROLE_STYLES``, for the page)."""


class _Page:
    """The HTML of one plan, with its footnotes numbered as the DOCX numbers them."""

    def __init__(self, options: RenderOptions, template: PreparedTemplate) -> None:
        self.footnotes: list[str] = []
        self.options = options
        self.sheets = sheets(template)
        self.table_size = template.style("KH Bang").size_pt

    def inlines(self, inlines: Iterable[Inline]) -> str:
        out = []
        for inline in inlines:
            if isinstance(inline, Footnote):
                self.footnotes.append(self.spans(inline.spans))
                out.append(f'<sup class="fn">{len(self.footnotes)}</sup>')
            else:
                out.append(self.span(inline))
        return "".join(out)

    @staticmethod
    def span(span: Span) -> str:
        text = escape(span.text).replace("\n", "<br>").replace("\t", "&emsp;")
        if span.bold:
            text = f"<b>{text}</b>"
        if span.italic:
            text = f"<i>{text}</i>"
        return text

    def spans(self, spans: Sequence[Span]) -> str:
        return "".join(self.span(s) for s in spans)

    def para(self, para: Para) -> str:
        key = f' data-key="{escape(para.key)}"' if para.key else ""
        return (f'<p class="{ROLE_CLASSES.get(para.role, "body")}"{key}>'
                f"{self.inlines(para.inlines)}</p>")

    def blocks(self, blocks: Iterable[LayoutBlock], landscape: bool) -> str:
        return "".join(self.table(b, landscape) if isinstance(b, TableLayout) else self.para(b)
                       for b in blocks)

    def table(self, table: TableLayout, landscape: bool) -> str:
        widths = column_widths(table.columns, self.sheets[landscape].text_width,
                               column_texts(table, self.options.fonts, self.table_size))
        cols = "".join(f'<col style="width:{w:.1f}mm">' for w in widths)
        head = "".join(self.row(r, header=True) for r in table.header)
        body = "".join(self.row(r, header=False) for r in table.rows)
        notes = "".join(self.para(n) for n in table.notes)
        return (f'<table class="grid"><colgroup>{cols}</colgroup><thead>{head}</thead>'
                f"<tbody>{body}</tbody></table>{notes}")

    def row(self, row: TableRow, header: bool) -> str:
        cls = ' class="group"' if row.group else ""
        return f"<tr{cls}>{''.join(self.cell(c, header) for c in row.cells)}</tr>"

    def cell(self, cell: TableCell, header: bool) -> str:
        tag = "th" if header else "td"
        spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + \
            (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
        style = f"text-align:{cell.align}" + (";font-weight:bold" if cell.bold else "")
        lines = "<br>".join(self.inlines(line) for line in cell.lines)
        return f'<{tag}{spans} style="{style}">{lines}</{tag}>'


def _header(header: Header) -> str:
    parent = f'<div class="parent">{escape(header.parent_line)}</div>' \
        if header.parent_line else ""
    issuer = "".join(f"<div>{escape(line)}</div>" for line in header.issuer_lines)
    return (
        '<table class="header"><tr>'
        f'<td class="issuer">{parent}<div class="issuer-name">{issuer}</div>'
        '<div class="underline short"></div>'
        f'<div class="number">{escape(header.number_line)}</div></td>'
        '<td class="motto"><div class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>'
        '<div class="motto-line">Độc lập - Tự do - Hạnh phúc</div><div class="underline long">'
        f'</div><div class="place-date">{escape(header.place_date)}</div></td>'
        "</tr></table>"
        f'<p class="doc-type">{escape(header.doc_type)}</p>'
        f'<p class="summary">{escape(header.summary).replace(chr(10), "<br>")}</p>'
        '<div class="underline title-underline"></div>')


def _closing(closing: Closing) -> str:
    lead = '<div class="lead">Nơi nhận:</div>'
    if closing.recipients_lead:  # "Gửi bản điện tử:" under "Nơi nhận:", as the DOCX has it
        lead += f'<div class="sublead">{escape(closing.recipients_lead)}</div>'
    lines = "".join(f"<div>{escape(line)}</div>" for line in closing.recipient_lines)
    authority = "".join(f"<div>{escape(line)}</div>" for line in closing.authority_lines)
    return ('<table class="closing"><tr>'
            f'<td class="recipients">{lead}{lines}</td>'
            f'<td class="signature"><div class="authority">{authority}</div>'
            f'<div class="signer">{escape(closing.signer_name)}</div></td>'
            "</tr></table>")


def _appendix(page: _Page, appendix: AppendixLayout) -> str:
    orientation = "landscape" if appendix.landscape else "portrait"
    titles = "".join(f"<div>{escape(line)}</div>" for line in appendix.title_lines)
    attached = f'<div class="attached">{escape(appendix.attached_line)}</div>' \
        if appendix.attached_line else ""
    return (f'<section class="sheet {orientation}">'
            f'<div class="appendix-label">{escape(appendix.label)}</div>'
            f'<div class="appendix-title">{titles}</div>{attached}'
            '<div class="underline title-underline"></div>'
            f"{page.blocks(appendix.blocks, appendix.landscape)}</section>")


def _sheet_style(page: _Page) -> str:
    """Each orientation's page size, margins and the line where each printed page ends."""
    rules = []
    for landscape, sheet in page.sheets.items():
        rules.append(
            f".sheet.{'landscape' if landscape else 'portrait'}{{width:{sheet.width:.1f}mm;"
            f"min-height:{sheet.height:.1f}mm;padding:{sheet.top:.1f}mm {sheet.right:.1f}mm "
            f"{sheet.bottom:.1f}mm {sheet.left:.1f}mm;"
            f"--h:{sheet.height - sheet.top - sheet.bottom:.1f}mm}}")
    return "".join(rules) + f"table.grid{{font-size:{page.table_size:g}pt}}"


def plan_body(plan: ResolvedPlan, options: RenderOptions) -> str:
    """The sheets of a plan, without the page around them (what the editor swaps in)."""
    page = _Page(options, prepared(options.template))
    main = (f'<section class="sheet portrait">{_header(plan.header)}'
            f"{''.join(page.para(p) for p in plan.bases)}"
            f"{page.blocks(plan.body, False)}{_closing(plan.closing)}")
    notes = "".join(f"<li>{note}</li>" for note in page.footnotes)
    main += f'<ol class="footnotes">{notes}</ol></section>' if notes else "</section>"
    appendices = "".join(_appendix(page, a) for a in plan.appendices)
    return (f"<style>{_sheet_style(page)}</style>"
            f'<div class="plan" style="--size:{plan.font_size}pt">{main}{appendices}</div>')


STYLE = """
.plan{font-family:"Times New Roman",Times,serif;font-size:var(--size);color:#000;
 line-height:1.15}
.sheet{background:#fff;margin:0 auto 8mm;box-shadow:0 1px 4px rgba(0,0,0,.3);
 box-sizing:border-box;position:relative;background-origin:content-box;
 background-image:repeating-linear-gradient(to bottom,transparent 0,
 transparent calc(var(--h) - 1px),#9ab calc(var(--h) - 1px),#9ab var(--h))}
.plan p{margin:0 0 6pt;text-align:justify;text-indent:12.7mm;line-height:1.265}
.plan p.h1,.plan p.h2{font-weight:bold}
.plan p.h3{font-weight:bold;font-style:italic}.plan p.h4{font-style:italic}
.plan p.italic{font-style:italic}.plan p.note{font-size:calc(var(--size) - 2pt)}
table.header{width:100%;border-collapse:collapse;font-size:13pt}
table.header td{vertical-align:top;text-align:center;padding:0}
td.issuer{width:38%}td.issuer .issuer-name{font-weight:bold}
td.motto .nation{font-weight:bold;font-size:12pt}
td.motto .motto-line{font-weight:bold;font-size:13pt}
.underline{border-top:1px solid #000;margin:1pt auto 6pt}.underline.short{width:30%}
.underline.long{width:62%}.underline.title-underline{width:25%;margin:8pt auto 12pt}
.number{margin-top:6pt;white-space:pre-wrap}
.place-date{font-style:italic;margin-top:6pt;white-space:pre-wrap}
.plan p.doc-type{text-align:center;text-indent:0;font-weight:bold;margin:18pt 0 0}
.plan p.summary{text-align:center;text-indent:0;font-weight:bold;margin:0}
table.closing{width:100%;margin-top:12pt;border-collapse:collapse}
table.closing td{vertical-align:top;padding:0}
td.recipients{width:50%;font-size:11pt}td.recipients .sublead{font-style:italic;font-size:12pt}
td.recipients .lead{font-weight:bold;font-style:italic;
 font-size:12pt}
td.signature{text-align:center;font-weight:bold}td.signature .signer{margin-top:28mm}
table.grid{width:100%;border-collapse:collapse;table-layout:fixed;margin:0 0 6pt}
table.grid th,table.grid td{border:1px solid #000;padding:1pt 3pt;vertical-align:top;
 overflow-wrap:anywhere}
table.grid th{vertical-align:middle}table.grid tr.group td{font-weight:bold}
.appendix-label{text-align:center;font-weight:bold}
.appendix-title{text-align:center;font-weight:bold}
.attached{text-align:center;font-style:italic;white-space:pre-wrap}
ol.footnotes{font-size:10pt;border-top:1px solid #000;width:40%;padding-left:5mm}
ol.footnotes li{width:250%}
"""
"""The page's look: the DOCX template's styles said in CSS (Times New Roman: a single line
is 1.15 of the size, the body's styles space lines 1.1 times that and 6 pt after). Page
sizes and margins come from the template; a sheet's text runs on as one column, with a thin
guide after each page's worth of text (the page's height less its top and bottom margins:
where the printed page ends)."""


def render_html(plan: ResolvedPlan, options: RenderOptions) -> bytes:
    """A whole HTML page of the plan (``renderer("html")``)."""
    title = escape(plan.metadata.title)
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}'
            f'</title><style>{STYLE}</style></head><body style="background:#eee">'
            f"{plan_body(plan, options)}</body></html>").encode()

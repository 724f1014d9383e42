"""The plan as an HTML page that follows the DOCX: A4 sheets, the header table, title,
numbered sections, signature and Nơi nhận, each appendix on its own (landscape) sheet.

It is ``kehoach serve``'s preview, so it reads exactly what the DOCX renderer reads (the
resolved layout) and lays it out by the same rules: the decree's margins, Times New Roman
at the plan's size, paragraph roles mapped to one class each (as the DOCX maps them to
styles). Every text is escaped; the page has no script and loads nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from generator.inline import Footnote, Inline, Span
from generator.render import RenderOptions
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

TEXT_WIDTH_MM = {False: 165.0, True: 252.0}
"""The width between the margins of a portrait and a landscape A4 page (Nghị định 30:
left 30 mm, right 15 mm; landscape top/bottom become the sides)."""

ROLE_CLASSES = {
    "body": "body", "bullet": "bullet", "basis": "basis", "basis-italic": "basis italic",
    "heading-1": "h1", "heading-2": "h2", "heading-3": "h3", "heading-4": "h4",
    "note": "note",
}
"""Paragraph role → class (the DOCX renderer's ``ROLE_STYLES``, for the page)."""


class _Page:
    """The HTML of one plan, with its footnotes numbered as the DOCX numbers them."""

    def __init__(self) -> None:
        self.footnotes: list[str] = []

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
        widths = _widths(table, TEXT_WIDTH_MM[landscape])
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


def _widths(table: TableLayout, room: float) -> list[float]:
    """Each column's width in mm: fixed ones as given, the rest sharing what is left (as
    the DOCX renderer shares the text width)."""
    fixed = sum(c.mm for c in table.columns if c.mm is not None)
    shares = sum(c.share for c in table.columns if c.mm is None) or 1.0
    left = max(room - fixed, 0.0)
    return [c.mm if c.mm is not None else left * c.share / shares for c in table.columns]


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


def plan_body(plan: ResolvedPlan) -> str:
    """The sheets of a plan, without the page around them (what the editor swaps in)."""
    page = _Page()
    main = (f'<section class="sheet portrait">{_header(plan.header)}'
            f"{''.join(page.para(p) for p in plan.bases)}"
            f"{page.blocks(plan.body, False)}{_closing(plan.closing)}")
    notes = "".join(f"<li>{note}</li>" for note in page.footnotes)
    main += f'<ol class="footnotes">{notes}</ol></section>' if notes else "</section>"
    appendices = "".join(_appendix(page, a) for a in plan.appendices)
    return (f'<div class="plan" style="--size:{plan.font_size}pt">{main}{appendices}</div>')


STYLE = """
.plan{font-family:"Times New Roman",Times,serif;font-size:var(--size);color:#000;
 line-height:1.2}
.sheet{background:#fff;margin:0 auto 8mm;box-shadow:0 1px 4px rgba(0,0,0,.3);
 box-sizing:border-box;position:relative;
 background-image:repeating-linear-gradient(to bottom,transparent 0,
 transparent calc(var(--h) - 1px),#9ab calc(var(--h) - 1px),#9ab var(--h))}
.sheet.portrait{width:210mm;min-height:297mm;padding:20mm 15mm 20mm 30mm;--h:297mm}
.sheet.landscape{width:297mm;min-height:210mm;padding:30mm 20mm 15mm 20mm;--h:210mm}
.plan p{margin:0 0 6pt;text-align:justify;text-indent:12.7mm}
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
table.grid{width:100%;border-collapse:collapse;table-layout:fixed;margin:0 0 6pt;
 font-size:calc(var(--size) - 1pt)}
table.grid th,table.grid td{border:1px solid #000;padding:1pt 3pt;vertical-align:top;
 overflow-wrap:anywhere}
table.grid th{vertical-align:middle}table.grid tr.group td{font-weight:bold}
.appendix-label{text-align:center;font-weight:bold}
.appendix-title{text-align:center;font-weight:bold}
.attached{text-align:center;font-style:italic;white-space:pre-wrap}
ol.footnotes{font-size:10pt;border-top:1px solid #000;width:40%;padding-left:5mm}
ol.footnotes li{width:250%}
"""
"""The page's look: the DOCX template's styles said in CSS (A4, the decree's margins,
Times New Roman, a thin guide where each printed page ends)."""


def render_html(plan: ResolvedPlan, options: RenderOptions) -> bytes:
    """A whole HTML page of the plan (``renderer("html")``)."""
    del options  # the page uses the browser's fonts; nothing to measure
    title = escape(plan.metadata.title)
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}'
            f'</title><style>{STYLE}</style></head><body style="background:#eee">'
            f"{plan_body(plan)}</body></html>").encode()

"""A plan typed in Word, made with python-docx the way a clerk builds one by hand.

The Normal style carries Times New Roman 14; the header is a borderless 2 × 2 table (issuing
body and its underline, Quốc hiệu, Tiêu ngữ and its underline, "Số:", place and date);
underlines are paragraph bottom borders; the signature is a borderless table beside "Nơi nhận:"; an
appendix is a second section restarting its page numbers. Well formed unless a ``change``
breaks one thing; the helpers below find a paragraph wherever it sits (body or table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from generator.ooxml.tree import child_of

Change = Callable[[DocumentObject], None]

BODY = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục "
    "hành chính trên môi trường điện tử;",
    "Ủy ban nhân dân xã Tân An ban hành Kế hoạch như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Nâng cao nhận thức của người dân về chuyển đổi số.",
    "II. TỔ CHỨC THỰC HIỆN",
    "Các đơn vị triển khai thực hiện Kế hoạch này./.",
)


def page_number(section: object) -> None:
    """A centred PAGE field in the section's header, hidden on its first page."""
    header = section.header  # type: ignore[attr-defined]
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(13)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            instr = OxmlElement("w:instrText")
            instr.text = text
            run._r.append(instr)
    section.different_first_page_header_footer = True  # type: ignore[attr-defined]


def underline(paragraph: Paragraph, indent_mm: float = 15) -> None:
    """Draw an underline as Word users do: the bottom border of an empty, indented paragraph."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = \
        Mm(indent_mm)


def line(container: object, text: str, size: float = 14, bold: bool = False,
         italic: bool = False, centred: bool = False, first: bool = False) -> Paragraph:
    """A paragraph of one run (``first``: fill the cell's own empty first paragraph)."""
    paragraph = container.paragraphs[0] if first else \
        container.add_paragraph()  # type: ignore[attr-defined]
    run = paragraph.add_run(text)
    run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _table(document: DocumentObject, rows: int) -> object:
    table = document.add_table(rows=rows, cols=2)
    table.autofit = False
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Mm(60), Mm(100)
    return table


def hand_made(change: Change | None = None, appendix: bool = True) -> DocumentObject:
    """The plan; ``change`` (applied last) breaks one thing."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:ascii"), "Times New Roman")
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    page_number(section)
    header = _table(document, 2)
    left, right = header.cell(0, 0), header.cell(0, 1)
    line(left, "ỦY BAN NHÂN DÂN", 13, True, centred=True, first=True)
    line(left, "XÃ TÂN AN", 13, True, centred=True)
    underline(line(left, ""), 18)
    line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, centred=True, first=True)
    line(right, "Độc lập - Tự do - Hạnh phúc", 14, True, centred=True)
    underline(line(right, ""), 20)
    line(header.cell(1, 0), "Số: 05/KH-UBND", 13, centred=True, first=True)
    line(header.cell(1, 1), "Tân An, ngày 05 tháng 4 năm 2024", 14, italic=True,
         centred=True, first=True)
    line(document, "KẾ HOẠCH", 14, True, centred=True)
    line(document, "Triển khai chuyển đổi số năm 2024", 14, True, centred=True)
    underline(line(document, ""), 64.5)
    for text in BODY:
        body = line(document, text, bold=text.startswith(("I.", "II.")))
        layout = body.paragraph_format
        layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        layout.first_line_indent, layout.space_after, layout.line_spacing = Cm(1.27), Pt(6), 1.15
    signature = _table(document, 1)
    recipients, signer = signature.cell(0, 0), signature.cell(0, 1)
    line(recipients, "Nơi nhận:", 12, True, True, first=True)
    line(recipients, "- Các đơn vị thuộc xã;", 11)
    line(recipients, "- Lưu: VT, VP.", 11)
    line(signer, "TM. ỦY BAN NHÂN DÂN", 14, True, centred=True, first=True)
    line(signer, "CHỦ TỊCH", 14, True, centred=True)
    for _ in range(4):
        line(signer, "")
    line(signer, "Nguyễn Văn An", 14, True, centred=True)
    if appendix:
        _appendix(document)
    if change:
        change(document)
    return document


def _appendix(document: DocumentObject) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = True
    restart = child_of(section._sectPr, "pgNumType")
    restart.set(qn("w:start"), "1")
    line(document, "Phụ lục", 14, True, centred=True)
    line(document, "DANH MỤC NHIỆM VỤ", 14, True, centred=True)
    line(document, "(Kèm theo Kế hoạch số 05/KH-UBND ngày 05 tháng 4 năm 2024 của Ủy ban "
         "nhân dân xã Tân An)", 14, italic=True, centred=True)
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for cell, text in zip(table._cells, ("TT", "Nhiệm vụ", "1", "Tuyên truyền"), strict=True):
        cell.paragraphs[0].add_run(text).font.size = Pt(13)


def paragraphs(document: DocumentObject) -> Iterator[Paragraph]:
    """Every paragraph of the body, those in tables included, in reading order."""
    for element in document.element.body.iter(qn("w:p")):
        yield Paragraph(element, document._body)


def paragraph(document: DocumentObject, starts: str) -> Paragraph:
    """The first paragraph whose text starts with ``starts``."""
    return next(p for p in paragraphs(document) if p.text.startswith(starts))


def set_text(starts: str, text: str) -> Change:
    """A change: the paragraph starting ``starts`` now reads ``text``."""
    def change(document: DocumentObject) -> None:
        paragraph(document, starts).runs[0].text = text
    return change


def set_run(starts: str, **formatting: object) -> Change:
    """A change: the runs of the paragraph starting ``starts`` formatted otherwise
    (``size`` in points, ``bold``, ``italic``, ``underline``, ``name``)."""
    def change(document: DocumentObject) -> None:
        for run in paragraph(document, starts).runs:
            for name, value in formatting.items():
                setattr(run.font, name, Pt(value) if name == "size" else value)  # type: ignore[arg-type]
    return change

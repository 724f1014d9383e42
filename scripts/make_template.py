"""Build templates/ke-hoach.docx: the reference document that carries every official style.

Run by a developer when the house style changes (``python scripts/make_template.py``); the
resulting .docx is committed. A clerk may then restyle it in Word (fonts, spacing, column
widths) without touching code: kehoach only refers to the styles by name and fills the
Jinja tags documented in the README.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle

from generator.ooxml.tree import put

FONT = "Times New Roman"
TARGET = Path(__file__).resolve().parent.parent / "templates" / "ke-hoach.docx"

CENTER, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

# name: (size pt, bold, italic, alignment, first-line indent cm, space after pt)
PARAGRAPH_STYLES: dict[str, tuple[float, bool, bool, int, float, float]] = {
    "KH Co quan chu quan": (13, False, False, CENTER, 0, 0),
    "KH Co quan": (13, True, False, CENTER, 0, 0),
    "KH Quoc hieu": (13, True, False, CENTER, 0, 0),
    "KH Tieu ngu": (14, True, False, CENTER, 0, 0),
    "KH So": (13, False, False, CENTER, 0, 0),
    "KH Dia danh ngay": (14, False, True, CENTER, 0, 0),
    "KH Duong ke": (2, False, False, CENTER, 0, 0),
    "KH Ten loai": (14, True, False, CENTER, 0, 0),
    "KH Trich yeu": (14, True, False, CENTER, 0, 0),
    "KH Can cu": (14, False, False, JUSTIFY, 1.27, 6),
    "KH Can cu nghieng": (14, False, True, JUSTIFY, 1.27, 6),
    "KH Noi dung": (14, False, False, JUSTIFY, 1.27, 6),
    "KH Gach dau dong": (14, False, False, JUSTIFY, 1.27, 6),
    "KH Muc 1": (14, True, False, JUSTIFY, 1.27, 6),
    "KH Muc 2": (14, True, False, JUSTIFY, 1.27, 6),
    "KH Muc 3": (14, True, False, JUSTIFY, 1.27, 6),
    "KH Muc 4": (14, False, False, JUSTIFY, 1.27, 6),
    "KH Noi nhan tieu de": (12, True, True, LEFT, 0, 0),
    "KH Noi nhan": (11, False, False, LEFT, 0, 0),
    "KH Tham quyen": (14, True, False, CENTER, 0, 0),
    "KH Cho ky": (14, False, False, CENTER, 0, 0),
    "KH Ho ten": (14, True, False, CENTER, 0, 0),
    "KH Phu luc so": (14, True, False, CENTER, 0, 0),
    "KH Phu luc tieu de": (14, True, False, CENTER, 0, 0),
    "KH Kem theo": (14, False, True, CENTER, 0, 0),
    "KH Bang": (12, False, False, LEFT, 0, 0),
    "KH Bang tieu de": (12, True, False, CENTER, 0, 0),
    "KH Ghi chu": (13, False, False, JUSTIFY, 1.0, 3),
    "KH So trang": (13, False, False, CENTER, 0, 0),
    "KH Ngat phan": (1, False, False, LEFT, 0, 0),
    "footnote text": (11, False, False, JUSTIFY, 0, 0),
}
KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List",
               "footnote reference", *PARAGRAPH_STYLES}


def set_fonts(rpr_parent: object) -> None:
    """Times New Roman in all four slots; theme fonts removed so nothing overrides it."""
    rpr = rpr_parent.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)


def clean_styles(doc: Document) -> None:
    """Drop python-docx's stock styles (Calibri-based headings, lists…): no stray styles."""
    styles = doc.styles.element
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in KEEP_STYLES:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" '
                         f'w:eastAsia="{FONT}" w:cs="{FONT}"/>'))
    rpr.append(parse_xml(f'<w:color {nsdecls("w")} w:val="000000"/>'))
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="28"/>'))
    rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="28"/>'))
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="vi-VN" w:eastAsia="vi-VN" '
                         f'w:bidi="ar-SA"/>'))


def add_styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    set_fonts(normal.element)
    normal.font.size = Pt(14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    for name, (size, bold, italic, align, indent, after) in PARAGRAPH_STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        assert isinstance(style, ParagraphStyle)
        style.base_style = normal
        style.quick_style = True
        set_fonts(style.element)
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = Mm(indent * 10) if indent else None
        fmt.space_after = Pt(after)
        fmt.space_before = Pt(0)
        if indent:  # body text: a little air between lines
            fmt.line_spacing = 1.1
        style.font.color.rgb = None
    doc.styles["KH Ten loai"].paragraph_format.space_before = Pt(12)
    for name in ("KH Bang", "KH Bang tieu de"):
        doc.styles[name].paragraph_format.space_before = Pt(2)
        doc.styles[name].paragraph_format.space_after = Pt(2)
    doc.styles["KH Ghi chu"].paragraph_format.space_before = Pt(6)
    doc.styles["KH Trich yeu"].paragraph_format.keep_with_next = True
    doc.styles["KH Cho ky"].paragraph_format.space_after = Pt(70)
    doc.styles["KH Phu luc tieu de"].paragraph_format.keep_with_next = True
    for name in ("KH Muc 1", "KH Muc 2", "KH Muc 3"):
        doc.styles[name].paragraph_format.keep_with_next = True
    rule = doc.styles["KH Duong ke"].element.get_or_add_pPr()
    put(rule, parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" '
                        f'w:space="1" w:color="000000"/></w:pBdr>'))
    doc.styles["KH Duong ke"].paragraph_format.line_spacing = Pt(4)
    doc.styles["KH Duong ke"].paragraph_format.space_after = Pt(6)
    footnote_ref = doc.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    footnote_ref.font.superscript = True
    footnote = doc.styles["footnote text"]
    footnote.paragraph_format.first_line_indent = None


def borderless_table(doc: Document, widths_mm: list[float]) -> object:
    table = doc.add_table(rows=2, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    put(tbl_pr, parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    put(tbl_pr, parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/>'
        f'<w:right w:w="0" w:type="dxa"/></w:tblCellMar>'))
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
        for cell in col.cells:
            cell.width = Mm(width)
    return table


def fill(cell: object, lines: list[tuple[str, str]]) -> None:
    first = True
    for text, style in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()  # type: ignore[attr-defined]
        first = False
        paragraph.style = style
        if text:
            paragraph.add_run(text)


def header_table(doc: Document) -> None:
    table = borderless_table(doc, [60, 100])
    fill(table.cell(0, 0), [
        ("{%p if co_quan_chu_quan %}", "KH Co quan chu quan"),
        ("{{ co_quan_chu_quan }}", "KH Co quan chu quan"),
        ("{%p endif %}", "KH Co quan chu quan"),
        ("{%p for dong in ten_co_quan %}", "KH Co quan"),
        ("{{ dong }}", "KH Co quan"),
        ("{%p endfor %}", "KH Co quan"),
        ("", "KH Duong ke"),
    ])
    fill(table.cell(0, 1), [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KH Quoc hieu"),
        ("Độc lập - Tự do - Hạnh phúc", "KH Tieu ngu"),
        ("", "KH Duong ke"),
    ])
    fill(table.cell(1, 0), [("{{ so_ky_hieu }}", "KH So")])
    fill(table.cell(1, 1), [("{{ dia_danh_ngay }}", "KH Dia danh ngay")])


def signature_table(doc: Document) -> None:
    table = borderless_table(doc, [80, 80])
    left, right = table.cell(0, 0), table.cell(0, 1)
    fill(left, [
        ("Nơi nhận:", "KH Noi nhan tieu de"),
        ("{%p if noi_nhan_dau %}", "KH Noi nhan"),
        ("{{ noi_nhan_dau }}", "KH Noi nhan"),
        ("{%p endif %}", "KH Noi nhan"),
        ("{%p for dong in noi_nhan %}", "KH Noi nhan"),
        ("{{ dong }}", "KH Noi nhan"),
        ("{%p endfor %}", "KH Noi nhan"),
    ])
    fill(right, [
        ("{%p for dong in tham_quyen %}", "KH Tham quyen"),
        ("{{ dong }}", "KH Tham quyen"),
        ("{%p endfor %}", "KH Tham quyen"),
        ("", "KH Cho ky"),
        ("{{ ho_ten }}", "KH Ho ten"),
    ])
    row = table.rows[1]._tr
    row.getparent().remove(row)
    # The signature block and the recipients move to the next page together, never split.
    put(table.rows[0]._tr.get_or_add_trPr(), parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))


def page_setup(doc: Document) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.style = doc.styles["KH So trang"]
    for xml in ('<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r {ns}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
                '<w:r {ns}><w:t>2</w:t></w:r>',
                '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml.format(ns=nsdecls("w"))))
    section.first_page_header.paragraphs[0].style = doc.styles["KH So trang"]


FOOTNOTES = (
    f'<w:footnotes {nsdecls("w")}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    '</w:footnote></w:footnotes>'
)


def footnotes_part(doc: Document) -> None:
    """A footnotes part with Word's two separators; kehoach appends the plan's footnotes."""
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES,
                FOOTNOTES.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    settings = doc.settings.element
    footnote_pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                            f'<w:footnote w:id="0"/></w:footnotePr>')
    settings.find(qn("w:compat")).addprevious(footnote_pr)  # the schema puts it there


def body(doc: Document) -> None:
    header_table(doc)
    for text, style in [("{{ ten_loai }}", "KH Ten loai"), ("{{ trich_yeu }}", "KH Trich yeu"),
                        ("", "KH Duong ke"), ("{{p can_cu }}", "KH Can cu"),
                        ("{{p noi_dung }}", "KH Noi dung")]:
        doc.add_paragraph(text, style=style)
    # The line before the signature block keeps with it: the block never stands alone.
    doc.add_paragraph("", style="KH Noi dung").paragraph_format.keep_with_next = True
    signature_table(doc)
    doc.add_paragraph("{{p phu_luc }}", style="KH Noi dung")


def drop_stock_parts(doc: Document) -> None:
    """stylesWithEffects.xml repeats the stock (Calibri) styles for Word 2010: not ours."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)


def main() -> None:
    doc = Document()
    drop_stock_parts(doc)
    clean_styles(doc)
    add_styles(doc)
    page_setup(doc)
    body(doc)
    footnotes_part(doc)
    props = doc.core_properties
    props.title, props.author, props.comments = "Kế hoạch", "kehoach", "Mẫu trình bày kehoach"
    TARGET.parent.mkdir(exist_ok=True)
    doc.save(TARGET)
    print(f"{TARGET}: {TARGET.stat().st_size} byte")


if __name__ == "__main__":
    main()


"""``kehoach check``: every example kehoach builds passes; hand-made documents (python-docx,
as Word would save them: styles, direct formatting) with one defect each are caught by the
right rule; a document LibreOffice re-saved from ours still passes."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

from generator.cli import main
from generator.docx_check import check_docx
from generator.docx_check.rules import fixed_number, padded_date
from generator.readers.anatomy import PLACE_DATE
from tests.conftest import FIXTURES, build_docx, example_paths
from tests.docx_check.handmade import Change, hand_made, paragraph, set_run, set_text


@pytest.mark.parametrize("plan", [*example_paths(), FIXTURES / "valid" / "day-du.yaml"],
                         ids=lambda p: p.stem)
def test_every_document_kehoach_builds_passes(plan: Path, tmp_path: Path) -> None:
    assert check_docx(build_docx(plan, tmp_path)) == []


def test_a_document_libreoffice_resaved_still_passes(tmp_path: Path) -> None:
    docx = build_docx(FIXTURES / "valid" / "day-du.yaml", tmp_path)
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(out), str(docx)], check=True, capture_output=True, timeout=180)
    assert [f for f in check_docx(out / docx.name) if f.severity == "lỗi"] == []


def _margin(document: DocumentObject) -> None:
    document.sections[0].left_margin = Mm(25)


def _no_page_numbers(document: DocumentObject) -> None:
    header = document.sections[0].header
    for line in header.paragraphs:
        line._p.getparent().remove(line._p)
    header.add_paragraph("")


def _page_number_size(document: DocumentObject) -> None:
    for run in document.sections[0].header.paragraphs[0].runs:
        run.font.size = Pt(11)


def _page_number_font(document: DocumentObject) -> None:
    for run in document.sections[0].header.paragraphs[0].runs:
        run.font.name = ".VnTime"


def _even_pages_unnumbered(document: DocumentObject) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    document.sections[0].even_page_header.is_linked_to_previous = False


def _odd_pages_unnumbered(document: DocumentObject) -> None:
    _even_pages_unnumbered(document)
    section = document.sections[0]
    numbered, even = section.header._element, section.even_page_header._element
    for child in list(even):
        even.remove(child)
    for child in list(numbered):
        even.append(child)
    numbered.append(parse_xml(f"<w:p {nsdecls('w')}/>"))


def _before(starts: str, text: str) -> Change:
    def change(document: DocumentObject) -> None:
        paragraph(document, starts).insert_paragraph_before(text)
    return change


def _no_underline_under_motto(document: DocumentObject) -> None:
    underline = paragraph(document, "Độc lập")._p.getnext()
    underline.getparent().remove(underline)


def _underlined_motto(document: DocumentObject) -> None:
    _no_underline_under_motto(document)
    set_run("Độc lập", underline=True)(document)


def _underlined_blanks(document: DocumentObject) -> None:
    _no_underline_under_motto(document)
    blank = paragraph(document, "Độc lập").insert_paragraph_before("")
    paragraph(document, "Độc lập")._p.addnext(blank._p)
    blank.add_run("\t\t\t").font.underline = True


def _body_size(document: DocumentObject) -> None:
    for text in ("Căn cứ", "Ủy ban", "Nâng cao", "Các đơn vị"):
        set_run(text, size=12)(document)


def _body_layout(**values: object) -> Change:
    """A change: the long body paragraphs laid out otherwise (python-docx's names)."""
    def change(document: DocumentObject) -> None:
        for starts in ("Căn cứ Nghị định", "Ủy ban nhân dân xã"):
            layout = paragraph(document, starts).paragraph_format
            for name, value in values.items():
                setattr(layout, name, value)
    return change


DEFECTS: list[tuple[str, Change, str, str]] = [
    ("margin", _margin, "định lề trang", "Lề trái 25 mm"),
    ("font", set_run("Nâng", name="Arial"), "phông chữ", "Arial"),
    ("size", set_run("CỘNG", size=15), "cỡ chữ", "Quốc hiệu: cỡ chữ 15"),
    ("date", set_text("Tân An", "Tân An, ngày 5 tháng 4 năm 2024"), "thời gian",
     "Ngày 5"),
    ("month", set_text("Tân An", "Tân An, ngày 05 tháng 04 năm 2024"), "thời gian",
     "Tháng 04"),
    ("number", set_text("Số:", "Số: 5/KH-UBND"), "số, ký hiệu", "Số 5"),
    ("spaces", set_text("Số:", "Số: 05/KH - UBND"), "số, ký hiệu", "sai dạng"),
    ("closing mark", set_text("Các đơn vị triển", "Các đơn vị triển khai."), "nội dung",
     "./."),
    ("archive", set_text("- Lưu", "- Các phòng;"), "nơi nhận", "Lưu: VT"),
    ("recipients", set_run("- Các", size=13), "nơi nhận", "cỡ chữ 13"),
    ("page numbers", _no_page_numbers, "số trang", "Không có số trang"),
    ("page number size", _page_number_size, "số trang", "cỡ chữ 11"),
    ("page number in .VnTime", _page_number_font, "phông chữ", "Số trang phông chữ .VnTime"),
    ("even pages unnumbered", _even_pages_unnumbered, "số trang", "trang chẵn"),
    ("odd pages unnumbered", _odd_pages_unnumbered, "số trang", "chỉ hiện ở trang chẵn"),
    ("underscores", _before("KẾ HOẠCH", "__________"), "đường kẻ", "gạch dưới"),
    ("issuing body bold", set_run("XÃ TÂN AN", bold=False), "tên cơ quan",
     "Tên cơ quan ban hành: phải in đậm"),
    ("issuing body size", set_run("ỦY BAN", size=14), "tên cơ quan", "cỡ chữ 14"),
    ("title size", set_run("KẾ HOẠCH", size=12), "tên loại", "Tên loại văn bản: cỡ chữ 12"),
    ("summary bold", set_run("Triển khai", bold=False, size=14), "trích yếu", "Trích yếu"),
    ("no underline under the Tiêu ngữ", _no_underline_under_motto, "đường kẻ",
     "Không có đường kẻ dưới Tiêu ngữ"),
    ("Tiêu ngữ underlined", _underlined_motto, "đường kẻ", "chữ gạch chân"),
    ("underlined blanks", _underlined_blanks, "đường kẻ", "khoảng trắng gạch chân"),
    ("body size", _body_size, "nội dung", "Nội dung: cỡ chữ 12"),
    ("bases", set_text("Căn cứ Luật", "Căn cứ Luật Tổ chức chính quyền địa phương"),
     "căn cứ", "dấu ';'"),
    ("authority", set_run("CHỦ TỊCH", bold=False), "chức vụ", "phải in đậm"),
    ("signer", set_run("Nguyễn", size=12), "chức vụ, họ tên", "Họ tên người ký: cỡ chữ 12"),
    ("appendix label", set_text("Phụ lục", "PHỤ LỤC"), "phụ lục", "in thường"),
    ("appendix title", set_run("DANH MỤC", bold=False), "phụ lục", "Tên phụ lục"),
    ("attached line", set_run("(Kèm theo", italic=False), "phụ lục", "phải in nghiêng"),
    ("body left-aligned", _body_layout(alignment=WD_ALIGN_PARAGRAPH.LEFT), "kiểu trình bày",
     "không căn đều hai lề"),
    ("body not indented", _body_layout(first_line_indent=Cm(0)), "kiểu trình bày",
     "thụt đầu dòng"),
    ("body paragraphs touching", _body_layout(space_after=Pt(0)), "kiểu trình bày",
     "cách đoạn dưới 6 pt"),
    ("body double-spaced", _body_layout(line_spacing=2.0), "kiểu trình bày", "giãn dòng"),
]


def test_a_well_formed_hand_made_plan_passes(tmp_path: Path) -> None:
    good = tmp_path / "dung.docx"
    hand_made().save(str(good))
    assert check_docx(good) == []


@pytest.mark.parametrize(("name", "change", "rule", "words"), DEFECTS,
                         ids=[d[0] for d in DEFECTS])
def test_one_defect_is_caught_by_its_rule(name: str, change: Change, rule: str, words: str,
                                          tmp_path: Path) -> None:
    bad = tmp_path / "sai.docx"
    hand_made(change).save(str(bad))
    found = check_docx(bad)
    assert len(found) == 1 and found[0].severity == "lỗi", found
    assert rule in found[0].rule and words in found[0].message, found


def test_a_reference_printed_raw_is_warned_where_it_stands(tmp_path: Path) -> None:
    """Issue 19: a mistyped ``{muc_tieu:…}`` passed ``check`` and stayed in the document."""
    bad = tmp_path / "sai.docx"
    hand_made(set_text("Các đơn vị triển", "Các đơn vị đạt {Muc_tieu:dvc} hồ sơ./.")).save(
        str(bad))
    [found] = check_docx(bad)
    assert (found.severity, found.id) == ("cảnh báo", "noi_dung.tham_chieu")
    assert found.message.startswith("Văn bản còn '{Muc_tieu:dvc}' in nguyên văn")
    escaped = tmp_path / "ngoac.docx"
    hand_made(set_text("Các đơn vị triển", "Các đơn vị điền mẫu {x} và {{ y }}./.")).save(
        str(escaped))
    assert check_docx(escaped) == []


def test_a_drafter_s_initials_in_subscript_are_not_held_to_the_line_s_size(
        tmp_path: Path) -> None:
    def initials(document: DocumentObject) -> None:
        line = paragraph(document, "- Lưu")
        line.runs[0].text = "- Lưu: VT, VP"
        run = line.add_run("(Hùng)")
        run.font.size, run.font.subscript = Pt(8), True
        line.add_run(".").font.size = Pt(11)
    signed = tmp_path / "ky-hieu.docx"
    hand_made(initials).save(str(signed))
    assert check_docx(signed) == []


def test_the_command_reports_by_severity_with_a_count_and_in_json(tmp_path: Path) -> None:
    bad = tmp_path / "sai.docx"
    hand_made(_margin).save(str(bad))
    result = CliRunner().invoke(main, ["check", str(bad)])
    assert result.exit_code == 1
    assert "lỗi: phần 1: Lề trái 25 mm" in result.stdout and "1 lỗi, 0 cảnh báo" in result.stdout
    result = CliRunner().invoke(main, ["check", "--format", "json", str(bad)])
    document = json.loads(result.stdout)["documents"][0]
    assert document["errors"] == 1 and document["findings"][0]["fix"] == "Đặt lề trái 30 mm."
    missing = CliRunner().invoke(main, ["check", str(tmp_path / "khong-co.docx")])
    assert missing.exit_code == 1 and "Không tìm thấy tệp Word" in missing.stderr


def _department(document: DocumentObject) -> None:
    """The header of a department: the parent body (regular) over the issuer (bold)."""
    paragraph(document, "ỦY BAN").runs[0].text = "UBND TỈNH ĐẮK LẮK"
    paragraph(document, "UBND TỈNH").runs[0].font.bold = False
    paragraph(document, "XÃ TÂN AN").runs[0].text = "SỞ NỘI VỤ"
    ind = paragraph(document, "SỞ NỘI VỤ")._p.getnext().find(qn("w:pPr")).find(qn("w:ind"))
    for side in ("w:left", "w:right"):  # a line of 13 mm: 1/3 to 1/2 of "SỞ NỘI VỤ"
        ind.set(qn(side), str(round(21.6 * 56.7)))


def test_a_department_header_has_a_regular_parent_line(tmp_path: Path) -> None:
    good, bad = tmp_path / "dung.docx", tmp_path / "sai.docx"
    hand_made(_department).save(str(good))
    assert check_docx(good) == []

    def bold_parent(document: DocumentObject) -> None:
        _department(document)
        paragraph(document, "UBND TỈNH").runs[0].font.bold = True

    hand_made(bold_parent).save(str(bad))
    [found] = check_docx(bad)
    assert "Tên cơ quan chủ quản: phải không in đậm" in found.message


def _in_a_text_box(document: DocumentObject) -> None:
    """The Quốc hiệu and Tiêu ngữ moved into a text box (VML, as older Word and many
    hand-made headers have it), anchored in the right header cell."""
    national, motto = paragraph(document, "CỘNG HÒA"), paragraph(document, "Độc lập")
    vml = 'xmlns:v="urn:schemas-microsoft-com:vml"'
    box = parse_xml(f'<w:r {nsdecls("w")} {vml}><w:pict><v:shape style="width:280pt;'
                    'height:40pt"><v:textbox><w:txbxContent/></v:textbox></v:shape>'
                    '</w:pict></w:r>')
    content = box.find(".//" + qn("w:txbxContent"))
    anchor = national._p.getparent().add_p()
    national._p.addprevious(anchor)
    anchor.append(box)
    underline = motto._p.getnext()  # the Tiêu ngữ's underline goes with it
    for moved in (national._p, motto._p, underline):
        content.append(moved)


def test_a_header_in_a_text_box_is_read(tmp_path: Path) -> None:
    good, bad = tmp_path / "dung.docx", tmp_path / "sai.docx"
    hand_made(_in_a_text_box).save(str(good))
    assert check_docx(good) == []

    def large(document: DocumentObject) -> None:
        _in_a_text_box(document)
        set_run("CỘNG", size=15)(document)

    hand_made(large).save(str(bad))
    [found] = check_docx(bad)
    assert "Quốc hiệu: cỡ chữ 15" in found.message


def test_text_in_content_controls_is_read(tmp_path: Path) -> None:
    def in_a_control(document: DocumentObject) -> None:
        last = paragraph(document, "Các đơn vị triển")
        last.runs[0].text = "Các đơn vị triển khai."
        control = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
        last._p.addprevious(control)
        control.find(qn("w:sdtContent")).append(last._p)

    bad = tmp_path / "sai.docx"
    hand_made(in_a_control).save(str(bad))
    [found] = check_docx(bad)
    assert "./." in found.message


LINE_SHAPE = (
    '<w:r {ns} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0"'
    ' relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
    '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>720000'
    '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
    '</wp:posOffset></wp:positionV><wp:extent cx="2160000" cy="0"/><wp:wrapNone/>'
    '<wp:docPr id="9" name="Đường kẻ"/><a:graphic><a:graphicData'
    ' uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
    '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2160000" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="9525"><a:solidFill>'
    '<a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>'
    '</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')
"""A straight line as Word 2010 and later draw one (Insert > Shapes > Line), floating."""


def test_an_underline_drawn_as_a_shape_counts(tmp_path: Path) -> None:
    def shape(document: DocumentObject) -> None:
        underline = paragraph(document, "Độc lập")._p.getnext()
        underline.remove(underline.find(qn("w:pPr")))
        underline.append(parse_xml(LINE_SHAPE.format(ns=nsdecls("w"))))

    drawn = tmp_path / "hinh-ve.docx"
    hand_made(shape).save(str(drawn))
    assert check_docx(drawn) == []


def _summary_underline(indent_mm: float) -> Change:
    def change(document: DocumentObject) -> None:
        below = paragraph(document, "Triển khai")._p.getnext()
        ind = below.find(qn("w:pPr")).find(qn("w:ind"))
        for side in ("w:left", "w:right"):
            ind.set(qn(side), str(round(indent_mm * 56.7)))
    return change


@pytest.mark.parametrize(("indent", "how"), [(20, "quá dài"), (70, "quá ngắn")])
def test_an_underline_outside_a_third_to_half_of_its_line_is_reported_with_its_length(
        tmp_path: Path, indent: float, how: str) -> None:
    drawn = tmp_path / "duong-ke.docx"
    hand_made(_summary_underline(indent)).save(str(drawn))
    [found] = check_docx(drawn)
    assert found.id == "duong_ke.do_dai" and how in found.message
    length = f"{170 - 2 * indent - 10:g}"  # the text width (160 mm) less the two indents
    assert f"dài {length} mm" in found.message and "24,6–36,9 mm" in found.message


def test_an_underline_shape_is_held_to_the_same_length(tmp_path: Path) -> None:
    def long_shape(document: DocumentObject) -> None:
        below = paragraph(document, "Triển khai")._p.getnext()
        below.remove(below.find(qn("w:pPr")))
        below.append(parse_xml(LINE_SHAPE.format(ns=nsdecls("w"))))  # 60 mm

    drawn = tmp_path / "hinh-ve-dai.docx"
    hand_made(long_shape).save(str(drawn))
    [found] = check_docx(drawn)
    assert found.id == "duong_ke.do_dai" and "dài 60 mm, quá dài" in found.message


def test_a_real_issuer_underline_as_long_as_its_words_is_reported() -> None:
    real = Path(__file__).parent / "corpus/thong-bao/laocai-thong-bao-ket-luan-ubnd.docx"
    found = [f for f in check_docx(real) if f.id == "duong_ke.do_dai"]
    assert [f.message.split(",")[0] for f in found] == [
        "Đường kẻ dưới tên cơ quan ban hành dài 22"]


def test_sections_on_letter_paper_are_one_finding_with_their_margins(tmp_path: Path) -> None:
    def letter(document: DocumentObject) -> None:
        for section in document.sections:
            section.page_width, section.page_height = Mm(215.9), Mm(279.4)
            section.left_margin = section.right_margin = Mm(25.4)

    paper = tmp_path / "letter.docx"
    hand_made(letter).save(str(paper))
    [found] = check_docx(paper)
    assert found.id == "trang.kho_le" and found.where == "phần 1–2"
    assert found.message.startswith("Khổ giấy 215,9 × 279,4 mm, không phải A4")


def test_forms_the_decree_fixes_survive_odd_spacing_and_huge_numbers(tmp_path: Path) -> None:
    assert padded_date("Tân An, ngày  5 tháng\u00a01 năm 2024") == \
        "Tân An, ngày  05 tháng\u00a001 năm 2024"
    assert fixed_number("Số : 5 / KH - UBND") == "Số: 05/KH-UBND"
    assert fixed_number("Số: /KH-UBND") == "Số:       /KH-UBND"  # a draft keeps its blank

    def huge(document: DocumentObject) -> None:
        set_text("Số:", "Số: " + "1" * 5000 + "/KH-UBND")(document)
        set_text("Tân An", "Tân An, ngày " + "9" * 5000 + " tháng 4 năm 2024")(document)

    bad = tmp_path / "so-lon.docx"
    hand_made(huge).save(str(bad))
    assert [f.message[:20] for f in check_docx(bad)] == ["'Số: 111111111111111"]


def test_a_line_of_spaces_does_not_make_the_date_pattern_backtrack() -> None:
    line = ", ngày" + " " * 200_000 + "x"
    assert PLACE_DATE.search(line) is None  # linear: returns at once (was cubic)


def test_a_strict_open_xml_document_is_named_as_such(tmp_path: Path) -> None:
    good = tmp_path / "dung.docx"
    hand_made().save(str(good))
    strict = tmp_path / "strict.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(strict, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = data.replace(b"http://schemas.openxmlformats.org/wordprocessingml/"
                                    b"2006/main", b"http://purl.oclc.org/ooxml/"
                                    b"wordprocessingml/main")
            target.writestr(name, data)
    result = CliRunner().invoke(main, ["check", str(strict)])
    assert result.exit_code == 1 and "Strict Open XML" in result.stderr

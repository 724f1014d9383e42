"""The DOCX view: what a document shows, each case built from one line of XML.

A case is a body (and, where the case is about styles, a styles part) written as the XML
Word saves; :func:`view` zips it into the smallest package Word opens and reads it back.
The reader must resolve formatting the way Word does (direct formatting, then the run's
character style, then the paragraph style and the styles it is based on, then the document
defaults, a font possibly named by the theme), whoever saved the file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from generator.errors import KeHoachError
from generator.ooxml.view import DocxView, measure, read_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECLARE = (f'xmlns:w="{W_NS}" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
THEME = ('<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="t">'
         '<a:themeElements><a:fontScheme name="f"><a:majorFont><a:latin typeface="Cambria"/>'
         '</a:majorFont><a:minorFont><a:latin typeface="Calibri"/></a:minorFont>'
         '</a:fontScheme></a:themeElements></a:theme>')
A4 = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:bottom="1134" '
      'w:left="1701" w:right="850"/></w:sectPr>')


def package(body: str, styles: str = "", document_ns: str = W_NS,
            parts: dict[str, str] | None = None) -> bytes:
    """The smallest DOCX holding ``body`` (and ``styles``, the inside of ``w:styles``);
    ``document_ns``: the namespace of the document and its body (Word's usual, or Strict);
    ``parts``: more parts by name (headers, their relationships, settings)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in (parts or {}).items():
            archive.writestr(name, text)
        archive.writestr("word/document.xml",
                         f'<d:document xmlns:d="{document_ns}" {DECLARE}><d:body>{body}'
                         "</d:body></d:document>")
        archive.writestr("word/styles.xml", f"<w:styles {DECLARE}>{styles}</w:styles>")
        archive.writestr("word/theme/theme1.xml", THEME)
    return out.getvalue()


def view(body: str, styles: str = "") -> DocxView:
    return read_docx(Path("ke-hoach.docx"), package(body, styles))


def only_run(body: str, styles: str = "") -> tuple[object, ...]:
    run = view(body, styles).paragraphs[0].runs[0]
    return run.font, run.size, run.bold, run.italic, run.underline, run.caps


# --- a run's formatting ---------------------------------------------------------------

def test_direct_formatting_of_a_run_is_read_in_points() -> None:
    body = ('<w:p><w:r><w:rPr><w:rFonts w:ascii="Times New Roman"/><w:b/><w:i/><w:u w:val='
            '"single"/><w:sz w:val="28"/></w:rPr><w:t>KẾ HOẠCH</w:t></w:r></w:p>')
    assert only_run(body) == ("Times New Roman", 14.0, True, True, True, False)


def test_a_run_without_formatting_takes_the_document_defaults() -> None:
    styles = ('<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"/>'
              '<w:sz w:val="26"/></w:rPr></w:rPrDefault></w:docDefaults>')
    assert only_run("<w:p><w:r><w:t>a</w:t></w:r></w:p>", styles)[:2] == ("Times New Roman",
                                                                          13.0)


def test_the_paragraph_style_chain_gives_what_the_run_does_not_say() -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="Base"><w:rPr><w:b/><w:sz w:val="24"/>'
              '</w:rPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:basedOn '
              'w:val="Base"/><w:rPr><w:sz w:val="30"/></w:rPr></w:style>')
    body = '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>'
    assert only_run(body, styles)[1:3] == (15.0, True)


def test_a_character_style_comes_before_the_paragraph_style() -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="P"><w:rPr><w:i/></w:rPr></w:style>'
              '<w:style w:type="character" w:styleId="Plain"><w:rPr><w:i w:val="0"/></w:rPr>'
              '</w:style>')
    body = ('<w:p><w:pPr><w:pStyle w:val="P"/></w:pPr><w:r><w:rPr><w:rStyle w:val="Plain"/>'
            '</w:rPr><w:t>a</w:t></w:r></w:p>')
    assert only_run(body, styles)[3] is False


def test_bold_turned_off_by_the_run_wins_over_a_bold_style() -> None:
    styles = '<w:style w:type="paragraph" w:styleId="B"><w:rPr><w:b/></w:rPr></w:style>'
    body = ('<w:p><w:pPr><w:pStyle w:val="B"/></w:pPr><w:r><w:rPr><w:b w:val="false"/>'
            '</w:rPr><w:t>a</w:t></w:r></w:p>')
    assert only_run(body, styles)[2] is False


def test_a_theme_font_is_the_theme_s_typeface() -> None:
    body = ('<w:p><w:r><w:rPr><w:rFonts w:asciiTheme="majorHAnsi"/></w:rPr><w:t>a</w:t></w:r>'
            '</w:p>')
    assert only_run(body)[0] == "Cambria"


def test_the_default_paragraph_style_applies_to_a_paragraph_naming_none() -> None:
    styles = ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val='
              '"Normal"/><w:rPr><w:sz w:val="28"/></w:rPr></w:style>')
    paragraph = view("<w:p><w:r><w:t>a</w:t></w:r></w:p>", styles).paragraphs[0]
    assert (paragraph.style, paragraph.runs[0].size) == ("Normal", 14.0)


def test_a_style_based_on_itself_is_read_once_not_forever() -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/><w:rPr><w:b/>'
              '</w:rPr></w:style>')
    body = '<w:p><w:pPr><w:pStyle w:val="A"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>'
    assert only_run(body, styles)[2] is True


def test_capitals_show_in_upper_case_whatever_was_typed() -> None:
    body = '<w:p><w:r><w:rPr><w:caps/></w:rPr><w:t>Kế hoạch</w:t></w:r></w:p>'
    paragraph = view(body).paragraphs[0]
    assert (paragraph.text, paragraph.shown) == ("Kế hoạch", "KẾ HOẠCH")


def test_tabs_and_line_breaks_read_as_text() -> None:
    body = '<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>'
    assert view(body).paragraphs[0].text == "a\tb\nc"


# --- tables: what their style says ---------------------------------------------------

TABLE_GRID = ('<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
              '<w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0"/><w:jc w:val='
              '"center"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi='
              '"Times New Roman"/><w:sz w:val="26"/></w:rPr></w:style>'
              '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val='
              '"Normal Table"/><w:rPr><w:sz w:val="40"/></w:rPr></w:style>')
CALIBRI_DEFAULTS = ('<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi"/>'
                    '<w:sz w:val="22"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing '
                    'w:after="200"/></w:pPr></w:pPrDefault></w:docDefaults>')


def in_table(paragraph: str, style: str = "TableGrid") -> str:
    props = f'<w:tblPr><w:tblStyle w:val="{style}"/></w:tblPr>' if style else ""
    return f"<w:tbl>{props}<w:tr><w:tc>{paragraph}</w:tc></w:tr></w:tbl>"


def test_a_table_grid_setting_times_new_roman_is_not_read_as_the_default_calibri() -> None:
    read = view(in_table("<w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t></w:r></w:p>"),
                CALIBRI_DEFAULTS + TABLE_GRID)
    paragraph = read.paragraphs[0]
    assert (paragraph.runs[0].font, paragraph.runs[0].size) == ("Times New Roman", 13.0)
    assert paragraph.alignment == "center"
    assert paragraph.layout is not None and paragraph.layout.after == 0.0


def test_outside_a_table_the_table_style_says_nothing() -> None:
    run = view("<w:p><w:r><w:t>a</w:t></w:r></w:p>", CALIBRI_DEFAULTS + TABLE_GRID) \
        .paragraphs[0].runs[0]
    assert (run.font, run.size) == ("Calibri", 11.0)


def test_the_paragraph_style_and_the_run_win_over_the_table_style() -> None:
    styles = CALIBRI_DEFAULTS + TABLE_GRID + (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:rPr><w:rFonts w:ascii=".VnTime"/><w:sz w:val="28"/></w:rPr></w:style>')
    body = in_table('<w:p><w:r><w:t>a</w:t></w:r><w:r><w:rPr><w:sz w:val="24"/></w:rPr>'
                    '<w:t>b</w:t></w:r></w:p>')
    runs = view(body, styles).paragraphs[0].runs
    assert [(r.font, r.size) for r in runs] == [(".VnTime", 14.0), (".VnTime", 12.0)]


def test_word_s_twelve_point_normal_gives_way_to_the_table_style_s_size() -> None:
    styles = TABLE_GRID + ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
                           '<w:name w:val="Normal"/><w:rPr><w:sz w:val="24"/></w:rPr>'
                           '<w:pPr><w:jc w:val="left"/></w:pPr></w:style>')
    paragraph = view(in_table("<w:p><w:r><w:t>a</w:t></w:r></w:p>"), styles).paragraphs[0]
    assert (paragraph.runs[0].size, paragraph.alignment) == (13.0, "center")
    settings = (f'<w:settings {DECLARE}><w:compat><w:compatSetting w:name="overrideTableStyle'
                'FontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" '
                'w:val="1"/></w:compat></w:settings>')
    standard = read_docx(Path("a.docx"), package(in_table("<w:p><w:r><w:t>a</w:t></w:r></w:p>"),
                                                 styles, parts={"word/settings.xml": settings}))
    assert (standard.paragraphs[0].runs[0].size, standard.paragraphs[0].alignment) == \
        (12.0, "left")


def test_word_s_normal_table_style_is_ignored_as_word_ignores_it() -> None:
    run = view(in_table("<w:p><w:r><w:t>a</w:t></w:r></w:p>", style=""),
               CALIBRI_DEFAULTS + TABLE_GRID).paragraphs[0].runs[0]
    assert run.size == 11.0


def test_a_superscript_shows_smaller_than_its_size() -> None:
    body = ('<w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="28"/></w:rPr>'
            '<w:t>____</w:t></w:r></w:p>')
    run = view(body).paragraphs[0].runs[0]
    assert (run.size, run.vertical, run.shown_size) == (14.0, "superscript", 9.3)


# --- a paragraph's layout -------------------------------------------------------------

def test_a_first_line_indent_and_spacing_are_read_in_points() -> None:
    body = ('<w:p><w:pPr><w:ind w:firstLine="567"/><w:spacing w:before="120" w:after="0" '
            'w:line="360" w:lineRule="auto"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>')
    layout = view(body).paragraphs[0].layout
    assert layout is not None
    assert (layout.first_line, layout.before, layout.after) == (28.35, 6.0, 0.0)
    assert (layout.line, layout.line_rule) == (1.5, "auto")


def test_a_hanging_indent_is_a_negative_first_line() -> None:
    body = '<w:p><w:pPr><w:ind w:hanging="240"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>'
    layout = view(body).paragraphs[0].layout
    assert layout is not None and layout.first_line == -12.0


def test_an_indent_written_with_its_unit_is_read_in_points() -> None:
    body = '<w:p><w:pPr><w:ind w:firstLine="1cm"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>'
    layout = view(body).paragraphs[0].layout
    assert layout is not None and layout.first_line == pytest.approx(28.35, abs=0.01)


def test_the_style_s_indent_applies_where_the_paragraph_says_none() -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="Body"><w:pPr><w:ind w:firstLine="720"/>'
              '<w:jc w:val="both"/></w:pPr></w:style>')
    body = '<w:p><w:pPr><w:pStyle w:val="Body"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>'
    paragraph = view(body, styles).paragraphs[0]
    assert paragraph.layout is not None and paragraph.layout.first_line == 36.0
    assert paragraph.alignment == "both"


def test_a_bottom_border_draws_a_rule() -> None:
    body = ('<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4"/></w:pBdr></w:pPr></w:p>'
            '<w:p><w:r><w:t>a</w:t></w:r></w:p>')
    assert [p.draws_a_rule for p in view(body).paragraphs] == [True, False]


# --- where a paragraph sits -----------------------------------------------------------

def test_a_content_control_s_paragraphs_are_read_in_the_body() -> None:
    body = ('<w:sdt><w:sdtContent><w:p><w:r><w:t>trong</w:t></w:r></w:p></w:sdtContent>'
            '</w:sdt><w:p><w:r><w:t>sau</w:t></w:r></w:p>')
    assert [p.text for p in view(body).paragraphs] == ["trong", "sau"]


def test_a_text_box_is_read_after_its_anchor_and_its_fallback_never() -> None:
    box = '<w:txbxContent><w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent>'
    body = (f'<w:p><w:r><w:t>neo</w:t></w:r><w:r><mc:AlternateContent><mc:Choice '
            f'Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice><mc:Fallback><w:pict>'
            f'{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    paragraphs = view(body).paragraphs
    assert [(p.text, p.in_text_box) for p in paragraphs] == [("neo", False), ("hộp", True)]


def test_table_cells_are_numbered_in_reading_order() -> None:
    cell = '<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>'
    body = f'<w:tbl><w:tr>{cell.format("a")}{cell.format("b")}</w:tr></w:tbl>'
    read = view(body)
    assert [(p.text, p.table, p.cell) for p in read.paragraphs] == [("a", 0, 0), ("b", 0, 1)]
    assert read.body_order == [("tbl", 0)]


# --- sections -------------------------------------------------------------------------

def test_a_section_s_page_and_margins_are_read_in_millimetres() -> None:
    section = view(f"<w:p/>{A4}").sections[0]
    assert (section.width_mm, section.height_mm) == (210.0, 297.0)
    assert section.margins_mm == {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 15.0}


def test_a_section_ending_at_a_paragraph_starts_the_next() -> None:
    body = (f'<w:p><w:pPr>{A4}</w:pPr></w:p><w:p><w:r><w:t>phụ lục</w:t></w:r></w:p>'
            '<w:sectPr><w:pgSz w:w="16838" w:h="11906"/><w:pgNumType w:start="1"/>'
            '<w:titlePg/></w:sectPr>')
    read = view(body)
    assert [p.section for p in read.paragraphs] == [0, 1]
    assert [(s.width_mm, s.number_restart, s.title_page) for s in read.sections] == [
        (210.0, False, False), (297.0, True, True)]


RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="{n}" Type="http://schemas.openxmlformats.org/officeDocument'
                  f'/2006/relationships/header" Target="header-{n}.xml"/>'
                  for n in ("plain", "numbered", "vntime")) + "</Relationships>")
HEADERS = {
    "word/header-plain.xml": f"<w:hdr {DECLARE}><w:p/></w:hdr>",
    "word/header-numbered.xml": (f'<w:hdr {DECLARE}><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
                          '<w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>'
                          '</w:p></w:hdr>'),
    "word/header-vntime.xml": (f'<w:hdr {DECLARE}><w:p><w:r><w:fldChar w:fldCharType='
                        '"begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r>'
                        '<w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:rFonts w:ascii='
                        '".VnTime"/><w:sz w:val="26"/></w:rPr><w:t>2</w:t></w:r><w:r><w:fldChar '
                        'w:fldCharType="end"/></w:r></w:p></w:hdr>'),
    "word/_rels/document.xml.rels": RELS,
}


def headed(references: str, even_and_odd: bool = False) -> DocxView:
    settings = f'<w:settings {DECLARE}>{"<w:evenAndOddHeaders/>" if even_and_odd else ""}' \
               '</w:settings>'
    body = f'<w:p/><w:sectPr>{references}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    return read_docx(Path("a.docx"), package(body, parts={**HEADERS,
                                                          "word/settings.xml": settings}))


def reference(kind: str, ident: str) -> str:
    return f'<w:headerReference w:type="{kind}" r:id="{ident}"/>'


def test_a_first_page_header_with_a_page_number_shows_it_on_the_first_page() -> None:
    section = headed(reference("default", "numbered") + reference("first", "numbered")
                     + "<w:titlePg/>").sections[0]
    assert (section.header_has_page_field, section.title_page,
            section.first_page_field) == (True, True, True)
    hidden = headed(reference("default", "numbered") + reference("first", "plain")
                    + "<w:titlePg/>").sections[0]
    assert hidden.first_page_field is False


def test_even_pages_show_their_own_header_only_when_the_settings_say_so() -> None:
    refs = reference("default", "numbered") + reference("even", "plain")
    assert headed(refs, even_and_odd=True).sections[0].even_page_field is False
    assert headed(refs).sections[0].even_page_field is None


def test_the_page_number_s_font_is_the_font_of_the_number_shown() -> None:
    section = headed(reference("default", "vntime")).sections[0]
    assert (section.page_number_font, section.page_number_size) == (".VnTime", 13.0)


# --- measures and refusals ------------------------------------------------------------

@pytest.mark.parametrize(("value", "per_point", "points"), [
    ("28", 2, 14.0), ("567", 20, 28.35), ("12pt", 2, 12.0), ("1in", 20, 72.0),
    ("-240", 20, -12.0), ("auto", 20, None), (None, 20, None)])
def test_a_measure_is_read_in_points(value: str | None, per_point: int,
                                     points: float | None) -> None:
    found = measure(value, per_point)
    assert found == (pytest.approx(points) if points is not None else None)


def test_a_strict_open_xml_document_is_refused_with_how_to_save_it() -> None:
    data = package("", document_ns="http://purl.oclc.org/ooxml/wordprocessingml/main")
    with pytest.raises(KeHoachError, match="Strict Open XML"):
        read_docx(Path("ke-hoach.docx"), data)


def test_a_file_that_is_not_a_package_is_the_clerk_s_to_replace() -> None:
    with pytest.raises(KeHoachError, match="Không đọc được tệp Word"):
        read_docx(Path("ke-hoach.docx"), b"not a zip")


def test_a_yaml_plan_given_to_check_is_pointed_at_validate() -> None:
    with pytest.raises(KeHoachError, match="kehoach validate"):
        read_docx(Path("ke-hoach.yaml"), b"ten: x\n")

"""The built DOCX read back: page setup, fonts, header table, rules, sections, tables.

Built once from ``tests/fixtures/valid/day-du.yaml``, a plan that uses every layout
feature (parent-body line, footnotes, merged headers, task tables, landscape appendices).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.shared import Mm

from generator.ooxml.fragments import TWIPS_PER_MM
from generator.ooxml.ns import W
from generator.reference import load_reference
from generator.render.measure import text_width_mm
from tests.conftest import FIXTURES, build_docx
from tests.helpers.docx_reading import document_text, footnote_texts, paragraph_text, part_xml

FONT = "Times New Roman"
FONTS = load_reference().font_metrics


def mm(*lengths: Any) -> tuple[int, ...]:
    """Lengths in whole millimetres (page sizes are stored in twips, rounded)."""
    return tuple(round(length / Mm(1)) for length in lengths)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx")
    path = build_docx(FIXTURES / "valid" / "day-du.yaml", out)
    return path


def test_sections_have_a4_pages_margins_and_restart_numbering(built: Path) -> None:
    sections = Document(str(built)).sections
    assert len(sections) == 5  # the plan, then one per appendix
    main, *appendices = sections
    assert mm(main.page_width, main.page_height) == (210, 297)
    assert mm(main.top_margin, main.bottom_margin) == (20, 20)
    assert mm(main.left_margin, main.right_margin) == (30, 20)
    assert mm(main.header_distance) == (10,)
    assert [mm(s.page_width, s.page_height) for s in appendices] == [
        (297, 210), (297, 210), (210, 297), (297, 210)]
    assert [s.orientation for s in appendices] == [1, 1, 0, 1]
    for section in sections:
        assert section.different_first_page_header_footer
    sect_prs = [s._sectPr for s in appendices]
    assert all(sp.find(f"{W}pgNumType").get(f"{W}start") == "1" for sp in sect_prs)
    assert main._sectPr.find(f"{W}pgNumType") is None


def test_page_number_is_a_field_in_the_header_hidden_on_page_one(built: Path) -> None:
    section = Document(str(built)).sections[0]
    header = section.header._element
    instructions = [t.text for t in header.iter(f"{W}instrText")]
    assert [i.strip() for i in instructions] == ["PAGE"]
    assert header.find(f".//{W}pPr/{W}pStyle").get(f"{W}val") == "KHSotrang"
    assert not list(section.first_page_header._element.iter(f"{W}instrText"))


def test_times_new_roman_in_every_slot_and_no_theme_fonts(built: Path) -> None:
    styles = part_xml(built, "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert defaults.get(f"{W}{slot}") == FONT
    for part in ("word/styles.xml", "word/document.xml"):
        for fonts in part_xml(built, part).iter(f"{W}rFonts"):
            assert not [a for a in fonts.attrib if "Theme" in a or "theme" in a]
            assert {fonts.get(f"{W}{s}") for s in ("ascii", "hAnsi", "eastAsia", "cs")} \
                <= {FONT, None}
    names = {s.get(f"{W}styleId") for s in styles.iter(f"{W}style")}
    assert not {n for n in names if n.startswith(("Heading", "List", "Title"))}


@pytest.mark.parametrize(("style", "size", "bold", "italic"), [
    ("KH Quoc hieu", 13, True, False), ("KH Tieu ngu", 14, True, False),
    ("KH Co quan", 13, True, False), ("KH Co quan chu quan", 13, False, False),
    ("KH So", 13, False, False), ("KH Dia danh ngay", 14, False, True),
    ("KH Ten loai", 14, True, False), ("KH Trich yeu", 14, True, False),
    ("KH Noi dung", 14, False, False), ("KH Tham quyen", 14, True, False),
    ("KH Ho ten", 14, True, False), ("KH Noi nhan tieu de", 12, True, True),
    ("KH Noi nhan", 11, False, False), ("KH Phu luc so", 14, True, False),
    ("KH Kem theo", 14, False, True), ("KH So trang", 13, False, False),
])
def test_style_sizes_and_emphasis_follow_the_decree(built: Path, style: str, size: int,
                                                    bold: bool, italic: bool) -> None:
    font = Document(str(built)).styles[style].font
    assert font.size.pt == size
    assert bool(font.bold) is bold
    assert bool(font.italic) is italic


def test_header_table_puts_number_and_date_on_one_row(built: Path) -> None:
    document = Document(str(built))
    table = document.tables[0]
    assert table._tbl.getparent() is document.element.body
    assert [round(c.width / 36000) for c in table.columns] == [60, 100]
    left, right = table.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["UBND TỈNH ĐẮK LẮK", "SỞ NỘI VỤ"]
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    number, date = (c.text for c in table.rows[1].cells)
    assert number == "Số: 05/KH-SNV"
    assert date == "Đắk Lắk, ngày 06 tháng 01 năm 2025"
    assert table._tbl.tblPr.find(f"{W}tblBorders") is None


def _rules(built: Path) -> list[tuple[float, float]]:
    """(available width, rule length) in mm of every drawn rule paragraph."""
    out = []
    for p in Document(str(built)).element.body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is None or style.get(f"{W}val") != "KHDuongke":
            continue
        ind = p.find(f"{W}pPr/{W}ind")
        cell = p.getparent()
        width = int(cell.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) / TWIPS_PER_MM \
            if cell.tag == f"{W}tc" else 160.0
        out.append((width, width - 2 * int(ind.get(f"{W}left")) / TWIPS_PER_MM))
    return out


def test_rules_are_drawn_borders_of_the_right_length(built: Path) -> None:
    styles = part_xml(built, "word/styles.xml")
    rule = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "KHDuongke")
    bottom = rule.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert bottom.get(f"{W}val") == "single" and 4 <= int(bottom.get(f"{W}sz")) <= 6
    issuer, motto, title, *appendix_rules = _rules(built)
    assert motto[1] == pytest.approx(text_width_mm(FONTS, "Độc lập - Tự do - Hạnh phúc", 14, True),
                                     abs=0.5)
    assert motto[1] == pytest.approx(60, abs=2)
    name = text_width_mm(FONTS, "SỞ NỘI VỤ", 13, True)
    assert name / 3 <= issuer[1] <= name / 2
    assert 10 < title[1] < 160 / 2
    assert len(appendix_rules) == 4


def test_text_is_printed_exactly_as_written(built: Path) -> None:
    text = document_text(built)
    assert 'Thử & kiểm tra <mọi> "tính năng" trình bày {{ x }}' in text
    assert "tab:\tvà {% if %} & <b>." in text
    assert "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện" in text
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;" in text


def test_footnotes_are_real_word_footnotes(built: Path) -> None:
    assert footnote_texts(built) == [
        "Kế hoạch số 61/KH-UBND ngày 28/12/2022; công văn số 06/CV-UBND.",
        "Chú thích thứ hai."]
    refs = list(part_xml(built, "word/document.xml").iter(f"{W}footnoteReference"))
    assert [r.get(f"{W}id") for r in refs] == ["1", "2"]
    settings = part_xml(built, "word/settings.xml")
    assert settings.find(f"{W}footnotePr") is not None


def test_numbering_is_computed_and_body_ends_with_the_closing_mark(built: Path) -> None:
    texts = [paragraph_text(p) for p in Document(str(built)).element.body.iter(f"{W}p")]
    for expected in ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Công an xã: Chủ trì, phối hợp",
                     "2.1. Thường xuyên theo dõi", "a) Mục chữ", "II. NHIỆM VỤ",
                     "1. Rà soát thủ tục", "- Đơn vị chủ trì: Văn phòng Sở.",
                     "- Thời gian hoàn thành: Từ 06/01/2025 đến 31/12/2025.", "+ Ý con một"):
        assert expected in texts
    assert "Trên đây là Kế hoạch./." in texts
    assert texts.index("Trên đây là Kế hoạch./.") < texts.index("Nơi nhận:")


def test_signature_and_recipients(built: Path) -> None:
    texts = [paragraph_text(p) for p in Document(str(built)).element.body.iter(f"{W}p")]
    start = texts.index("Nơi nhận:")
    assert texts[start + 1: start + 5] == ["Gửi bản điện tử:", "- UBND tỉnh (b/c);",
                                          "- Các phòng thuộc Sở;", "- Lưu: VT, VP."]
    assert texts[start + 5: start + 7] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert "Nguyễn Văn A" in texts


def test_appendix_tables_repeat_headers_merge_cells_and_fix_widths(built: Path) -> None:
    document = Document(str(built))
    table = document.tables[2]  # header table, signature table, then Phụ lục I
    tbl = table._tbl
    assert tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    grid = [round(int(c.get(f"{W}w")) / TWIPS_PER_MM) for c in tbl.tblGrid]
    assert grid == [12, 75, 40, 40, 40, 40]
    rows = tbl.findall(f"{W}tr")
    headers = [r for r in rows if r.find(f"{W}trPr/{W}tblHeader") is not None]
    assert len(headers) == 2
    assert [int(s.get(f"{W}val")) for s in rows[0].iter(f"{W}gridSpan")] == [2, 2]
    assert len(list(rows[0].iter(f"{W}vMerge"))) == 2
    assert all(tc.find(f"{W}tcPr/{W}tcW") is not None for tc in tbl.iter(f"{W}tc"))
    first_column = [paragraph_text(r.find(f"{W}tc")) for r in rows[2:]]
    assert first_column == ["I", "1", "2", "II", "1"]


def test_appendix_heading_lines(built: Path) -> None:
    texts = [paragraph_text(p) for p in Document(str(built)).element.body.iter(f"{W}p")]
    start = texts.index("Phụ lục I")
    assert texts[start: start + 4] == [
        "Phụ lục I", "GIAO CHỈ TIÊU", "NĂM 2025",
        "(Kèm theo Kế hoạch số 05/KH-SNV ngày 06 tháng 01 năm 2025 của Sở Nội vụ tỉnh Đắk Lắk)"]
    assert "Phụ lục II" in texts and "Phụ lục III" in texts


SEED_EXAMPLES = {
    # stem: (orientation of each appendix, footnotes, last body paragraph)
    "ia-ake-2024": ([1], 1, "khai thực hiện./."),
    "dak-nong-2022": ([], 0, "điều chỉnh, bổ sung cho phù hợp và kịp thời./."),
    "bac-kan-2022": ([0, 1], 0, "trên địa bàn thành phố Bắc Kạn./."),
}


@pytest.mark.parametrize("stem", sorted(SEED_EXAMPLES))
def test_seed_examples_build_with_the_official_layout(stem: str, tmp_path: Path) -> None:
    orientations, footnotes, ending = SEED_EXAMPLES[stem]
    path = build_docx(FIXTURES.parent.parent / "data" / "examples" / f"{stem}.yaml", tmp_path)
    document = Document(str(path))
    main, *appendices = document.sections
    assert mm(main.page_width, main.page_height) == (210, 297)
    assert [s.orientation for s in appendices] == orientations
    assert len(footnote_texts(path)) == footnotes
    texts = [paragraph_text(p) for p in document.element.body.iter(f"{W}p")]
    closing = texts.index("Nơi nhận:") - 1
    while not texts[closing].strip():
        closing -= 1
    assert texts[closing].endswith(ending)
    assert document.tables[0].rows[1].cells[0].text.startswith("Số: ")


def test_property_elements_follow_the_schema_order(built: Path) -> None:
    """Word rejects a file whose pPr/tblPr/trPr/tcPr/sectPr children are out of order."""
    from generator.ooxml.tree import SCHEMA_ORDER, SECT_ORDER

    orders = {**SCHEMA_ORDER, "sectPr": SECT_ORDER}
    for part in ("word/document.xml", "word/styles.xml"):
        for element in part_xml(built, part).iter():
            name = element.tag.rsplit("}", 1)[-1]
            if name not in orders or not element.tag.startswith(W):
                continue
            ranks = [orders[name].index(child.tag.rsplit("}", 1)[-1]) for child in element
                     if child.tag.rsplit("}", 1)[-1] in orders[name]]
            assert ranks == sorted(ranks), f"{part}: {name} children out of order"
    settings = [c.tag.rsplit("}", 1)[-1] for c in part_xml(built, "word/settings.xml")]
    assert settings.index("footnotePr") < settings.index("compat")


def _build(tmp_path: Path, **keys: Any) -> Any:
    """A plan made in code, built to DOCX and read back."""
    from generator.reference import load_reference
    from generator.render import RenderOptions
    from generator.render.docx import render_docx
    from tests.helpers.builders import resolved

    docx = tmp_path / "p.docx"
    docx.write_bytes(render_docx(resolved(**keys), RenderOptions(load_reference().font_metrics)))
    return Document(str(docx))


def _table_appendix(rows: list[Any], **table: Any) -> list[dict[str, Any]]:
    spec = {"cot": [{"rong": 30}, {"rong": 100}], "dau_bang": [["A", "B"]], "dong": rows,
            **table}
    return [{"tieu_de": "Phụ lục", "noi_dung": ["Bảng sau:", {"bang": spec}]}]


def test_rows_stay_whole_unless_taller_than_a_page(tmp_path: Path) -> None:
    long_text = "chữ " * 3000  # far more than a page in a 100 mm column
    document = _build(tmp_path, phu_luc=_table_appendix([["1", "ngắn"], ["2", long_text]]))
    rows = document.tables[-1]._tbl.findall(f"{W}tr")
    can_split = [r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows]
    assert can_split == [True, True, False]


def test_the_paragraph_above_a_table_and_the_appendix_heading_keep_with_it(
        tmp_path: Path) -> None:
    document = _build(tmp_path, phu_luc=_table_appendix([["1", "x"]]))
    body = [p for p in document.element.body.iter(f"{W}p")]
    texts = [paragraph_text(p) for p in body]
    keeps = {t: p.find(f"{W}pPr/{W}keepNext") is not None for t, p in zip(texts, body,
                                                                          strict=True)}
    assert keeps["Bảng sau:"] and keeps["Phụ lục"] and keeps["PHỤ LỤC"]


def test_the_signature_block_never_stands_alone(tmp_path: Path) -> None:
    document = _build(tmp_path, loi_ket=["Đoạn kết một.", "Đoạn kết hai."])
    body = document.element.body
    signature = document.tables[-1]._tbl
    before = signature.getprevious()
    kept = []
    while before is not None and before.tag == f"{W}p" and len(kept) < 3:
        kept.append(before.find(f"{W}pPr/{W}keepNext") is not None)
        before = before.getprevious()
    assert kept == [True, True, True]  # the spacer and the last two body paragraphs
    assert body.index(signature) > 0


def test_cell_text_is_left_aligned_by_the_style_not_justified(tmp_path: Path) -> None:
    tasks = [{"noi_dung": "Rà soát " * 20, "chu_tri": "Văn phòng"}]
    document = _build(tmp_path, nhiem_vu=tasks, phu_luc=[{"tieu_de": "P", "noi_dung": [
        {"bang_nhiem_vu": {"cot": ["noi_dung", "chu_tri"]}}]}])
    row = document.tables[-1]._tbl.findall(f"{W}tr")[1]
    aligns = [p.find(f"{W}pPr/{W}jc") for p in row.iter(f"{W}p")]
    assert aligns[0] is not None and aligns[0].get(f"{W}val") == "center"  # STT
    assert aligns[1:] == [None, None]


def test_default_widths_follow_the_columns_content(tmp_path: Path) -> None:
    tasks = [{"noi_dung": "Triển khai đồng bộ các giải pháp nâng cao chất lượng " * 3,
              "chu_tri": "Văn phòng", "thoi_gian": "Quý I"}]
    document = _build(tmp_path, nhiem_vu=tasks, phu_luc=[{"tieu_de": "P", "noi_dung": [
        {"bang_nhiem_vu": {"cot": ["noi_dung", "chu_tri", "thoi_gian"]}}]}])
    grid = [int(c.get(f"{W}w")) / TWIPS_PER_MM
            for c in document.tables[-1]._tbl.tblGrid.findall(f"{W}gridCol")]
    stt, content, lead, time = grid
    assert stt == pytest.approx(12, abs=0.1)
    assert content > lead and content > time
    assert sum(grid) == pytest.approx(160, abs=0.2)
    assert lead >= text_width_mm(FONTS, "Văn phòng", 12)  # short cells stay on one line


def test_the_rule_under_the_attached_line_keeps_clear_of_it(built: Path) -> None:
    body = list(Document(str(built)).element.body.iter(f"{W}p"))
    for i, p in enumerate(body):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") == "KHDuongke" and i and \
                body[i - 1].find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "KHKemtheo":
            assert int(p.find(f"{W}pPr/{W}spacing").get(f"{W}before")) >= 60


def test_line_breaks_and_tabs_in_header_values_are_words_own(tmp_path: Path) -> None:
    document = _build(tmp_path, trich_yeu="Dòng một\nDòng\thai & <ba>")
    title = next(p for p in document.element.body.iter(f"{W}p")
                 if "Dòng một" in paragraph_text(p))
    assert paragraph_text(title) == "Dòng một\nDòng\thai & <ba>"
    assert title.find(f".//{W}br") is not None and title.find(f".//{W}tab") is not None

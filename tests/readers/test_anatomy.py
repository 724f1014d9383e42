"""A plan's anatomy found in any DOCX: each part recognised from a few lines of Word's XML,
the way a reviewer finds it, typing faults in the fixed lines kept to be reported."""

from __future__ import annotations

from collections.abc import Sequence

from generator.ooxml.view import Paragraph
from generator.readers.anatomy import (
    CONG_VAN,
    Anatomy,
    plain,
    recognise,
    type_by_number,
)
from tests.helpers.small_docx import A4, view


def p(text: str, *, bold: bool = False, center: bool = False) -> str:
    """One paragraph of one run; a line break where ``text`` has "\\n"."""
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    pieces = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>'
                            for line in text.split("\n"))
    return f"<w:p>{ppr}<w:r>{rpr}{pieces}</w:r></w:p>"


def table(*cells: str) -> str:
    """A one-row table, each cell holding the paragraphs given."""
    return "<w:tbl>" + "<w:tr>" + "".join(f"<w:tc>{c}</w:tc>" for c in cells) + \
        "</w:tr></w:tbl>"


HEADER = table(p("UBND HUYỆN PHÚ THIỆN") + p("ỦY BAN NHÂN DÂN", bold=True) +
               p("XÃ IA AKE", bold=True) + p("Số: 12/KH-UBND"),
               p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True) +
               p("Độc lập - Tự do - Hạnh phúc", bold=True) +
               p("Ia Ake, ngày 06 tháng 4 năm 2024"))
TITLE = p("KẾ HOẠCH", bold=True, center=True) + \
    p("Chuyển đổi số năm 2024", bold=True, center=True)
BODY = p("Căn cứ Luật Tổ chức chính quyền địa phương;") + p("I. MỤC ĐÍCH, YÊU CẦU") + \
    p("Các đơn vị triển khai thực hiện./.")
SIGNATURE = table(p("Nơi nhận:", bold=True) + p("- UBND huyện;") + p("- Lưu: VT."),
                  p("TM. ỦY BAN NHÂN DÂN", bold=True) + p("CHỦ TỊCH", bold=True) +
                  p("Nguyễn Văn An", bold=True))
APPENDIX = f"<w:p><w:pPr>{A4}</w:pPr></w:p>" + p("Phụ lục I", bold=True) + \
    p("CHỈ TIÊU NĂM 2024", bold=True) + p("(Kèm theo Kế hoạch số 12/KH-UBND)") + p("…") + A4
"""A second section (its own page setup) that starts "Phụ lục"."""


def anatomy(*parts: str) -> Anatomy:
    return recognise(view("".join(parts)))


def texts(paragraphs: Sequence[Paragraph]) -> list[str]:
    return [paragraph.text for paragraph in paragraphs]


def test_a_whole_plan_has_each_part_in_its_place() -> None:
    found = anatomy(HEADER, TITLE, BODY, SIGNATURE)
    assert found.kind is not None and found.kind.code == "KH"
    assert found.title is not None and found.title.text == "KẾ HOẠCH"
    assert found.parent_line is not None and found.parent_line.text == "UBND HUYỆN PHÚ THIỆN"
    assert texts(found.issuer) == ["ỦY BAN NHÂN DÂN", "XÃ IA AKE"]
    assert found.number_line is not None and found.number_line.text == "Số: 12/KH-UBND"
    assert found.place_date is not None and found.place_date.text.startswith("Ia Ake, ngày")
    assert found.national_title is not None and found.national_title.fault == ""
    assert found.motto_line is not None and found.motto_line.fault == ""
    assert texts(found.summary) == ["Chuyển đổi số năm 2024"]
    assert texts(found.body) == ["Căn cứ Luật Tổ chức chính quyền địa phương;",
                                 "I. MỤC ĐÍCH, YÊU CẦU", "Các đơn vị triển khai thực hiện./."]
    assert texts(found.recipients) == ["- UBND huyện;", "- Lưu: VT."]
    assert found.authority_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert found.signer_name == "Nguyễn Văn An"
    assert found.type_label == "Kế hoạch"


def test_two_lines_of_one_body_are_not_a_parent_and_its_issuer() -> None:
    found = anatomy(table(p("ỦY BAN NHÂN DÂN", bold=True) + p("TỈNH ĐẮK LẮK", bold=True) +
                          p("Số: 5/KH-UBND")), TITLE)
    assert found.parent_line is None
    assert texts(found.issuer) == ["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK LẮK"]


def test_a_quoc_hieu_with_a_wrong_tone_mark_is_found_with_its_fault() -> None:
    found = anatomy(p("CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), TITLE)
    assert found.national_title is not None
    assert found.national_title.fault == "CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_hoa_accented_the_old_way_is_no_fault() -> None:
    found = anatomy(p("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"), TITLE)
    assert found.national_title is not None and found.national_title.fault == ""


def test_a_motto_with_an_en_dash_reads_right_and_one_without_spaces_is_a_fault() -> None:
    right = anatomy(p("Độc lập \u2013 Tự do \u2013 Hạnh phúc"), TITLE).motto_line
    wrong = anatomy(p("Độc lập -Tự do - Hạnh Phúc"), TITLE).motto_line
    assert right is not None and right.fault == ""
    assert wrong is not None and wrong.fault == "Độc lập -Tự do - Hạnh Phúc"


def test_a_line_far_from_the_quoc_hieu_is_not_it() -> None:
    assert anatomy(p("CỘNG ĐỒNG DÂN CƯ THÔN 3 XÃ IA AKE"), TITLE).national_title is None


def test_recipients_typed_line_by_line_end_at_the_first_line_without_a_dash() -> None:
    found = anatomy(TITLE, BODY, p("Nơi nhận"), p("- Như trên;"), p(""), p("- Lưu: VT."),
                    p("Ghi chú"))
    assert found.recipients_fault == "Nơi nhận"
    assert texts(found.recipients) == ["- Như trên;", "- Lưu: VT."]


def test_a_cong_van_is_known_by_its_v_v_line_without_a_title() -> None:
    found = anatomy(table(p("ỦY BAN NHÂN DÂN") + p("Số: 123/UBND-VP") +
                          p("V/v báo cáo chuyển đổi số")),
                    p("Kính gửi: Các phòng, ban"), p("Ủy ban nhân dân xã đề nghị…./."))
    assert found.kind is CONG_VAN and found.title is None
    assert texts(found.subject) == ["V/v báo cáo chuyển đổi số"]
    assert texts(found.body) == ["Kính gửi: Các phòng, ban", "Ủy ban nhân dân xã đề nghị…./."]


def test_a_text_without_title_takes_its_type_from_the_numbers_code() -> None:
    kind = anatomy(p("Số: 12/TTr-SNV"), p("Nội dung")).kind
    assert kind is not None and kind.code == "TTr"
    assert type_by_number("Số: 123/UBND-NC") is CONG_VAN
    assert type_by_number("Kế hoạch 12") is None


def test_a_document_with_none_of_the_parts_leaves_them_empty() -> None:
    found = anatomy(p("Một dòng chữ."))
    assert (found.kind, found.title, found.issuer, found.body, found.signer_name) == \
        (None, None, [], [], "")
    assert found.type_label == "Văn bản"


def test_a_long_bold_run_under_the_title_is_body_not_summary() -> None:
    bold = "".join(p(f"Dòng đậm {n}", bold=True) for n in range(6))
    found = anatomy(TITLE.replace(p("Chuyển đổi số năm 2024", bold=True, center=True), ""),
                    bold)
    assert found.summary == [] and len(found.body) == 6


def test_an_appendix_section_has_its_label_title_and_attachment_line() -> None:
    found = anatomy(TITLE, BODY, SIGNATURE, APPENDIX)
    [appendix] = found.appendices
    assert appendix.label.text == "Phụ lục I"
    assert texts(appendix.title) == ["CHỈ TIÊU NĂM 2024"]
    assert appendix.attached is not None and appendix.attached.text.startswith("(Kèm theo")


def test_a_signature_typed_beside_the_recipients_after_a_tab_is_read() -> None:
    found = anatomy(TITLE, p("Thực hiện./."), p("Nơi nhận:\tCHỦ TỊCH"), p("- Lưu: VT."),
                    p("\tLê Thị Hoa"))
    assert found.authority_lines == ["CHỦ TỊCH"] and found.signer_name == "Lê Thị Hoa"


def test_lines_are_read_plainly() -> None:
    assert plain("Độc lập\u00a0\u2011 Tự  do") == "Độc lập - Tự do"
    assert plain("Hoà".replace("à", "a\u0300")) == "Hoà"

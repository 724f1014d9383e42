"""The header block read back: the number line's issuer code (``readers.header``)."""

from __future__ import annotations

from generator.readers.blocks import Line
from generator.readers.guesses import Notes
from generator.readers.header import recognise_header


def _code(number_line: str) -> tuple[str, list[str]]:
    notes = Notes()
    lines = [Line(text, text, "đoạn 1", bold=bold) for text, bold in
             (("ỦY BAN NHÂN DÂN", True), ("XÃ IA AKE", True), (number_line, False))]
    found = recognise_header(lines, notes)
    return found["co_quan"]["ky_hieu"], [text for _, text in notes.guesses]


def test_an_issuer_code_as_written_is_kept_without_a_note() -> None:
    code, guesses = _code("Số: 12/KH-VP-UBND")
    assert code == "VP-UBND"
    assert not any("ky_hieu" in text for text in guesses)


def test_an_ocr_slip_in_the_code_keeps_its_capitals_and_says_so() -> None:
    """Found by the fuzzer: "Số: /KH-UBNDa" imported as 'UBNDa', which validate refused."""
    code, guesses = _code("Số: /KH-UBNDa")
    assert code == "UBND"
    assert any("'UBNDa'" in text and "ky_hieu" in text for text in guesses)


def test_a_code_written_in_small_letters_is_read_in_capitals() -> None:
    code, guesses = _code("Số: 5/kh-ubnd")
    assert code == "UBND"
    assert any("'ubnd'" in text for text in guesses)


NOT_A_PLAN = [("ỦY BAN NHÂN DÂN", True), ("XÃ IA KE", True),
              ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True), ("Độc lập - Tự do - Hạnh phúc", True),
              ("Số: 12/UBND-VP", False), ("Ia Ke, ngày 10 tháng 3 năm 2025", False),
              ("V/v triển khai chuyển đổi số năm 2025", False),
              ("Kính gửi: Các thôn, làng trên địa bàn xã.", True),
              ("Thực hiện Kế hoạch số 15/KH-UBND ngày 01/3/2025 của UBND huyện về chuyển đổi "
               "số;", False), ("I. NỘI DUNG", True)]
"""A công văn: no title line "KẾ HOẠCH"; a bold "Kính gửi" line before the căn cứ."""


def test_a_header_with_no_title_line_ends_at_its_number_or_date() -> None:
    from generator.readers.header import header_lines

    blocks = [Line(text, text, f"đoạn {n}", bold=bold)
              for n, (text, bold) in enumerate(NOT_A_PLAN, start=1)]
    lines, at = header_lines(list(blocks))
    assert [line.plain for line in lines] == [text for text, _ in NOT_A_PLAN[:6]] and at == 6
    found = recognise_header(lines, Notes())
    assert found["so"] == 12 and found["co_quan"]["ten"] == ["ỦY BAN NHÂN DÂN", "XÃ IA KE"]


def test_a_paragraph_before_the_grounds_that_is_no_ground_stays_a_paragraph() -> None:
    """The bold first line of a document that is not a plan was read as a căn cứ whose verb
    was its first word ("Kính"), and the header's lines with it."""
    from generator.readers import interpret
    from generator.readers.blocks import View

    blocks = [Line(text, text, f"đoạn {n}", bold=bold)
              for n, (text, bold) in enumerate(NOT_A_PLAN, start=1)]
    found = interpret(View("cong-van.docx", list(blocks)))
    data = found.draft.data
    assert data["trich_yeu"] == "V/v triển khai chuyển đổi số năm 2025"
    assert [basis.get("dong_tu") for basis in data["can_cu"]] == ["Thực hiện"]
    assert data["phan"][0]["doan"] == ["Kính gửi: Các thôn, làng trên địa bàn xã."]
    assert any("Kính gửi" not in p and "đoạn 8" in p for p in found.notes.plain)


def test_a_summary_broken_over_two_lines_of_a_text_goes_on_in_small_letters() -> None:
    """A text (a PDF's) shows no bold: the summary's second line is known by its small first
    letter (Bắc Kạn's seed), not read as a căn cứ nor as a paragraph after them."""
    from generator.readers import interpret
    from generator.readers.blocks import View

    texts = ["ỦY BAN NHÂN DÂN", "Số: 12/KH-UBND", "Bắc Kạn, ngày 10 tháng 3 năm 2022",
             "KẾ HOẠCH", "Nâng cao chất lượng, hiệu quả cung cấp",
             "dịch vụ công trực tuyến trên địa bàn thành phố", "Căn cứ tình hình thực tế;",
             "I. MỤC ĐÍCH"]
    found = interpret(View("ke-hoach.txt", [Line(t, t, f"dòng {n}") for n, t in
                                            enumerate(texts, start=1)]))
    assert found.draft.data["trich_yeu"] == ("Nâng cao chất lượng, hiệu quả cung cấp\n"
                                             "dịch vụ công trực tuyến trên địa bàn thành phố")
    assert len(found.draft.data["can_cu"]) == 1


def test_a_header_line_typed_across_both_columns_is_read_as_its_two_parts() -> None:
    """Lâm Đồng's công văn 427: the header typed with tabs, one paragraph a row; read as one
    line, "CỘNG HÒA XÃ HỘI …" was taken for the issuer's second line."""
    from generator.readers.header import header_lines

    texts = ["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "TỈNH LÂM ĐỒNG Độc lập - Tự do - Hạnh phúc",
             "Số: /UBND-NC Lâm Đồng, ngày tháng 02 năm 2026", "V/v triển khai thực hiện"]
    lines, at = header_lines([Line(t, t, f"đoạn {n}", bold=n < 3)
                              for n, t in enumerate(texts, start=1)])
    assert at == 3
    found = recognise_header(lines, Notes())
    assert found["co_quan"]["ten"] == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"]
    assert found["co_quan"]["ky_hieu"] == "NC" and found["co_quan"]["dia_danh"] == "Lâm Đồng"
    assert found["ngay_ban_hanh"] == {"thang": 2, "nam": 2026}

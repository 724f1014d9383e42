"""Reading a list of units (CSV): Vietnamese or YAML headers; bad rows named by number."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.derive.spec import ChildSpec, read_children
from generator.errors import KeHoachError
from generator.reference import load_reference
from tests.helpers.encodings import misread, windows

REFERENCE = load_reference()


def test_headers_in_vietnamese_or_as_keys_and_any_delimiter(tmp_path: Path) -> None:
    listing = tmp_path / "ds.csv"
    listing.write_text("don_vi;cap;Người ký\nXã Ia Ake;xa;Vũ Tiến Sơn\n", encoding="utf-8-sig")
    specs, problems = read_children(listing, REFERENCE)
    assert specs == [(2, ChildSpec("Xã Ia Ake", "xa", signer="Vũ Tiến Sơn"))]
    assert problems == []


def test_bad_rows_are_reported_by_number_and_the_others_kept(tmp_path: Path) -> None:
    listing = tmp_path / "ds.csv"
    listing.write_text("Đơn vị,Cấp,Ngày\nXã A,xa\n,xa\n\nXã B,huyenn\nXã C,xa\n"
                       "Xã D,xa,06/04/2024\nXã E,xa,2024-02-30\n", encoding="utf-8")
    specs, problems = read_children(listing, REFERENCE)
    assert [(row, spec.unit) for row, spec in specs] == [(2, "Xã A"), (6, "Xã C"),
                                                         (7, "Xã D")]
    assert [(p.line, p.column, p.message) for p in problems] == [
        (3, 1, "Tên đơn vị trống (--don-vi hoặc cột 'Đơn vị')."),
        (5, 2, "Cấp 'huyenn' không có trong danh mục. Có phải ý bạn là 'huyen'? Ghi mã cấp "
         "hoặc tên cấp (Xã, Phường, Huyện…)."),
        (8, 3, "Ngày '2024-02-30' không có trên lịch: tháng 2 năm 2024 chỉ có 29 ngày.")]


def test_a_list_without_the_unit_column_cannot_be_read(tmp_path: Path) -> None:
    listing = tmp_path / "ds.csv"
    listing.write_text("Tên,Cấp\nXã A,xa\n", encoding="utf-8")
    with pytest.raises(KeHoachError) as caught:
        read_children(listing, REFERENCE)
    assert "cột 'Đơn vị'" in caught.value.diagnostics[0].message


@pytest.mark.parametrize(("text", "message"), [
    ("", "Danh sách đơn vị trống."),
    ("Đơn vị,Cấp\n", "Danh sách đơn vị chưa có đơn vị nào (chỉ có dòng tiêu đề)."),
    ("Đơn vị,Cấp,don_vi\nXã A,xa,Xã B\n", "Cột 'Đơn vị' có hai lần (Đơn vị, don_vi)."),
])
def test_a_list_with_nothing_to_derive_or_an_ambiguous_column_is_an_error(
        tmp_path: Path, text: str, message: str) -> None:
    listing = tmp_path / "ds.csv"
    listing.write_text(text, encoding="utf-8")
    with pytest.raises(KeHoachError) as caught:
        read_children(listing, REFERENCE)
    assert caught.value.diagnostics[0].message == message


def test_blank_lines_before_the_header_are_skipped(tmp_path: Path) -> None:
    listing = tmp_path / "ds.csv"
    listing.write_text("\n\nĐơn vị,Cấp\nXã A,xa\n", encoding="utf-8")
    specs, _ = read_children(listing, REFERENCE)
    assert specs == [(4, ChildSpec("Xã A", "xa"))]


def _read(tmp_path: Path, text: str) -> tuple[list[tuple[int, ChildSpec]], list[str]]:
    listing = tmp_path / "ds.csv"
    listing.write_text(text, encoding="utf-8")
    specs, problems = read_children(listing, REFERENCE)
    return specs, [f"{p.line}:{p.column}: {p.message}" for p in problems]


def test_a_ky_hieu_in_lowercase_or_with_words_is_an_error_at_its_column(tmp_path: Path) -> None:
    specs, problems = _read(tmp_path, "Đơn vị,Cấp,Ký hiệu\nXã Ia Ake,xa,ubnd\n"
                                      "Xã Ia Sol,xa,UBND XÃ\nXã Ayun Hạ,xa,UBND\n")
    assert [spec.unit for _, spec in specs] == ["Xã Ayun Hạ"]
    assert problems == [
        "2:3: Ký hiệu 'ubnd' chỉ gồm chữ in hoa không dấu (trừ Đ) và chữ số, nối bằng '-' hoặc "
        "'.': UBND, SNV, VP-UBND. Có phải ý bạn là 'UBND'?",
        "3:3: Ký hiệu 'UBND XÃ' chỉ gồm chữ in hoa không dấu (trừ Đ) và chữ số, nối bằng '-' "
        "hoặc '.': UBND, SNV, VP-UBND."]


def test_a_unit_name_with_a_300_letter_word_a_nul_or_markup_is_an_error_at_its_column(
        tmp_path: Path) -> None:
    word = "a" * 300
    specs, problems = _read(tmp_path, f"Đơn vị,Cấp,Người ký\nXã {word},xa,\nXã Ia\x00Ake,xa,\n"
                                      "Xã Ia Ake\\1,xa,\nXã A,xa,Vũ *Tiến* Sơn\nXã B,xa,\n")
    assert [spec.unit for _, spec in specs] == ["Xã B"]
    assert problems == [
        f"2:1: Đơn vị có một từ dài 300 chữ ('{'a' * 20}…'): không tên nào có từ dài hơn 30 "
        "chữ.",
        "3:1: Đơn vị: có ký tự điều khiển không hợp lệ (U+0000).",
        "4:1: Đơn vị 'Xã Ia Ake\\1' có ký tự \\: tên không có các ký tự này (trong kế hoạch "
        "chúng là ký hiệu định dạng).",
        "5:3: Người ký 'Vũ *Tiến* Sơn' có ký tự *: tên không có các ký tự này (trong kế hoạch "
        "chúng là ký hiệu định dạng)."]


def test_a_ky_hieu_holding_a_date_off_the_calendar_is_an_error_at_its_column(
        tmp_path: Path) -> None:
    """Found by the fuzzer in the issue 18 review: the ký hiệu '0000-0-0' has the form of a
    code (capitals, digits, '-'), so the draft was written, and its own check refused it as
    a date not on the calendar (a derived draft must validate). A code that is a real date
    is still a code."""
    specs, problems = _read(tmp_path, "Đơn vị,Cấp,Ký hiệu\nXã Ia Ake,xa,0000-0-0\n"
                                      "Xã Ia Sol,xa,2024-4-6\n")
    assert [spec.unit for _, spec in specs] == ["Xã Ia Sol"]
    assert problems == ["2:3: Ký hiệu: Ngày '0000-0-0' không có trên lịch: không có tháng 0 "
                        "(tháng từ 1 đến 12)."]


def test_a_unit_name_holding_a_date_off_the_calendar_is_an_error_at_its_column(
        tmp_path: Path) -> None:
    """Found by the fuzzer: a unit named '0/0/0000' was written into every line of its draft,
    which its own check then refused (the derived draft must validate)."""
    specs, problems = _read(tmp_path, "Đơn vị,Cấp,Địa danh\n0/0/0000,xa,\n"
                                      "Xã Ia Ake,xa,31/4/2024\nXã 2/9,xa,\n")
    assert [spec.unit for _, spec in specs] == ["Xã 2/9"]
    assert [p.split(": ", 1)[0] for p in problems] == ["2:1", "3:3"]
    assert "Ngày '0/0/0000' không có trên lịch" in problems[0]


def test_every_problem_of_a_row_is_reported_at_once(tmp_path: Path) -> None:
    _, problems = _read(tmp_path, "Đơn vị,Cấp,Ký hiệu,Ngày\nXã A,xaa,ubnd,31/02/2024\n")
    assert [p.split(":")[:2] for p in problems] == [["2", "2"], ["2", "3"], ["2", "4"]]


def test_excels_doubled_quotes_and_a_quoted_comma_are_read_as_excel_wrote_them(
        tmp_path: Path) -> None:
    specs, problems = _read(tmp_path, 'Đơn vị,Cấp,Địa danh\n"Xã ""Ia"" Ake",xa,Ia Ake\n'
                                      '"Xã Ia Sol, Phú Thiện",xa,Ia Sol\n')
    assert problems == []
    assert [(spec.unit, spec.place) for _, spec in specs] == [
        ('Xã "Ia" Ake', "Ia Ake"), ("Xã Ia Sol, Phú Thiện", "Ia Sol")]


def test_a_comma_outside_quotes_that_shifts_the_columns_is_an_error(tmp_path: Path) -> None:
    _, problems = _read(tmp_path, "Đơn vị,Cấp,Địa danh\nXã Ia Sol, Phú Thiện,xa,Ia Sol\n")
    assert problems == ["2:4: Dòng có 4 ô, nhiều hơn 3 cột của dòng tiêu đề."]


@pytest.mark.parametrize(("written", "key"), [
    ("Xã", "xa"), ("xã", "xa"), ("XÃ", "xa"), ("Phường", "xa"), ("Thị trấn", "xa"),
    ("Đặc khu", "xa"), ("Huyện", "huyen"), ("Quận", "huyen"), ("Thị xã", "huyen"),
    ("Tỉnh", "tinh"), ("Sở", "so"), ("huyen", "huyen"), (" xa ", "xa")])
def test_a_level_is_read_as_excel_users_write_it(tmp_path: Path, written: str,
                                                key: str) -> None:
    specs, problems = _read(tmp_path, f"Đơn vị,Cấp\nXã Ia Ake,{written}\n")
    assert problems == [] and specs[0][1].level == key


@pytest.mark.parametrize(("written", "iso"), [
    ("08/04/2024", "2024-04-08"), ("8/4/2024", "2024-04-08"), ("2024-04-08", "2024-04-08"),
    ("08.04.2024", "2024-04-08")])
def test_a_date_is_read_as_excel_writes_it_in_vietnam(tmp_path: Path, written: str,
                                                      iso: str) -> None:
    specs, problems = _read(tmp_path, f"Đơn vị,Cấp,Ngày\nXã Ia Ake,xa,{written}\n")
    assert problems == [] and specs[0][1].date == iso


@pytest.mark.parametrize(("written", "message"), [
    ("31/02/2024", "Ngày '31/02/2024' không có trên lịch: tháng 2 năm 2024 chỉ có 29 ngày."),
    ("05/13/2024", "Ngày '05/13/2024' không có trên lịch: không có tháng 13 (tháng từ 1 đến "
                   "12). Có lẽ tháng đã được viết trước ngày (kiểu Mỹ): ngày 13 tháng 5 viết "
                   "là 13/05/2024."),
    ("04/08/24", "Ngày '04/08/24' không đúng dạng ngày/tháng/năm (08/04/2024) hoặc "
                 "năm-tháng-ngày (2024-04-08)."),
    ("08/04/1024", "Năm 1024 của ngày '08/04/1024' không phải năm của một kế hoạch.")])
def test_a_date_not_on_the_calendar_or_in_no_form_is_an_error(tmp_path: Path, written: str,
                                                               message: str) -> None:
    _, problems = _read(tmp_path, f"Đơn vị,Cấp,Ngày\nXã Ia Ake,xa,{written}\n")
    assert problems == [f"2:3: {message}"]


def test_a_windows_1258_list_says_so_with_the_steps_to_save_it_as_csv_utf8(
        tmp_path: Path) -> None:
    listing = tmp_path / "ds.csv"
    listing.write_bytes(windows("Đơn vị,Cấp\nXã Ia Ake,Xã\n", "cp1258"))
    with pytest.raises(KeHoachError) as caught:
        read_children(listing, REFERENCE)
    [problem] = caught.value.diagnostics
    assert "Windows-1258" in problem.message and "dòng 1 là: “Đơn vị,Cấp”" in problem.message
    assert "'CSV UTF-8 (Comma delimited) (*.csv)'" in problem.hint


def test_a_list_mangled_by_a_program_that_read_it_as_windows_1252_is_named(
        tmp_path: Path) -> None:
    listing = tmp_path / "ds.csv"
    listing.write_text(misread("Đơn vị,Cấp\nXã Ia Ake,xa\n".encode(), "cp1252"),
                       encoding="utf-8")
    with pytest.raises(KeHoachError) as caught:
        read_children(listing, REFERENCE)
    assert "lẽ ra là “Đơn vị,Cấp”" in caught.value.diagnostics[0].message


def test_a_list_longer_than_the_stated_limit_is_refused_whole(tmp_path: Path) -> None:
    from generator.derive.spec import MAX_UNITS

    listing = tmp_path / "ds.csv"
    listing.write_text("Đơn vị,Cấp\n" + "".join(f"Xã {n},xa\n" for n in range(100_000)),
                       encoding="utf-8")
    with pytest.raises(KeHoachError) as caught:
        read_children(listing, REFERENCE)
    [problem] = caught.value.diagnostics
    assert MAX_UNITS == 1_000 and problem.line == 1_002
    assert problem.message == ("Danh sách có hơn 1.000 đơn vị (đến dòng 1002): chưa tạo kế "
                               "hoạch nào.")


def test_a_value_from_an_option_is_reported_with_the_option(tmp_path: Path) -> None:
    listing = tmp_path / "ds.csv"
    listing.write_text("Đơn vị,Cấp\nXã A,xa\nXã B,Thành phố\n", encoding="utf-8")
    _, problems = read_children(listing, REFERENCE, {"date": "31/02/2024"})
    assert [(p.line, p.column, p.message[:41]) for p in problems] == [
        (2, None, "--ngay: Ngày '31/02/2024' không có trên l"),
        (3, 2, "Cấp 'Thành phố' không có trong danh mục. "),
        (3, None, "--ngay: Ngày '31/02/2024' không có trên l")]
    assert "huyen (huyện, quận, thị xã, thành phố thuộc tỉnh)" in problems[1].message

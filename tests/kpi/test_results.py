"""Reading results files: every bad cell reported with sheet, row and column; never zero."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import KeHoachError
from generator.kpi.results import read_results
from generator.model import DataMapping

MAPPING = DataMapping.model_validate({
    "cot_don_vi": "Đơn vị",
    "chi_tieu": {"ho-so": {"tu_so": "Trực tuyến", "mau_so": "Tổng"},
                 "hai-long": {"gia_tri": "Hài lòng"}},
})


def csv_file(tmp_path: Path, *rows: str, sep: str = ",") -> Path:
    path = tmp_path / "ket-qua.csv"
    header = sep.join(["Đơn vị", "Tổng", "Trực tuyến", "Hài lòng"])
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_counts_and_values_are_read_exactly(tmp_path: Path) -> None:
    results = read_results(csv_file(tmp_path, "Xã A,155,150,\"96,5%\"",
                                    "Xã B;1.234;1.000;99.5".replace(";", ",")), MAPPING)
    assert not results.problems
    a = results.for_unit("xã a")
    assert a is not None and a["ho-so"].percent == Fraction(15000, 155)
    assert a["hai-long"].percent == Fraction(965, 10)
    b = results.for_unit("  Xã   B ")
    assert b is not None and (b["ho-so"].denominator, b["ho-so"].numerator) == (1234, 1000)


def test_semicolon_separated_files_are_read(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Xã A;10;5;90", sep=";")
    assert read_results(path, MAPPING).for_unit("Xã A") is not None


@pytest.mark.parametrize(("row", "message"), [
    ("Xã A,10,,90", "Ô trống (dòng 2, cột C (Trực tuyến))"),
    ("Xã A,mười,5,90", "'mười' không phải là số (dòng 2, cột B (Tổng))"),
    ("Xã A,10,5.5,90", "Số đếm phải là số nguyên (dòng 2, cột C (Trực tuyến))"),
    ("Xã A,10,12,90", "Tử số 12 lớn hơn mẫu số 10"),
    ("Xã A,10,-1,90", "Số âm không hợp lệ"),
    (",10,5,90", "Ô tên đơn vị trống"),
    ("Xã A,1e999999999,5,90", "'1e999999999' không phải là số"),  # never made exact
    ("Xã A,10000000000000000,5,90", "'10000000000000000' quá lớn"),
    ('Xã A,"1.000.000.000.000.000.000",5,90', "'1.000.000.000.000.000.000' quá lớn"),
    # Python makes no whole number of more than 4,300 digits from text (it was exit 2)
    pytest.param("Xã A," + "9" * 5000 + ",5,90",
                 "'99999999999999999999…' (5.000 ký tự) quá lớn (dòng 2, cột B (Tổng))",
                 id="a count of 5000 digits"),
    pytest.param('Xã A,"1' + ".000" * 2000 + '",5,90',
                 "'1.000.000.000.000.00…' (8.001 ký tự) quá lớn", id="a count of 2000 groups"),
    pytest.param("Xã A,10,5," + "9" * 5000, "(5.000 ký tự) quá lớn (dòng 2, cột D (Hài lòng))",
                 id="a ratio of 5000 digits"),
    pytest.param("Xã A,10,5,x" + "9" * 5000,
                 "'x9999999999999999999…' (5.001 ký tự) không phải là số", id="long text"),
])
def test_bad_cells_are_reported_with_their_place(tmp_path: Path, row: str,
                                                  message: str) -> None:
    problems = read_results(csv_file(tmp_path, row), MAPPING).problems
    assert len(problems) == 1
    assert message in problems[0].message
    assert problems[0].line == 2


def test_missing_columns_name_what_the_file_has(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Đơn vị,Tổng\nXã A,1\n", encoding="utf-8")
    [problem] = read_results(path, MAPPING).problems
    assert "'Trực tuyến'" in problem.message and "Đơn vị, Tổng" in problem.hint


def test_xlsx_sheets_and_percent_formatted_cells(tmp_path: Path) -> None:
    path = tmp_path / "ket-qua.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    sheet.append(["Đơn vị", "Tổng", "Trực tuyến", "Hài lòng"])
    sheet.append(["Xã A", 20, 15, 0.965])
    sheet["D2"].number_format = "0.0%"
    sheet.append(["Xã B", 0, 0, 1])
    book.save(path)
    mapping = MAPPING.model_copy(update={"sheet": "Số liệu"})
    results = read_results(path, mapping)
    assert not results.errors()
    a, b = results.for_unit("Xã A"), results.for_unit("Xã B")
    assert a and a["hai-long"].percent == Fraction(965, 10)
    assert b and b["ho-so"].percent is None  # 0/0: no ratio, not 0%
    assert b["hai-long"].percent == 100  # a plain 1 among percent cells: Excel's 100%
    with pytest.raises(KeHoachError) as info:
        read_results(path, mapping.model_copy(update={"sheet": "Khác"}))
    assert "Số liệu" in info.value.diagnostics[0].hint


def test_xlsx_problems_name_the_sheet(tmp_path: Path) -> None:
    path = tmp_path / "k.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "T1"
    book.active.append(["Đơn vị", "Tổng", "Trực tuyến", "Hài lòng"])
    book.active.append(["Xã A", 20, "?", 90])
    book.save(path)
    [problem] = read_results(path, MAPPING).problems
    assert "trang 'T1', dòng 2, cột C (Trực tuyến)" in problem.message


def test_vietnamese_and_machine_decimals_are_both_read(tmp_path: Path) -> None:
    results = read_results(csv_file(tmp_path, 'Xã A,"1.234","1.000","97,5"', "Xã B,10,5,99.5",
                                    'Xã C,10,5,"1,2,3"'), MAPPING)
    a, b = results.for_unit("Xã A"), results.for_unit("Xã B")
    assert a and a["hai-long"].percent == Fraction(975, 10)
    assert (a["ho-so"].denominator, a["ho-so"].numerator) == (1234, 1000)
    assert b and b["hai-long"].percent == Fraction(995, 10)
    [problem] = results.problems
    assert "'1,2,3' không phải là số" in problem.message


def _errors(path: Path, mapping: DataMapping = MAPPING) -> list[str]:
    return [f"{d.line}:{d.column}: {d.message}" for d in read_results(path, mapping).errors()]


def test_a_unit_twice_names_both_rows(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Xã A,10,5,90", "Xã B,10,5,90", "xã  A,20,10,95",
                    "Phòng Văn hoá,1,1,1", "Phòng Văn hóa,1,1,1")
    assert _errors(path) == [
        "4:1: Đơn vị 'xã  A' ở dòng 4 trùng với 'Xã A' ở dòng 2 (một đơn vị, viết khác nhau).",
        "6:1: Đơn vị 'Phòng Văn hóa' ở dòng 6 trùng với 'Phòng Văn hoá' ở dòng 5 (một đơn vị, "
        "viết khác nhau)."]
    path.write_text("Đơn vị,Tổng,Trực tuyến,Hài lòng\nXã A,1,1,90\nXã A,1,1,90\n", encoding="utf-8")
    [problem] = read_results(path, MAPPING).problems
    assert problem.message == "Đơn vị 'Xã A' có hai dòng: dòng 2 và dòng 3."
    assert problem.hint == "Mỗi đơn vị một dòng: xóa hoặc gộp một trong hai dòng."


def test_a_heading_the_plan_reads_twice_names_both_columns(tmp_path: Path) -> None:
    path = tmp_path / "kq.csv"
    path.write_text("Đơn vị,Tổng,Ghi chú,Trực tuyến,Hài lòng,Ghi chú,tổng\nXã A,1,,1,1,,2\n",
                    encoding="utf-8")
    assert _errors(path) == [
        "1:7: Cột 'Tổng' có nhiều lần ở dòng tiêu đề 1: cột B và cột G."]  # 'Ghi chú': unread


def test_a_ratio_column_of_fractions_is_read_as_percentages_and_said_once(
        tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Xã A,10,5,0.967", "Xã B,10,5,1", 'Xã C,10,5,"0,5"',
                    "Xã D,10,5,0")
    results = read_results(path, MAPPING)
    [warning] = results.problems
    assert (warning.severity.value, warning.line, warning.column) == ("cảnh báo", 1, 4)
    assert warning.message == ("Cột 'Hài lòng' ghi tỷ lệ dạng số thập phân (mọi số đều ≤ 1, "
                               "như 0,967): đã đọc 0,967 là 96,7%.")
    shown = {u: results.for_unit(u)["hai-long"].percent  # type: ignore[index]
             for u in ("Xã A", "Xã B", "Xã C", "Xã D")}
    assert shown == {"Xã A": Fraction(967, 10), "Xã B": 100, "Xã C": 50, "Xã D": 0}


def test_a_ratio_column_is_judged_whole_not_cell_by_cell(tmp_path: Path) -> None:
    # One figure above 1 makes the column percentages: 0,5 is then 0,5%.
    results = read_results(csv_file(tmp_path, "Xã A,10,5,96.5", "Xã B,10,5,0.5",
                                    "Xã C,10,5,0"), MAPPING)
    assert not results.problems
    b = results.for_unit("Xã B")
    assert b and b["hai-long"].percent == Fraction(1, 2)
    # Zeros alone are zero either way: nothing to say.
    assert not read_results(csv_file(tmp_path, "Xã A,10,5,0"), MAPPING).problems


def test_a_ratio_above_100_percent_is_an_error(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Xã A,10,5,967", 'Xã B,10,5,"96,7%"')
    [problem] = read_results(path, MAPPING).problems
    assert problem.message == "Tỷ lệ 967% lớn hơn 100% (dòng 2, cột D (Hài lòng))."
    assert "'gia_tri'" in problem.hint
    book_path = tmp_path / "kq.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Đơn vị", "Tổng", "Trực tuyến", "Hài lòng"])
    book.active.append(["Xã A", 10, 5, 9.67])
    book.active["D2"].number_format = "0%"
    book.save(book_path)
    assert _errors(book_path) == ["2:4: Tỷ lệ 967% lớn hơn 100% (trang 'Sheet', dòng 2, "
                                  "cột D (Hài lòng))."]


def test_formulas_never_calculated_are_not_called_empty(tmp_path: Path) -> None:
    path = tmp_path / "kq.xlsx"
    book = openpyxl.Workbook()  # openpyxl writes formulas without their results, as portals do
    sheet = book.active
    sheet.append(["Đơn vị", "Tổng", "Trực tuyến", "Hài lòng"])
    sheet.append(["Xã A", "=5+5", 5, 90])
    sheet.append(['="Xã "&"B"', 10, None, 90])
    book.save(path)
    problems = read_results(path, MAPPING).errors()
    assert [(p.line, p.column, p.message) for p in problems] == [
        (2, 2, "Ô có công thức chưa được tính (trang 'Sheet', dòng 2, cột B (Tổng))."),
        (3, 1, "Ô có công thức chưa được tính (trang 'Sheet', dòng 3, cột A (Đơn vị)).")]
    assert all("mở tệp trong Excel và lưu lại" in p.hint for p in problems)
    book.active["C3"] = 5
    book.active["B2"] = 10
    book.active["A3"] = "Xã B"
    book.active["D3"] = None
    book.save(path)
    [problem] = read_results(path, MAPPING).errors()
    assert problem.message.startswith("Ô trống (")  # a blank cell is still blank


def test_excel_errors_in_cells_are_named(tmp_path: Path) -> None:
    path = tmp_path / "kq.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Đơn vị", "Tổng", "Trực tuyến", "Hài lòng"])
    book.active.append(["Xã A", 10, 5, "#DIV/0!"])
    book.save(path)
    assert _errors(path) == ["2:4: Ô báo lỗi công thức #DIV/0! (trang 'Sheet', dòng 2, cột D "
                             "(Hài lòng))."]


def test_an_empty_first_sheet_is_named_with_the_others(tmp_path: Path) -> None:
    path = tmp_path / "kq.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Bìa"
    data = book.create_sheet("Số liệu")
    data.append(["Đơn vị", "Tổng", "Trực tuyến", "Hài lòng"])
    data.append(["Xã A", 10, 5, 90])
    book.create_sheet("Ghi chú")
    book.save(path)
    [problem] = read_results(path, MAPPING).problems
    assert problem.message == "Trang tính đầu tiên 'Bìa' trống."
    assert problem.hint == ("Các trang khác: 'Số liệu', 'Ghi chú'. Ghi trang cần đọc vào "
                            "'du_lieu.trang', ví dụ: trang: Số liệu")
    assert read_results(path, MAPPING.model_copy(update={"sheet": "Số liệu"})).for_unit("Xã A")
    [problem] = read_results(path, MAPPING.model_copy(update={"sheet": "Ghi chú"})).problems
    assert problem.message == "Trang tính 'Ghi chú' trống."


@pytest.mark.parametrize(("text", "header_row", "message"), [
    ("", 1, "Tệp số liệu trống."),
    ("Đơn vị,Tổng\n", 3, "Tệp số liệu chỉ có 1 dòng, không có dòng tiêu đề 3."),
    ("Báo cáo\n\nĐơn vị,Tổng,Trực tuyến,Hài lòng\n", 2, "Dòng tiêu đề 2 trống."),
    ("Đơn vị,Tổng,Trực tuyến,Hài lòng\n", 1, "Tệp số liệu không có dòng dữ liệu nào."),
])
def test_a_file_with_nothing_to_read_says_why(tmp_path: Path, text: str, header_row: int,
                                              message: str) -> None:
    path = tmp_path / "kq.csv"
    path.write_text(text, encoding="utf-8")
    mapping = MAPPING.model_copy(update={"header_row": header_row})
    [problem] = read_results(path, mapping).problems
    assert problem.message == message


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(['"', ",", ";", "\t", "\n", "\r", "\x00", "%", "-", "1", "0,5",
                                 "\ufeff", "#DIV/0!", "1e9", "Xã A", "Đơn vị", "Hài lòng",
                                 "Tổng", "Trực tuyến", "\udcff"]), max_size=40),
       st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_any_text_is_read_or_refused_in_vietnamese(pieces: list[str], suffix: str) -> None:
    """Whatever a text file holds, reading it never fails with a bug (exit 2)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"kq{suffix}"
        path.write_bytes("".join(pieces).encode("utf-8", "surrogateescape"))
        try:
            read_results(path, MAPPING)
        except KeHoachError as exc:
            assert exc.diagnostics

"""Reading results files: every bad cell reported with sheet, row and column; never zero."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

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
    assert not results.problems
    a, b = results.for_unit("Xã A"), results.for_unit("Xã B")
    assert a and a["hai-long"].percent == Fraction(965, 10)
    assert b and b["ho-so"].percent is None  # 0/0: no ratio, not 0%
    with pytest.raises(KeHoachError) as info:
        read_results(path, mapping.model_copy(update={"sheet": "Khác"}))
    assert "Số liệu" in info.value.diagnostics[0].hint


def test_xlsx_problems_name_the_sheet(tmp_path: Path) -> None:
    path = tmp_path / "k.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "T1"
    book.active.append(["Đơn vị", "Tổng", "Trực tuyến", "Hài lòng"])
    book.active.append(["Xã A", 20, "?", 1])
    book.save(path)
    [problem] = read_results(path, MAPPING).problems
    assert "trang 'T1', dòng 2, cột C (Trực tuyến)" in problem.message


def test_vietnamese_and_machine_decimals_are_both_read(tmp_path: Path) -> None:
    results = read_results(csv_file(tmp_path, 'Xã A,10,5,"1.234,5"', "Xã B,10,5,99.5",
                                    'Xã C,10,5,"1,2,3"'), MAPPING)
    a, b = results.for_unit("Xã A"), results.for_unit("Xã B")
    assert a and a["hai-long"].percent == Fraction(12345, 10)
    assert b and b["hai-long"].percent == Fraction(995, 10)
    [problem] = results.problems
    assert "'1,2,3' không phải là số" in problem.message

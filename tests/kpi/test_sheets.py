"""Opening results files: recognised by their bytes, within limits, CSV as Excel writes it."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.chart import BarChart

from generator.csvfile import detect_delimiter
from generator.errors import KeHoachError
from generator.kpi.sheets import LIMITS, Limits, open_sheet

HEADER = ["Đơn vị", "Tổng", "Trực tuyến", "Hài lòng"]


def rows(path: Path, sheet: str | None = None, limits: Limits = LIMITS) -> list[list[str]]:
    return [[value for value, _ in row] for row in open_sheet(path, sheet, limits).rows]


def refused(path: Path, sheet: str | None = None, limits: Limits = LIMITS) -> str:
    """The message (and hint) a file is refused with; it must be one diagnostic."""
    with pytest.raises(KeHoachError) as info:
        rows(path, sheet, limits)
    [problem] = info.value.diagnostics
    assert problem.file == str(path)
    return f"{problem.message} | {problem.hint}"


def workbook(path: Path, *lines: list[object]) -> Path:
    book = openpyxl.Workbook()
    for line in lines:
        book.active.append(line)
    book.save(path)
    return path


# --- CSV as Excel writes it ---------------------------------------------------------------


def test_a_quoted_name_with_commas_and_doubled_quotes_is_read_exactly(tmp_path: Path) -> None:
    path = tmp_path / "kq.csv"
    path.write_text(",".join(HEADER) + '\n"Xã A, ""B""",10,5,"96,5"\n', encoding="utf-8")
    assert rows(path)[1] == ['Xã A, "B"', "10", "5", "96,5"]


def test_the_delimiter_is_told_by_every_row_of_the_sample_not_the_header(
        tmp_path: Path) -> None:
    # The header holds a comma; data rows hold decimal commas: only ';' splits them all alike.
    path = tmp_path / "kq.csv"
    path.write_text('Đơn vị;"Tổng, cả năm";Trực tuyến;Hài lòng\n'
                    "Xã A;10;5;96,5\nXã B;20;10;97,25\n", encoding="utf-8-sig")
    assert rows(path)[2] == ["Xã B", "20", "10", "97,25"]
    assert detect_delimiter("a,b\n1,2\n") == ","
    assert detect_delimiter("a\tb\n1,5\t2\n") == "\t"
    assert detect_delimiter("one column only\n") == ","


def test_excel_unicode_text_is_read_by_its_bom(tmp_path: Path) -> None:
    path = tmp_path / "kq.txt"
    path.write_bytes("\t".join(HEADER).encode("utf-16") +
                     "\r\nXã Ia Ake\t10\t5\t90\r\n".encode("utf-16-le"))
    assert rows(path)[1] == ["Xã Ia Ake", "10", "5", "90"]


def test_another_encoding_is_named_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "kq.csv"
    path.write_bytes(",".join(HEADER).encode("utf-8") + "\nĐông Anh,1,1,1\n".encode("cp1258"))
    assert refused(path).startswith("Tệp CSV không ở bảng mã UTF-8 (dòng 2 có byte 0xD0 "
                                    "không đọc được): có lẽ được lưu bằng bảng mã "
                                    "Windows-1258")
    path.write_bytes("Đơn vị,Tổng".encode("utf-16-le"))  # UTF-16 without its BOM
    assert "có byte 0" in refused(path)


def test_a_broken_quote_is_located(tmp_path: Path) -> None:
    path = tmp_path / "kq.csv"
    path.write_text(",".join(HEADER) + '\nXã A,10,5,90\nXã "B",1,1,1\n"Xã C"x,1,1,1\n',
                    encoding="utf-8")
    assert refused(path).startswith("Tệp CSV sai dấu ngoặc kép ở dòng 4.")


# --- what a file is, whatever its name ----------------------------------------------------


def test_a_csv_named_xlsx_and_a_workbook_named_csv_are_read_and_named(tmp_path: Path) -> None:
    text = tmp_path / "kq.xlsx"
    text.write_text(",".join(HEADER) + "\nXã A,10,5,90\n", encoding="utf-8")
    sheet = open_sheet(text, None)
    assert [v for v, _ in next(sheet.rows)] == HEADER
    [note] = sheet.notes
    assert note.message == "Tệp có đuôi .xlsx nhưng là văn bản CSV: đã đọc theo nội dung."
    assert note.hint == "Đổi tên tệp thành kq.csv cho khỏi nhầm."
    book = workbook(tmp_path / "kq.csv", HEADER, ["Xã A", 10, 5, 90])
    sheet = open_sheet(book, None)
    assert list(next(sheet.rows)) == [(h, "General") for h in HEADER]
    assert "là sổ làm việc Excel (.xlsx)" in sheet.notes[0].message


def test_old_xls_html_and_other_zips_are_named(tmp_path: Path) -> None:
    old = tmp_path / "kq.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert refused(old).startswith("Tệp là bảng tính Excel 97–2003 (.xls)")
    html = tmp_path / "bao-cao.xls"
    html.write_text("<html><body><table><tr><td>Đơn vị</td></tr></table></body></html>",
                    encoding="utf-8")
    assert refused(html).startswith("Tệp là trang HTML hoặc XML")
    for inside, what in [("word/document.xml", "văn bản Word"), ("content.xml", "OpenDocument")]:
        other = tmp_path / "kq.xlsx"
        with zipfile.ZipFile(other, "w") as archive:
            archive.writestr(inside, "<x/>")
        assert what in refused(other)
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(100))
    assert "nhưng bị hỏng" in refused(broken)
    assert refused(tmp_path / "kq.pdf").startswith("Tệp số liệu phải là .xlsx hoặc .csv.")
    assert refused(tmp_path / "khong-co.csv").startswith("Không tìm thấy tệp số liệu.")
    (tmp_path / "thu-muc.csv").mkdir()
    assert "là một thư mục" in refused(tmp_path / "thu-muc.csv")


def test_a_damaged_sheet_is_the_files_fault(tmp_path: Path) -> None:
    path = workbook(tmp_path / "kq.xlsx", HEADER, ["Xã A", 10, 5, 90])
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    assert refused(path).startswith("Sổ làm việc bị hỏng hoặc không do Excel tạo")


# --- sheets ---------------------------------------------------------------------------------


def test_a_wrong_stated_size_does_not_hide_rows(tmp_path: Path) -> None:
    path = workbook(tmp_path / "kq.xlsx", HEADER, ["Xã A", 10, 5, 90], ["Xã B", 20, 10, 95])
    _rewrite(path, "xl/worksheets/sheet1.xml",
             lambda xml: xml.replace(b'<dimension ref="A1:D3"/>', b'<dimension ref="A1"/>'))
    assert [row[0] for row in rows(path)] == ["Đơn vị", "Xã A", "Xã B"]


def test_a_missing_or_chart_sheet_lists_the_sheets(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Số liệu"
    book.create_chartsheet("Biểu đồ").add_chart(BarChart())
    book.save(tmp_path / "kq.xlsx")
    assert refused(tmp_path / "kq.xlsx", "Khác") == (
        "Trang tính 'Khác' không có trong tệp số liệu. | Các trang: Số liệu. Sửa "
        "'du_lieu.trang'.")
    assert refused(tmp_path / "kq.xlsx", "Biểu đồ").startswith(
        "Trang tính 'Biểu đồ' là trang biểu đồ, không có ô")


# --- limits ---------------------------------------------------------------------------------


def test_a_file_too_large_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "kq.csv"
    with path.open("wb") as stream:
        stream.truncate(21 * 1024 * 1024)  # sparse: nothing is written, stat says 21 MB
    assert refused(path).startswith("Tệp số liệu quá lớn (21 MB, tối đa 20 MB).")


def test_rows_cells_and_long_cells_stop_at_their_limit(tmp_path: Path) -> None:
    path = tmp_path / "kq.csv"
    path.write_text("\n".join(["a,b"] * 6) + "\n", encoding="utf-8")
    assert refused(path, limits=Limits(rows=5)).startswith(
        "Tệp số liệu có hơn 5 dòng, quá giới hạn.")
    assert refused(path, limits=Limits(cells=9)).startswith(
        "Tệp số liệu có hơn 9 ô (tính đến dòng 5), quá giới hạn.")
    path.write_text('a,b\n"' + "x" * 50 + "\n" * 3, encoding="utf-8")  # a quote never closed
    assert refused(path, limits=Limits(cell_chars=40)).startswith(
        "Một ô từ dòng 2 dài hơn 40 ký tự (giới hạn của một ô Excel). | Có thể một dấu "
        "ngoặc kép")
    book = workbook(tmp_path / "kq.xlsx", ["a", "b"], ["x" * 50, 1])
    assert refused(book, limits=Limits(cell_chars=40)).startswith(
        "Ô ở dòng 2, cột A dài hơn 40 ký tự")


def test_the_csv_field_limit_is_given_back(tmp_path: Path) -> None:
    before = csv.field_size_limit()
    path = tmp_path / "kq.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert rows(path, limits=Limits(cell_chars=10)) == [["a", "b"], ["1", "2"]]
    assert csv.field_size_limit() == before


def test_a_zip_bomb_is_refused_by_its_unpacked_size_parts_or_dtd(tmp_path: Path) -> None:
    path = workbook(tmp_path / "kq.xlsx", HEADER, ["Xã A", 10, 5, 90])
    assert "giải nén ra" in refused(path, limits=Limits(unpacked_bytes=1000))
    assert "có hơn 3 phần" in refused(path, limits=Limits(parts=3))
    _rewrite(path, "xl/workbook.xml", lambda xml: xml.replace(
        b"<workbook ", b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><workbook ', 1))
    assert "có khai báo DOCTYPE" in refused(path)


@pytest.mark.parametrize("before", [
    b"<!--" + b" " * 3000 + b"-->",  # the first 2 KB were all that was looked at
    b'<?mso-application progid="Excel.Sheet"?>' * 100,
    b"\n" * 5000,
], ids=["comment", "instructions", "blank lines"])
def test_a_dtd_is_found_after_whatever_comes_before_it(tmp_path: Path, before: bytes) -> None:
    path = workbook(tmp_path / "kq.xlsx", HEADER, ["Xã A", 10, 5, 90])
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(
        b"<worksheet ", before + b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><worksheet ', 1))
    assert "có khai báo DOCTYPE" in refused(path)


def test_a_dtd_in_a_utf16_part_is_found(tmp_path: Path) -> None:
    path = workbook(tmp_path / "kq.xlsx", HEADER, ["Xã A", 10, 5, 90])
    _rewrite(path, "xl/workbook.xml", lambda xml: xml.decode("utf-8").replace(
        "UTF-8", "UTF-16").replace("<workbook ", "<!--" + " " * 3000 + '--><!DOCTYPE x '
                                   '[<!ENTITY a "aaaaaaaaaa">]><workbook ', 1).encode("utf-16"))
    assert "có khai báo DOCTYPE" in refused(path)


def test_a_part_that_is_not_xml_is_a_damaged_workbook(tmp_path: Path) -> None:
    path = workbook(tmp_path / "kq.xlsx", HEADER, ["Xã A", 10, 5, 90])
    _rewrite(path, "xl/styles.xml", lambda xml: b"<?xml version='1.0'?><<")
    assert refused(path).startswith("Sổ làm việc bị hỏng")


class _Opened:
    """Every workbook ``open_sheet`` opens, to see that each is closed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from generator.kpi import sheets

        self.seen: list[Any] = []
        load = sheets._load

        def recorded(path: Path, limits: Any, *, data_only: bool) -> Any:
            self.seen.append(load(path, limits, data_only=data_only))
            return self.seen[-1]

        monkeypatch.setattr(sheets, "_load", recorded)

    def all_closed(self) -> bool:
        return bool(self.seen) and all(o.closed and o.stream.closed for o in self.seen)


def test_a_sheet_closed_before_its_first_row_closes_its_workbook(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = workbook(tmp_path / "kq.xlsx", HEADER, ["Xã A", 10, 5, 90])
    opened = _Opened(monkeypatch)
    with open_sheet(book, None) as sheet:
        assert sheet.name == "Sheet"
    assert opened.all_closed()
    sheet = open_sheet(book, None)
    sheet.rows.close()
    sheet.close()
    sheet.close()  # twice is harmless
    assert opened.all_closed()


def test_an_openpyxl_error_before_the_first_row_is_a_damaged_workbook_closed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """openpyxl's first calls on the sheet (the sheet, its size, its rows) were made outside
    the guard: whatever they raised was an internal error, the workbook left open."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    def broken(self: Any) -> None:
        raise ValueError("openpyxl: damaged dimension")

    book = workbook(tmp_path / "kq.xlsx", HEADER, ["Xã A", 10, 5, 90])
    opened = _Opened(monkeypatch)
    monkeypatch.setattr(ReadOnlyWorksheet, "reset_dimensions", broken)
    assert refused(book).startswith("Sổ làm việc bị hỏng hoặc không do Excel tạo")
    assert opened.all_closed()


def test_a_sheet_the_plan_does_not_have_closes_the_workbook(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = workbook(tmp_path / "kq.xlsx", HEADER, ["Xã A", 10, 5, 90])
    opened = _Opened(monkeypatch)
    assert "Trang tính 'Khác' không có" in refused(book, "Khác")
    assert opened.all_closed()


def _rewrite(path: Path, part: str, change: object) -> None:
    """Rewrite one part of a zip (the others copied as they are)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    assert part in parts, sorted(parts)
    parts[part] = change(parts[part])  # type: ignore[operator]
    _write_zip(path, parts)


def test_a_damaged_workbook_is_always_the_files_fault_never_a_bug(tmp_path: Path) -> None:
    """Parts of a workbook cut, overwritten and spliced: read, or refused in Vietnamese."""
    import random

    from generator.kpi.results import read_results
    from generator.model import DataMapping

    mapping = DataMapping.model_validate({"cot_don_vi": "Đơn vị",
                                          "chi_tieu": {"x": {"gia_tri": "Hài lòng"}}})
    source = workbook(tmp_path / "goc.xlsx", ["Đơn vị", "Hài lòng"], ["Xã A", 0.5],
                      ["Xã B", "=1/2"])
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    chance = random.Random(13)
    for case in range(60):
        name = chance.choice(sorted(parts))
        data = bytearray(parts[name])
        at = chance.randrange(len(data))
        if case % 3 == 0:
            data = data[:at]
        elif case % 3 == 1:
            data[at] = chance.randrange(256)
        else:
            data[at:at] = chance.choice([b"<", b'"', b' r="ZZ9"', b' t="s"', b"<v>99</v>"])
        path = tmp_path / f"hong-{case}.xlsx"
        _write_zip(path, {**parts, name: bytes(data)})
        try:
            read_results(path, mapping)
        except KeHoachError as exc:
            assert exc.diagnostics[0].message, name


def _write_zip(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_the_cell_limit_is_excels_one_constant_and_columns_are_named_as_excel_does() -> None:
    from generator.excel import EXCEL_CELL, column_letter

    assert LIMITS.cell_chars == EXCEL_CELL == 32_767
    assert [column_letter(n) for n in (1, 26, 27, 28, 16_384)] == ["A", "Z", "AA", "AB", "XFD"]

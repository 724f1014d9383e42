"""The one reader of the CSV files clerks give: Excel's dialect, rows counted while parsed,
encodings named with the steps to save the file right."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.csvfile import Kind, Limits, decoded, records
from generator.errors import KeHoachError
from tests.helpers.encodings import misread, windows

LIST = Kind("Danh sách đơn vị", "Bỏ các dòng không phải đơn vị.")


def _rows(text: str, limits: Limits | None = None) -> list[tuple[int, list[str]]]:
    return [(r.number, r.cells)
            for r in records(Path("ds.csv"), text, LIST, limits or Limits())]


def _refused(action: object) -> str:
    with pytest.raises(KeHoachError) as caught:
        action()  # type: ignore[operator]
    [problem] = caught.value.diagnostics
    return f"{problem.line}: {problem.message} | {problem.hint}"


def test_excels_doubled_quotes_and_quoted_commas_stay_in_their_cell() -> None:
    text = 'Đơn vị,Cấp,Địa danh\n"Xã ""Ia"" Ake",xa,Ia Ake\n"Xã Ia Sol, Phú Thiện",xa,"Ia\nSol"\n'
    assert _rows(text) == [(1, ["Đơn vị", "Cấp", "Địa danh"]),
                           (2, ['Xã "Ia" Ake', "xa", "Ia Ake"]),
                           (3, ["Xã Ia Sol, Phú Thiện", "xa", "Ia\nSol"])]


def test_a_data_file_of_commas_is_refused_by_its_width_before_the_row_is_built() -> None:
    # 19.9 MB of commas was one row of 20 million cells, 1.74 GB, before the cell limit spoke
    message = _refused(lambda: _rows("," * 2_000_000))
    assert message.startswith("1: Dòng 1 có hơn 16.384 ô (một trang tính Excel có nhiều nhất "
                               "16.384 cột): danh sách đơn vị không đọc được.")
    assert _refused(lambda: _rows('a,b\n' + '"",' * 40, Limits(columns=20))).startswith(
        "2: Dòng 2 có hơn 20 ô")
    assert _refused(lambda: _rows('a\n"x\ny",' + "," * 30, Limits(columns=20))).startswith(
        "2: Dòng 2 có hơn 20 ô")


def test_delimiters_inside_quoted_cells_are_not_counted_as_cells() -> None:
    text = f'Đơn vị,Ghi chú\nXã A,"{"," * 20_000}"\n"B""{";" * 10},{"," * 30}",x\n'
    assert [len(cells) for _, cells in _rows(text)] == [2, 2, 2]


def test_a_file_of_line_breaks_is_refused_at_excels_last_row() -> None:
    assert _refused(lambda: _rows("a,b\n" + "\n" * 200, Limits(rows=100))).startswith(
        "100: Danh sách đơn vị có hơn 100 dòng")


def test_a_cell_over_the_limit_is_its_rows_problem_and_the_next_rows_are_read() -> None:
    text = f"Đơn vị,Cấp\nXã {'a' * 131_073},xa\nXã Ia Sol,xa\n\"Xã {'b' * 200}\",xa\nXã B,xa\n"
    found = list(records(Path("ds.csv"), text, LIST, Limits(cell_chars=131_072)))
    assert [(r.number, r.cells) for r in found if r.problem is None] == [
        (1, ["Đơn vị", "Cấp"]), (3, ["Xã Ia Sol", "xa"]),
        (4, [f"Xã {'b' * 200}", "xa"]), (5, ["Xã B", "xa"])]
    [bad] = [r for r in found if r.problem is not None]
    assert bad.number == 2 and bad.problem is not None and bad.problem.message.startswith(
        "Một ô ở dòng 2 dài hơn 131.072 ký tự")


def test_a_quote_left_open_is_the_files_problem() -> None:
    assert "Có thể một dấu ngoặc kép" in _refused(
        lambda: _rows('a,b\n"' + "x" * 50 + "\n" * 3 + "c,d\n", Limits(cell_chars=40)))


def test_a_windows_1258_file_is_named_with_what_it_reads_and_the_steps_in_excel() -> None:
    data = windows("Đơn vị,Cấp\nXã Ia Ake,xa\n", "cp1258")
    message = _refused(lambda: decoded(Path("ds.csv"), data, LIST))
    assert message.startswith("1: Tệp CSV không ở bảng mã UTF-8 (dòng 1 có byte 0xD0 không "
                              "đọc được): có lẽ được lưu bằng bảng mã Windows-1258")
    assert "Đọc theo Windows-1258, dòng 1 là: “Đơn vị,Cấp”." in message
    assert "'CSV UTF-8 (Comma delimited) (*.csv)'" in message


@pytest.mark.parametrize("codec", ["cp1252", "cp1258"])
def test_vietnamese_mangled_by_a_program_that_read_utf8_wrong_is_named(codec: str) -> None:
    mangled = misread("Đơn vị,Cấp\nXã Ia Ake,xa\n".encode(), codec)
    message = _refused(lambda: decoded(Path("ds.csv"), mangled.encode(), LIST))
    assert message.startswith("1: Chữ tiếng Việt trong tệp đã bị hỏng bảng mã: dòng 1 là “")
    assert "lẽ ra là “Đơn vị,Cấp”" in message
    assert "65001: Unicode (UTF-8)" in message


def test_text_that_only_looks_foreign_is_read() -> None:
    text = "Tên,Ghi chú\nCafé “naïve”?,Straße — ½ ©\nĐắk Nông,“Đ”\n"
    assert decoded(Path("ds.csv"), text.encode(), LIST) == text


def test_control_characters_shown_from_a_file_cannot_drive_the_terminal() -> None:
    data = windows("Don vi\n\x1b]0;pwned\x07Xã A\n", "cp1258")
    message = _refused(lambda: decoded(Path("ds.csv"), data, LIST))
    assert "dòng 2 là: “\\x1b]0;pwned\\x07Xã A”" in message and "\x1b" not in message

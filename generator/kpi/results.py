"""Results a clerk already has: a CSV or XLSX exported from the public-service portal.

The plan says which columns hold what (``du_lieu``); nothing is assumed. Every cell that is
missing or malformed is reported with sheet, row and column; nothing is silently zero.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from babel.numbers import NumberFormatError, parse_decimal

from generator.errors import Diagnostic, KeHoachError
from generator.kpi.numbers import ratio_percent
from generator.model import DataMapping, ResultColumns
from generator.names import unit_key


@dataclass(frozen=True)
class Measurement:
    """One unit's figure for one KPI: counts b and a, or a value already computed."""

    numerator: int | None
    denominator: int | None
    value: Fraction | None

    @property
    def percent(self) -> Fraction | None:
        """b/a × 100 exactly (``None`` when a = 0), or the value the file gave."""
        if self.numerator is not None and self.denominator is not None:
            return ratio_percent(self.numerator, self.denominator)
        return self.value


@dataclass
class ResultsFile:
    """What a results file says, unit by unit, and what was wrong in it."""

    path: Path
    units: dict[str, dict[str, Measurement]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

    def for_unit(self, unit: str) -> dict[str, Measurement] | None:
        """The measurements of a unit, matched by name whatever the case and spacing."""
        return self.units.get(unit_key(unit))


Cell = tuple[Any, str]
"""A cell's value and its number format ('' for CSV)."""


def _rows_csv(path: Path) -> tuple[str, Iterator[list[Cell]]]:
    text = path.read_text(encoding="utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text), dialect)
    return "", ([(value, "") for value in row] for row in rows)


def _rows_xlsx(path: Path, sheet: str | None) -> tuple[str, Iterator[list[Cell]]]:
    from openpyxl import load_workbook  # only when a workbook is read: validate stays light

    book = load_workbook(path, read_only=True, data_only=True)
    if sheet is not None and sheet not in book.sheetnames:
        raise KeHoachError([Diagnostic(
            f"Không có trang tính '{sheet}'.", str(path),
            hint="Các trang: " + ", ".join(book.sheetnames) + ".")])
    worksheet = book[sheet] if sheet else book.worksheets[0]
    return worksheet.title, ([(c.value, c.number_format or "") for c in row]
                             for row in worksheet.iter_rows())


def read_results(path: Path, mapping: DataMapping) -> ResultsFile:
    """Read a results file by the plan's mapping; raise only when it cannot be read at all."""
    if not path.exists():
        raise KeHoachError([Diagnostic("Không tìm thấy tệp số liệu.", str(path))])
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            sheet, rows = _rows_xlsx(path, mapping.sheet)
        elif path.suffix.lower() in (".csv", ".txt"):
            sheet, rows = _rows_csv(path)
        else:
            raise KeHoachError([Diagnostic(
                "Tệp số liệu phải là .xlsx hoặc .csv.", str(path))])
        return _Reader(path, sheet, mapping).read(rows)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise KeHoachError([Diagnostic(f"Không đọc được tệp số liệu: {exc}.", str(path),
                                       hint="Lưu lại tệp dạng .xlsx hoặc .csv UTF-8.")]) from exc


class _Reader:
    def __init__(self, path: Path, sheet: str, mapping: DataMapping) -> None:
        self.path, self.sheet, self.mapping = path, sheet, mapping
        self.out = ResultsFile(path)

    def where(self, row: int, col: int, heading: str) -> str:
        place = f"trang '{self.sheet}', " if self.sheet else ""
        return f"{place}dòng {row}, cột {column_letter(col + 1)} ({heading})"

    def problem(self, row: int, col: int, message: str, hint: str = "") -> None:
        self.out.problems.append(Diagnostic(message, str(self.path), row, col + 1, hint=hint))

    def read(self, rows: Iterator[list[Cell]]) -> ResultsFile:
        columns: dict[str, int] | None = None
        for number, row in enumerate(rows, start=1):
            if number == self.mapping.header_row:
                columns = self.columns(row, number)
                if columns is None:
                    return self.out
            elif columns is not None and any(_text(v) for v, _ in row):
                self.data_row(row, number, columns)
        if not self.out.units and not self.out.problems:
            self.problem(self.mapping.header_row, 0, "Tệp số liệu không có dòng dữ liệu nào.")
        return self.out

    def columns(self, row: Sequence[Cell], number: int) -> dict[str, int] | None:
        headings = {unit_key(_text(v)): i for i, (v, _) in enumerate(row) if _text(v)}
        wanted = [self.mapping.unit_column]
        for columns in self.mapping.kpis.values():
            wanted += [h for h in (columns.numerator, columns.denominator, columns.value) if h]
        missing = [h for h in wanted if unit_key(h) not in headings]
        if missing:
            found = ", ".join(_text(v) for v, _ in row if _text(v))
            self.problem(number, 0, "Không có cột: " + ", ".join(f"'{m}'" for m in missing)
                         + f" ở dòng tiêu đề {number}.",
                         f"Các cột có trong tệp: {found}. Sửa 'du_lieu' trong kế hoạch.")
            return None
        return {h: headings[unit_key(h)] for h in wanted}

    def data_row(self, row: Sequence[Cell], number: int, columns: dict[str, int]) -> None:
        unit_col = columns[self.mapping.unit_column]
        unit = _text(row[unit_col][0]) if unit_col < len(row) else ""
        if not unit:
            self.problem(number, unit_col, f"Ô tên đơn vị trống "
                         f"({self.where(number, unit_col, self.mapping.unit_column)}).")
            return
        figures: dict[str, Measurement] = {}
        for kpi, spec in self.mapping.kpis.items():
            measurement = self.measurement(row, number, columns, spec)
            if measurement is not None:
                figures[kpi] = measurement
        self.out.units[unit_key(unit)] = figures
        self.out.names[unit_key(unit)] = unit

    def measurement(self, row: Sequence[Cell], number: int, columns: dict[str, int],
                    spec: ResultColumns) -> Measurement | None:
        if spec.value:
            value = self.cell(row, number, columns[spec.value], spec.value, percent=True)
            return None if value is None else Measurement(None, None, value)
        assert spec.numerator and spec.denominator
        b = self.cell(row, number, columns[spec.numerator], spec.numerator)
        a = self.cell(row, number, columns[spec.denominator], spec.denominator)
        if a is None or b is None:
            return None
        if b > a:
            self.problem(number, columns[spec.numerator],
                         f"Tử số {b} lớn hơn mẫu số {a} "
                         f"({self.where(number, columns[spec.numerator], spec.numerator)}).",
                         "Kiểm tra lại hai cột: tử số là một phần của mẫu số.")
            return None
        return Measurement(int(b), int(a), None)

    def cell(self, row: Sequence[Cell], number: int, col: int, heading: str, *,
             percent: bool = False) -> Fraction | None:
        value, fmt = row[col] if col < len(row) else (None, "")
        where = self.where(number, col, heading)
        parsed = _number(value, fmt, percent=percent)
        if isinstance(parsed, str):
            self.problem(number, col, f"{parsed} ({where}).",
                         "Điền số vào ô; nếu không có số liệu, xóa cả dòng của đơn vị.")
            return None
        if not percent and parsed.denominator != 1:
            self.problem(number, col, f"Số đếm phải là số nguyên ({where}).")
            return None
        return parsed


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


_COUNT = re.compile(r"^\d{1,3}(\.\d{3})+$|^\d+$")
"""A count as clerks type it: ``1234`` or ``1.234`` (dot thousands)."""


def column_letter(number: int) -> str:
    """Spreadsheet column name of a 1-based column number: 1 → A, 28 → AB."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _parse(text: str) -> Fraction | None:
    """``1.234,5`` (Vietnamese, through babel) or ``1234.5`` (as machines write it)."""
    try:
        if "," in text:
            return Fraction(parse_decimal(text, locale="vi", strict=True))
        return Fraction(text)
    except (NumberFormatError, ValueError):
        return None


def _number(value: Any, fmt: str, *, percent: bool) -> Fraction | str:
    """A cell as an exact number, or the Vietnamese reason it is not one."""
    if value is None or _text(value) == "":
        return "Ô trống"
    if isinstance(value, bool):
        return f"'{value}' không phải là số"
    if isinstance(value, int | float):
        number = Fraction(str(value))
        scaled = number * 100 if percent and "%" in fmt else number
        return scaled if scaled >= 0 else "Số âm không hợp lệ"
    text = _text(value).replace(" ", "")
    has_percent = text.endswith("%")
    text = text.rstrip("%")
    if not percent and _COUNT.match(text):
        return Fraction(int(text.replace(".", "")))
    parsed = _parse(text)
    if parsed is None:
        return f"'{_text(value)}' không phải là số"
    if not percent and has_percent:
        return f"'{_text(value)}' là tỷ lệ, ở đây cần số đếm"
    return parsed if parsed >= 0 else "Số âm không hợp lệ"

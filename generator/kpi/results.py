"""Results a clerk already has: a CSV or XLSX exported from the public-service portal.

The plan says which columns hold what (``du_lieu``); nothing is assumed. Every cell that is
missing or malformed is reported with sheet, row and column; nothing is silently zero. The
rows are read in two passes, both linear: the first gathers each unit's cells and looks at
whole columns (a ratio column of fractions such as 0,967 is Excel's percentage, not 0,967%),
the second turns cells into figures knowing what each column holds.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path
from typing import Any

from babel.numbers import NumberFormatError, parse_decimal

from generator.errors import Diagnostic, Severity
from generator.excel import column_letter
from generator.kpi.numbers import ratio_percent
from generator.kpi.sheets import LIMITS, Cell, Limits, Sheet, open_sheet
from generator.model import DataMapping, ResultColumns
from generator.names import unit_key
from generator.vnformat import vi_decimal, vi_int


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
    """Errors (the build stops) and warnings (said, the build goes on)."""
    rows: dict[str, int] = field(default_factory=dict)
    """Unit key → the row it is on, to point a clerk at it."""

    def for_unit(self, unit: str) -> dict[str, Measurement] | None:
        """The measurements of a unit, matched by name whatever the case and spacing."""
        return self.units.get(unit_key(unit))

    def errors(self) -> list[Diagnostic]:
        """The problems that stop a build."""
        return [d for d in self.problems if d.severity is Severity.ERROR]


def read_results(path: Path, mapping: DataMapping, limits: Limits = LIMITS) -> ResultsFile:
    """Read a results file by the plan's mapping; raise only when it cannot be read at all."""
    with open_sheet(path, mapping.sheet, limits) as sheet:
        return _Reader(sheet, mapping).read()


@dataclass
class _Pending:
    """A data row between the passes: its unit and the cells the mapping reads."""

    number: int
    unit: str
    cells: dict[int, Cell]


@dataclass
class _RatioColumn:
    """What the first pass saw of a ratio column's plain numbers (no %, no % format)."""

    heading: str
    largest: Fraction | None = None
    example: Fraction | None = None
    """The first number other than 0, to show how the column is read."""

    def saw(self, number: Fraction) -> None:
        """Count one plain number of the column."""
        if self.largest is None or number > self.largest:
            self.largest = number
        if number and self.example is None:
            self.example = number

    def fractions(self) -> bool:
        """Whether every plain number is a fraction of one (and not all are 0): Excel's
        stored percentage. 0 and 1 alone are read so too: 100% is likelier than 1%."""
        return self.largest is not None and self.largest <= 1 and self.example is not None


class _Reader:
    def __init__(self, sheet: Sheet, mapping: DataMapping) -> None:
        self.sheet, self.mapping = sheet, mapping
        self.out = ResultsFile(sheet.path, problems=list(sheet.notes))
        self.pending: list[_Pending] = []
        self.ratios: dict[int, _RatioColumn] = {}
        self.scaled: set[int] = set()
        self.formulas: AbstractSet[tuple[int, int]] | None = None

    def where(self, row: int, col: int, heading: str) -> str:
        place = f"trang '{self.sheet.name}', " if self.sheet.name else ""
        return f"{place}dòng {row}, cột {column_letter(col + 1)} ({heading})"

    def problem(self, row: int | None, col: int | None, message: str, hint: str = "",
                severity: Severity = Severity.ERROR) -> None:
        self.out.problems.append(Diagnostic(message, str(self.sheet.path), row,
                                            None if col is None else col + 1,
                                            severity=severity, hint=hint))

    def read(self) -> ResultsFile:
        with contextlib.closing(self.sheet.rows):
            columns = self.first_pass()
        if columns is not None:
            self.decide_ratio_columns()
            for pending in self.pending:
                self.second_pass(pending, columns)
        self.out.problems.sort(key=lambda d: (d.line or 0, d.column or 0))
        return self.out

    # --- first pass: rows gathered, duplicates found, ratio columns looked at ---------------

    def first_pass(self) -> dict[str, int] | None:
        """Every row read once; the columns the mapping reads, or ``None`` if it cannot."""
        columns: dict[str, int] | None = None
        filled = 0
        last = 0
        for number, row in enumerate(self.sheet.rows, start=1):
            last = number
            has_text = any(_text(v) for v, _ in row)
            filled += has_text
            if number == self.mapping.header_row:
                columns = self.columns(row, number)
                if columns is None:
                    return None
            elif columns is not None and has_text:
                self.gather(row, number, columns)
        if columns is None:
            self.nothing_to_read(filled, last)
        elif not self.pending:
            self.problem(self.mapping.header_row, None,
                         "Tệp số liệu không có dòng dữ liệu nào.",
                         "Mỗi đơn vị một dòng, ngay dưới dòng tiêu đề.")
        return columns

    def nothing_to_read(self, filled: int, rows: int) -> None:
        """The header row was never reached: an empty sheet or file, or too few rows."""
        if filled:
            self.problem(None, None, f"Tệp số liệu chỉ có {rows} dòng, không có dòng tiêu đề "
                         f"{self.mapping.header_row}.",
                         "Sửa 'du_lieu.dong_tieu_de': số của dòng có tên các cột.")
        elif self.sheet.name and not self.sheet.chosen and self.sheet.others:
            self.problem(None, None, f"Trang tính đầu tiên '{self.sheet.name}' trống.",
                         "Các trang khác: " + ", ".join(f"'{n}'" for n in self.sheet.others)
                         + ". Ghi trang cần đọc vào 'du_lieu.trang', ví dụ: trang: "
                         f"{self.sheet.others[0]}")
        elif self.sheet.name:
            self.problem(None, None, f"Trang tính '{self.sheet.name}' trống.")
        else:
            self.problem(None, None, "Tệp số liệu trống.")

    def wanted(self) -> list[str]:
        """The headings the mapping reads: the unit's, then each KPI's."""
        wanted = [self.mapping.unit_column]
        for columns in self.mapping.kpis.values():
            wanted += [h for h in (columns.numerator, columns.denominator, columns.value) if h]
        return list(dict.fromkeys(wanted))

    def columns(self, row: Sequence[Cell], number: int) -> dict[str, int] | None:
        """Heading → column for each heading the mapping reads, each found exactly once."""
        found = [_text(v) for v, _ in row]
        if not any(found):
            self.problem(number, None, f"Dòng tiêu đề {number} trống.",
                         "Sửa 'du_lieu.dong_tieu_de': số của dòng có tên các cột.")
            return None
        places: dict[str, list[int]] = {}
        for col, heading in enumerate(found):
            if heading:
                places.setdefault(unit_key(heading), []).append(col)
        wanted = self.wanted()
        missing = [h for h in wanted if unit_key(h) not in places]
        if missing:
            self.problem(number, None, "Không có cột: " + ", ".join(f"'{m}'" for m in missing)
                         + f" ở dòng tiêu đề {number}.",
                         f"Các cột có trong tệp: {', '.join(h for h in found if h)}. Sửa "
                         "'du_lieu' trong kế hoạch.")
        twice = [h for h in wanted if len(places.get(unit_key(h), ())) > 1]
        for heading in twice:
            where = " và ".join(f"cột {column_letter(c + 1)}" for c in places[unit_key(heading)])
            self.problem(number, places[unit_key(heading)][1],
                         f"Cột '{heading}' có nhiều lần ở dòng tiêu đề {number}: {where}.",
                         "Mỗi cột kế hoạch đọc phải có tên riêng: đổi tên hoặc xóa cột thừa.")
        if missing or twice:
            return None
        return {h: places[unit_key(h)][0] for h in wanted}

    def gather(self, row: Sequence[Cell], number: int, columns: dict[str, int]) -> None:
        """Keep a row's cells for the second pass; a unit seen before is an error."""
        unit_col = columns[self.mapping.unit_column]
        unit = _text(_at(row, unit_col)[0])
        if unit:
            key = unit_key(unit)
            first = self.out.rows.get(key)
            if first is not None:
                self.twice(unit, number, first, unit_col)
                return
            self.out.rows[key] = number
            self.out.names[key] = unit
        self.pending.append(_Pending(number, unit, {c: _at(row, c) for c in columns.values()}))
        for spec in self.mapping.kpis.values():
            if spec.value:
                self.look_at_ratio(columns[spec.value], spec.value, _at(row, columns[spec.value]))

    def twice(self, unit: str, number: int, first: int, col: int) -> None:
        shown = self.out.names[unit_key(unit)]
        message = (f"Đơn vị '{unit}' có hai dòng: dòng {first} và dòng {number}."
                   if shown == unit else
                   f"Đơn vị '{unit}' ở dòng {number} trùng với '{shown}' ở dòng {first} "
                   "(một đơn vị, viết khác nhau).")
        self.problem(number, col, message,
                     "Mỗi đơn vị một dòng: xóa hoặc gộp một trong hai dòng.")

    def look_at_ratio(self, col: int, heading: str, cell: Cell) -> None:
        parsed = _ratio(*cell)
        if isinstance(parsed, tuple) and not parsed[1]:
            self.ratios.setdefault(col, _RatioColumn(heading)).saw(parsed[0])

    def decide_ratio_columns(self) -> None:
        """A ratio column whose plain numbers are all fractions of one holds Excel's
        percentages (0,967 = 96,7%); said once per column, since it is a choice."""
        for col, column in self.ratios.items():
            if column.fractions() and column.example is not None:
                self.scaled.add(col)
                example = _shown(column.example)
                self.problem(self.mapping.header_row, col,
                             f"Cột '{column.heading}' ghi tỷ lệ dạng số thập phân (mọi số "
                             f"đều ≤ 1, như {example}): đã đọc {example} là "
                             f"{_shown(column.example * 100)}%.",
                             "Nếu cột này ghi phần trăm (0,5 là 0,5%), ghi kèm dấu % (0,5%) "
                             "hoặc định dạng ô là %.", Severity.WARNING)

    # --- second pass: figures ---------------------------------------------------------------

    def second_pass(self, pending: _Pending, columns: dict[str, int]) -> None:
        number = pending.number
        if not pending.unit:
            unit_col = columns[self.mapping.unit_column]
            self.problem(number, unit_col, f"{self.blank(number, unit_col, 'Ô tên đơn vị trống')}"
                         f" ({self.where(number, unit_col, self.mapping.unit_column)}).",
                         self.blank_hint(number, unit_col, ""))
            return
        figures: dict[str, Measurement] = {}
        for kpi, spec in self.mapping.kpis.items():
            measurement = self.measurement(pending, columns, spec)
            if measurement is not None:
                figures[kpi] = measurement
        self.out.units[unit_key(pending.unit)] = figures

    def measurement(self, pending: _Pending, columns: dict[str, int],
                    spec: ResultColumns) -> Measurement | None:
        number = pending.number
        if spec.value:
            value = self.ratio(pending, columns[spec.value], spec.value)
            return None if value is None else Measurement(None, None, value)
        assert spec.numerator and spec.denominator
        b = self.count(pending, columns[spec.numerator], spec.numerator)
        a = self.count(pending, columns[spec.denominator], spec.denominator)
        if a is None or b is None:
            return None
        if b > a:
            self.problem(number, columns[spec.numerator],
                         f"Tử số {b} lớn hơn mẫu số {a} "
                         f"({self.where(number, columns[spec.numerator], spec.numerator)}).",
                         "Kiểm tra lại hai cột: tử số là một phần của mẫu số.")
            return None
        return Measurement(b, a, None)

    def count(self, pending: _Pending, col: int, heading: str) -> int | None:
        parsed = self.number(pending, col, heading, _count)
        if parsed is None:
            return None
        if parsed.denominator != 1:
            self.problem(pending.number, col, "Số đếm phải là số nguyên "
                         f"({self.where(pending.number, col, heading)}).")
            return None
        return int(parsed)

    def ratio(self, pending: _Pending, col: int, heading: str) -> Fraction | None:
        parsed = self.number(pending, col, heading, _ratio)
        if parsed is None:
            return None
        if parsed > 100:
            self.problem(pending.number, col, f"Tỷ lệ {_shown(parsed)}% lớn hơn 100% "
                         f"({self.where(pending.number, col, heading)}).",
                         f"Cột '{heading}' là tỷ lệ phần trăm: ghi 96,7 hoặc 96,7% (hoặc "
                         "0,967 cho cả cột); nếu là số đếm, khai báo 'tu_so' và 'mau_so' thay "
                         "cho 'gia_tri'.")
            return None
        return parsed

    def number(self, pending: _Pending, col: int, heading: str,
               parse: Callable[[Any, str], Parsed]) -> Fraction | None:
        """A cell as an exact number (a percentage for a ratio), or ``None`` once reported."""
        value, fmt = pending.cells[col]
        parsed = parse(value, fmt)
        where = self.where(pending.number, col, heading)
        if parsed == BLANK:
            self.problem(pending.number, col, f"{self.blank(pending.number, col, BLANK)} "
                         f"({where}).", self.blank_hint(pending.number, col, NO_FIGURE))
            return None
        if isinstance(parsed, str):
            self.problem(pending.number, col, f"{parsed} ({where}).", NO_FIGURE)
            return None
        if isinstance(parsed, tuple):
            figure, marked = parsed
            return figure if marked or col not in self.scaled else figure * 100
        return parsed

    def is_formula(self, row: int, col: int) -> bool:
        """Whether a blank cell holds a formula never calculated (asked once per file)."""
        if self.formulas is None:
            self.formulas = self.sheet.formula_cells()
        return (row, col + 1) in self.formulas

    def blank(self, row: int, col: int, otherwise: str) -> str:
        return UNCALCULATED if self.is_formula(row, col) else otherwise

    def blank_hint(self, row: int, col: int, otherwise: str) -> str:
        return RECALCULATE if self.is_formula(row, col) else otherwise


BLANK = "Ô trống"
NO_FIGURE = "Điền số vào ô; nếu không có số liệu, xóa cả dòng của đơn vị."
UNCALCULATED = "Ô có công thức chưa được tính"
RECALCULATE = ("Công thức chưa được tính — mở tệp trong Excel và lưu lại (tệp do chương "
               "trình khác ghi chưa có kết quả của công thức).")
EXCEL_ERRORS = frozenset({"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!",
                          "#SPILL!", "#CALC!", "#GETTING_DATA"})
"""What Excel shows in a cell whose formula failed."""


Parsed = tuple[Fraction, bool] | Fraction | str
"""A cell read: a ratio (with whether it is marked a percentage), a count, or why not."""


def _at(row: Sequence[Cell], col: int) -> Cell:
    return row[col] if col < len(row) else (None, "")


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _shown(value: Fraction) -> str:
    """An exact figure in Vietnamese notation, as many decimals as it has (up to 28)."""
    with localcontext() as ctx:
        ctx.prec = 28
        figure = (Decimal(value.numerator) / Decimal(value.denominator)).normalize()
    return vi_decimal(figure.quantize(Decimal(1)) if figure == figure.to_integral() else figure)


_COUNT = re.compile(r"\d{1,3}(?:\.\d{3}){1,12}|\d{1,40}")
"""A count as clerks type it: ``1234`` or ``1.234`` (dot thousands); bounded, so that no
text of thousands of digits is made a whole number (Python refuses past 4,300)."""


_NUMBER = re.compile(r"-?\d[\d.,]{0,40}")
"""Digits with dots and commas, as typed; no exponent (``1e999999999`` would take minutes
to make exact), no more than a count or a ratio ever needs."""
_DIGITS = re.compile(r"-?\d[\d.,]*")
"""The same, however long: a number too long to read (Python makes no whole number of more
than 4,300 digits from text) is too large, not 'not a number'."""
LARGEST = 10**15
"""The largest figure read: Excel itself holds no more than 15 exact digits."""
SHOWN_CHARS = 40
"""Characters of a cell repeated in a message; a longer one is cut with its length said."""


def _parse(text: str) -> Fraction | None:
    """``1.234,5`` (Vietnamese, through babel) or ``1234.5`` (as machines write it)."""
    if not _NUMBER.fullmatch(text):
        return None
    try:
        if "," in text:
            return Fraction(parse_decimal(text, locale="vi", strict=True))
        return Fraction(text)
    except (NumberFormatError, ValueError):
        return None


def _not_a_number(value: Any) -> str | None:
    """Why a cell cannot be a number at all, or ``None`` when it may be one."""
    if value is None or _text(value) == "":
        return BLANK
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        return f"'{value}' không phải là số"
    if _text(value) in EXCEL_ERRORS:
        return f"Ô báo lỗi công thức {_text(value)}"
    return None


def _figure(value: Any, text: str, *, count: bool) -> Fraction | str:
    """A cell's number exactly (``text``: the cell as typed, without its ``%``), or the
    Vietnamese reason it is not one."""
    if isinstance(value, int | float):
        number: Fraction | None = Fraction(str(value))
    elif count and _COUNT.fullmatch(text):
        number = Fraction(int(text.replace(".", "")))
    elif _DIGITS.fullmatch(text) and not _NUMBER.fullmatch(text):
        return f"{_quoted(value)} quá lớn"
    else:
        number = _parse(text)
    if number is None:
        return f"{_quoted(value)} không phải là số"
    if abs(number) > LARGEST:
        return f"{_quoted(value)} quá lớn"
    return number if number >= 0 else "Số âm không hợp lệ"


def _quoted(value: Any) -> str:
    """A cell in quotes as a message repeats it; a long one cut, its length said."""
    text = _text(value)
    if len(text) <= SHOWN_CHARS:
        return f"'{text}'"
    return f"'{text[:SHOWN_CHARS // 2]}…' ({vi_int(len(text))} ký tự)"


def _count(value: Any, fmt: str) -> Fraction | str:
    """A count cell as an exact number, or the Vietnamese reason it is not one."""
    del fmt  # a count is a count whatever its format
    reason = _not_a_number(value)
    if reason:
        return reason
    text = _text(value).replace(" ", "")
    if text.endswith("%") and _parse(text.rstrip("%")) is not None:
        return f"{_quoted(value)} là tỷ lệ, ở đây cần số đếm"
    return _figure(value, text, count=True)


def _ratio(value: Any, fmt: str) -> tuple[Fraction, bool] | str:
    """A ratio cell as (number, whether it is marked a percentage: typed ``%`` or a cell
    formatted as %, already × 100), or the Vietnamese reason it is not a number."""
    reason = _not_a_number(value)
    if reason:
        return reason
    text = _text(value).replace(" ", "")
    marked = "%" in fmt if isinstance(value, int | float) else text.endswith("%")
    number = _figure(value, text.removesuffix("%"), count=False)
    if isinstance(number, str):
        return number
    return (number * 100 if marked and isinstance(value, int | float) else number), marked

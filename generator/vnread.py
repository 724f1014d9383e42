"""Dates and numbers as clerks type them, read back: the calendar, and two ways to read 1.234.

:mod:`generator.vnformat` writes dates and numbers the Vietnamese way; this module reads
what a clerk wrote, and says in Vietnamese what is wrong with it. Two mistakes reach
official documents if nobody looks:

- a date that is not on the calendar (31/02/2025), written in any of the forms plans use
  (``31/02/2025``, ``31-02-2025``, ``2025-02-31``, ``ngày 31 tháng 02 năm 2025``,
  ``tháng 13/2025``, a day without its year ``trước ngày 31/4``, a quarter ``Quý V/2025``),
  or with the month first as an American Excel writes it (05/13/2025);
- a number whose dot a Vietnamese reader and YAML read differently: ``1.234`` is one
  thousand two hundred and thirty-four to the clerk (the dot groups thousands) and 1,234 to
  YAML (the dot is a decimal point). Such a number is refused with both readings shown;
  forms only one way can read (``1.234.567``, ``1.234,5``, ``40,5``, ``40.5``) are read.

The lowest layer: the model, the loader and the checks read through it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

DATE_FORMS = "NGÀY/THÁNG/NĂM (06/4/2024) hoặc NĂM-THÁNG-NGÀY (2024-04-06)"
"""The forms a date may be written in, as messages name them."""


def calendar_problem(day: int | None, month: int | None, year: int | None) -> str | None:
    """What is wrong with a day, month and year, naming the part; ``None`` if on the calendar.

    ``day`` or ``month`` ``None``: a draft's blank, not checked. ``year`` ``None``: a day
    written without its year ("trước ngày 31/02"), checked against every year (29 February
    is on the calendar of some).
    """
    if month is not None and not 1 <= month <= 12:
        return f"không có tháng {month} (tháng từ 1 đến 12)"
    if day is None:
        return None
    if day < 1:
        return f"không có ngày {day}"
    if month is None:
        return None
    if year is None:
        last = calendar.monthrange(2024, month)[1]  # a leap year: the longest of each month
        return f"tháng {month} có nhiều nhất {last} ngày" if day > last else None
    last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    if day > last:
        return f"tháng {month} năm {year} chỉ có {last} ngày"
    return None


def date_advice(day: int | None, month: int | None, year: int | None) -> str:
    """How to write the date right (:func:`american_order` when it is that)."""
    american = american_order(day, month, year)
    if american is not None:
        return f"{american} Ngày viết dạng {DATE_FORMS}."
    return f"Kiểm tra lại ngày, tháng, năm. Ngày viết dạng {DATE_FORMS}."


def american_order(day: int | None, month: int | None, year: int | None) -> str | None:
    """A month past 12 with a day that could be a month is the American order (month
    first), which Excel in English writes: the sentence that says so, or ``None``."""
    if month is not None and month > 12 and day is not None and 1 <= day <= 12 and \
            year is not None:
        return (f"Có lẽ tháng đã được viết trước ngày (kiểu Mỹ): ngày {month} tháng {day} "
                f"viết là {month:02d}/{day:02d}/{year}.")
    return None


@dataclass(frozen=True)
class WrittenDate:
    """A date found in a text, as written, and its parts (``day`` ``None``: a month;
    ``year`` ``None``: a day or month written without its year; ``quarter``: a quarter,
    "Quý IV/2025", whose ``month`` is ``None``)."""

    written: str
    day: int | None
    month: int | None
    year: int | None
    quarter: int | None = None

    def problem(self) -> str | None:
        """What is wrong with it (:func:`calendar_problem`; a quarter is I to IV)."""
        if self.quarter is not None:
            return None if 1 <= self.quarter <= 4 else "một năm có bốn quý, từ I đến IV"
        return calendar_problem(self.day, self.month, self.year)

    def advice(self) -> str:
        """How to write it right."""
        if self.quarter is not None:
            return "Quý viết bằng số La Mã từ I đến IV, ví dụ: Quý IV/2025."
        return date_advice(self.day, self.month, self.year)


_NOT_BEFORE = r"(?<!\d)(?<!\d[/.])"
_NOT_AFTER = r"(?!\d)(?![/.]\d)"
"""A date is no part of a longer number (1.234.567, 12/2024/NĐ-CP); a dash may join two
dates into a span (01/01/2024-31/12/2024)."""
_DMY = re.compile(_NOT_BEFORE + r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})" + _NOT_AFTER)
_YMD = re.compile(_NOT_BEFORE + r"(\d{4})-(\d{1,2})-(\d{1,2})" + _NOT_AFTER)
_LONG = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_MONTHS = re.compile(r"tháng\s+((?:\d{1,2}\s*[-–,]\s*)*\d{1,2})(?:\s*/\s*|\s+năm\s+)(\d{4})"
                     + _NOT_AFTER, re.IGNORECASE)
_MONTH_SPLIT = re.compile(r"\s*[-–,]\s*")
_NO_YEAR_AFTER = r"(?!\d)(?!\s*[-–,/.]\s*\d)(?!\s+năm\s+\d)"
"""Nothing after a day that would give it a year (or make it one of a span)."""
_DAY_MONTH = re.compile(r"ngày\s+(\d{1,2})(?:\s*/\s*|\s+tháng\s+)(\d{1,2})" + _NO_YEAR_AFTER,
                        re.IGNORECASE)
"""A day without its year: "trước ngày 31/02", "ngày 30 tháng 2"."""
_DAY_MONTH_YEAR = re.compile(r"ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s+năm\s+(\d{4})" + _NOT_AFTER,
                             re.IGNORECASE)
"""Both forms in one: "ngày 31/02 năm 2025"."""
_NUMERAL = r"(?:[IV]+|\d{1,2})"
_QUARTER = re.compile(rf"(?<!\w)quý\s+({_NUMERAL}(?:\s*(?:,|-|–|và)\s*{_NUMERAL})*)(?!\w)",
                      re.IGNORECASE)
"""Quarters, "Quý IV/2025", "quý 3 năm 2025", "Quý I, II và III"; a numeral in capitals or
figures (the Roman numeral's case is not ignored: "quý vị" is no quarter; only the letters
of I to VI are read, so that a name, "Trần Quý C.", is none either)."""
_QUARTER_SPLIT = re.compile(r"\s*(?:,|-|–|và)\s*", re.IGNORECASE)
_ROMAN = {"I": 1, "V": 5}


def dates_in(text: str) -> Iterator[WrittenDate]:
    """Every date written in ``text``, in each form plans use.

    ``tháng 9/2022``, ``tháng 9 năm 2022`` and ``Tháng 9-10/2022`` are months (each checked
    for the month only); ``trước ngày 31/02`` and ``ngày 30 tháng 2`` days without a year;
    ``Quý IV/2025`` a quarter. A document number (``45/2020/NĐ-CP``) has two parts, so it
    is no date; with a dot or a dash (``02.62.3852``, a telephone number) three parts are a
    date only if the day and month could be one.
    """
    for found in _QUARTER.finditer(text):
        for numeral in _QUARTER_SPLIT.split(found[1]):
            if numeral.isdigit() or numeral.isupper():
                yield WrittenDate(found[0], None, None, None, quarter=_numeral(numeral))
    if not any(ch.isdigit() for ch in text):
        return
    for found in _DMY.finditer(text):
        day, month = int(found[1]), int(found[3])
        if found[2] == "/" or (1 <= day <= 31 and 1 <= month <= 12):
            yield WrittenDate(found[0], day, month, int(found[4]))
    for found in _YMD.finditer(text):
        yield WrittenDate(found[0], int(found[3]), int(found[2]), int(found[1]))
    long_ends = []
    for found in _LONG.finditer(text):
        long_ends.append(found.end())
        yield WrittenDate(found[0], int(found[1]), int(found[2]), int(found[3]))
    for found in _MONTHS.finditer(text):
        if found.end() in long_ends:
            continue  # the month of a "ngày … tháng … năm …" already read
        for each in _MONTH_SPLIT.split(found[1]):
            yield WrittenDate(found[0], None, int(each), int(found[2]))
    yield from _without_year(text)


def _without_year(text: str) -> Iterator[WrittenDate]:
    """Days written without a year ("trước ngày 31/02", "ngày 30 tháng 2"). A month alone
    is not read: "lương tháng 13" is a thirteenth month's pay, not a date."""
    for found in _DAY_MONTH.finditer(text):
        yield WrittenDate(found[0], int(found[1]), int(found[2]), None)
    for found in _DAY_MONTH_YEAR.finditer(text):
        yield WrittenDate(found[0], int(found[1]), int(found[2]), int(found[3]))


def _numeral(written: str) -> int:
    """The value of a quarter's numeral, in figures or Roman (IV, VI, IIII)."""
    if written.isdigit():
        return int(written)
    values = [_ROMAN[ch] for ch in written.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


def read_date(text: str) -> tuple[int, int, int] | None:
    """``(day, month, year)`` of a text that is one date and nothing else, in either form
    (``06/4/2024``, ``2024-04-06``); ``None`` for other text. Not checked on the calendar."""
    text = text.strip()
    found = _DMY.fullmatch(text)
    if found is not None and found[2] == "/":
        return int(found[1]), int(found[3]), int(found[4])
    found = _YMD.fullmatch(text)
    if found is not None:
        return int(found[3]), int(found[2]), int(found[1])
    return None


def date_message(written: str, problem: str, *, month_only: bool = False) -> str:
    """The message for a date (or, ``month_only``, a month) not on the calendar."""
    return f"{'' if month_only else 'Ngày '}'{written}' không có trên lịch: {problem}."


# Numbers ------------------------------------------------------------------------------

_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
"""Thousands grouped by dots, perhaps a decimal comma: 1.234.567, 1.234,5 (and 1.234)."""
_PLAIN = re.compile(r"\d+(?:[.,]\d+)?")
AMBIGUOUS = re.compile(r"[+-]?[1-9]\d{0,2}\.\d{3}")
"""A number two readers read two ways: ``1.234`` (one dot, then three digits)."""

NUMBER_FORMS = "1234, 1.234.567 (dấu chấm ngăn cách hàng nghìn), 40,5 hoặc 40.5 (số lẻ)"


class NumberError(ValueError):
    """A number that cannot be read, or can be read two ways: what is wrong, and how to
    write it (Vietnamese)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(f"{message} {hint}")
        self.message = message
        self.hint = hint


def number_pattern() -> str:
    """The regular expression of a number written in one of the forms :func:`read_number`
    reads, for patterns that embed one (a KPI target typed with its comparison)."""
    return rf"(?:{_GROUPED.pattern}|{_PLAIN.pattern})"


def read_number(text: str) -> Decimal:
    """A number as a clerk types it, or :class:`NumberError`.

    ``1.234.567`` and ``1.234,5`` group thousands (Vietnamese); ``40,5`` has a decimal
    comma (Vietnamese) and ``40.5`` a decimal point (YAML); ``1.234`` is refused, since it
    reads 1234 to a Vietnamese reader and 1,234 to YAML (:func:`two_readings`).
    """
    written = text.strip()
    if AMBIGUOUS.fullmatch(written):
        raise NumberError(*two_readings(written))
    if _GROUPED.fullmatch(written):
        return Decimal(written.replace(".", "").replace(",", "."))
    if _PLAIN.fullmatch(written):
        return Decimal(written.replace(",", "."))
    raise NumberError(f"'{written}' không phải một số.", f"Viết số dạng: {NUMBER_FORMS}.")


def two_readings(written: str) -> tuple[str, str]:
    """What ``1.234`` is to a Vietnamese reader and to YAML, and how to write either."""
    sign = "-" if written.startswith("-") else ""
    digits = written.lstrip("+-")
    whole = sign + digits.replace(".", "")
    decimal = sign + digits.replace(".", ",")
    return (f"Số '{written}' đọc được hai cách: theo cách viết Việt Nam là {whole} (dấu chấm "
            f"ngăn cách hàng nghìn), còn YAML đọc là {decimal} (dấu chấm là dấu thập phân).",
            f"Viết {whole} nếu là số nguyên, {decimal} (dấu phẩy) nếu là số lẻ.")


def written_figure(value: Decimal) -> int | float | str:
    """A figure as a YAML file should hold it so that it reads back the same to both
    readers: a whole number as such, ``96.7`` as a YAML number, and a figure whose dot would
    read two ways (12.345) with a decimal comma, as text (``"12,345"``, read by
    :func:`read_number`)."""
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    return repr(as_float).replace(".", ",") if AMBIGUOUS.fullmatch(repr(as_float)) else as_float

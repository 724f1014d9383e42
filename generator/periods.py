"""When a task's time runs out, from the forms plans write it in.

A task's ``thoi_gian`` is a date, a ``{tu, den}`` period, or words. To hold a lower-level
plan's deadline to its parent's, kehoach needs the last day of each. Words are read when
they name a calendar span ("Tháng 9/2022", "Tháng 9-10/2022", "Quý III/2024", "6 tháng đầu
năm 2024", "Năm 2024", "2021-2025", "Trước ngày 30/6/2024"); other words ("Thường xuyên",
"Hàng năm") have no end, and are never compared.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from generator.model import Period

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_DAY = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_MONTHS = re.compile(r"tháng\s+(?:\d{1,2}\s*[-–,]\s*)*(\d{1,2})\s*/\s*(\d{4})")
_QUARTER = re.compile(r"quý\s+(?:[ivx\d]+\s*[-–,]\s*)*([ivx]+|\d)\s*/\s*(\d{4})")
_HALF = re.compile(r"6\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})")
_YEARS = re.compile(r"^(?:năm\s+)?(?:\d{4}\s*[-–]\s*)?(\d{4})$")


def _month_end(year: int, month: int) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def words_end(words: str) -> dt.date | None:
    """The last day a time in words allows, or ``None`` if it names no calendar span."""
    text = " ".join(words.casefold().split())
    if found := _DAY.search(text):
        day, month, year = map(int, found.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    if found := _MONTHS.search(text):
        return _month_end(int(found[2]), int(found[1]))
    if found := _QUARTER.search(text):
        quarter = _ROMAN.get(found[1]) or (int(found[1]) if found[1].isdigit() else 0)
        return _month_end(int(found[2]), quarter * 3) if 1 <= quarter <= 4 else None
    if found := _HALF.search(text):
        return _month_end(int(found[2]), 6 if found[1] == "đầu" else 12)
    if found := _YEARS.match(text):
        return dt.date(int(found[1]), 12, 31)
    return None


def dates_in(text: str) -> list[dt.date]:
    """Every calendar date a text writes as day/month/year ("từ ngày 28/3/2024 đến ngày
    29/6/2024"); a date not on the calendar is not one."""
    out = []
    for found in _DAY.finditer(text):
        day, month, year = map(int, found.groups())
        try:
            out.append(dt.date(year, month, day))
        except ValueError:
            continue
    return out


def period_end(period: Period | None) -> dt.date | None:
    """The last day of a task's time: its date, the end of its period, or of its words."""
    if period is None:
        return None
    if period.on is not None:
        return period.on
    if period.end is not None:
        return period.end
    return words_end(period.words) if period.words else None

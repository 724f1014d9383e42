"""Rules of the values as the clerk wrote them, read from the file before the model.

These rules look at each value alone, as it stands in the file (a date in a text, a
date's parts), so they need no valid plan: :func:`generator.check.parse.parse_plan` runs
them beside the model's own rules when the model refuses the plan, and
:func:`generator.check.check_plan` beside every other rule when it accepts it. Either way
a date not on the calendar is reported in the same run as every other problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from generator.check.core import Finding, error, strings
from generator.errors import FieldPath
from generator.vnread import calendar_problem, date_advice, date_message, dates_in


@dataclass(frozen=True)
class Written:
    """What a value rule reads: the file's data as loaded (YAML names, nothing coerced)."""

    data: Any

    @cached_property
    def strings(self) -> list[tuple[str, FieldPath]]:
        """Every string of the file with its path, in file order."""
        return list(strings(self.data))


def dates_are_on_the_calendar(written: Written) -> Iterator[Finding]:
    """Every date written in a text (``thoi_gian: 31/02/2025``, "Trước ngày 30/02/2025",
    "ngày 31 tháng 4 năm 2024", "tháng 13/2024"), and the issue date in any form, exists.

    A date written as text is printed as typed, so nothing else would see it; a date
    YAML reads itself (``2025-02-31`` unquoted) is the loader's to refuse.
    """
    for text, path in written.strings:
        if path[:1] in NOT_TEXT:
            continue
        for date in dates_in(text):
            problem = date.problem()
            if problem is not None:
                yield error(path, date_message(date.written, problem,
                                               month_only=date.day is None),
                            date.advice())
    issued = written.data.get("ngay_ban_hanh") if isinstance(written.data, dict) else None
    if isinstance(issued, dict):
        yield from _issue_date_parts(issued)


NOT_TEXT = {("ke_hoach_cap_tren",)}
"""Fields that hold no text of the plan (a file's path), whose digits are no dates."""


def _issue_date_parts(parts: dict[str, Any]) -> Iterator[Finding]:
    """``ngay_ban_hanh: {ngay: 31, thang: 2, nam: 2025}``: a day needs its month, and the
    three must be on the calendar (other values are the model's to refuse)."""
    day, month, year = (parts.get(key) for key in ("ngay", "thang", "nam"))
    if not all(isinstance(x, int | None) and not isinstance(x, bool) for x in (day, month, year)):
        return
    if day is not None and month is None:
        yield error(("ngay_ban_hanh",), "Có ngày mà không có tháng: thêm 'thang'.")
    elif isinstance(year, int) and day is not None and month is not None and 1 <= month <= 12:
        problem = calendar_problem(day, month, year)
        if problem is not None and day >= 1:
            yield error(("ngay_ban_hanh",), date_message(f"{day}/{month}/{year}", problem),
                        date_advice(day, month, year))


VALUE_RULES = (dates_are_on_the_calendar,)
"""The rules over values as written, in the order a reader meets what they are about."""

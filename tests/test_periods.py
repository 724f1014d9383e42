"""The last day of a task's time, from a date, a period or words."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model import Period
from generator.periods import period_end, words_end


@pytest.mark.parametrize(("words", "end"), [
    ("Tháng 9/2022", dt.date(2022, 9, 30)),
    ("Tháng 9-10-11/2022", dt.date(2022, 11, 30)),
    ("tháng 2/2024", dt.date(2024, 2, 29)),
    ("Quý III/2024", dt.date(2024, 9, 30)),
    ("Quý 1/2025", dt.date(2025, 3, 31)),
    ("6 tháng đầu năm 2024", dt.date(2024, 6, 30)),
    ("Năm 2022", dt.date(2022, 12, 31)),
    ("2021-2025", dt.date(2025, 12, 31)),
    ("Trước ngày 30/6/2024", dt.date(2024, 6, 30)),
    ("Hoàn thành trong tháng 12/2022", dt.date(2022, 12, 31)),
    ("Thường xuyên", None),
    ("Hàng năm", None),
    ("Tháng 13/2024", None),
    ("Trước ngày 31/2/2024", None),
])
def test_words_that_name_a_calendar_span_have_its_last_day(words: str,
                                                            end: dt.date | None) -> None:
    assert words_end(words) == end


def test_a_date_or_a_period_ends_on_its_own_last_day() -> None:
    assert period_end(Period.model_validate({"ngay": dt.date(2024, 4, 15)})) == \
        dt.date(2024, 4, 15)
    assert period_end(Period.model_validate({"tu": dt.date(2024, 3, 28),
                                             "den": dt.date(2024, 6, 29)})) == \
        dt.date(2024, 6, 29)
    assert period_end(None) is None

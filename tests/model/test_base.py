"""The dates of the model: every form a clerk writes, checked on the calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from generator.model import LegalDocument, Period
from tests.helpers.builders import plan


def test_an_issue_date_with_month_13_names_the_month_and_the_forms() -> None:
    """``05/13/2025`` said "Phải nhỏ hơn hoặc bằng 12", naming neither the month nor a form."""
    with pytest.raises(ValidationError) as refused:
        plan(ngay_ban_hanh="05/13/2025")
    [error] = refused.value.errors()
    assert error["msg"] == "Ngày '05/13/2025' không có trên lịch: không có tháng 13 (tháng từ 1 " \
        "đến 12)."
    hint = (error.get("ctx") or {})["hint"]
    assert "ngày 13 tháng 5 viết là 13/05/2025" in hint
    assert "NGÀY/THÁNG/NĂM (06/4/2024)" in hint


def test_an_issue_date_off_the_calendar_is_left_to_the_calendar_rule() -> None:
    """31/02 is read (the rule over values as written reports it with every other problem:
    :mod:`tests.check.test_values`); the day stays what was typed, never moved."""
    date = plan(ngay_ban_hanh="31/02/2025").date
    assert (date.day, date.month, date.year, date.full()) == (31, 2, 2025, None)


def test_dates_of_documents_and_periods_are_read_in_the_vietnamese_form() -> None:
    assert LegalDocument.model_validate({"loai": "Nghị định", "ngay": "08/4/2020"}).date == \
        dt.date(2020, 4, 8)
    assert Period.model_validate({"tu": "01/7/2024", "den": "2024-12-31"}).end == \
        dt.date(2024, 12, 31)


def test_a_date_of_a_document_off_the_calendar_is_refused_naming_the_part() -> None:
    with pytest.raises(ValidationError) as refused:
        LegalDocument.model_validate({"loai": "Nghị định", "ngay": "31/02/2025"})
    assert "tháng 2 năm 2025 chỉ có 28 ngày" in refused.value.errors()[0]["msg"]

"""Values as the clerk wrote them: a date off the calendar anywhere, with every other error."""

from __future__ import annotations

from typing import Any

import pytest

from generator.check import parse_plan
from generator.check.values import Written, dates_are_on_the_calendar
from generator.errors import Diagnostic, KeHoachError
from generator.load import load_file, load_text
from tests.conftest import EXAMPLES
from tests.helpers.builders import MINIMAL, checked, plan_data

TASK = {"noi_dung": "Tổ chức ngày hội", "chu_tri": "Công an xã"}


def _messages(**keys: Any) -> list[str]:
    return [f.message for f in dates_are_on_the_calendar(Written(plan_data(**keys)))]


def test_a_vietnamese_date_in_a_task_time_is_checked_on_the_calendar() -> None:
    """``thoi_gian: 31/02/2025`` is printed as typed, so only this rule can see it."""
    assert _messages(nhiem_vu=[{**TASK, "thoi_gian": "31/02/2025"}]) == [
        "Ngày '31/02/2025' không có trên lịch: tháng 2 năm 2025 chỉ có 28 ngày."]
    assert _messages(nhiem_vu=[{**TASK, "thoi_gian": "Trước ngày 30/6/2025"}]) == []


@pytest.mark.parametrize("text", ["Hoàn thành trước ngày 31 tháng 4 năm 2025.",
                                  "Báo cáo trước 2025-02-30", "Trong Tháng 13/2025",
                                  "Quý V/2025", "Trước ngày 31/02 hằng năm"])
def test_a_date_in_any_text_is_checked_in_every_form(text: str) -> None:
    [message] = _messages(phan=[{"tieu_de": "A", "doan": [text]}])
    assert "không có trên lịch" in message


def test_a_quarter_off_the_calendar_in_a_task_time_says_how_to_write_one() -> None:
    [found] = dates_are_on_the_calendar(Written(plan_data(
        nhiem_vu=[{**TASK, "thoi_gian": "Quý V/2025"}])))
    assert found.message == "'Quý V' không có trên lịch: một năm có bốn quý, từ I đến IV."
    assert found.hint == "Quý viết bằng số La Mã từ I đến IV, ví dụ: Quý IV/2025."


def test_an_issue_date_written_in_parts_is_checked() -> None:
    assert _messages(ngay_ban_hanh={"ngay": 30, "thang": 2, "nam": 2024}) == [
        "Ngày '30/2/2024' không có trên lịch: tháng 2 năm 2024 chỉ có 29 ngày."]
    assert _messages(ngay_ban_hanh={"ngay": 5, "nam": 2024}) == [
        "Có ngày mà không có tháng: thêm 'thang'."]
    assert _messages(ngay_ban_hanh={"thang": 6, "nam": 2024}) == []


def test_an_issue_date_off_the_calendar_comes_with_the_other_rules_errors() -> None:
    """``ngay_ban_hanh: 31/02/2025`` beside an unknown level: both in one run."""
    keys = {"ngay_ban_hanh": "31/02/2025", "co_quan": {**MINIMAL["co_quan"], "cap": "xaa"}}
    with pytest.raises(KeHoachError) as refused:
        checked(**keys)
    assert [d.path for d in refused.value.diagnostics] == [("co_quan", "cap"),
                                                           ("ngay_ban_hanh",)]


def test_a_date_off_the_calendar_comes_with_the_model_s_errors() -> None:
    """The README promises every error at once: a date in a task's time and the issue date
    are reported beside an unknown key, which stops the model."""
    text = ("co_quan: {ten: [UBND], cap: xa, ky_hieu: UBND, dia_danh: A, ten_day_du: UBND}\n"
            "ngay_ban_hanh: 05/13/2025\ntrich_yeu: Thử\nphan: [{tieu_de: A, nhiem_vu: ['*']}]\n"
            "nhiem_vu:\n  - noi_dung: Tổ chức\n    thoi_gian: 31/02/2025\n"
            "nguoi_ky: {chuc_vu: CHỦ TỊCH, ho_ten: A}\n"
            "noi_nhan: {danh_sach: [A], luu: VT, khoa_la: 1}\n")
    found = [(d.line, d.message.split(":")[0]) for d in _refused(text)]
    assert found == [(2, "Ngày '05/13/2025' không có trên lịch"),
                     (7, "Ngày '31/02/2025' không có trên lịch"),
                     (9, "Khóa 'khoa_la' không có trong mẫu kế hoạch.")]


def test_a_number_with_a_comma_in_braces_says_how_to_write_it() -> None:
    """``{moc: Năm 2025, gia_tri: 1,234}``: YAML cuts the number at the comma into a value
    1 and a key 234; the clerk meant 1234 or 1,234 (issue 19: numbers with separators)."""
    text = ("co_quan: {ten: [UBND], cap: xa, ky_hieu: UBND, dia_danh: A, ten_day_du: UBND}\n"
            "ngay_ban_hanh: 15/9/2025\ntrich_yeu: Thử\nphan: [{tieu_de: A, doan: [x]}]\n"
            "cac_moc: [{ten: Năm 2025}]\n"
            "chi_tieu:\n  - {id: hs, ten: Hồ sơ, muc_tieu: [{moc: Năm 2025, gia_tri: 1,234}]}\n"
            "nguoi_ky: {chuc_vu: CHỦ TỊCH, ho_ten: A}\nnoi_nhan: {danh_sach: [A], luu: VT}\n")
    [found] = _refused(text)
    assert found.line == 7 and found.message.startswith("'234' không phải một khóa")
    assert found.hint == ("Số có dấu phẩy: viết gia_tri: 1234 nếu là số nguyên (không dấu ngăn "
                          "cách hàng nghìn), hoặc gia_tri: \"1,234\" (trong dấu nháy kép) nếu "
                          "dấu phẩy là dấu thập phân.")


def test_the_examples_dates_are_all_on_the_calendar() -> None:
    """The rule reads every text: the dates of the real plans (05/01/2024, "ngày 06 tháng 4
    năm 2024", "Tháng 9-10/2022", "2021-2025") are all found good."""
    for example in EXAMPLES.glob("*.yaml"):
        assert list(dates_are_on_the_calendar(Written(load_file(example).data))) == []


def _refused(text: str) -> list[Diagnostic]:
    """What the model and its checks say of a plan typed as ``kh.yaml`` (it must be refused)."""
    with pytest.raises(KeHoachError) as refused:
        parse_plan(load_text(text, "kh.yaml"))
    return refused.value.diagnostics

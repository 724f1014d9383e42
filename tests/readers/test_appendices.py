"""Appendices after the signature: heading lines, the "(Kèm theo …)" line, content kept."""

from __future__ import annotations

from generator.readers.appendices import read_appendices
from generator.readers.blocks import Line
from generator.readers.guesses import Notes


def _lines(*texts: str) -> list[Line]:
    return [Line(text, text, f"dòng {n}") for n, text in enumerate(texts, start=1)]


def test_an_unclosed_kem_theo_line_does_not_swallow_the_appendix() -> None:
    """Ia Ake 2024: "(Kèm theo Kế hoạch số 35 /KH-UBND ngày 06 /4/2024 của UBND xã" has no
    closing bracket; the table's lines after it were lost."""
    found = read_appendices(_lines(
        "PHỤ LỤC II", "(Kèm theo Kế hoạch số 35 /KH-UBND ngày 06 /4/2024 của UBND xã",
        "TT Địa phương Tỷ lệ công khai, minh bạch", "1 Xã Ia Ake 75.8% 100%"), set(), 0,
        Notes())
    assert found[0]["dong_kem_theo"] is True
    assert found[0]["noi_dung"] == ["TT Địa phương Tỷ lệ công khai, minh bạch",
                                    "1 Xã Ia Ake 75.8% 100%"]


def test_a_kem_theo_line_wrapped_over_two_lines_is_one() -> None:
    found = read_appendices(_lines(
        "PHỤ LỤC I", "(Kèm theo Kế hoạch số 12/KH-UBND ngày 10/3/2025", "của UBND xã Ia Ke)",
        "Danh sách đơn vị"), set(), 0, Notes())
    assert found[0]["noi_dung"] == ["Danh sách đơn vị"]


def test_a_title_that_begins_with_phu_luc_is_the_title_not_a_new_appendix() -> None:
    """kehoach's own "Phụ lục dọc" prints "PHỤ LỤC III" then "PHỤ LỤC DỌC"."""
    found = read_appendices(_lines("PHỤ LỤC III", "PHỤ LỤC DỌC", "Một đoạn văn."), set(), 0,
                            Notes())
    assert [(a.get("so"), a["tieu_de"], a["noi_dung"]) for a in found] == [
        ("III", "PHỤ LỤC DỌC", ["Một đoạn văn."])]

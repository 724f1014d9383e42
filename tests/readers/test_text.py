"""A published plan's text (.txt, .md) as lines: Markdown's ``**bold**`` read as bold."""

from __future__ import annotations

from pathlib import Path

from generator.readers.text import read_text


def _lines(text: str) -> list[tuple[str, str, bool]]:
    view = read_text(Path("ke-hoach.md"), text.encode("utf-8"))
    return [(line.markup, line.plain, line.bold) for line in view.blocks]  # type: ignore[union-attr]


def test_a_bold_line_is_read_bold_without_its_stars() -> None:
    assert _lines("**Nơi nhận:**\n") == [("Nơi nhận:", "Nơi nhận:", True)]


def test_a_bold_run_inside_a_line_is_kept_as_markup() -> None:
    assert _lines("Mốc: **Định kỳ 10 ngày/lần** và tổng kết\n") == [
        ("Mốc: **Định kỳ 10 ngày/lần** và tổng kết", "Mốc: Định kỳ 10 ngày/lần và tổng kết",
         False)]


def test_a_bold_run_over_two_lines_makes_both_bold() -> None:
    assert _lines("**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n") == [
        ("KT. CHỦ TỊCH", "KT. CHỦ TỊCH", True), ("PHÓ CHỦ TỊCH", "PHÓ CHỦ TỊCH", True)]


def test_a_lone_star_is_kept_as_a_star() -> None:
    assert _lines("Ghi chú * và 2*3\n") == [("Ghi chú \\* và 2\\*3", "Ghi chú * và 2*3", False)]

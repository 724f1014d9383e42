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


def test_tab_separated_lines_are_a_table_and_a_numbered_line_is_not(tmp_path: Path) -> None:
    """A table copied out of Word into a text keeps its cells (a group row across the
    table); a list item copied with its tab ("1.<tab>Mục đích") stays a line."""
    from generator.readers.blocks import Grid, Line
    from generator.readers.text import read_text

    text = ("1.\tMục đích\nSTT\tĐơn vị\tTỷ lệ A\nI\tCÁC PHÒNG\t\n1\tNhóm 1: Phòng A.\t100%\n"
            "Hết bảng.\n")
    source = tmp_path / "ke-hoach.txt"
    source.write_text(text, encoding="utf-8")
    blocks = read_text(source, source.read_bytes()).blocks
    assert isinstance(blocks[0], Line) and blocks[0].plain == "1. Mục đích"
    assert isinstance(blocks[1], Grid)
    assert [[(c.plain, c.colspan) for c in row] for row in blocks[1].rows] == [
        [("STT", 1), ("Đơn vị", 1), ("Tỷ lệ A", 1)], [("I", 1), ("CÁC PHÒNG", 2)],
        [("1", 1), ("Nhóm 1: Phòng A.", 1), ("100%", 1)]]
    assert isinstance(blocks[2], Line) and blocks[2].plain == "Hết bảng."

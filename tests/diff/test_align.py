"""Lining up two resolved plans for the redline: by item, then by words at the diff's likeness."""

from __future__ import annotations

from generator.diff.align import Step, align, align_lines
from generator.diff.likeness import ALIKE
from generator.diff.words import similarity
from generator.inline import Span
from generator.resolve.layout import Para


def body(text: str, key: str | None = None) -> Para:
    return Para("body", (Span(text),), key)


class Moves:
    """The redline's move names, counted as its revisions count them."""

    def __init__(self) -> None:
        self.count = 0

    def move_name(self) -> str:
        self.count += 1
        return f"move{self.count}"


def kinds(steps: list[Step]) -> list[str]:
    return [s.kind for s in steps]


def test_a_reworded_paragraph_without_a_key_is_one_edited_paragraph() -> None:
    old = [body("Tuyên truyền, phổ biến Luật Phòng cháy, chữa cháy đến toàn dân trên địa bàn xã.")]
    new = [body("Tuyên truyền, phổ biến sâu rộng Luật Phòng cháy, chữa cháy đến toàn dân trên "
                "địa bàn xã.")]
    assert kinds(align(old, new)) == ["changed"]


def test_paragraphs_no_more_alike_than_the_diff_pairs_are_deleted_and_inserted() -> None:
    old = [body("Kiểm tra an toàn thực phẩm tại các chợ đầu mối.")]
    new = [body("Tổ chức hội thi văn nghệ quần chúng mừng Xuân.")]
    assert similarity(old[0].inlines[0].text, new[0].inlines[0].text) < ALIKE
    assert kinds(align(old, new)) == ["deleted", "inserted"]


def test_the_redline_pairs_at_the_diffs_threshold_not_a_looser_one() -> None:
    """Two texts alike at 0.5 (the redline's old threshold) but under the diff's 0.6 are not
    paired, so the redline never calls one paragraph edited that the diff calls replaced."""
    old = [body("một hai ba bốn năm sáu bảy tám chín mười")]
    new = [body("một hai ba bốn năm x1 x2 x3 x4 x5")]
    assert 0.5 <= similarity(old[0].inlines[0].text, new[0].inlines[0].text) < ALIKE
    assert kinds(align(old, new)) == ["deleted", "inserted"]


def test_a_keyed_paragraph_deleted_here_and_inserted_there_has_moved() -> None:
    old = [body("Nhiệm vụ A.", "t:a"), body("Nhiệm vụ B.", "t:b"), body("Nhiệm vụ C.", "t:c")]
    new = [body("Nhiệm vụ B.", "t:b"), body("Nhiệm vụ C.", "t:c"), body("Nhiệm vụ A.", "t:a")]
    steps = align(old, new, revisions=Moves())
    assert sorted(kinds(steps)) == ["from", "same", "same", "to"]
    assert {s.move for s in steps if s.move} == {"move1"}


def test_the_lines_of_a_cell_are_kept_edited_or_added_in_order() -> None:
    old = [(Span("Phòng Văn hóa"),), (Span("UBND xã"),)]
    new = [(Span("Phòng Văn hóa"),), (Span("UBND các xã"),), (Span("Công an huyện"),)]
    assert kinds(align_lines(old, new)) == ["same", "changed", "inserted"]

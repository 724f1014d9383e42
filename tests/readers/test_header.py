"""The header block read back: the number line's issuer code (``readers.header``)."""

from __future__ import annotations

from generator.readers.blocks import Line
from generator.readers.guesses import Notes
from generator.readers.header import recognise_header


def _code(number_line: str) -> tuple[str, list[str]]:
    notes = Notes()
    lines = [Line(text, text, "đoạn 1", bold=bold) for text, bold in
             (("ỦY BAN NHÂN DÂN", True), ("XÃ IA AKE", True), (number_line, False))]
    found = recognise_header(lines, notes)
    return found["co_quan"]["ky_hieu"], [text for _, text in notes.guesses]


def test_an_issuer_code_as_written_is_kept_without_a_note() -> None:
    code, guesses = _code("Số: 12/KH-VP-UBND")
    assert code == "VP-UBND"
    assert not any("ky_hieu" in text for text in guesses)


def test_an_ocr_slip_in_the_code_keeps_its_capitals_and_says_so() -> None:
    """Found by the fuzzer: "Số: /KH-UBNDa" imported as 'UBNDa', which validate refused."""
    code, guesses = _code("Số: /KH-UBNDa")
    assert code == "UBND"
    assert any("'UBNDa'" in text and "ky_hieu" in text for text in guesses)


def test_a_code_written_in_small_letters_is_read_in_capitals() -> None:
    code, guesses = _code("Số: 5/kh-ubnd")
    assert code == "UBND"
    assert any("'ubnd'" in text for text in guesses)

"""Lengths over one integer unit: a margin typed in millimetres reads back in twips as Word
stores it, and the float factor every width is rounded with stays the one the golden files
were made with."""

from __future__ import annotations

import pytest

from generator.ooxml.units import TWIPS_PER_MM, Emu, Length, Mm, Pt, Twips, mm_to_twips, twips_to_mm


def test_a4_page_in_twips_is_what_word_writes() -> None:
    assert (Mm(210).twips, Mm(297).twips) == (11906, 16838)


def test_left_margin_of_30_mm_is_1701_twips() -> None:
    assert Mm(30).twips == 1701


def test_font_of_14_pt_is_28_half_points() -> None:
    assert Pt(14).half_points == 28
    assert Pt(13.5).half_points == 27


def test_one_point_is_twenty_twips_exactly() -> None:
    assert Pt(1) == Twips(20)
    assert Twips(1134).pt == pytest.approx(56.7)


def test_lengths_are_ints_of_emu_and_compare_across_units() -> None:
    assert isinstance(Mm(1), int) and isinstance(Mm(1), Length)
    assert Mm(25.4) == Pt(72) == Emu(914_400)
    assert Mm(20) < Mm(30)


def test_mm_round_trip() -> None:
    assert Mm(20).mm == pytest.approx(20.0)
    assert Twips(567).mm == pytest.approx(10.0, abs=0.01)


def test_twips_per_mm_is_the_factor_the_golden_files_were_rounded_with() -> None:
    assert TWIPS_PER_MM == 1440 / 25.4
    assert mm_to_twips(296.08334940591845) == 296.08334940591845 * (1440 / 25.4)
    assert twips_to_mm(1701) == 1701 / (1440 / 25.4)

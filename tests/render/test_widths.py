"""Column widths: fixed millimetres kept, shares fill the page, nothing past the margin."""

from __future__ import annotations

import pytest

from generator.render.widths import column_widths
from generator.resolve.layout import ColumnWidth as W


def test_shares_divide_what_fixed_columns_leave() -> None:
    assert column_widths((W(mm=12), W(share=3), W(share=1)), 160) == (12, 111, 37)


def test_fixed_widths_that_fit_are_kept() -> None:
    assert column_widths((W(mm=20), W(mm=40)), 160) == (20, 40)


def test_a_table_wider_than_the_page_is_scaled_to_fit() -> None:
    widths = column_widths((W(mm=12), W(mm=75), *[W(mm=40)] * 4), 237)
    assert sum(widths) == pytest.approx(237, abs=0.05)
    assert widths[1] / widths[0] == pytest.approx(75 / 12, rel=1e-3)


def test_shared_columns_keep_a_minimum_then_all_are_fitted() -> None:
    widths = column_widths((W(mm=150), W(share=1), W(share=1)), 160)
    assert sum(widths) == pytest.approx(160, abs=0.05) and widths[1] == widths[2] > 5

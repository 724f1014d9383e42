"""Column widths: fixed millimetres kept, shares fill the page, nothing past the margin."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.inline import Span
from generator.pipeline import load_plan
from generator.reference import FontMetrics, load_reference
from generator.render.measure import text_width_mm, wrapped_lines
from generator.render.widths import (
    CELL_PADDING_MM,
    column_texts,
    column_widths,
    readable_lines,
)
from generator.resolve import Context, resolve_plan
from generator.resolve.layout import ColumnWidth as W
from generator.resolve.layout import TableLayout
from tests.conftest import EXAMPLES
from tests.helpers.builders import resolved


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


def _measured(table: TableLayout, page_mm: float) -> tuple[tuple[float, ...], FontMetrics]:
    fonts = load_reference().font_metrics
    return column_widths(table.columns, page_mm, column_texts(table, fonts, 12)), fonts


def _cells(table: TableLayout, header: bool) -> Iterator[tuple[int, str, bool]]:
    for r, c, cell in table.positions():
        if cell.colspan == 1 and (r < len(table.header)) == header:
            for line in cell.lines:
                yield c, "".join(s.text for s in line if isinstance(s, Span)), cell.bold


def test_headings_read_in_a_few_lines_and_an_empty_column_stays_narrow() -> None:
    """Regression: "Căn / cứ / giao / chỉ / tiêu" one word a line, the header row four
    times as tall as the data, while a column with nothing in it took room (issue 19)."""
    kpis = [{"id": "dvc-truc-tuyen", "chu_tri": "Văn phòng - Thống kê",
             "muc_tieu": [{"cap": "xa", "gia_tri": 60}]},
            {"id": "tap-huan", "ten": "Tỷ lệ công chức được tập huấn kỹ năng số",
             "chu_tri": "Văn phòng - Thống kê", "can_cu_giao": ["nd-45-2020", "nq-01-2024-cp"],
             "muc_tieu": [{"cap": "xa", "gia_tri": 80}]}]
    done = resolved(chi_tieu=kpis, phu_luc=[{"tieu_de": "CHỈ TIÊU", "noi_dung": [
        {"bang_chi_tieu": {"kieu": "giao_chi_tieu"}}]}])
    [(_, table)] = list(done.appendix_tables())
    widths, fonts = _measured(table, 160)  # A4 portrait between the decree's margins
    for c, text, _ in _cells(table, header=True):
        lines = wrapped_lines(fonts, text, widths[c] - CELL_PADDING_MM, 12, bold=True)
        assert lines <= readable_lines(text), (text, lines)
    partners = 3  # "Đơn vị phối hợp": no KPI has one
    assert widths[partners] < min(widths[c] for c in (1, 6))


def test_no_column_is_narrower_than_a_word_it_holds() -> None:
    """"100%" is wider than "2023" though no longer: it broke as "100 / %" (issue 19)."""
    for example in ("ia-ake-2024", "bac-kan-2022"):
        done = load_plan(EXAMPLES / f"{example}.yaml", load_reference())
        plan = resolve_plan(done.plan, Context(done.book, load_reference()))
        for appendix, table in plan.appendix_tables():
            widths, fonts = _measured(table, 247 if appendix.landscape else 160)
            for c, text, bold in _cells(table, header=False):
                for word in text.split():
                    assert text_width_mm(fonts, word, 12, bold) + 2 <= widths[c], (word, c)


def test_the_default_widths_are_what_the_readme_says() -> None:
    """README: columns without 'rong' follow their content; the keys' help says so too."""
    from generator.model import KpiTable, TaskTable

    for model in (KpiTable, TaskTable):
        assert "chia đều" not in (model.model_fields["widths_mm"].description or "")

"""The XLSX workbook: a sheet per appendix table, same merges, live formulas with values."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document

from generator.kpi.numbers import show_percent
from generator.pipeline import BuildRequest, build
from generator.render.xlsx import sheet_name
from generator.resolve import resolve_plan
from generator.resolved import TableLayout
from tests.conftest import EXAMPLES
from tests.docx_reading import W, paragraph_text

IA_AKE = EXAMPLES / "ia-ake-2024.yaml"
BAC_KAN = EXAMPLES / "bac-kan-2022.yaml"
BAC_KAN_DATA = EXAMPLES / "bac-kan-2022-ket-qua.csv"


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("xlsx")
    ia = build(IA_AKE, BuildRequest(out, ("xlsx",))).written[0]
    bk = build(BAC_KAN, BuildRequest(out / "bk", ("xlsx",), data=BAC_KAN_DATA)).written[0]
    return {"ia": ia, "bk": bk}


def test_one_sheet_per_appendix_table(workbooks: dict[str, Path]) -> None:
    assert openpyxl.load_workbook(workbooks["ia"]).sheetnames == ["Phụ lục II"]
    assert openpyxl.load_workbook(workbooks["bk"]).sheetnames == [
        "Phụ lục I", "Phụ lục II", "Phụ lục III"]


def _first_table(plan_path: Path) -> TableLayout:
    from generator.pipeline import load_plan

    resolved = resolve_plan(load_plan(plan_path).plan)
    return next(b for a in resolved.appendices for b in a.blocks if isinstance(b, TableLayout))


def _table_start(sheet: Any, first_header: str) -> int:
    for row in sheet.iter_rows():
        if row[0].value == first_header:
            return int(row[0].row)
    raise AssertionError("table not found")


def test_merged_headers_match_the_document(workbooks: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(workbooks["ia"])["Phụ lục II"]
    layout = _first_table(IA_AKE)
    start = _table_start(sheet, "TT")
    merged = {str(r) for r in sheet.merged_cells.ranges}
    from openpyxl.utils import get_column_letter

    spans = 0
    for r, c, cell in layout.positions():
        if cell.rowspan > 1 or cell.colspan > 1:
            spans += 1
            top = f"{get_column_letter(c + 1)}{start + r}"
            bottom = f"{get_column_letter(c + cell.colspan)}{start + r + cell.rowspan - 1}"
            assert f"{top}:{bottom}" in merged
    assert spans >= 10  # TT, Địa phương, six KPI groups, "Chỉ tiêu" spans


def test_fonts_borders_frozen_header_and_print_setup(workbooks: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(workbooks["ia"])["Phụ lục II"]
    start = _table_start(sheet, "TT")
    assert sheet.freeze_panes == f"A{start + 3}"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == "9"
    assert sheet.page_setup.fitToWidth in (None, 1)  # 1 is the OOXML default, left out
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${start}:${start + 2}"
    for row in sheet.iter_rows(min_row=start):
        for cell in row:
            if cell.value is not None:
                assert cell.font.name == "Times New Roman"
                assert cell.border.left.style == "thin"


def test_percentages_are_numbers_with_a_percent_format(workbooks: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(workbooks["ia"], data_only=True)["Phụ lục II"]
    start = _table_start(sheet, "TT")
    row = [c for c in sheet[start + 3]]
    assert [c.value for c in row[:2]] == [1, "Xã Ia Ake"]  # STT is a number
    assert row[2].value == pytest.approx(0.758) and row[2].number_format == "0.0%"
    assert row[3].value == 1 and row[3].number_format == "0%"
    assert row[4].value == pytest.approx(0.9977) and row[4].number_format == "0.00%"
    assert [row[8].value, row[11].value] == [pytest.approx(0.6), pytest.approx(0.55)]


def _progress_rows(sheet: Any, unit: str) -> list[tuple[Any, ...]]:
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[1] == unit)
    out = []
    for row in rows[start + 1:]:
        if row[0] is None or not str(row[0]).isdigit():
            break
        out.append(row)
    return out


def test_progress_cells_are_live_formulas_with_cached_values(workbooks: dict[str, Path]) -> None:
    formulas = openpyxl.load_workbook(workbooks["bk"])["Phụ lục III"]
    values = openpyxl.load_workbook(workbooks["bk"], data_only=True)["Phụ lục III"]
    [first, *_] = _progress_rows(formulas, "Phòng Văn hoá và Thông tin")
    assert str(first[4]).startswith("=IF(") and "ROUNDDOWN(D" in str(first[4])
    assert str(first[6]).startswith("=IF(AND(ISNUMBER(")
    cached = _progress_rows(values, "Phòng Văn hoá và Thông tin")
    assert [(r[2], r[3], r[4], r[6]) for r in cached] == [
        (20, 15, 0.75, "Chưa đạt"), (10, 8, 0.8, "Đạt"), (155, 150, 0.967, "Đạt")]


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    names = [sheet_name("Phụ lục I", taken), sheet_name("Phụ lục I", taken),
             sheet_name("a/b:c*d?[e]" * 5, taken)]
    assert names[:2] == ["Phụ lục I", "Phụ lục I (2)"]
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def docx_progress_figures(docx: Path, unit: str) -> list[tuple[str, ...]]:
    """(a, b, result, target, mark) as the DOCX prints them for one unit."""
    table = Document(str(docx)).tables[-1]._tbl
    rows = [[paragraph_text(tc).strip() for tc in tr.findall(f"{W}tc")]
            for tr in table.findall(f"{W}tr")]
    start = next(i for i, r in enumerate(rows) if unit in r)
    out = []
    for row in rows[start + 1:]:
        if not row[0].isdigit():
            break
        out.append(tuple(row[2:7]))
    return out


def _percent(value: Any, mode: str) -> str:
    if isinstance(value, str):
        return value
    return show_percent(Fraction(Decimal(repr(value)) * 100), 1, trim=True, mode=mode)


def xlsx_progress_figures(xlsx: Path, unit: str, mode: str) -> list[tuple[str, ...]]:
    """The same five figures from the workbook's cached values, formatted the same way."""
    book = openpyxl.load_workbook(xlsx, data_only=True)
    rows = _progress_rows(book[book.sheetnames[-1]], unit)
    return [(str(r[2]), str(r[3]), _percent(r[4], mode), _percent(r[5], mode), str(r[6]))
            for r in rows]

"""The XLSX workbook: a sheet per appendix table, same merges, live formulas with values."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.kpi.book import achieved
from generator.kpi.numbers import ratio_percent, rounded
from generator.kpi.results import Measurement, ResultsFile
from generator.names import unit_key
from generator.pipeline import BuildRequest, build, load_plan
from generator.reference import load_reference
from generator.render import RenderOptions
from generator.render.xlsx import render_xlsx
from generator.resolve import Context, resolve_plan
from generator.resolve.layout import TableLayout
from tests.conftest import EXAMPLES
from tests.helpers.builders import checked, plan_data, progress_plan
from tests.helpers.docx_reading import docx_progress_figures
from tests.helpers.xlsx_formulas import evaluate
from tests.helpers.xlsx_reading import mark_cells, progress_rows, sheet_cells

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
    done = load_plan(plan_path)
    resolved = resolve_plan(done.plan, Context(done.book, load_reference()))
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


def test_percentages_are_numbers_with_one_percent_format_per_table(
        workbooks: dict[str, Path]) -> None:
    """Regression: 75,8% as "0.0%", 100% as "0%" and 99,77% as "0.00%" side by side in one
    table; every percentage now shows as many decimals as the most precise one (issue 19)."""
    sheet = openpyxl.load_workbook(workbooks["ia"], data_only=True)["Phụ lục II"]
    start = _table_start(sheet, "TT")
    row = [c for c in sheet[start + 3]]
    assert [c.value for c in row[:2]] == [1, "Xã Ia Ake"]  # STT is a number
    assert row[2].value == pytest.approx(0.758) and row[3].value == 1
    assert row[4].value == pytest.approx(0.9977)
    assert {c.number_format for c in row[2:] if c.value is not None} == {"0.00%"}
    assert [row[8].value, row[11].value] == [pytest.approx(0.6), pytest.approx(0.55)]


def test_progress_cells_are_live_formulas_with_cached_values(workbooks: dict[str, Path]) -> None:
    formulas = openpyxl.load_workbook(workbooks["bk"])["Phụ lục III"]
    values = openpyxl.load_workbook(workbooks["bk"], data_only=True)["Phụ lục III"]
    [first, *_] = progress_rows(formulas, "Phòng Văn hoá và Thông tin")
    assert str(first[4]).startswith("=IF(") and "ROUNDDOWN(D" in str(first[4])
    assert str(first[6]).startswith('=IF(COUNT(C') and "IF(AND(ISNUMBER(" in str(first[6])
    cached = progress_rows(values, "Phòng Văn hoá và Thông tin")
    assert [(r[2], r[3], r[4], r[6]) for r in cached] == [
        (20, 15, 0.75, "Chưa đạt"), (10, 8, 0.8, "Đạt"), (155, 150, 0.967, "Đạt")]


def test_two_appendices_whose_numbers_share_their_first_characters_build(
        tmp_path: Path) -> None:
    """Regression (issue 18): ``so`` values sharing their first 20 characters validated, then
    the workbook writer exited 2 on a sheet name of 32 characters."""
    table = {"bang": {"cot": [{"rong": 30}], "dong": [{"o": [{"noi_dung": "x"}]}]}}
    numbers = ["1234567890123456789012345", "1234567890123456789012399"]
    done = checked(phu_luc=[{"so": n, "tieu_de": "Bảng", "noi_dung": [table]}
                            for n in numbers])
    workbook = render_xlsx(resolve_plan(done.plan, Context(done.book, load_reference())),
                           RenderOptions(fonts=load_reference().font_metrics))
    path = tmp_path / "kh.xlsx"
    path.write_bytes(workbook)
    names = openpyxl.load_workbook(path).sheetnames
    assert len(set(names)) == 2 and all(len(n) <= 31 for n in names)


def test_workbook_mark_follows_the_targets_comparison(tmp_path: Path) -> None:
    """Regression: a "toi_da" target was judged ">=" by the workbook, "<=" by the document."""
    plan = tmp_path / "bac-kan.yaml"
    plan.write_text(BAC_KAN.read_text(encoding="utf-8").replace(
        "- {gia_tri: 30, nhom: phong-nhom-1, moc: Năm 2022}",
        "- {gia_tri: 75, nhom: phong-nhom-1, moc: Năm 2022, so_sanh: toi_da}"),
        encoding="utf-8")
    report = build(plan, BuildRequest(tmp_path, ("docx", "xlsx"), data=BAC_KAN_DATA))
    docx, xlsx = sorted(report.written)
    unit = "Phòng Văn hoá và Thông tin"
    document_marks = [row[4] for row in docx_progress_figures(docx, unit)]
    assert document_marks == ["Chưa đạt", "Đạt", "Chưa đạt"]  # 96,7% is above the 75% ceiling
    cells = sheet_cells(xlsx)
    [unit_row] = [int(ref[1:]) for ref, value in cells.items() if value == unit]
    unit_marks = [ref for ref in mark_cells(cells) if 0 < int(ref[1:]) - unit_row <= 3]
    assert "<=" in cells[unit_marks[2]]
    assert [evaluate(cells[ref], cells) for ref in unit_marks] == document_marks


@settings(max_examples=60, deadline=None)
@given(
    counts=st.integers(min_value=0, max_value=400).flatmap(
        lambda a: st.tuples(st.integers(min_value=0, max_value=a), st.just(a))),
    target=st.decimals(min_value=0, max_value=100, places=2),
    compare=st.sampled_from(["toi_thieu", "toi_da", "bang", "tren", "duoi", "phan_dau"]),
    higher_is_better=st.sampled_from([None, True, False]),
    places=st.sampled_from([None, 0, 1, 2]),
    rounding=st.sampled_from(["len", "cat"]),
    typed=st.booleans(),
)
def test_workbook_formulas_judge_as_the_document_does(
        counts: tuple[int, int], target: Decimal, compare: str, higher_is_better: bool | None,
        places: int | None, rounding: str, typed: bool) -> None:
    """The mark formula, evaluated, equals achieved() for any target, result and comparison."""
    b, a = counts
    done = checked(**progress_plan(target=target, compare=compare,
                                   higher_is_better=higher_is_better, places=places,
                                   rounding=rounding))
    exact = ratio_percent(b, a)
    measurement = Measurement(None, None, exact) if typed and exact is not None else \
        Measurement(b, a, None)
    results = ResultsFile(Path("x.csv"), {unit_key("Xã A"): {"x": measurement}}, {})
    reference = load_reference()
    book = done.book
    resolved = resolve_plan(done.plan, Context(book, reference, results, "M"))
    cells = sheet_cells(render_xlsx(resolved, RenderOptions(reference.font_metrics)))
    [mark] = mark_cells(cells)
    shown = None if exact is None else Fraction(rounded(exact, 1 if places is None else places,
                                                        rounding))
    verdict = achieved(shown, book.target("x", "M", unit="Xã A"))
    expected = "—" if verdict is None else "Đạt" if verdict else "Chưa đạt"
    assert evaluate(cells[mark], cells) == expected


def test_rows_are_as_tall_as_their_wrapped_text(tmp_path: Path) -> None:
    """Calc and Excel size no row holding merged cells: the renderer sets each height from
    the text it wraps, so long cells and notes do not overlap the next row."""
    from generator.render.xlsx import MIN_ROW_PT, wrapped_lines

    fonts = load_reference().font_metrics
    assert wrapped_lines(fonts, "ngắn", 50) == 1
    assert wrapped_lines(fonts, "chữ " * 60, 50) > 3
    table = {"cot": [{"rong": 30}, {"rong": 40}],
             "dau_bang": [[{"noi_dung": "Tiêu đề gộp rất dài " * 6, "gop_cot": 2}], ["A", "B"]],
             "dong": [["ngắn", "x"], ["một ô " * 40, "y"]], "ghi_chu": ["Ghi chú " * 60]}
    plan = tmp_path / "p.yaml"
    plan.write_text(json.dumps(plan_data(phu_luc=[{"tieu_de": "P", "noi_dung": [
        {"bang": table}]}]), ensure_ascii=False), encoding="utf-8")
    [_, xlsx] = build(plan, BuildRequest(tmp_path / "out")).written
    sheet = openpyxl.load_workbook(xlsx).active
    heights = {r: sheet.row_dimensions[r].height for r in range(1, sheet.max_row + 1)}
    start = 4  # label, title, attached line, a blank row
    merged_header, header, short, tall, _, note = (heights[start + k] for k in range(1, 7))
    assert short == MIN_ROW_PT and header == MIN_ROW_PT
    assert merged_header > MIN_ROW_PT and tall > 3 * MIN_ROW_PT and note > MIN_ROW_PT


def test_a_rule_target_is_a_live_formula_over_last_year_s_result(tmp_path: Path) -> None:
    """Ia Ake's 100-day targets (vuot_trung_uong): a clerk who corrects 2023's result in the
    workbook sees the target follow, by the same rule as the document."""
    [_, xlsx] = build(EXAMPLES / "ia-ake-2024.yaml", BuildRequest(tmp_path)).written
    cells = sheet_cells(xlsx)
    rules = {ref: f for ref, f in cells.items() if isinstance(f, str) and "MAX(" in f}
    assert rules, "the 100-day targets are computed by the rule"
    formula = next(iter(rules.values()))
    result = formula.split("ISNUMBER(")[1].split(")")[0]
    assert evaluate(formula, cells) == pytest.approx(0.6)  # 0,2% in 2023: 50% + 10
    assert evaluate(formula, {**cells, result: 0.7}) == pytest.approx(0.8)  # 70% + 10
    assert evaluate(formula, {**cells, result: 0.95}) == pytest.approx(1.0)  # capped


def test_an_interpolated_target_is_a_live_formula_between_its_ends(tmp_path: Path) -> None:
    kpi = {"id": "x", "ten": "Tỷ lệ X",
           "ket_qua": [{"don_vi": "Xã A", "moc": "Đầu", "gia_tri": 20}],
           "muc_tieu": [{"don_vi": "Xã A", "moc": "Giữa",
                         "quy_tac": {"loai": "noi_suy", "tu_moc": "Đầu", "den_moc": "Cuối"}},
                        {"don_vi": "Xã A", "moc": "Cuối", "gia_tri": 60}]}
    plan = tmp_path / "p.yaml"
    plan.write_text(json.dumps(plan_data(
        chi_tieu=[kpi], cac_moc=[{"ten": "Đầu", "so_ngay": 0}, {"ten": "Giữa", "so_ngay": 25},
                                  {"ten": "Cuối", "so_ngay": 100}],
        phu_luc=[{"tieu_de": "P", "noi_dung": [{"bang_chi_tieu": {
            "kieu": "theo_moc", "don_vi": ["Xã A"]}}]}]), ensure_ascii=False), encoding="utf-8")
    [_, xlsx] = build(plan, BuildRequest(tmp_path / "out")).written
    cells = sheet_cells(xlsx)
    [formula] = [f for f in cells.values() if isinstance(f, str)
                 and f.startswith("=IF(AND(ISNUMBER(") and "*" in f]
    start = formula.split("ISNUMBER(")[1].split(")")[0]
    assert evaluate(formula, cells) == pytest.approx(0.3)  # 20% + (60% - 20%) × 25/100
    assert evaluate(formula, {**cells, start: 0.4}) == pytest.approx(0.45)

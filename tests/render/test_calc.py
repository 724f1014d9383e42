"""Every workbook recalculated by LibreOffice Calc gives back the values kehoach cached.

kehoach writes each formula with its computed value; a clerk's Calc or Excel recalculates
on load. Calc recalculates an XLSX on load only when its profile says so
(``OOXMLRecalcMode`` = 0, "always"), so the test makes such a profile, has Calc re-save
each workbook, and compares every formula cell's value with the cached one.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from generator.kpi.results import Measurement, ResultsFile
from generator.names import unit_key
from generator.pipeline import BuildRequest, build
from generator.reference import load_reference
from generator.render import RenderOptions
from generator.render.xlsx import render_xlsx
from generator.resolve import Context, resolve_plan
from tests.conftest import EXAMPLES, example_paths
from tests.helpers.builders import checked, progress_plan

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    """(workbook kehoach wrote, the same after Calc recalculated and saved it)."""
    root = tmp_path_factory.mktemp("calc")
    profile = root / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
    books = []
    for plan in example_paths():
        data = EXAMPLES / "bac-kan-2022-ket-qua.csv" if plan.stem == "bac-kan-2022" else None
        written = build(plan, BuildRequest(root / "out", ("xlsx",), data=data)).written
        books += [p for p in written if p.suffix == ".xlsx"]
    books += list(_judged(root / "out"))
    books.append(_stale(root / "out" / "stale.xlsx"))
    books.append(_typed_by_a_clerk(root / "out" / "typed.xlsx"))
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir",
                    str(root / "calc"), *map(str, books)], check=True, capture_output=True,
                   timeout=300)
    return [(book, root / "calc" / book.name) for book in books]


COUNTS = ((0, 0), (45, 100), (50, 100), (967, 1000))
"""(b, a): no data, below, at and above a target of 50% (and a ratio that rounds)."""


def _judged(folder: Path) -> Iterator[Path]:
    """Progress workbooks for every comparison a target may say, at several results."""
    reference = load_reference()
    for compare in ("toi_thieu", "toi_da", "bang", "tren", "duoi", "phan_dau"):
        for b, a in COUNTS:
            done = checked(**progress_plan(target=Decimal(50), compare=compare))
            results = ResultsFile(Path("x.csv"), {unit_key("Xã A"): {
                "x": Measurement(b, a, None)}}, {})
            resolved = resolve_plan(done.plan, Context(done.book, reference, results, "M"))
            path = folder / f"{compare}-{b}-{a}.xlsx"
            path.write_bytes(render_xlsx(resolved, RenderOptions(reference.font_metrics)))
            yield path


def _stale(path: Path) -> Path:
    """A workbook whose cached value is wrong on purpose: proof that Calc recalculated."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet().write_formula("A1", "=1+1", None, 5)
    book.close()
    return path


UNIT_WITHOUT_DATA = "Xã B"


def _typed_by_a_clerk(path: Path) -> Path:
    """A progress workbook of a unit without data in which a clerk typed a = 200, b = 150,
    saved without values (as openpyxl saves): only a recalculation can fill its cells."""
    reference = load_reference()
    keys = progress_plan(target=Decimal(50))
    keys["chi_tieu"][0]["muc_tieu"].append({"don_vi": UNIT_WITHOUT_DATA, "moc": "M",
                                            "gia_tri": 80})
    done = checked(**keys)
    results = ResultsFile(Path("x.csv"), {unit_key("Xã A"): {"x": Measurement(45, 100, None)}},
                          {})
    resolved = resolve_plan(done.plan, Context(done.book, reference, results, "M"))
    path.write_bytes(render_xlsx(resolved, RenderOptions(reference.font_metrics)))
    book = openpyxl.load_workbook(path)
    sheet = book.active
    [row] = [c.row + 1 for r in sheet.iter_rows() for c in r if c.value == UNIT_WITHOUT_DATA]
    sheet.cell(row, 3).value, sheet.cell(row, 4).value = 200, 150
    book.save(path)
    return path


def test_a_unit_without_data_gets_live_formulas_a_clerk_can_fill(
        recalculated: list[tuple[Path, Path]]) -> None:
    """Regression: a unit without data had a fixed "—" and "Chưa có số liệu"; a clerk who
    types its a and b now sees the ratio and the mark, as for any other unit (issue 19)."""
    [again] = [again for book, again in recalculated if book.name == "typed.xlsx"]
    sheet = openpyxl.load_workbook(again, data_only=True).active
    [row] = [c.row + 1 for r in sheet.iter_rows() for c in r if c.value == UNIT_WITHOUT_DATA]
    values = [sheet.cell(row, c).value for c in range(3, 8)]
    assert values == [200, 150, pytest.approx(0.75), pytest.approx(0.8), "Chưa đạt"]


def _formula_values(book: Path, again: Path) -> list[tuple[str, object, object]]:
    formulas = openpyxl.load_workbook(book)
    cached = openpyxl.load_workbook(book, data_only=True)
    recalc = openpyxl.load_workbook(again, data_only=True)
    out = []
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    out.append((f"{sheet.title}!{cell.coordinate}",
                                cached[sheet.title][cell.coordinate].value,
                                recalc[sheet.title][cell.coordinate].value))
    return out


def test_calc_recalculates_every_formula_to_its_cached_value(
        recalculated: list[tuple[Path, Path]]) -> None:
    compared = 0
    [stale] = [again for book, again in recalculated if book.name == "stale.xlsx"]
    assert openpyxl.load_workbook(stale, data_only=True).active["A1"].value == 2
    for book, again in recalculated:
        if book.name in ("stale.xlsx", "typed.xlsx"):
            continue
        for where, cached, computed in _formula_values(book, again):
            compared += 1
            if isinstance(cached, float) or isinstance(computed, float):
                assert computed == pytest.approx(cached, abs=1e-9), (book.name, where)
            else:
                assert computed == cached, (book.name, where)
    assert compared >= 2 * 6 * len(COUNTS)  # a ratio and a mark in every judged workbook

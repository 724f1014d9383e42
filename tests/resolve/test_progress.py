"""The progress view: shown value rounded once, marks, a zero denominator noted."""

from __future__ import annotations

from pathlib import Path

from generator.kpi.results import Measurement, ResultsFile
from generator.names import unit_key
from generator.reference import load_reference
from generator.resolve import Context
from generator.resolve.progress import progress_lines, progress_table
from tests.helpers.builders import checked, progress_plan


def _context(measurement: Measurement | None, rounding: str = "len") -> tuple[object, Context]:
    done = checked(**progress_plan(target=96.7, rounding=rounding))
    units = {unit_key("Xã A"): {"x": measurement}} if measurement else {}
    results = ResultsFile(Path("kq.csv"), units, {unit_key("Xã A"): "Xã A"} if units else {})
    return done.plan, Context(done.book, load_reference(), results, "M")


def test_the_mark_is_judged_on_the_figure_as_shown() -> None:
    plan, context = _context(Measurement(150, 155, None), "cat")
    [line] = progress_lines(plan, context)  # type: ignore[arg-type]
    assert (str(line.value), line.mark) == ("967/10", "Đạt")  # 96,7% ≥ 96,7%
    plan, context = _context(Measurement(150, 155, None))
    [line] = progress_lines(plan, context)  # type: ignore[arg-type]
    assert line.mark == "Đạt"  # 96,8%


def test_no_figures_and_a_zero_denominator() -> None:
    plan, context = _context(None)
    [line] = progress_lines(plan, context)  # type: ignore[arg-type]
    assert line.mark == "Chưa có số liệu"
    plan, context = _context(Measurement(0, 0, None))
    [line] = progress_lines(plan, context)  # type: ignore[arg-type]
    assert (line.value, line.mark) == (None, "—")
    layout = progress_table(plan, context)  # type: ignore[arg-type]
    assert layout.notes and "Mẫu số bằng 0" in layout.notes[0].inlines[0].text  # type: ignore[union-attr]


def _file(*names: str) -> ResultsFile:
    keys = [unit_key(name) for name in names]
    return ResultsFile(Path("kq.csv"), {k: {"x": Measurement(1, 2, None)} for k in keys},
                       dict(zip(keys, names, strict=True)))


def test_units_only_the_file_knows_are_not_rows() -> None:
    done = checked(**progress_plan(target=50))
    context = Context(done.book, load_reference(), _file("Xã A", *(f"Xã {n}" for n in range(500))),
                      "M")
    assert [line.unit for line in progress_lines(done.plan, context)] == ["Xã A"]
    assert len(progress_table(done.plan, context).rows) == 2  # Xã A's group row and its line


def test_a_plan_naming_no_unit_has_a_row_for_each_unit_of_the_file() -> None:
    done = checked(**{**progress_plan(target=50), "chi_tieu": [
        {"id": "x", "ten": "Tỷ lệ X", "tu_so": "b", "mau_so": "a",
         "muc_tieu": [{"moc": "M", "gia_tri": 50}]}]})
    context = Context(done.book, load_reference(), _file("Xã B", "Xã C"), "M")
    lines = list(progress_lines(done.plan, context))
    assert [(line.unit, line.mark) for line in lines] == [("Xã B", "Đạt"), ("Xã C", "Đạt")]

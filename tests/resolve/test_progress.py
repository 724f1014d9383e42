"""The progress view: shown value rounded once, marks, a zero denominator noted."""

from __future__ import annotations

from pathlib import Path

from generator.kpi.results import Measurement, ResultsFile
from generator.names import unit_key
from generator.reference import load_reference
from generator.resolve import Context
from generator.resolve.progress import progress_lines, progress_table
from tests.builders import checked, progress_plan


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

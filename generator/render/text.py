"""The progress table a build prints (units × KPIs, in aligned columns)."""

from __future__ import annotations

from collections.abc import Iterable

from generator.kpi.numbers import DASH, show_percent
from generator.resolve.progress import ProgressLine

MAX_CELL = 36
"""Characters of a cell shown before it is cut, so a row fits a terminal."""

HEADINGS = ("Đơn vị", "Chỉ tiêu", "a", "b", "Kết quả", "Chỉ tiêu giao", "Đánh giá")


def _row(line: ProgressLine) -> tuple[str, ...]:
    m = line.measurement
    assert m is not None
    return (line.unit, line.kpi.short_name or line.kpi.name or "",
            DASH if m.denominator is None else str(m.denominator),
            DASH if m.numerator is None else str(m.numerator),
            show_percent(line.value, line.places, trim=True),
            show_percent(line.target.value if line.target else None, line.target_places(),
                         trim=True), line.mark)


def progress_text(lines: Iterable[ProgressLine]) -> str:
    """Units with figures, one line per KPI, in aligned columns (units without data are
    listed once in a warning instead)."""
    rows = [HEADINGS, *(_row(line) for line in lines if line.measurement is not None)]
    widths = [min(MAX_CELL, max(len(r[i]) for r in rows)) for i in range(len(HEADINGS))]
    out = []
    for n, row in enumerate(rows):
        out.append("  ".join(cell[:MAX_CELL].ljust(w)
                             for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)

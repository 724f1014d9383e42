"""The terminal's views of a build: the progress table and the report of a run."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from generator.kpi.numbers import DASH, show_percent
from generator.resolve.progress import ProgressLine

if TYPE_CHECKING:
    from generator.batch import Outcome

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


MANY = 20
"""From this many plans on, a build lists only failures and a summary, not every file."""

Line = tuple[str, bool]
"""A line for the terminal and whether it goes to the error stream."""


def build_report(outcomes: Sequence[Outcome], explain: bool) -> list[Line]:
    """What ``kehoach build`` prints: each plan's files and warnings (or, for many plans,
    a summary), then every failure with its problems, at the end."""
    out: list[Line] = []
    few = len(outcomes) < MANY
    for outcome in outcomes:
        if outcome.failed:
            continue
        out += [(d.format(), True) for d in outcome.diagnostics] if few else []
        out += [(f"Đã ghi {target}.", False) for target in outcome.written] if few else []
        out += [(f"Đã xóa {target}: bảng tính của lần dựng trước, nay kế hoạch không còn bảng "
                 "phụ lục.", False) for target in outcome.removed] if few else []
        out += [(outcome.progress, False)] if outcome.progress else []
        if explain:
            out.append(("Cách tính chỉ tiêu:" if outcome.explanations else
                        "Không có chỉ tiêu nào được tính theo quy tắc.", False))
            out += [(f"  - {line}", False) for line in outcome.explanations]
    failed = [o for o in outcomes if o.failed]
    if not few:
        out.append(_summary(outcomes, len(failed)))
        out += [(f"  {o.path}: {len(o.diagnostics)} cảnh báo", False) for o in outcomes
                if o.diagnostics and not o.failed]
    for outcome in failed:
        out += [(d.format(), True) for d in outcome.diagnostics]
        out.append((f"{outcome.path}: lỗi nội bộ của kehoach khi dựng kế hoạch này (không phải "
                    "do tệp của bạn); không ghi tệp nào." if outcome.bug else
                    f"{outcome.path}: không dựng được (không ghi tệp nào).", True))
    return out


def _summary(outcomes: Sequence[Outcome], failed: int) -> Line:
    written = sum(len(o.written) for o in outcomes)
    removed = sum(len(o.removed) for o in outcomes if not o.failed)
    warned = sum(1 for o in outcomes if o.diagnostics and not o.failed)
    return (f"Đã dựng {len(outcomes) - failed}/{len(outcomes)} kế hoạch ({written} tệp"
            + (f", xóa {removed} bảng tính cũ của kế hoạch không còn bảng phụ lục"
               if removed else "")
            + f"); {warned} kế hoạch có cảnh báo" + (" (chạy kehoach validate với từng tệp "
                                                    "dưới đây để xem):" if warned else "."),
            False)

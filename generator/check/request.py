"""Rules that relate a build's options to the plan: ``--data``, ``--moc``, coverage.

They are about whole files (the plan, the results file), so they carry no line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.check.core import SURE, did_you_mean
from generator.errors import Diagnostic, Severity
from generator.kpi.book import KpiBook
from generator.kpi.results import ResultsFile
from generator.kpi.units import plan_units
from generator.model import Plan
from generator.names import unit_key


@dataclass(frozen=True)
class Request:
    """What a build was asked for, besides the plan: a milestone, a results file."""

    plan: Plan
    book: KpiBook
    file: str
    milestone: str | None = None
    data_given: bool = False
    results: ResultsFile | None = None


def data_needs_a_mapping(request: Request) -> Iterator[Diagnostic]:
    """``--data`` is read by the plan's ``du_lieu``; without it nothing can be read."""
    if request.data_given and request.plan.data_mapping is None:
        yield Diagnostic("Có --data nhưng kế hoạch chưa khai báo cách đọc tệp số liệu "
                         "('du_lieu').", request.file,
                         hint="Thêm 'du_lieu' (cot_don_vi, chi_tieu…), xem hướng dẫn, "
                              "trang 'Số liệu từ Cổng dịch vụ công'.")


def milestone_is_known(request: Request) -> Iterator[Diagnostic]:
    """``--moc`` names a milestone of the plan (a typo would judge nothing)."""
    known = request.book.milestones()
    if request.milestone is not None and request.milestone not in known:
        yield Diagnostic(f"Không có mốc '{request.milestone}' trong kế hoạch (--moc).",
                         request.file, hint=did_you_mean(request.milestone, known,
                                                         listing="Các mốc"))


LISTED = 20
"""Names a coverage warning lists before "và K đơn vị khác": a file of every commune of a
province would otherwise make a warning of hundreds of lines."""


def listed(names: Sequence[str]) -> str:
    """The first :data:`LISTED` names, then how many more there are."""
    shown = "; ".join(names[:LISTED])
    rest = len(names) - LISTED
    return shown + (f"; và {rest} đơn vị khác" if rest > 0 else "")


def results_units_are_in_the_plan(request: Request) -> Iterator[Diagnostic]:
    """Units of the results file that the plan does not know are listed, once; they are
    not rows of the progress table. A plan that names no unit knows them all."""
    results = request.results
    if results is None:
        return
    planned = plan_units(request.plan, request.book)
    known = {unit_key(u) for u in planned}
    unknown = [key for key in results.names if key not in known]
    if not known or not unknown:
        return
    shown = [_with_row(results, key) for key in unknown]
    missing = {unit_key(u): u for u in planned if results.for_unit(u) is None}
    yield Diagnostic(f"{len(unknown)} đơn vị có trong tệp số liệu nhưng không có trong kế "
                     "hoạch (không đưa vào bảng tiến độ): " + listed(shown) + ".",
                     str(results.path), severity=Severity.WARNING,
                     hint=_likely_same(results, unknown[:LISTED], missing)
                     + "Kiểm tra tên đơn vị trong tệp số liệu và trong kế hoạch.")


def _with_row(results: ResultsFile, key: str) -> str:
    row = results.rows.get(key)
    return results.names[key] + (f" (dòng {row})" if row is not None else "")


def _likely_same(results: ResultsFile, unknown: Sequence[str],
                 missing: dict[str, str]) -> str:
    """Names of the file that are probably a plan's unit without figures, misspelt.

    Only the names listed are compared, and only with the plan's units the file lacks, so
    the cost does not grow with the file; as alike as kehoach's other suggestions must be.
    """
    pairs, candidates = [], list(missing)
    for key in unknown:
        close = difflib.get_close_matches(key, candidates, n=1, cutoff=SURE)
        if close:
            pairs.append(f"'{results.names[key]}' là '{missing[close[0]]}'?")
    return "Có phải " + "; ".join(pairs) + " " if pairs else ""


def plan_units_have_results(request: Request) -> Iterator[Diagnostic]:
    """Units of the plan missing from the results file are listed, once."""
    if request.results is None:
        return
    missing = [u for u in plan_units(request.plan, request.book)
               if request.results.for_unit(u) is None]
    if missing:
        yield Diagnostic(f"{len(missing)} đơn vị chưa có số liệu (bảng tiến độ ghi 'Chưa có "
                         "số liệu'): " + listed(missing) + ".", str(request.results.path),
                         severity=Severity.WARNING)


REQUEST_RULES = (data_needs_a_mapping, milestone_is_known, results_units_are_in_the_plan,
                 plan_units_have_results)
"""The rules of a build request, in the order they are reported."""


def check_request(request: Request) -> list[Diagnostic]:
    """Every problem of a build's options (errors first stop the build in the pipeline)."""
    return [found for rule in REQUEST_RULES for found in rule(request)]

"""The stages wired together: load → model → ids → consistency checks (→ resolve → render).

Commands call these functions; each returns data or raises :class:`KeHoachError` with every
problem found.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from generator.consistency import check_consistency
from generator.errors import Diagnostic, KeHoachError, Severity
from generator.ids import assign_ids
from generator.kpi.book import KpiBook
from generator.load import Document, load_file
from generator.model import Plan
from generator.resolve.kpi_tables import KpiContext
from generator.resolve.progress import ProgressLine
from generator.validate import build_plan


@dataclass(frozen=True)
class LoadedPlan:
    """A validated plan with its source document (for positions) and its warnings."""

    plan: Plan
    document: Document
    warnings: list[Diagnostic]


def load_plan(path: str | Path) -> LoadedPlan:
    """Load, validate and check a plan file; raise on errors, return warnings."""
    document = load_file(path)
    plan = assign_ids(build_plan(document))
    found = check_consistency(plan, document)
    errors = [d for d in found if d.severity is Severity.ERROR]
    if errors:
        raise KeHoachError(found)
    return LoadedPlan(plan, document, found)


def check_plan(path: str | Path) -> list[Diagnostic]:
    """Validate a plan file: the warnings when it is valid, else raise with everything."""
    return load_plan(path).warnings


@dataclass(frozen=True)
class BuildRequest:
    """What to build and with what: formats, template, results file, milestone, --explain."""

    out_dir: Path
    formats: tuple[str, ...] = ("docx", "xlsx")
    template: Path | None = None
    data: Path | None = None
    milestone: str | None = None
    explain: bool = False


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote and what a clerk should read: warnings, progress, explanations."""

    written: list[Path]
    warnings: list[Diagnostic]
    progress: list[ProgressLine]
    explanations: list[str]


def kpi_context(loaded: LoadedPlan, request: BuildRequest) -> tuple[KpiContext, list[Diagnostic]]:
    """The KPI book, and the results file when one is given; its problems are errors."""
    from generator.kpi.book import build_book
    from generator.kpi.data import read_results

    plan = loaded.plan
    book = build_book(plan)
    _check_milestone(book, request.milestone, loaded.document.file)
    if request.data is None:
        return KpiContext(book, None, request.milestone, request.explain), []
    if plan.data_mapping is None:
        raise KeHoachError([Diagnostic(
            "Có --data nhưng kế hoạch chưa khai báo cách đọc tệp số liệu ('du_lieu').",
            loaded.document.file, hint="Thêm 'du_lieu' (cot_don_vi, chi_tieu…), xem README.")])
    results = read_results(request.data, plan.data_mapping)
    if results.problems:
        raise KeHoachError(results.problems)
    context = KpiContext(book, results, request.milestone, request.explain)
    return context, _coverage_warnings(plan, context)


def _check_milestone(book: KpiBook, milestone: str | None, file: str) -> None:
    """``--moc`` must name a milestone the plan knows (a typo would judge nothing)."""
    if milestone is None:
        return
    known = set(book.milestone_order) | {
        v.milestone for values in book.targets.values() for v in values if v.milestone}
    if milestone not in known:
        close = difflib.get_close_matches(milestone, sorted(known), n=1)
        raise KeHoachError([Diagnostic(
            f"Không có mốc '{milestone}' trong kế hoạch (--moc).", file,
            hint=f"Có phải ý bạn là '{close[0]}'?" if close else
            "Các mốc: " + ", ".join(sorted(known)) + ".")])


def _coverage_warnings(plan: Plan, context: KpiContext) -> list[Diagnostic]:
    from generator.kpi.data import unit_key
    from generator.resolve.progress import plan_units

    assert context.results is not None
    known = {unit_key(u) for g in plan.unit_groups for u in g.units}
    known |= {unit_key(v.unit) for vs in context.book.targets.values() for v in vs if v.unit}
    file = str(context.results.path)
    out = [Diagnostic(f"Đơn vị '{name}' có trong tệp số liệu nhưng không có trong kế hoạch.",
                      file, severity=Severity.WARNING)
           for key, name in context.results.names.items() if key not in known]
    missing = [u for u in plan_units(plan, context) if context.results.for_unit(u) is None]
    if missing:
        out.append(Diagnostic(
            f"{len(missing)} đơn vị chưa có số liệu (bảng tiến độ ghi 'Chưa có số liệu'): "
            + "; ".join(missing) + ".", file, severity=Severity.WARNING))
    return out


def build(path: str | Path, request: BuildRequest) -> BuildReport:
    """Render a plan; every output is written only after all of them rendered."""
    from generator.outputs import write_bytes_atomic
    from generator.render import RenderOptions, renderers
    from generator.render.xlsx import appendix_tables
    from generator.resolve import resolve_plan
    from generator.resolve.progress import progress_lines

    loaded = load_plan(path)
    context, warnings = kpi_context(loaded, request)
    resolved = resolve_plan(loaded.plan, context)
    options = RenderOptions(template=request.template)
    available = renderers()
    rendered: dict[str, bytes] = {}
    for fmt in request.formats:
        if fmt == "xlsx" and not any(appendix_tables(resolved)):
            continue  # no appendix table, no workbook
        if fmt == "pdf" and "docx" in rendered:  # convert the DOCX already made, not again
            from generator.render.pdf import docx_to_pdf

            rendered[fmt] = docx_to_pdf(rendered["docx"])
        else:
            rendered[fmt] = available[fmt](resolved, options)
    written = []
    for fmt, data in rendered.items():
        target = request.out_dir / f"{Path(path).stem}.{fmt}"
        write_bytes_atomic(target, data)
        written.append(target)
    progress = list(progress_lines(loaded.plan, context)) if context.results else []
    return BuildReport(written, loaded.warnings + warnings, progress,
                       context.book.explanations())

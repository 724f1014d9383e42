"""The stages wired together: load → model → check → resolve → render → outputs.

Commands call these functions; each returns data or raises :class:`KeHoachError` with every
problem found. Reference data is loaded once per process and passed down.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.check import CheckedPlan, check_against_parent, check_plan, parse_plan
from generator.check.parent import Lineage
from generator.check.request import Request, check_request
from generator.errors import Diagnostic, KeHoachError, Severity
from generator.hierarchy import unit_of
from generator.ids import assign_ids
from generator.kpi.results import ResultsFile, read_results
from generator.load import YamlDocument, load_file
from generator.reference import Reference, load_reference
from generator.resolve import Context, explanations, resolve_plan
from generator.resolve.inherit import inherit
from generator.resolve.layout import ResolvedPlan
from generator.resolve.progress import ProgressLine, progress_lines

if TYPE_CHECKING:
    from generator.diff import Versions
    from generator.docx_check import Finding
    from generator.load.sources import PlanSource


def load_plan(path: str | Path, reference: Reference | None = None,
              parent: str | Path | None = None, document: YamlDocument | None = None
              ) -> CheckedPlan:
    """Load, model and check a plan file; raise with every error, else the checked plan.

    A plan that names its parent (``ke_hoach_cap_tren``), or is given one (``parent``), is
    completed from it and checked against it; the parent is loaded the same way, so a chain
    of plans resolves from the top, and a cycle is an error. ``document`` is the plan
    already read from elsewhere (a git revision): ``path`` then only places it, for its
    parent link.
    """
    return _load(Path(path), reference or load_reference(),
                 Path(parent) if parent is not None else None, (), document)


def _load(path: Path, reference: Reference, parent_path: Path | None,
          chain: tuple[Path, ...], document: YamlDocument | None = None) -> CheckedPlan:
    document = document or load_file(path)
    plan = parse_plan(document)
    live = plan.parent is not None  # given --parent, a plan without the link is a copy
    if parent_path is None and plan.parent is not None:
        parent_path = Path(os.path.normpath(path.parent / plan.parent))
    if parent_path is None:
        return check_plan(plan, document, reference)
    parent = _load_parent(parent_path, document, reference, (*chain, path.resolve()))
    unit = unit_of(plan.issuer, reference, plan.date.earliest(), parent.plan.issuer.level)
    parent_unit = unit_of(parent.plan.issuer, reference, parent.plan.date.earliest())
    inherited = inherit(plan, parent.plan, parent_unit, unit, live=live)
    checked = check_plan(inherited.plan, document, reference, inherited.floors,
                         inherited.relocate)
    lineage = Lineage(assign_ids(plan), checked.plan, checked.book, parent.plan, parent.book,
                      unit, parent_unit, not (live and plan.inheritance.automatic), reference)
    return check_against_parent(checked, lineage, parent)


MAX_PARENTS = 10
"""Plans above a plan through ``ke_hoach_cap_tren``. The administration has fewer levels
(trung ương, tỉnh, sở, huyện, phòng, xã…), and each parent is loaded and checked in full: a
longer chain is a mistake (a copy pointing at a copy), refused where it is cut."""


class ChainTooLong(KeHoachError):
    """The chain of parents is longer than :data:`MAX_PARENTS`: said once, at the link that
    cut it, not again at the link of every plan below."""


def _at_parent_link(document: YamlDocument, message: str, hint: str = "") -> Diagnostic:
    """A problem with the parent plan itself, reported at the child's link to it."""
    line, column, path = document.locate(("ke_hoach_cap_tren",))
    return Diagnostic(message, document.file, line, column, path, hint=hint)


def _is_file(path: Path) -> bool:
    """Whether a file is there; a name the system refuses (too long, say) is not one."""
    try:
        return path.is_file()
    except OSError:
        return False


def _load_parent(path: Path, document: YamlDocument, reference: Reference,
                 chain: tuple[Path, ...]) -> CheckedPlan:
    """The parent plan, checked; every problem with it is located at the child's link."""
    if path.resolve() in chain:
        names = " → ".join(p.name for p in (*chain, path.resolve()))
        raise KeHoachError([_at_parent_link(
            document, f"Kế thừa vòng tròn: {names}.",
            "Một kế hoạch không thể (gián tiếp) là cấp trên của chính nó: sửa "
            "'ke_hoach_cap_tren' của một trong các tệp trên.")])
    if len(chain) > MAX_PARENTS:
        names = " → ".join(p.name for p in (*chain, path.resolve()))
        raise ChainTooLong([_at_parent_link(
            document, f"Chuỗi kế hoạch cấp trên dài quá {MAX_PARENTS} tầng: {names}.",
            f"Mỗi kế hoạch trỏ 'ke_hoach_cap_tren' đến kế hoạch ngay trên nó; không cấp hành "
            f"chính nào có quá {MAX_PARENTS} tầng: sửa 'ke_hoach_cap_tren' của tệp này.")])
    if not _is_file(path):
        raise KeHoachError([_at_parent_link(
            document, f"Không tìm thấy tệp kế hoạch cấp trên '{path}'.",
            "Đường dẫn tính từ thư mục chứa tệp này, ví dụ '../huyen/ke-hoach-81.yaml'.")])
    try:
        return _load(path, reference, None, chain)
    except ChainTooLong:
        raise
    except KeHoachError as exc:
        raise KeHoachError([_at_parent_link(
            document, f"Kế hoạch cấp trên '{path}' có lỗi (xem các dòng sau).",
            "Sửa kế hoạch cấp trên trước, hoặc trỏ 'ke_hoach_cap_tren' đến đúng tệp."),
            *exc.diagnostics]) from exc


def check_file(path: str | Path, parent: str | Path | None = None) -> list[Diagnostic]:
    """``kehoach validate``: the warnings of a valid plan; raise with everything otherwise."""
    return list(load_plan(path, parent=parent).warnings)


@dataclass(frozen=True)
class BuildRequest:
    """What to build and with what: formats, template, results file, milestone, --explain."""

    out_dir: Path
    formats: tuple[str, ...] = ("docx", "xlsx")
    template: Path | None = None
    data: Path | None = None
    milestone: str | None = None
    explain: bool = False
    pdf_seconds: int | None = None
    """The time LibreOffice may take over each document (``--thoi-han-pdf``); by default it
    grows with the document (:func:`generator.render.pdf.time_limit`)."""


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote and what a clerk should read: warnings, progress, explanations."""

    written: list[Path]
    warnings: list[Diagnostic]
    progress: list[ProgressLine]
    explanations: list[str]
    removed: list[Path] = field(default_factory=list)
    """Files of an earlier build the plan no longer has (its workbook, once it has no
    appendix tables), removed with the set so no stale file stays beside the new ones."""


@dataclass(frozen=True)
class Prepared:
    """A plan built in memory: its files, not yet written, and what the build reports."""

    files: dict[Path, bytes]
    report: BuildReport


def targets(path: str | Path, request: BuildRequest) -> dict[str, Path]:
    """Where each format asked for goes: ``-o/STEM.docx``, ``-o/STEM.xlsx``, ``-o/STEM.pdf``."""
    return {fmt: request.out_dir / f"{Path(path).stem}.{fmt}" for fmt in request.formats}


def inputs_of(path: str | Path, request: BuildRequest) -> dict[Path, str]:
    """The files a build reads, each with what it is: none may be replaced by an output."""
    out = {Path(path): "kế hoạch"}
    if request.data is not None:
        out[request.data] = "tệp số liệu (--data)"
    if request.template is not None:
        out[request.template] = "mẫu trình bày (--template)"
    return out


def _results(checked: CheckedPlan,
             request: BuildRequest) -> tuple[ResultsFile | None, list[Diagnostic]]:
    """The results file when one is given, after the options it needs are checked."""
    asked = Request(checked.plan, checked.book, checked.document.file, request.milestone,
                    request.data is not None)
    found = check_request(asked)
    if any(d.severity is Severity.ERROR for d in found):
        raise KeHoachError(found)
    if request.data is None or checked.plan.data_mapping is None:
        return None, found
    results = read_results(request.data, checked.plan.data_mapping)
    if results.errors():
        raise KeHoachError(results.problems)
    return results, [*results.problems, *check_request(replace(asked, results=results))]


def resolve_for(checked: CheckedPlan, request: BuildRequest, reference: Reference
                ) -> tuple[ResolvedPlan, Context, list[Diagnostic]]:
    """The plan resolved for this request, with the context used and the request's warnings."""
    results, warnings = _results(checked, request)
    context = Context(checked.book, reference, results, request.milestone, request.explain)
    return resolve_plan(checked.plan, context), context, warnings


def build_time() -> dt.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` for a reproducible build (the same bytes every time)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def render_all(resolved: ResolvedPlan, request: BuildRequest,
               reference: Reference) -> dict[str, bytes]:
    """Every format asked for but the PDF, in memory; the DOCX also when only the PDF is
    asked for (the PDF is converted from it: :func:`with_pdf`)."""
    from generator.render import RenderOptions, renderer

    options = RenderOptions(reference.font_metrics, request.template, build_time())
    out: dict[str, bytes] = {}
    if "docx" in request.formats or "pdf" in request.formats:
        out["docx"] = renderer("docx")(resolved, options)
    if "xlsx" in request.formats and any(resolved.appendix_tables()):
        out["xlsx"] = renderer("xlsx")(resolved, options)
    return out


def with_pdf(rendered: dict[str, bytes], request: BuildRequest, path: Path) -> dict[str, bytes]:
    """The PDF converted from the DOCX when asked for (the DOCX then kept only if asked for
    too); a failure names the plan."""
    if "pdf" not in request.formats:
        return rendered
    from generator.render.pdf import docx_to_pdf

    out = {**rendered, "pdf": docx_to_pdf(rendered["docx"], str(path), request.pdf_seconds)}
    if "docx" not in request.formats:
        del out["docx"]
    return out


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off for the length of one build.

    A build makes many small objects and no cycles worth collecting; with the collector on,
    each of its passes walks every object alive, so a plan ten times larger took twelve
    times longer. Reference counting still frees everything as usual.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


CONTENT_FINDINGS = ("thieu.", "sai_chu.")
"""Findings about what the document says (a part left empty or "…", a fixed line
misspelled): they follow from the plan's own text, so on kehoach's template they are the
clerk's to fix, said as warnings; every other finding there is a bug of kehoach."""
PLAN_FIELDS = {"co_quan": "co_quan.ten", "trich_yeu": "trich_yeu",
               "chuc_vu_ky": "nguoi_ky.chuc_vu", "ho_ten_ky": "nguoi_ky.ho_ten",
               "noi_nhan": "noi_nhan.danh_sach"}
"""The plan key that gives each part a content finding names (by the finding's id)."""


def _content_warning(finding: Finding, path: Path) -> Diagnostic:
    """A content finding on the built document, said at the plan key that gives the part."""
    key = PLAN_FIELDS.get(finding.id.split(".", 1)[1], "")
    hint = f"Điền '{key}' trong tệp kế hoạch (đang trống hoặc còn '…')." if key else finding.fix
    return Diagnostic(f"Văn bản dựng ra sai thể thức: {finding.message}", str(path),
                      path=tuple(key.split(".")) if key else (),
                      severity=Severity.WARNING, hint=hint)


def _holds_to_the_format(docx: bytes, request: BuildRequest, path: Path) -> list[Diagnostic]:
    """``build`` checks its own output against the official format (``kehoach check``):
    with kehoach's template a layout failure is a bug of kehoach and raised as one, and a
    part the plan leaves empty is a warning for the clerk (returned); with the clerk's
    ``--template`` every error is the template's to fix, said with every finding."""
    from generator.docx_check import check_docx

    errors = [f for f in check_docx(path.with_suffix(".docx"), docx) if f.severity == "lỗi"]
    if request.template is not None:
        if errors:
            raise KeHoachError([Diagnostic(f"Văn bản dựng từ mẫu sai thể thức: {f.where}: "
                                           f"{f.message}", str(request.template), hint=f.fix)
                                for f in errors])
        return []
    bugs = [f for f in errors if not f.id.startswith(CONTENT_FINDINGS)]
    if bugs:
        raise AssertionError(f"kehoach's own output breaks the format: {bugs}")
    return [_content_warning(f, path) for f in errors]


def build(path: str | Path, request: BuildRequest,
          reference: Reference | None = None) -> BuildReport:
    """Render a plan, then write its files as one set: all of them, or on any failure none,
    the last build's left as they were (:func:`generator.outputs.write_set`)."""
    prepared = prepare(path, request, reference)
    write_plan(path, request, prepared.files, prepared.report.removed)
    return prepared.report


FORMATS = ("docx", "xlsx", "pdf")
"""Every file a plan's set may have."""


def write_plan(path: str | Path, request: BuildRequest, files: Mapping[Path, bytes],
               removed: Iterable[Path] = ()) -> None:
    """A plan's files written as one set (:func:`generator.outputs.write_set`), told every
    file the set may have, so that what a killed run left of any of them is cleared first."""
    from generator.outputs import write_set

    write_set(files, removed, targets(path, replace(request, formats=FORMATS)).values())


def prepare(path: str | Path, request: BuildRequest,
            reference: Reference | None = None) -> Prepared:
    """Everything of a build but the writing: checked, rendered, in memory."""
    with _without_cycle_collection():
        return _prepare(Path(path), request, reference)


def _prepare(path: Path, request: BuildRequest, reference: Reference | None) -> Prepared:
    from generator.outputs import inputs_in_the_way

    where = targets(path, request)
    clashes = inputs_in_the_way(where.values(), inputs_of(path, request))
    if clashes:
        raise KeHoachError(clashes)
    reference = reference or load_reference()
    checked = load_plan(path, reference)
    clashes = inputs_in_the_way(where.values(), checked.parent_files())
    if clashes:
        raise KeHoachError(clashes)
    resolved, context, warnings = resolve_for(checked, request, reference)
    rendered = render_all(resolved, request, reference)
    if "docx" in rendered:
        warnings = [*warnings, *_holds_to_the_format(rendered["docx"], request, path)]
    rendered = with_pdf(rendered, request, path)
    stale = [where["xlsx"]] if "xlsx" in where and "xlsx" not in rendered and \
        where["xlsx"].is_file() else []
    progress = list(progress_lines(checked.plan, context)) if context.results else []
    report = BuildReport([where[fmt] for fmt in rendered], [*checked.warnings, *warnings],
                         progress, explanations(context), stale)
    return Prepared({where[fmt]: data for fmt, data in rendered.items()}, report)


# --- kehoach diff: two versions loaded, compared, and the redline written ------------------
# (imported when asked: a build never loads the diff or the redline writer)

def load_version(name: str, reference: Reference) -> CheckedPlan:
    """A plan named as a file or ``REV:path``, loaded and checked; a Word plan (``.docx``)
    is imported first (nothing written)."""
    from generator.load.sources import read_source

    source = imported_source(name) if name.lower().endswith(".docx") else read_source(name)
    return load_plan(source.path, reference, document=source.document)


def imported_source(name: str) -> PlanSource:
    """A Word plan as the plan ``kehoach import`` writes for it (nothing written)."""
    from generator.draft import draft_text
    from generator.load import load_text
    from generator.load.sources import PlanSource
    from generator.readers import import_file

    return PlanSource(Path(name), load_text(draft_text(import_file(Path(name)).draft), name))


def diff_versions(old_name: str, new_name: str) -> Versions:
    """Load both versions (each error located, both files' errors together) and compare."""
    from generator.diff import Versions, diff_plans

    reference = load_reference()
    loaded: list[CheckedPlan] = []
    problems = []
    for name in (old_name, new_name):
        try:
            loaded.append(load_version(name, reference))
        except KeHoachError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise KeHoachError(problems)
    old, new = loaded
    return Versions(old_name, new_name, old, new, diff_plans(old, new, reference))


MAX_AUTHOR = 255
"""Word keeps a change's author in at most 255 characters."""


def author_problem(author: str) -> str | None:
    """Why a name cannot stand as the author of tracked changes, if it cannot."""
    from generator.load.chars import forbidden_offsets

    if not author.strip():
        return "Tên người sửa (--tac-gia) trống."
    if len(author) > MAX_AUTHOR:
        return f"Tên người sửa (--tac-gia) dài quá {MAX_AUTHOR} ký tự."
    if forbidden_offsets(author) or any(ord(ch) < 32 for ch in author):
        return "Tên người sửa (--tac-gia) có ký tự điều khiển."
    return None


def redline_bytes(versions: Versions, author: str, where: Path) -> bytes:
    """The redline DOCX of two versions, resolved as ``build`` does (``where``: the file it
    is for, named in a message about the author)."""
    from generator.render import RenderOptions
    from generator.render.redline import render_redline

    problem = author_problem(author)
    if problem:
        raise KeHoachError([Diagnostic(problem, str(where),
                                       hint='Ví dụ: --tac-gia "Phòng Tư pháp".')])
    reference = load_reference()
    request = BuildRequest(where.parent, ("docx",))
    old, _, _ = resolve_for(versions.old, request, reference)
    new, _, _ = resolve_for(versions.new, request, reference)
    options = RenderOptions(reference.font_metrics, None, build_time())
    return render_redline(old, new, options, author, versions.diff)


def write_redline(versions: Versions, target: Path, author: str) -> None:
    """``kehoach diff --docx``: the redline written atomically, never over an input."""
    from generator.outputs import write_file

    write_file(target, redline_bytes(versions, author, target), versions.files())


# --- kehoach import and derive from a Word plan -----------------------------------------

def import_document(document: Path, output: Path | None, report_file: Path | None, *,
                    overwrite: bool = False) -> str:
    """``kehoach import``: read a plan document, write its YAML (and the report); the summary
    the terminal shows. The YAML is checked like any plan before the clerk sees it."""
    from generator.outputs import write_file
    from generator.readers import import_file
    from generator.readers.summary import as_json, as_text, commented, report

    target = output or document.with_suffix(".yaml")
    imported = import_file(document)
    text, guesses = commented(imported.draft, imported.notes)
    inputs = {document: "văn bản cần nhập"}
    try:
        write_file(target, text, inputs, overwrite=overwrite)
    except FileExistsError:
        raise KeHoachError([Diagnostic(
            "Tệp đã có; kehoach không ghi đè.", str(target),
            hint="Chọn tên khác bằng -o, hoặc thêm --ghi-de nếu chắc chắn muốn thay.")]) from None
    summary = report(str(document), str(target), imported.notes, guesses)
    if report_file is not None:
        inputs[target] = "tệp kế hoạch vừa nhập"
        json_report = report_file.suffix.lower() == ".json"
        write_file(report_file, as_json(summary) if json_report else as_text(summary), inputs)
    return as_text(summary)


def plan_of(parent: Path) -> Path:
    """The plan file of a parent named to ``derive``: a Word plan (``.docx``) is imported
    first, beside it as ``<name>.yaml`` (the file the child plan names as its parent); one
    already there, perhaps corrected by the clerk, is used as it is."""
    from generator.outputs import write_file
    from generator.readers import import_file
    from generator.readers.summary import commented

    target = parent.with_suffix(".yaml")
    if parent.suffix.lower() != ".docx" or target.exists():
        return target if parent.suffix.lower() == ".docx" else parent
    imported = import_file(parent)
    write_file(target, commented(imported.draft, imported.notes)[0],
               {parent: "văn bản Word cần nhập"})
    return target

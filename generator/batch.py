"""Many plans in one run: on every core, each failure kept for the end, the rest written.

A province rebuilds every commune's plan after each round of comments, so ``kehoach build
DIR/`` or ``kehoach build *.yaml`` runs the plans in worker processes (``-j``, default all
cores; :func:`generator.processes.run_tasks`). Each worker loads the reference data and
prepares the template once, then builds plan after plan. One plan's failure of any kind
never stops the others: a problem the clerk can fix, a file the system cannot write, a bug
of kehoach (kept with its traceback), even a worker process that dies (the plan it was on
is built again alone, and named if it kills its process again). Outcomes come back in the
order the plans were given.

Before anything is built, the batch is refused whole if two plans would write the same
file, or an output would replace one of the inputs.
"""

from __future__ import annotations

import contextlib
import os
import traceback
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Protocol

from generator.errors import Diagnostic, KeHoachError, os_reason
from generator.outputs import folder_problem, inputs_in_the_way
from generator.pipeline import BuildRequest, build, inputs_of, prepare, targets, write_plan
from generator.processes import run_tasks, start_method

PLAN_SUFFIXES = (".yaml", ".yml")
CHUNK = 8
"""Plans handed to a worker at a time: fewer round trips, still an even spread."""


@dataclass(frozen=True)
class Outcome:
    """What became of one plan: what was written and what the clerk should read."""

    path: Path
    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    progress: str = ""
    """The progress table as the terminal shows it (empty without ``--data``)."""
    explanations: list[str] = field(default_factory=list)
    failed: bool = False
    removed: list[Path] = field(default_factory=list)
    """Files of an earlier build removed with the set (a workbook the plan no longer has)."""
    bug: str = ""
    """The traceback of a bug of kehoach met building this plan (the run then exits 2)."""
    pending: dict[Path, bytes] = field(default_factory=dict)
    """Files built but not yet written: a batch's plans wait for their PDF
    (:func:`with_pdfs`), then ``written`` and ``removed`` are what was done."""


class BuildBugs(Exception):
    """Plans that met a bug of kehoach; raised once every other plan is built and reported."""

    def __init__(self, outcomes: Sequence[Outcome]) -> None:
        super().__init__("\n".join(f"{o.path}:\n{o.bug}" for o in outcomes))


def plan_files(arguments: Sequence[Path]) -> list[Path]:
    """The plans named on the command line: files as given, folders by their ``*.yaml``."""
    out: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            out.extend(sorted(p for p in argument.iterdir() if p.suffix in PLAN_SUFFIXES))
        else:
            out.append(argument)
    return out


def build_one(path: Path, request: BuildRequest, write: bool = True) -> Outcome:
    """Build one plan; any failure becomes a failed outcome naming the plan, never an error
    that would stop the batch. Without ``write`` the files are left ``pending``."""
    from generator.render.text import progress_text

    try:
        if write:
            report = build(path, request)
            pending: dict[Path, bytes] = {}
        else:
            prepared = prepare(path, request)
            report, pending = prepared.report, prepared.files
    except KeHoachError as exc:
        return Outcome(path, diagnostics=exc.diagnostics, failed=True)
    except OSError as exc:  # a file the system would not read or write: the clerk's to see
        return Outcome(path, diagnostics=[_system_error(path, exc)], failed=True)
    except Exception:  # a bug, in this plan only: kept with its traceback, said at the end
        return Outcome(path, failed=True, bug=traceback.format_exc())
    return Outcome(path, report.written if write else [], report.warnings,
                   progress_text(report.progress) if report.progress else "",
                   report.explanations, removed=report.removed, pending=pending)


def _system_error(path: Path, exc: OSError) -> Diagnostic:
    where = f" ({exc.filename})" if exc.filename else ""
    return Diagnostic(f"Lỗi hệ thống khi dựng kế hoạch: {os_reason(exc)}{where}.",
                      str(path), hint="Kiểm tra tệp và thư mục nêu trên có đọc, ghi được và "
                                      "còn chỗ trống, rồi chạy lại.")


def _warm(request: BuildRequest) -> None:
    """Load what every plan shares once per worker (reference data, the template)."""
    from generator.reference import load_reference
    from generator.render.template import prepared

    load_reference()
    with contextlib.suppress(KeHoachError):  # each plan reports the template's problem
        prepared(request.template)


def default_jobs() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        os.cpu_count() or 1


class Builder(Protocol):
    """What builds one plan in a worker (:func:`build_one`; a test gives its own, a function
    of a module, so that spawned workers get it too)."""

    def __call__(self, path: Path, request: BuildRequest, write: bool) -> Outcome:
        """The plan at ``path`` built (and, with ``write``, written); never raises."""


def without_missing_pdf(request: BuildRequest) -> tuple[BuildRequest, Diagnostic | None]:
    """``--pdf`` on a machine without LibreOffice: the request without the PDF (the DOCX
    and XLSX are still written) and what to say about it; the request as it is otherwise."""
    if "pdf" not in request.formats:
        return request, None
    from generator.render.pdf import office_missing

    missing = office_missing()
    if missing is None:
        return request, None
    formats = tuple(f for f in request.formats if f != "pdf") or ("docx",)
    return replace(request, formats=formats), replace(missing, file=str(request.out_dir))


def steps(count: int, request: BuildRequest) -> int:
    """How many steps a progress bar counts for ``count`` plans: one each, two with PDF
    (built, then converted)."""
    return count * (2 if "pdf" in request.formats and count > 1 else 1)


def build_many(paths: Sequence[Path], request: BuildRequest, jobs: int = 0,
               done: Callable[[Outcome], object] = lambda outcome: None, *,
               tick: Callable[[], object] = lambda: None, builder: Builder | None = None,
               method: str | None = None) -> list[Outcome]:
    """Build every plan, ``jobs`` at a time (0: all cores); ``done`` is told of each, and
    ``tick`` of each of the :func:`steps` (for a progress bar). ``method`` starts the
    workers (fork or spawn; by default fork where the system has it).

    A plan named twice is built once. With PDF asked for several plans, the plans are
    built and kept in memory, then their DOCX converted together, a few LibreOffice
    processes for the whole batch, and each plan's files written as one set
    (:func:`with_pdfs`).
    """
    once: dict[Path, Path] = {}
    for path in paths:
        once.setdefault(path.resolve(), path)
    paths = list(once.values())
    refuse_clashes(paths, request)
    jobs = jobs or default_jobs()
    work = builder or build_one

    def told(outcome: Outcome) -> None:
        done(outcome)
        tick()

    if "pdf" in request.formats and len(paths) > 1:
        formats = tuple(dict.fromkeys(["docx", *(f for f in request.formats if f != "pdf")]))
        built = _built(paths, replace(request, formats=formats), jobs, lambda _: tick(),
                       work, method, write=False)
        outcomes = with_pdfs(built, request, jobs, tick)
        for outcome in outcomes:
            done(outcome)
        return outcomes
    return _built(paths, request, jobs, told, work, method)


def refuse_clashes(paths: Sequence[Path], request: BuildRequest) -> None:
    """Refuse the batch, before anything is written, when its outputs cannot all be
    written: the output folder is a file, two plans would write the same file (names
    differing only in case count: they are one file on Windows and macOS), or an output
    would replace an input (a plan, ``--data``, ``--template``)."""
    problem = folder_problem(request.out_dir)
    if problem is not None:
        raise KeHoachError([problem])
    found: list[Diagnostic] = []
    first: dict[str, Path] = {}
    for path in paths:
        other = first.setdefault(unicodedata.normalize("NFC", path.stem).casefold(), path)
        if other is not path:
            found.append(Diagnostic(
                f"Hai kế hoạch '{other}' và '{path}' cùng ghi ra "
                f"'{request.out_dir / path.stem}.*': tệp này sẽ ghi đè tệp kia.", str(path),
                hint="Đổi tên một trong hai tệp kế hoạch, hoặc dựng chúng riêng, mỗi lần một "
                     "thư mục kết quả (-o) khác."))
    inputs: dict[Path, str] = {}
    for path in paths:
        inputs.update(inputs_of(path, request))
    outputs = [target for path in paths for target in targets(path, request).values()]
    found += inputs_in_the_way(outputs, inputs)
    if found:
        raise KeHoachError(found)


def with_pdfs(outcomes: list[Outcome], request: BuildRequest, jobs: int,
              tick: Callable[[], object] = lambda: None) -> list[Outcome]:
    """Each built plan's PDF converted from its DOCX, then the plan's files written as one
    set; a plan whose PDF fails writes nothing (its last build's files stay as they were).

    LibreOffice converts the DOCX of every plan, a few processes for the whole batch
    (:func:`generator.render.pdf.convert_files`), in scratch folders of its own: the output
    folder is touched only when each plan's set (DOCX, XLSX, PDF) is written.
    """
    from generator.render.pdf import convert_files

    documents = {str(o.path): o.pending[_docx(o)] for o in outcomes if not o.failed}
    if not documents:
        return outcomes
    try:
        converted = convert_files(documents, jobs, tick, request.pdf_seconds)
    except KeHoachError as exc:  # no LibreOffice (removed meanwhile): every plan says so
        return [o if o.failed else _failed(o, [replace(d, file=str(o.path))
                                               for d in exc.diagnostics]) for o in outcomes]
    return [o if o.failed else _committed(o, request, converted[str(o.path)])
            for o in outcomes]


def _docx(outcome: Outcome) -> Path:
    return next(p for p in outcome.pending if p.suffix == ".docx")


def _committed(outcome: Outcome, request: BuildRequest, pdf: bytes | Diagnostic) -> Outcome:
    """A plan's set with its PDF, written; or, if the PDF failed, the plan failed and
    nothing of it written."""
    if isinstance(pdf, Diagnostic):
        return _failed(outcome, [pdf])
    docx = _docx(outcome)
    files = {**outcome.pending, docx.with_suffix(".pdf"): pdf}
    if "docx" not in request.formats:
        del files[docx]
    try:
        write_plan(outcome.path, request, files, outcome.removed)
    except KeHoachError as exc:
        return _failed(outcome, exc.diagnostics)
    return replace(outcome, written=list(files), pending={})


def _failed(outcome: Outcome, diagnostics: list[Diagnostic]) -> Outcome:
    """The plan failed: nothing of it is (or will be) written."""
    return replace(outcome, diagnostics=[*outcome.diagnostics, *diagnostics], failed=True,
                   written=[], removed=[], pending={})


def _built(paths: Sequence[Path], request: BuildRequest, jobs: int,
           done: Callable[[Outcome], object], builder: Builder, method: str | None,
           write: bool = True) -> list[Outcome]:
    """Every plan built (and, with ``write``, written), on worker processes when there are
    several plans and cores; each outcome given to ``done`` as it comes."""
    if jobs == 1 or len(paths) < 2:
        outcomes = []
        for path in paths:
            outcomes.append(builder(path, request, write))
            done(outcomes[-1])
        return outcomes
    method = method or start_method()
    if method == "fork":
        _warm(request)  # forked workers start with it loaded
    chunk = max(1, min(CHUNK, len(paths) // (jobs * 4)))
    return run_tasks(paths, partial(builder, request=request, write=write), jobs, chunk,
                     warm=partial(_warm, request), died=_died, done=done, method=method)


def _died(path: Path, code: int | None) -> Outcome:
    """A plan whose process died, twice: a bug of kehoach, or the machine out of memory."""
    message = f"Tiến trình dựng kế hoạch này dừng đột ngột (mã thoát {code})."
    return Outcome(path, diagnostics=[Diagnostic(
        message, str(path), hint="Máy có thể đã hết bộ nhớ: thử dựng riêng tệp này với -j 1. "
                                 "Nếu vẫn lỗi, chạy lại với --debug và gửi nội dung hiện ra cho "
                                 "người phát triển.")], failed=True, bug=message)

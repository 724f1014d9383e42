"""Many plans in one run: on every core, each failure kept for the end, the rest written.

A province rebuilds every commune's plan after each round of comments, so ``kehoach build
DIR/`` or ``kehoach build *.yaml`` runs the plans in worker processes (``-j``, default all
cores). Each worker loads the reference data and prepares the template once, then builds
plan after plan. One plan's failure of any kind never stops the others: a problem the
clerk can fix, a file the system cannot write, a bug of kehoach (kept with its traceback),
even a worker process that dies (its plans are built again, each in a process of its own,
so the one that kills its process is named). Outcomes come back in the order the plans
were given.

Before anything is built, the batch is refused whole if two plans would write the same
file, or an output would replace one of the inputs.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import traceback
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.context import DefaultContext, ForkContext
from pathlib import Path

from generator.errors import Diagnostic, KeHoachError, os_reason
from generator.outputs import Staged, folder_problem, inputs_in_the_way, recover, stage
from generator.pipeline import BuildRequest, build, inputs_of, prepare, targets

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
    from generator.render.template_store import prepared

    load_reference()
    with contextlib.suppress(KeHoachError):  # each plan reports the template's problem
        prepared(request.template)


def _chunk(job: tuple[list[Path], BuildRequest, bool]) -> list[Outcome]:
    paths, request, write = job
    return [build_one(path, request, write) for path in paths]


def default_jobs() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        os.cpu_count() or 1


def build_many(paths: Sequence[Path], request: BuildRequest, jobs: int = 0,
               done: Callable[[Outcome], object] = lambda outcome: None) -> list[Outcome]:
    """Build every plan, ``jobs`` at a time (0: all cores); ``done`` is told of each.

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
    if "pdf" in request.formats and len(paths) > 1:
        formats = tuple(dict.fromkeys(["docx", *(f for f in request.formats if f != "pdf")]))
        built = _built(paths, replace(request, formats=formats), jobs, lambda outcome: None,
                       write=False)
        outcomes = with_pdfs(built, jobs, drop_docx="docx" not in request.formats)
        for outcome in outcomes:
            done(outcome)
        return outcomes
    return _built(paths, request, jobs, done)


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


def with_pdfs(outcomes: list[Outcome], jobs: int, drop_docx: bool = False) -> list[Outcome]:
    """Each built plan's PDF converted from its DOCX, then the plan's files written as one
    set; a plan whose PDF fails writes nothing (its last build's files stay as they were).

    Every plan's files are first written to their temporary files, and LibreOffice converts
    the temporary DOCX files, a few processes for the whole batch
    (:func:`generator.render.pdf.convert_files`); only then is each plan's set (DOCX, XLSX,
    PDF) renamed into place. Whatever happens, no temporary file is left behind.
    """
    from generator.render.pdf import convert_files

    out = list(outcomes)
    staged: dict[int, Staged] = {}
    try:
        for n, outcome in enumerate(out):
            if not outcome.failed:
                try:
                    staged[n] = stage(outcome.pending, outcome.removed)
                except KeHoachError as exc:
                    out[n] = _failed(outcome, exc.diagnostics)
        documents = {n: staged[n].temps[_docx(out[n])] for n in staged}
        if not documents:
            return out
        try:
            converted = convert_files(list(documents.values()), jobs)
        except KeHoachError as exc:  # no LibreOffice: every plan says so
            return [_failed(o, exc.diagnostics) if n in staged else o for n, o in enumerate(out)]
        for n, files in staged.items():
            out[n] = _committed(out[n], files, converted[documents[n]], drop_docx)
    finally:
        for files in staged.values():
            files.discard()  # a committed set has no temporary file left: a no-op
    return out


def _docx(outcome: Outcome) -> Path:
    return next(p for p in outcome.pending if p.suffix == ".docx")


def _committed(outcome: Outcome, files: Staged, pdf: bytes | Diagnostic,
               drop_docx: bool) -> Outcome:
    """A plan's set with its PDF, written; or, if the PDF failed, the plan failed and
    nothing of it written."""
    docx = _docx(outcome)
    if isinstance(pdf, Diagnostic):  # said of the temporary file LibreOffice was given
        return _failed(outcome, [replace(pdf, file=str(docx))])
    try:
        files.add(docx.with_suffix(".pdf"), pdf)
        if drop_docx:
            files.drop(docx)
        written = list(files.temps)
        files.commit()
    except KeHoachError as exc:
        return _failed(outcome, exc.diagnostics)
    return replace(outcome, written=written, pending={})


def _failed(outcome: Outcome, diagnostics: list[Diagnostic]) -> Outcome:
    """The plan failed: nothing of it is (or will be) written."""
    return replace(outcome, diagnostics=[*outcome.diagnostics, *diagnostics], failed=True,
                   written=[], removed=[], pending={})


def _built(paths: Sequence[Path], request: BuildRequest, jobs: int,
           done: Callable[[Outcome], object], write: bool = True) -> list[Outcome]:
    if jobs == 1 or len(paths) < 2:
        outcomes = []
        for path in paths:
            outcomes.append(build_one(path, request, write))
            done(outcomes[-1])
        return outcomes
    return _parallel(paths, request, jobs, done, write)


def _context() -> ForkContext | DefaultContext:
    """Fork where there is fork: workers start with the parent's warmed data."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _parallel(paths: Sequence[Path], request: BuildRequest, jobs: int,
              done: Callable[[Outcome], object], write: bool) -> list[Outcome]:
    """Chunks of plans on worker processes; outcomes reported as they come, kept in order.

    A worker that dies breaks the whole pool: every chunk not finished then is built
    again, each plan in a process of its own (:func:`_isolated`).
    """
    _warm(request)  # forked workers start with it loaded
    size = max(1, min(CHUNK, len(paths) // (jobs * 4)))
    chunks = [list(paths[i:i + size]) for i in range(0, len(paths), size)]
    results: dict[int, list[Outcome]] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=_context(),
                             initializer=_warm, initargs=(request,)) as pool:
        futures = {pool.submit(_chunk, (chunk, request, write)): n
                   for n, chunk in enumerate(chunks)}
        for future in as_completed(futures):
            with contextlib.suppress(BrokenProcessPool):  # its plans are built again below
                results[futures[future]] = future.result()
                for outcome in results[futures[future]]:
                    done(outcome)
    lost = [path for n, chunk in enumerate(chunks) if n not in results for path in chunk]
    for path in lost:  # each plan's set on its own: finished, or undone
        recover(targets(path, request).values())
    again = dict(zip(lost, _isolated(lost, request, jobs, done, write), strict=True))
    return [outcome for n, chunk in enumerate(chunks)
            for outcome in (results[n] if n in results else [again[p] for p in chunk])]


def _isolated(paths: Sequence[Path], request: BuildRequest, jobs: int,
              done: Callable[[Outcome], object], write: bool) -> list[Outcome]:
    """Each plan in a process of its own, ``jobs`` at a time: a process that dies names
    its plan, and the others are still built."""
    context = _context()
    waiting = list(enumerate(paths))
    running: dict[Connection, tuple[int, Path, multiprocessing.process.BaseProcess]] = {}
    out: dict[int, Outcome] = {}
    while waiting or running:
        while waiting and len(running) < jobs:
            n, path = waiting.pop(0)
            receiving, sending = context.Pipe(duplex=False)
            process = context.Process(target=_build_into, args=(sending, path, request, write),
                                      daemon=True)
            process.start()
            sending.close()  # the child's end: the pipe ends when the child does
            running[receiving] = (n, path, process)
        for ready in wait(list(running)):
            assert isinstance(ready, Connection)
            n, path, child = running.pop(ready)
            out[n] = _received(ready, path, child)
            done(out[n])
    return [out[n] for n in range(len(paths))]


def _received(receiving: Connection, path: Path,
              child: multiprocessing.process.BaseProcess) -> Outcome:
    """The outcome a child sent, or, if it died before sending one, a plan that failed."""
    try:
        outcome: Outcome | None = receiving.recv()
    except EOFError:
        outcome = None
    receiving.close()
    child.join()
    return outcome if outcome is not None else _died(path, child.exitcode)


def _build_into(sending: Connection, path: Path, request: BuildRequest, write: bool) -> None:
    """A child process's work: one plan built, its outcome sent to the parent."""
    sending.send(build_one(path, request, write))
    sending.close()


def _died(path: Path, code: int | None) -> Outcome:
    """A plan whose process died: a bug of kehoach, or the machine out of memory."""
    message = f"Tiến trình dựng kế hoạch này dừng đột ngột (mã thoát {code})."
    return Outcome(path, diagnostics=[Diagnostic(
        message, str(path), hint="Máy có thể đã hết bộ nhớ: thử dựng riêng tệp này với -j 1. "
                                 "Nếu vẫn lỗi, chạy lại với --debug và gửi nội dung hiện ra cho "
                                 "người phát triển.")], failed=True, bug=message)

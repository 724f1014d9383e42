"""Many plans in one run: on every core, each failure kept for the end, the rest written.

A province rebuilds every commune's plan after each round of comments, so ``kehoach build
DIR/`` or ``kehoach build *.yaml`` runs the plans in worker processes (``-j``, default all
cores). Each worker loads the reference data and prepares the template once, then builds
plan after plan; one plan's failure, of any kind the clerk can fix, never stops the others.
Outcomes come back in the order the plans were given.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.errors import Diagnostic, KeHoachError
from generator.pipeline import BuildRequest, build

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


def plan_files(arguments: Sequence[Path]) -> list[Path]:
    """The plans named on the command line: files as given, folders by their ``*.yaml``."""
    out: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            out.extend(sorted(p for p in argument.iterdir() if p.suffix in PLAN_SUFFIXES))
        else:
            out.append(argument)
    return out


def build_one(path: Path, request: BuildRequest) -> Outcome:
    """Build one plan; a problem the clerk can fix becomes a failed outcome, not an error."""
    from generator.render.text import progress_text

    try:
        report = build(path, request)
    except KeHoachError as exc:
        return Outcome(path, diagnostics=exc.diagnostics, failed=True)
    return Outcome(path, report.written, report.warnings,
                   progress_text(report.progress) if report.progress else "",
                   report.explanations)


def _warm(request: BuildRequest) -> None:
    """Load what every plan shares once per worker (reference data, the template)."""
    from generator.reference import load_reference
    from generator.render.template_store import prepared

    load_reference()
    with contextlib.suppress(KeHoachError):  # each plan reports the template's problem
        prepared(request.template)


def _chunk(job: tuple[list[Path], BuildRequest]) -> list[Outcome]:
    paths, request = job
    return [build_one(path, request) for path in paths]


def default_jobs() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        os.cpu_count() or 1


def build_many(paths: Sequence[Path], request: BuildRequest, jobs: int = 0,
               done: Callable[[Outcome], object] = lambda outcome: None) -> list[Outcome]:
    """Build every plan, ``jobs`` at a time (0: all cores); ``done`` is told of each.

    With PDF asked for several plans, the DOCX files are built first and then converted
    together, a few LibreOffice processes for the whole batch (:func:`with_pdfs`).
    """
    jobs = jobs or default_jobs()
    if "pdf" in request.formats and len(paths) > 1:
        formats = tuple(f for f in request.formats if f != "pdf")
        built = _built(paths, replace(request, formats=formats), jobs, lambda outcome: None)
        outcomes = with_pdfs(built, jobs, drop_docx="docx" not in request.formats)
        for outcome in outcomes:
            done(outcome)
        return outcomes
    return _built(paths, request, jobs, done)


def with_pdfs(outcomes: list[Outcome], jobs: int, drop_docx: bool = False) -> list[Outcome]:
    """The outcomes with each built DOCX converted to PDF beside it (written atomically)."""
    from generator.outputs import clerk_facing, write_bytes_atomic
    from generator.render.pdf import convert_files

    documents = [p for o in outcomes if not o.failed for p in o.written if p.suffix == ".docx"]
    if not documents:
        return outcomes
    try:
        converted = convert_files(documents, jobs)
    except KeHoachError as exc:  # no LibreOffice: every plan says so
        return [o if o.failed else replace(o, diagnostics=[*o.diagnostics,
                                                               *exc.diagnostics], failed=True)
                for o in outcomes]
    out = []
    for outcome in outcomes:
        written, problems = list(outcome.written), []
        for document in [p for p in outcome.written if p.suffix == ".docx"]:
            result = converted.get(document)
            if isinstance(result, bytes):
                target = document.with_suffix(".pdf")
                with clerk_facing(target):
                    write_bytes_atomic(target, result)
                written.append(target)
                if drop_docx:
                    document.unlink(missing_ok=True)
                    written.remove(document)
            elif result is not None:
                problems.append(result)
        out.append(replace(outcome, written=written,
                              diagnostics=[*outcome.diagnostics, *problems],
                              failed=outcome.failed or bool(problems)))
    return out


def _built(paths: Sequence[Path], request: BuildRequest, jobs: int,
           done: Callable[[Outcome], object]) -> list[Outcome]:
    if jobs == 1 or len(paths) < 2:
        outcomes = []
        for path in paths:
            outcomes.append(build_one(path, request))
            done(outcomes[-1])
        return outcomes
    return _parallel(paths, request, jobs, done)


def _parallel(paths: Sequence[Path], request: BuildRequest, jobs: int,
              done: Callable[[Outcome], object]) -> list[Outcome]:
    """Chunks of plans on worker processes; outcomes reported as they come, kept in order."""
    _warm(request)  # forked workers start with it loaded
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    size = max(1, min(CHUNK, len(paths) // (jobs * 4)))
    chunks = [(list(paths[i:i + size]), request) for i in range(0, len(paths), size)]
    results: dict[int, list[Outcome]] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=context,
                             initializer=_warm, initargs=(request,)) as pool:
        futures = {pool.submit(_chunk, chunk): n for n, chunk in enumerate(chunks)}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            for outcome in results[futures[future]]:
                done(outcome)
    return [outcome for n in range(len(chunks)) for outcome in results[n]]

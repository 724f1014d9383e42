"""What every rule shares: a finding, the context a rule reads, "did you mean", the runner.

A rule is a small function ``rule(ctx) -> Iterable[Finding]``: it reads the plan (and the
reference data) and yields what is wrong, each finding with the field path it is about and
a Vietnamese message and hint. The runner locates each finding in the YAML file.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from generator.errors import Diagnostic, FieldPath, Severity
from generator.kpi.book import KpiBook
from generator.kpi.catalogue import effective_kpis
from generator.load import YamlDocument
from generator.model import (
    Appendix,
    Kpi,
    KpiTableBlock,
    Plan,
    Section,
    Table,
    TableBlock,
    Task,
    TaskTableBlock,
)
from generator.model.body import ContentBlock
from generator.reference import Reference


@dataclass(frozen=True)
class Finding:
    """One problem a rule found, before it is located in the file."""

    path: FieldPath
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR


def error(path: FieldPath, message: str, hint: str = "") -> Finding:
    """A rule of the format or of the data is broken: the plan cannot be built."""
    return Finding(path, message, hint)


def warning(path: FieldPath, message: str, hint: str = "") -> Finding:
    """Probably wrong, but buildable; an error only under ``--strict``."""
    return Finding(path, message, hint, Severity.WARNING)


def did_you_mean(word: str, choices: Iterable[str], *, listing: str = "", otherwise: str = "",
                 cutoff: float = 0.6) -> str:
    """The one "did you mean" of kehoach.

    The closest choice when it is close enough ("Có phải ý bạn là 'nhiem_vu'?"); else the
    list of choices under ``listing`` ("Các cấp: tinh, xa."), else ``otherwise``. A merely
    similar name of another feature misleads ("chi_tieu" is not a misspelt "chu_tri"), so a
    suggestion must be very close, or begin as the word does.
    """
    names = sorted(set(choices))
    for close in difflib.get_close_matches(word, names, n=3, cutoff=cutoff):
        ratio = difflib.SequenceMatcher(None, word, close).ratio()
        if ratio >= SURE or close[:PREFIX].casefold() == word[:PREFIX].casefold():
            return f"Có phải ý bạn là '{close}'?"
    if listing:
        return f"{listing}: " + (", ".join(names) or "(chưa có)") + "."
    return otherwise


SURE = 0.75
"""A suggestion this similar is offered whatever its first letters."""
PREFIX = 3
"""Else it must begin with the same letters as the word typed."""


@dataclass(frozen=True)
class Walks:
    """The walks over a plan that rules share, each done once."""

    plan: Plan

    @cached_property
    def sections(self) -> list[tuple[Section, FieldPath, int]]:
        """Every section with its path and depth, in document order."""
        return list(_sections(self.plan.parts, ("phan",), 0))

    @cached_property
    def blocks(self) -> list[tuple[ContentBlock, FieldPath]]:
        """Every content block of the body and the appendices, with its path."""
        out: list[tuple[ContentBlock, FieldPath]] = []
        for section, path, _ in self.sections:
            out += [(b, (*path, "doan", i)) for i, b in enumerate(section.blocks)]
            out += [(b, (*path, "doan_cuoi", i)) for i, b in enumerate(section.blocks_after)]
        for i, appendix in enumerate(self.plan.appendices):
            out += _appendix_blocks(appendix, ("phu_luc", i))
        return out

    def tables(self) -> Iterator[tuple[Table, FieldPath]]:
        """Every free table (``bang``) with its path."""
        for block, path in self.blocks:
            if isinstance(block, TableBlock):
                yield block.table, (*path, "bang")

    def task_tables(self) -> Iterator[tuple[TaskTableBlock, FieldPath]]:
        """Every task table block with its path."""
        for block, path in self.blocks:
            if isinstance(block, TaskTableBlock):
                yield block, (*path, "bang_nhiem_vu")

    def kpi_tables(self) -> Iterator[tuple[KpiTableBlock, FieldPath]]:
        """Every KPI table block with its path."""
        for block, path in self.blocks:
            if isinstance(block, KpiTableBlock):
                yield block, (*path, "bang_chi_tieu")

    def tasks(self) -> Iterator[tuple[Task, FieldPath]]:
        """Every task, ungrouped then grouped, with its path."""
        for i, task in enumerate(self.plan.tasks):
            yield task, ("nhiem_vu", i)
        for i, group in enumerate(self.plan.task_groups):
            for j, task in enumerate(group.tasks):
                yield task, ("nhom_nhiem_vu", i, "nhiem_vu", j)


def _sections(sections: list[Section], path: FieldPath,
              depth: int) -> Iterator[tuple[Section, FieldPath, int]]:
    for i, section in enumerate(sections):
        here = (*path, i)
        yield section, here, depth
        yield from _sections(section.children, (*here, "muc"), depth + 1)


def _appendix_blocks(appendix: Appendix,
                     path: FieldPath) -> list[tuple[ContentBlock, FieldPath]]:
    return [(b, (*path, "noi_dung", i)) for i, b in enumerate(appendix.blocks)]


@dataclass(frozen=True)
class BookContext(Walks):
    """What a rule over the KPI book reads: the plan with ids and its book."""

    book: KpiBook
    reference: Reference | None = None
    """The reference data (the unit a plan's issuer is, the registry)."""


@dataclass(frozen=True)
class Context(Walks):
    """What a rule may read: the plan and the reference data, with common walks precomputed."""

    reference: Reference
    floors: Mapping[str, Kpi] | None = None
    """The parent plan's KPIs for this unit, when the plan inherits from one."""

    @cached_property
    def dump(self) -> Any:
        """The plan as YAML-named data, for rules over every string it holds."""
        return self.plan.model_dump(by_alias=True, exclude_defaults=True, warnings=False)

    @cached_property
    def kpis(self) -> list[Kpi]:
        """The plan's KPIs completed from the catalogue (same order as ``plan.kpis``)."""
        return effective_kpis(self.plan, self.reference.kpi_catalogue, self.floors)


def strings(value: Any, path: FieldPath = (),
            joined: Collection[str] = ()) -> Iterator[tuple[str, FieldPath]]:
    """Every string in YAML-named data (a plan's dump), with its path; a list of names
    under a key in ``joined`` as one string, joined by "; " as a table cell prints it."""
    if isinstance(value, str):
        yield value, path
    elif isinstance(value, list) and path and path[-1] in joined:
        yield "; ".join(str(item) for item in value), path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, key), joined)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index), joined)


Rule = Callable[[Context], Iterable[Finding]]
"""A rule reads the context and yields what it finds wrong."""

C = TypeVar("C")


Relocate = Callable[[FieldPath], FieldPath | None]
"""Where a finding about an item the file does not hold belongs (an inherited task: its
``ke_thua.sua`` entry), or ``None`` to drop it (the parent's own, checked with the parent)."""


def run(rules: Iterable[Callable[[C], Iterable[Finding]]], ctx: C,
        document: YamlDocument, relocate: Relocate | None = None) -> list[Diagnostic]:
    """Every finding of every rule, located in the file, in file order, each once."""
    found: dict[tuple[FieldPath, str], Finding] = {}
    for rule in rules:
        for finding in rule(ctx):
            path = relocate(finding.path) if relocate else finding.path
            if path is not None:
                found.setdefault((path, finding.message),
                                 Finding(path, finding.message, finding.hint, finding.severity))
    return in_file_order(locate(f, document) for f in found.values())


def in_file_order(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics sorted by line and column, as a clerk reads the file."""
    return sorted(diagnostics, key=lambda d: (d.line or 0, d.column or 0))


def locate(finding: Finding, document: YamlDocument) -> Diagnostic:
    """A finding as a diagnostic with the file, line and column of its field."""
    line, column, data_path = document.locate(finding.path)
    return Diagnostic(finding.message, document.file, line, column,
                      data_path or finding.path, finding.severity, finding.hint)

"""The units a plan assigns targets to, and how unit names are matched across files."""

from __future__ import annotations

from collections.abc import Iterable

from generator.kpi.book import KpiBook
from generator.kpi.results import ResultsFile
from generator.model import Plan, UnitGroup
from generator.names import unit_key


def unique_units(names: Iterable[str]) -> list[str]:
    """Names in first-seen order, each unit once (matched by :func:`unit_key`)."""
    seen: set[str] = set()
    out = []
    for name in names:
        if unit_key(name) not in seen:
            seen.add(unit_key(name))
            out.append(name)
    return out


def plan_units(plan: Plan, book: KpiBook) -> list[str]:
    """The plan's units in plan order: those of the unit groups, then those of targets."""
    names = [u for group in plan.unit_groups for u in group.units]
    names += [v.unit for values in book.targets.values() for v in values if v.unit]
    return unique_units(names)


def judged_units(plan: Plan, book: KpiBook, results: ResultsFile | None) -> list[str]:
    """The units a progress view has rows for: the plan's, or, when the plan names none (its
    targets then bind every unit alike), the results file's.

    A unit only the file knows is said once, in a warning, and is never a row: a file
    listing every commune of a province must not turn one commune's plan into hundreds of
    rows of "—".
    """
    names = plan_units(plan, book)
    if not names and results is not None:
        names = list(results.names.values())
    return names


def groups_by_unit(plan: Plan) -> dict[str, UnitGroup]:
    """Unit key → the unit group it belongs to (the first, if a plan lists it twice)."""
    out: dict[str, UnitGroup] = {}
    for group in plan.unit_groups:
        for unit in group.units:
            out.setdefault(unit_key(unit), group)
    return out

"""``kehoach diff``: what changed between two versions of a plan, in the plan's own terms.

Both plans are loaded and checked as ``validate`` does (a plan with an error gets the same
messages), inheritance resolved and KPI targets computed; then each becomes items
(:mod:`.items`) compared by key and likeness (:mod:`.compare`), long texts word by word
(:mod:`.words`). Renderers (:mod:`generator.render.diff`) print the result; the redline
DOCX (:mod:`generator.render.redline`) is drawn from the same two plans.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.check import CheckedPlan
from generator.diff.compare import FieldChange, ItemChange, PlanDiff, compare
from generator.diff.items import plan_items
from generator.pipeline import load_plan
from generator.reference import Reference, load_reference
from generator.sources import PlanSource, git_spec, read_source


@dataclass(frozen=True)
class Versions:
    """The two plans compared, as named on the command line, and their difference."""

    old_name: str
    new_name: str
    old: CheckedPlan
    new: CheckedPlan
    diff: PlanDiff

    def files(self) -> dict[Path, str]:
        """Every file the comparison read, each with what it is (both plans, a plan's file
        in the working tree for ``REV:path``, their parents): no output may replace one."""
        out: dict[Path, str] = {}
        for name, checked in ((self.old_name, self.old), (self.new_name, self.new)):
            spec = git_spec(name)
            out[Path(spec[1] if spec else name)] = "kế hoạch đem so sánh"
            out.update(checked.parent_files())
        return out


def load_version(name: str, reference: Reference) -> CheckedPlan:
    """A plan named as a file or ``REV:path``, loaded and checked; a Word plan (``.docx``)
    is imported first."""
    source = imported_source(name) if name.lower().endswith(".docx") else read_source(name)
    return load_plan(source.path, reference, document=source.document)


def imported_source(name: str) -> PlanSource:
    """A Word plan as the plan ``kehoach import`` writes for it (nothing written)."""
    from generator.load import load_text
    from generator.readers import import_file
    from generator.readers._view import draft_text

    return PlanSource(Path(name), load_text(draft_text(import_file(Path(name)).draft), name))


def diff_plans(old: CheckedPlan, new: CheckedPlan, reference: Reference) -> PlanDiff:
    """The difference between two checked plans."""
    return compare(plan_items(old, reference), plan_items(new, reference))


def diff_versions(old_name: str, new_name: str) -> Versions:
    """Load both versions (each error located, both files' errors together) and compare."""
    from generator.errors import KeHoachError

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


__all__ = ["FieldChange", "ItemChange", "PlanDiff", "Versions", "diff_plans", "diff_versions"]

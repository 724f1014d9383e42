"""``kehoach diff``: what changed between two versions of a plan, in the plan's own terms.

Both plans are loaded and checked as ``validate`` does, by
:func:`generator.pipeline.diff_versions` (a plan with an error gets the same messages),
inheritance resolved and KPI targets computed; then each becomes items
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
from generator.load.sources import git_spec
from generator.reference import Reference


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


def diff_plans(old: CheckedPlan, new: CheckedPlan, reference: Reference) -> PlanDiff:
    """The difference between two checked plans."""
    return compare(plan_items(old, reference), plan_items(new, reference))


__all__ = ["FieldChange", "ItemChange", "PlanDiff", "Versions", "diff_plans"]

"""The plan's KPIs completed from the layers beneath them: the catalogue, then the parent.

A KPI the plan names by id inherits what it leaves out from the catalogue entry of that id;
in a lower-level plan, the parent's KPI (by ``nguon`` or id) comes between, with the targets
the parent sets for this unit as floors under the plan's own.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.model import Kpi, Plan


def merged(kpi: Kpi, base: Kpi | None) -> Kpi:
    """The plan's KPI with what it leaves out taken from ``base``.

    Targets and results add up: the base's stay available to rules, the plan's own come
    after and win on the same scope.
    """
    if base is None:
        return kpi
    given = {name for name in kpi.model_fields_set if name not in ("targets", "results")}
    update = {name: getattr(base, name) for name in Kpi.model_fields
              if name not in given and name not in ("id", "targets", "results", "source")}
    update["targets"] = [*base.targets, *kpi.targets]
    update["results"] = [*base.results, *kpi.results]
    return kpi.model_copy(update=update)


def effective_kpis(plan: Plan, catalogue: Mapping[str, Kpi],
                   floors: Mapping[str, Kpi] | None = None) -> list[Kpi]:
    """The plan's KPIs, each completed from its parent's (if any), then from the catalogue."""
    out = []
    for kpi in plan.kpis:
        parent = (floors or {}).get(kpi.source or kpi.id or "")
        base = merged(parent, catalogue.get(kpi.id or "")) if parent else \
            catalogue.get(kpi.id or "")
        out.append(merged(kpi, base))
    return out

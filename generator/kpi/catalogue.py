"""The plan's KPIs completed from the catalogue of KPIs they name by id."""

from __future__ import annotations

from collections.abc import Mapping

from generator.model import Kpi, Plan


def merged(kpi: Kpi, base: Kpi | None) -> Kpi:
    """The plan's KPI with what it leaves out taken from the catalogue entry of the same id.

    Targets and results add up: the catalogue's central targets stay available to rules,
    the plan's own come after and win on the same scope.
    """
    if base is None:
        return kpi
    given = {name for name in kpi.model_fields_set if name not in ("targets", "results")}
    update = {name: getattr(base, name) for name in Kpi.model_fields
              if name not in given and name not in ("id", "targets", "results")}
    update["targets"] = [*base.targets, *kpi.targets]
    update["results"] = [*base.results, *kpi.results]
    return kpi.model_copy(update=update)


def effective_kpis(plan: Plan, catalogue: Mapping[str, Kpi]) -> list[Kpi]:
    """The plan's KPIs, each completed from the catalogue where its id is found there."""
    return [merged(kpi, catalogue.get(kpi.id or "")) for kpi in plan.kpis]

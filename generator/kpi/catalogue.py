"""The KPI catalogue (``data/chi-tieu.yaml``) and the plan's KPIs merged with it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from generator.model import Kpi, Plan
from generator.registry import DATA_DIR, load_mapping

CATALOGUE = DATA_DIR / "chi-tieu.yaml"


@cache
def catalogue(path: Path = CATALOGUE) -> dict[str, Kpi]:
    """Catalogue id → KPI definition."""
    return load_mapping(path, Kpi)  # type: ignore[return-value]


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


def effective_kpis(plan: Plan) -> list[Kpi]:
    """The plan's KPIs, each completed from the catalogue where its id is found there."""
    known = catalogue()
    return [merged(kpi, known.get(kpi.id or "")) for kpi in plan.kpis]

"""What resolve reads besides the plan: all of it loaded or computed before, none read here."""

from __future__ import annotations

from dataclasses import dataclass

from generator.kpi.book import KpiBook
from generator.kpi.results import ResultsFile
from generator.reference import Reference


@dataclass(frozen=True)
class Context:
    """The KPI book, the reference data, and a build's options that change what is shown."""

    book: KpiBook
    reference: Reference
    results: ResultsFile | None = None
    """Results read from ``--data``: adds the progress view."""
    milestone: str | None = None
    """``--moc``: the milestone results are judged at."""
    explain: bool = False
    """``--explain``: how each computed target was found, under its table."""

"""What the recognisers were not sure of, and what stayed plain text: the import summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Notes:
    """Collected while reading; turned into YAML comments and the terminal summary."""

    counts: dict[str, int] = field(default_factory=dict)
    guesses: list[tuple[str, str]] = field(default_factory=list)
    """(top-level YAML key, what a clerk should look at)."""
    plain: list[str] = field(default_factory=list)
    """Where something was kept as plain text (not recognised)."""
    repaired: list[str] = field(default_factory=list)
    """Where the rebuilt plan will differ from the source on purpose: a fault of format
    repaired (a citation's missing word, 'Lưu: VT' first, a Luật cited by name)."""
    issuer_in_sentence: str = ""
    """The issuer's name as a sentence writes it, when the document shows it."""
    task_groups: list[dict[str, Any]] = field(default_factory=list)
    """Task groups read from task tables (``nhom_nhiem_vu``)."""
    unit_groups: list[dict[str, Any]] = field(default_factory=list)
    """Groups of units read from a KPI table (``nhom_don_vi``)."""
    table_kpis: list[dict[str, Any]] = field(default_factory=list)
    """KPIs read from KPI tables (``chi_tieu``), after those of sentences."""
    milestones: list[str] = field(default_factory=list)
    """Milestones of the KPI tables (``cac_moc``), in time order."""
    kpi_ids: dict[str, int] = field(default_factory=dict)
    """How many KPIs took each id (sentences and tables draw from the same ids)."""
    lead_in_joined: bool = False
    """The lead-in is written on at the end of the last căn cứ (``loi_dan_noi_tiep``)."""

    def count(self, what: str, n: int = 1) -> None:
        """Count ``n`` more of what was recognised."""
        self.counts[what] = self.counts.get(what, 0) + n

    def guess(self, key: str, text: str) -> None:
        """Note a guess a clerk should look at, under its top-level YAML key."""
        self.guesses.append((key, text))

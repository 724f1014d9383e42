"""KPI sentences: a bullet or paragraph that opens with a target in per cent ("100% văn bản
quy phạm pháp luật được cập nhật …", "Trên 90% hồ sơ được giải quyết đúng hạn;") as a KPI
(``chi_tieu``) with its target, and the sentence written back from it as
``{muc_tieu:ID} {chi_tieu:ID}`` so that the figure and the name are written once.

Only what kehoach prints back the same is taken: a figure it shows alike (its decimals kept
in ``so_le``), a comparison it prints in words ("trên", "dưới", "tối đa", "phấn đấu"; a bare
figure is "tối thiểu", which kehoach does not print) and a name with no markup. Any other
sentence keeps its words.
"""

from __future__ import annotations

import re
from typing import Any

from generator.ids import slugify

SENTENCE = re.compile(
    r"^(?P<op>Trên|Dưới|Tối đa|Phấn đấu)?\s*(?P<figure>\d{1,3}(?:,\d{1,2})?)%\s+"
    r"(?P<name>[^\W\d][^.;:*{}\\^\[\]]*?)(?P<end>[.;]?)$", re.IGNORECASE)
"""A sentence whose subject is a share: its comparison, the figure, the KPI's name."""


class Kpis:
    """The KPIs read from sentences, in reading order, with ids unique among them."""

    def __init__(self, ids: dict[str, int]) -> None:
        self.found: list[dict[str, Any]] = []
        self.ids = ids
        """How many KPIs took each id, shared with the KPI tables' (:func:`kpi_id`)."""

    def sentence(self, markup: str) -> str | None:
        """``markup`` with its KPI as references, the KPI kept; None when it is not one."""
        found = SENTENCE.match(markup.strip())
        if found is None:
            return None
        op, figure = (found["op"] or "").lower(), found["figure"]
        kpi = kpi_id(self.ids, found["name"])
        typed = f"{op} {figure}%".strip()
        target: dict[str, Any] = {"gia_tri": typed if op else number(figure)}
        entry: dict[str, Any] = {"id": kpi, "ten": found["name"].strip(),
                                 "muc_tieu": [target]}
        decimals = len(figure.partition(",")[2])
        if decimals > 1:
            entry["so_le"] = decimals
        self.found.append(entry)
        return f"{{muc_tieu:{kpi}}} {{chi_tieu:{kpi}}}{found['end']}"


def kpi_id(ids: dict[str, int], name: str) -> str:
    """An id for the KPI ``name``, unique among those ``ids`` has counted."""
    base = f"ct-{slugify(name)}"
    count = ids.get(base, 0) + 1
    ids[base] = count
    return base if count == 1 else f"{base}-{count}"


def number(figure: str) -> int | str:
    """100 as 100, "95,5" as written (the model reads the Vietnamese decimal comma)."""
    return int(figure) if figure.isdigit() else figure

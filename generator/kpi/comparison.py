"""How a result is judged against its target: one rule for the document and the workbook.

A target says "at least", "at most", "exactly", "strictly above", "strictly below" or
"aspire to" (``so_sanh``), and a KPI may say that lower is better
(``cao_hon_la_tot: false``). Both are folded here, once, into a
:class:`Comparison` that travels with the target to every place that judges it: the
achieved mark of the document and the terminal (:func:`meets`) and the spreadsheet formula
(:attr:`Comparison.excel`), so the two can never disagree.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from enum import Enum
from fractions import Fraction


class Comparison(Enum):
    """What a result must be, relative to its target, to count as achieved."""

    AT_LEAST = ">="
    AT_MOST = "<="
    EXACTLY = "="
    ABOVE = ">"
    BELOW = "<"

    @property
    def excel(self) -> str:
        """The spreadsheet operator (Excel and LibreOffice Calc write it the same)."""
        return self.value

    def holds(self, value: Fraction, target: Fraction) -> bool:
        """Whether ``value`` meets ``target`` under this comparison."""
        return _OPERATORS[self](value, target)


_OPERATORS: dict[Comparison, Callable[[Fraction, Fraction], bool]] = {
    Comparison.AT_LEAST: operator.ge,
    Comparison.AT_MOST: operator.le,
    Comparison.EXACTLY: operator.eq,
    Comparison.ABOVE: operator.gt,
    Comparison.BELOW: operator.lt,
}

_BY_WORD = {"toi_thieu": Comparison.AT_LEAST, "toi_da": Comparison.AT_MOST,
            "bang": Comparison.EXACTLY, "tren": Comparison.ABOVE, "duoi": Comparison.BELOW,
            "phan_dau": Comparison.AT_LEAST}
"""``so_sanh`` → the comparison judged; ``phan_dau`` (an aspiration) is judged like
``toi_thieu`` but binds no lower-level plan (it is not a floor)."""


def written_as(comparison: Comparison, aspiration: bool) -> str:
    """The ``so_sanh`` a target is written with to mean ``comparison`` (what a derived plan
    writes of its parent's target: "trên 90%" must stay "trên", not become a floor)."""
    if aspiration:
        return "phan_dau"
    return next(word for word, meant in _BY_WORD.items() if meant is comparison)


def comparison_for(compare: str, higher_is_better: bool | None) -> Comparison:
    """The comparison a target's ``so_sanh`` and its KPI's ``cao_hon_la_tot`` mean together.

    ``toi_thieu`` (the default) of a KPI where lower is better is read as "at most": a
    target of 5 days for a processing time is a ceiling, not a floor.
    """
    comparison = _BY_WORD[compare]
    if compare in ("toi_thieu", "phan_dau") and higher_is_better is False:
        return Comparison.AT_MOST
    return comparison


SIGNS = {Comparison.AT_LEAST: "≥", Comparison.AT_MOST: "≤", Comparison.EXACTLY: "=",
         Comparison.ABOVE: ">", Comparison.BELOW: "<"}
WORDS = {Comparison.AT_LEAST: "tối thiểu", Comparison.AT_MOST: "tối đa",
         Comparison.EXACTLY: "đúng", Comparison.ABOVE: "trên", Comparison.BELOW: "dưới"}
ASPIRATION = "phấn đấu"


def written(comparison: Comparison, aspiration: bool, style: str) -> str:
    """The words before a target's figure, in the plan's chosen style (``trinh_bay.so_sanh``):
    ``tu_dong`` says only what a reader could not assume ("trên 40%", "tối đa 5%",
    "phấn đấu 50%"; nothing before a plain floor), ``ky_hieu`` a sign ("≥ 50%"), ``chu`` words
    ("tối thiểu 50%")."""
    if style == "ky_hieu":
        return f"{SIGNS[comparison]} "
    if aspiration:
        return f"{ASPIRATION} " if style == "tu_dong" or comparison is Comparison.AT_LEAST \
            else f"{ASPIRATION} {WORDS[comparison]} "
    if style == "tu_dong" and comparison in (Comparison.AT_LEAST, Comparison.EXACTLY):
        return ""
    return f"{WORDS[comparison]} "


def meets(value: Fraction | None, target: Fraction | None,
          comparison: Comparison) -> bool | None:
    """Whether a result meets its target; ``None`` when either is missing."""
    if value is None or target is None:
        return None
    return comparison.holds(value, target)

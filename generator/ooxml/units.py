"""Lengths as Word stores them, as value types over one integer unit (the EMU).

As python-docx's ``shared.py``: a :class:`Length` is an ``int`` of English Metric Units
(914,400 to the inch, 36,000 to the millimetre), so millimetres, points and twips convert
without a factor copied into each module, and a length says which unit it was given in
only when it is made (``Mm(20)``, ``Pt(14)``, ``Twips(1134)``). Word's own units: page and
paragraph geometry in twips (1/20 pt), font sizes in half-points, borders in eighths.
"""

from __future__ import annotations

EMU_PER_INCH = 914_400
EMU_PER_MM = 36_000
EMU_PER_PT = 12_700
EMU_PER_TWIP = 635
TWIPS_PER_MM = 1440 / 25.4
"""Twips in a millimetre, for code that works in floats (text measures); written as 1440 /
25.4 (not EMU_PER_MM / EMU_PER_TWIP, one ulp apart) so every rounded width stays as it was."""


class Length(int):
    """A length in EMU; read it in the unit a caller needs."""

    @property
    def mm(self) -> float:
        """In millimetres (a float)."""
        return self / EMU_PER_MM

    @property
    def pt(self) -> float:
        """In points (a float)."""
        return self / EMU_PER_PT

    @property
    def twips(self) -> int:
        """In twips, rounded as Word stores them."""
        return round(self / EMU_PER_TWIP)

    @property
    def half_points(self) -> int:
        """In half-points (``w:sz``), rounded."""
        return round(self / (EMU_PER_PT / 2))

    @property
    def emu(self) -> int:
        """In EMU, as a plain int."""
        return int(self)


class Emu(Length):
    """A length given in EMU."""

    def __new__(cls, emu: float) -> Emu:
        """The length of ``emu`` EMU, rounded to a whole EMU."""
        return super().__new__(cls, round(emu))


class Mm(Length):
    """A length given in millimetres."""

    def __new__(cls, mm: float) -> Mm:
        """The length of ``mm`` millimetres, rounded to a whole EMU."""
        return super().__new__(cls, round(mm * EMU_PER_MM))


class Pt(Length):
    """A length given in points."""

    def __new__(cls, points: float) -> Pt:
        """The length of ``points`` points, rounded to a whole EMU."""
        return super().__new__(cls, round(points * EMU_PER_PT))


class Twips(Length):
    """A length given in twips (twentieths of a point)."""

    def __new__(cls, twips: float) -> Twips:
        """The length of ``twips`` twips, rounded to a whole EMU."""
        return super().__new__(cls, round(twips * EMU_PER_TWIP))


def mm_to_twips(mm: float) -> float:
    """Millimetres in twips, unrounded (column widths sum these before rounding)."""
    return mm * TWIPS_PER_MM


def twips_to_mm(twips: float) -> float:
    """Twips in millimetres, unrounded."""
    return twips / TWIPS_PER_MM

"""Exact KPI arithmetic: ratios as fractions, rounded once, only for display.

A ratio b/a × 100 is kept as a :class:`~fractions.Fraction` from the counts to the
comparison with its target, so 150/155 is 96,774…%, shown 96,7% at one decimal (the Bắc
Kạn worked example) and never rounded twice. :func:`rounded` is the only rounding of
kehoach; formatting (:func:`generator.vnformat.vi_decimal`) prints what it is given.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from generator.vnformat import vi_decimal

DASH = "—"
"""Shown where a ratio has no meaning (a zero denominator) or a figure is missing."""

HALF_UP, TRUNCATE = "len", "cat"
"""Rounding modes: half-up (the default) or cut (the Bắc Kạn plan's 150/155 = 96,7%)."""


def ratio_percent(numerator: int, denominator: int) -> Fraction | None:
    """b/a × 100 exactly; ``None`` when a = 0 (a dash with a note, never 0% or an error)."""
    if denominator == 0:
        return None
    return Fraction(numerator * 100, denominator)


def to_fraction(value: Decimal | Fraction | int) -> Fraction:
    """Decimals from YAML (``96.7``) become exact fractions (967/10)."""
    return value if isinstance(value, Fraction) else Fraction(value)


def rounded(value: Fraction, places: int, mode: str = HALF_UP) -> Decimal:
    """Round once to ``places`` decimals, half away from zero or by cutting: 12,25 → 12,3."""
    scale = 10**places
    scaled = abs(value) * scale
    whole = int(scaled + Fraction(1, 2)) if mode == HALF_UP else int(scaled)
    sign = -1 if value < 0 else 1
    return Decimal(sign * whole).scaleb(-places)


def _shown(value: Fraction, places: int, trim: bool, mode: str) -> str:
    figure = rounded(value, places, mode)
    if trim and figure == figure.to_integral_value():
        figure = figure.quantize(Decimal(1))
    return vi_decimal(figure)


def show_percent(value: Fraction | None, places: int = 1, *, trim: bool = False,
                 mode: str = HALF_UP) -> str:
    """``96,7%``; ``—`` for no value. ``trim`` drops a zero fraction (``100%``)."""
    return DASH if value is None else _shown(value, places, trim, mode) + "%"


def show_number(value: Fraction | None, places: int = 1, *, trim: bool = True) -> str:
    """A plain figure in Vietnamese notation; ``—`` for no value."""
    return DASH if value is None else _shown(value, places, trim, HALF_UP)


COUNTED = ("hồ sơ", "tthc", "thủ tục", "văn bản", "người", "lượt", "đơn vị", "cơ quan", "xã",
           "phường", "thôn", "hộ", "tài khoản", "doanh nghiệp", "cuộc", "buổi", "lớp", "bài",
           "tin", "thiết bị", "máy", "dịch vụ", "dvc", "cán bộ", "công chức", "trường hợp",
           "hội nghị", "chiếc", "cái", "hệ thống", "phần mềm", "trang", "đợt", "kiến nghị",
           "phản ánh", "giao dịch", "bộ", "cuốn", "tập")
"""Units of measure that count things, which a KPI never has a part of: 1,5 hồ sơ is a
mistake (often 1.234 hồ sơ, typed with a thousands dot, read by YAML as 1,234)."""


def is_counted(measure: str | None) -> bool:
    """Whether a KPI measured in ``measure`` counts things (``"hồ sơ"``, ``"TTHC"``): its
    figures are whole numbers. A percentage, a score, days or money may have decimals."""
    words = (measure or "%").casefold().split()
    return any(words[:len(unit.split())] == unit.split() for unit in COUNTED)

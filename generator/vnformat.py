"""Vietnamese number and date formatting by the rules of Nghị định 30/2020/NĐ-CP.

Our own small, tested formatter rather than babel's ``vi`` patterns: babel zero-pads every
month ("tháng 04") while the decree pads only days below 10 and months 1 and 2.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

BLANK_DAY = "     "
"""What a draft shows in place of an unknown day or month (the clerk fills it by hand)."""


def pad_day(day: int) -> str:
    """Days below 10 take a leading zero: 05, 29."""
    return f"{day:02d}"


def pad_month(month: int) -> str:
    """Only months 1 and 2 take a leading zero (01, 02); 3–12 never do ("tháng 4")."""
    return f"{month:02d}" if month <= 2 else str(month)


def short_date(date: dt.date) -> str:
    """``08/4/2020``, ``06/01/2022``: the form used inside citations and tables."""
    return f"{pad_day(date.day)}/{pad_month(date.month)}/{date.year}"


def long_date(day: int | None, month: int | None, year: int) -> str:
    """``ngày 06 tháng 4 năm 2024``, with blanks for a draft's unknown day or month."""
    d = pad_day(day) if day else BLANK_DAY
    m = pad_month(month) if month else BLANK_DAY
    return f"ngày {d} tháng {m} năm {year}"


def vi_int(value: int) -> str:
    """Dot as thousands separator: ``1.234.567``."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", ".")


def vi_decimal(value: Decimal) -> str:
    """A decimal already rounded, in Vietnamese notation: ``1.234,5``, ``96,7``, ``75``.

    It shows exactly the decimals ``value`` carries (``Decimal("75.0")`` → ``75,0``);
    rounding is done once, before, by :func:`generator.kpi.numbers.rounded`.
    """
    return f"{value:,f}".translate(_VI_SEPARATORS)


_VI_SEPARATORS = str.maketrans({",": ".", ".": ","})


def vi_measure(value: float, places: int = 1) -> str:
    """A measured size or length as a clerk reads it: decimal comma, ``places`` decimals
    kept only when not zero (``13,5``, ``14``, ``2,5``); :func:`vi_decimal` for exact ones."""
    shown = f"{round(value, places):.{places}f}".rstrip("0").rstrip(".") if places else \
        f"{round(value):d}"
    return vi_decimal(Decimal(shown))


def number_with_pad(value: int) -> str:
    """Document numbers below 10 get a leading zero: ``Số: 05/KH-UBND``."""
    return f"{value:02d}"


ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(value: int) -> str:
    """Roman numerals for part and group numbers: I, II, …, IV, IX."""
    out = ""
    for amount, letters in ROMAN:
        while value >= amount:
            out += letters
            value -= amount
    return out


def letter(value: int) -> str:
    """Point letters of Vietnamese legal texts: a, b, c, d, đ, e, g, h … (no f, j, w, z)."""
    alphabet = "abcdđeghiklmnopqrstuvxy"
    out = ""
    while value > 0:
        value -= 1
        out = alphabet[value % len(alphabet)] + out
        value //= len(alphabet)
    return out

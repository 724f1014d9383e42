"""What an Excel cell holds and how Excel names a column: facts of the format that reading
a results file (:mod:`generator.kpi.sheets`) and checking what a plan's workbook will hold
(:mod:`generator.check.workbook`) share, kept in one place."""

from __future__ import annotations

EXCEL_CELL = 32_767
"""The most characters Excel keeps in one cell, counted as Excel counts them: UTF-16 code
units, so a character outside the Basic Multilingual Plane (``𠀀``, an emoji) counts two."""
EXCEL_ROWS = 1_048_576
"""The most rows an Excel sheet has: a CSV longer than this came from no spreadsheet."""
EXCEL_COLUMNS = 16_384
"""The most columns an Excel sheet has (A to XFD): a row wider than this came from no
spreadsheet."""


def utf16_length(text: str) -> int:
    """Characters as Excel counts them: one per UTF-16 code unit."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def column_letter(number: int) -> str:
    """Spreadsheet column name of a 1-based column number: 1 → A, 28 → AB (as the workbook
    writer names it)."""
    from xlsxwriter.utility import xl_col_to_name  # only to name a column: validate stays light

    return str(xl_col_to_name(number - 1))

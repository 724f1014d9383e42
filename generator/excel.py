"""What an Excel cell holds, how Excel names a column and what it allows as a sheet's
name: facts of the format that reading a results file (:mod:`generator.kpi.sheets`),
checking what a plan's workbook will hold (:mod:`generator.check`) and writing it
(:mod:`generator.render.xlsx`) share, kept in one place."""

from __future__ import annotations

from collections.abc import Sequence

EXCEL_CELL = 32_767
"""The most characters Excel keeps in one cell, counted as Excel counts them: UTF-16 code
units, so a character outside the Basic Multilingual Plane (``𠀀``, an emoji) counts two."""


def utf16_length(text: str) -> int:
    """Characters as Excel counts them: one per UTF-16 code unit."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def column_letter(number: int) -> str:
    """Spreadsheet column name of a 1-based column number: 1 → A, 28 → AB (as the workbook
    writer names it)."""
    from xlsxwriter.utility import xl_col_to_name  # only to name a column: validate stays light

    return str(xl_col_to_name(number - 1))


SHEET_NAME_LIMIT = 31
"""The most characters Excel allows in a worksheet's name."""
SHEET_NAME_FORBIDDEN = frozenset("[]:*?/\\")
RESERVED_SHEET_NAMES = frozenset({"history"})
"""Names Excel keeps for itself (compared without case)."""


def sheet_names(labels: Sequence[str]) -> list[str]:
    """A valid, distinct worksheet name for each label, in order: the one place the
    workbook's sheets are named (the writer asks it; so does the check of a plan's
    appendices, :mod:`generator.check.workbook`).

    Excel's rules: at most 31 characters, none of ``[]:*?/\\``, not starting or ending with
    an apostrophe, not "History", no two alike without regard to case. A label too long is
    cut; a name already taken gets " (2)", " (3)"… with its base cut to leave room, so two
    labels that share their first 31 characters still name two sheets.
    """
    taken: set[str] = set()
    out: list[str] = []
    for label in labels:
        base = "".join(" " if ch in SHEET_NAME_FORBIDDEN else ch for ch in label)
        base = " ".join(base.split()).strip("'").strip() or "Bang"
        name, n = base[:SHEET_NAME_LIMIT].rstrip(), 1
        while name.casefold() in taken or name.casefold() in RESERVED_SHEET_NAMES:
            n += 1
            suffix = f" ({n})"
            name = base[:SHEET_NAME_LIMIT - len(suffix)].rstrip().rstrip("'") + suffix
        taken.add(name.casefold())
        out.append(name)
    return out

"""Reading built workbooks back for tests: progress rows, cells with their formulas."""

from __future__ import annotations

import io
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl

from generator.kpi.numbers import show_percent


def progress_rows(sheet: Any, unit: str) -> list[tuple[Any, ...]]:
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[1] == unit)
    out = []
    for row in rows[start + 1:]:
        if row[0] is None or not str(row[0]).isdigit():
            break
        out.append(row)
    return out


def _percent(value: Any, mode: str) -> str:
    if isinstance(value, str):
        return value
    return show_percent(Fraction(Decimal(repr(value)) * 100), 1, trim=True, mode=mode)


def xlsx_progress_figures(xlsx: Path, unit: str, mode: str) -> list[tuple[str, ...]]:
    """The same five figures from the workbook's cached values, formatted the same way."""
    book = openpyxl.load_workbook(xlsx, data_only=True)
    rows = progress_rows(book[book.sheetnames[-1]], unit)
    return [(str(r[2]), str(r[3]), _percent(r[4], mode), _percent(r[5], mode), str(r[6]))
            for r in rows]


def sheet_cells(xlsx: bytes | Path, sheet: str | None = None) -> dict[str, Any]:
    """Every cell of a sheet as {"E21": value or "=formula"} (formulas, not cached values)."""
    source = io.BytesIO(xlsx) if isinstance(xlsx, bytes) else xlsx
    book = openpyxl.load_workbook(source)
    ws = book[sheet] if sheet else book.worksheets[-1]
    return {cell.coordinate: cell.value for row in ws.iter_rows() for cell in row
            if cell.value is not None}


def mark_cells(cells: dict[str, Any]) -> list[str]:
    """The cells holding a mark formula (achieved or not)."""
    return [ref for ref, value in cells.items()
            if isinstance(value, str) and value.startswith("=IF(") and '"Đạt"' in value]

"""Who a derived plan is for: one unit from the command line, or many from a list (CSV).

A list is a table a clerk keeps in Excel or LibreOffice and saves as CSV (UTF-8, comma,
semicolon or tab): one row per unit, headers in Vietnamese ("Đơn vị", "Cấp", "Địa danh",
"Ký hiệu", "Người ký", "Chức vụ") or as YAML keys (``don_vi``, ``cap``…). A bad row is
reported with its row number and the others still count.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.check.core import did_you_mean
from generator.errors import Diagnostic, KeHoachError
from generator.reference import Reference

PEOPLES_COMMITTEE_LEVELS = ("tinh", "huyen", "xa")
"""Levels whose plans are issued by a People's Committee (Ủy ban nhân dân …)."""


@dataclass(frozen=True)
class ChildSpec:
    """One lower-level unit to derive a plan for."""

    unit: str
    """Its name as the parent names it: "Xã Ia Ake", "Sở Nội vụ"."""
    level: str
    place: str | None = None
    """Địa danh before the date; by default the unit's name without its level word."""
    code: str | None = None
    """Abbreviation in the number: UBND for a People's Committee, initials otherwise."""
    signer: str | None = None
    title: str | None = None
    date: str | None = None
    """ISO date (2024-04-06) of the planned issue; by default this month, as a draft."""


COLUMNS = {
    "don vi": "unit", "ten don vi": "unit", "cap": "level", "dia danh": "place",
    "ky hieu": "code", "nguoi ky": "signer", "ho ten nguoi ky": "signer", "chuc vu": "title",
    "ngay": "date", "ngay ban hanh": "date",
}
"""Header (folded: no diacritics, lowercase, '_' as space) → :class:`ChildSpec` field."""


def fold_header(text: str) -> str:
    """"Đơn vị" and "don_vi" → "don vi"."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("_", " ")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.lower().split())


def level_problem(level: str, reference: Reference) -> str | None:
    """Why a level key is not usable, or ``None``."""
    if level in reference.levels:
        return None
    return f"Cấp '{level}' không có trong danh mục. " + did_you_mean(
        level, reference.levels, listing="Các cấp")


def _rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeHoachError([Diagnostic(f"Không đọc được danh sách đơn vị: {exc}", str(path),
                                       hint="Lưu danh sách dạng CSV UTF-8.")]) from exc
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text.splitlines()[0] if text.strip() else ",", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def read_children(path: Path, reference: Reference) -> tuple[list[tuple[int, ChildSpec]],
                                                              list[Diagnostic]]:
    """The rows of a unit list, each with its row number, and the problems of bad rows.

    A list that cannot be read at all (no file, no "Đơn vị" column) raises.
    """
    if not path.is_file():
        raise KeHoachError([Diagnostic("Không tìm thấy danh sách đơn vị.", str(path))])
    rows = _rows(path)
    header = [COLUMNS.get(fold_header(cell), "") for cell in (rows[0] if rows else [])]
    if "unit" not in header or "level" not in header:
        raise KeHoachError([Diagnostic(
            "Danh sách đơn vị cần có cột 'Đơn vị' và cột 'Cấp'.", str(path), 1,
            hint="Dòng đầu là tiêu đề: Đơn vị, Cấp, Địa danh, Ký hiệu, Người ký, Chức vụ.")])
    specs, problems = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {name: cell.strip() for name, cell in zip(header, row, strict=False)
                  if name and cell.strip()}
        problem = _row_problem(values, reference)
        if problem:
            problems.append(Diagnostic(problem, str(path), number,
                                       hint="Sửa dòng này rồi chạy lại; các dòng khác vẫn được "
                                       "tạo."))
            continue
        specs.append((number, ChildSpec(**values)))
    return specs, problems


def _row_problem(values: dict[str, str], reference: Reference) -> str | None:
    if "unit" not in values:
        return "Dòng thiếu tên đơn vị (cột 'Đơn vị')."
    if "level" not in values:
        return f"Dòng của '{values['unit']}' thiếu cấp (cột 'Cấp': xa, so…)."
    return level_problem(values["level"], reference)

"""Who a derived plan is for: one unit from the command line, or many from a list (CSV).

A list is a table a clerk keeps in Excel or LibreOffice and saves as CSV (UTF-8, comma,
semicolon or tab): one row per unit, headers in Vietnamese ("Đơn vị", "Cấp", "Địa danh",
"Ký hiệu", "Người ký", "Chức vụ") or as YAML keys (``don_vi``, ``cap``…). A bad row is
reported with its row number and the others still count.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.check.core import did_you_mean
from generator.errors import Diagnostic, KeHoachError, os_reason
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


def date_problem(text: str) -> str | None:
    """Why a planned date is not usable, or ``None``."""
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return f"Ngày '{text}' không có trên lịch."
        return f"Ngày '{text}' không đúng dạng năm-tháng-ngày (2024-04-06)."
    return None


def spec_problem(spec: ChildSpec, reference: Reference) -> str | None:
    """Why a unit cannot be derived for, or ``None``: no name, an unknown level, a bad date."""
    if not spec.unit.strip():
        return "Tên đơn vị trống (--don-vi hoặc cột 'Đơn vị')."
    if not spec.level.strip():
        return f"Đơn vị '{spec.unit}' thiếu cấp (--cap hoặc cột 'Cấp': xa, so…)."
    return level_problem(spec.level, reference) or (date_problem(spec.date) if spec.date
                                                    else None)


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    """The non-blank rows of a CSV file with their 1-based row numbers."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise KeHoachError([Diagnostic(f"Không đọc được danh sách đơn vị: {os_reason(exc)}.",
                                       str(path))]) from exc
    except UnicodeDecodeError as exc:
        raise KeHoachError([Diagnostic("Danh sách đơn vị không phải mã UTF-8.", str(path),
                                       hint="Lưu danh sách dạng CSV UTF-8.")]) from exc
    first = next((line for line in text.splitlines() if line.strip()), ",")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(first,
                                                                        delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = enumerate(csv.reader(io.StringIO(text), dialect), start=1)
    return [(number, row) for number, row in rows if any(cell.strip() for cell in row)]


def _header(path: Path, number: int, cells: list[str]) -> list[str]:
    """The field of each column; a list without the needed columns, or with one twice,
    cannot be read."""
    names = [COLUMNS.get(fold_header(cell), "") for cell in cells]
    if "unit" not in names or "level" not in names:
        raise KeHoachError([Diagnostic(
            "Danh sách đơn vị cần có cột 'Đơn vị' và cột 'Cấp'.", str(path), number,
            hint="Dòng đầu là tiêu đề: Đơn vị, Cấp, Địa danh, Ký hiệu, Người ký, Chức vụ, "
            "Ngày.")])
    for name in set(names) - {""}:
        if names.count(name) > 1:
            twice = [cell for cell, n in zip(cells, names, strict=True) if n == name]
            raise KeHoachError([Diagnostic(
                f"Cột '{twice[0]}' có hai lần ({', '.join(twice)}).", str(path), number,
                hint="Giữ một cột cho mỗi thông tin.")])
    return names


def read_children(path: Path, reference: Reference) -> tuple[list[tuple[int, ChildSpec]],
                                                              list[Diagnostic]]:
    """The rows of a unit list, each with its row number, and the problems of bad rows.

    A list that cannot be read at all (no file, no "Đơn vị" column, no unit) raises.
    """
    if not path.is_file():
        raise KeHoachError([Diagnostic("Không tìm thấy danh sách đơn vị.", str(path))])
    rows = _rows(path)
    if not rows:
        raise KeHoachError([Diagnostic("Danh sách đơn vị trống.", str(path))])
    (header_row, cells), *body = rows
    header = _header(path, header_row, cells)
    if not body:
        raise KeHoachError([Diagnostic("Danh sách đơn vị chưa có đơn vị nào (chỉ có dòng "
                                       "tiêu đề).", str(path), header_row)])
    specs, problems = [], []
    for number, row in body:
        values = {name: cell.strip() for name, cell in zip(header, row, strict=False)
                  if name and cell.strip()}
        spec = ChildSpec(**{"unit": "", "level": "", **values})
        problem = spec_problem(spec, reference)
        if problem:
            problems.append(Diagnostic(problem, str(path), number,
                                       hint="Sửa dòng này rồi chạy lại; các dòng khác vẫn được "
                                       "tạo."))
            continue
        specs.append((number, spec))
    return specs, problems

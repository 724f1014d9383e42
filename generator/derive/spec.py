"""Who a derived plan is for: one unit from the command line, or many from a list (CSV).

A list is a table a clerk keeps in Excel or LibreOffice and saves as CSV: one row per unit,
headers in Vietnamese ("Đơn vị", "Cấp", "Địa danh", "Ký hiệu", "Người ký", "Chức vụ",
"Ngày") or as YAML keys (``don_vi``, ``cap``…). It is read by the reader of every table a
clerk gives (:mod:`generator.csvfile`: Excel's dialect, its encodings, its limits), and its
values as Excel writes them: a level as its name ("Xã", "Phường", "Huyện") or its key
(``xa``), a date as ``08/04/2024`` or ``2024-04-08``.

Every value is checked before anything is written, with the same rules whether it comes from
a list or from an option (``--don-vi``, ``--ky-hieu``…): a bad row is reported at its row and
column, every problem of it at once, and the other rows are still written.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from generator import csvfile
from generator.check.core import did_you_mean
from generator.errors import Diagnostic, KeHoachError
from generator.load.chars import char_message, forbidden_offsets
from generator.model.plan import ISSUER_CODE
from generator.reference import Reference
from generator.vnformat import vi_int
from generator.vnread import american_order, calendar_problem, date_message, dates_in

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

LABELS = {"unit": ("Đơn vị", "--don-vi"), "level": ("Cấp", "--cap"),
          "place": ("Địa danh", "--dia-danh"), "code": ("Ký hiệu", "--ky-hieu"),
          "signer": ("Người ký", "--nguoi-ky"), "title": ("Chức vụ", "--chuc-vu"),
          "date": ("Ngày", "--ngay")}
"""Each field as a list's column and as an option name it."""

MAX_UNITS = 1_000
"""Units in one list. More than the communes of any province (a few hundred), while
``derive`` writes a plan in about 20 ms: a full list takes well under a minute. A longer
list is refused before anything is written; split it."""
LIST_BYTES = 2 * csvfile.MIB
"""A list's file: a thousand rows of a few names each weigh a few hundred kilobytes."""
NAME_CHARS = 150
"""The longest name, place, signer or title: "Ủy ban nhân dân thành phố …" and the longest
department names fit many times over; more is a cell pasted by mistake."""
WORD_CHARS = 30
"""The longest word in a name: Vietnamese syllables have at most seven letters, and
hyphenated names of the highlands (Ea-H'leo) a few more. A longer word cannot wrap in the
header's column and is a cell pasted by mistake."""
MARKUP_CHARS = "*^[]\\{}"
"""Characters that no unit's name has and that the plan's text would read as formatting or
a reference: a name is printed as written, or refused."""

UNITS = csvfile.Kind(
    "Danh sách đơn vị",
    f"Danh sách chỉ cần mỗi đơn vị một dòng (nhiều nhất {vi_int(MAX_UNITS)} đơn vị): bỏ các "
    "cột, dòng không dùng đến, hoặc chia thành nhiều tệp.")
"""How the messages name a list of units."""


def fold_header(text: str) -> str:
    """"Đơn vị" and "don_vi" → "don vi"."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("_", " ")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.lower().split())


# --- Values as a clerk types them ------------------------------------------------------------


def level_key(text: str, reference: Reference) -> str | None:
    """The level a cell names, by key (``xa``) or by any of its names ("Xã", "phường",
    "Thị xã"), case and diacritics aside; ``None`` if none."""
    folded = fold_header(text)
    for key, level in reference.levels.items():
        names = {fold_header(key)} | {fold_header(name) for name in level.name.split(",")}
        if folded in names:
            return key
    return None


_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YEARS = (1945, 2200)
"""The years a plan may carry (as the plan's own date)."""


def parsed_date(text: str) -> dt.date | str:
    """A date as Excel or a clerk writes it — ``08/04/2024``, ``8/4/2024``, ``2024-04-08``
    — or why it is not one."""
    found = _DMY.fullmatch(text)
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    try:
        if found:
            day, month, year = (int(x) for x in found.groups())
            date = dt.date(year, month, day)
        else:
            date = dt.date.fromisoformat(text)
    except ValueError:
        parts = (int(found[1]), int(found[2]), int(found[3])) if found else \
            (int(iso[3]), int(iso[2]), int(iso[1])) if iso else None
        if parts is not None:
            problem = calendar_problem(*parts) if parts[2] >= 1 else None
            said = date_message(text, problem) if problem else \
                f"Ngày '{text}' không có trên lịch."
            american = american_order(*parts)
            return f"{said} {american}" if american else said
        return (f"Ngày '{text}' không đúng dạng ngày/tháng/năm (08/04/2024) hoặc "
                "năm-tháng-ngày (2024-04-08).")
    if not _YEARS[0] <= date.year <= _YEARS[1]:
        return f"Năm {date.year} của ngày '{text}' không phải năm của một kế hoạch."
    return date


def _text_problem(label: str, value: str) -> str | None:
    """Why a name (unit, place, signer, title) cannot be printed as written, or ``None``."""
    bad = [value[i] for i in forbidden_offsets(value)] + [c for c in value if c in "\t\r\n"]
    if bad:
        return f"{label}: {char_message(bad)[:1].lower()}{char_message(bad)[1:]}"
    marks = sorted({c for c in value if c in MARKUP_CHARS})
    if marks:
        return (f"{label} '{csvfile.printable(value)}' có ký tự {', '.join(marks)}: tên không "
                "có các ký tự này (trong kế hoạch chúng là ký hiệu định dạng).")
    word = max(value.split(), key=len, default="")
    if len(word) > WORD_CHARS:
        return (f"{label} có một từ dài {vi_int(len(word))} chữ "
                f"('{csvfile.printable(word, 20)}'): không tên nào có từ dài hơn {WORD_CHARS} "
                "chữ.")
    if len(value) > NAME_CHARS:
        return f"{label} dài {vi_int(len(value))} ký tự, quá {NAME_CHARS} ký tự."
    return _date_problem(label, value)


def _date_problem(label: str, value: str) -> str | None:
    """A date in a name that is not on the calendar ("Xã 0/0/0000"): the name is printed
    throughout the child plan, whose own check would refuse it, so it is refused here, at
    its row, before the plan is written."""
    for date in dates_in(value):
        problem = date.problem()
        if problem is not None:
            return (f"{label}: " + date_message(date.written, problem,
                                               month_only=date.day is None))
    return None


def _code_problem(code: str) -> str | None:
    """Why a ký hiệu cannot be the child's, or ``None``: not of the form the plan's check
    takes, or a date off the calendar ("0000-0-0" has that form; the draft's own check
    refuses it as a date, so it is refused here, at its cell)."""
    if re.fullmatch(ISSUER_CODE, code):
        return _date_problem("Ký hiệu", code)
    upper = code.upper().replace(" ", "")
    suggestion = f" Có phải ý bạn là '{upper}'?" if re.fullmatch(ISSUER_CODE, upper) else ""
    return (f"Ký hiệu '{csvfile.printable(code)}' chỉ gồm chữ in hoa không dấu (trừ Đ) và chữ "
            f"số, nối bằng '-' hoặc '.': UBND, SNV, VP-UBND.{suggestion}")


def level_problem(level: str, reference: Reference) -> str | None:
    """Why a level key is not usable, or ``None``."""
    if level in reference.levels:
        return None
    listing = "; ".join(f"{key} ({found.name.lower()})"
                        for key, found in sorted(reference.levels.items()))
    return (f"Cấp '{csvfile.printable(level)}' không có trong danh mục. "
            + did_you_mean(level, reference.levels, otherwise=f"Các cấp: {listing}.")
            + " Ghi mã cấp hoặc tên cấp (Xã, Phường, Huyện…).")


@dataclass(frozen=True)
class Problem:
    """What is wrong with one value of a unit: its field and the message."""

    field: str
    message: str


def settled(spec: ChildSpec, reference: Reference) -> tuple[ChildSpec, list[Problem]]:
    """The spec with its values read as a clerk means them (NFC text, a level's name as its
    key, a date in any accepted form as ISO), and every problem with them."""
    values: dict[str, str | None] = {}
    for item in fields(spec):
        value = getattr(spec, item.name)
        values[item.name] = unicodedata.normalize("NFC", value).strip() \
            if isinstance(value, str) else value
    problems: list[Problem] = []
    unit, level = values["unit"] or "", values["level"] or ""
    if not unit:
        problems.append(Problem("unit", "Tên đơn vị trống (--don-vi hoặc cột 'Đơn vị')."))
    if not level:
        problems.append(Problem("level", f"Đơn vị '{csvfile.printable(unit)}' thiếu cấp "
                                "(--cap hoặc cột 'Cấp': xa, so…)."))
    else:
        key = level_key(level, reference)
        values["level"] = key or level
        if key is None:
            problems.append(Problem("level", level_problem(level, reference) or ""))
    for name in ("unit", "place", "signer", "title"):
        value = values[name]
        problem = _text_problem(LABELS[name][0], value) if value else None
        if problem:
            problems.append(Problem(name, problem))
    if values["code"] and (problem := _code_problem(values["code"])):
        problems.append(Problem("code", problem))
    if values["date"]:
        date = parsed_date(values["date"])
        if isinstance(date, str):
            problems.append(Problem("date", date))
        else:
            values["date"] = date.isoformat()
    return ChildSpec(unit, values["level"] or "", values["place"], values["code"],
                     values["signer"], values["title"], values["date"]), problems


def spec_problem(spec: ChildSpec, reference: Reference) -> str | None:
    """Why a unit given by options cannot be derived for (every problem, each with its
    option), or ``None``."""
    _, problems = settled(spec, reference)
    return " ".join(f"{LABELS[p.field][1]}: {p.message}" for p in problems) or None


# --- A list of units --------------------------------------------------------------------------


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


ROW_HINT = "Sửa dòng này rồi chạy lại; các dòng khác vẫn được tạo."


def _row(path: Path, number: int, header: list[str], cells: list[str], reference: Reference,
         blanks: Mapping[str, str]) -> tuple[ChildSpec | None, list[Diagnostic]]:
    """One row: its unit, or its problems, each at its column."""
    extra = [i for i, cell in enumerate(cells[len(header):], start=len(header)) if cell.strip()]
    if extra:
        return None, [Diagnostic(
            f"Dòng có {len(cells)} ô, nhiều hơn {len(header)} cột của dòng tiêu đề.", str(path),
            number, extra[0] + 1, hint="Có lẽ một ô có dấu phẩy mà không nằm trong ngoặc kép: "
            "mở danh sách trong Excel và lưu lại dạng CSV UTF-8, Excel tự đặt ngoặc kép.")]
    values = {name: cell for name, cell in zip(header, cells, strict=False)
              if name and cell.strip()}
    spec, problems = settled(ChildSpec(**{"unit": "", "level": "", **blanks, **values}),
                             reference)
    if not problems:
        return spec, []
    column = {name: i + 1 for i, name in reversed(list(enumerate(header))) if name}
    return None, [
        Diagnostic(p.message, str(path), number, column.get(p.field), hint=ROW_HINT)
        if p.field in values or p.field not in blanks else
        Diagnostic(f"{LABELS[p.field][1]}: {p.message}", str(path), number, hint=ROW_HINT)
        for p in problems]


def read_children(path: Path, reference: Reference, blanks: Mapping[str, str] | None = None
                  ) -> tuple[list[tuple[int, ChildSpec]], list[Diagnostic]]:
    """The rows of a unit list, each with its row number, and the problems of bad rows;
    ``blanks``: values (by field) for the cells a row leaves blank.

    A list that cannot be read at all (no file, no "Đơn vị" column, no unit, more than
    :data:`MAX_UNITS` units) raises, before anything is written.
    """
    text = csvfile.decoded(path, csvfile.read_bounded(path, LIST_BYTES, UNITS), UNITS)
    header: list[str] | None = None
    header_row = 0
    specs: list[tuple[int, ChildSpec]] = []
    problems: list[Diagnostic] = []
    units = 0
    for record in csvfile.records(path, text, UNITS):
        if record.problem is None and not any(cell.strip() for cell in record.cells):
            continue
        if header is None:
            if record.problem is not None:
                raise KeHoachError([record.problem])
            header, header_row = _header(path, record.number, record.cells), record.number
            continue
        units += 1
        if units > MAX_UNITS:
            raise KeHoachError([Diagnostic(
                f"Danh sách có hơn {vi_int(MAX_UNITS)} đơn vị (đến dòng {record.number}): "
                "chưa tạo kế hoạch nào.", str(path), record.number,
                hint=f"Chia danh sách thành nhiều tệp, mỗi tệp nhiều nhất {vi_int(MAX_UNITS)} "
                "đơn vị.")])
        if record.problem is not None:
            problems.append(record.problem)
            continue
        spec, found = _row(path, record.number, header, record.cells, reference,
                           blanks or {})
        problems += found
        if spec is not None:
            specs.append((record.number, spec))
    if header is None:
        raise KeHoachError([Diagnostic("Danh sách đơn vị trống.", str(path))])
    if not units:
        raise KeHoachError([Diagnostic("Danh sách đơn vị chưa có đơn vị nào (chỉ có dòng "
                                       "tiêu đề).", str(path), header_row)])
    return specs, problems

"""Opening a results file: what it is by its bytes, within stated limits, as rows of cells.

A clerk's results file comes from a portal, from Excel, or from a colleague's computer: a
CSV may be a workbook renamed, a workbook may be a CSV renamed or an old .xls, a CSV may be
in another encoding. Each is recognised from its first bytes and named as what it is; a
file too large, a cell too long, a workbook that would unpack to far more than it weighs,
are refused with the limit they broke, before they are read whole. What is read comes out
as rows of cells (value, number format) for :mod:`generator.kpi.results` to interpret.
"""

from __future__ import annotations

import contextlib
import warnings
import zipfile
from collections.abc import Callable, Generator, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from generator import csvfile
from generator.csvfile import refuse
from generator.errors import Diagnostic, KeHoachError, Severity
from generator.excel import EXCEL_CELL, EXCEL_COLUMNS, column_letter
from generator.inputs import open_input, read_input, size_text
from generator.ooxml.archive import OLE_MAGIC, ZIP_ERRORS, odd_entries
from generator.vnformat import vi_int

Cell = tuple[Any, str]
"""A cell's value and its number format ('' for CSV)."""

Rows = Generator[list[Cell], None, None]
_T = TypeVar("_T")

MIB = csvfile.MIB
RESULTS = csvfile.Kind(
    "Tệp số liệu",
    "Tệp số liệu chỉ cần mỗi đơn vị một dòng: bỏ các trang, cột, hình ảnh không dùng đến, "
    "hoặc chia thành nhiều tệp.")
"""How the messages name a results file."""


@dataclass(frozen=True)
class Limits:
    """How much of a results file is read at most; each limit is said when it is broken.

    The figures leave room for every commune of the country in one file (about 10.600
    before 2025) many times over, while a file that breaks them is not a results file.
    """

    file_bytes: int = 20 * MIB
    """The file as stored (checked before it is read)."""
    rows: int = 20_000
    """Rows with something in them, the header included."""
    cells: int = 5_000_000
    """Cells read, empty ones included (a sheet can pad a row to 16.384 columns)."""
    cell_chars: int = EXCEL_CELL
    """Characters in one cell: the most an Excel cell holds. Counted as Python counts them
    (code points), never more than Excel's UTF-16 code units: a cell Excel holds is never
    refused."""
    columns: int = EXCEL_COLUMNS
    """Cells in one row of a CSV, counted while it is parsed: a row is never built wider
    than an Excel sheet (a file of commas would be one row of millions of cells)."""
    unpacked_bytes: int = 200 * MIB
    """An XLSX's parts once unpacked (a zip bomb unpacks to thousands of times its size)."""
    parts: int = 10_000
    """Parts (files) inside an XLSX; Excel writes a few dozen."""


LIMITS = Limits()
WHAT = RESULTS.named
"""The results file, as messages name it."""

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
TEXT_SUFFIXES = (".csv", ".txt")

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
MARKUP_STARTS = ("<!doctype html", "<html", "<table", "<?xml")
"""Portals often export an HTML table or Excel 2003 XML and name it .xls."""


@dataclass
class Sheet:
    """The rows of a results file, where they come from, and what was noticed opening it."""

    path: Path
    name: str
    """The sheet's title ('' for a CSV), for "trang 'X', dòng 3"."""
    rows: Rows
    """Read as they are asked for; closed by whoever stops before the end."""
    notes: list[Diagnostic] = field(default_factory=list)
    """Warnings about the file itself (a CSV named .xlsx, say)."""
    others: list[str] = field(default_factory=list)
    """The workbook's other sheets, to name when the one read is empty."""
    chosen: bool = False
    """Whether the plan named the sheet (else the first one was taken)."""
    formula_cells: Callable[[], AbstractSet[tuple[int, int]]] = field(
        default_factory=lambda: _no_formulas)
    """(row, column), both from 1, of cells holding a formula; read only when asked."""
    release: Callable[[], None] = field(default=lambda: None)
    """Closes what the rows are read from (a workbook and its file), read or not."""

    def close(self) -> None:
        """Stop reading: the rows and the file under them are closed (again is harmless)."""
        try:
            self.rows.close()
        finally:
            self.release()

    def __enter__(self) -> Sheet:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_sheet(path: Path, sheet: str | None, limits: Limits = LIMITS) -> Sheet:
    """The rows of a results file, read as what its bytes say it is."""
    suffix = path.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES + TEXT_SUFFIXES:
        raise refuse(path, "Tệp số liệu phải là .xlsx hoặc .csv.",
                     "Trong Excel: Lưu thành (Save As) → Sổ làm việc Excel (.xlsx).")
    with open_input(path, limits.file_bytes, WHAT, RESULTS.smaller) as stream:
        head = stream.read(1024)
    if head.startswith(OLE_MAGIC):
        raise refuse(path, "Tệp là bảng tính Excel 97–2003 (.xls) hoặc bảng tính có đặt mật "
                     "khẩu: kehoach chỉ đọc .xlsx và .csv.",
                     "Mở tệp trong Excel, bỏ mật khẩu nếu có, rồi Lưu thành (Save As) → Sổ "
                     "làm việc Excel (.xlsx).")
    if head.startswith(ZIP_MAGIC):
        found = _workbook(path, sheet, limits)
        if suffix not in (".xlsx", ".xlsm"):
            found.notes.append(_misnamed(path, "là sổ làm việc Excel (.xlsx)", ".xlsx"))
        return found
    if _is_markup(head):
        raise refuse(path, "Tệp là trang HTML hoặc XML (nhiều cổng dịch vụ công xuất tệp như "
                     "vậy và đặt tên .xls), không phải .xlsx hay .csv.",
                     "Mở tệp trong Excel rồi Lưu thành (Save As) → Sổ làm việc Excel (.xlsx).")
    data = read_input(path, limits.file_bytes, WHAT, RESULTS.smaller)
    found = _text_sheet(path, data, limits)
    if suffix in WORKBOOK_SUFFIXES:
        found.notes.append(_misnamed(path, "là văn bản CSV", ".csv"))
    return found


def _misnamed(path: Path, actual: str, suffix: str) -> Diagnostic:
    return Diagnostic(f"Tệp có đuôi {path.suffix} nhưng {actual}: đã đọc theo nội dung.",
                      str(path), severity=Severity.WARNING,
                      hint=f"Đổi tên tệp thành {path.stem}{suffix} cho khỏi nhầm.")


def _is_markup(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").decode("ascii", "replace").lower()
    return text.startswith(MARKUP_STARTS)


def _bounded(rows: Rows, path: Path, limits: Limits) -> Rows:
    """The rows, stopped with an error at the row or cell limit (never read past it)."""
    with contextlib.closing(rows):
        yield from _counted(rows, path, limits)


def _counted(rows: Rows, path: Path, limits: Limits) -> Rows:
    filled = cells = 0
    for number, row in enumerate(rows, start=1):
        cells += len(row)
        if cells > limits.cells:
            raise refuse(path, f"Tệp số liệu có hơn {vi_int(limits.cells)} ô (tính đến dòng "
                         f"{vi_int(number)}), quá giới hạn.",
                         "Xóa các cột, dòng không dùng đến (kể cả ô chỉ có định dạng).",
                         line=number)
        if any(value not in (None, "") for value, _ in row):
            filled += 1
            if filled > limits.rows:
                raise refuse(path, f"Tệp số liệu có hơn {vi_int(limits.rows)} dòng, quá giới "
                             "hạn.", "Mỗi đơn vị một dòng; chia tệp nếu thật sự cần nhiều "
                             "dòng hơn.", line=number)
            _short_cells(row, number, path, limits)
        yield row


def _short_cells(row: list[Cell], number: int, path: Path, limits: Limits) -> None:
    """No cell longer than Excel holds (a CSV's are already held to it while parsed)."""
    for col, (value, _) in enumerate(row):
        if isinstance(value, str) and len(value) > limits.cell_chars:
            raise KeHoachError([Diagnostic(
                f"Ô ở dòng {number}, cột {column_letter(col + 1)} dài hơn "
                f"{vi_int(limits.cell_chars)} ký tự (giới hạn của một ô Excel).", str(path),
                number, col + 1,
                hint="Tệp số liệu chỉ cần tên đơn vị và các con số.")])


# --- CSV --------------------------------------------------------------------------------------


def _text_sheet(path: Path, data: bytes, limits: Limits) -> Sheet:
    text = csvfile.decoded(path, data, RESULTS)
    rows = csvfile.records(path, text, RESULTS, csvfile.Limits(limits.cell_chars,
                                                               limits.columns))
    cells = ([(v, "") for v in _whole(record)] for record in rows)
    return Sheet(path, "", _bounded(cells, path, limits))


def _whole(record: csvfile.Record) -> list[str]:
    """A row's cells; a results file with a cell past the limit is refused whole (its
    figures are not taken from a file read in part)."""
    if record.problem is not None:
        raise KeHoachError([record.problem])
    return record.cells


# --- XLSX -------------------------------------------------------------------------------------


READ_ERRORS = (*ZIP_ERRORS, KeyError, IndexError, ValueError, TypeError, AttributeError,
               SyntaxError)
"""What openpyxl raises on a damaged or foreign workbook (SyntaxError: the XML parsers'
errors). Caught only around openpyxl's own calls (opening, the next row), never around
kehoach's code: a damaged file is the clerk's to replace, not a bug of kehoach."""


def _workbook(path: Path, sheet: str | None, limits: Limits) -> Sheet:
    _check_archive(path, limits)
    with contextlib.ExitStack() as on_error:
        opened = on_error.enter_context(contextlib.closing(_load(path, limits, data_only=True)))
        names = [ws.title for ws in opened.book.worksheets]
        title = names[0] if sheet is None and names else sheet
        if title is None or title not in names:
            raise _no_sheet(path, sheet, names, opened.book.sheetnames)
        found = Sheet(path, title, _bounded(_sheet_rows(path, opened, title, _cell), path, limits),
                      others=[n for n in names if n != title], chosen=sheet is not None,
                      formula_cells=_formula_cells(path, title, limits), release=opened.close)
        on_error.pop_all()  # the sheet holds the workbook now
        return found


def _cell(cell: Any) -> Cell:
    return cell.value, cell.number_format or ""


def _no_sheet(path: Path, sheet: str | None, names: list[str],
              every: list[str]) -> KeHoachError:
    if sheet is None:
        return refuse(path, "Sổ làm việc không có trang tính nào có ô (chỉ có trang biểu đồ).")
    why = "là trang biểu đồ, không có ô" if sheet in every else "không có"
    return refuse(path, f"Trang tính '{sheet}' {why} trong tệp số liệu.",
                  "Các trang: " + ", ".join(names) + ". Sửa 'du_lieu.trang'.")


@dataclass
class _Opened:
    """An open workbook and the file under it (openpyxl leaves open a stream it is given)."""

    book: Any
    stream: BinaryIO
    closed: bool = False

    def close(self) -> None:
        """Close both, the workbook first; once."""
        if self.closed:
            return
        self.closed = True
        try:
            self.book.close()
        finally:
            self.stream.close()


def _load(path: Path, limits: Limits, *, data_only: bool) -> _Opened:
    """The workbook, read only as it is iterated. Given as a stream, so that openpyxl does
    not refuse a workbook by its name (a .csv that is really a workbook)."""
    from openpyxl import load_workbook  # only when a workbook is read: validate stays light

    stream = open_input(path, limits.file_bytes, WHAT, RESULTS.smaller)
    try:
        with _quiet():
            return _Opened(load_workbook(stream, read_only=True, data_only=data_only), stream)
    except READ_ERRORS as exc:
        stream.close()
        raise _damaged(path) from exc


def _rows(opened: _Opened, title: str) -> Iterator[tuple[Any, ...]]:
    """Every row stored in the sheet, whatever size the sheet says it has (some programs
    write a wrong one, and openpyxl would stop there)."""
    worksheet = opened.book[title]
    worksheet.reset_dimensions()
    return iter(worksheet.iter_rows())


def _check_archive(path: Path, limits: Limits) -> None:
    """A zip that is a workbook, within the limits once unpacked, with no DTD in its XML."""
    from lxml import etree  # only when a workbook is read: validate stays light

    try:
        with open_input(path, limits.file_bytes, WHAT, RESULTS.smaller) as stream, \
                zipfile.ZipFile(stream) as archive:
            parts = archive.infolist()
            if len(parts) > limits.parts:
                raise _bomb(path, f"có hơn {vi_int(limits.parts)} phần")
            unpacked = sum(part.file_size for part in parts)
            if unpacked > limits.unpacked_bytes:
                raise _bomb(path, f"giải nén ra {size_text(unpacked)}, quá giới hạn "
                            f"{size_text(limits.unpacked_bytes)}")
            if odd_entries(parts):
                raise _bomb(path, "có phần được mã hóa hoặc nén theo cách Excel không dùng")
            names = {part.filename for part in parts}
            if "xl/workbook.xml" not in names:
                raise _not_a_workbook(path, names)
            if any(_declares_dtd(archive, part) for part in parts
                   if part.filename.endswith((".xml", ".rels"))):
                raise _bomb(path, "có khai báo DOCTYPE trong XML (Excel không bao giờ ghi)")
    except ZIP_ERRORS as exc:
        raise refuse(path, "Tệp số liệu có dạng nén ZIP (như .xlsx) nhưng bị hỏng.",
                     "Mở tệp trong Excel và lưu lại; nếu Excel cũng không mở được, xuất lại "
                     "tệp.") from exc
    except etree.XMLSyntaxError as exc:  # a part that is not XML: Excel never writes one
        raise _damaged(path) from exc


def _declares_dtd(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether an XML part declares a DTD (its entities could expand without end). Parsed,
    without entities, DTD or network, as far as the start of its first element: a DTD can
    only come before it, but after any comment or processing instruction, however long."""
    from lxml import etree

    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, no_network=True,
                                 load_dtd=False, huge_tree=False, remove_comments=True,
                                 remove_pis=True)
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            parser.feed(chunk)
            for _, element in parser.read_events():
                info = element.getroottree().docinfo
                return info.internalDTD is not None or bool(info.doctype)
    return False  # no element at all: openpyxl says what is wrong with the part


CHUNK_BYTES = 64 * 1024


def _bomb(path: Path, what: str) -> KeHoachError:
    return refuse(path, f"Không đọc tệp số liệu: tệp .xlsx {what}.",
                  "Tệp này không do Excel tạo như thường lệ: mở trong Excel và lưu lại, hoặc "
                  "xuất lại từ cổng dịch vụ công.")


def _not_a_workbook(path: Path, names: set[str]) -> KeHoachError:
    if "content.xml" in names:
        what = "bảng tính OpenDocument (.ods, LibreOffice)"
    elif "word/document.xml" in names:
        what = "văn bản Word (.docx)"
    else:
        what = "tệp nén ZIP"
    return refuse(path, f"Tệp số liệu là {what}, không phải sổ làm việc Excel.",
                  "Mở bằng Excel hoặc LibreOffice rồi Lưu thành (Save As) → Sổ làm việc Excel "
                  "(.xlsx).")


def _damaged(path: Path) -> KeHoachError:
    return refuse(path, "Sổ làm việc bị hỏng hoặc không do Excel tạo: không đọc được.",
                  "Mở tệp trong Excel và lưu lại dạng .xlsx, hoặc lưu dạng CSV UTF-8.")


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """openpyxl's own warnings (an unsupported extension) are in English and change
    nothing read here; what matters is reported in Vietnamese."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        yield


def _sheet_rows(path: Path, opened: _Opened, title: str, cell: Callable[[Any], Cell]) -> Rows:
    """The sheet's rows, each cell as ``cell`` reads it. openpyxl is called only in here, from
    the first call on: a damaged sheet met on the way is the clerk's file, not a bug. The
    workbook is closed once the rows are read or no longer wanted."""
    try:
        rows = _step(path, lambda: _rows(opened, title))
        while (row := _step(path, lambda: _next_row(rows, cell))) is not None:
            yield row
    finally:
        opened.close()


def _next_row(rows: Iterator[tuple[Any, ...]], cell: Callable[[Any], Cell]) -> list[Cell] | None:
    found = next(rows, None)
    return None if found is None else [cell(c) for c in found]


def _step(path: Path, step: Callable[[], _T]) -> _T:
    """One step of openpyxl's reading; what it raises on a damaged workbook is the clerk's."""
    try:
        with _quiet():
            return step()
    except READ_ERRORS as exc:
        raise _damaged(path) from exc


def _formula_mark(cell: Any) -> Cell:
    return "f" if cell.data_type == "f" else None, ""


def _no_formulas() -> AbstractSet[tuple[int, int]]:
    return frozenset()


def _formula_cells(path: Path, title: str, limits: Limits
                   ) -> Callable[[], AbstractSet[tuple[int, int]]]:
    """The cells of the sheet that hold a formula, by a second read only when asked.

    Read for its values, a workbook gives ``None`` both for an empty cell and for a formula
    never calculated (written by a program, not saved by Excel); only the formulas tell
    them apart.
    """
    found: list[set[tuple[int, int]]] = []

    def cells() -> set[tuple[int, int]]:
        if not found:
            opened = _load(path, limits, data_only=False)
            marks = _sheet_rows(path, opened, title, _formula_mark)
            with contextlib.closing(opened), contextlib.closing(_bounded(marks, path,
                                                                         limits)) as rows:
                found.append({(r, c) for r, row in enumerate(rows, start=1)
                              for c, (mark, _) in enumerate(row, start=1) if mark})
        return found[0]

    return cells

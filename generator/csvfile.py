"""The files clerks give as tables — a results file (``--data``), a list of units
(``--danh-sach``) — opened within limits, and their CSV read by one reader.

Excel on a Vietnamese Windows saves a sheet as "CSV UTF-8 (Comma delimited)", as plain "CSV
(Comma delimited)" in the ANSI code page (Windows-1258), or as "Unicode Text" (UTF-16, tabs);
the regional settings make the delimiter a comma or a semicolon. Every such file is read the
same way:

- its size held to a limit before it is read, and no more than the limit and one byte ever
  read (:func:`read_bounded`, through :mod:`generator.inputs`);
- its encoding recognised (:func:`decoded`): UTF-8 with or without BOM, UTF-16 by its BOM; a
  Windows-1258 file, and text already mangled by a program that read UTF-8 as Windows-1252
  or -1258 ("XÃ£ Ia Ake"), are named in Vietnamese with the steps to save the file right;
- its delimiter told from its rows (:func:`detect_delimiter`);
- its rows parsed as Excel writes them — quoted cells, quotes doubled inside them — and
  counted while they are parsed (:func:`records`): no row wider than an Excel sheet is ever
  built in memory (19.9 MB of commas would otherwise be one row of 20 million cells, 1.7 GB),
  and no cell longer than an Excel cell.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Diagnostic, KeHoachError
from generator.excel import EXCEL_CELL, EXCEL_COLUMNS, EXCEL_ROWS
from generator.inputs import read_input
from generator.terminal import visible
from generator.vnformat import vi_int

MIB = 1024 * 1024


@dataclass(frozen=True)
class Kind:
    """How the messages name one kind of file a clerk gives."""

    noun: str
    """As a sentence starts with it: "Tệp số liệu", "Danh sách đơn vị"."""
    smaller: str
    """How to make a file too large smaller (the hint of the size limit)."""

    @property
    def named(self) -> str:
        """The noun inside a sentence: "tệp số liệu"."""
        return self.noun[:1].lower() + self.noun[1:]


def refuse(path: Path, message: str, hint: str = "", line: int | None = None) -> KeHoachError:
    """The error of a file that cannot be read at all."""
    return KeHoachError([Diagnostic(message, str(path), line, hint=hint)])


# --- The file, within its size -----------------------------------------------------------------


def read_bounded(path: Path, limit: int, kind: Kind) -> bytes:
    """The whole file, refused without being read when it is not a regular file or is larger
    than ``limit`` (one reader for every input: :func:`generator.inputs.read_input`)."""
    return read_input(path, limit, kind.named, kind.smaller)


# --- Its encoding ------------------------------------------------------------------------------


SAVE_STEPS = ("Tệp (File) → Lưu thành (Save As) → ở ô 'Kiểu tệp' (Save as type) chọn 'CSV "
              "UTF-8 (Comma delimited) (*.csv)' → Lưu (Save), rồi chạy lại lệnh với tệp mới.")
"""The steps in Excel that save a CSV kehoach reads, in the words of its menus (Vietnamese
and English: Office is installed in either)."""
SAVE_AS_UTF8 = "Mở tệp bằng Excel → " + SAVE_STEPS

_VIETNAMESE_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ")


def _code_page(codec: str) -> dict[str, int]:
    """Character → byte of a Windows code page's upper half (an undefined byte passes
    through as the control character of the same number, as Windows reads it)."""
    out: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        try:
            out.setdefault(bytes([byte]).decode(codec), byte)
        except UnicodeDecodeError:
            out.setdefault(chr(byte), byte)
    return out


def _mangling(codec: str) -> tuple[re.Pattern[str], dict[str, int]]:
    """A pattern of the characters UTF-8's letters become when read as ``codec``: a lead byte
    (0xC2–0xEF) and the continuation bytes (0x80–0xBF) it needs."""
    table = _code_page(codec)

    def chars(low: int, high: int) -> str:
        return "".join(re.escape(ch) for ch, byte in table.items() if low <= byte <= high)

    lead2, lead3, follow = chars(0xC2, 0xDF), chars(0xE0, 0xEF), chars(0x80, 0xBF)
    return re.compile(f"[{lead2}][{follow}]|[{lead3}][{follow}]{{2}}"), table


_MANGLINGS = [_mangling(codec) for codec in ("cp1252", "cp1258")]


def _mangled_at(text: str) -> int | None:
    """Where the first Vietnamese letter mangled by Windows-1252 or -1258 stands, if any."""
    for pattern, table in _MANGLINGS:
        for match in pattern.finditer(text):
            if _mended(match, table) in _VIETNAMESE_LETTERS:
                return match.start()
    return None


def _mended(match: re.Match[str], table: dict[str, int]) -> str:
    """The UTF-8 letter a mangled sequence was ("Ã£" → "ã"), or the sequence itself."""
    try:
        return bytes(table[ch] for ch in match.group()).decode("utf-8")
    except UnicodeDecodeError:
        return match.group()


def _repaired(line: str) -> str:
    """A mangled line as it was written ("XÃ£ Ia Ake" → "Xã Ia Ake")."""
    for pattern, table in _MANGLINGS:
        mended = [(m.span(), _mended(m, table)) for m in pattern.finditer(line)]
        if any(letter in _VIETNAMESE_LETTERS for _, letter in mended):
            out, end = [], 0
            for (start, stop), letter in mended:
                out += [line[end:start], letter]
                end = stop
            return "".join(out) + line[end:]
    return line


def printable(text: str, limit: int = 60) -> str:
    """A piece of a file safe to show on a terminal: control characters (an escape
    sequence would retitle the window or clear the screen) shown as escapes, as every
    message shows them (:func:`generator.terminal.visible`), cut at ``limit``."""
    return visible(text[:limit]) + ("…" if len(text) > limit else "")


WORKBOOK_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
"""How a workbook starts: a zip (.xlsx) or an OLE compound file (.xls)."""


def decoded(path: Path, data: bytes, kind: Kind) -> str:
    """The file's text: UTF-8 (with or without BOM), or UTF-16 when its BOM says so (Excel's
    "Unicode text"). Any other encoding, or Vietnamese already mangled by one, is refused
    with what it looks like and how to save the file right. A stray NUL is a character of
    the text (the cell holding it is refused where it is used); many are a binary file, or
    UTF-16 without its BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise refuse(path, "Tệp bắt đầu như văn bản UTF-16 nhưng bị hỏng.",
                         SAVE_AS_UTF8) from exc
    if data.startswith(WORKBOOK_MAGIC):
        raise refuse(path, f"{kind.noun} là bảng tính Excel (.xlsx hoặc .xls), không phải văn "
                     "bản CSV.", SAVE_AS_UTF8)
    if data.count(b"\x00") * 10 >= len(data) > 0:
        raise refuse(path, f"{kind.noun} không phải văn bản CSV (có byte 0: tệp nhị phân, "
                     "hoặc UTF-16 không có dấu BOM).", SAVE_AS_UTF8)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, data, exc) from exc
    _refuse_mangled(path, text)
    return text


def _not_utf8(path: Path, data: bytes, exc: UnicodeDecodeError) -> KeHoachError:
    line = data.count(b"\n", 0, exc.start) + 1
    message = (f"Tệp CSV không ở bảng mã UTF-8 (dòng {line} có byte 0x{data[exc.start]:02X} "
               "không đọc được): có lẽ được lưu bằng bảng mã Windows-1258 (ANSI, kiểu 'CSV "
               "(Comma delimited)' của Excel) hoặc TCVN3.")
    start = data.rfind(b"\n", 0, exc.start) + 1
    end = data.find(b"\n", exc.start)
    try:
        shown = unicodedata.normalize("NFC", data[start:end if end >= 0 else len(data)]
                                      .decode("cp1258").rstrip("\r"))
        message += f" Đọc theo Windows-1258, dòng {line} là: “{printable(shown)}”."
    except UnicodeDecodeError:
        pass  # not Windows-1258 either: TCVN3, VNI, or not text
    return refuse(path, message, SAVE_AS_UTF8, line=line)


def _refuse_mangled(path: Path, text: str) -> None:
    """Vietnamese letters turned into "Ã£", "á»": the file was opened by a program that read
    its UTF-8 as Windows-1252 (or -1258) and saved as it showed."""
    at = None if text.isascii() else _mangled_at(text)
    if at is None:
        return
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:end if end >= 0 else len(text)].rstrip("\r")
    number = text.count("\n", 0, at) + 1
    raise refuse(path, f"Chữ tiếng Việt trong tệp đã bị hỏng bảng mã: dòng {number} là "
                 f"“{printable(line)}”, lẽ ra là “{printable(_repaired(line))}”. Tệp đã được một "
                 "chương trình mở sai bảng mã (Windows-1252) rồi lưu lại.",
                 "Lấy lại tệp gốc, mở trong Excel bằng Dữ liệu (Data) → Từ Văn bản/CSV (From "
                 "Text/CSV) → 'Nguồn tệp' (File Origin) chọn '65001: Unicode (UTF-8)' → Tải "
                 "(Load); rồi " + SAVE_STEPS, line=number)


# --- Its rows ----------------------------------------------------------------------------------


SAMPLE_CHARS = 64 * 1024
"""How much of a CSV is looked at to tell its delimiter."""
DELIMITERS = (",", ";", "\t")
"""What Excel separates with in Vietnam: comma, semicolon (regional settings), tab."""


def detect_delimiter(sample: str) -> str:
    """The delimiter that splits the sample's rows most consistently into several fields.

    Every candidate parses the whole sample the way Excel writes CSV (quoted fields, quotes
    doubled inside them); the winner gives the most rows of one width (at least two), then
    the widest. A header alone can mislead (a heading may hold a comma); rows rarely agree
    by chance.
    """
    best, score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths: dict[int, int] = {}
        try:
            with _field_limit(len(sample) + 1):
                for row in csv.reader(io.StringIO(sample), csv.excel, delimiter=delimiter):
                    if len(row) > 1:
                        widths[len(row)] = widths.get(len(row), 0) + 1
        except csv.Error:
            continue
        if widths:
            width, count = max(widths.items(), key=lambda item: (item[1], item[0]))
            if (count, width) > score:
                best, score = delimiter, (count, width)
    return best


def sample_of(text: str) -> str:
    """The start of a text to tell its delimiter from: whole lines, about 64 KB."""
    if len(text) <= SAMPLE_CHARS:
        return text
    return text[:text.rfind("\n", 0, SAMPLE_CHARS) + 1] or text[:SAMPLE_CHARS]


@contextlib.contextmanager
def _field_limit(chars: int) -> Iterator[None]:
    """``csv.field_size_limit`` for one read only: the setting is global to the process."""
    previous = csv.field_size_limit(chars)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


@dataclass(frozen=True)
class Limits:
    """How much of one row is ever built: each limit is said when it is broken."""

    cell_chars: int = EXCEL_CELL
    """Characters in one cell: the most an Excel cell holds."""
    columns: int = EXCEL_COLUMNS
    """Cells in one row: the most columns an Excel sheet has."""
    rows: int = EXCEL_ROWS
    """Rows, blank ones included: the most rows an Excel sheet has (a file of line breaks
    is refused by its count, not read to its end)."""


@dataclass(frozen=True)
class Record:
    """One row of a CSV as Excel numbers it (a cell with line breaks stays in its row)."""

    number: int
    cells: list[str]
    problem: Diagnostic | None = None
    """A cell longer than the limit: the row is left out (``cells`` empty) and the rows
    after it are still read."""


_QUOTED = re.compile(r'[^"]*(?:""[^"]*)*')
"""The inside of a quoted cell up to its closing quote (doubled quotes stay inside)."""


def _split(text: str) -> Iterator[str]:
    """The lines of a text, each with its ``\\n`` (no copy of the whole text is made)."""
    start, end = 0, len(text)
    while start < end:
        stop = text.find("\n", start)
        if stop < 0:
            yield text[start:]
            return
        yield text[start:stop + 1]
        start = stop + 1


class _TooWide(Exception):
    """A row with more cells than the limit (raised inside the csv reader, caught outside)."""

    def __init__(self, row: int) -> None:
        super().__init__(row)
        self.row = row


class _TooLong(_TooWide):
    """More rows than the limit (``row``: the last one read)."""


class _Lines:
    """The text's lines as the csv reader asks for them, each scanned first as the reader
    will parse it — where quoted cells start and end, where a delimiter separates two cells —
    so that the cells of a row are counted before the reader builds the row. The scan jumps
    from delimiter to quote in C (``str.find``, ``str.count``, one regular expression): it
    costs a Python step per quoted cell, not per character."""

    def __init__(self, text: str, delimiter: str, limits: Limits) -> None:
        self._lines = _split(text)
        self._delimiter, self._opening = delimiter, delimiter + '"'
        self._columns, self._rows = limits.columns, limits.rows
        self.quoted = False
        """Whether the last line read ended inside a quoted cell (its row goes on)."""
        self._field_start = True
        self._cells = 1
        self.rows = 0
        """Rows ended so far."""

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        if self.rows >= self._rows:
            raise _TooLong(self.rows)
        if not self.quoted:
            self._cells, self._field_start = 1, True
            if '"' not in line:  # most rows: no quote, each delimiter separates two cells
                self._cells += line.count(self._delimiter)
                return self._ended(line)
        self._scan(line)
        if self._cells > self._columns:
            raise _TooWide(self.rows + 1)
        return line if self.quoted else self._ended(line)

    def _ended(self, line: str) -> str:
        if self._cells > self._columns:
            raise _TooWide(self.rows + 1)
        self.rows += 1
        return line

    def _scan(self, line: str) -> None:
        position, end = 0, len(line)
        while position < end and self._cells <= self._columns:
            if self.quoted:
                inside = _QUOTED.match(line, position)
                assert inside is not None  # the pattern matches the empty string
                position = inside.end()
                if position < end:  # a lone quote: the cell is closed
                    self.quoted, position = False, position + 1
            elif self._field_start and line.startswith('"', position):
                self.quoted, self._field_start, position = True, False, position + 1
            else:
                opening = line.find(self._opening, position)
                stop = end if opening < 0 else opening
                self._cells += line.count(self._delimiter, position, stop)
                self._field_start = False
                if opening >= 0:
                    self._cells += 1
                    self._field_start, position = True, opening + 1
                else:
                    position = end


def records(path: Path, text: str, kind: Kind, limits: Limits = Limits(),
            delimiter: str | None = None) -> Iterator[Record]:
    """The CSV's rows in Excel's dialect (strict about quotes), each counted before it is
    built: a row wider than ``limits.columns`` refuses the file; a cell longer than
    ``limits.cell_chars`` is that row's problem when the row ends on its line, the file's
    when a quote left open makes the rest of the file one cell."""
    delimiter = delimiter or detect_delimiter(sample_of(text))
    lines = _Lines(text, delimiter, limits)
    reader = csv.reader(lines, csv.excel, delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            with _field_limit(limits.cell_chars):
                row = next(reader)
        except StopIteration:
            return
        except _TooLong as exc:
            raise refuse(path, f"{kind.noun} có hơn {vi_int(exc.row)} dòng (kể cả dòng trống; "
                         f"một trang tính Excel có nhiều nhất {vi_int(EXCEL_ROWS)} dòng): "
                         "không đọc được.", "Mở tệp trong Excel, xóa các dòng thừa, rồi "
                         + SAVE_STEPS, line=exc.row) from exc
        except _TooWide as exc:
            raise refuse(path, f"Dòng {exc.row} có hơn {vi_int(limits.columns)} ô (một trang "
                         f"tính Excel có nhiều nhất {vi_int(EXCEL_COLUMNS)} cột): {kind.named} "
                         "không đọc được.", "Mở tệp trong Excel, xóa các cột thừa, rồi "
                         + SAVE_STEPS, line=exc.row) from exc
        except csv.Error as exc:
            if "field larger than field limit" in str(exc) and not lines.quoted:
                yield Record(lines.rows, [], Diagnostic(
                    f"Một ô ở dòng {lines.rows} dài hơn {vi_int(limits.cell_chars)} ký tự "
                    "(giới hạn của một ô Excel): dòng này bị bỏ qua.", str(path), lines.rows,
                    hint="Xóa hoặc rút ngắn ô đó (có lẽ đã dán nhầm cả một văn bản vào ô)."))
                continue
            raise _broken(path, exc, start, limits) from exc
        yield Record(lines.rows, row)


def _broken(path: Path, exc: csv.Error, line: int, limits: Limits) -> KeHoachError:
    if "field larger than field limit" in str(exc):
        return refuse(path, f"Một ô từ dòng {line} dài hơn {vi_int(limits.cell_chars)} ký tự "
                      "(giới hạn của một ô Excel).",
                      "Có thể một dấu ngoặc kép (\") mở mà không đóng: mọi thứ sau nó thành "
                      "một ô.", line=line)
    return refuse(path, f"Tệp CSV sai dấu ngoặc kép ở dòng {line}.",
                  "Ô có dấu phẩy hoặc ngoặc kép phải nằm trong ngoặc kép, ngoặc kép bên "
                  "trong gõ hai lần, như Excel ghi: \"Xã A, \"\"B\"\"\". Mở tệp trong Excel "
                  "và lưu lại dạng CSV UTF-8.", line=line)

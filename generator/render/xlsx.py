"""XLSX renderer: one sheet per appendix table, live formulas with cached results.

XlsxWriter, not openpyxl, writes the workbook: it stores each formula *with* its computed
value, so Excel recalculates when a clerk corrects a count while any program reading values
(openpyxl ``data_only=True``, pandas) still sees the numbers. openpyxl can only write the
formula and leave the value empty until Excel opens the file.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from generator.check.workbook import fits_a_cell
from generator.decree import FONT
from generator.excel import sheet_names
from generator.inline import Span
from generator.reference import FontMetrics
from generator.render import RenderOptions, measure
from generator.render.widths import column_texts, column_widths
from generator.resolve.layout import (
    AboveCentralRule,
    AppendixLayout,
    InterpolationRule,
    Mark,
    Para,
    Ratio,
    ResolvedPlan,
    TableCell,
    TableLayout,
)

CELL_SIZE = 12
"""Font size of table cells, in points."""
MM_PER_CHAR = 2.0
"""Excel column width is in characters of the default font; about 2 mm at 11–12 pt."""
MARGINS_INCH = {"left": 0.79, "right": 0.59, "top": 0.59, "bottom": 0.59}
"""Print margins of every sheet: 20 mm left, 15 mm elsewhere."""
TEXT_WIDTH_MM = 297 - 25.4 * (MARGINS_INCH["left"] + MARGINS_INCH["right"])
"""What an A4 landscape sheet leaves between its margins: the width tables are fitted to."""
DASH = "—"
LINE_PT = CELL_SIZE * 1.25
"""Height of a line of cell text, in points."""
ROW_PADDING_PT = 3.0
MIN_ROW_PT = LINE_PT + ROW_PADDING_PT
CELL_PADDING_MM = 2.0
"""What a cell's margins take from its width."""


def wrapped_lines(fonts: FontMetrics, text: str, room_mm: float, bold: bool = False) -> int:
    """How many lines a paragraph of a cell takes in ``room_mm`` (at the cells' size)."""
    return measure.wrapped_lines(fonts, text, room_mm, CELL_SIZE, bold)


def _whole(text: str) -> str:
    """A cell's text, never cut: XlsxWriter would cut one over Excel's limit without a word,
    and the check stage refuses such a plan (:mod:`generator.check.workbook`), so a longer
    text here is a bug of that rule."""
    if not fits_a_cell(text):
        raise AssertionError(f"a cell over Excel's limit passed the check: {text[:60]!r}…")
    return text


def _text(lines: tuple[tuple[Any, ...], ...]) -> str:
    return _whole("\n".join("".join(s.text for s in line if isinstance(s, Span))
                             for line in lines))


def _para_text(para: Para) -> str:
    return _whole("".join(s.text for s in para.inlines if isinstance(s, Span)))


class _Formats:
    """The few cell styles a sheet uses, created once per workbook."""

    def __init__(self, book: Workbook) -> None:
        base = {"font_name": FONT, "font_size": 12, "valign": "vcenter", "text_wrap": True}
        self.book, self.base = book, base
        self.cache: dict[tuple[object, ...], Any] = {}

    def get(self, *, bold: bool = False, italic: bool = False, align: str = "left",
            border: bool = True, size: int = 12, number: str | None = None) -> Any:
        key = (bold, italic, align, border, size, number)
        if key not in self.cache:
            spec = dict(self.base, bold=bold, italic=italic, font_size=size,
                        align="justify" if align == "justify" else align)
            if border:
                spec["border"] = 1
            if number:
                spec["num_format"] = number
            self.cache[key] = self.book.add_format(spec)
        return self.cache[key]


def _percent_format(places: int) -> str:
    return "0%" if places == 0 else "0." + "0" * places + "%"


class _SheetWriter:
    def __init__(self, sheet: Worksheet, formats: _Formats, table: TableLayout,
                 start: int, fonts: FontMetrics) -> None:
        self.sheet, self.formats, self.table, self.start = sheet, formats, table, start
        self.fonts = fonts
        self.percent_places = max((cell.places for _, _, cell in table.positions()
                                   if cell.percent), default=1)
        """One number format for every percentage of the table: the most decimals any of
        them is shown with, so no figure loses a digit and a column reads evenly."""

    def ref(self, grid: tuple[int, int]) -> str:
        return str(xl_rowcol_to_cell(self.start + grid[0], grid[1]))

    def write(self) -> int:
        header_rows = len(self.table.header)
        for r, c, cell in self.table.positions():
            self.cell(r, c, cell, header=r < header_rows)
        texts = column_texts(self.table, self.fonts, CELL_SIZE)
        widths = column_widths(self.table.columns, TEXT_WIDTH_MM, texts)
        for c, width in enumerate(widths):
            self.sheet.set_column(c, c, width / MM_PER_CHAR)
        self.heights(widths)
        return self.start + header_rows + len(self.table.rows)

    def heights(self, widths: tuple[float, ...]) -> None:
        """Each row as tall as its wrapped text: neither Excel nor Calc sizes a row that
        holds merged cells, and rows of wrapped text overlap without it."""
        needed: dict[int, float] = {}
        for r, c, cell in self.table.positions():
            room = sum(widths[c:c + cell.colspan]) - CELL_PADDING_MM
            lines = sum(wrapped_lines(self.fonts, _text((line,)), room, cell.bold)
                        for line in cell.lines)
            per_row = lines * LINE_PT / cell.rowspan + ROW_PADDING_PT
            for k in range(cell.rowspan):
                needed[r + k] = max(needed.get(r + k, 0.0), per_row)
        for r, height in needed.items():
            self.sheet.set_row(self.start + r, max(height, MIN_ROW_PT))

    def cell(self, r: int, c: int, cell: TableCell, *, header: bool) -> None:
        row, col = self.start + r, c
        number = _percent_format(self.percent_places) if cell.percent else \
            ("#,##0" if cell.number is not None or cell.entry else None)
        if number and cell.prefix:
            number = '"' + cell.prefix.replace('"', "") + '"' + number
        fmt = self.formats.get(bold=cell.bold or header, align=cell.align, number=number)
        if cell.rowspan > 1 or cell.colspan > 1:
            self.sheet.merge_range(row, col, row + cell.rowspan - 1, col + cell.colspan - 1,
                                   "", fmt)
        if cell.formula is not None:
            self.formula(row, col, cell, fmt)
        elif cell.number is not None:
            value = cell.number / 100 if cell.percent else cell.number
            self.sheet.write_number(row, col, float(value), fmt)
        elif cell.entry:
            self.sheet.write_blank(row, col, None, fmt)
        else:
            self.sheet.write_string(row, col, _text(cell.lines), fmt)

    def formula(self, row: int, col: int, cell: TableCell, fmt: Any) -> None:
        formula = cell.formula
        cached: Any = _text(cell.lines)
        if isinstance(formula, Ratio):
            num, den = self.ref(formula.numerator), self.ref(formula.denominator)
            rounding = "ROUNDDOWN" if formula.truncate else "ROUND"
            text = f'=IF({den}=0,"{DASH}",{rounding}({num}/{den},{formula.places + 2}))'
            if cell.number is not None:
                cached = float(cell.number / 100)
        elif isinstance(formula, AboveCentralRule):
            last = self.ref(formula.result)
            central, add, cap = (f"{v / 100}" for v in (formula.central, formula.add,
                                                        formula.cap))
            text = (f"=IF(ISNUMBER({last}),MIN({cap},IF({last}<{central},{central}+{add},"
                    f"MAX({last},{central})+{add})),\"{DASH}\")")
            if cell.number is not None:
                cached = float(cell.number / 100)
        elif isinstance(formula, InterpolationRule):
            start, end = self.ref(formula.start), self.ref(formula.end)
            text = (f"=IF(AND(ISNUMBER({start}),ISNUMBER({end})),"
                    f"{start}+({end}-{start})*{formula.share},\"{DASH}\")")
            if cell.number is not None:
                cached = float(cell.number / 100)
        else:
            assert isinstance(formula, Mark)
            value, target = self.ref(formula.value), self.ref(formula.target)
            sign = formula.comparison.excel
            text = (f'IF(AND(ISNUMBER({value}),ISNUMBER({target})),'
                    f'IF({value}{sign}{target},"Đạt","Chưa đạt"),"{DASH}")')
            if formula.inputs:
                filled = ",".join(self.ref(cell_ref) for cell_ref in formula.inputs)
                text = f'IF(COUNT({filled})=0,"{formula.empty}",{text})'
            text = "=" + text
        self.sheet.write_formula(row, col, text, fmt, cached)


def _heading(sheet: Worksheet, formats: _Formats, appendix: AppendixLayout,
             width: int) -> int:
    lines = [(appendix.label, formats.get(bold=True, align="center", border=False, size=14))]
    lines += [(t, formats.get(bold=True, align="center", border=False, size=13))
              for t in appendix.title_lines]
    if appendix.attached_line:
        lines.append((appendix.attached_line,
                      formats.get(italic=True, align="center", border=False, size=12)))
    for row, (text, fmt) in enumerate(lines):
        sheet.merge_range(row, 0, row, max(width - 1, 0), _whole(text), fmt) if width > 1 else \
            sheet.write_string(row, 0, _whole(text), fmt)
    return len(lines) + 1


def _sheet(book: Workbook, formats: _Formats, appendix: AppendixLayout, table: TableLayout,
           name: str, fonts: FontMetrics) -> None:
    sheet = book.add_worksheet(name)
    width = len(table.columns)
    start = _heading(sheet, formats, appendix, width)
    end = _SheetWriter(sheet, formats, table, start, fonts).write()
    note_format = formats.get(border=False, size=12)
    texts = column_texts(table, fonts, CELL_SIZE)
    full = sum(column_widths(table.columns, TEXT_WIDTH_MM, texts)) - CELL_PADDING_MM
    for offset, note in enumerate(table.notes, start=1):
        sheet.merge_range(end + offset, 0, end + offset, width - 1, _para_text(note),
                          note_format) if width > 1 else \
            sheet.write_string(end + offset, 0, _para_text(note), note_format)
        lines = wrapped_lines(fonts, _para_text(note), full)
        sheet.set_row(end + offset, max(lines * LINE_PT + ROW_PADDING_PT, MIN_ROW_PT))
    header_rows = len(table.header)
    sheet.freeze_panes(start + header_rows, 0)
    sheet.repeat_rows(start, start + header_rows - 1)
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(**MARGINS_INCH)


def render_xlsx(plan: ResolvedPlan, options: RenderOptions) -> bytes:
    """A workbook with one sheet per appendix table (same merges, formulas, print setup)."""
    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {"in_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})
    when = options.created or dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    book.set_properties({"title": plan.metadata.title, "author": plan.metadata.author,
                         "created": when.replace(tzinfo=None)})
    formats = _Formats(book)
    tables = list(plan.appendix_tables())
    names = sheet_names([appendix.label for appendix, _ in tables])
    for (appendix, table), name in zip(tables, names, strict=True):
        _sheet(book, formats, appendix, table, name, options.fonts)
    if not tables:
        book.add_worksheet("Phụ lục").write_string(0, 0, "Kế hoạch không có bảng phụ lục.")
    book.close()
    return stream.getvalue()

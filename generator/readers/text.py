"""A published plan's text as lines: a PDF through ``pdftotext -layout`` (poppler), a .txt
or a .md. Lines wrapped by the page are joined back into paragraphs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from generator.errors import Diagnostic, KeHoachError
from generator.inline import escape
from generator.readers.blocks import Cell, Grid, Line, View, nfc, squeeze

PDFTOTEXT_SECONDS = 60
_OPENS = re.compile(r"^([IVX]{1,5}[.)]|\d{1,2}(\.\d{1,2})*[.)]?\s|[a-zđ]\)|[-–+•]\s|Căn cứ|"
                    r"Thực hiện|Nơi nhận|Số\s*:|KẾ HOẠCH|Phụ lục|PHỤ LỤC)")


def read_text(path: Path, data: bytes) -> View:
    """A .txt/.md (UTF-8) as lines: each non-empty line one paragraph; wrapped lines joined
    when the file is a PDF's layout text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KeHoachError([Diagnostic(
            f"Tệp văn bản không phải UTF-8 (byte lỗi ở vị trí {exc.start}).", str(path),
            hint="Lưu lại tệp dạng UTF-8 (Notepad: Lưu thành… → Mã hóa UTF-8).")]) from exc
    return _view(path, nfc(text).replace("\r\n", "\n").replace("\r", "\n"), layout=False)


def read_pdf(path: Path, data: bytes) -> View:
    """A PDF's text layer as lines (``pdftotext -layout``); a scanned PDF is said to be one."""
    if not data.startswith(b"%PDF"):
        raise KeHoachError([Diagnostic("Tệp không phải PDF (thiếu phần mở đầu %PDF).",
                                       str(path))])
    tool = shutil.which("pdftotext")
    if tool is None:
        raise KeHoachError([Diagnostic(
            "Cần chương trình pdftotext (poppler) để đọc PDF.", str(path),
            hint="Cài poppler (Linux: apt install poppler-utils; Windows: poppler cho "
            "Windows, thêm thư mục bin vào PATH), hoặc mở PDF, chép chữ vào tệp .txt.")])
    try:
        done = subprocess.run([tool, "-layout", "-enc", "UTF-8", "-", "-"], input=data,
                              capture_output=True, timeout=PDFTOTEXT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise KeHoachError([Diagnostic(f"Không đọc được chữ trong PDF: {exc}", str(path))]
                           ) from exc
    text = nfc(done.stdout.decode("utf-8", "replace"))
    if done.returncode != 0 and not text.strip():
        raise KeHoachError([Diagnostic(
            "PDF hỏng hoặc có mật khẩu: pdftotext không đọc được.", str(path),
            hint="Mở tệp bằng trình đọc PDF, lưu lại bản không mật khẩu rồi thử lại.")])
    if len(text.split()) < 20:
        raise KeHoachError([Diagnostic(
            "PDF này là bản quét (ảnh), không có lớp chữ: không nhập được.", str(path),
            hint="Dùng bản Word của kế hoạch, hoặc nhận dạng chữ (OCR) rồi lưu thành .txt.")])
    return _view(path, text.replace("\f", "\n"), layout=True)


def _view(path: Path, text: str, layout: bool) -> View:
    view = View(str(path))
    pending: list[str] = []
    start = 0

    def flush() -> None:
        if pending:
            words = squeeze(" ".join(pending))
            open_or_close = words.count("**") % 2 == 1 and words.strip("*") and (
                words.startswith("**") or words.endswith("**"))
            if open_or_close:  # one line of a bold run over two ("**KT. CHỦ TỊCH")
                words = words.removeprefix("**") if words.startswith("**") else \
                    words.removesuffix("**")
            markup, plain = _bold_md(words)
            whole = markup.startswith("**") and markup.endswith("**") and \
                markup.count("**") == 2
            bold = whole or (bool(open_or_close) and "**" not in markup)
            view.blocks.append(Line(markup[2:-2] if whole else markup, plain, f"dòng {start}",
                                    bold=bold, centered=False))
            pending.clear()

    rows: list[list[str]] = []  # tab-separated lines: a table's rows, not yet placed

    def flush_rows() -> None:
        if rows:
            view.blocks.append(tab_table(rows, f"bảng ở dòng {start}"))
            rows.clear()

    for number, raw in enumerate(text.split("\n"), start=1):
        if not layout and (raw.strip().count("\t") >= 2 or (rows and "\t" in raw.strip(" "))):
            # a table's row ("1.<tab>Mục đích", a list item, does not open one)
            flush()
            if not rows:
                start = number
            rows.append(raw.split("\t"))
            continue
        flush_rows()
        line = squeeze(raw.lstrip("#").strip() if raw.startswith("#") else raw)
        if not line:
            flush()
            continue
        if not layout or not pending or _OPENS.match(line) or \
                pending[-1].rstrip().endswith((".", ";", ":")):
            flush()
            start = number
        pending.append(line)
    flush()
    flush_rows()
    return view


def tab_table(rows: list[list[str]], where: str) -> Grid:
    """Tab-separated lines (a table copied out of Word into a text) as a grid: a row whose
    words stop after its second cell ("I<tab>CÁC PHÒNG…<tab><tab>") is a group row, its
    second cell across the rest of the table; other rows are padded to the widest."""
    width = max(len(row) for row in rows)
    grid: list[tuple[Cell, ...]] = []
    for row in rows:
        cells = [squeeze(cell) for cell in row] + [""] * (width - len(row))
        if width > 2 and cells[1] and not any(cells[2:]):
            grid.append((_cell(cells[0]), Cell(_cell(cells[1]).lines, width - 1)))
        else:
            grid.append(tuple(_cell(cell) for cell in cells))
    return Grid(tuple(grid), (), where)


def _cell(text: str) -> Cell:
    return Cell((Line(escape(text), text, ""),) if text else ())


BOLD_MD = re.compile(r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*")
"""A bold run as Markdown (and the seeds' texts) write it: ``**Nơi nhận:**``."""


def _bold_md(text: str) -> tuple[str, str]:
    """The line's markup (its ``**bold**`` runs kept, every other special character
    escaped) and its words without the stars."""
    markup: list[str] = []
    plain: list[str] = []
    at = 0
    for found in BOLD_MD.finditer(text):
        markup += [escape(text[at:found.start()]), f"**{escape(found.group(1))}**"]
        plain += [text[at:found.start()], found.group(1)]
        at = found.end()
    markup.append(escape(text[at:]))
    plain.append(text[at:])
    return "".join(markup), "".join(plain)

"""A Word plan as lines and grids: the DOCX reader of ``check`` (styles, direct formatting,
text boxes), plus what interpretation needs that it does not give: Word's list numbers,
footnotes, and tables cell for cell with their merges.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.inline import MarkupError, Span, escape, plain_text, write_inline
from generator.ooxml.ns import W
from generator.ooxml.units import TWIPS_PER_MM
from generator.ooxml.view import PACKAGE_ERRORS, DocxView, read_docx, read_part, unreadable
from generator.readers.blocks import Cell, Grid, Line, View, nfc, squeeze
from generator.readers.numbering import ListLabels


def read(path: Path, data: bytes) -> View:
    """``data`` (the bytes of ``path``) as the recognisers read it."""
    docx = read_docx(path, data)
    extra = _extra_parts(path, data)
    reader = _Reader(docx, ListLabels(extra.get("word/numbering.xml"),
                                      docx.xml.get("word/styles.xml")),
                     _footnotes(extra.get("word/footnotes.xml")))
    return reader.view()


def _extra_parts(path: Path, data: bytes) -> dict[str, Any]:
    """The numbering and footnote parts, read with the same guards as the rest."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            return {name: read_part(archive, name) for name in
                    ("word/numbering.xml", "word/footnotes.xml") if name in names}
    except PACKAGE_ERRORS as exc:
        raise unreadable(path, exc, data[:8]) from exc


def _footnotes(root: Any) -> dict[str, str]:
    """Footnote id → its words as markup (separators left out)."""
    if root is None:
        return {}
    return {note.get(f"{W}id") or "": escape(nfc(squeeze("".join(
        (node.text or "") if node.tag == f"{W}t" else " " for node in note.iter(*_NOTE_TEXT)))))
        for note in root.iter(f"{W}footnote") if note.get(f"{W}type") is None}


_NOTE_TEXT = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}p")
"""What a footnote's words are read from: text, and the breaks between them (a hand line
break, a tab, a new paragraph) as spaces."""


class _Reader:
    """One pass over the view's body blocks, in order."""

    def __init__(self, docx: DocxView, labels: ListLabels, notes: dict[str, str]) -> None:
        self.docx, self.labels, self.notes = docx, labels, notes
        self.index = {id(element): n for n, element in enumerate(docx.elements)}
        self.out = View(docx.file)

    def view(self) -> View:
        landscape = {s.index for s in self.docx.sections if s.width_mm > s.height_mm}
        for kind, number in self.docx.body_order:
            first = len(self.out.blocks)
            if kind == "p":
                self._paragraph(number)
            else:
                self._table(number)
            section = self._section_of(kind, number)
            if section in landscape:
                self.out.landscape.update(range(first, len(self.out.blocks)))
        return self.out

    def _section_of(self, kind: str, number: int) -> int:
        if kind == "p":
            return self.docx.paragraphs[number].section
        found = next((p.section for p in self.docx.paragraphs if p.table == number), 0)
        return found

    def _paragraph(self, number: int) -> None:
        line = self.line(number)
        if line is not None:
            self.out.blocks.append(line)
        for after in range(number + 1, len(self.docx.paragraphs)):  # its text boxes
            if not self.docx.paragraphs[after].in_text_box or \
                    self.docx.paragraphs[after].in_table:
                break
            boxed = self.line(after)
            if boxed is not None:
                self.out.blocks.append(boxed)

    def line(self, number: int) -> Line | None:
        """Paragraph ``number`` as a line (None when it shows no words and no number)."""
        paragraph = self.docx.paragraphs[number]
        element = self.docx.elements[number]
        label = self.labels.label(element)
        notes = [self.notes.get(ref.get(f"{W}id") or "", "")
                 for ref in element.iter(f"{W}footnoteReference")]
        plain = nfc(squeeze(paragraph.shown))
        if not plain and not notes:
            return None
        words = [r for r in paragraph.runs if r.text.strip()]
        bold = bool(words) and all(r.bold for r in words)
        italic = bool(words) and all(r.italic for r in words)
        markup = _checked(_markup(paragraph.runs, bold, italic), plain) + "".join(
            f"^[{note}]" for note in notes if note)
        return Line(markup, plain, f"đoạn {number + 1}", label, bold, italic,
                    paragraph.alignment == "center")

    def _table(self, number: int) -> None:
        first = next((p.index for p in self.docx.paragraphs if p.table == number
                      and not p.in_text_box), None)
        if first is None:
            return
        table = [a for a in self.docx.elements[first].iterancestors(f"{W}tbl")][-1]
        self.out.blocks.append(self._grid(table, first))

    def _grid(self, table: Any, first: int) -> Grid:
        widths = tuple(round(int(c.get(f"{W}w", "0") or 0) / TWIPS_PER_MM, 1)
                       if (c.get(f"{W}w", "") or "").isdigit() else 0.0
                       for c in table.iterfind(f"{W}tblGrid/{W}gridCol"))
        rows: list[list[tuple[Cell, str | None]]] = []
        for tr in table.iterfind(f"{W}tr"):
            rows.append([(self._cell(tc), _vmerge(tc)) for tc in _cells(tr)])
        return Grid(_merged(rows), widths, f"bảng ở đoạn {first + 1}")

    def _cell(self, tc: Any) -> Cell:
        lines = []
        for p in tc.iter(f"{W}p"):
            number = self.index.get(id(p))
            if number is None or self.docx.paragraphs[number].in_text_box:
                continue
            line = self.line(number)
            if line is not None:
                lines.append(line)
        span = tc.find(f"{W}tcPr/{W}gridSpan")
        value = span.get(f"{W}val", "1") if span is not None else "1"
        return Cell(tuple(lines), int(value) if value.isdigit() and int(value) > 0 else 1)


def _cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == f"{W}tc":
            yield child
        elif child.tag == f"{W}sdt":
            yield from child.iter(f"{W}tc")


def _vmerge(tc: Any) -> str | None:
    """"restart" where a vertical merge starts, "continue" below it, None otherwise."""
    found = tc.find(f"{W}tcPr/{W}vMerge")
    return None if found is None else found.get(f"{W}val", "continue")


def _merged(rows: list[list[tuple[Cell, str | None]]]) -> tuple[tuple[Cell, ...], ...]:
    """Rows with each vertical merge as one cell spanning its rows (covered cells left out).
    A covered cell's words (Word shows none, but a hand-edited file may hold some) stay."""
    out: list[list[Cell]] = []
    starts: dict[int, tuple[int, int]] = {}  # grid column → (row, cell index) of its start
    for r, row in enumerate(rows):
        kept: list[Cell] = []
        column = 0
        for cell, merge in row:
            if merge == "continue" and column in starts and not cell.lines:
                sr, sc = starts[column]
                start = out[sr][sc]
                out[sr][sc] = Cell(start.lines, start.colspan, start.rowspan + 1)
            else:
                if merge == "restart":
                    starts[column] = (r, len(kept))
                else:
                    starts.pop(column, None)
                kept.append(cell)
            column += cell.colspan
        out.append(kept)
    return tuple(tuple(row) for row in out)


def _checked(markup: str, plain: str) -> str:
    """``markup`` if it reads back as the paragraph's words, else the words escaped: two
    marks meeting with no space between ("**a***b*") would not read back."""
    try:
        if squeeze(plain_text(markup)) == plain:
            return markup
    except MarkupError:
        pass
    return escape(plain)


def _markup(runs: Any, bold: bool, italic: bool) -> str:
    """Runs as inline markup: bold and italic pieces marked, unless the whole paragraph is
    (then the paragraph's own flag says it); written by the plan's own markup writer, so
    that marks are always balanced; composed as the paragraph's words are (decomposed
    letters made every mark of the paragraph lost, :func:`_checked` finding other words)."""
    spans = [Span(" ".join(run.shown.replace("\xa0", " ").split("\n")),
                  run.bold and not bold, run.italic and not italic) for run in runs]
    return nfc(squeeze(write_inline(spans)))  # as the words are: Word may keep them decomposed

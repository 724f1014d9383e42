"""Reading built DOCX files back for tests: text in document order, parts, sections."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from docx import Document
from lxml import etree

from generator.ooxml.ns import W


def paragraph_text(p: etree._Element) -> str:
    out = ""
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}footnoteReference"):
        if node.tag == f"{W}t":
            out += node.text or ""
        elif node.tag == f"{W}tab":
            out += "\t"
        elif node.tag == f"{W}br":
            out += "\n"
    return out


def body_paragraphs(path: Path) -> Iterator[etree._Element]:
    """Every paragraph of the body, table cells included, in reading order."""
    body = Document(str(path)).element.body
    yield from body.iter(f"{W}p")


def document_text(path: Path, *, footnotes: bool = True) -> str:
    """All visible text: body in order, then footnotes."""
    lines = [paragraph_text(p) for p in body_paragraphs(path)]
    if footnotes:
        lines.extend(footnote_texts(path))
    return "\n".join(line for line in lines if line.strip())


def footnote_texts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return []
        root = etree.fromstring(archive.read("word/footnotes.xml"))
    return [paragraph_text(note).strip() for note in root.iter(f"{W}footnote")
            if note.get(f"{W}type") is None]


def part_xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def docx_progress_figures(docx: Path, unit: str) -> list[tuple[str, ...]]:
    """(a, b, result, target, mark) as the DOCX prints them for one unit."""
    table = Document(str(docx)).tables[-1]._tbl
    rows = [[paragraph_text(tc).strip() for tc in tr.findall(f"{W}tc")]
            for tr in table.findall(f"{W}tr")]
    start = next(i for i, r in enumerate(rows) if unit in r)
    out = []
    for row in rows[start + 1:]:
        if not row[0].isdigit():
            break
        out.append(tuple(row[2:7]))
    return out

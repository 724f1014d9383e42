"""Accept or reject every tracked change of a DOCX body, as Word's "Accept All" does.

Written from the OOXML rules, independently of the redline writer: accepting keeps
insertions and the destinations of moves, drops deletions and move sources (paragraph
marks and table rows included) and forgets formatting changes; rejecting does the
opposite and restores the recorded formatting. Used to check that accepting all gives the
NEW build and rejecting all the OLD one.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from lxml import etree

from generator.ooxml.ns import W
from tests.helpers.docx_reading import paragraph_text

Decision = Literal["accept", "reject"]
MARKS = ("ins", "del", "moveFrom", "moveTo")


def _drop(el: etree._Element) -> None:
    el.getparent().remove(el)


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    index = parent.index(el)
    for child in list(el):
        parent.insert(index, child)
        index += 1
    parent.remove(el)


def decided(body: etree._Element, decision: Decision) -> etree._Element:
    """The body with every change accepted or rejected (in place, returned)."""
    gone, kept = (("del", "moveFrom"), ("ins", "moveTo")) if decision == "accept" else \
        (("ins", "moveTo"), ("del", "moveFrom"))
    for name in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                 "moveToRangeEnd"):
        for el in list(body.iter(f"{W}{name}")):
            _drop(el)
    # rows and paragraph marks first (their marks sit in trPr / pPr/rPr)
    _decide_marks(list(body.iter(f"{W}tr")), f"{W}trPr", gone, kept, _drop)
    _decide_marks(list(body.iter(f"{W}p")), f"{W}pPr/{W}rPr", gone, kept, _merge_into_next)
    for g in gone:
        for el in list(body.iter(f"{W}{g}")):
            _drop(el)
    for k in kept:
        for el in list(body.iter(f"{W}{k}")):
            _unwrap(el)
    for text in body.iter(f"{W}delText"):
        text.tag = f"{W}t"
    for change in list(body.iter(f"{W}rPrChange")):
        if decision == "reject":
            props = change.getparent()
            old = change.find(f"{W}rPr")
            props.getparent().replace(props, old if old is not None else etree.Element(
                f"{W}rPr"))
        else:
            _drop(change)
    for change in list(body.iter(f"{W}pPrChange")):
        if decision == "reject":
            props = change.getparent()
            old = change.find(f"{W}pPr")
            style, old_style = props.find(f"{W}pStyle"), old.find(f"{W}pStyle")
            if style is not None and old_style is not None:
                style.set(f"{W}val", old_style.get(f"{W}val"))
        _drop(change)
    for table in list(body.iter(f"{W}tbl")):
        if table.find(f"{W}tr") is None:
            _drop(table)
    return body


def _decide_marks(elements: list[etree._Element], props: str, gone: tuple[str, ...],
                  kept: tuple[str, ...], remove: Callable[[etree._Element], None]) -> None:
    """Rows or paragraph marks: removed when marked as gone, unmarked when kept."""
    for element in elements:
        found = element.find(props)
        if found is None:
            continue
        if any(found.find(f"{W}{g}") is not None for g in gone):
            remove(element)
            continue
        for k in kept:
            for mark in found.findall(f"{W}{k}"):
                _drop(mark)


def _merge_into_next(paragraph: etree._Element) -> None:
    """A paragraph mark removed: what text is left joins the next paragraph."""
    following = paragraph.getnext()
    runs = [child for child in paragraph if child.tag != f"{W}pPr"]
    if following is not None and following.tag == f"{W}p":
        anchor = following.find(f"{W}pPr")
        position = 0 if anchor is None else following.index(anchor) + 1
        for run in runs:
            following.insert(position, run)
            position += 1
    _drop(paragraph)


def decided_text(path: Path, decision: Decision) -> list[str]:
    """The paragraphs' text, in order, once every change is accepted or rejected."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    body = decided(root.find(f"{W}body"), decision)
    return body_text(body)


def body_text(body: etree._Element) -> list[str]:
    return [paragraph_text(p) for p in body.iter(f"{W}p")]


def built_text(path: Path) -> list[str]:
    """A DOCX's paragraphs' text, in order (to compare with a decided redline)."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return body_text(root.find(f"{W}body"))


def changes(path: Path) -> dict[str, int]:
    """How many tracked changes of each kind a DOCX holds."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    names = (*MARKS, "rPrChange", "pPrChange")
    return {name: sum(1 for _ in root.iter(f"{W}{name}")) for name in names}

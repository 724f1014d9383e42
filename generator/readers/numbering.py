"""The numbers Word's automatic lists show before paragraphs ("1.", "a)", "-"), counted as
Word counts them, so that a plan numbered by Word reads like one numbered by hand.

A level's counter goes on across the paragraphs of its list (per abstract list, restarted by
a ``startOverride``) and restarts when a higher level moves on.
"""

from __future__ import annotations

from typing import Any

from generator.ooxml.ns import W
from generator.vnformat import roman

BULLET = "-"
"""What a bullet level shows as, whatever glyph its font draws."""


def _val(element: Any, child: str, default: str) -> str:
    found = element.find(f"{W}{child}")
    value = found.get(f"{W}val") if found is not None else None
    return default if value is None else value


def _int(text: str, default: int) -> int:
    return int(text) if text.isdigit() else default


class ListLabels:
    """Counters of a document's lists, fed its paragraphs in reading order."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.abstract: dict[str, str] = {}
        self.restart: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                num = style.find(f"{W}pPr/{W}numPr")
                if num is not None:
                    self.styles[style.get(f"{W}styleId") or ""] = (
                        _val(num, "numId", ""), _int(_val(num, "ilvl", "0"), 0))

    def _read_numbering(self, root: Any) -> None:
        abstract_levels = {}
        for abstract in root.iter(f"{W}abstractNum"):
            abstract_levels[abstract.get(f"{W}abstractNumId")] = {
                _int(lvl.get(f"{W}ilvl", "0"), 0): (_val(lvl, "numFmt", "decimal"),
                                                   _val(lvl, "lvlText", ""),
                                                   _int(_val(lvl, "start", "1"), 1))
                for lvl in abstract.iter(f"{W}lvl")}
        for num in root.iter(f"{W}num"):
            num_id, ref = num.get(f"{W}numId") or "", _val(num, "abstractNumId", "")
            self.abstract[num_id] = ref
            self.levels[num_id] = dict(abstract_levels.get(ref, {}))
            self.restart[num_id] = {
                _int(o.get(f"{W}ilvl", "0"), 0): _int(_val(o, "startOverride", "1"), 1)
                for o in num.iter(f"{W}lvlOverride") if o.find(f"{W}startOverride") is not None}

    def label(self, paragraph: Any) -> str:
        """"1.", "a)", "-" for a bullet, or "" when the paragraph is not in a list."""
        num_id, level = self._list_of(paragraph)
        formats = self.levels.get(num_id, {})
        if level not in formats:
            return ""
        counters = self.counters.setdefault(self.abstract[num_id], {})
        if num_id not in self.started:
            self.started.add(num_id)
            for ilvl, start in self.restart[num_id].items():
                counters[ilvl] = start - 1
        counters[level] = counters.get(level, formats[level][2] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        if formats[level][0] == "bullet":
            return BULLET
        text = formats[level][1]
        for ilvl, (fmt, _, start) in formats.items():
            text = text.replace(f"%{ilvl + 1}", _formatted(counters.get(ilvl, start), fmt))
        return text.strip()

    def _list_of(self, paragraph: Any) -> tuple[str, int]:
        num = paragraph.find(f"{W}pPr/{W}numPr")
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        num_id, level = self.styles.get(style.get(f"{W}val", "") if style is not None else "",
                                        ("", 0))
        if num is not None:
            num_id = _val(num, "numId", num_id)
            level = _int(_val(num, "ilvl", str(level)), level)
        return num_id, level


def _formatted(number: int, fmt: str) -> str:
    """A list counter as Word prints it in the format ``fmt`` (``lowerLetter``: a … z, aa)."""
    if fmt in ("lowerLetter", "upperLetter"):
        text = "abcdefghijklmnopqrstuvwxyz"[(number - 1) % 26] * ((number - 1) // 26 + 1)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(number).lower() if fmt == "lowerRoman" else roman(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    return "" if fmt == "none" else str(number)

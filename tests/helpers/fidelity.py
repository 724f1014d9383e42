"""Text fidelity of a built example against its seed: normalised word sequences compared.

``python -m tests.helpers.fidelity`` builds the seed examples and prints one ratio per example (the
figures reported in issue notes); ``tests/test_fidelity.py`` asserts them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from lxml import etree

from generator.ooxml.ns import MC, W
from generator.vnformat import roman
from tests.conftest import build_docx
from tests.helpers.docx_reading import footnote_texts, paragraph_text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
"""Copies of ../shared/seeds (public documents), so a clone is self-contained."""
PAIRS = {
    "ia-ake-2024": "ia-ake-2024-ubnd-xa.txt",
    "dak-nong-2022": "dak-nong-2022-ubnd-tinh.txt",
    "bac-kan-2022": "bac-kan-2022-ubnd-thanh-pho.txt",
}
THRESHOLD = 0.95
DERIVED_FROM = ROOT / "data" / "examples" / "phu-thien-2024.yaml"
DERIVED_LIST = ROOT / "data" / "examples" / "phu-thien-2024-don-vi.csv"
DERIVED_SEED = "ia-ake-2024-ubnd-xa.txt"
"""The Ia Ake plan derived from the (reconstructed) district plan it implements, against the
real Ia Ake plan: how much of the real plan ``kehoach derive`` writes, and how much of what
it writes the commune kept."""


def words(text: str) -> list[str]:
    """Lowercased words and numbers; punctuation, markup and spacing do not count."""
    text = unicodedata.normalize("NFC", text).replace("\\%", "%")
    text = re.sub(r"[#*$`]", " ", text)
    return re.findall(r"\w+", text.lower())


def docx_words(path: Path) -> list[str]:
    """Words of a DOCX in reading order, each footnote right after its paragraph."""
    notes = footnote_texts(path)
    out: list[str] = []
    for paragraph in Document(str(path)).element.body.iter(f"{W}p"):
        out.extend(words(paragraph_text(paragraph)))
        for ref in paragraph.iter(f"{W}footnoteReference"):
            out.extend(words(notes[int(ref.get(f"{W}id")) - 1]))
    return out


def document_words(path: Path) -> list[str]:
    """Words of any DOCX as it reads: body paragraphs and table cells in order, each with the
    number Word's automatic numbering shows before it ("1.", "a)"), each footnote after its
    paragraph; headers, footers and the fallback copies of text boxes left out. A DOCX
    written by hand (a corpus plan) and one kehoach built read alike."""
    labels = ListLabels(path)
    notes = footnotes_by_id(path)
    out: list[str] = []
    for paragraph in Document(str(path)).element.body.iter(f"{W}p"):
        if any(a.tag == f"{MC}Fallback" for a in paragraph.iterancestors()):
            continue
        out.extend(words(labels.label(paragraph) + " " + own_text(paragraph)))
        for ref in paragraph.iter(f"{W}footnoteReference"):
            out.extend(words(notes.get(ref.get(f"{W}id") or "", "")))
    return out


def docx_ratio(rebuilt: Path, source: Path) -> float:
    """SequenceMatcher ratio of two DOCX files' words in reading order (1.0 = identical)."""
    matcher = difflib.SequenceMatcher(None, document_words(rebuilt), document_words(source),
                                      autojunk=False)
    return matcher.ratio()


def own_text(paragraph: Any) -> str:
    """A paragraph's text without that of the text boxes it anchors (read on their own) and
    without markup-compatibility fallback copies."""
    out, stack = "", list(reversed(paragraph))
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or node.tag in (f"{W}txbxContent", f"{MC}Fallback"):
            continue
        if node.tag == f"{W}t":
            out += node.text or ""
        elif node.tag in (f"{W}tab", f"{W}br"):
            out += " "
        stack.extend(reversed(node))
    return out


def footnotes_by_id(path: Path) -> dict[str, str]:
    """Footnote id → its text (the separator notes left out)."""
    with zipfile.ZipFile(path) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return {}
        root = etree.fromstring(archive.read("word/footnotes.xml"))
    return {note.get(f"{W}id") or "": paragraph_text(note)
            for note in root.iter(f"{W}footnote") if note.get(f"{W}type") is None}


class ListLabels:
    """The numbers Word shows before paragraphs of automatic lists, counted in reading order:
    a level's counter goes on across the paragraphs of its list (an abstract list, as Word
    counts, restarted by a ``startOverride``) and restarts when a higher level moves on."""

    def __init__(self, path: Path) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.abstract: dict[str, str] = {}
        self.restart: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if "word/numbering.xml" in names:
                self._read_numbering(etree.fromstring(archive.read("word/numbering.xml")))
            if "word/styles.xml" in names:
                self._read_styles(etree.fromstring(archive.read("word/styles.xml")))

    def _read_numbering(self, root: Any) -> None:
        abstract_levels = {}
        for abstract in root.iter(f"{W}abstractNum"):
            abstract_levels[abstract.get(f"{W}abstractNumId")] = {
                int(lvl.get(f"{W}ilvl", "0")): (_val(lvl, "numFmt", "decimal"),
                                               _val(lvl, "lvlText", ""),
                                               int(_val(lvl, "start", "1")))
                for lvl in abstract.iter(f"{W}lvl")}
        for num in root.iter(f"{W}num"):
            num_id, ref = num.get(f"{W}numId") or "", _val(num, "abstractNumId", "")
            self.abstract[num_id] = ref
            self.levels[num_id] = dict(abstract_levels.get(ref, {}))
            self.restart[num_id] = {
                int(o.get(f"{W}ilvl", "0")): int(_val(o, "startOverride", "1"))
                for o in num.iter(f"{W}lvlOverride") if o.find(f"{W}startOverride") is not None}

    def _read_styles(self, root: Any) -> None:
        for style in root.iter(f"{W}style"):
            num = style.find(f"{W}pPr/{W}numPr")
            if num is not None:
                self.styles[style.get(f"{W}styleId") or ""] = (
                    _val(num, "numId", ""), int(_val(num, "ilvl", "0")))

    def label(self, paragraph: Any) -> str:
        """"1.", "a)", a bullet, or "" when the paragraph is not in a list."""
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
        text = formats[level][1]
        for ilvl, (fmt, _, start) in formats.items():
            text = text.replace(f"%{ilvl + 1}", _formatted(counters.get(ilvl, start), fmt))
        return text

    def _list_of(self, paragraph: Any) -> tuple[str, int]:
        num = paragraph.find(f"{W}pPr/{W}numPr")
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        num_id, level = self.styles.get(style.get(f"{W}val") if style is not None else "",
                                        ("", 0))
        if num is not None:
            num_id = _val(num, "numId", num_id)
            level = int(_val(num, "ilvl", str(level)))
        return num_id, level


def _val(element: Any, child: str, default: str) -> str:
    found = element.find(f"{W}{child}")
    value = found.get(f"{W}val") if found is not None else None
    return default if value is None else value


def _formatted(number: int, fmt: str) -> str:
    """A list counter as Word prints it in the format ``fmt`` (``lowerLetter``: a … z, aa)."""
    if fmt in ("lowerLetter", "upperLetter"):
        text = "abcdefghijklmnopqrstuvwxyz"[(number - 1) % 26] * ((number - 1) // 26 + 1)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(number).lower() if fmt == "lowerRoman" else roman(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    return "" if fmt in ("bullet", "none") else str(number)


def ratio(built: Path, seed: Path) -> float:
    """SequenceMatcher ratio of the two word sequences (1.0 = identical)."""
    ours, theirs = docx_words(built), words(seed.read_text(encoding="utf-8"))
    return difflib.SequenceMatcher(None, ours, theirs, autojunk=False).ratio()


@dataclass(frozen=True)
class Overlap:
    """Two texts' shared words in order: overall, of ours, of the seed's."""

    ratio: float
    kept: float
    """Share of our words found in the seed, in order (what the clerk would keep)."""
    covered: float
    """Share of the seed's words we wrote (the rest the clerk writes by hand)."""


def overlap(built: Path, seed: Path) -> Overlap:
    """How two documents' word sequences overlap."""
    ours, theirs = docx_words(built), words(seed.read_text(encoding="utf-8"))
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return Overlap(matcher.ratio(), same / max(len(ours), 1), same / max(len(theirs), 1))


def derived_docx(out: Path, unit: str = "Xã Ia Ake") -> Path:
    """Derive ``unit`` from the district example by its row of the unit list, and build it."""
    from generator.derive import child_file_name, write_child
    from generator.derive.spec import read_children
    from generator.pipeline import load_plan
    from generator.reference import load_reference

    reference = load_reference()
    parent = load_plan(DERIVED_FROM, reference)
    specs, _ = read_children(DERIVED_LIST, reference)
    spec = next(spec for _, spec in specs if spec.unit == unit)
    target = out / child_file_name(spec, DERIVED_FROM)
    done = write_child(parent, DERIVED_FROM, spec, target, reference, overwrite=True,
                       today=dt.date(2024, 4, 6))
    assert done.problem is None, done.problem
    return build_docx(target, out)


def main() -> None:

    with tempfile.TemporaryDirectory() as out:
        for stem, seed in PAIRS.items():
            docx = build_docx(ROOT / "data" / "examples" / f"{stem}.yaml", Path(out))
            value = ratio(docx, SEEDS / seed)
            print(f"{stem}: {value:.4f} ({'đạt' if value >= THRESHOLD else 'CHƯA ĐẠT'})")
        found = overlap(derived_docx(Path(out)), SEEDS / DERIVED_SEED)
        print(f"ia-ake-2024 dẫn xuất từ phu-thien-2024: {found.ratio:.4f}; "
              f"{found.kept:.0%} chữ do derive viết có trong bản gốc; "
              f"derive viết {found.covered:.0%} chữ của bản gốc")
    sys.exit(0)


if __name__ == "__main__":
    main()

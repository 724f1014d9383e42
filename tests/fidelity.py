"""Text fidelity of a built example against its seed: normalised word sequences compared.

``python -m tests.fidelity`` builds the seed examples and prints one ratio per example (the
figures reported in issue notes); ``tests/test_fidelity.py`` asserts them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from docx import Document

from tests.conftest import build_docx
from tests.docx_reading import W, footnote_texts, paragraph_text

ROOT = Path(__file__).resolve().parent.parent
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

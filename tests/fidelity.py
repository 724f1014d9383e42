"""Text fidelity of a built example against its seed: normalised word sequences compared.

``python -m tests.fidelity`` builds the seed examples and prints one ratio per example (the
figures reported in issue notes); ``tests/test_fidelity.py`` asserts them.
"""

from __future__ import annotations

import difflib
import re
import sys
import tempfile
import unicodedata
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


def main() -> None:

    with tempfile.TemporaryDirectory() as out:
        for stem, seed in PAIRS.items():
            docx = build_docx(ROOT / "data" / "examples" / f"{stem}.yaml", Path(out))
            value = ratio(docx, SEEDS / seed)
            print(f"{stem}: {value:.4f} ({'đạt' if value >= THRESHOLD else 'CHƯA ĐẠT'})")
    sys.exit(0)


if __name__ == "__main__":
    main()

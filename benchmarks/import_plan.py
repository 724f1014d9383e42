"""Time of ``kehoach import`` on a 30-page plan (the target: under 1 s).

    python benchmarks/import_plan.py

The plan is ``tests/readers/cases/ubnd-lam-dong-2026-cchc.docx`` (Kế hoạch CCHC 2026 of
UBND tỉnh Lâm Đồng, 30 pages, 49 tasks in a landscape table): the import alone (reading the
Word file, recognising, writing the YAML text), best of five runs in this process, then the
same document made 4 and 16 times as long (its body repeated) to show the time grows with
the size, not faster.
"""

from __future__ import annotations

import copy
import io
import time
import zipfile
from pathlib import Path

from lxml import etree

from generator.draft import draft_text
from generator.readers import import_file

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "tests" / "readers" / "cases" / "ubnd-lam-dong-2026-cchc.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TARGET_S = 1.0


def seconds(path: Path, runs: int = 5) -> float:
    """Best time of ``runs`` imports of ``path``."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        draft_text(import_file(path).draft)
        best = min(best, time.perf_counter() - start)
    return best


def longer(path: Path, times: int, out: Path) -> Path:
    """``path`` with its body's blocks repeated ``times`` times."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(f"{W}body")
    blocks = [b for b in body if b.tag != f"{W}sectPr"]
    last = body[-1]
    for _ in range(times - 1):
        for block in blocks:
            last.addprevious(copy.deepcopy(block))
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True,
                                                encoding="UTF-8", standalone=True)
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    out.write_bytes(stream.getvalue())
    return out


def main() -> None:
    import tempfile

    base = seconds(PLAN)
    print(f"30 trang ({PLAN.name}): {base:.3f} s "
          f"({'đạt' if base < TARGET_S else 'CHƯA ĐẠT'} < {TARGET_S} s)")
    with tempfile.TemporaryDirectory() as folder:
        for times in (4, 16):
            grown = seconds(longer(PLAN, times, Path(folder) / f"x{times}.docx"), runs=2)
            print(f"x{times} ({30 * times} trang): {grown:.3f} s, {grown / base:.1f} lần")


if __name__ == "__main__":
    main()

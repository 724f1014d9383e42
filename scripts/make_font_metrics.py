"""Regenerate generator/reference/times-metrics.json from Liberation Serif (metric-compatible with
Times New Roman): advance widths, in 1/1000 em, of the characters Vietnamese text uses.

Run once by a developer (needs fonttools and fonts-liberation2); the JSON is committed so
kehoach measures header lines for its drawn rules without any font at run time.
"""

from __future__ import annotations

import json
from pathlib import Path

from fontTools.ttLib import TTFont

FILE = "times-metrics.json"
FONTS = Path("/usr/share/fonts/truetype/liberation2")
RANGES = [(0x20, 0x7E), (0xA0, 0x1B0), (0x1EA0, 0x1EF9), (0x2010, 0x2026)]


def widths(path: Path) -> dict[str, int]:
    font = TTFont(path)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    advances = font["hmtx"].metrics
    out = {}
    for start, end in RANGES:
        for code in range(start, end + 1):
            if code in cmap:
                out[chr(code)] = round(advances[cmap[code]][0] * scale)
    return out


def main() -> None:
    data = {style: widths(FONTS / f"LiberationSerif-{name}.ttf")
            for style, name in [("regular", "Regular"), ("bold", "Bold"),
                                ("italic", "Italic"), ("bold_italic", "BoldItalic")]}
    target = Path(__file__).resolve().parents[1] / "generator" / "reference" / FILE
    target.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n",
                      encoding="utf-8")
    print(f"{target}: {sum(len(v) for v in data.values())} widths")


if __name__ == "__main__":
    main()

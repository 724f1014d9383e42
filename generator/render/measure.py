"""Text measured in Times New Roman, from metrics, with no font installed.

Underline lengths follow the text above them, and column widths follow their content: both need
to know how wide a line of Vietnamese text is at a given size.
"""

from __future__ import annotations

import unicodedata

from generator.reference import FontMetrics

MM_PER_PT = 25.4 / 72
AVERAGE_EM = 0.5
"""Width of an average character of Vietnamese text, in em (for rough estimates only)."""


def text_width_mm(fonts: FontMetrics, text: str, size_pt: float, bold: bool = False) -> float:
    """Width of one line in Times New Roman (Liberation Serif metrics, identical)."""
    table = fonts["bold" if bold else "regular"]
    units = 0
    for ch in text:
        width = table.get(ch)
        if width is None:
            width = table.get(unicodedata.normalize("NFD", ch)[0], 500)
        units += width
    return units / 1000 * size_pt * MM_PER_PT


def rough_width_mm(characters: int, size_pt: float) -> float:
    """Estimated width of ``characters`` characters of running text (no per-letter lookup)."""
    return characters * AVERAGE_EM * size_pt * MM_PER_PT


def wrapped_lines(fonts: FontMetrics, text: str, room_mm: float, size_pt: float,
                  bold: bool = False) -> int:
    """How many lines a paragraph takes in ``room_mm``, wrapped at spaces (at least one); a
    word wider than the room takes as many lines as it is wide."""
    lines, width = 1, 0.0
    space = text_width_mm(fonts, " ", size_pt, bold)
    for word in text.split():
        size = text_width_mm(fonts, word, size_pt, bold)
        if width and width + space + size > room_mm:
            lines += 1 + int(size // max(room_mm, 1.0))
            width = size % max(room_mm, 1.0)
        else:
            width += (space if width else 0.0) + size
    return lines

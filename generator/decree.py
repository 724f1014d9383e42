"""The decree's numbers (Nghị định 30/2020/NĐ-CP, Phụ lục I), as lengths and sizes, in one place.

What a plan's page must measure is read here by every module that writes or judges one: the
writers (``render``), ``kehoach check`` and ``--fix`` (``docx_check``), the header strings
(``resolve.front``) — so that the file a plan is built into and the check that reads it back
never disagree on a millimetre. Lengths are :mod:`generator.ooxml.units` values (``Mm``,
``Pt``, ``Twips``): each is read in the unit its caller needs (``.mm``, ``.pt``, ``.twips``,
``.half_points``), with no conversion factor copied into a module. Where FORMAT.md gives a
range, the range is here; where practice picks one value inside it (what ``--fix`` writes),
that value is here too, named as the default.
"""

from __future__ import annotations

from generator.ooxml.units import Length, Mm, Pt, Twips

# --- page ------------------------------------------------------------------------------

A4: tuple[Length, Length] = (Mm(210), Mm(297))
"""Width and height of the portrait page (a wide appendix turns it landscape)."""
MARGINS: dict[str, tuple[Length, Length]] = {
    "top": (Mm(20), Mm(25)), "bottom": (Mm(20), Mm(25)),
    "left": (Mm(30), Mm(35)), "right": (Mm(15), Mm(20)),
}
"""The margins the decree allows, low and high (định lề trang)."""
DEFAULT_MARGINS: dict[str, Length] = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30),
                                      "right": Mm(20)}
"""The margin set where one is outside the decree's range (FORMAT.md's practice)."""
HEADER_DISTANCE = Mm(10)
"""Header and footer from the page's edge (practice; 567 twips as Word writes 1 cm)."""

# --- type ------------------------------------------------------------------------------

FONT = "Times New Roman"
"""The one font of the text (Unicode, TCVN 6909:2001)."""
BODY_SIZES: tuple[Length, Length] = (Pt(13), Pt(14))
"""The body's font size, low and high."""
PAGE_NUMBER_SIZE = Pt(13)
"""The page number's size where one is set (13–14 pt allowed)."""

# --- paragraphs ------------------------------------------------------------------------

BODY_INDENTS: tuple[Length, Length] = (Twips(567), Twips(720))
"""The body's first-line indent, low and high: 1 cm and 1.27 cm as Word stores them
(567 and 720 twips, 28.35 and 36 pt)."""
BODY_INDENT = Twips(720)
"""The first-line indent set where one is outside the range: 1.27 cm."""
PARAGRAPH_GAP = Pt(6)
"""The least space between paragraphs (before and after together)."""
BODY_LINE_SPACING = 1.1
"""The line spacing set where one is outside the range, as a multiple (264/240 in Word)."""

# --- drawn underlines and the number ---------------------------------------------------------

UNDERLINE_WEIGHT = Pt(0.75)
"""The weight of a drawn underline (0.5–0.75 pt): six eighths of a point in ``w:sz``."""
SHORT_UNDERLINE = 0.4
"""An underline under the issuing body or the summary: 1/3 to 1/2 of the text above it; we take
0.4 (the underline under the Tiêu ngữ is as long as its line)."""
BLANK_NUMBER = " " * 6
"""What stands for a draft's number in ``Số:      /KH-UBND`` (the number is written by hand
once the plan is signed)."""


# --- the fixed lines of the header ------------------------------------------------------

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
"""The Quốc hiệu, as the decree writes it."""
MOTTO = "Độc lập - Tự do - Hạnh phúc"
"""The Tiêu ngữ, as the decree writes it."""
TYPO_ROOM = 4
"""How many typed characters a fixed line may differ by and still be that line (a wrong
tone mark, a missing space or letter); the fault is then reported."""


def edit_distance(a: str, b: str, bound: int) -> int:
    """Edit distance of two short lines, or ``bound + 1`` once it is certainly above it
    (a band of width ``bound``: linear in the lines' length)."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [bound + 1] * len(b)
        for j in range(max(1, i - bound), min(len(b), i + bound) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (ca != b[j - 1]))
        previous = current
    return min(previous[len(b)], bound + 1)


def national_key(line: str) -> str:
    """A line as compared with the Quốc hiệu: capitals, "HOÀ" accented either way."""
    return line.upper().replace("HOÀ", "HÒA")


def fixed_line_named(line: str) -> str | None:
    """"Quốc hiệu" or "Tiêu ngữ" when a line reads as one of them (with a typing fault
    too, as ``kehoach check`` finds them), else ``None``: such a line in the issuing body's
    name would be taken for the right-hand column by every reader of the page."""
    if len(line) <= 2 * len(NATIONAL_TITLE) and edit_distance(
            national_key(line.strip()), NATIONAL_TITLE, TYPO_ROOM) <= TYPO_ROOM:
        return "Quốc hiệu"
    if len(line) <= 2 * len(MOTTO) and edit_distance(
            line.strip().casefold(), MOTTO.casefold(), TYPO_ROOM) <= TYPO_ROOM:
        return "Tiêu ngữ"
    return None

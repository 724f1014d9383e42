"""The parts of a plan, recognised in any DOCX the way a reviewer finds them.

Nothing here relies on kehoach's styles: the title is the paragraph that reads "KẾ HOẠCH",
the header is what comes before it, the issuing body the capitals there before "Số:", the
summary the bold or centred lines under the title, the body what follows up to the
signature, the signature what shares the table of "Nơi nhận:" (or follows the body's
"./."), an appendix a later section that starts "Phụ lục". A document that lacks a part is
simply not held to that part's rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from generator.ooxml.view import DocxView, Paragraph

TITLE = re.compile(r"^KẾ HOẠCH(?: HÀNH ĐỘNG)?$")
BODIES_WITHOUT_PLACE = {"ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"}
"""A first header line that names a body whose place follows on the next line."""
PLACE_WORDS = ("TỈNH ", "THÀNH PHỐ ", "HUYỆN ", "QUẬN ", "THỊ XÃ ", "XÃ ", "PHƯỜNG ",
               "THỊ TRẤN ", "ĐẶC KHU ")
BASIS = re.compile(r"^(Căn cứ|Thực hiện)\b")
PLACE_DATE = re.compile(r",\s*+ngày\s++(?:\d{1,2}\s++)?tháng\s++(?:\d{1,2}\s++)?năm\s++\d{4}\s*+$")
"""", ngày 06 tháng 4 năm 2024" ending a line, day and month possibly blank in a draft
(possessive quantifiers: a line of spaces cannot make it backtrack)."""
SUMMARY_LINES = 4
"""A summary longer than this many paragraphs is body text that happens to be bold."""


def words(paragraph: Paragraph) -> str:
    """The text as it shows, spaces collapsed, the en dash read as a hyphen."""
    return " ".join(paragraph.shown.replace("–", "-").split())


def is_caps(paragraph: Paragraph) -> bool:
    """Shown in capitals: no letter that capitals would change (a line of digits and signs
    is as capital as it can be)."""
    shown = words(paragraph)
    return shown == shown.upper()


def is_national_title(paragraph: Paragraph) -> bool:
    """The Quốc hiệu, however its "HÒA" is accented."""
    return words(paragraph).upper().replace("HOÀ", "HÒA") == \
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def is_text(words_wanted: str) -> Callable[[Paragraph], bool]:
    """A test for a paragraph that reads exactly ``words_wanted`` (case aside)."""
    wanted = " ".join(words_wanted.split()).casefold()
    return lambda p: words(p).casefold() == wanted


is_motto = is_text("Độc lập - Tự do - Hạnh phúc")
is_recipients_heading = is_text("Nơi nhận:")


@dataclass(frozen=True)
class Appendix:
    """An appendix's head: its label, its title lines and its "(Kèm theo …)" line."""

    label: Paragraph
    title: tuple[Paragraph, ...]
    attached: Paragraph | None


@dataclass
class Parts:
    """A document and the parts of a plan found in it (any of them may be missing)."""

    view: DocxView
    title: Paragraph | None = None
    header: list[Paragraph] = field(default_factory=list)
    parent_line: Paragraph | None = None
    issuer: list[Paragraph] = field(default_factory=list)
    motto: Paragraph | None = None
    summary: list[Paragraph] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    """Body paragraphs outside tables, with words, title and summary excluded."""
    recipients_heading: Paragraph | None = None
    recipients: list[Paragraph] = field(default_factory=list)
    authority: list[Paragraph] = field(default_factory=list)
    """The signing authority and title lines ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")."""
    signer: Paragraph | None = None
    appendices: list[Appendix] = field(default_factory=list)

    def after(self, paragraph: Paragraph, count: int) -> list[Paragraph]:
        """Up to ``count`` paragraphs following ``paragraph`` in its section."""
        following = self.view.paragraphs[paragraph.index + 1:paragraph.index + 1 + count]
        return [p for p in following if p.section == paragraph.section]


def recognise(view: DocxView) -> Parts:
    """Find the parts of a plan in a document, in one pass per part."""
    parts = Parts(view)
    first = [p for p in view.paragraphs if p.section == 0]
    parts.title = next((p for p in first if not p.in_table and TITLE.match(words(p))), None)
    parts.header = _header(first, parts.title)
    parts.motto = next((p for p in parts.header if is_motto(p)), None)
    _issuer(parts)
    _recipients(parts)
    _summary_and_body(parts, first)
    _signature(parts, first)
    parts.appendices = [a for s in view.sections[1:] if (a := _appendix(view, s.index))]
    return parts


HEADER_REACH = 30
"""Without a title to end it, the header is looked for among this many first paragraphs."""


def _header(first: Sequence[Paragraph], title: Paragraph | None) -> list[Paragraph]:
    """What comes before the title; with no title, what reaches down to the last line the
    header is known by (Quốc hiệu, Tiêu ngữ, "Số:", place and date), or nothing."""
    if title is not None:
        return [p for p in first if p.index < title.index]
    known = [p.index for p in first[:HEADER_REACH] if is_national_title(p) or is_motto(p)
             or p.text.strip().startswith("Số:") or PLACE_DATE.search(p.text)]
    return [p for p in first if known and p.index <= max(known)]


def _issuer(parts: Parts) -> None:
    """The lines naming the issuing body: those before "Số:" (or, without it, before the
    Quốc hiệu) that are none of the other header lines; none when neither bounds them."""
    number = next((p for p in parts.header if p.text.strip().startswith("Số")), None)
    bound = number or next((p for p in parts.header if is_national_title(p)), None)
    if bound is None:
        return
    lines = [p for p in parts.header if p.index < bound.index and p.text.strip()
             and not (is_national_title(p) or is_motto(p) or PLACE_DATE.search(p.text)
                      or set(p.text.strip()) <= set("_ \t"))]
    if len(lines) >= 2 and _is_parent_line(lines[0], lines[1]):
        parts.parent_line, lines = lines[0], lines[1:]
    parts.issuer = lines


def _is_parent_line(first: Paragraph, second: Paragraph) -> bool:
    """Whether the first header line names the body above the issuer ("UBND TỈNH ĐẮK LẮK"
    over "SỞ NỘI VỤ"), not the first half of the issuer's own name ("ỦY BAN NHÂN DÂN" over
    "TỈNH ĐẮK LẮK"): by its words when they say so, else by its form (regular over bold)."""
    head, next_line = words(first), words(second)
    if head in BODIES_WITHOUT_PLACE or next_line.startswith(PLACE_WORDS):
        return False
    if head.startswith("UBND ") or any(head.startswith(f"{body} {place}")
                                       for body in BODIES_WITHOUT_PLACE
                                       for place in PLACE_WORDS):
        return True
    return not _bold(first) and _bold(second)


def _recipients(parts: Parts) -> None:
    """The lines under "Nơi nhận:": in a table, every line of its cell (a sub-heading such
    as "Gửi bản điện tử:" included); typed line by line, the "-" lines that follow it."""
    view = parts.view
    heading = next((p for p in view.paragraphs if is_recipients_heading(p)), None)
    parts.recipients_heading = heading
    if heading is None:
        return
    for paragraph in view.paragraphs[heading.index + 1:]:
        if paragraph.table != heading.table or paragraph.section != heading.section or \
                paragraph.cell != heading.cell:
            break
        if not paragraph.text.strip():
            continue
        if heading.cell is None and not paragraph.text.lstrip().startswith("-"):
            break
        parts.recipients.append(paragraph)


def _summary_and_body(parts: Parts, first: Sequence[Paragraph]) -> None:
    if parts.title is None:
        return
    following = [p for p in first if p.index > parts.title.index]
    summary: list[Paragraph] = []
    for paragraph in following:
        if paragraph.in_table or not paragraph.text.strip() or BASIS.match(paragraph.text) \
                or not (paragraph.alignment == "center" or _bold(paragraph)):
            break
        summary.append(paragraph)
    if len(summary) <= SUMMARY_LINES:
        parts.summary = summary
    end = _body_end(parts, first)
    parts.body = [p for p in following if p not in parts.summary and not p.in_table
                  and p.text.strip() and (end is None or p.index < end)]


def _body_end(parts: Parts, first: Sequence[Paragraph]) -> int | None:
    """Where the signature block starts: the table of "Nơi nhận:", or the paragraph after
    the last one ending "./."."""
    heading = parts.recipients_heading
    if heading is not None and heading.section == 0 and heading.table is not None:
        return next(p.index for p in first if p.table == heading.table)
    closing = [p for p in first if not p.in_table and p.text.rstrip().endswith("./.")]
    if closing:
        return closing[-1].index + 1
    return heading.index if heading is not None and heading.section == 0 else None


def _signature(parts: Parts, first: Sequence[Paragraph]) -> None:
    heading = parts.recipients_heading
    end = _body_end(parts, first)
    if end is None:
        return
    taken = {id(p) for p in (heading, *parts.recipients) if p is not None}
    if heading is not None and heading.table is not None and heading.section == 0:
        block = [p for p in first if p.table == heading.table and p.cell != heading.cell]
    else:
        block = [p for p in first if p.index >= end and not p.in_table]
    lines = [p for p in block if id(p) not in taken and p.text.strip()]
    parts.authority = [p for p in lines if is_caps(p)]
    names = [p for p in lines if not is_caps(p) and not p.text.strip().startswith("(")]
    if parts.authority and names and names[-1].index > parts.authority[-1].index:
        parts.signer = names[-1]


def _appendix(view: DocxView, section: int) -> Appendix | None:
    lines = [p for p in view.paragraphs if p.section == section and p.text.strip()]
    if not lines or lines[0].in_table or \
            not words(lines[0]).casefold().startswith("phụ lục"):
        return None
    title: list[Paragraph] = []
    attached = None
    for paragraph in lines[1:]:
        if paragraph.in_table:
            break
        if words(paragraph).startswith("(") and "kèm theo" in words(paragraph).casefold():
            attached = paragraph
            break
        if not is_caps(paragraph):
            break
        title.append(paragraph)
    return Appendix(lines[0], tuple(title), attached)


def _bold(paragraph: Paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)

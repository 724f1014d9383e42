"""The parts of an administrative text, recognised in any DOCX the way a reviewer finds them.

Nothing here relies on kehoach's styles or on exact text. Lines are compared as they read
(NFC, Word's non-breaking hyphen and dashes as "-", spaces collapsed, each line of a
paragraph on its own) and, for the fixed parts, with room for a typing fault: a Quốc hiệu
typed "CỘNG HÕA …" is still the Quốc hiệu, and its fault is kept to be reported. The text
type comes from the title ("KẾ HOẠCH", "TỜ TRÌNH" …), else from the code in "Số:" or a
"V/v" line (a Công văn has no title). The header is what comes before the title, the issuing
body the capitals there before "Số:", the summary the bold or centred lines under the title
(a Công văn's "V/v" lines under its number), the body what follows up to the signature, the
signature what shares the table of "Nơi nhận:" (or follows the body's "./."), an appendix a
later section that starts "Phụ lục". A part that is missing is left None (or empty): the
rules report what the type requires.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from generator.decree import (
    MOTTO,
    NATIONAL_TITLE,
    TYPO_ROOM,
    edit_distance,
    national_key,
)
from generator.ooxml.view import DocxView, Paragraph


@dataclass(frozen=True)
class TextType:
    """A type of administrative text (NĐ 30/2020, Phụ lục III): its name as a title shows
    it, its code in "Số: …/CODE-…", and whether it carries a title line at all."""

    name: str
    code: str
    titled: bool = True
    needs_recipients: bool = True
    signed_by_authority: bool = True
    """Signed under an authority line ("KT. CHỦ TỊCH"); a Biên bản is signed by those
    present ("Đại diện …", "NGƯỜI GHI BIÊN BẢN") however they are laid out."""
    dated_in_header: bool = True
    """The place-date line under the Tiêu ngữ; a Biên bản says when in its first lines."""

    @property
    def label(self) -> str:
        """The name as a sentence says it ("Kế hoạch")."""
        return self.name.capitalize()


TEXT_TYPES = (
    TextType("NGHỊ QUYẾT", "NQ"), TextType("QUYẾT ĐỊNH", "QĐ"), TextType("CHỈ THỊ", "CT"),
    TextType("QUY CHẾ", "QC"), TextType("QUY ĐỊNH", "QyĐ"), TextType("THÔNG CÁO", "TC"),
    TextType("THÔNG BÁO", "TB"), TextType("HƯỚNG DẪN", "HD"), TextType("CHƯƠNG TRÌNH", "CTr"),
    TextType("KẾ HOẠCH", "KH"), TextType("PHƯƠNG ÁN", "PA"), TextType("ĐỀ ÁN", "ĐA"),
    TextType("DỰ ÁN", "DA"), TextType("BÁO CÁO", "BC"),
    TextType("BIÊN BẢN", "BB", needs_recipients=False, signed_by_authority=False,
             dated_in_header=False), TextType("TỜ TRÌNH", "TTr"),
    TextType("HỢP ĐỒNG", "HĐ", needs_recipients=False), TextType("CÔNG ĐIỆN", "CĐ"),
    TextType("BẢN GHI NHỚ", "GN"), TextType("BẢN THỎA THUẬN", "TT"),
    TextType("GIẤY ỦY QUYỀN", "GUQ"), TextType("GIẤY MỜI", "GM"),
    TextType("GIẤY GIỚI THIỆU", "GGT"), TextType("GIẤY NGHỈ PHÉP", "GNP"),
    TextType("PHIẾU GỬI", "PG"), TextType("PHIẾU CHUYỂN", "PC"), TextType("PHIẾU BÁO", "PB"),
)
CONG_VAN = TextType("CÔNG VĂN", "", titled=False)
"""A Công văn: no title, its trích yếu a "V/v …" line under the number, and no type code
in its number ("Số: 123/UBND-NC")."""
_BY_NAME = {t.name: t for t in TEXT_TYPES} | {"GIẤY UỶ QUYỀN": TextType("GIẤY ỦY QUYỀN", "GUQ"),
                                            "BẢN THOẢ THUẬN": TextType("BẢN THỎA THUẬN", "TT")}
_BY_CODE = {t.code.upper(): t for t in TEXT_TYPES}
TITLE_WORDS = 8
"""A title line names its type and at most a few words more ("KẾ HOẠCH HÀNH ĐỘNG")."""

BODIES_WITHOUT_PLACE = {"ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"}
"""A first header line that names a body whose place follows on the next line."""
PLACE_WORDS = ("TỈNH ", "THÀNH PHỐ ", "HUYỆN ", "QUẬN ", "THỊ XÃ ", "XÃ ", "PHƯỜNG ",
               "THỊ TRẤN ", "ĐẶC KHU ")
BASIS = re.compile(r"^(Căn cứ|Thực hiện)\b")
PLACE_DATE = re.compile(r",\s*+ngày\s++(?:\d++\s++)?tháng\s++(?:\d++\s*+)?năm\s++\d{4}\s*+$")
"""", ngày 06 tháng 4 năm 2024" ending a line, day and month possibly blank in a draft
(possessive quantifiers: a line of spaces cannot make it backtrack)."""
SUMMARY_LINES = 4
"""A summary longer than this many paragraphs is body text that happens to be bold."""
SUBJECT = re.compile(r"^V/v\b", re.IGNORECASE)
"""The trích yếu of a Công văn: "V/v …" under its number."""

DASHES = str.maketrans({"\u2011": "-", "\u2010": "-", "\u2013": "-", "\u2014": "-",
                        "\u2212": "-", "\u00a0": " ", "\u202f": " "})


def plain(text: str) -> str:
    """A line as a reader reads it: NFC, dashes and Word's non-breaking hyphen as "-",
    non-breaking spaces as spaces, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).translate(DASHES).split())


def words(paragraph: Paragraph) -> str:
    """The text as it shows, read plainly (see :func:`plain`), line breaks as spaces."""
    return plain(paragraph.shown)


def lines(paragraph: Paragraph) -> list[str]:
    """The lines of a paragraph as they show (Shift+Enter starts a line; a Tab starts a
    column of a header built with tab stops), read plainly."""
    return [line for line in (plain(part) for part in COLUMNS.split(paragraph.shown)) if line]


COLUMNS = re.compile(r"[\n\t]| {4,}")
"""What separates the lines and columns of one paragraph: a line break, a Tab, or the run
of spaces a clerk types to push the Quốc hiệu to the right."""


def is_caps(paragraph: Paragraph) -> bool:
    """Shown in capitals: no letter that capitals would change (a line of digits and signs
    is as capital as it can be)."""
    shown = words(paragraph)
    return shown == shown.upper()


RECIPIENTS = "Nơi nhận:"


@dataclass(frozen=True)
class Fixed:
    """A fixed line found in a paragraph: ``fault`` is "" when it reads exactly right,
    else the line as typed (to be reported)."""

    paragraph: Paragraph
    fault: str


def _motto_key(line: str) -> str:
    return re.sub(r"\s*-\s*", " - ", line)


def find_fixed(paragraph: Paragraph, wanted: str, key: Callable[[str], str],
               exact: Callable[[str], bool]) -> Fixed | None:
    """The fixed line ``wanted`` in one of the paragraph's lines: exactly (by ``exact``), or
    close enough to be it with a typing fault."""
    for line in lines(paragraph):
        if len(line) > 2 * len(wanted):
            continue
        if exact(line):
            return Fixed(paragraph, "")
        if edit_distance(key(line), key(wanted), TYPO_ROOM) <= TYPO_ROOM:
            return Fixed(paragraph, line)
    return None


def national_title(paragraph: Paragraph) -> Fixed | None:
    """The Quốc hiệu ("HÒA" accented either way), exact or with its typing fault."""
    return find_fixed(paragraph, NATIONAL_TITLE, national_key,
                      lambda line: national_key(line) == NATIONAL_TITLE)


def motto(paragraph: Paragraph) -> Fixed | None:
    """The Tiêu ngữ, exact (an en dash or Word's non-breaking hyphen reads as "-") or with
    its fault ("Độc lập -Tự do - Hạnh phúc", "Hạnh Phúc")."""
    return find_fixed(paragraph, MOTTO, lambda line: line.casefold(),
                      lambda line: line == MOTTO)


def is_national_title(paragraph: Paragraph) -> bool:
    """The Quốc hiệu, however its "HÒA" is accented, or with a typing fault."""
    return national_title(paragraph) is not None


def is_motto(paragraph: Paragraph) -> bool:
    """The Tiêu ngữ, exactly or with a typing fault."""
    return motto(paragraph) is not None


def is_text(words_wanted: str) -> Callable[[Paragraph], bool]:
    """A test for a paragraph that reads exactly ``words_wanted`` (case aside)."""
    wanted = " ".join(words_wanted.split()).casefold()
    return lambda p: words(p).casefold() == wanted


RECIPIENTS_HEAD = re.compile(r"^n[ơo]i\s*nh[ậaâ]n\s*:?", re.IGNORECASE)


def recipients_heading(paragraph: Paragraph) -> Fixed | None:
    """"Nơi nhận:" as the first line of a paragraph (the first recipient may follow on the
    same line or after a line break), exact or with its fault ("Nơi nhận" without colon)."""
    first = lines(paragraph)[:1]
    if not first or len(first[0]) > 200:
        return None
    found = RECIPIENTS_HEAD.match(first[0])
    if found is None:
        return None
    return Fixed(paragraph, "" if found.group(0) == RECIPIENTS else found.group(0))


def is_recipients_heading(paragraph: Paragraph) -> bool:
    """"Nơi nhận:" heading a paragraph."""
    return recipients_heading(paragraph) is not None


def type_by_title(paragraph: Paragraph) -> TextType | None:
    """The text type a title line names ("KẾ HOẠCH", "THÔNG BÁO KẾT LUẬN")."""
    shown = words(paragraph)
    if not shown or shown != shown.upper() or len(shown.split()) > TITLE_WORDS:
        return None
    shown = shown.rstrip(":").strip()
    for name, kind in _BY_NAME.items():
        if shown == name or shown.startswith(name + " "):
            return kind
    return None


NUMBER_CODE = re.compile(r"^Số\s*:?[^/]*/\s*(?P<code>[A-Za-zĐđ0-9.]+(?:\s*-\s*[A-Za-zĐđ0-9.]+)*)")


def type_by_number(text: str) -> TextType | None:
    """The type the number's code names ("Số: 12/TTr-SNV" → Tờ trình); a code that names
    only the issuer ("Số: 123/UBND-NC") is a Công văn's."""
    found = NUMBER_CODE.match(plain(text))
    if found is None:
        return None
    code = re.sub(r"\s+", "", found["code"]).split("-")
    return _BY_CODE.get(code[0].upper(), CONG_VAN if len(code) >= 1 else None)


@dataclass(frozen=True)
class Appendix:
    """An appendix's head: its label, its title lines and its "(Kèm theo …)" line."""

    label: Paragraph
    title: tuple[Paragraph, ...]
    attached: Paragraph | None


@dataclass
class Anatomy:
    """A document and the parts of an administrative text found in it (any of them may be
    missing)."""

    view: DocxView
    kind: TextType | None = None
    """The text type found (by title, else by the number's code or a "V/v" line)."""
    title: Paragraph | None = None
    header: list[Paragraph] = field(default_factory=list)
    parent_line: Paragraph | None = None
    issuer: list[Paragraph] = field(default_factory=list)
    national_title: Fixed | None = None
    motto_line: Fixed | None = None
    number_line: Paragraph | None = None
    place_date: Paragraph | None = None
    subject: list[Paragraph] = field(default_factory=list)
    """A Công văn's "V/v …" lines under its number."""
    summary: list[Paragraph] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    """Body paragraphs outside tables, with words, title and summary excluded."""
    recipients_heading: Paragraph | None = None
    recipients_fault: str = ""
    recipients: list[Paragraph] = field(default_factory=list)
    authority: list[Paragraph] = field(default_factory=list)
    """The signing authority and title lines ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")."""
    signer: Paragraph | None = None
    authority_lines: list[str] = field(default_factory=list)
    """The signature's capital lines as read, wherever they stand (a cell, after a tab)."""
    issuer_named: bool = False
    """An issuing body is named, maybe in the left column of a line built with tab stops
    that also holds the Quốc hiệu (then not in :attr:`issuer`, whose style is checked)."""
    signer_name: str = ""
    """The signer's name as read ("" when the block has none)."""
    appendices: list[Appendix] = field(default_factory=list)

    @property
    def motto(self) -> Paragraph | None:
        """The paragraph holding the Tiêu ngữ."""
        return self.motto_line.paragraph if self.motto_line else None

    @property
    def type_label(self) -> str:
        """The type as a sentence names it ("Kế hoạch"), or "văn bản" when unknown."""
        return self.kind.label if self.kind else "Văn bản"

    def after(self, paragraph: Paragraph, count: int) -> list[Paragraph]:
        """Up to ``count`` paragraphs following ``paragraph`` in its section."""
        following = self.view.paragraphs[paragraph.index + 1:paragraph.index + 1 + count]
        return [p for p in following if p.section == paragraph.section]


HEADER_REACH = 40
"""The header (and the title) is looked for among this many first paragraphs."""


def recognise(view: DocxView) -> Anatomy:
    """Find the parts of an administrative text in a document, in one pass per part."""
    parts = Anatomy(view)
    first = [p for p in view.paragraphs if p.section == 0]
    head = first[:HEADER_REACH]
    parts.national_title = next((f for p in head if (f := national_title(p))), None)
    parts.motto_line = next((f for p in head if (f := motto(p))), None)
    titled = next(((p, k) for p in head if not p.in_table and (k := type_by_title(p))
                   and not is_national_title(p)), None)
    if titled:
        parts.title, parts.kind = titled
    parts.header = _header(first, parts.title)
    parts.number_line = next((p for p in parts.header if plain(p.text).startswith("Số")
                              and "/" in p.text), None)
    parts.place_date = next((p for p in parts.header if PLACE_DATE.search(plain(p.text))),
                            None)
    if parts.title is None:
        parts.subject = _subject(parts, head)
        by_number = type_by_number(parts.number_line.text) if parts.number_line else None
        parts.kind = CONG_VAN if parts.subject else by_number
    _issuer(parts)
    _recipients(parts)
    _summary_and_body(parts, first)
    _signature(parts, first)
    parts.appendices = [a for s in view.sections[1:] if (a := _appendix(view, s.index))]
    return parts


def _subject(parts: Anatomy, head: Sequence[Paragraph]) -> list[Paragraph]:
    """A Công văn's "V/v …" paragraph and the lines that continue it in the same cell."""
    start = next((p for p in head if SUBJECT.match(plain(p.text))), None)
    if start is None:
        return []
    found = [start]
    for paragraph in parts.after(start, SUMMARY_LINES - 1):
        if not paragraph.text.strip() or paragraph.table != start.table or \
                paragraph.cell != start.cell or paragraph.in_table != start.in_table \
                or not start.in_table:
            break
        found.append(paragraph)
    return found


def _header(first: Sequence[Paragraph], title: Paragraph | None) -> list[Paragraph]:
    """What comes before the title; with no title, what reaches down to the last line the
    header is known by (Quốc hiệu, Tiêu ngữ, "Số:", place and date, "V/v"), or nothing."""
    if title is not None:
        return [p for p in first if p.index < title.index]
    known = [p.index for p in first[:HEADER_REACH] if is_national_title(p) or is_motto(p)
             or plain(p.text).startswith("Số") or PLACE_DATE.search(plain(p.text))
             or SUBJECT.match(plain(p.text))]
    return [p for p in first if known and p.index <= max(known)]


def _issuer(parts: Anatomy) -> None:
    """The lines naming the issuing body: those before "Số:" (or, without it, before the
    Quốc hiệu) that are none of the other header lines; none when neither bounds them."""
    number = parts.number_line
    bound = number or (parts.national_title.paragraph if parts.national_title else None)
    if bound is None:
        return
    found = [p for p in parts.header if p.index < bound.index and p.text.strip()
             and not (is_national_title(p) or is_motto(p) or PLACE_DATE.search(plain(p.text))
                      or set(p.text.strip()) <= set("_ \t\n"))]
    parts.issuer_named = bool(found) or any(
        (first := lines(p)[:1]) and first[0] == first[0].upper() and
        any(c.isalpha() for c in first[0]) and national_key(first[0]) != NATIONAL_TITLE
        for p in parts.header if p.index <= bound.index)
    if bound.table is not None:  # the issuer's column of a header table
        same = [p for p in found if p.table == bound.table]
        found = same or found
    if len(found) >= 2 and _is_parent_line(found[0], found[1]):
        parts.parent_line, found = found[0], found[1:]
    parts.issuer = found


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


def _recipients(parts: Anatomy) -> None:
    """The lines under "Nơi nhận:": in a table, every line of its cell (a sub-heading such
    as "Gửi bản điện tử:" included); typed line by line, the "-" lines that follow it."""
    view = parts.view
    found = next((f for p in view.paragraphs if (f := recipients_heading(p))), None)
    if found is None:
        return
    heading = parts.recipients_heading = found.paragraph
    parts.recipients_fault = found.fault
    for paragraph in view.paragraphs[heading.index + 1:]:
        if paragraph.table != heading.table or paragraph.section != heading.section or \
                paragraph.cell != heading.cell:
            break
        if not paragraph.text.strip():
            continue
        if heading.cell is None and not plain(paragraph.text).startswith("-"):
            break
        parts.recipients.append(paragraph)


def _summary_and_body(parts: Anatomy, first: Sequence[Paragraph]) -> None:
    """The summary under the title, and the body: what follows the title (or, in a text
    without one, the header and its "V/v") up to the signature."""
    if parts.title is None:
        known = [p.index for p in (*parts.header, *parts.subject)]
        if not known:
            return
        end = _body_end(parts, first)
        parts.body = [p for p in first if p.index > max(known) and not p.in_table
                      and p.text.strip() and (end is None or p.index < end)]
        return
    following = [p for p in first if p.index > parts.title.index]
    summary: list[Paragraph] = []
    for paragraph in following:
        centred_bold = paragraph.alignment == "center" and _bold(paragraph)
        if plain(paragraph.text).startswith("(") or not plain(paragraph.text).strip("_-. "):
            break  # "(Ban hành kèm theo …)" or the underline typed under it: not the summary
        if paragraph.in_table or not paragraph.text.strip() or \
                (BASIS.match(plain(paragraph.text)) and not centred_bold) \
                or not (paragraph.alignment == "center" or _bold(paragraph)):
            break
        summary.append(paragraph)
    if len(summary) <= SUMMARY_LINES:
        parts.summary = summary
    end = _body_end(parts, first)
    parts.body = [p for p in following if p not in parts.summary and not p.in_table
                  and plain(p.text).strip("_") and (end is None or p.index < end)]


def _body_end(parts: Anatomy, first: Sequence[Paragraph]) -> int | None:
    """Where the signature block starts: the table of "Nơi nhận:", or the paragraph after
    the last one ending "./."."""
    heading = parts.recipients_heading
    if heading is not None and heading.section == 0 and heading.table is not None:
        return next(p.index for p in first if p.table == heading.table)
    closing = [p for p in first if not p.in_table and p.text.rstrip().endswith("./.")]
    if closing:
        return closing[-1].index + 1
    return heading.index if heading is not None and heading.section == 0 else None


SIGNATURE_REACH = 15
"""Without a table to hold it, the signature is looked for in this many lines after the
body's "./." (or "Nơi nhận:")."""


def _signature_block(parts: Anatomy, first: Sequence[Paragraph]) -> list[Paragraph]:
    """The paragraphs that may hold the signature: the other cells of the table of "Nơi
    nhận:" (in whichever section), else the lines after the body's end (a table right
    after it included), "Nơi nhận:" and its list among them when typed with tab stops."""
    heading, paragraphs = parts.recipients_heading, parts.view.paragraphs
    if heading is not None and heading.table is not None:
        cells = [p for p in paragraphs if p.table == heading.table and p.cell != heading.cell]
        after = [p for p in paragraphs[cells[-1].index + 1:cells[-1].index + 8] if cells
                 and p.section == cells[-1].section and not p.in_table and p.text.strip()]
        return cells + after[:2]  # a name typed under the table, pushed right with spaces
    if heading is not None:
        start = heading.index
    else:
        closing = [p for p in paragraphs if not p.in_table and p.text.rstrip().endswith("./.")]
        if not closing:
            return []
        start = closing[-1].index + 1
    section = paragraphs[start].section if start < len(paragraphs) else -1
    following: list[Paragraph] = []
    for paragraph in paragraphs[start:start + 4 * SIGNATURE_REACH]:
        tables = {p.table for p in following if p.table is not None}
        if paragraph.section != section or words(paragraph).casefold().startswith("phụ lục") \
                or (paragraph.table is not None and tables and paragraph.table not in tables):
            break  # an appendix or a second table after the signature's is not the signature
        if paragraph.text.strip():
            following.append(paragraph)
    return following[:SIGNATURE_REACH]


def _signature(parts: Anatomy, first: Sequence[Paragraph]) -> None:
    """The authority lines ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") and the signer's name: read
    line by line (a name after Shift+Enter under the title, a signature typed in the right
    column with tab stops); the paragraphs that hold nothing else are kept for the style
    rules."""
    taken = {id(p) for p in (parts.recipients_heading, *parts.recipients) if p is not None}
    seen: list[tuple[Paragraph, str]] = []
    for paragraph in _signature_block(parts, first):
        pieces = COLUMNS.split(paragraph.shown)
        if id(paragraph) in taken:  # a signature typed beside the list, after a tab
            pieces = pieces[1:] if len(pieces) > 1 else []
        seen.extend((paragraph, line) for line in map(plain, pieces) if line)
    caps = [(p, line) for p, line in seen if line == line.upper() and
            any(c.isalpha() for c in line) and not line.startswith("-")]
    parts.authority_lines = [line for _, line in caps]
    if not caps:
        return
    last = seen.index(caps[-1])
    names = [(p, line) for p, line in seen[last + 1:] if line != line.upper()
             and not line.startswith(("(", "-"))]
    parts.signer_name = names[-1][1] if names else ""
    parts.authority = [p for p in dict.fromkeys(p for p, _ in caps)
                       if id(p) not in taken and is_caps(p)]
    if names and all(line == names[-1][1] for p, line in seen if p is names[-1][0]):
        parts.signer = names[-1][0]


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
        if not is_caps(paragraph) or not any(ch.isalpha() for ch in words(paragraph)):
            break  # a line with no letter ("…", a number) is the appendix's text, not title
        title.append(paragraph)
    return Appendix(lines[0], tuple(title), attached)


def _bold(paragraph: Paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)

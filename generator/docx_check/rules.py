"""The official format's rules, each held against what a DOCX shows.

Elements are recognised by position and text, as a reviewer does: the Quốc hiệu and Tiêu
ngữ by their words, "Số:" and the place-date line by their form, "Nơi nhận:" and the lines
after it, the body as what comes before the signature. Each finding cites the rule
(Nghị định 30/2020/NĐ-CP, Phụ lục I, as digested in FORMAT.md) and says whether the decree
requires it (``lỗi``) or practice does (``cảnh báo``).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from generator import decree
from generator.decree import BLANK_NUMBER, FONT, MOTTO, NATIONAL_TITLE, SHORT_UNDERLINE
from generator.decree import edit_distance as _typo
from generator.inline import reference_shape
from generator.ooxml.view import DocxView, Paragraph, Section
from generator.readers.anatomy import (
    BASIS,
    RECIPIENTS,
    Anatomy,
    is_caps,
    plain,
    recognise,
)
from generator.reference import FontMetrics, load_reference
from generator.render.measure import text_width_mm
from generator.vnformat import number_with_pad, pad_day, pad_month, vi_measure

A4 = (decree.A4[0].mm, decree.A4[1].mm)
TOLERANCE_MM = 1.0
MARGINS = {side: (round(low.mm), round(high.mm)) for side, (low, high) in decree.MARGINS.items()}
"""Margins the decree allows, in whole millimetres (Phụ lục I, định lề trang)."""
EQUIVALENT_FONTS = {FONT.casefold()}
SYMBOL_FONTS = {"symbol", "wingdings", "wingdings 2", "wingdings 3", "webdings", "marlett",
                "mt extra", "ms outlook", "bookshelf symbol 7"}
"""Fonts that draw signs, not letters (bullets, check boxes): their glyphs exist in no text
font, so they are left as they are and never reported."""
DECREE = "NĐ 30/2020, Phụ lục I"


@dataclass(frozen=True)
class Repair:
    """What ``kehoach check --fix`` may do about a finding: only changes of form that leave
    every word as it was (see :mod:`generator.docx_check.fix`)."""

    kind: str
    """``page`` (size, margins), ``font``, ``format`` (size, bold, italic, no underline),
    ``date``, ``number``, ``page_numbers``, ``draw_rule`` (underscores or underlined
    blanks become a drawn line), ``add_rule`` (a drawn line under the paragraph),
    ``underline_to_rule`` (underlined words lose it and get a drawn line under them),
    ``restart_numbering`` (an appendix counts its pages from 1), ``page_number_format``
    (the number centred at 13 pt), ``layout`` (body paragraphs justified, indented 1.27 cm,
    6 pt apart, 1.1 lines, where they are off). The kinds are JSON v2 values, kept as they
    were named (``draw_rule``, ``add_rule``, ``underline_to_rule`` draw underlines)."""
    targets: tuple[int, ...] = ()
    """Paragraph indexes (section indexes for ``page`` and ``page_numbers``)."""
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    share: float | None = None
    """For an underline drawn under a line: its length as a share of that line's."""
    starts: tuple[int, ...] = ()
    """For ``page_numbers``: the sections whose first page hides the number (the first
    section and each appendix)."""


@dataclass(frozen=True)
class Finding:
    """One departure: how bad, which rule, where, what to do."""

    severity: str
    """``lỗi`` (a rule of the decree) or ``cảnh báo`` (practice)."""
    rule: str
    message: str
    where: str
    fix: str = ""
    repair: Repair | None = None
    """The safe automatic fix, when there is one."""
    id: str = ""
    """A stable rule id ("thieu.quoc_hieu", "co_chu.trich_yeu" …) for tools reading the
    JSON; set by :func:`run_rules` from the rule that found it when the rule gives none."""


def error_at(rule: str, message: str, where: str, fix: str = "",
             repair: Repair | None = None) -> Finding:
    """A finding against a rule of the decree, at ``where``."""
    return Finding("lỗi", rule, message, where, fix, repair)


def warn_at(rule: str, message: str, where: str, fix: str = "",
            repair: Repair | None = None) -> Finding:
    """A finding against practice (not the decree), at ``where``."""
    return Finding("cảnh báo", rule, message, where, fix, repair)


# --- page --------------------------------------------------------------------------------

def page_is_a4_with_margins(anatomy: Anatomy) -> Iterator[Finding]:
    """A4 (portrait, or landscape for a wide appendix) and margins within the decree's. One
    cause, one finding: a section on other paper is one finding (its margins come with the
    paper, and are set with it), and the sections after it on the same paper join it."""
    wrong_paper: list[tuple[Section, tuple[float, float]]] = []
    for section in anatomy.view.sections:
        size = (section.width_mm, section.height_mm)
        if not any(abs(a - b) <= TOLERANCE_MM and abs(c - d) <= TOLERANCE_MM
                   for (a, c), (b, d) in ((size, A4), (size, A4[::-1]))):
            if wrong_paper and wrong_paper[-1][1] == size \
                    and wrong_paper[-1][0].index == section.index - len(wrong_paper):
                wrong_paper.append((section, size))
                continue
            yield from _paper(wrong_paper)
            wrong_paper = [(section, size)]
            continue
        yield from _paper(wrong_paper)
        wrong_paper = []
        for side, (low, high) in MARGINS.items():
            value = section.margins_mm[side]
            if not low - TOLERANCE_MM <= value <= high + TOLERANCE_MM:
                yield error_at(f"{DECREE}: định lề trang",
                               f"Lề {_SIDES[side]} {vi_measure(value)} mm, quy định "
                               f"{low}–{high} mm.", f"phần {section.index + 1}",
                               f"Đặt lề {_SIDES[side]} {DEFAULT_MARGINS[side]} mm.",
                               Repair("page", (section.index,)))
    yield from _paper(wrong_paper)


def _paper(sections: list[tuple[Section, tuple[float, float]]]) -> Iterator[Finding]:
    """One finding for a run of sections on the same paper that is not A4."""
    if not sections:
        return
    first, (width, height) = sections[0]
    last = sections[-1][0]
    where = f"phần {first.index + 1}" if first is last else \
        f"phần {first.index + 1}–{last.index + 1}"
    yield error_at(f"{DECREE}: khổ giấy", f"Khổ giấy {vi_measure(width)} × "
                   f"{vi_measure(height)} mm, không phải A4 (lề của trang theo khổ đó).",
                   where, "Chọn khổ A4 (210 × 297 mm) rồi đặt lề 20/20/30/20 mm.",
                   Repair("page", tuple(s.index for s, _ in sections)))


_SIDES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
DEFAULT_MARGINS = {side: round(length.mm) for side, length in decree.DEFAULT_MARGINS.items()}
"""What ``--fix`` sets a margin outside the decree's range to (FORMAT.md's practice)."""


def _numbered(section: Section) -> bool:
    """Whether a section's pages show a number: in the header of its odd (or all) pages,
    or of its even pages."""
    return section.header_has_page_field or section.even_page_field is True


def page_numbers_are_centred_at_their_size(anatomy: Anatomy) -> Iterator[Finding]:
    """The page number 13–14 pt, centred: one finding for all the sections that share a
    wrong one (sections without a header of their own show the one before)."""
    rule = f"{DECREE}: số trang văn bản"
    sections = [s for s in anatomy.view.sections if s.header_has_page_field]
    small = [s for s in sections if s.page_number_size is not None
             and not 13 <= s.page_number_size <= 14]
    if small:
        yield error_at(rule, f"Số trang cỡ chữ {vi_measure(small[0].page_number_size or 0)}, "
                       "quy định 13–14.",
                     f"phần {small[0].index + 1}", "Đặt cỡ chữ 13 cho số trang.",
                     Repair("page_number_format", tuple(s.index for s in small)))
    fonts = [s for s in sections if s.page_number_font and shown_font(s.page_number_font)
             .casefold() not in EQUIVALENT_FONTS]
    if fonts:
        font = fonts[0].page_number_font or ""
        legacy = " (bảng mã cũ TCVN3/VNI, máy hiện nay không có)" if LEGACY_FONT.match(font) \
            else ""
        yield replace(error_at(f"{DECREE}: phông chữ", f"Số trang phông chữ {font}{legacy}, quy "
                             f"định {FONT}.", f"phần {fonts[0].index + 1}, đầu trang",
                             f"Đặt phông {FONT} cho số trang (nhấp đúp vào đầu trang, chọn số "
                             "trang).", Repair("page_number_format",
                                               tuple(s.index for s in fonts))),
                      id="so_trang.phong_chu")
    aside = [s for s in sections if s.page_number_alignment not in (None, "center")]
    if aside:
        yield error_at(rule, "Số trang phải ở giữa, phía trên trang.", f"phần {aside[0].index + 1}",
                     "Căn giữa đoạn chứa số trang.",
                     Repair("page_number_format", tuple(s.index for s in aside)))


ONE_PAGE_CHARS = 2200
"""A one-section text shorter than this (header, body and signature together) fits on one
A4 page at 13–14 pt, and a one-page text needs no page number."""


def fits_one_page(anatomy: Anatomy) -> bool:
    """Whether the document surely fits one page, without laying it out."""
    view = anatomy.view
    return len(view.sections) == 1 and sum(len(p.text) for p in view.paragraphs) < ONE_PAGE_CHARS


def pages_are_numbered(anatomy: Anatomy) -> Iterator[Finding]:
    """A PAGE field in the header, hidden on the first page of the document and of each
    appendix; each appendix restarting at 1. A section that is not an appendix (a landscape
    table inside the body) simply goes on counting."""
    rule = f"{DECREE}: số trang văn bản"
    sections = anatomy.view.sections
    appendices = {a.label.section for a in anatomy.appendices}
    if sections and not any(_numbered(s) for s in sections) and not fits_one_page(anatomy):
        yield error_at(rule, "Không có số trang ở đầu trang.", "phần 1",
                     "Chèn trường số trang (PAGE) căn giữa ở phần đầu trang.",
                     Repair("page_numbers", tuple(s.index for s in sections),
                            starts=tuple(sorted({0, *appendices}))))
    for section in sections:
        where = f"phần {section.index + 1}"
        starts = section.index == 0 or section.index in appendices
        if any(_numbered(s) for s in sections):
            if not _numbered(section):  # a one-page appendix rightly shows none
                yield warn_at(rule, "Phần này không có số trang (đúng nếu phần chỉ có một "
                               "trang).", where, "Chèn trường số trang (PAGE) ở phần đầu trang.",
                               Repair("page_numbers", (section.index,)))
            if starts and section.first_page_field:
                yield warn_at(rule, "Số trang hiện cả ở trang đầu (đầu trang riêng của trang "
                               "đầu có số trang).", where, "Xóa số trang ở đầu trang của trang "
                               "đầu (First Page Header).")
            elif starts and section.header_has_page_field and not section.title_page:
                yield warn_at(rule, "Số trang hiện cả ở trang đầu.", where,
                               "Chọn 'Trang đầu khác' (Different first page) cho phần này.",
                               Repair("page_numbers", (section.index,),
                                      starts=(section.index,)))
        if section.index in appendices and not section.number_restart:
            yield warn_at(rule, "Phụ lục không đánh số trang lại từ 1.", where,
                           "Đặt số trang bắt đầu từ 1 cho phần này.",
                           Repair("restart_numbering", (section.index,)))
    if not fits_one_page(anatomy):
        yield from _odd_and_even_numbered(sections)


def _odd_and_even_numbered(sections: list[Section]) -> Iterator[Finding]:
    """With different odd and even pages, both show the number: one finding for all the
    sections that share the fault (a section without a header of its own shows the one
    before)."""
    rule = f"{DECREE}: số trang văn bản"
    undo = "hoặc bỏ chọn 'Trang chẵn lẻ khác nhau' (Different Odd & Even Pages)."
    odd = [s for s in sections if s.even_page_field and not s.header_has_page_field]
    if odd:
        yield replace(error_at(
            rule, "Số trang chỉ hiện ở trang chẵn: các trang lẻ (3, 5, …) không có.",
            f"phần {odd[0].index + 1}", f"Chèn số trang vào đầu trang lẻ (Odd Page Header), "
            f"{undo}", Repair("page_numbers", tuple(s.index for s in odd))),
            id="so_trang.trang_le")
    even = [s for s in sections if s.even_page_field is False and s.header_has_page_field]
    if even:
        yield replace(error_at(rule, "Số trang không hiện ở các trang chẵn.",
                             f"phần {even[0].index + 1}",
                             f"Chèn số trang vào đầu trang chẵn (Even Page Header), {undo}"),
                      id="so_trang.trang_chan")


# --- fonts and sizes ---------------------------------------------------------------------

LEGACY_FONT = re.compile(r"^(\.Vn|VNI[- ]|VN[ -]?Times|Vn)", re.IGNORECASE)
"""Fonts of the old Vietnamese encodings (TCVN3 ".VnTime", VNI "VNI-Times"): not on a
clerk's PC today, and text typed in them reads as garbage in Unicode fonts."""
FACE_SUFFIX = re.compile(r"\s+(Bold Italic|Bold|Italic|Regular)$", re.IGNORECASE)


def shown_font(name: str) -> str:
    """The family a font name shows as: the first of a ";" list (Word tries them in
    order), without a face ("Times New Roman Bold" is Times New Roman, bold)."""
    return FACE_SUFFIX.sub("", name.split(";")[0].strip())


def text_is_times_new_roman(anatomy: Anatomy) -> Iterator[Finding]:
    """Every run in Times New Roman: one finding per font (the first paragraph and how many
    more), so a document typed in another font reads as one problem, not hundreds. A
    TCVN3 or VNI font is named as such, with the way to convert."""
    rule = f"{DECREE}: phông chữ"
    odd: dict[str, list[Paragraph]] = {}
    for paragraph in anatomy.view.paragraphs:
        font = next((r.font or "" for r in paragraph.runs if r.text.strip() and
                     shown_font(r.font or "").casefold() not in EQUIVALENT_FONTS | SYMBOL_FONTS),
                    None)
        if font is not None:
            odd.setdefault(font, []).append(paragraph)
    repair = Repair("font")
    for font, paragraphs in odd.items():
        shown = font or "(không ghi, theo mặc định của máy)"
        if LEGACY_FONT.match(font):
            yield replace(error_at(
                rule, f"Phông chữ {shown} (bảng mã cũ TCVN3/VNI, máy hiện nay không có), quy "
                f"định {FONT}{_more(paragraphs)}.", paragraphs[0].where(),
                "Nếu chữ hiện đúng: đặt phông Times New Roman. Nếu chữ hiện lỗi: chọn đoạn, "
                "dùng Unikey (Công cụ > Chuyển mã: TCVN3 hoặc VNI → Unicode).", repair),
                id="phong_chu.ma_cu")
            continue
        yield error_at(rule, f"Phông chữ {shown}, quy định {FONT}{_more(paragraphs)}.",
                     paragraphs[0].where(),
                     f"Đặt phông {FONT} cho đoạn này (hoặc cho kiểu chữ của nó).", repair)


def _more(paragraphs: list[Paragraph]) -> str:
    return f" (và {len(paragraphs) - 1} đoạn khác)" if len(paragraphs) > 1 else ""


@dataclass(frozen=True)
class Element:
    """An element of the format: its size and style, and the item of the decree."""

    name: str
    item: str
    sizes: tuple[float, float]
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    """Shown in capitals (True), not (False), or either (None)."""


QUOC_HIEU = Element("Quốc hiệu", "Quốc hiệu và Tiêu ngữ", (12, 13), bold=True, caps=True)
TIEU_NGU = Element("Tiêu ngữ", "Quốc hiệu và Tiêu ngữ", (13, 14), bold=True)
PARENT = Element("Tên cơ quan chủ quản", "tên cơ quan, tổ chức ban hành văn bản", (12, 13),
                 bold=False, caps=True)
ISSUER = Element("Tên cơ quan ban hành", "tên cơ quan, tổ chức ban hành văn bản", (12, 13),
                 bold=True, caps=True)
NUMBER_LINE = Element("Số, ký hiệu", "số, ký hiệu của văn bản", (13, 13), bold=False)
PLACE_DATE_LINE = Element("Địa danh, ngày", "địa danh và thời gian ban hành văn bản",
                          (13, 14), italic=True)
TITLE = Element("Tên loại văn bản", "tên loại và trích yếu nội dung văn bản", (13, 14),
                bold=True, caps=True)
SUMMARY = Element("Trích yếu", "tên loại và trích yếu nội dung văn bản", (13, 14), bold=True)
BODY = Element("Nội dung", "nội dung văn bản", (13, 14))
AUTHORITY = Element("Thẩm quyền, chức vụ người ký",
                    "chức vụ, họ tên và chữ ký của người có thẩm quyền", (13, 14), bold=True,
                    caps=True)
SIGNER = Element("Họ tên người ký", "chức vụ, họ tên và chữ ký của người có thẩm quyền",
                 (13, 14), bold=True)
RECIPIENTS_HEADING = Element("Nơi nhận", "nơi nhận", (12, 12), bold=True, italic=True)
RECIPIENT = Element("Dòng nơi nhận", "nơi nhận", (11, 11))
APPENDIX_LABEL = Element("Số phụ lục", "phụ lục", (14, 14), bold=True, caps=False)
APPENDIX_TITLE = Element("Tên phụ lục", "phụ lục", (13, 14), bold=True, caps=True)
SUBJECT = Element("Trích yếu công văn (V/v)", "tên loại và trích yếu nội dung văn bản",
                  (12, 13), bold=False)
ATTACHED_LINE = Element("Dòng 'Kèm theo'", "phụ lục", (13, 14), italic=True)

LONGEST_ELEMENT = 200
"""No element found by its words alone (Quốc hiệu, place and date…) is longer than this."""


def _elements(anatomy: Anatomy) -> Iterator[tuple[Element, list[Paragraph]]]:
    """Each element with the paragraphs that are it."""
    view = anatomy.view
    short = [p for p in view.paragraphs if len(p.text) <= LONGEST_ELEMENT]
    both = anatomy.national_title and anatomy.motto_line and \
        anatomy.national_title.paragraph is anatomy.motto_line.paragraph
    if not both:  # one paragraph holding both lines is not told apart run by run
        yield QUOC_HIEU, [f.paragraph for f in (anatomy.national_title,) if f and
                          f.paragraph in short]
        yield TIEU_NGU, [p for p in (anatomy.motto,) if p is not None and p in short]
    yield NUMBER_LINE, [p for p in (anatomy.number_line,) if p is not None and p in short]
    yield PLACE_DATE_LINE, [p for p in (anatomy.place_date,) if p is not None and p in short]
    yield SUBJECT, anatomy.subject
    yield PARENT, [anatomy.parent_line] if anatomy.parent_line else []
    yield ISSUER, anatomy.issuer
    yield TITLE, [anatomy.title] if anatomy.title else []
    yield SUMMARY, anatomy.summary
    yield BODY, anatomy.body
    yield AUTHORITY, anatomy.authority
    yield SIGNER, [anatomy.signer] if anatomy.signer else []
    yield RECIPIENTS_HEADING, [anatomy.recipients_heading] if anatomy.recipients_heading else []
    yield RECIPIENT, anatomy.recipients
    for appendix in anatomy.appendices:
        yield APPENDIX_LABEL, [appendix.label]
        yield APPENDIX_TITLE, list(appendix.title)
        yield ATTACHED_LINE, [appendix.attached] if appendix.attached else []


TWO_PARTS = re.compile(r"\S\s*[\t\n]\s*\S|\S {6,}[^\s/]")
"""A Tab, a line break or a long run of spaces between words (not the blank of an
unnumbered "Số:      /KH-UBND"): a paragraph holding two anatomy."""


def elements_have_their_size_and_style(anatomy: Anatomy) -> Iterator[Finding]:
    """The elements the format table lists, at their size and in their style: one finding
    per element and fault, naming the first paragraph and how many more. A paragraph that
    holds two parts (the number and, after a Tab, the date; "Nơi nhận:" and its first
    recipients after line breaks) is not held to one part's style: its runs are not told
    apart."""
    own = body_size(anatomy.body)
    for element, found in _elements(anatomy):
        paragraphs = [p for p in found if not TWO_PARTS.search(p.text.strip())]
        yield from _sizes(element, paragraphs, own if element is BODY else None)
        for flag, label, attribute in ((element.bold, "đậm", "bold"),
                                       (element.italic, "nghiêng", "italic")):
            wrong = [p for p in paragraphs if flag is not None and
                     any(getattr(r, attribute) != flag for r in p.runs if r.text.strip())]
            if wrong:
                state = "in" if flag else "không in"
                yield replace(error_at(f"{DECREE}: {element.item}",
                                     f"{element.name}: phải {state} {label}{_more(wrong)}.",
                                     wrong[0].where(), f"Đặt lại kiểu chữ: {state} {label}.",
                                     Repair("format", _indexes(wrong),
                                            bold=flag if attribute == "bold" else None,
                                            italic=flag if attribute == "italic" else None)),
                              id=f"kieu_chu.{ELEMENT_KEYS[element.name]}")
        if element.caps is not None:
            wrong = [p for p in paragraphs if is_caps(p) != element.caps]
            if wrong:
                state = "in hoa" if element.caps else "in thường (không in hoa cả dòng)"
                yield replace(error_at(f"{DECREE}: {element.item}",
                                     f"{element.name}: phải viết {state}{_more(wrong)}.",
                                     wrong[0].where(), f"Viết lại bằng chữ {state}."),
                              id=f"chu_hoa.{ELEMENT_KEYS[element.name]}")


def body_size(body: list[Paragraph]) -> float | None:
    """The document's own body size: the size most of the body's letters show at (raised
    and lowered runs aside), or None when the body has none."""
    letters: Counter[float] = Counter()
    for paragraph in body:
        for run in paragraph.runs:
            if run.size is not None and not run.vertical:
                letters[run.size] += len(run.text.strip())
    return letters.most_common(1)[0][0] if letters else None


def _target_size(low: float, high: float, wrong: list[Paragraph],
                 own: float | None) -> float:
    """The size a repair sets: the document's own body size for the body when the decree
    allows it (a body at 14 stays at 14), else the size the element's paragraphs already
    show within the range, the largest (a Tiêu ngữ at 14 with a stray 12 is not shrunk to
    13, nor a Quốc hiệu at 13 with a stray 12), else the nearer end of the range."""
    if own is not None and low <= own <= high:
        return own
    shown = Counter(r.size for p in wrong for r in p.runs
                    if r.text.strip() and not r.vertical and r.size is not None
                    and low <= r.size <= high)
    if shown:
        return max(shown)
    return low if all((r.size or 0) < low for p in wrong for r in p.runs
                      if r.text.strip() and not r.vertical) else high


def _sizes(element: Element, paragraphs: list[Paragraph],
           own: float | None = None) -> Iterator[Finding]:
    low, high = element.sizes
    by_size: dict[str, list[Paragraph]] = {}
    for paragraph in paragraphs:  # a raised or lowered run ("KT(Hùng)") is drawn smaller
        sizes = {r.size for r in paragraph.runs if r.text.strip() and not r.vertical}
        if any(s is None or not low <= s <= high for s in sizes):
            shown = "; ".join(vi_measure(s) if s else "?" for s in sorted(sizes, key=str))
            by_size.setdefault(shown, []).append(paragraph)
    want = vi_measure(low) if low == high else f"{vi_measure(low)}–{vi_measure(high)}"
    for shown, wrong in by_size.items():
        target = _target_size(low, high, wrong, own)
        yield replace(error_at(f"{DECREE}: cỡ chữ và kiểu chữ ({element.item})",
                             f"{element.name}: cỡ chữ {shown}, quy định {want}{_more(wrong)}.",
                             wrong[0].where(), f"Đặt cỡ chữ {want}.",
                             Repair("format", _indexes(wrong), size=target)),
                      id=f"co_chu.{ELEMENT_KEYS[element.name]}")


def _indexes(paragraphs: list[Paragraph]) -> tuple[int, ...]:
    return tuple(p.index for p in paragraphs)


def summary_has_no_full_stop(anatomy: Anatomy) -> Iterator[Finding]:
    """The summary ends without a full stop (practice the decree's samples follow)."""
    if anatomy.summary and anatomy.summary[-1].text.rstrip().endswith("."):
        yield warn_at(f"{DECREE}: tên loại và trích yếu nội dung văn bản",
                       "Trích yếu không kết thúc bằng dấu chấm.", anatomy.summary[-1].where(),
                       "Bỏ dấu '.' ở cuối trích yếu.")


def recipients_end_with_the_file_copy(anatomy: Anatomy) -> Iterator[Finding]:
    """The last line under "Nơi nhận:" is "- Lưu: VT, …." ending with a full stop: read
    line by line, the list may share paragraphs (Shift+Enter) with the heading or itself."""
    rule = f"{DECREE}: nơi nhận"
    holders = [p for p in (anatomy.recipients_heading, *anatomy.recipients) if p is not None]
    listed = [(p, line.strip()) for p in holders for line in p.text.split("\n")
              if line.strip()][1:]  # the heading's own line is not a recipient
    if not listed:
        return
    where, last = listed[-1][0].where(), plain(listed[-1][1])
    if not re.match(r"^-\s*Lưu\s*:\s*VT\b", last):
        yield error_at(rule, "Dòng cuối của nơi nhận phải là '- Lưu: VT, …'.", where,
                     "Thêm dòng '- Lưu: VT, <đơn vị soạn thảo>.' ở cuối.")
    elif not last.endswith("."):
        yield error_at(rule, "Dòng '- Lưu: …' kết thúc bằng dấu chấm.", where,
                     "Thêm dấu '.' ở cuối dòng.")


# --- number, date, body --------------------------------------------------------------------

NUMBER = re.compile(r"^Số:\s*+(?P<number>\d{0,9})\s*+/[A-ZĐ][A-Za-zĐđ]*+"
                    r"(?:-[A-ZĐ0-9.][A-Za-zĐđ0-9.]*+)++$")
"""The decree's codes mix cases: "TTr" (Tờ trình), "QyĐ" (Quy định), "TTg"."""


def number_line_is_well_formed(anatomy: Anatomy) -> Iterator[Finding]:
    """"Số: 05/KH-UBND": the number padded below 10, no spaces inside the code."""
    rule = f"{DECREE}: số, ký hiệu của văn bản"
    for paragraph in (anatomy.number_line,) if anatomy.number_line else ():
        text = plain(re.split(r"\t| {3,}(?=[^\s/\d])", paragraph.text.strip())[0])
        # a place-date line tabbed onto the number's line is not part of the number
        found = NUMBER.match(text)
        repair = Repair("number", (paragraph.index,)) if fixed_number(text) else None
        if found is None:
            if text.startswith("Số:") or repair:
                yield error_at(rule, f"'{text}' sai dạng 'Số: 05/KH-UBND'.", paragraph.where(),
                             "Viết liền: số, '/', ký hiệu loại văn bản, '-', ký hiệu cơ "
                             "quan.", repair)
        elif found["number"] and int(found["number"]) < 10 and len(found["number"]) < 2:
            yield error_at(rule, f"Số {found['number']} nhỏ hơn 10 phải có số 0 phía trước.",
                         paragraph.where(), f"Viết '0{found['number']}'.", repair)
        break


LOOSE_NUMBER = re.compile(r"^Số\s*+:\s*+(?P<number>\d{0,9})\s*+/\s*+(?P<code>[A-ZĐ0-9.]"
                          r"[A-Za-zĐđ0-9.]*+(?:\s*+-\s*+[A-ZĐ0-9.][A-Za-zĐđ0-9.]*+)++)\s*+$")


def fixed_number(text: str) -> str | None:
    """The "Số:" line written as the decree says, when only spacing and padding are off
    (``Số : 5 / KH - UBND`` → ``Số: 05/KH-UBND``); None when more than that is wrong."""
    found = LOOSE_NUMBER.match(text.strip())
    if found is None:
        return None
    number = number_with_pad(int(found["number"])) if found["number"] else BLANK_NUMBER
    code = re.sub(r"\s*-\s*", "-", found["code"])
    return f"Số: {number}/{code}"


DATE = re.compile(r"ngày\s++(?P<day>\d{1,2})\s++tháng\s++(?P<month>\d{1,2})\s++năm\s++\d{4}")


def date_is_padded_as_the_decree_says(anatomy: Anatomy) -> Iterator[Finding]:
    """Days below 10 and months 1 and 2 with a leading zero; months 3–12 without."""
    rule = f"{DECREE}: địa danh và thời gian ban hành văn bản"
    for paragraph in (anatomy.place_date,) if anatomy.place_date else ():
        found = DATE.search(paragraph.text)
        if found is None:
            break
        day, month = found["day"], found["month"]
        repair = Repair("date", (paragraph.index,))
        if int(day) < 10 and len(day) < 2:
            yield error_at(rule, f"Ngày {day} phải viết '0{day}'.", paragraph.where(),
                         repair=repair)
        if int(month) in (1, 2) and len(month) < 2:
            yield error_at(rule, f"Tháng {month} phải viết '0{month}'.", paragraph.where(),
                         repair=repair)
        if int(month) >= 3 and month.startswith("0"):
            yield error_at(rule, f"Tháng {month} không viết số 0 phía trước.", paragraph.where(),
                         f"Viết 'tháng {int(month)}'.", repair)
        break


def padded_date(text: str) -> str:
    """The place-date line with day and month padded as the decree says (the digits alone
    are rewritten, whatever spaces stand around them)."""
    found = DATE.search(text)
    if found is None:
        return text
    day, month = pad_day(int(found["day"])), pad_month(int(found["month"]))
    return (text[:found.start("day")] + day + text[found.end("day"):found.start("month")]
            + month + text[found.end("month"):])


def body_ends_with_the_closing_mark(anatomy: Anatomy) -> Iterator[Finding]:
    """The last paragraph of the body (before the signature) ends with "./."."""
    heading = anatomy.recipients_heading
    if heading is None:
        return
    before = [p for p in anatomy.view.paragraphs[:heading.index]
              if not p.in_table and p.text.strip() and p.section == heading.section]
    if before and not before[-1].text.rstrip().endswith("./."):
        yield error_at(f"{DECREE}: nội dung văn bản",
                     "Đoạn cuối của phần nội dung phải kết thúc bằng './.'.",
                     before[-1].where(), "Thêm './.' ở cuối đoạn.")


MM_PT = 72 / 25.4
BODY_INDENT_PT = (decree.BODY_INDENTS[0].pt - MM_PT, decree.BODY_INDENTS[1].pt + MM_PT)
"""First-line indent of the body: 1 cm or 1.27 cm (Phụ lục I), a millimetre either way
(1,32 cm reads as 1,27 cm on the page)."""
LINE_SPACING = (1.0, 1.5)
"""Line spacing as a multiple: from single to 1.5 lines."""
EXACT_LINE_PT = (15.0, 24.0)
"""Line spacing written in points: from 15 pt ("exactly") to about 1.5 lines of 14 pt."""
MIN_PARAGRAPH_GAP_PT = decree.PARAGRAPH_GAP.pt
LAID_OUT_LENGTH = 90
"""Paragraphs at least this long run over a line: their alignment and indent show (a
one-line heading reads the same left-aligned or justified)."""


def body_is_laid_out_as_the_decree_says(anatomy: Anatomy) -> Iterator[Finding]:
    """Body paragraphs of more than one line: justified, first line indented 1–1.27 cm,
    at least 6 pt between paragraphs, line spacing from single (or 15 pt) to 1.5 lines.
    One finding per fault, naming the first paragraph and how many more; ``--fix`` sets the
    format's values (justified, 1.27 cm, 6 pt after, 1.1 lines) where they are off."""
    rule = f"{DECREE}: kiểu trình bày (nội dung văn bản)"
    long = [(p, p.layout) for p in anatomy.body
            if len(p.text) >= LAID_OUT_LENGTH and p.layout is not None]
    faults = (
        ("không căn đều hai lề", "Căn đều hai lề (Justify).",
         [p for p, _ in long if p.alignment not in ("both", "distribute")]),
        ("thụt đầu dòng khác 1 cm hoặc 1,27 cm", "Đặt thụt dòng đầu (First line) 1,27 cm.",
         [p for p, lay in long
          if not BODY_INDENT_PT[0] <= lay.shown_first_line <= BODY_INDENT_PT[1]]),
        ("cách đoạn dưới 6 pt", "Đặt khoảng cách sau đoạn (Spacing After) 6 pt.",
         [p for p, lay in long if lay.before + lay.after < MIN_PARAGRAPH_GAP_PT - 0.1]),
        ("giãn dòng ngoài khoảng một dòng (hoặc 15 pt) đến 1,5 dòng",
         "Đặt giãn dòng (Line spacing) từ Single đến 1.5 lines, hoặc Exactly 15–17 pt.",
         [p for p, _ in long if not line_spacing_allowed(p)]),
    )
    for what, fix, wrong in faults:
        if wrong:
            yield error_at(rule, f"Nội dung {what}{_more(wrong)}.", wrong[0].where(), fix,
                         Repair("layout", _indexes(wrong)))


def line_spacing_allowed(paragraph: Paragraph) -> bool:
    """From single (or 15 pt exactly) to 1.5 lines, as the decree allows."""
    layout = paragraph.layout
    if layout is None or layout.line is None:
        return True  # single, Word's default
    if layout.line_rule == "auto":
        return LINE_SPACING[0] - 0.01 <= layout.line <= LINE_SPACING[1] + 0.01
    return EXACT_LINE_PT[0] - 0.1 <= layout.line <= EXACT_LINE_PT[1] + 0.1


def bases_are_punctuated(anatomy: Anatomy) -> Iterator[Finding]:
    """Căn cứ: one per paragraph, each followed by another "Căn cứ" ending with ";"; the
    last basis with "." or, as many plans do, ";" or "," running into the lead-in sentence.
    "Thực hiện …" grounds may be sentences of their own, ending with "."."""
    rule = f"{DECREE}: nội dung văn bản (căn cứ ban hành)"
    bases = []
    for paragraph in anatomy.body:  # the lead-in ("Thực hiện …, như sau:") is not a basis
        if not BASIS.match(paragraph.text.strip()) or paragraph.text.rstrip().endswith(":"):
            break
        bases.append(paragraph)
    for paragraph, following in itertools.pairwise(bases):
        if paragraph.text.lstrip().startswith("Căn cứ") and \
                following.text.lstrip().startswith("Căn cứ") and \
                not paragraph.text.rstrip().endswith(";"):
            yield error_at(rule, "Mỗi căn cứ kết thúc bằng dấu ';'.", paragraph.where(),
                         "Thêm dấu ';' ở cuối căn cứ.")
    if bases and not bases[-1].text.rstrip().endswith((";", ".", ",", ":")):
        yield warn_at(rule, "Căn cứ cuối kết thúc bằng dấu '.' (hoặc ';' nối vào câu dẫn).",
                       bases[-1].where(), "Thêm dấu câu ở cuối căn cứ cuối cùng.")
    for paragraph in bases:
        if re.search(r";\s*Căn cứ\b", paragraph.text):
            yield warn_at(rule, "Mỗi căn cứ một đoạn riêng.", paragraph.where(),
                           "Xuống dòng trước mỗi chữ 'Căn cứ'.")


UNDERSCORES = re.compile(r"^[\s_]{3,}$|_{5,}")


def underlines_are_drawn(anatomy: Anatomy) -> Iterator[Finding]:
    """Underlines under the issuing body, the Tiêu ngữ and the summary are there, drawn (a
    border or a shape): not underscores, not underlined blanks, not underlined words."""
    rule = f"{DECREE}: đường kẻ"
    for paragraph in anatomy.view.paragraphs:
        typed = typed_underline(paragraph)
        if typed:
            yield error_at(rule, f"Đường kẻ {typed}.", paragraph.where(),
                         "Thay bằng đường kẻ vẽ (đường viền dưới của đoạn, hoặc hình vẽ).",
                         Repair("draw_rule", (paragraph.index,)))
        elif typed_inline(paragraph):  # its words stay: no automatic repair
            yield replace(error_at(rule, "Đường kẻ gõ bằng dấu gạch ở dòng dưới (Shift+Enter).",
                                 paragraph.where(), "Xóa dòng dấu gạch; vẽ đường kẻ dưới "
                                 "dòng chữ (đường viền dưới, hoặc hình vẽ)."),
                          id="duong_ke.go_trong_doan")
    for name, lines, share in (("tên cơ quan ban hành", anatomy.issuer, SHORT_UNDERLINE),
                               ("Tiêu ngữ", [anatomy.motto] if anatomy.motto else [], 1.0),
                               ("trích yếu", anatomy.summary, SHORT_UNDERLINE)):
        if not lines:
            continue
        if any(r.underline for p in lines for r in p.runs if r.text.strip()):
            yield error_at(rule, f"Dưới {name} là chữ gạch chân, không phải đường kẻ.",
                         lines[-1].where(), "Bỏ gạch chân; vẽ đường kẻ dưới dòng đó.",
                         Repair("underline_to_rule", _indexes(lines), share=share))
        elif not _underline_below(anatomy, lines):
            yield error_at(rule, f"Không có đường kẻ dưới {name}.", lines[-1].where(),
                         "Vẽ đường kẻ liền dưới dòng đó (đường viền dưới của một đoạn trống, "
                         "hoặc hình vẽ).", Repair("add_rule", _indexes(lines), share=share))


def typed_underline(paragraph: Paragraph) -> str:
    """How a line is typed instead of drawn ("gõ bằng dấu gạch dưới", "là khoảng trắng
    gạch chân"), or "" when the paragraph is not such a line."""
    text = paragraph.text
    if "_" in text and UNDERSCORES.search(text) and not text.strip("_ \t"):
        return "gõ bằng dấu gạch dưới"
    if paragraph.runs and not text.strip() and any(r.underline for r in paragraph.runs):
        return "là khoảng trắng gạch chân"
    return ""


TYPED_UNDERLINE = re.compile(r"\n[ \t]*[-_]{4,}[ \t]*(?:\n|$)")


def typed_inline(paragraph: Paragraph) -> bool:
    """A line of dashes or underscores typed after a line break under the words of the
    same paragraph ("THỦ TƯỚNG CHÍNH PHỦ" ↵ "--------")."""
    return bool(paragraph.text.strip("-_ \t\n")) and bool(TYPED_UNDERLINE.search(paragraph.text))


UNDERLINE_SEARCH = 3
"""How many paragraphs under an element may hold its underline (blank ones before it)."""


def _underline_below(anatomy: Anatomy, lines: list[Paragraph]) -> bool:
    """A line drawn under ``lines``: their own bottom border or shape, or in the few blank
    paragraphs that follow, or the next paragraph's top border; failing that, any shape in
    the header not otherwise placed (a floating line may be anchored anywhere near)."""
    if any(p.border_bottom or p.shape or typed_inline(p) for p in lines):
        return True  # an underline typed inside the paragraph is reported as such
    for paragraph in anatomy.after(lines[-1], UNDERLINE_SEARCH):
        if paragraph.table != lines[-1].table:
            break
        if paragraph.draws_an_underline or paragraph.shape or typed_underline(paragraph):
            return True  # a typed underline is reported as such, not as a missing one
        if paragraph.text.strip() and not plain(paragraph.text).startswith("("):
            break  # a "(Ban hành kèm theo …)" line may stand between the summary and its underline
    return lines[-1] in anatomy.header and any(p.shape for p in anatomy.header)


UNDERLINE_SHARE = (1 / 3, 1 / 2)
"""An underline under the issuing body or the summary: from a third to half of the text line
above it (Phụ lục I, mục 3 and 5)."""
UNDERLINE_SLACK_MM = 2.0
"""What the measure may be off by: the text is measured from Times New Roman's metrics, not
laid out, so a line within 2 mm of either bound passes."""


def underlines_are_their_length(anatomy: Anatomy) -> Iterator[Finding]:
    """The underline under the issuing body and under the summary is from a third to half of
    the text line above it, drawn as a paragraph border (the paragraph's width less its
    indents) or as a line shape (its extent); both forms count alike."""
    metrics = load_reference().font_metrics
    for name, lines in (("tên cơ quan ban hành", anatomy.issuer),
                        ("trích yếu", anatomy.summary)):
        found = drawn_below(anatomy, lines) if lines else None
        if found is None:
            continue  # none, typed, or a floating shape not under it: underlines_are_drawn
        drawn, length = found
        bold = any(r.bold and r.text.strip() for p in lines for r in p.runs)
        text = max(min(shown_width_mm(metrics, p, bold), _border_mm(anatomy, p)) for p in lines)
        low, high = (text * share for share in UNDERLINE_SHARE)
        if text <= 0 or low - UNDERLINE_SLACK_MM <= length <= high + UNDERLINE_SLACK_MM:
            continue
        how = "ngắn" if length < low else "dài"
        yield replace(error_at(
            f"{DECREE}: đường kẻ",
            f"Đường kẻ dưới {name} dài {vi_measure(length)} mm, quá {how} so với dòng chữ "
            f"trên nó ({vi_measure(text)} mm): quy định từ 1/3 đến 1/2, tức "
            f"{vi_measure(low)}–{vi_measure(high)} mm.", drawn.where(),
            "Kéo đường kẻ (hoặc thụt lề trái, phải của đoạn chứa đường viền) cho dài từ "
            f"{vi_measure(low)} đến {vi_measure(high)} mm."), id="duong_ke.do_dai")


def drawn_below(anatomy: Anatomy, lines: list[Paragraph]) -> tuple[Paragraph, float] | None:
    """The paragraph that draws the underline under ``lines`` and its length in mm: their
    own bottom border, a shape or border in the few blank paragraphs below (same table),
    or the next paragraph's top border."""
    last = lines[-1]
    if last.border_bottom:
        return last, _border_mm(anatomy, last)
    for paragraph in anatomy.after(last, UNDERLINE_SEARCH):
        if paragraph.table != last.table:
            return None
        if paragraph.line_mm is not None and not paragraph.text.strip():
            return paragraph, paragraph.line_mm
        if paragraph.border_top or (paragraph.border_bottom and not paragraph.text.strip()):
            return paragraph, _border_mm(anatomy, paragraph)
        if paragraph.text.strip():
            return None
    return None


def _border_mm(anatomy: Anatomy, paragraph: Paragraph) -> float:
    """A paragraph border's length: the width its cell leaves it or its section's text
    width, less the paragraph's indents."""
    if paragraph.cell_mm is not None:
        room = paragraph.cell_mm
    else:
        sections = anatomy.view.sections
        section = sections[min(paragraph.section, len(sections) - 1)] if sections else None
        room = section.width_mm - section.margins_mm["left"] - section.margins_mm["right"] \
            if section is not None else 165.0
    layout = paragraph.layout
    indents = (layout.left + layout.right) * 25.4 / 72 if layout is not None else 0.0
    return max(room - indents, 0.0)


def shown_width_mm(metrics: FontMetrics, paragraph: Paragraph, bold_only: bool) -> float:
    """The widest line of a paragraph (line breaks split it) as it shows: each run at its
    shown size (a superscript smaller), bold or not, in Times New Roman's metrics. A line
    wider than its paragraph wraps: the caller caps it at the paragraph's width. With
    ``bold_only`` only bold runs count: the issuing body is bold, the body above it that is
    not ("UBND TỈNH …" over "SỞ …") is not the line the underline is held to."""
    widest, width = 0.0, 0.0
    for run in (r for r in paragraph.runs if r.bold or not bold_only):
        pieces = run.shown.split("\n")
        for number, piece in enumerate(pieces):
            if number:
                widest, width = max(widest, width), 0.0
            width += text_width_mm(metrics, piece.replace("\t", " "), run.shown_size or 13.0,
                                   run.bold)
    return max(widest, width)


def appendices_say_what_they_are_attached_to(anatomy: Anatomy) -> Iterator[Finding]:
    """Each appendix (a section after the first that starts "Phụ lục") has its
    "(Kèm theo Kế hoạch số … ngày … của …)" line under its title."""
    for appendix in anatomy.appendices:
        if appendix.attached is None:
            yield warn_at(f"{DECREE}: phụ lục",
                           f"Phụ lục thiếu dòng '(Kèm theo {anatomy.type_label} số … ngày … "
                           "của …)'.",
                           appendix.label.where(), "Thêm dòng đó (nghiêng) dưới tiêu đề phụ lục.")


# --- parts the decree requires -------------------------------------------------------------

ITEMS = "NĐ 30/2020, Điều 8 và Phụ lục I"


def required_parts_are_there(anatomy: Anatomy) -> Iterator[Finding]:
    """The parts every text of its type carries (NĐ 30/2020, Điều 8): Quốc hiệu and Tiêu
    ngữ, the issuing body, "Số:", place and date, the title (a Công văn: its "V/v"), the
    signature (authority and name) and "Nơi nhận:". Each one missing is one finding."""
    kind = anatomy.kind
    label = anatomy.type_label
    anchor = anatomy.view.paragraphs[0].where() if anatomy.view.paragraphs else "đầu văn bản"
    wanted: list[tuple[str, str, bool, str]] = [
        ("quoc_hieu", "Quốc hiệu", anatomy.national_title is not None,
         f"Thêm dòng '{NATIONAL_TITLE}' (in hoa, đậm, 12–13) ở góc phải đầu trang."),
        ("tieu_ngu", "Tiêu ngữ", anatomy.motto_line is not None,
         f"Thêm dòng '{MOTTO}' (đậm, 13–14) dưới Quốc hiệu."),
        ("co_quan", "Tên cơ quan ban hành", anatomy.issuer_named,
         "Thêm tên cơ quan ban hành (in hoa, đậm) ở góc trái đầu trang."),
        ("so_ky_hieu", "Số, ký hiệu ('Số: …/…')", anatomy.number_line is not None,
         "Thêm dòng 'Số: …/…' dưới tên cơ quan ban hành."),
    ]
    if kind is None or kind.dated_in_header:
        wanted.append(("dia_danh_ngay", "Địa danh và ngày tháng năm",
                       anatomy.place_date is not None,
                       "Thêm dòng '<Địa danh>, ngày … tháng … năm …' (nghiêng) dưới Tiêu ngữ."))
    if kind is not None and kind.titled:
        wanted.append(("ten_loai", f"Tên loại văn bản ('{kind.name}')", anatomy.title is not None,
                       "Thêm tên loại văn bản (in hoa, đậm) ở giữa, dưới phần đầu."))
    elif kind is not None and kind.code == "" and not anatomy.subject:
        wanted.append(("trich_yeu", "Trích yếu công văn ('V/v …')", False,
                       "Thêm dòng 'V/v …' dưới số, ký hiệu."))
    if kind is None:
        wanted.append(("ten_loai", "Tên loại văn bản (hoặc 'V/v …' của công văn)", False,
                       "Thêm tên loại văn bản (in hoa, đậm) ở giữa, dưới phần đầu."))
    if kind is None or kind.signed_by_authority:
        wanted.append(("chuc_vu_ky", "Quyền hạn, chức vụ người ký", bool(anatomy.authority_lines),
                       "Thêm quyền hạn, chức vụ người ký (in hoa, đậm) ở cuối, bên phải."))
        wanted.append(("ho_ten_ky", "Họ tên người ký", not anatomy.authority_lines
                       or bool(anatomy.signer_name),
                       "Thêm họ tên người ký (đậm) dưới chữ ký."))
    if kind is None or kind.needs_recipients:
        wanted.append(("noi_nhan", "Nơi nhận", anatomy.recipients_heading is not None,
                       "Thêm 'Nơi nhận:' (đậm nghiêng, 12) ở góc trái cuối văn bản, mỗi nơi "
                       "nhận một dòng, dòng cuối '- Lưu: VT, ….'."))
    for key, name, present, fix in wanted:
        if not present:
            finding = error_at(f"{ITEMS}: thành phần thể thức",
                             f"{label} thiếu thành phần: {name}.", anchor, fix)
            yield replace(finding, id=f"thieu.{key}")


def fixed_lines_are_spelt_right(anatomy: Anatomy) -> Iterator[Finding]:
    """The Quốc hiệu, the Tiêu ngữ and "Nơi nhận:" read exactly as the decree writes them:
    recognised despite a fault ("CỘNG HÕA", "Độc lập -Tự do - Hạnh phúc"), the fault is
    reported with the right text."""
    rule = f"{DECREE}: Quốc hiệu và Tiêu ngữ"
    for key, found, right in (("quoc_hieu", anatomy.national_title, NATIONAL_TITLE),
                              ("tieu_ngu", anatomy.motto_line, MOTTO)):
        if found is not None and found.fault:
            finding = error_at(rule, f"Viết '{found.fault}', đúng là '{right}'.",
                             found.paragraph.where(), f"Sửa thành '{right}'.")
            yield replace(finding, id=f"sai_chu.{key}")
    issuer = [*([anatomy.parent_line] if anatomy.parent_line else []), *anatomy.issuer][:1]
    first_word = plain(issuer[0].text).split()[:1] if issuer else []
    if first_word and first_word[0] != "UBND" and 0 < _typo("UBND", first_word[0], 1) <= 1:
        finding = error_at(f"{DECREE}: tên cơ quan, tổ chức ban hành văn bản",
                         f"Viết '{first_word[0]}', đúng là 'UBND'.", issuer[0].where(),
                         "Sửa thành 'UBND' (hoặc 'ỦY BAN NHÂN DÂN').")
        yield replace(finding, id="sai_chu.co_quan")
    if anatomy.recipients_heading is not None and anatomy.recipients_fault:
        finding = error_at(f"{DECREE}: nơi nhận",
                         f"Viết '{anatomy.recipients_fault}', đúng là '{RECIPIENTS}'.",
                         anatomy.recipients_heading.where(), f"Sửa thành '{RECIPIENTS}'.")
        yield replace(finding, id="sai_chu.noi_nhan")


def text_is_precomposed_unicode(anatomy: Anatomy) -> Iterator[Finding]:
    """Vietnamese in precomposed Unicode (TCVN 6909:2001 as Word types it): letters with
    their marks typed apart (NFD, from copying out of a PDF or a web page) look the same
    but break search, sorting and the national database's checks."""
    decomposed = [p for p in anatomy.view.paragraphs
                  if p.text != unicodedata.normalize("NFC", p.text)]
    if decomposed:
        finding = warn_at(f"{DECREE}: phông chữ (bộ mã Unicode TCVN 6909:2001)",
                           "Có chữ gõ dấu rời (Unicode tổ hợp, NFD): trông giống nhưng "
                           f"tìm kiếm, sắp xếp sai{_more(decomposed)}.", decomposed[0].where(),
                           "Chọn cả văn bản, dùng Unikey (Công cụ > Chuyển mã: Unicode tổ hợp "
                           "→ Unicode) rồi dán lại.")
        yield replace(finding, id="unicode.to_hop")


def no_reference_is_left_raw(anatomy: Anatomy) -> Iterator[Finding]:
    """A ``{muc_tieu:x}`` (a reference of a plan file, or a mail-merge field) printed as it
    stands: what a mistyped or unreplaced reference leaves in a document (issue 19)."""
    raw = [(p, shape) for p in anatomy.view.paragraphs
           if "{" in p.text and (shape := reference_shape(p.text)) is not None]
    if raw:
        first, shape = raw[0]
        yield warn_at("Văn bản ban hành không còn mã trộn thư hay tham chiếu chưa thay",
                      f"Văn bản còn '{shape}' in nguyên văn: một tham "
                      f"chiếu chưa được thay bằng nội dung{_more([p for p, _ in raw])}.",
                      first.where(), "Thay bằng nội dung cần in. Văn bản dựng bằng kehoach: "
                      "sửa tham chiếu trong tệp .yaml theo gợi ý của 'kehoach validate', "
                      "rồi dựng lại.")


RULES: tuple[Callable[[Anatomy], Iterator[Finding]], ...] = (
    required_parts_are_there, fixed_lines_are_spelt_right, text_is_precomposed_unicode,
    no_reference_is_left_raw,
    page_is_a4_with_margins, pages_are_numbered, page_numbers_are_centred_at_their_size,
    text_is_times_new_roman,
    elements_have_their_size_and_style, summary_has_no_full_stop,
    recipients_end_with_the_file_copy, number_line_is_well_formed,
    date_is_padded_as_the_decree_says, body_ends_with_the_closing_mark, bases_are_punctuated,
    body_is_laid_out_as_the_decree_says,
    underlines_are_drawn, underlines_are_their_length, appendices_say_what_they_are_attached_to,
)


def run_rules(view: DocxView) -> list[Finding]:
    """Every rule over a document, its parts recognised once; each finding with its id."""
    return check_parts(recognise(view))


RULE_IDS = {
    "page_is_a4_with_margins": "trang.kho_le", "pages_are_numbered": "so_trang.co",
    "page_numbers_are_centred_at_their_size": "so_trang.kieu",
    "text_is_times_new_roman": "phong_chu", "summary_has_no_full_stop": "trich_yeu.dau_cham",
    "recipients_end_with_the_file_copy": "noi_nhan.luu",
    "number_line_is_well_formed": "so_ky_hieu.dang",
    "date_is_padded_as_the_decree_says": "ngay_thang.so_0",
    "body_ends_with_the_closing_mark": "noi_dung.ket_thuc",
    "bases_are_punctuated": "can_cu.dau_cau",
    "body_is_laid_out_as_the_decree_says": "noi_dung.trinh_bay",
    "underlines_are_drawn": "duong_ke", "underlines_are_their_length": "duong_ke.do_dai",
    "appendices_say_what_they_are_attached_to": "phu_luc.kem_theo",
    "no_reference_is_left_raw": "noi_dung.tham_chieu",
}
"""The stable id of each rule's findings when the finding names none more precise: what
the JSON's ``id`` says, documented in README; never renamed."""
ELEMENT_KEYS = {
    "Quốc hiệu": "quoc_hieu", "Tiêu ngữ": "tieu_ngu", "Tên cơ quan chủ quản": "co_quan_chu_quan",
    "Tên cơ quan ban hành": "co_quan", "Số, ký hiệu": "so_ky_hieu",
    "Địa danh, ngày": "dia_danh_ngay",
    "Tên loại văn bản": "ten_loai", "Trích yếu": "trich_yeu",
    "Trích yếu công văn (V/v)": "trich_yeu_cong_van", "Nội dung": "noi_dung",
    "Thẩm quyền, chức vụ người ký": "chuc_vu_ky", "Họ tên người ký": "ho_ten_ky",
    "Nơi nhận": "noi_nhan", "Dòng nơi nhận": "dong_noi_nhan", "Số phụ lục": "so_phu_luc",
    "Tên phụ lục": "ten_phu_luc", "Dòng 'Kèm theo'": "kem_theo",
}


def check_parts(anatomy: Anatomy) -> list[Finding]:
    """Every rule over parts already recognised."""
    return [finding if finding.id else replace(finding, id=RULE_IDS[rule.__name__])
            for rule in RULES for finding in rule(anatomy)]


__all__ = ["Finding", "Repair", "Section", "run_rules"]

"""The pages as LibreOffice lays a document out: faults only a laid-out page shows.

A signature block split across two pages (the signer's name alone at the top of the next),
the page holding the signature with nothing of the text above it, a page left more than
half blank because the table after it would not break. The PDF LibreOffice makes is read
with poppler's ``pdftotext -bbox`` (each word and where it stands); the parts of the
document (:mod:`generator.readers.anatomy`) are found on the pages by their words.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, replace

from generator.docx_check.rules import DECREE, Finding, Repair, error_at, warn_at
from generator.ooxml.view import Paragraph
from generator.readers.anatomy import Anatomy as Parts  # a plan's anatomy (issue 21): rename next

PDFTOTEXT_SECONDS = 60
"""Time limit of reading one PDF's words (poppler reads hundreds of pages a second)."""
WORD = re.compile(r'<word xMin="[^"]*" yMin="([^"]*)" xMax="[^"]*" yMax="([^"]*)">(.*?)</word>')
PAGE = re.compile(r'<page width="[^"]*" height="([^"]*)">')
MOSTLY_BLANK = 0.5
"""A page whose words end above this share of its height is mostly blank."""
MATCHED_WORDS = 4
"""How many of a paragraph's first words find it on a page."""


@dataclass(frozen=True)
class Page:
    """One laid-out page: its words in reading order and how far down they reach."""

    words: tuple[str, ...]
    filled: float
    """Where the lowest word ends, as a share of the page's height."""


def laid_out_pages(pdf: bytes) -> list[Page] | None:
    """The pages of a PDF with their words (``pdftotext -bbox``, read from memory); None
    when poppler is not installed or cannot read it."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    try:
        done = subprocess.run([tool, "-bbox", "-q", "-", "-"], input=pdf, capture_output=True,
                              timeout=PDFTOTEXT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        return None
    return pages_of(done.stdout.decode("utf-8", "replace"))


def pages_of(bbox_html: str) -> list[Page]:
    """The pages in ``pdftotext -bbox`` output."""
    pages = []
    for chunk in bbox_html.split("<page ")[1:]:
        height = PAGE.match("<page " + chunk)
        words = WORD.findall(chunk)
        bottom = max((float(y_max) for _, y_max, _ in words), default=0.0)
        size = float(height[1]) if height else 0.0
        pages.append(Page(tuple(_word(html.unescape(w)) for _, _, w in words),
                          bottom / size if size else 0.0))
    return pages


def _word(text: str) -> str:
    """A word as compared: NFC, case kept ("GIÁM ĐỐC" signs, "Giám đốc Công ty" does not)."""
    return unicodedata.normalize("NFC", text)


def _words(text: str) -> list[str]:
    return [_word(w) for w in text.split()]


def page_of(pages: list[Page], paragraph: Paragraph | None, last: bool = True,
            until: int | None = None) -> int | None:
    """The page (from 0) showing a paragraph's first words: the last such page (a
    signature is at the end; ``until``: at or before that page), or the first."""
    if paragraph is None:
        return None
    wanted = _words(paragraph.shown)[:MATCHED_WORDS]
    if not wanted:
        return None
    end = len(pages) if until is None else until + 1
    order = range(end - 1, -1, -1) if last else range(end)
    for index in order:
        words = pages[index].words
        if any(list(words[i:i + len(wanted)]) == wanted
               for i in range(len(words) - len(wanted) + 1)):
            return index
    return None


RULE = f"{DECREE}: chức vụ, họ tên và chữ ký của người có thẩm quyền"


def at(page: int, paragraph: Paragraph | None) -> str:
    """"trang 6 'Nguyễn Văn A'": where a clerk finds it on the printed page."""
    words = " ".join(paragraph.text.split()[:6]) if paragraph is not None else ""
    return f"trang {page + 1} '{words}'" if words else f"trang {page + 1}"


def laid_out_faults(parts: Parts, pages: list[Page]) -> list[Finding]:
    """What the laid-out pages show wrong: the signature split over two pages, a page
    holding only the signature or only "Nơi nhận", a page mostly blank before a table."""
    found: list[Finding] = []
    authority = parts.authority[0] if parts.authority else None
    name = page_of(pages, parts.signer)
    top = page_of(pages, authority, until=name)
    keep = Repair("keep_together")
    if top is not None and name is not None and name > top:
        found.append(replace(error_at(
            RULE, f"Khối chữ ký bị tách: chức vụ ở trang {top + 1}, họ tên người ký ở trang "
            f"{name + 1}.", at(name, parts.signer),
            "Đặt 'Giữ với đoạn sau' (Keep with next) cho các dòng chữ ký và đoạn cuối nội "
            "dung; với bảng chữ ký, bỏ chọn 'Cho phép hàng ngắt sang trang'.", keep),
            id="trang.chu_ky_tach"))
    else:  # the name alone on its page is the split's finding
        found += _alone(parts, pages, name if name is not None else top, keep)
    found += _blank_pages(parts, pages)
    found += _blank_before_tables(parts, pages)
    return found


def _blank_pages(parts: Parts, pages: list[Page]) -> list[Finding]:
    """Pages showing nothing but their number: an empty paragraph (often the one holding a
    section break) pushed past a full page. One finding for all of them."""
    blank = [i for i, page in enumerate(pages)
             if not any(not w.isdigit() for w in page.words) and i > 0]
    if not blank:
        return []
    listed = ", ".join(str(i + 1) for i in blank)
    return [replace(warn_at(
        f"{DECREE}: nội dung văn bản", f"Trang {listed} để trống (không có chữ nào ngoài số "
        "trang).", f"trang {listed}", "Xóa đoạn trống ở cuối trang trước (đoạn chứa dấu "
        "ngắt trang hay ngắt phần thì đặt cỡ chữ 1 và cách đoạn 0 để nó nằm lại trang "
        "trước)."), id="trang.trong")]


def _alone(parts: Parts, pages: list[Page], page: int | None, keep: Repair) -> list[Finding]:
    """The signature's page (or the page of "Nơi nhận:") holding nothing of the text."""
    closing = [p for p in (*parts.authority, parts.signer, parts.recipients_heading,
                           *parts.recipients) if p is not None]
    allowed = {w for p in closing for w in _words(p.shown)}
    heading = page_of(pages, parts.recipients_heading)
    for index, what in ((page, "phần chữ ký"), (heading, "nơi nhận")):
        if index is None or index == 0:
            continue
        words = [w for w in pages[index].words if not w.isdigit()]
        if words and all(w in allowed for w in words):
            return [replace(warn_at(
                RULE, f"Trang {index + 1} chỉ có {what}, không có dòng nào của nội dung.",
                at(index, parts.signer), "Đưa ít nhất đoạn cuối của "
                "nội dung sang cùng trang (Giữ với đoạn sau), hoặc bớt khoảng trống phía "
                "trên.", keep), id="trang.cuoi_chi_chu_ky")]
    return []


def _blank_before_tables(parts: Parts, pages: list[Page]) -> list[Finding]:
    """A page more than half blank whose next page starts with a body table."""
    view = parts.view
    starts = {}
    for kind, number in view.body_order:
        if kind == "tbl":
            first = next((p for p in view.paragraphs if p.table == number and p.text.strip()),
                         None)
            if first is not None:
                starts[number] = first
    found = []
    for number, paragraph in starts.items():
        index = page_of(pages, paragraph, last=False)
        if index is None or index == 0 or pages[index - 1].filled >= MOSTLY_BLANK:
            continue
        head = [w for w in pages[index].words if not w.isdigit()][:MATCHED_WORDS]
        if head == _words(paragraph.shown)[:len(head)] and head:
            found.append(replace(warn_at(
                f"{DECREE}: nội dung văn bản", f"Trang {index} bỏ trống hơn nửa trang: bảng "
                f"số {number + 1} không ngắt được nên dồn sang trang {index + 1}.",
                at(index, paragraph), "Trong Table Properties > Row, chọn 'Allow row to break "
                "across pages'; bỏ 'Keep with next' ở các đoạn trong bảng."),
                id="trang.trong_truoc_bang"))
    return found

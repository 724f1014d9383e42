"""The official format's rules, each held against what a DOCX shows.

Elements are recognised by position and text, as a reviewer does: the Quốc hiệu and Tiêu
ngữ by their words, "Số:" and the place-date line by their form, "Nơi nhận:" and the lines
after it, the body as what comes before the signature. Each finding cites the rule
(Nghị định 30/2020/NĐ-CP, Phụ lục I, as digested in FORMAT.md) and says whether the decree
requires it (``lỗi``) or practice does (``cảnh báo``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.docx_check.read import DocxView, Paragraph, Section

A4 = (210.0, 297.0)
TOLERANCE_MM = 1.0
MARGINS = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
"""Margins the decree allows, in millimetres (Phụ lục I, định lề trang)."""
FONT = "Times New Roman"
EQUIVALENT_FONTS = {FONT.casefold()}
DECREE = "NĐ 30/2020, Phụ lục I"


@dataclass(frozen=True)
class Finding:
    """One departure: how bad, which rule, where, what to do."""

    severity: str
    """``lỗi`` (a rule of the decree) or ``cảnh báo`` (practice)."""
    rule: str
    message: str
    where: str
    fix: str = ""


def _error(rule: str, message: str, where: str, fix: str = "") -> Finding:
    return Finding("lỗi", rule, message, where, fix)


def _warning(rule: str, message: str, where: str, fix: str = "") -> Finding:
    return Finding("cảnh báo", rule, message, where, fix)


# --- page --------------------------------------------------------------------------------

def page_is_a4_with_margins(view: DocxView) -> Iterator[Finding]:
    """A4 (portrait, or landscape for a wide appendix) and margins within the decree's."""
    rule = f"{DECREE}: khổ giấy A4, định lề trang"
    for section in view.sections:
        where = f"phần {section.index + 1}"
        size = (section.width_mm, section.height_mm)
        if not any(abs(a - b) <= TOLERANCE_MM and abs(c - d) <= TOLERANCE_MM
                   for (a, c), (b, d) in ((size, A4), (size, A4[::-1]))):
            yield _error(rule, f"Khổ giấy {size[0]:g} × {size[1]:g} mm, không phải A4.", where,
                         "Chọn khổ A4 (210 × 297 mm).")
        for side, (low, high) in MARGINS.items():
            value = section.margins_mm[side]
            if not low - TOLERANCE_MM <= value <= high + TOLERANCE_MM:
                yield _error(rule, f"Lề {_SIDES[side]} {value:g} mm, quy định {low}–{high} mm.",
                             where, f"Đặt lề {_SIDES[side]} {low} mm.")


_SIDES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}


def pages_are_numbered(view: DocxView) -> Iterator[Finding]:
    """A PAGE field in the header, hidden on page 1; each appendix restarting at 1."""
    rule = f"{DECREE}: số trang"
    numbered = any(s.header_has_page_field for s in view.sections)
    for section in view.sections:
        where = f"phần {section.index + 1}"
        if not numbered:
            yield _error(rule, "Không có số trang ở đầu trang.", where,
                         "Chèn trường số trang (PAGE) căn giữa ở phần đầu trang.")
            break
        if not section.header_has_page_field:  # a one-page appendix rightly shows none
            yield _warning(rule, "Phần này không có số trang (đúng nếu phần chỉ có một "
                           "trang).", where, "Chèn trường số trang (PAGE) ở phần đầu trang.")
        elif not section.title_page:
            yield _warning(rule, "Số trang hiện cả ở trang đầu.", where,
                           "Chọn 'Trang đầu khác' (Different first page) cho phần này.")
        if section.index > 0 and not section.number_restart:
            yield _warning(rule, "Phụ lục không đánh số trang lại từ 1.", where,
                           "Đặt số trang bắt đầu từ 1 cho phần này.")


# --- fonts and sizes ---------------------------------------------------------------------

def text_is_times_new_roman(view: DocxView) -> Iterator[Finding]:
    """Every run in Times New Roman (one finding per paragraph, the first odd font)."""
    rule = f"{DECREE}: phông chữ"
    for paragraph in view.paragraphs:
        odd = next((r.font for r in paragraph.runs if r.text.strip() and
                    (r.font or "").casefold() not in EQUIVALENT_FONTS), None)
        if odd is not None or any(r.font is None for r in paragraph.runs if r.text.strip()):
            shown = odd or "(không ghi, theo mặc định của máy)"
            yield _error(rule, f"Phông chữ {shown}, quy định {FONT}.", paragraph.where(),
                         f"Đặt phông {FONT} cho đoạn này (hoặc cho kiểu chữ của nó).")


@dataclass(frozen=True)
class Element:
    """An element of the format: how to recognise it, and its size and style."""

    name: str
    found: Callable[[Paragraph], bool]
    sizes: tuple[float, float]
    bold: bool | None = None
    italic: bool | None = None


def _is(words: str) -> Callable[[Paragraph], bool]:
    wanted = " ".join(words.split()).casefold()
    return lambda p: " ".join(p.text.replace("–", "-").split()).casefold() == wanted


PLACE_DATE = re.compile(r",\s*ngày\s+[\d ]*\s*tháng\s+[\d ]*\s*năm\s+\d{4}\s*$")
ELEMENTS = (
    Element("Quốc hiệu", lambda p: " ".join(p.text.split()).upper().replace("HOÀ", "HÒA")
            == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (12, 13), bold=True),
    Element("Tiêu ngữ", _is("Độc lập - Tự do - Hạnh phúc"), (13, 14), bold=True),
    Element("Số, ký hiệu", lambda p: p.text.strip().startswith("Số:"), (13, 13)),
    Element("Địa danh, ngày", lambda p: bool(PLACE_DATE.search(p.text)), (13, 14),
            italic=True),
    Element("Nơi nhận", _is("Nơi nhận:"), (12, 12), bold=True, italic=True),
)


LONGEST_ELEMENT = 200
"""No element of the table (Quốc hiệu, place and date…) is longer than this."""


def elements_have_their_size_and_style(view: DocxView) -> Iterator[Finding]:
    """The elements the format table lists, at their size and in their style."""
    rule = f"{DECREE}: cỡ chữ và kiểu chữ"
    for paragraph in view.paragraphs:
        if len(paragraph.text) > LONGEST_ELEMENT:
            continue  # body text: none of the listed elements is this long
        for element in ELEMENTS:
            if not element.found(paragraph):
                continue
            runs = [r for r in paragraph.runs if r.text.strip()]
            sizes = {r.size for r in runs}
            low, high = element.sizes
            if any(s is None or not low <= s <= high for s in sizes):
                shown = ", ".join(f"{s:g}" if s else "?" for s in sorted(sizes, key=str))
                want = f"{low:g}" if low == high else f"{low:g}–{high:g}"
                yield _error(rule, f"{element.name}: cỡ chữ {shown}, quy định {want}.",
                             paragraph.where(), f"Đặt cỡ chữ {want}.")
            for flag, label in ((element.bold, "đậm"), (element.italic, "nghiêng")):
                attribute = "bold" if label == "đậm" else "italic"
                if flag is not None and any(getattr(r, attribute) != flag for r in runs):
                    state = "in" if flag else "không in"
                    yield _error(rule, f"{element.name}: phải {state} {label}.",
                                 paragraph.where(), f"Đặt lại kiểu chữ: {state} {label}.")


def recipients_are_eleven_points(view: DocxView) -> Iterator[Finding]:
    """The lines under "Nơi nhận:" in 11 pt, the last "- Lưu: VT, …." ending the list."""
    rule = f"{DECREE}: nơi nhận"
    lines = _recipient_lines(view)
    for paragraph in lines:
        sizes = {r.size for r in paragraph.runs if r.text.strip()}
        if sizes != {11.0}:
            yield _error(rule, f"Dòng nơi nhận cỡ chữ {', '.join(map(str, sizes))}, quy định 11.",
                         paragraph.where(), "Đặt cỡ chữ 11.")
    if lines and not re.match(r"^-\s*Lưu:\s*VT\b", lines[-1].text.strip()):
        yield _error(rule, "Dòng cuối của nơi nhận phải là '- Lưu: VT, …'.", lines[-1].where(),
                     "Thêm dòng '- Lưu: VT, <đơn vị soạn thảo>.' ở cuối.")
    elif lines and not lines[-1].text.rstrip().endswith("."):
        yield _error(rule, "Dòng '- Lưu: …' kết thúc bằng dấu chấm.", lines[-1].where(),
                     "Thêm dấu '.' ở cuối dòng.")


def _recipient_lines(view: DocxView) -> list[Paragraph]:
    heading = next((p for p in view.paragraphs if _is("Nơi nhận:")(p)), None)
    if heading is None:
        return []
    out = []
    for paragraph in view.paragraphs[heading.index + 1:]:
        if paragraph.table != heading.table or paragraph.section != heading.section:
            break
        if not paragraph.text.strip():
            continue
        if not paragraph.text.lstrip().startswith("-"):
            break
        out.append(paragraph)
    return out


# --- number, date, body --------------------------------------------------------------------

NUMBER = re.compile(r"^Số:\s*(?P<number>\d*)\s*/[A-ZĐ]+(?:-[A-ZĐ0-9.]+)+$")


def number_line_is_well_formed(view: DocxView) -> Iterator[Finding]:
    """"Số: 05/KH-UBND": the number padded below 10, no spaces inside the code."""
    rule = f"{DECREE}: số, ký hiệu"
    for paragraph in view.paragraphs:
        text = paragraph.text.strip()
        if not text.startswith("Số:"):
            continue
        found = NUMBER.match(text)
        if found is None:
            yield _error(rule, f"'{text}' sai dạng 'Số: 05/KH-UBND'.", paragraph.where(),
                         "Viết liền: số, '/', ký hiệu loại văn bản, '-', ký hiệu cơ quan.")
        elif found["number"] and int(found["number"]) < 10 and len(found["number"]) < 2:
            yield _error(rule, f"Số {found['number']} nhỏ hơn 10 phải có số 0 phía trước.",
                         paragraph.where(), f"Viết '0{found['number']}'.")
        break


DATE = re.compile(r"ngày\s+(?P<day>\d+)\s+tháng\s+(?P<month>\d+)\s+năm\s+\d{4}")


def date_is_padded_as_the_decree_says(view: DocxView) -> Iterator[Finding]:
    """Days below 10 and months 1 and 2 with a leading zero; months 3–12 without."""
    rule = f"{DECREE}: địa danh và thời gian"
    for paragraph in view.paragraphs:
        if not PLACE_DATE.search(paragraph.text):
            continue
        found = DATE.search(paragraph.text)
        if found is None:
            break
        day, month = found["day"], found["month"]
        if int(day) < 10 and len(day) < 2:
            yield _error(rule, f"Ngày {day} phải viết '0{day}'.", paragraph.where())
        if int(month) in (1, 2) and len(month) < 2:
            yield _error(rule, f"Tháng {month} phải viết '0{month}'.", paragraph.where())
        if int(month) >= 3 and month.startswith("0"):
            yield _error(rule, f"Tháng {month} không viết số 0 phía trước.", paragraph.where(),
                         f"Viết 'tháng {int(month)}'.")
        break


def body_ends_with_the_closing_mark(view: DocxView) -> Iterator[Finding]:
    """The last paragraph of the body (before the signature) ends with "./."."""
    rule = f"{DECREE}: nội dung"
    heading = next((p for p in view.paragraphs if _is("Nơi nhận:")(p)), None)
    if heading is None:
        return
    before = [p for p in view.paragraphs[:heading.index]
              if not p.in_table and p.text.strip() and p.section == heading.section]
    if before and not before[-1].text.rstrip().endswith("./."):
        yield _error(rule, "Đoạn cuối của phần nội dung phải kết thúc bằng './.'.",
                     before[-1].where(), "Thêm './.' ở cuối đoạn.")


UNDERSCORES = re.compile(r"^[\s_]{3,}$|_{5,}")


def rules_are_drawn(view: DocxView) -> Iterator[Finding]:
    """Rules under the issuing body, the Tiêu ngữ and the summary are drawn lines, not
    underscores typed as text."""
    rule = f"{DECREE}: đường kẻ"
    for paragraph in view.paragraphs:
        if UNDERSCORES.search(paragraph.text) and not paragraph.text.strip("_ \t"):
            yield _error(rule, "Đường kẻ gõ bằng dấu gạch dưới.", paragraph.where(),
                         "Thay bằng đường kẻ vẽ (đường viền dưới của đoạn, hoặc hình vẽ).")


ATTACHED = re.compile(r"^\(\s*Kèm theo\b.*\)$")
APPENDIX_HEAD = 6
"""How many first lines of an appendix hold its label, title and "(Kèm theo …)" line."""


def appendices_say_what_they_are_attached_to(view: DocxView) -> Iterator[Finding]:
    """Each appendix (a section after the first that starts "Phụ lục") has its
    "(Kèm theo Kế hoạch số … ngày … của …)" line under its title."""
    rule = f"{DECREE}: phụ lục"
    for section in view.sections[1:]:
        lines = [p for p in view.paragraphs if p.section == section.index and p.text.strip()]
        head = lines[:APPENDIX_HEAD]
        if not head or not head[0].text.strip().startswith("Phụ lục"):
            continue
        if not any(ATTACHED.match(p.text.strip()) for p in head):
            yield _warning(rule, "Phụ lục thiếu dòng '(Kèm theo Kế hoạch số … ngày … của …)'.",
                         head[0].where(), "Thêm dòng đó (nghiêng) dưới tiêu đề phụ lục.")


RULES: tuple[Callable[[DocxView], Iterator[Finding]], ...] = (
    page_is_a4_with_margins, pages_are_numbered, text_is_times_new_roman,
    elements_have_their_size_and_style, recipients_are_eleven_points,
    number_line_is_well_formed, date_is_padded_as_the_decree_says,
    body_ends_with_the_closing_mark, rules_are_drawn,
    appendices_say_what_they_are_attached_to,
)


def run_rules(view: DocxView) -> list[Finding]:
    """Every rule over a document."""
    return [finding for rule in RULES for finding in rule(view)]


__all__ = ["Finding", "Section", "run_rules"]

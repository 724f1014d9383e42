"""``kehoach check``: any DOCX checked against the official format (Nghị định 30/2020).

:mod:`.read` reads what a document really shows — page setup per section, and for every
paragraph its text and the effective formatting of its runs (direct formatting, then the
character style, the paragraph style and its ``basedOn`` chain, then the document
defaults and the theme's fonts) — without assuming kehoach's own template. :mod:`.rules`
recognises the elements of a plan by position and text and holds each to the rule it
breaks; :func:`check_docx` runs them. :mod:`.fix` applies the findings' safe repairs
(:func:`fix_docx`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.docx_check.rules import Finding, run_rules
from generator.inputs import read_input
from generator.ooxml.view import read_docx

MAX_DOCX_BYTES = 200_000_000
"""Largest Word file ``check`` reads (checked before reading): a plan, pictures and all, is
a few megabytes."""


def check_docx(path: Path, data: bytes | None = None) -> list[Finding]:
    """Every departure from the official format found in one DOCX (``data``: its bytes,
    already in memory), rule by rule."""
    if data is None:
        data = read_input(path, MAX_DOCX_BYTES, "tệp Word")
    return run_rules(read_docx(path, data))


def text_type(path: Path) -> str:
    """The text type a document was recognised as ("Kế hoạch", "Công văn"), or "" when
    none was: what the report names."""
    from generator.readers.anatomy import recognise

    data = read_input(path, MAX_DOCX_BYTES, "tệp Word")
    kind = recognise(read_docx(path, data)).kind
    return kind.label if kind else ""


def fix_docx(path: Path, held_back: frozenset[str] = frozenset(),
             laid_out: tuple[Finding, ...] = ()) -> tuple[bytes, list[Finding], list[Finding]]:
    """A repaired copy of a DOCX: its bytes, the findings repaired, and what is left (the
    copy checked again). Repairs of the kinds in ``held_back`` are not made; ``laid_out``:
    what the laid-out pages showed (their repairs are made too). The file itself is never
    changed."""
    from generator.docx_check.fix import apply_repairs
    from generator.reference import load_reference

    original = read_input(path, MAX_DOCX_BYTES, "tệp Word")
    view = read_docx(path, original)
    wanted = [f for f in [*run_rules(view), *laid_out]
              if f.repair is None or f.repair.kind not in held_back]
    fixed, repaired = apply_repairs(view, wanted, load_reference(), original)
    return fixed, repaired, check_docx(path, fixed)


MOVING_REPAIRS: tuple[frozenset[str], ...] = (
    frozenset(), frozenset({"layout"}), frozenset({"layout", "format"}),
    frozenset({"layout", "format", "page"}))
"""The repairs that move text down the pages, held back one more at each try when a
repaired copy lays out on more pages than the document: spacing, then sizes, then
margins."""


@dataclass(frozen=True)
class Fixed:
    """A repaired copy checked by laying it out: ``data`` is None when every try came out
    longer than the document (nothing is written); ``note`` says what was held back."""

    data: bytes | None
    repaired: list[Finding]
    left: list[Finding]
    note: str = ""


def fix_docx_laid_out(path: Path) -> Fixed:
    """:func:`fix_docx`, and, when LibreOffice is there, the document and the copy laid
    out and compared: a copy with more pages, or with a fault of the laid-out page the
    document did not have (the signer's name pushed onto the next page, a page left
    blank) is worse, so the repairs that move text are held back until it is not; if none
    is, nothing is written and the note says why. What the document's pages show (a split
    signature) is repaired too, and counted repaired only if the copy no longer shows it."""
    from generator.render.pdf import find_office

    if find_office() is None:
        return Fixed(*fix_docx(path))
    original = read_input(path, MAX_DOCX_BYTES, "tệp Word")
    pages, faults = laid_out(path, original)
    before = {f.id for f in faults}
    why = ""
    for held in MOVING_REPAIRS:
        fixed, repaired, left = fix_docx(path, held, tuple(faults))
        if not repaired and not held:
            return Fixed(fixed, repaired, left + faults)
        if not repaired:
            break
        made, made_faults = laid_out(path, fixed)
        worse = sorted({f.message for f in made_faults if f.id not in before})
        if not worse and (pages is None or made is None or made <= pages):
            still = {f.id for f in made_faults}
            note = "" if not held else (
                f"Không sửa {', '.join(sorted(KIND_LABELS[k] for k in held))}: {why}")
            return Fixed(fixed, [f for f in repaired if f.id not in still],
                         left + made_faults, note)
        why = (f"sửa vào thì văn bản dài thêm trang ({pages} → {made} trang)."
               if not worse else f"sửa vào thì {_lower_first(worse[0])}")
    return Fixed(None, [], check_docx(path) + faults,
                 f"Không ghi bản sửa: mọi cách sửa đều làm bản in xấu đi ({why})")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def laid_out(path: Path, data: bytes) -> tuple[int | None, list[Finding]]:
    """A document laid out by LibreOffice (one conversion): its page count and what its
    pages show wrong (:mod:`.pages`); (None, []) when it could not be laid out or read."""
    from generator.docx_check.pages import laid_out_faults, laid_out_pages
    from generator.readers.anatomy import recognise
    from generator.render.pdf import convert_files

    pdf = convert_files({"ban": data}, 1)["ban"]
    pages = laid_out_pages(pdf) if isinstance(pdf, bytes) else None
    if pages is None:
        return page_count(pdf), []
    return len(pages), laid_out_faults(recognise(read_docx(path, data)), pages)


def check_laid_out(path: Path) -> list[Finding]:
    """:func:`check_docx` and, when LibreOffice and poppler are there, what the laid-out
    pages show (a split signature, a blank page): one conversion."""
    from generator.render.pdf import find_office

    data = read_input(path, MAX_DOCX_BYTES, "tệp Word")
    found = run_rules(read_docx(path, data))
    return found + laid_out(path, data)[1] if find_office() is not None else found


KIND_LABELS = {"layout": "giãn dòng, cách đoạn, thụt dòng", "format": "cỡ chữ, kiểu chữ",
               "page": "lề trang, khổ giấy"}
PAGE_MARK = re.compile(rb"/Type\s*/Page(?![s\w])")


def page_count(pdf: object) -> int | None:
    """The pages of a PDF LibreOffice wrote (its page objects), None when it wrote none."""
    return len(PAGE_MARK.findall(pdf)) if isinstance(pdf, bytes) else None


__all__ = ["Finding", "Fixed", "check_docx", "check_laid_out", "fix_docx", "fix_docx_laid_out",
           "laid_out", "text_type"]

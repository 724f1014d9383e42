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


def fix_docx(path: Path) -> tuple[bytes, list[Finding], list[Finding]]:
    """A repaired copy of a DOCX: its bytes, the findings repaired, and what is left (the
    copy checked again). The file itself is never changed."""
    from generator.docx_check.fix import apply_repairs
    from generator.reference import load_reference

    original = read_input(path, MAX_DOCX_BYTES, "tệp Word")
    view = read_docx(path, original)
    fixed, repaired = apply_repairs(view, run_rules(view), load_reference(), original)
    return fixed, repaired, check_docx(path, fixed)


__all__ = ["Finding", "check_docx", "fix_docx"]

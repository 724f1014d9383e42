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

from generator.docx_check.read import read_docx
from generator.docx_check.rules import Finding, run_rules
from generator.errors import Diagnostic, KeHoachError, os_reason


def check_docx(path: Path, data: bytes | None = None) -> list[Finding]:
    """Every departure from the official format found in one DOCX (``data``: its bytes,
    already in memory), rule by rule."""
    return run_rules(read_docx(path, data))


def fix_docx(path: Path) -> tuple[bytes, list[Finding], list[Finding]]:
    """A repaired copy of a DOCX: its bytes, the findings repaired, and what is left (the
    copy checked again). The file itself is never changed."""
    from generator.docx_check.fix import apply_repairs
    from generator.reference import load_reference

    try:
        original = path.read_bytes()
    except OSError as exc:
        raise KeHoachError([Diagnostic(f"Không đọc được tệp Word: {os_reason(exc)}.",
                                       str(path))]) from exc
    view = read_docx(path, original)
    fixed, repaired = apply_repairs(view, run_rules(view), load_reference(), original)
    return fixed, repaired, check_docx(path, fixed)


__all__ = ["Finding", "check_docx", "fix_docx"]

"""The one door to what the readers borrow from other packages: the DOCX view of ``check``
and the YAML writer of drafts (shared with ``derive``).

Both are being moved (to ``ooxml.view`` and ``draft``); only this module names where they
live, so the move changes one file.
"""

from __future__ import annotations

from generator.derive.compose import Draft
from generator.derive.yamlout import draft_text
from generator.docx_check.read import (
    PACKAGE_ERRORS,
    TWIPS_PER_MM,
    DocxView,
    W,
    read_docx,
    read_part,
    unreadable,
)

__all__ = [
    "PACKAGE_ERRORS",
    "TWIPS_PER_MM",
    "DocxView",
    "Draft",
    "W",
    "draft_text",
    "read_docx",
    "read_part",
    "unreadable",
]

"""Zip packages a clerk gives kehoach (a DOCX to check, a template, an XLSX of results).

One place knows how Word and Excel store their parts and what reading a damaged package
raises, so that each reader refuses a broken or foreign file as the clerk's to replace, in
its own words, and never as a bug of kehoach.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterable

PLAIN = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
"""How Word and Excel store the parts of a package."""
UNREADABLE = 0x01 | 0x20 | 0x40
"""Zip flags of parts encrypted or patched: Word and Excel never write them, zipfile cannot
read them."""
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
              RuntimeError)
"""What reading a damaged package raises: not a zip, a wrong checksum, a broken or cut
deflate stream, a compression zipfile does not know (NotImplementedError), an encrypted
entry (RuntimeError)."""


def odd_entries(entries: Iterable[zipfile.ZipInfo]) -> list[str]:
    """The entries Word and Excel never write (encrypted, patched, oddly compressed): a
    reader names the first rather than fail on it."""
    return [entry.filename for entry in entries
            if entry.flag_bits & UNREADABLE or entry.compress_type not in PLAIN]

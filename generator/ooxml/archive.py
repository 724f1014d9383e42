"""A package's zip, as a reader meets it: what a damaged or foreign one raises, the entries
Word and Excel never write, and the clerk's words for each fault.

Apart from :mod:`generator.ooxml.package` (which parses and writes XML with lxml) so that
what only looks at a file's first bytes or its zip directory (``validate`` naming a Word
file given as a plan, the results reader) loads no XML machinery.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterable

from generator.errors import os_reason

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

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""Word 97–2003 (.doc) and Excel 97–2003 (.xls) files, and Word or Excel files with a
password, are OLE compound files, not zip packages."""


def damage(exc: BaseException, head: bytes = b"") -> str:
    """What is wrong with a package that could not be read, in the clerk's words (zipfile
    says "File is not a zip file"); ``head``, the file's first bytes, tells an old Word or
    Excel file or one with a password from a damaged one."""
    if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
        return os_reason(exc)
    if head.startswith(OLE_MAGIC):
        return "tệp là văn bản Word 97–2003 (.doc, .xls) hoặc có đặt mật khẩu"
    if isinstance(exc, zipfile.BadZipFile):
        return "tệp không phải dạng Word (.docx) hay Excel (.xlsx) từ bản 2007 trở lên, " \
               "hoặc bị hỏng"
    if isinstance(exc, (zlib.error, EOFError)):
        return "dữ liệu nén trong tệp bị hỏng hoặc bị cắt cụt"
    if isinstance(exc, NotImplementedError):
        return "tệp được nén theo cách Word và Excel không dùng"
    if isinstance(exc, RuntimeError):
        return "tệp có phần được mã hóa (đặt mật khẩu)"
    if isinstance(exc, KeyError):
        return "tệp thiếu phần nội dung chính (không phải tệp Word, hoặc bị hỏng)"
    return "một phần của tệp bị hỏng"


def odd_entries(entries: Iterable[zipfile.ZipInfo]) -> list[str]:
    """The entries Word and Excel never write (encrypted, patched, oddly compressed): a
    reader names the first rather than fail on it."""
    return [entry.filename for entry in entries
            if entry.flag_bits & UNREADABLE or entry.compress_type not in PLAIN]

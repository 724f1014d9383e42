"""A package's zip as a reader meets it: each fault in the clerk's words, raised the way a
real damaged file raises it, and the entries Word and Excel never write named."""

from __future__ import annotations

import errno
import io
import zipfile
import zlib

import pytest

from generator.errors import os_reason
from generator.ooxml.archive import OLE_MAGIC, ZIP_ERRORS, damage, odd_entries


def raised(data: bytes) -> BaseException:
    """What reading ``data`` as a package and its main part raises."""
    with pytest.raises(ZIP_ERRORS) as caught, zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.read("word/document.xml")
    return caught.value


def package(**entries: int) -> bytes:
    """A zip whose entries (name → compression) hold a little text each."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, method in entries.items():
            archive.writestr(name.replace("__", "/"), "<w:document/>" * 20, compress_type=method)
    return out.getvalue()


def test_an_old_word_file_is_named_as_such() -> None:
    head = OLE_MAGIC + b"\0" * 504
    assert "Word 97–2003" in damage(raised(head), head)


def test_a_text_file_renamed_docx_is_not_a_word_file() -> None:
    text = "Kế hoạch số 81".encode()
    assert damage(raised(text), text).startswith("tệp không phải dạng Word (.docx)")


def test_a_package_cut_in_half_is_a_damaged_file() -> None:
    """Its zip directory, at the end, is gone: zipfile sees no zip at all."""
    whole = package(word__document_xml=zipfile.ZIP_DEFLATED)
    assert damage(raised(whole[: len(whole) // 2])).endswith("hoặc bị hỏng")


def test_a_broken_deflate_stream_is_damaged_compressed_data() -> None:
    assert "dữ liệu nén" in damage(zlib.error("invalid stored block lengths"))
    assert "dữ liệu nén" in damage(EOFError())


def test_an_unknown_compression_and_an_encrypted_part_are_told_apart() -> None:
    assert "nén theo cách" in damage(NotImplementedError("compression type 99"))
    assert "mã hóa" in damage(RuntimeError("File is encrypted"))


def test_a_missing_main_part_is_named() -> None:
    assert "thiếu phần nội dung chính" in damage(KeyError("word/document.xml"))


def test_a_system_error_says_what_the_system_said() -> None:
    denied = PermissionError(errno.EACCES, "Permission denied")
    assert damage(denied) == os_reason(denied) != damage(zipfile.BadZipFile())


def test_entries_word_never_writes_are_named_and_plain_ones_are_not() -> None:
    data = package(word__document_xml=zipfile.ZIP_DEFLATED, word__styles_xml=zipfile.ZIP_STORED,
                   word__media__a_bin=zipfile.ZIP_BZIP2)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    assert odd_entries(infos) == ["word/media/a_bin"]
    infos[0].flag_bits |= 0x01  # encrypted
    assert odd_entries(infos) == ["word/document_xml", "word/media/a_bin"]

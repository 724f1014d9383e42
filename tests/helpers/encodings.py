"""Text as Windows programs save it: a Vietnamese list in code page 1258, and UTF-8 read by a
program that took it for Windows-1252 (what a clerk's file looks like after either)."""

from __future__ import annotations

import unicodedata


def windows(text: str, codec: str) -> bytes:
    """``text`` as Excel saves "CSV (Comma delimited)" on a Vietnamese Windows: code page
    1258 keeps â, ê, ơ… whole and writes tone marks as combining characters."""
    out = b""
    for ch in text:
        try:
            out += ch.encode(codec)
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            if marks and len(marks) > 1:
                base, marks = unicodedata.normalize("NFC", base + marks[0]), marks[1:]
            out += (base + "".join(marks)).encode(codec)
    return out


def misread(data: bytes, codec: str) -> str:
    """UTF-8 bytes as a program reading them as ``codec`` shows them (Windows passes an
    undefined byte through as the control character of its number)."""
    def one(byte: int) -> str:
        try:
            return bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            return chr(byte)

    return "".join(one(byte) for byte in data)

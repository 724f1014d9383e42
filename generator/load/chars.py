"""Characters a plan may not hold, and where in the file each one stands.

Control characters, lone surrogates, noncharacters and U+FFFD never belong in a plan (a
DOCX or XLSX cannot hold them). Typed raw in the file they are blanked before parsing, so
that parsing goes on, and then reported with the field they sit in, found in one walk over
the node graph however many there are; written as an escape they are reported by the
builder (:mod:`.build`) at the value.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

import yaml

from generator.errors import Diagnostic, FieldPath, TextLines
from generator.vnformat import vi_int

MAX_CHAR_PROBLEMS = 20
"""Raw forbidden characters reported one by one; those after them are counted in one more
message (a file pasted from a damaged source may hold thousands)."""

_ALLOWED_CONTROL = {"\t", "\n", "\r"}


def is_forbidden_char(ch: str) -> bool:
    """Characters that never belong in a plan, and that a DOCX or XLSX cannot hold.

    Control characters (C0 but tab and newlines, DEL, C1), lone surrogates (from a YAML
    escape like ``"\\ud800"``), the noncharacters U+FFFE, U+FFFF and their kin (XML 1.0
    forbids some and discourages the rest), and U+FFFD, which marks text already damaged
    by a wrong encoding.
    """
    if ch in _ALLOWED_CONTROL:
        return False
    code = ord(ch)
    noncharacter = 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
    return unicodedata.category(ch) in ("Cc", "Cs") or noncharacter or ch == "\ufffd"


_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffd-\uffff]")
"""The characters :func:`is_forbidden_char` refuses in the Basic Multilingual Plane."""
_FORBIDDEN_ASTRAL = re.compile("[" + "".join(
    f"{chr(plane + 0xFFFE)}-{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000,
                                                                       0x10000)) + "]")
"""The noncharacters of the other planes (looked for only in text that has such planes)."""
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def forbidden_offsets(text: str) -> list[int]:
    """Where the characters :func:`is_forbidden_char` refuses stand in ``text``."""
    found = [m.start() for m in _FORBIDDEN.finditer(text)]
    if _has_astral(text):
        found = sorted(found + [m.start() for m in _FORBIDDEN_ASTRAL.finditer(text)])
    return found


def _has_astral(text: str) -> bool:
    """Whether ``text`` has characters past U+FFFF (a regular expression runs in C)."""
    return not text.isascii() and _ASTRAL.search(text) is not None


def describe_char(ch: str) -> str:
    """Name a character the way a clerk can search for it: ``U+0007``."""
    return f"U+{ord(ch):04X}"


def char_message(chars: list[str]) -> str:
    """The message for forbidden characters: their codes, and what the first one is."""
    codes = ", ".join(describe_char(ch) for ch in sorted(set(chars)))
    if all(unicodedata.category(ch) == "Cc" for ch in chars):
        return f"Có ký tự điều khiển không hợp lệ ({codes})."
    return f"Có ký tự không hợp lệ ({codes}): {_char_kind(chars[0])}."


def _char_kind(ch: str) -> str:
    if unicodedata.category(ch) == "Cs":
        return "nửa ký tự (surrogate) đứng lẻ"
    if ch == "\ufffd":
        return "ký tự thay thế '\ufffd', dấu hiệu văn bản đã hỏng do sai bảng mã"
    if unicodedata.category(ch) == "Cc":
        return "ký tự điều khiển"
    return "ký tự không dùng trong văn bản (noncharacter)"


def char_hint(ch: str, *, escaped: bool) -> str:
    """How to get rid of a forbidden character; a surrogate only comes from an escape."""
    if unicodedata.category(ch) == "Cs":
        return ("Mã thoát \\uD800–\\uDFFF chỉ là nửa ký tự: gõ thẳng ký tự cần dùng, hoặc "
                "viết mã đầy đủ dạng \\U0001F600.")
    if escaped:
        return "Xóa mã thoát tạo ra ký tự đó (\\x.., \\u....) khỏi chuỗi trong dấu nháy kép."
    return "Xóa ký tự đó; nếu dán từ nơi khác, hãy gõ lại đoạn văn bản này."


def blank_raw_controls(text: str) -> tuple[str, list[int]]:
    """Replace raw forbidden characters by spaces (same offsets) and remember where they were.

    PyYAML refuses such a stream outright with a position but no field; blanking them lets
    parsing go on so the problem can be reported against the field that contains it.
    """
    offsets = forbidden_offsets(text)
    if not offsets:
        return text, offsets
    clean = _FORBIDDEN.sub(" ", text)
    return (_FORBIDDEN_ASTRAL.sub(" ", clean) if _has_astral(clean) else clean), offsets


def raw_control_problems(text: str, clean: str, offsets: list[int], root: yaml.Node | None,
                          file: str) -> list[Diagnostic]:
    """The raw forbidden characters with the field each sits in (when ``root`` is known):
    the first :data:`MAX_CHAR_PROBLEMS` one by one, those after them in one message."""
    if not offsets:
        return []
    lines = TextLines(text)
    fields = _Fields(root) if root is not None else None

    def place(offset: int) -> tuple[int, int, FieldPath]:
        line, col = lines.at(offset)
        path = fields.around(clean, offset) if fields is not None else None
        return line, col, path or ()

    out = [Diagnostic(char_message([text[offset]]), file, *place(offset),
                      hint=char_hint(text[offset], escaped=False))
           for offset in offsets[:MAX_CHAR_PROBLEMS]]
    rest = offsets[MAX_CHAR_PROBLEMS:]
    if rest:
        line, col, path = place(rest[0])
        last = lines.at(rest[-1])[0]
        chars = sorted({text[offset] for offset in rest})
        codes = ", ".join(describe_char(ch) for ch in chars[:_CODES_SHOWN])
        codes += ", …" if len(chars) > _CODES_SHOWN else ""
        where = "trên dòng này" if last == line else f"từ đây đến dòng {vi_int(last)}"
        out.append(Diagnostic(
            f"Còn {vi_int(len(rest))} ký tự không hợp lệ khác ({codes}) {where}: chỉ "
            f"{MAX_CHAR_PROBLEMS} ký tự đầu tiên được báo riêng từng chỗ.", file, line, col,
            path, hint="Thường do dán văn bản từ nơi khác (PDF, trang web) hoặc tệp bị lưu "
                       "sai bảng mã: tìm và xóa các ký tự này (Notepad++, VS Code hiện được "
                       "chúng), hoặc gõ lại các đoạn văn bản đó."))
    return out


_CODES_SHOWN = 8
"""How many different characters the message for the remaining ones names."""


class _Fields:
    """The field each offset of the file falls in, from every node's span, found in one walk.

    Spans nest as the data does (an alias adds none: its text is the anchor's, met first),
    so the field of an offset is the innermost span around it: the last span to start at or
    before it, or the nearest of that span's parents that reaches past it.
    """

    def __init__(self, root: yaml.Node) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._paths: list[FieldPath] = []
        self._parents: list[int] = []
        seen: set[int] = set()
        todo: list[tuple[yaml.Node, FieldPath, int]] = [(root, (), -1)]
        while todo:
            node, path, parent = todo.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            span = len(self._starts)
            start = node.start_mark.index
            self._starts.append(start)
            self._ends.append(max(node.end_mark.index, start + 1))
            self._paths.append(path)
            self._parents.append(parent)
            todo.extend(reversed(_children(node, path, span)))
        self._order = sorted(range(len(self._starts)), key=self._starts.__getitem__)
        self._sorted_starts = [self._starts[span] for span in self._order]

    def at(self, offset: int) -> FieldPath | None:
        """The path of the innermost node spanning ``offset``, if any."""
        found = bisect_right(self._sorted_starts, offset) - 1
        span = self._order[found] if found >= 0 else -1
        while span != -1 and self._ends[span] <= offset:
            span = self._parents[span]
        return self._paths[span] if span != -1 else None

    def around(self, clean: str, offset: int) -> FieldPath | None:
        """The field of a (blanked) character at ``offset``.

        At the end of a value, YAML drops the blank the character became, so the value no
        longer spans it: the text just before it on its line tells the field then.
        """
        path = self.at(offset)
        line_start = clean.rfind("\n", 0, offset) + 1
        anchor = line_start + len(clean[line_start:offset].rstrip(" \t"))
        if anchor > line_start:
            before = self.at(anchor - 1)
            path = before if before is not None and len(before) > len(path or ()) else path
        return path


def _children(node: yaml.Node, path: FieldPath, span: int) -> list[tuple[yaml.Node, FieldPath,
                                                                          int]]:
    """The nodes inside ``node`` in the order they are written, with their paths."""
    if isinstance(node, yaml.MappingNode):
        out = []
        for key_node, value_node in node.value:
            key = (unicodedata.normalize("NFC", str(key_node.value))
                   if isinstance(key_node, yaml.ScalarNode) else "?")
            out += [(key_node, (*path, key), span), (value_node, (*path, key), span)]
        return out
    if isinstance(node, yaml.SequenceNode):
        return [(item, (*path, i), span) for i, item in enumerate(node.value)]
    return []

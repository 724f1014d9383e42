"""Stage 1: YAML text → plain Python data, with the source position of every node.

PyYAML is used only to *compose* the node graph; values are built here by hand so that no
tag can construct an object, duplicate keys are caught, aliases cannot expand without bound
(in values or in characters), every string is NFC-normalised and control characters are
reported with the field they sit in. The result keeps a map from field path to
``(line, column)`` so later stages can point at ``ke-hoach.yaml:42:7 nhiem_vu[2].chu_tri``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml

from generator.compose import MAX_DEPTH, AliasUse, AliasUses, RecursiveAlias, TooDeep, compose
from generator.errors import Diagnostic, FieldPath, KeHoachError, TextLines
from generator.inputs import read_input, too_large
from generator.load_syntax import reader_diagnostic, syntax_diagnostic
from generator.ooxml.package import OLE_MAGIC
from generator.vnformat import vi_int
from generator.vnread import (
    AMBIGUOUS,
    DATE_FORMS,
    calendar_problem,
    date_advice,
    date_message,
    read_date,
    two_readings,
)

MAX_NODES = 200_000
"""Upper bound on values built from one file; an alias bomb hits it long before memory does."""

MAX_BYTES = 5_000_000
"""A plan is text typed by people; anything larger is a mistake, not a plan."""

MAX_TEXT_CHARS = 2 * MAX_BYTES
"""Upper bound on the characters of text built from one file: every key and string value,
counted at each place it appears, so a text copied by an alias (``*a``) counts once per copy.

Without aliases a file within :data:`MAX_BYTES` cannot come near it: no text is longer than
the bytes it was written in, NFC-normalised (at most 1.5 characters a UTF-8 byte, ``Ǖ``).
Only aliases can pass it: 400 copies of a 100 KB ``loi_ket`` would otherwise make every
later stage handle 40 million characters.
"""

MAX_CHAR_PROBLEMS = 20
"""Raw forbidden characters reported one by one; those after them are counted in one more
message (a file pasted from a damaged source may hold thousands)."""

_ALLOWED_CONTROL = {"\t", "\n", "\r"}
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


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


@dataclass
class Document:
    """A loaded YAML file: the data plus where each value came from."""

    data: Any
    file: str
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    """Problems found while reading that do not stop validation (reported together)."""

    def locate(self, path: FieldPath) -> tuple[int | None, int | None, FieldPath]:
        """Best-known ``(line, column, path)`` for a path, walking up to the nearest known node.

        Pydantic locations may contain union-member names that are not in the data; those
        are skipped so the position is that of the value the user actually wrote.
        """
        data_path = self.data_path(path)
        probe = data_path
        while probe not in self.positions and probe:
            probe = probe[:-1]
        line, col = self.positions.get(probe, (None, None))
        return line, col, data_path

    def data_path(self, path: FieldPath, *, missing_last: bool = False) -> FieldPath:
        """The part of ``path`` that exists in the data, union-member names dropped.

        With ``missing_last`` the final key is kept even though the data lacks it: it names
        a missing required field.
        """
        node: Any = self.data
        out: list[str | int] = []
        for i, part in enumerate(path):
            found, child = _child(node, part)
            if found:
                node = child
                out.append(part)
            elif missing_last and i == len(path) - 1 and isinstance(part, str):
                out.append(part)
        return tuple(out)


def _child(node: Any, part: str | int) -> tuple[bool, Any]:
    if isinstance(node, dict) and part in node:
        return True, node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return True, node[part]
    return False, None


class _Builder:
    """Turns a composed node graph into plain data, collecting every problem.

    An alias makes the builder meet a node again. A collection is built again (each copy
    has its own positions, and the data no shared parts), counted in :data:`MAX_NODES`; a
    scalar is read, normalised and checked once, its value reused, and only its length
    counted again (in :data:`MAX_TEXT_CHARS`).
    """

    def __init__(self, file: str, aliases: AliasUses) -> None:
        self.file = file
        self.positions: dict[FieldPath, tuple[int, int]] = {}
        self.problems: list[Diagnostic] = []
        self.count = 0
        self.chars = 0
        self._scalar = yaml.constructor.SafeConstructor()
        self._aliases = aliases
        self._values: dict[yaml.Node, Any] = {}
        self._keys: dict[yaml.Node, str | None] = {}
        self._through: list[tuple[AliasUse, FieldPath]] = []
        """The aliases the node being built was reached through, outermost first."""

    def problem(self, node: yaml.Node, path: FieldPath, message: str, hint: str = "") -> None:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(Diagnostic(message, self.file, line, col, path, hint=hint))

    def build(self, node: yaml.Node, path: FieldPath, depth: int = 0) -> Any:
        """The value of ``node`` at ``path``, ``depth`` collections down from the root.

        The composer keeps the file's own nesting within :data:`MAX_DEPTH`; aliases can
        still stack one collection into another, so the depth is counted again here.
        """
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(node)
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.CollectionNode) and depth >= MAX_DEPTH:
            raise _AliasTooDeep(node, path)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth + 1)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                return self._bad_tag(node, path)
            return [self._part(node, i, item, (*path, i), depth + 1)
                    for i, item in enumerate(node.value)]
        if node not in self._values:
            self._values[node] = self._scalar_value(node, path)
        value = self._values[node]
        if isinstance(value, str):
            self._spend(value, path)
        return value

    def _part(self, parent: yaml.Node, slot: int, node: yaml.Node, path: FieldPath,
              depth: int) -> Any:
        """:meth:`build` for the node in ``slot`` of ``parent``, noting an alias written there.

        No ``finally``: an exception ends the whole build, and it reports :attr:`_through`.
        """
        use = self._alias_at(parent, slot)
        if use is None:
            return self.build(node, path, depth)
        self._through.append((use, path))
        value = self.build(node, path, depth)
        self._through.pop()
        return value

    def _alias_at(self, parent: yaml.Node, slot: int) -> AliasUse | None:
        return self._aliases.get((parent, slot)) if self._aliases else None

    def _spend(self, text: str, path: FieldPath, use: AliasUse | None = None) -> None:
        """Count ``text`` in :data:`MAX_TEXT_CHARS`, at each place it appears (``use``: the
        alias that wrote it there, for a key; a value's is in :attr:`_through`)."""
        self.chars += len(text)
        if self.chars > MAX_TEXT_CHARS:
            through = [*self._through, *([(use, path)] if use is not None else [])]
            raise _TooMuchText(path, through[0] if through else None)

    def _mapping(self, node: yaml.MappingNode, path: FieldPath, depth: int) -> dict[str, Any]:
        if node.tag != _MAP_TAG:
            return self._bad_tag(node, path)  # type: ignore[return-value]
        out: dict[str, Any] = {}
        for i, (key_node, value_node) in enumerate(node.value):
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, path, "Không hỗ trợ khóa gộp '<<' của YAML.",
                             "Viết đầy đủ các khóa thay vì dùng '<<: *ten'.")
                continue
            key = self._part_key(node, 2 * i, key_node, path)
            if key is None:
                continue
            if key in out:
                first = self.positions.get((*path, key), (0, 0))[0]
                self.problem(key_node, (*path, key),
                             f"Khóa '{key}' bị khai báo hai lần (lần đầu ở dòng {first}).",
                             "Xóa một trong hai, hoặc gộp nội dung vào một khóa.")
                continue
            self.positions[(*path, key)] = (key_node.start_mark.line + 1,
                                            key_node.start_mark.column + 1)
            out[key] = self._part(node, 2 * i + 1, value_node, (*path, key), depth)
            if isinstance(value_node, yaml.ScalarNode):
                # A wrong value is best shown where the value starts, not at its key.
                mark = value_node.start_mark
                self.positions[(*path, key)] = (mark.line + 1, mark.column + 1)
        return out

    def _part_key(self, parent: yaml.Node, slot: int, node: yaml.Node,
                  path: FieldPath) -> str | None:
        """The key in ``slot`` of ``parent`` (read once however many aliases repeat it)."""
        if node not in self._keys:
            self._keys[node] = self._key(node, path)
        key = self._keys[node]
        if key is not None:
            self._spend(key, path, self._alias_at(parent, slot))
        return key

    def _key(self, node: yaml.Node, path: FieldPath) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _SCALAR_TAGS:
            self.problem(node, path, "Tên khóa phải là một từ đơn giản (ví dụ: nhiem_vu).")
            return None
        key = unicodedata.normalize("NFC", str(node.value))
        self._check_chars(node, (*path, key), key)
        return key

    def _scalar_value(self, node: yaml.Node, path: FieldPath) -> Any:
        if node.tag not in _SCALAR_TAGS:
            return self._bad_tag(node, path)
        try:
            value = self._scalar.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            self._unreadable(node, path, exc)
            return _INVALID
        if isinstance(value, float) and not math.isfinite(value):
            self._not_a_number(node, path)
            return _INVALID
        if isinstance(value, float) and AMBIGUOUS.fullmatch(node.value):
            self.problem(node, path, *two_readings(node.value))
        if isinstance(value, dt.datetime):
            value = value.date() if value.time() == dt.time() else value
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value)
            self._check_chars(node, path, value)
        return value

    def _unreadable(self, node: yaml.Node, path: FieldPath, exc: Exception) -> None:
        if node.tag.endswith(":timestamp"):
            self._not_a_date(node, path)
        elif node.tag.endswith(":int"):
            digits = sum(ch.isdigit() for ch in node.value)
            self.problem(node, path, f"Số quá lớn ({vi_int(digits)} chữ số).",
                         "Kiểm tra lại số này; nếu đây là văn bản (mã số), đặt nó trong dấu "
                         "nháy kép.")
        else:
            self.problem(node, path, f"Giá trị '{node.value}' không đọc được ({exc}).",
                         "Nếu đây là văn bản, đặt nó trong dấu nháy kép.")

    def _not_a_date(self, node: yaml.Node, path: FieldPath) -> None:
        """``2025-02-31``: YAML reads it as a date and cannot; say which part is wrong."""
        parts = read_date(node.value)
        problem = calendar_problem(*parts) if parts is not None else None
        advice = date_advice(*parts) if parts is not None else f"Ngày viết dạng {DATE_FORMS}."
        self.problem(node, path, date_message(node.value, problem) if problem else
                     f"Ngày '{node.value}' không có trên lịch.", advice)

    def _not_a_number(self, node: yaml.Node, path: FieldPath) -> None:
        """``.nan``, ``.inf`` and numbers past a float's range: no plan counts with them."""
        what = ("'không phải số' (NaN)" if node.value.lower().lstrip("+-") == ".nan"
                else "vô cực (số quá lớn)")
        self.problem(node, path, f"Giá trị '{node.value}' là {what}, không phải một số dùng "
                     "được trong kế hoạch.",
                     "Ghi một số cụ thể, ví dụ 95 hoặc 12.5; nếu đây là văn bản, đặt nó trong "
                     "dấu nháy kép.")

    def _check_chars(self, node: yaml.Node, path: FieldPath, text: str) -> None:
        if getattr(node, "style", None) != '"':
            return  # only escapes ("\x07") make them: raw ones were found in the text
        chars = [text[i] for i in forbidden_offsets(text)]
        if chars:
            self.problem(node, path, char_message(chars), char_hint(chars[0], escaped=True))

    def _bad_tag(self, node: yaml.Node, path: FieldPath) -> object:
        self.problem(node, path, f"Thẻ YAML '{node.tag}' không được phép.",
                     "Bỏ thẻ bắt đầu bằng '!'; kế hoạch chỉ chứa văn bản, số, ngày và danh sách.")
        return _INVALID


_INVALID = object()
"""Stands for a value the loader already reported, so the model does not report it again."""


class _TooBig(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _AliasTooDeep(Exception):
    """Aliases stacked collections past :data:`MAX_DEPTH` (the file's own nesting was fine)."""

    def __init__(self, node: yaml.Node, path: FieldPath) -> None:
        self.node = node
        self.path = path


class _TooMuchText(Exception):
    """The text built passed :data:`MAX_TEXT_CHARS` at ``path``, reached through ``alias``
    (the outermost alias on the way there, with the field it was written in)."""

    def __init__(self, path: FieldPath, alias: tuple[AliasUse, FieldPath] | None) -> None:
        self.path = path
        self.alias = alias


def _decode(raw: bytes, file: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8-sig")  # what precedes the error is valid
        line, col = TextLines(before).at(len(before))
        raise KeHoachError([Diagnostic(
            f"Tệp không phải mã UTF-8 (byte 0x{raw[exc.start]:02X} không hợp lệ).", file,
            line, col,
            hint="Mở tệp bằng trình soạn thảo và lưu lại với mã hóa UTF-8 "
                 "(không dùng TCVN3/VNI).")]) from exc
    return text


def _blank_raw_controls(text: str) -> tuple[str, list[int]]:
    """Replace raw forbidden characters by spaces (same offsets) and remember where they were.

    PyYAML refuses such a stream outright with a position but no field; blanking them lets
    parsing go on so the problem can be reported against the field that contains it.
    """
    offsets = forbidden_offsets(text)
    if not offsets:
        return text, offsets
    clean = _FORBIDDEN.sub(" ", text)
    return (_FORBIDDEN_ASTRAL.sub(" ", clean) if _has_astral(clean) else clean), offsets


FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)
"""libyaml's parser when PyYAML was built with it: ten times faster, same nodes and marks."""


def _compose(text: str, aliases: AliasUses) -> yaml.Node | None:
    """The node graph of ``text``, through libyaml's parser when available.

    Either parser only produces events; :func:`generator.compose.compose` builds the nodes
    without recursion and within :data:`MAX_DEPTH`, and notes in ``aliases`` where each
    alias was written. On a syntax error the pure-Python parser runs again, so every
    message (and its translation into Vietnamese) is the same whichever parser the machine
    has.
    """
    if FAST_LOADER is not None:
        try:
            return compose(FAST_LOADER(text), aliases)
        except yaml.YAMLError:
            aliases.clear()
    return compose(yaml.SafeLoader(text), aliases)


def load_text(text: str, file: str = "<chuỗi>") -> Document:
    """Parse YAML text into a :class:`Document`, raising :class:`KeHoachError` on any problem."""
    clean, raw_controls = _blank_raw_controls(text)
    aliases: AliasUses = {}
    node = _composed(text, clean, raw_controls, file, aliases)
    if node is None:
        raise KeHoachError([Diagnostic(
            "Tệp trống: chưa có nội dung kế hoạch.", file, 1, 1,
            hint="Chạy 'kehoach new ke-hoach.yaml' để có một kế hoạch mẫu.")])
    builder = _Builder(file, aliases)
    try:
        data = builder.build(node, ())
    except _TooBig as exc:
        line = exc.node.start_mark.line + 1
        raise KeHoachError([Diagnostic(
            f"Tệp tạo ra quá nhiều giá trị (hơn {vi_int(MAX_NODES)}) — có thể do bí danh (&/*) "
            "lồng nhau.", file, line, hint="Không dùng bí danh YAML lồng nhiều tầng.")]) from None
    except _AliasTooDeep as exc:
        # The node's own mark is where the aliased value was written; show the field instead.
        line, column = builder.positions.get(exc.path[:_SHOWN_PARTS], (
            exc.node.start_mark.line + 1, exc.node.start_mark.column + 1))
        raise KeHoachError([_too_deep(line, column, exc.path, file, alias=True)]) from None
    except _TooMuchText as exc:
        raise KeHoachError([_too_much_text(exc, builder, file)]) from None
    problems = builder.problems + _raw_control_problems(text, clean, raw_controls, node, file)
    return Document(data, file, builder.positions, problems)


def _composed(text: str, clean: str, raw_controls: list[int], file: str,
              aliases: AliasUses) -> yaml.Node | None:
    """The node graph of the blanked text, or every reason it cannot be had.

    A forbidden character blanked to a space may itself cause the syntax error (one at the
    start of a line shifts the indentation), so it is reported before the error.
    """
    try:
        return _compose(clean, aliases)
    except TooDeep as exc:
        raise KeHoachError([_too_deep(exc.mark.line + 1, exc.mark.column + 1, exc.path, file,
                                      alias=False)]) from None
    except RecursiveAlias as exc:
        raise KeHoachError([_recursive_alias(exc, file)]) from None
    except yaml.MarkedYAMLError as exc:
        first = _raw_control_problems(text, clean, raw_controls, None, file)
        raise KeHoachError([*first, syntax_diagnostic(exc, text, file)]) from exc
    except yaml.reader.ReaderError as exc:
        raise KeHoachError([reader_diagnostic(exc, text, file)]) from exc


_SHOWN_PARTS = 4
"""How much of a too-deep path is shown: the field it starts in, not fifty ``[1]``."""


def _too_deep(line: int, column: int, path: FieldPath, file: str, *, alias: bool) -> Diagnostic:
    cause = ("Bí danh (*ten) đặt danh sách hay nhóm khóa lồng vào nhau quá sâu; chép nội dung "
             "thay vì lồng bí danh." if alias else
             "Thường do dấu '[' hoặc '{' chưa đóng, hoặc thụt lề sai; một kế hoạch chỉ cần "
             "khoảng 10 tầng.")
    return Diagnostic(f"Dữ liệu lồng nhau quá sâu: quá {MAX_DEPTH} tầng danh sách hoặc nhóm "
                      "khóa lồng trong nhau (bên trong trường này).", file, line, column,
                      path[:_SHOWN_PARTS], hint=cause)


def _recursive_alias(exc: RecursiveAlias, file: str) -> Diagnostic:
    return Diagnostic(
        f"Bí danh '*{exc.anchor}' nằm ngay trong giá trị mà nó trỏ tới ('&{exc.anchor}'): "
        "giá trị sẽ lặp vô tận.", file, exc.mark.line + 1, exc.mark.column + 1, exc.path,
        hint=f"Bỏ '*{exc.anchor}' ở đây, hoặc chép phần nội dung cần dùng lại.")


def _too_much_text(exc: _TooMuchText, builder: _Builder, file: str) -> Diagnostic:
    limit = vi_int(MAX_TEXT_CHARS)
    if exc.alias is None:  # a text handed in whole, without the size check of load_bytes
        line, column = builder.positions.get(exc.path, (None, None))
        return Diagnostic(f"Văn bản dựng ra từ tệp quá dài: hơn {limit} ký tự.", file, line,
                          column, exc.path[:_SHOWN_PARTS],
                          hint="Một kế hoạch là văn bản do người gõ: kiểm tra xem có dán "
                               "nhầm nội dung khác vào tệp không.")
    use, path = exc.alias
    return Diagnostic(
        f"Bí danh '*{use.anchor}' chép lại giá trị của '&{use.anchor}' quá nhiều lần: văn bản "
        f"dựng ra từ tệp vượt quá {limit} ký tự.", file, use.mark.line + 1,
        use.mark.column + 1, path[:_SHOWN_PARTS],
        hint=f"Mỗi bí danh chép lại toàn bộ giá trị nó trỏ tới. Dùng '*{use.anchor}' ít lần "
             f"hơn hoặc rút ngắn giá trị '&{use.anchor}': tổng văn bản của một tệp, kể cả phần "
             f"bí danh chép lại, tối đa {limit} ký tự.")


def _raw_control_problems(text: str, clean: str, offsets: list[int], root: yaml.Node | None,
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


def load_file(path: str | FsPath) -> Document:
    """Read and parse a plan file; every failure is a :class:`KeHoachError`."""
    return load_bytes(read_input(FsPath(path), MAX_BYTES, "tệp kế hoạch"), str(path))


def load_bytes(raw: bytes, name: str) -> Document:
    """Parse a plan's bytes read from anywhere (a file, a git revision) named ``name``."""
    if len(raw) > MAX_BYTES:
        raise too_large(FsPath(name), len(raw), MAX_BYTES, "tệp kế hoạch")
    foreign = foreign_document(raw, name)
    if foreign is not None:
        raise KeHoachError([foreign])
    return load_text(_decode(raw, name), name)


_DOCUMENT_KINDS = {
    ".docx": "tệp Word (.docx)", ".docm": "tệp Word (.docm)", ".dotx": "mẫu Word (.dotx)",
    ".doc": "tệp Word 97–2003 (.doc)", ".rtf": "tệp Word (.rtf)", ".odt": "tệp văn bản .odt",
    ".pdf": "tệp PDF", ".xlsx": "bảng tính Excel (.xlsx)", ".xlsm": "bảng tính Excel (.xlsm)",
    ".xls": "bảng tính Excel 97–2003 (.xls)",
}
_DOCUMENT_MAGIC = ((b"PK\x03\x04", "tệp nén (Word, Excel hoặc .zip)"), (b"%PDF", "tệp PDF"),
                   (OLE_MAGIC, "tệp Word hoặc Excel 97–2003"), (b"{\\rtf", "tệp Word (.rtf)"))


def foreign_document(raw: bytes, name: str) -> Diagnostic | None:
    """A Word, Excel or PDF file given where a plan (.yaml) is expected, told by its name or
    its first bytes: say what the file is and which command takes it, instead of "not
    UTF-8" about its bytes."""
    suffix = FsPath(name).suffix.lower()
    kind = _DOCUMENT_KINDS.get(suffix) or next(
        (kind for magic, kind in _DOCUMENT_MAGIC if raw.startswith(magic)), None)
    if kind is None:
        return None
    if suffix in (".docx", ".docm", ".doc", ".rtf", ".odt") or "Word" in kind:
        hint = (f"Để kiểm tra thể thức một văn bản Word: kehoach check {FsPath(name).name} "
                "(tệp .doc: mở bằng Word, lưu thành .docx trước). Để soạn kế hoạch: kehoach "
                "new ke-hoach.yaml, rồi sửa tệp đó.")
    elif "Excel" in kind:
        hint = ("Tệp số liệu kết quả đi kèm kế hoạch bằng --data: kehoach build "
                f"ke-hoach.yaml --data {FsPath(name).name}.")
    else:
        hint = "kehoach không đọc PDF; kế hoạch được soạn trong một tệp .yaml (kehoach new)."
    return Diagnostic(f"Đây là {kind}, không phải tệp kế hoạch: lệnh này nhận tệp kế hoạch "
                      ".yaml.", name, hint=hint)

"""A composed YAML node graph built into plain data, with the position of every value.

Values are built here by hand, never by PyYAML's constructors, so that no tag can construct
an object, duplicate keys are caught, aliases cannot expand without bound (in values or in
characters), every string is NFC-normalised, dates and numbers are read as a clerk means
them, and every problem is collected with the field it sits in.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.errors import Diagnostic, FieldPath
from generator.load.chars import char_hint, char_message, forbidden_offsets
from generator.load.events import (
    MAX_DEPTH,
    AliasUse,
    AliasUses,
)
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


@dataclass
class YamlDocument:
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


class Builder:
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
        """Note a problem at ``node`` and go on building (every problem is reported)."""
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(Diagnostic(message, self.file, line, col, path, hint=hint))

    def build(self, node: yaml.Node, path: FieldPath, depth: int = 0) -> Any:
        """The value of ``node`` at ``path``, ``depth`` collections down from the root.

        The composer keeps the file's own nesting within :data:`MAX_DEPTH`; aliases can
        still stack one collection into another, so the depth is counted again here.
        """
        self.count += 1
        if self.count > MAX_NODES:
            raise TooBig(node)
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.CollectionNode) and depth >= MAX_DEPTH:
            raise AliasTooDeep(node, path)
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
            raise TooMuchText(path, through[0] if through else None)

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
            return INVALID
        if isinstance(value, float) and not math.isfinite(value):
            self._not_a_number(node, path)
            return INVALID
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
        return INVALID


INVALID = object()
"""Stands for a value the loader already reported, so the model does not report it again."""


class TooBig(Exception):
    """More values were built than :data:`MAX_NODES` allows (at ``node``)."""

    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class AliasTooDeep(Exception):
    """Aliases stacked collections past :data:`MAX_DEPTH` (the file's own nesting was fine)."""

    def __init__(self, node: yaml.Node, path: FieldPath) -> None:
        self.node = node
        self.path = path


class TooMuchText(Exception):
    """The text built passed :data:`MAX_TEXT_CHARS` at ``path``, reached through ``alias``
    (the outermost alias on the way there, with the field it was written in)."""

    def __init__(self, path: FieldPath, alias: tuple[AliasUse, FieldPath] | None) -> None:
        self.path = path
        self.alias = alias


SHOWN_PARTS = 4
"""How much of a too-deep path is shown: the field it starts in, not fifty ``[1]``."""


def too_much_text(exc: TooMuchText, builder: Builder, file: str) -> Diagnostic:
    """What to tell when the text built passed :data:`MAX_TEXT_CHARS`: at the alias that
    copied too much when there is one (the place to change), else at the field."""
    limit = vi_int(MAX_TEXT_CHARS)
    if exc.alias is None:  # a text handed in whole, without the size check of load_bytes
        line, column = builder.positions.get(exc.path, (None, None))
        return Diagnostic(f"Văn bản dựng ra từ tệp quá dài: hơn {limit} ký tự.", file, line,
                          column, exc.path[:SHOWN_PARTS],
                          hint="Một kế hoạch là văn bản do người gõ: kiểm tra xem có dán "
                               "nhầm nội dung khác vào tệp không.")
    use, path = exc.alias
    return Diagnostic(
        f"Bí danh '*{use.anchor}' chép lại giá trị của '&{use.anchor}' quá nhiều lần: văn bản "
        f"dựng ra từ tệp vượt quá {limit} ký tự.", file, use.mark.line + 1,
        use.mark.column + 1, path[:SHOWN_PARTS],
        hint=f"Mỗi bí danh chép lại toàn bộ giá trị nó trỏ tới. Dùng '*{use.anchor}' ít lần "
             f"hơn hoặc rút ngắn giá trị '&{use.anchor}': tổng văn bản của một tệp, kể cả phần "
             f"bí danh chép lại, tối đa {limit} ký tự.")

"""A draft of a plan written as YAML a clerk edits: comments, folded paragraphs, short lists.

The one YAML writer for drafts: ``kehoach derive`` (a child plan from its parent) and
``kehoach import`` (a plan read back from Word or PDF) both hand it a :class:`Draft`. Its
public names are stable: :class:`Draft` (the data, in key order, and its comments),
:func:`draft_text` (the YAML text, checked to read back as the same data), :data:`WIDTH`.

Written with ruamel.yaml, a round-trip library: when a clerk (or a later tool) loads and
saves the file again, the comments and the key order stay. Long paragraphs are folded at
word boundaries (``>-``), as the examples are written; short lists of names stay on one line.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, SingleQuotedScalarString

from generator.load import load_text

WIDTH = 88
"""Lines of the file stay within this many characters (the examples' width)."""
FLOW_WIDTH = 60
"""A list of short names up to this length is written on one line: ``[A, B]``."""


_RESOLVER = yaml.resolver.Resolver()


@dataclass
class Draft:
    """A plan as data (YAML keys, in order) with its comments, ready to be written."""

    data: dict[str, Any]
    header: list[str]
    """Comment lines at the top of the file."""
    before: dict[str, list[str]] = field(default_factory=dict)
    """Top-level key → comment lines above it."""


def _reads_back(text: str) -> bool:
    """Whether ``text`` written plain reads back as the same text.

    kehoach reads YAML 1.1 (PyYAML), where "Yes", "On", "7:30" (a number in base 60) and
    "2024-04-06" are not text; ruamel.yaml writes YAML 1.2 and would leave them unquoted.
    """
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == "tag:yaml.org,2002:str"


def _folded(text: str, lead: int, indent: int) -> FoldedScalarString | str:
    """A long one-line paragraph as a folded block, broken at spaces within the width.

    ``lead``: the columns before the value on its line (indentation and key); ``indent``:
    where the folded lines start.
    """
    if lead + len(text) + 2 <= WIDTH or "\n" in text or " ".join(text.split()) != text:
        return text
    out: FoldedScalarString = FoldedScalarString(text)
    room = WIDTH - indent
    positions, start = [], 0
    while len(text) - start > room:
        cut = text.rfind(" ", start, start + room + 1)
        if cut <= start:
            break
        positions.append(cut)
        start = cut + 1
    out.fold_pos = positions  # type: ignore[attr-defined]  # set by ruamel, not declared
    return out


def _short(values: Iterable[Any], lead: int) -> bool:
    """Scalars only, few and short: written on one line (``[A, B]``, ``{ten: …, so_ngay: 50}``)."""
    items = list(values)
    plain = all(isinstance(v, str | int | float | dt.date) for v in items)
    return plain and bool(items) and \
        lead + sum(len(str(v)) + 12 for v in items) <= FLOW_WIDTH + 20


def _node(value: Any, indent: int, lead: int) -> Any:
    """``indent``: the column of this node's own block lines; ``lead``: the columns before
    it when it starts on its parent's line (after ``key: `` or ``- ``)."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = _node(item, indent + 2, indent + len(key) + 2)
        if _short(value.values(), lead):
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        seq = CommentedSeq([_node(item, indent + 4, indent + 4) for item in value])
        if _short(value, lead):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        return _folded(value, lead, indent) if _reads_back(value) else \
            SingleQuotedScalarString(value)
    if isinstance(value, dt.date | int | float | bool):
        return value
    raise TypeError(f"không ghi được giá trị kiểu {type(value).__name__} vào YAML")


def _wrapped(lines: Iterable[str]) -> str:
    return "\n".join(part for line in lines for part in textwrap.wrap(line, WIDTH - 2))


def draft_text(draft: Draft) -> str:
    """The YAML text of a draft, with its comments; it reads back as ``draft.data`` (else
    an AssertionError: a bug of this module, never the clerk's)."""
    writer = YAML()
    writer.width = 4096
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.allow_unicode = True
    root = _node(draft.data, 0, 0)
    root.fa.set_block_style()  # a file's top level, where the comments stand, is a block
    if draft.header:  # ruamel.yaml fails on an empty comment
        root.yaml_set_start_comment(_wrapped(draft.header))
    for key, lines in draft.before.items():
        root.yaml_set_comment_before_after_key(key, before="\n" + _wrapped(lines), indent=0)
    stream = io.StringIO()
    writer.dump(root, stream)
    text = stream.getvalue()
    if load_text(text).data != draft.data:  # a bug of this module, never the clerk's
        raise AssertionError("bản kế hoạch dẫn xuất không đọc lại được như đã ghi")
    return text

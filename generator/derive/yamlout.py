"""A derived plan written as YAML a clerk edits: comments, folded paragraphs, short flow lists.

Written with ruamel.yaml, a round-trip library: when a clerk (or a later tool) loads and
saves the file again, the comments and the key order stay. Long paragraphs are folded at
word boundaries (``>-``), as the examples are written; short lists of names stay on one line.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from generator.derive.compose import Draft

WIDTH = 88
"""Lines of the file stay within this many characters (the examples' width)."""
FLOW_WIDTH = 60
"""A list of short names up to this length is written on one line: ``[A, B]``."""


def _folded(text: str, indent: int) -> FoldedScalarString | str:
    """A long one-line paragraph as a folded block, broken at spaces within the width."""
    if len(text) + indent < WIDTH or "\n" in text or " ".join(text.split()) != text \
            or text.startswith(("-", "#", ">", "|", "*", "&", "!", "%", "@", "`", "'", '"')):
        return text
    out: FoldedScalarString = FoldedScalarString(text)
    room = WIDTH - indent
    positions, start = [], 0
    while len(text) - start > room:
        cut = text.rfind(" ", start, start + room)
        if cut <= start:
            break
        positions.append(cut)
        start = cut + 1
    out.fold_pos = positions  # type: ignore[attr-defined]  # set by ruamel, not declared
    return out


def _short(values: Iterable[Any], indent: int) -> bool:
    """Scalars only, few and short: written on one line (``[A, B]``, ``{ten: …, so_ngay: 50}``).

    """
    items = list(values)
    plain = all(isinstance(v, str | int | float | dt.date) for v in items)
    return plain and bool(items) and sum(len(str(v)) + 12 for v in items) + indent <= \
        FLOW_WIDTH + 20


def _node(value: Any, indent: int) -> Any:
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = _node(item, indent + 2)
        if _short(value.values(), indent):
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        seq = CommentedSeq([_node(item, indent + 4) for item in value])
        if _short(value, indent):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        return _folded(value, indent + 2)
    if isinstance(value, dt.date | int | float | bool):
        return value
    raise TypeError(f"không ghi được giá trị kiểu {type(value).__name__} vào YAML")


def draft_text(draft: Draft) -> str:
    """The YAML text of a derived plan, with its comments."""
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    root = _node(draft.data, 0)
    root.yaml_set_start_comment("\n".join(line for text in draft.header
                                          for line in textwrap.wrap(text, WIDTH - 2)))
    for key, lines in draft.before.items():
        root.yaml_set_comment_before_after_key(key, before="\n" + "\n".join(lines), indent=0)
    stream = io.StringIO()
    yaml.dump(root, stream)
    return stream.getvalue()

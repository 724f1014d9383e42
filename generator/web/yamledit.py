"""Round-trip edits of a plan's YAML: a field changed in a form changes only its own lines.

ruamel.yaml keeps comments, key order and unknown keys, but its dump may still rewrite a
few lines it did not need to (a long line re-wrapped, a quote style). So an edit is made
on ruamel's tree, and only the lines where the edited dump differs from the unedited dump
are spliced into the clerk's text; every other line stays byte for byte as written.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

PathPart = str | int
Path = tuple[PathPart, ...]

INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4))
"""(mapping, sequence, dash offset) styles seen in clerks' files; a file's own is guessed
so that an inserted item is indented like its neighbours."""


class EditError(ValueError):
    """An edit that cannot be made (a path the file does not have, text that is not YAML):
    its message is for the clerk."""


def _yaml(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _load(text: str) -> Any:
    try:
        return _yaml(INDENTS[0]).load(text)
    except YAMLError as exc:
        raise EditError(f"Tệp YAML đang có lỗi cú pháp, sửa ở thẻ YAML trước: {exc}") from exc


def _own_indent(text: str, data: Any) -> tuple[YAML, str]:
    """The dumper whose output is closest to the file, and that output."""
    best: tuple[int, YAML, str] | None = None
    for indent in INDENTS:
        yaml = _yaml(indent)
        dumped = _dump(yaml, data)
        changed = sum(1 for op in difflib.SequenceMatcher(
            None, text.splitlines(), dumped.splitlines(), autojunk=False).get_opcodes()
            if op[0] != "equal")
        if best is None or changed < best[0]:
            best = (changed, yaml, dumped)
        if changed == 0:
            break
    assert best is not None
    return best[1], best[2]


def _splice(original: str, before: str, after: str) -> str:
    """``original`` with the changes that turn ``before`` into ``after``, where ``before``
    is ``original`` as ruamel would write it: each changed run of lines is placed by the
    unchanged lines around it, which are the clerk's own."""
    orig, base, new = (t.splitlines(keepends=True) for t in (original, before, after))
    to_orig: dict[int, int] = {}
    for tag, i1, i2, j1, _ in difflib.SequenceMatcher(None, orig, base,
                                                      autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                to_orig[j1 + k] = i1 + k
    out: list[str] = []
    pos = 0
    for tag, b1, b2, n1, n2 in difflib.SequenceMatcher(None, base, new,
                                                       autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        start = _place(to_orig, b1, len(orig), before=True)
        end = _place(to_orig, b2 - 1, len(orig), before=False) if b2 > b1 else start
        out.extend(orig[pos:start])
        out.extend(new[n1:n2])
        pos = max(end, start)
    out.extend(orig[pos:])
    return "".join(out)


def _place(to_orig: dict[int, int], line: int, total: int, *, before: bool) -> int:
    """Where a line of ruamel's dump sits in the clerk's text: its own place when unchanged,
    else just after the nearest unchanged line above it (``before``), or just after
    itself (the end of a replaced run)."""
    if line in to_orig:
        return to_orig[line] if before else to_orig[line] + 1
    probe = line - 1
    while probe >= 0 and probe not in to_orig:
        probe -= 1
    if before:
        return to_orig[probe] + 1 if probe >= 0 else 0
    probe = line + 1
    while probe in range(0, line + 10_000) and probe not in to_orig:
        if probe > max(to_orig, default=-1):
            return total
        probe += 1
    return to_orig.get(probe, total)


def _parent(data: Any, path: Path) -> tuple[Any, PathPart]:
    node = data
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError) as exc:
            raise EditError(f"Tệp không có mục {_name(path)}.") from exc
    return node, path[-1]


def _name(path: Sequence[PathPart]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _apply(data: Any, op: str, path: Path, value: Any) -> None:
    parent, last = _parent(data, path)
    if op == "set":
        if isinstance(parent, CommentedMap) and value is None:
            parent.pop(last, None)
        elif isinstance(parent, CommentedMap) or (isinstance(parent, CommentedSeq)
                                                  and isinstance(last, int)
                                                  and last < len(parent)):
            parent[last] = value
        else:
            raise EditError(f"Tệp không có mục {_name(path)}.")
    elif op == "append":
        target = parent.get(last) if isinstance(parent, CommentedMap) else parent[last]
        if target is None:
            parent[last] = CommentedSeq([value])
        elif isinstance(target, list):
            target.append(value)
        else:
            raise EditError(f"{_name(path)} không phải một danh sách.")
    elif op == "delete":
        if not isinstance(parent, list) or not isinstance(last, int) or last >= len(parent):
            raise EditError(f"Tệp không có mục {_name(path)}.")
        del parent[last]
    else:
        raise EditError(f"Không rõ thao tác '{op}'.")


def _plain(value: Any) -> Any:
    """Form values as YAML nodes: dicts and lists as ruamel's own, so they dump in block."""
    if isinstance(value, dict):
        return CommentedMap((k, _plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_plain(v) for v in value)
    return value


def edit(text: str, op: str, path: Path, value: Any = None) -> str:
    """``text`` with one change made: ``set`` a value (``None`` removes a key), ``append``
    an item to a list (created if missing), ``delete`` a list item. Only the lines of the
    value change; comments, key order and everything the form does not show are kept."""
    if not path:
        raise EditError("Thiếu tên mục cần sửa.")
    data = _load(text)
    if not isinstance(data, CommentedMap):
        raise EditError("Tệp kế hoạch phải là một bảng khóa: giá trị (co_quan:, phan:…).")
    yaml, before = _own_indent(text, data)
    _apply(data, op, path, _plain(value))
    after = _dump(yaml, data)
    return _splice(text, before, after)


def value_at(data: Any, path: Path) -> Any:
    """The value at ``path`` of plain data, or ``None`` where the file has none."""
    node = data
    for part in path:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return node

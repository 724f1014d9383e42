"""Round-trip edits of a plan's YAML: a field changed in a form changes only its own lines.

ruamel.yaml keeps comments, key order and unknown keys, but its dump may still rewrite a
few lines it did not need to (a long line re-wrapped, a quote style). So an edit is made
on ruamel's tree, and only the lines where the edited dump differs from the unedited dump
are spliced into the clerk's text; every other line stays byte for byte as written.
"""

from __future__ import annotations

import difflib
import io
import json
from collections.abc import Sequence
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

PathPart = str | int
Path = tuple[PathPart, ...]

INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4))
"""(mapping, sequence, dash offset) styles seen in clerks' files; a file's own is guessed
so that an inserted item is indented like its neighbours."""


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml when installed: marks count characters either way."""


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


ORDER = ("co_quan_chu_quan", "co_quan", "so", "ngay_ban_hanh", "trich_yeu", "can_cu",
         "loi_dan", "trinh_bay", "phan", "loi_ket", "nhiem_vu", "nhom_nhiem_vu", "cac_moc",
         "chi_tieu", "nguoi_ky", "noi_nhan", "phu_luc")
"""The order of a plan's keys (the starter's): a key the clerk adds in the form goes where
a reader of the file looks for it, not at its end."""


def _insert(parent: CommentedMap, key: str, value: Any) -> None:
    """A new key placed after the keys that come before it in :data:`ORDER`."""
    if key not in ORDER:
        parent[key] = value
        return
    before = set(ORDER[:ORDER.index(key)])
    keys = list(parent.keys())
    position = max((i + 1 for i, k in enumerate(keys) if k in before), default=0)
    parent.insert(position, key, value)


def _apply(data: Any, op: str, path: Path, value: Any) -> None:
    parent, last = _parent(data, path)
    if op == "set":
        if isinstance(parent, CommentedMap) and value is None:
            parent.pop(last, None)
        elif isinstance(parent, CommentedMap) and last not in parent and isinstance(last, str):
            _insert(parent, last, value)
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


def _node_at(root: yaml.Node | None, path: Path) -> yaml.Node | None:
    node = root
    for part in path:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode)
                         and k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and \
                0 <= part < len(node.value):
            node = node.value[part]
        else:
            return None
    return node


PLAIN_UNSAFE = set(",[]{}#&*!|>'\"%@`")


def _scalar(value: str, style: str | None) -> str:
    """A string as a YAML scalar on one line: plain when it reads back the same, else
    quoted as the clerk quoted it (single or double)."""
    if "\n" not in value and value == value.strip() and value and \
            not PLAIN_UNSAFE.intersection(value) and ": " not in value and not style:
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


def _in_place(text: str, path: Path, value: Any) -> str | None:
    """The quick way for the commonest edit, a text or a number set where one is: the
    value's own characters replaced, nothing else touched; ``None`` when the edit needs
    the round trip (a new key, a list, a block scalar, aliases)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    node = _node_at(root, path)
    if node is None:
        return None
    if isinstance(value, dict | list):
        inline = (isinstance(node, yaml.ScalarNode) and node.style not in ("|", ">")) or \
            (isinstance(node, yaml.CollectionNode) and node.flow_style)
        if not inline or "\n" in text[node.start_mark.index:node.end_mark.index]:
            return None
        written = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True,
                                 sort_keys=False, width=1_000_000).strip()
    elif not isinstance(node, yaml.ScalarNode) or node.style in ("|", ">") or \
            (node.tag != "tag:yaml.org,2002:str" and isinstance(value, str)):
        return None
    else:
        written = _scalar(value, node.style) if isinstance(value, str) else str(value)
    start, end = node.start_mark.index, node.end_mark.index
    out = text[:start] + written + text[end:]
    try:
        if value_at(yaml.load(out, Loader=_Loader), path) != value:
            return None
    except yaml.YAMLError:
        return None
    return out


def edit(text: str, op: str, path: Path, value: Any = None) -> str:
    """``text`` with one change made: ``set`` a value (``None`` removes a key), ``append``
    an item to a list (created if missing), ``delete`` a list item. Only the lines of the
    value change; comments, key order and everything the form does not show are kept."""
    if not path:
        raise EditError("Thiếu tên mục cần sửa.")
    if "\r\n" in text:  # saved on Windows: edited as \n, written back as the clerk's
        return same_line_ends(text, edit(text.replace("\r\n", "\n"), op, path, value))
    if op == "set":
        quick = _in_place(text, path, value)
        if quick is not None:
            return quick
    data = _load(text)
    if not isinstance(data, CommentedMap):
        raise EditError("Tệp kế hoạch phải là một bảng khóa: giá trị (co_quan:, phan:…).")
    yaml, before = _own_indent(text, data)
    _apply(data, op, path, _plain(value))
    after = _dump(yaml, data)
    return _splice(text, before, after)


def same_line_ends(original: str, text: str) -> str:
    """``text`` with the line ends of ``original`` (CRLF when it has them)."""
    if "\r\n" in original:
        return text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text


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

"""Stage 1: YAML text → plain Python data, with the source position of every node.

PyYAML is used only to parse events; :mod:`.events` composes them into nodes without
recursion, :mod:`.build` builds the values by hand (no tag constructs an object, duplicate
keys are caught, aliases are bounded, strings NFC, every problem collected), :mod:`.chars`
finds the characters a plan may not hold, :mod:`.syntax` tells PyYAML's errors in
Vietnamese and :mod:`.sources` reads a plan from a file or a git revision. The result keeps
a map from field path to ``(line, column)`` so later stages can point at
``ke-hoach.yaml:42:7 nhiem_vu[2].chu_tri``.

Public: :func:`load_file`, :func:`load_bytes`, :func:`load_text`, :class:`YamlDocument`,
:data:`MAX_BYTES`, :func:`foreign_document`.
"""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Any

import yaml

from generator.errors import Diagnostic, FieldPath, KeHoachError, TextLines
from generator.inputs import read_input, too_large
from generator.load.build import (
    MAX_BYTES,
    MAX_NODES,
    SHOWN_PARTS,
    AliasTooDeep,
    Builder,
    TooBig,
    TooMuchText,
    YamlDocument,
    too_much_text,
)
from generator.load.chars import blank_raw_controls, raw_control_problems
from generator.load.events import (
    MAX_DEPTH,
    AliasUses,
    RecursiveAlias,
    TooDeep,
    nodes_from_events,
)
from generator.load.syntax import reader_diagnostic, syntax_diagnostic
from generator.ooxml.archive import OLE_MAGIC
from generator.vnformat import vi_int

__all__ = ["MAX_BYTES", "YamlDocument", "foreign_document", "load_bytes", "load_file", "load_text"]


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


FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)
"""libyaml's parser when PyYAML was built with it: ten times faster, same nodes and marks."""


def _node_graph(text: str, aliases: AliasUses) -> yaml.Node | None:
    """The node graph of ``text``, through libyaml's parser when available.

    Either parser only produces events; :func:`.events.nodes_from_events` builds the nodes
    without recursion and within :data:`MAX_DEPTH`, and notes in ``aliases`` where each
    alias was written. On a syntax error the pure-Python parser runs again, so every
    message (and its translation into Vietnamese) is the same whichever parser the machine
    has.
    """
    if FAST_LOADER is not None:
        try:
            return nodes_from_events(FAST_LOADER(text), aliases)
        except yaml.YAMLError:
            aliases.clear()
    return nodes_from_events(yaml.SafeLoader(text), aliases)


def load_text(text: str, file: str = "<chuỗi>") -> YamlDocument:
    """Parse YAML text into a :class:`YamlDocument`, raising :class:`KeHoachError` on any
    problem."""
    clean, raw_controls = blank_raw_controls(text)
    aliases: AliasUses = {}
    node = _node_graph_or_errors(text, clean, raw_controls, file, aliases)
    if node is None:
        raise KeHoachError([Diagnostic(
            "Tệp trống: chưa có nội dung kế hoạch.", file, 1, 1,
            hint="Chạy 'kehoach new ke-hoach.yaml' để có một kế hoạch mẫu.")])
    builder = Builder(file, aliases)
    try:
        data = builder.build(node, ())
    except TooBig as exc:
        line = exc.node.start_mark.line + 1
        raise KeHoachError([Diagnostic(
            f"Tệp tạo ra quá nhiều giá trị (hơn {vi_int(MAX_NODES)}) — có thể do bí danh (&/*) "
            "lồng nhau.", file, line, hint="Không dùng bí danh YAML lồng nhiều tầng.")]) from None
    except AliasTooDeep as exc:
        # The node's own mark is where the aliased value was written; show the field instead.
        line, column = builder.positions.get(exc.path[:SHOWN_PARTS], (
            exc.node.start_mark.line + 1, exc.node.start_mark.column + 1))
        raise KeHoachError([_too_deep(line, column, exc.path, file, alias=True)]) from None
    except TooMuchText as exc:
        raise KeHoachError([too_much_text(exc, builder, file)]) from None
    problems = builder.problems + raw_control_problems(text, clean, raw_controls, node, file)
    return YamlDocument(data, file, builder.positions, problems)


def _node_graph_or_errors(text: str, clean: str, raw_controls: list[int], file: str,
              aliases: AliasUses) -> yaml.Node | None:
    """The node graph of the blanked text, or every reason it cannot be had.

    A forbidden character blanked to a space may itself cause the syntax error (one at the
    start of a line shifts the indentation), so it is reported before the error.
    """
    try:
        return _node_graph(clean, aliases)
    except TooDeep as exc:
        raise KeHoachError([_too_deep(exc.mark.line + 1, exc.mark.column + 1, exc.path, file,
                                      alias=False)]) from None
    except RecursiveAlias as exc:
        raise KeHoachError([_recursive_alias(exc, file)]) from None
    except yaml.MarkedYAMLError as exc:
        first = raw_control_problems(text, clean, raw_controls, None, file)
        raise KeHoachError([*first, syntax_diagnostic(exc, text, file)]) from exc
    except yaml.reader.ReaderError as exc:
        raise KeHoachError([reader_diagnostic(exc, text, file)]) from exc


def _too_deep(line: int, column: int, path: FieldPath, file: str, *, alias: bool) -> Diagnostic:
    cause = ("Bí danh (*ten) đặt danh sách hay nhóm khóa lồng vào nhau quá sâu; chép nội dung "
             "thay vì lồng bí danh." if alias else
             "Thường do dấu '[' hoặc '{' chưa đóng, hoặc thụt lề sai; một kế hoạch chỉ cần "
             "khoảng 10 tầng.")
    return Diagnostic(f"Dữ liệu lồng nhau quá sâu: quá {MAX_DEPTH} tầng danh sách hoặc nhóm "
                      "khóa lồng trong nhau (bên trong trường này).", file, line, column,
                      path[:SHOWN_PARTS], hint=cause)


def _recursive_alias(exc: RecursiveAlias, file: str) -> Diagnostic:
    return Diagnostic(
        f"Bí danh '*{exc.anchor}' nằm ngay trong giá trị mà nó trỏ tới ('&{exc.anchor}'): "
        "giá trị sẽ lặp vô tận.", file, exc.mark.line + 1, exc.mark.column + 1, exc.path,
        hint=f"Bỏ '*{exc.anchor}' ở đây, hoặc chép phần nội dung cần dùng lại.")


def load_file(path: str | FsPath) -> YamlDocument:
    """Read and parse a plan file; every failure is a :class:`KeHoachError`."""
    return load_bytes(read_input(FsPath(path), MAX_BYTES, "tệp kế hoạch"), str(path))


def load_bytes(raw: bytes, name: str) -> YamlDocument:
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

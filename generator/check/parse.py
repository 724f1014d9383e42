"""The model's own rules (types, ranges, patterns, known keys), in the clerk's words.

Pydantic reports errors in English with model locations; here each becomes Vietnamese, with
the file position of the value the clerk wrote and, for an unknown key, the closest valid
key ("có phải ý bạn là `nhiem_vu`?"). These are the rules the JSON Schema also states; the
rules that relate values to each other follow in the other modules of this package.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from generator.check.core import did_you_mean, run
from generator.check.values import VALUE_RULES, Written
from generator.errors import Diagnostic, FieldPath, KeHoachError, Severity
from generator.load import YamlDocument
from generator.model import Plan
from generator.schema import keys_at

_TYPE_NAMES = {
    "string_type": "một đoạn văn bản",
    "int_type": "một số nguyên",
    "int_parsing": "một số nguyên",
    "int_from_float": "một số nguyên",
    "float_type": "một số",
    "float_parsing": "một số",
    "decimal_type": "một số",
    "decimal_parsing": "một số",
    "bool_type": "true hoặc false",
    "bool_parsing": "true hoặc false",
    "list_type": "một danh sách (các dòng bắt đầu bằng '- ')",
    "dict_type": "một nhóm khóa (khóa: giá trị)",
    "model_type": "một nhóm khóa (khóa: giá trị)",
    "model_attributes_type": "một nhóm khóa (khóa: giá trị)",
    "date_type": "một ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2024-04-06",
    "date_parsing": "một ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2024-04-06",
    "date_from_datetime_parsing": "một ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2024-04-06",
}


def parse_plan(doc: YamlDocument) -> Plan:
    """Validate a loaded document into a :class:`Plan` or raise with every problem found."""
    if not isinstance(doc.data, dict):
        raise KeHoachError([Diagnostic(
            "Tệp kế hoạch phải là một nhóm khóa (co_quan:, trich_yeu:, …), không phải "
            "danh sách hay một giá trị đơn.", doc.file, 1, 1)])
    try:
        plan = Plan.model_validate(doc.data)
    except ValidationError as exc:
        found = translate(exc.errors(include_url=False), doc)
        raise KeHoachError(_merge([*doc.problems, *value_diagnostics(doc)], found)) from None
    if doc.problems:
        raise KeHoachError(_merge(doc.problems, value_diagnostics(doc)))
    return plan


def value_diagnostics(doc: YamlDocument) -> list[Diagnostic]:
    """What the rules over values as written (:mod:`.values`) find in the file."""
    return run(VALUE_RULES, Written(doc.data), doc)


def _merge(first: list[Diagnostic], then: list[Diagnostic]) -> list[Diagnostic]:
    """Loader problems and value errors win over model errors at the same or a deeper field
    (one date not on the calendar is one message, however many rules see it)."""
    known = [d.path for d in first if d.severity is Severity.ERROR]
    kept = [d for d in then if not any(d.path[: len(p)] == p for p in known)]
    return sorted(first + kept, key=lambda d: (d.line or 0, d.column or 0))


def translate(errors: Iterable[ErrorDetails], doc: YamlDocument) -> list[Diagnostic]:
    """Turn pydantic errors into diagnostics, one per distinct problem and position."""
    grouped: dict[FieldPath, list[ErrorDetails]] = {}
    for error in errors:
        path = doc.data_path(tuple(error["loc"]), missing_last=error["type"] == "missing")
        grouped.setdefault(path, []).append(error)
    out: list[Diagnostic] = []
    for path, group in grouped.items():
        for error in _most_specific(group):
            out.append(_diagnostic(error, path, doc))
    unique = {(d.line, d.column, d.path, d.message): d for d in out}
    return sorted(_drop_misspelt_missing(list(unique.values())),
                  key=lambda d: (d.line or 0, d.column or 0))


def _drop_misspelt_missing(found: list[Diagnostic]) -> list[Diagnostic]:
    """A misspelt key also makes the real key "missing"; say it once, at the typo."""
    suggested = {(*d.path[:-1], d.hint.split("'")[1]) for d in found
                 if d.hint.startswith("Có phải ý bạn là '")}
    return [d for d in found if not (d.message.startswith("Thiếu khóa") and d.path in suggested)]


def _most_specific(group: list[ErrorDetails]) -> list[ErrorDetails]:
    """Within one position, union branches that merely had the wrong type are noise."""
    real = [e for e in group if e["type"] not in _TYPE_NAMES]
    if real:
        return real
    if len(group) > 1:
        names = sorted({_TYPE_NAMES[e["type"]] for e in group})
        first = dict(group[0])
        first["type"] = "kehoach_one_of"
        first["msg"] = "Giá trị phải là " + " hoặc ".join(names) + "."
        return [first]  # type: ignore[list-item]
    return group


def _diagnostic(error: ErrorDetails, path: FieldPath, doc: YamlDocument) -> Diagnostic:
    kind = error["type"]
    loc = tuple(error["loc"])
    if kind == "missing":
        line, col, _ = doc.locate(path[:-1])
        return Diagnostic(f"Thiếu khóa bắt buộc '{path[-1]}'.", doc.file, line, col, path,
                          hint=_field_help(loc))
    line, col, _ = doc.locate(path)
    if kind == "extra_forbidden":
        split = _split_by_comma(path, doc)
        if split:
            return Diagnostic(f"'{path[-1]}' không phải một khóa: dấu phẩy trong {{…}} đã "
                              "tách nó khỏi giá trị đứng trước.", doc.file, line, col, path,
                              hint=split)
        return Diagnostic(f"Khóa '{path[-1]}' không có trong mẫu kế hoạch.", doc.file, line,
                          col, path, hint=_suggest(loc))
    hint = str((error.get("ctx") or {}).get("hint", ""))  # a model rule's own (custom_error)
    return Diagnostic(_message(error), doc.file, line, col, path, hint=hint)


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind in {"kehoach", "kehoach_one_of"}:
        return error["msg"]
    if kind in _TYPE_NAMES:
        return f"Giá trị phải là {_TYPE_NAMES[kind]} (đang là: {_shown(error['input'])})."
    messages = {
        "literal_error": "Giá trị '{got}' không hợp lệ; chọn một trong: {expected}.",
        "string_too_short": "Không được để trống.",
        "too_short": "Cần ít nhất {min_length} mục.",
        "too_long": "Nhiều nhất {max_length} mục.",
        "string_too_long": "Dài quá {max_length} ký tự.",
        "string_pattern_mismatch": "Giá trị '{got}' sai dạng.",
        "greater_than_equal": "Phải lớn hơn hoặc bằng {ge}.",
        "less_than_equal": "Phải nhỏ hơn hoặc bằng {le}.",
        "greater_than": "Phải lớn hơn {gt}.",
        "less_than": "Phải nhỏ hơn {lt}.",
        "finite_number": "Phải là một số cụ thể ('{got}' là vô cực hoặc 'không phải số').",
    }
    ctx["got"] = _shown(error["input"])
    if "expected" in ctx:
        ctx["expected"] = str(ctx["expected"]).replace(" or ", ", ")
    template = messages.get(kind)
    if template is None:
        return f"Giá trị không hợp lệ: {error['msg']}."
    return template.format(**ctx)


def _split_by_comma(path: FieldPath, doc: YamlDocument) -> str:
    """A hint when an unknown key is the tail of the value before it, cut by a comma
    (``{luu: VT, VP}`` reads as ``luu: VT`` and a key ``VP`` with no value)."""
    parent: Any = doc.data
    for part in doc.data_path(path[:-1]):
        parent = parent[part]
    key = str(path[-1])
    if re.fullmatch(r"[a-z][a-z0-9_]*", key) or not isinstance(parent, dict) \
            or parent.get(key) is not None:
        return ""  # looks like a key (misspelt, perhaps), or has a value of its own
    keys = list(parent)
    at = keys.index(path[-1]) if path[-1] in keys else 0
    if at == 0:
        return ""
    before = keys[at - 1]
    value = parent[before]
    if type(value) is int and key.isdigit():  # gia_tri: 1,234 inside {…}: two items
        return (f"Số có dấu phẩy: viết {before}: {value}{key} nếu là số nguyên (không dấu "
                f"ngăn cách hàng nghìn), hoặc {before}: \"{value},{key}\" (trong dấu nháy "
                "kép) nếu dấu phẩy là dấu thập phân.")
    if not isinstance(value, str):
        return ""
    return (f'Đặt cả giá trị trong dấu nháy kép: {before}: "{value}, {path[-1]}".')


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "…"


def _suggest(loc: tuple[Any, ...]) -> str:
    keys = list(keys_at(loc[:-1]))
    if not keys:
        return "Xóa khóa này hoặc kiểm tra chính tả."
    return did_you_mean(str(loc[-1]), keys, listing="Các khóa hợp lệ ở đây")


def _field_help(loc: tuple[Any, ...]) -> str:
    return keys_at(loc[:-1]).get(str(loc[-1]), "")

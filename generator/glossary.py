"""The guide's YAML reference and glossary, generated from the model so it cannot drift.

``python -m generator.glossary`` prints the Markdown; a test checks that the guide's
reference page (``docs/tham-chieu.md``) holds exactly this text between its glossary markers
(``pytest --update-golden`` rewrites it).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.model import Markup, Plan

START = "<!-- glossary:start -->"
END = "<!-- glossary:end -->"


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


_PLAIN = {str: "văn bản", int: "số nguyên", float: "số", Decimal: "số", bool: "true/false",
          dt.date: "ngày", type(None): "trống"}


def _type_name(annotation: Any) -> str:
    """A clerk-readable type: ``danh sách Task``, ``văn bản \\| trống``, `` `doc` / `ngang` ``."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation is Markup:
        return "văn bản (định dạng)"
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        return " \\| ".join(_type_name(arg) for arg in args)
    if origin is list:
        return f"danh sách {_type_name(args[0])}"
    if origin is dict:
        return f"bảng {_type_name(args[0])} → {_type_name(args[1])}"
    if origin is typing.Literal:
        return " / ".join(f"`{arg}`" for arg in args)
    if annotation in _PLAIN:
        return _PLAIN[annotation]
    return f"`{getattr(annotation, '__name__', annotation)}`"


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "**bắt buộc**"
    if info.default_factory is not None:
        value = info.default_factory()  # type: ignore[call-arg]
        return f"`{value}`" if value else "—"
    if info.default is None:
        return "—"
    if isinstance(info.default, BaseModel):
        return "(mặc định)"
    return f"`{info.default}`"


TITLES = {
    "Plan": "Kế hoạch (cả tệp)", "Issuer": "Cơ quan ban hành", "PartialDate": "Ngày của dự thảo",
    "Basis": "Căn cứ", "Section": "Phần, mục", "Task": "Nhiệm vụ", "TaskGroup": "Nhóm nhiệm vụ",
    "Kpi": "Chỉ tiêu", "UnitGroup": "Nhóm đơn vị", "Milestone": "Mốc",
    "DataMapping": "Cách đọc tệp số liệu", "Signer": "Người ký", "Recipients": "Nơi nhận",
    "Appendix": "Phụ lục", "Presentation": "Trình bày", "Inheritance": "Kế thừa cấp trên",
    "LegalDocument": "Văn bản được trích", "RegistryCitation": "Văn bản của danh mục, theo lời",
    "BulletList": "Gạch đầu dòng", "TableBlock": "Bảng tự do (khối)",
    "TaskTableBlock": "Bảng nhiệm vụ (khối)", "KpiTableBlock": "Bảng chỉ tiêu (khối)",
    "Period": "Thời gian", "Target": "Giá trị chỉ tiêu", "Result": "Kết quả đã biết",
    "ResultColumns": "Cột số liệu của một chỉ tiêu", "TaskText": "Cách viết nhiệm vụ trong mục",
    "Drop": "Mục cấp trên không thực hiện", "TaskChange": "Sửa nhiệm vụ kế thừa",
    "BulletItem": "Ý có ý con", "Table": "Bảng tự do", "TaskTable": "Bảng nhiệm vụ",
    "KpiTable": "Bảng chỉ tiêu", "Rule": "Quy tắc giao chỉ tiêu", "Column": "Cột",
    "Cell": "Ô bảng", "Row": "Dòng bảng", "KpiRowGroup": "Nhóm dòng chỉ tiêu",
    "SuperHeading": "Tiêu đề gộp trên các cột",
}
"""The Vietnamese heading of each group of keys; the model's name follows it for developers."""


def _section(model: type[BaseModel]) -> list[str]:
    summary = model.__doc__.splitlines()[0] if model.__doc__ else ""
    lines = [f"### {TITLES[model.__name__]} (`{model.__name__}`)", "", summary,
             "", "| khóa YAML | tên trong mã | kiểu | mặc định | ý nghĩa |",
             "|---|---|---|---|---|"]
    for name, info in model.model_fields.items():
        lines.append(f"| `{info.alias or name}` | `{name}` | {_type_name(info.annotation)} | "
                     f"{_default(info)} | {(info.description or '').replace('|', '/')} |")
    return [*lines, ""]


def glossary_markdown() -> str:
    """Every model reachable from :class:`Plan`, breadth first, as Markdown tables."""
    seen: list[type[BaseModel]] = []
    queue: list[type[BaseModel]] = [Plan]
    while queue:
        model = queue.pop(0)
        if model in seen:
            continue
        seen.append(model)
        for info in model.model_fields.values():
            queue.extend(m for m in _models_in(info.annotation) if m not in seen)
    body = [line for model in seen for line in _section(model)]
    return "\n".join([START, "", *body, END])


def replace_in(page: str) -> str:
    """The page's text with its glossary block replaced by the current one."""
    head, _, rest = page.partition(START)
    _, _, tail = rest.partition(END)
    return head + glossary_markdown() + tail


if __name__ == "__main__":
    print(glossary_markdown())

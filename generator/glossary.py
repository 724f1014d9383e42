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

INTROS = {
    "Plan": "Cả tệp kế hoạch: các khóa viết sát lề trái.",
    "Issuer": "Cơ quan ban hành, như ở góc trên bên trái của văn bản.",
    "PartialDate": "Ngày ban hành; bản dự thảo để trống ngày (hay cả tháng): "
                   "in ra \"ngày … tháng 6 năm 2024\".",
    "Basis": "Một đoạn \"Căn cứ …\" hay \"Thực hiện …\".",
    "Section": "Một phần, mục được đánh số của nội dung: \"I. MỤC ĐÍCH, YÊU CẦU\", "
               "\"1. Mục đích\", \"1.1. …\", \"a) …\".",
    "Task": "Một nhiệm vụ.",
    "TaskGroup": "Một nhóm nhiệm vụ: dòng nhóm (I, II, III) của bảng nhiệm vụ.",
    "Kpi": "Một chỉ tiêu, khai báo một lần rồi gọi bằng mã (`id`).",
    "UnitGroup": "Một nhóm đơn vị được giao cùng chỉ tiêu (Bắc Kạn: \"Nhóm 1 (5 phòng…)\").",
    "Milestone": "Một mốc thời gian được giao chỉ tiêu; số ngày tính từ ngày bắt đầu, để "
                 "tính giá trị giữa hai mốc.",
    "DataMapping": "Cách đọc tệp kết quả xuất từ Cổng dịch vụ công (`--data`).",
    "Signer": "Người ký: dòng thẩm quyền (TM., KT., Q., TL., TUQ.), chức vụ và họ tên.",
    "Recipients": "Nơi nhận: mỗi nơi một dòng, dòng \"Lưu: VT, …\" cuối cùng.",
    "Appendix": "Phụ lục: một phần riêng, sang trang mới, khổ dọc hay ngang.",
    "Presentation": "Trình bày: lựa chọn của kế hoạch ở những chỗ Nghị định để cơ quan ban "
                    "hành tự quyết.",
    "Inheritance": "Những gì kế hoạch này lấy từ kế hoạch cấp trên, và những chỗ làm khác.",
    "LegalDocument": "Một văn bản pháp lý hay hành chính, như khi được trích dẫn.",
    "RegistryCitation": "Một văn bản của danh mục, trích theo lời của kế hoạch "
                        "(`{ma: MÃ, trich_yeu: …}`).",
    "BulletList": "Các dòng bắt đầu bằng \"-\" (rồi \"+\" ở cấp dưới); dấu do kehoach thêm.",
    "TableBlock": "Một bảng tự do đặt trong nội dung hay phụ lục.",
    "TaskTableBlock": "Một bảng các nhiệm vụ của kế hoạch.",
    "KpiTableBlock": "Một bảng các chỉ tiêu của kế hoạch: giá trị giao được tính, kết quả "
                     "được điền.",
    "Period": "Thời gian của một nhiệm vụ: bằng lời (\"Thường xuyên\", \"Quý III/2024\"), "
              "một ngày, hay một khoảng.",
    "Target": "Một giá trị chỉ tiêu: gõ sẵn (`gia_tri`) hay tính theo quy tắc (`quy_tac`).",
    "Result": "Một kết quả đã biết (của năm trước chẳng hạn): một giá trị, hoặc tử số và "
              "mẫu số.",
    "ResultColumns": "Chỗ số liệu của một chỉ tiêu trong tệp kết quả (theo tiêu đề cột).",
    "TaskText": "Cách viết một nhiệm vụ liệt kê trong mục: các dòng có nhãn, theo lời của "
                "kế hoạch.",
    "Drop": "Một mục của kế hoạch cấp trên mà kế hoạch này không thực hiện, và lý do.",
    "TaskChange": "Các khóa của một nhiệm vụ kế thừa mà kế hoạch này viết khác; phần còn lại "
                  "theo cấp trên.",
    "BulletItem": "Một ý có các ý con (các dòng \"+\" dưới một dòng \"-\").",
    "Table": "Một bảng tự do, như các phụ lục của các kế hoạch mẫu.",
    "TaskTable": "Một bảng làm từ các nhiệm vụ của kế hoạch (dạng Phụ lục II của Bắc Kạn).",
    "KpiTable": "Một bảng làm từ các chỉ tiêu của kế hoạch, theo một trong các dạng của các "
                "kế hoạch mẫu.",
    "Rule": "Cách tính giá trị chỉ tiêu thay vì gõ (trang \"Chỉ tiêu và bảng chỉ tiêu\").",
    "Column": "Một cột: độ rộng cố định và cách căn chữ trong các ô.",
    "Cell": "Một ô bảng; có thể gộp cột (`gop_cot`) và dòng (`gop_dong`), ở tiêu đề và ở thân "
            "bảng (các dòng dưới khi đó ghi bớt một ô cho mỗi cột bị gộp).",
    "Row": "Một dòng bảng: các ô, hoặc một dòng nhóm (`nhom`) trải hết bề rộng bảng.",
    "KpiRowGroup": "Một dòng nhóm (I, II, III) của bảng `giao_chi_tieu` và các chỉ tiêu dưới nó.",
    "SuperHeading": "Một tiêu đề trên nhiều cột liền nhau: \"Năm 2024\" trên \"Đơn vị tính\" "
                    "và \"Chỉ tiêu\".",
}
"""What each group of keys is, in Vietnamese: the reference is a clerk's page (the model's
English docstring is for developers)."""


def _section(model: type[BaseModel]) -> list[str]:
    lines = [f"### {TITLES[model.__name__]} (`{model.__name__}`)", "", INTROS[model.__name__],
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

"""Nhiệm vụ: tasks with a lead unit, cooperating units, a time and an expected product.

Tasks are data, written once: a section can list them as text ("- Đơn vị chủ trì: …") and an
appendix can show them as a table, and a lower-level plan can inherit them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator

from generator.model.base import (
    CalendarDate,
    ItemId,
    Markup,
    Model,
    Names,
    NonEmptyMarkup,
    custom_error,
    field,
)


class Period(Model):
    """When a task is due: words ("Thường xuyên", "Quý III/2024"), a date, or a period."""

    words: str | None = field("mo_ta", "Thời gian bằng lời: Thường xuyên, Tháng 9/2022…", None)
    on: CalendarDate | None = field("ngay", "Hạn là một ngày: 2024-06-30 hoặc 30/6/2024.", None)
    start: CalendarDate | None = field("tu", "Bắt đầu (cùng với 'den').", None)
    end: CalendarDate | None = field("den", "Kết thúc (cùng với 'tu').", None)

    @classmethod
    def coerce(cls, value: Any) -> Any:
        """``thoi_gian: Thường xuyên`` and ``thoi_gian: 2024-06-30`` are the usual forms."""
        if isinstance(value, dt.date):
            return {"ngay": value}
        if isinstance(value, str | int):
            return {"mo_ta": str(value)}
        if not isinstance(value, dict):
            raise custom_error("kehoach", "Thời gian là lời ('Thường xuyên', 'Quý III/2024'), "
                               "một ngày (2024-06-30) hoặc một khoảng {tu: …, den: …}.")
        return value


class Task(Model):
    """One task (nhiệm vụ)."""

    id: ItemId | None = field("id", "Mã ổn định (tự sinh từ nội dung nếu bỏ trống).", None)
    content: NonEmptyMarkup = field("noi_dung", "Nội dung nhiệm vụ.")
    lead: Names = field("chu_tri", "Đơn vị chủ trì (một hoặc danh sách).", [])
    partners: Names = field("phoi_hop", "Đơn vị phối hợp (một hoặc danh sách).", [])
    due: Annotated[Period, BeforeValidator(
        Period.coerce, json_schema_input_type=str | dt.date | Period)] | None = field(
        "thoi_gian", "Thời gian hoàn thành: lời, ngày, hoặc {tu, den}.", None)
    product: Markup | None = field("san_pham", "Sản phẩm / dự kiến kết quả.", None)
    note: Markup | None = field("ghi_chu", "Ghi chú.", None)
    source: ItemId | None = field("nguon", "Mã của mục tương ứng trong kế hoạch cấp trên "
                                  "(ghi khi kế thừa).", None)


class TaskGroup(Model):
    """A group of tasks: a group row (I, II, III) in a task table."""

    id: ItemId | None = field("id", "Mã ổn định của nhóm (tự sinh từ tên nếu bỏ trống).", None)
    name: Markup | None = field("ten", "Tên nhóm, hiện ở dòng nhóm của bảng.", None)
    note: Markup | None = field("ghi_chu", "Chữ dưới tên nhóm, trong dòng nhóm của bảng (một "
                                "định nghĩa, một ghi chú).", None)
    tasks: list[Task] = field("nhiem_vu", "Các nhiệm vụ của nhóm.", min_length=1)
    source: ItemId | None = field("nguon", "Mã của mục tương ứng trong kế hoạch cấp trên "
                                  "(ghi khi kế thừa).", None)

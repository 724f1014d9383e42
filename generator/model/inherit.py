"""Kế thừa: how a lower-level plan takes what its parent plan gives it.

A plan names its parent (``ke_hoach_cap_tren``); by default it then receives, live, every
task and target of the parent that concerns its level or unit, and only says what it does
differently, by stable id — never by position in a list: ``bo`` drops an item (a reason is
required), ``sua`` changes some keys of an inherited task. A derived copy
(``tu_dong: false``) holds its own copy of each item, marked with ``nguon``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator

from generator.model.base import Markup, Model, Names, NonEmptyMarkup, NonEmptyStr, field
from generator.model.tasks import Period


class Drop(Model):
    """A parent item this plan does not carry out, and why."""

    id: NonEmptyStr = field("id", "Mã nhiệm vụ, nhóm nhiệm vụ hoặc chỉ tiêu của kế hoạch cấp "
                            "trên.")
    reason: NonEmptyStr = field("ly_do", "Lý do không thực hiện (bắt buộc): cấp trên đọc được.")


class TaskChange(Model):
    """Keys of an inherited task that this plan says differently; the rest is the parent's."""

    id: NonEmptyStr = field("id", "Mã nhiệm vụ của kế hoạch cấp trên.")
    content: NonEmptyMarkup | None = field("noi_dung", "Nội dung nhiệm vụ.", None)
    lead: Names = field("chu_tri", "Đơn vị chủ trì.", [])
    partners: Names = field("phoi_hop", "Đơn vị phối hợp.", [])
    due: Annotated[Period, BeforeValidator(
        Period.coerce, json_schema_input_type=str | dt.date | Period)] | None = field(
        "thoi_gian", "Thời gian hoàn thành.", None)
    product: Markup | None = field("san_pham", "Sản phẩm / dự kiến kết quả.", None)
    note: Markup | None = field("ghi_chu", "Ghi chú.", None)


class Inheritance(Model):
    """What this plan takes from its parent plan, and what it does differently."""

    automatic: bool = field("tu_dong", "Tự nhận các nhiệm vụ, chỉ tiêu của cấp trên giao cho "
                            "cấp/đơn vị này (mặc định có); false: kế hoạch tự chép (như khi "
                            "tạo bằng 'kehoach derive') và phải có đủ các mục đó.", True)
    drops: list[Drop] = field("bo", "Các mục của cấp trên không thực hiện, kèm lý do.", [])
    changes: list[TaskChange] = field("sua", "Các nhiệm vụ kế thừa được sửa một số khóa.", [])

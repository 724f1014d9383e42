"""Chỉ tiêu: KPI targets as data (name, unit, value, and for whom).

The KPI engine (rules, results, ratios) builds on this; the model already says which level,
unit, group and milestone a target belongs to so the engine does not need a new shape.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import model_validator

from generator.model.base import ItemId, Model, NonEmptyStr, custom_error, field


class Target(Model):
    """One target value of a KPI, for a level, a unit, a group of units and/or a milestone."""

    value: Decimal = field("gia_tri", "Giá trị chỉ tiêu (số, dấu chấm thập phân: 96.7).")
    compare: Literal["toi_thieu", "toi_da", "bang"] = field(
        "so_sanh", "Ý nghĩa: tối thiểu (mặc định), tối đa, hoặc đúng bằng.", "toi_thieu")
    level: str | None = field("cap", "Áp dụng cho cấp: tinh, huyen, xa…", None)
    unit: str | None = field("don_vi", "Áp dụng cho đơn vị (tên).", None)
    group: str | None = field("nhom", "Áp dụng cho nhóm đơn vị (tên nhóm).", None)
    milestone: str | None = field("moc", "Mốc thời gian: 'Năm 2022', '50 ngày'…", None)


class Kpi(Model):
    """A KPI (chỉ tiêu) declared once and referred to by id."""

    id: ItemId | None = field("id", "Mã ổn định (tự sinh từ tên nếu bỏ trống).", None)
    name: NonEmptyStr = field("ten", "Tên chỉ tiêu.")
    measure: NonEmptyStr = field("don_vi_tinh", "Đơn vị tính: %, hồ sơ, TTHC…", "%")
    method: str | None = field("cach_tinh", "Cách tính, ví dụ 'b/a × 100, trong đó a là…'.",
                               None)
    higher_is_better: bool = field("cao_hon_la_tot", "Giá trị cao hơn là tốt hơn.", True)
    basis: str | None = field("can_cu_giao", "Căn cứ giao chỉ tiêu (văn bản).", None)
    targets: list[Target] = field("muc_tieu", "Các giá trị chỉ tiêu.", [])

    @model_validator(mode="after")
    def _percent_range(self) -> Kpi:
        if self.measure == "%":
            for target in self.targets:
                if not Decimal(0) <= target.value <= Decimal(100):
                    raise custom_error("kehoach", "Chỉ tiêu tính bằng % phải trong khoảng "
                                       "0–100 (đang là {v}).", v=str(target.value))
        return self



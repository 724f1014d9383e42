"""Small plans made in code, for tests that need a plan of a particular shape.

``plan_data(**keys)`` gives the YAML data of a minimal valid plan with ``keys`` added or
replaced; ``plan(**keys)`` validates it into a :class:`Plan`. Tests say only what matters to
them instead of copying whole YAML files or importing constants from other test files.
"""

from __future__ import annotations

import copy
from typing import Any

from generator.model import Plan

MINIMAL: dict[str, Any] = {
    "co_quan": {"ten": ["ỦY BAN NHÂN DÂN", "XÃ TÂN AN"], "cap": "xa", "ky_hieu": "UBND",
                "dia_danh": "Tân An", "ten_day_du": "Ủy ban nhân dân xã Tân An"},
    "ngay_ban_hanh": "15/9/2025",
    "trich_yeu": "Thử",
    "phan": [{"tieu_de": "MỤC ĐÍCH, YÊU CẦU", "doan": ["Nội dung."]}],
    "nguoi_ky": {"chuc_vu": "CHỦ TỊCH", "ho_ten": "Nguyễn Văn A"},
    "noi_nhan": {"danh_sach": ["UBND tỉnh"], "luu": "VT"},
}
"""The smallest plan that validates: issuer, date, summary, one part, signer, recipients."""


def plan_data(**keys: Any) -> dict[str, Any]:
    """The minimal plan's data with ``keys`` (YAML names) added or replaced."""
    return {**copy.deepcopy(MINIMAL), **keys}


def plan(**keys: Any) -> Plan:
    """The minimal plan with ``keys`` added or replaced, validated by the model."""
    return Plan.model_validate(plan_data(**keys))


def progress_plan(*, target: Any, compare: str = "toi_thieu", higher_is_better: bool | None = None,
                  places: int | None = None, rounding: str = "len") -> Plan:
    """One ratio KPI with one unit's target at milestone "M" and a progress appendix."""
    kpi: dict[str, Any] = {"id": "x", "ten": "Tỷ lệ X", "tu_so": "b", "mau_so": "a",
                           "muc_tieu": [{"don_vi": "Xã A", "moc": "M", "gia_tri": target,
                                         "so_sanh": compare}]}
    if higher_is_better is not None:
        kpi["cao_hon_la_tot"] = higher_is_better
    if places is not None:
        kpi["so_le"] = places
    return plan(
        chi_tieu=[kpi], cac_moc=[{"ten": "M"}], trinh_bay={"lam_tron": rounding},
        du_lieu={"cot_don_vi": "Đơn vị", "chi_tieu": {"x": {"tu_so": "B", "mau_so": "A"}}},
        phu_luc=[{"tieu_de": "Tiến độ", "noi_dung": [{"bang_chi_tieu": {"kieu": "tien_do"}}]}])

"""Small plans made in code, for tests that need a plan of a particular shape.

``plan_data(**keys)`` gives the YAML data of a minimal valid plan with ``keys`` (YAML
names) added or replaced; the other builders take it through the stages: ``plan`` (the
model), ``findings`` (one check rule), ``checked`` (every rule, ids and the KPI book) and
``resolved`` (what renderers receive). Tests say only what matters to them instead of
copying whole YAML files or importing constants from other test files.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generator.check import CheckedPlan, check_plan
from generator.check.core import Context, Finding
from generator.kpi.results import ResultsFile
from generator.load import YamlDocument
from generator.model import Plan
from generator.reference import load_reference
from generator.resolve import Context as ResolveContext
from generator.resolve import resolve_plan
from generator.resolve.layout import ResolvedPlan

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
    """The minimal plan with ``keys`` added or replaced, accepted by the model."""
    return Plan.model_validate(plan_data(**keys))


def document(**keys: Any) -> YamlDocument:
    """The plan's data as a loaded document (no positions: diagnostics have no line)."""
    return YamlDocument(plan_data(**keys), "ke-hoach.yaml")


def findings(rule: Callable[[Context], Iterable[Finding]], **keys: Any) -> list[Finding]:
    """What one check rule finds in the minimal plan with ``keys``."""
    return list(rule(Context(plan(**keys), load_reference())))


def messages(rule: Callable[[Context], Iterable[Finding]], **keys: Any) -> list[str]:
    """The messages of :func:`findings`, for short assertions."""
    return [f.message for f in findings(rule, **keys)]


def checked(**keys: Any) -> CheckedPlan:
    """The minimal plan with ``keys`` through every rule: with ids and its KPI book."""
    return check_plan(plan(**keys), document(**keys), load_reference())


def resolved(results: ResultsFile | None = None, milestone: str | None = None,
             **keys: Any) -> ResolvedPlan:
    """The minimal plan with ``keys``, checked and resolved."""
    done = checked(**keys)
    return resolve_plan(done.plan, ResolveContext(done.book, load_reference(), results,
                                                  milestone))


def progress_plan(*, target: Any, compare: str = "toi_thieu",
                  higher_is_better: bool | None = None, places: int | None = None,
                  rounding: str = "len") -> dict[str, Any]:
    """Keys for one ratio KPI with one unit's target at milestone "M" and a progress appendix."""
    kpi: dict[str, Any] = {"id": "x", "ten": "Tỷ lệ X", "tu_so": "b", "mau_so": "a",
                           "muc_tieu": [{"don_vi": "Xã A", "moc": "M", "gia_tri": target,
                                         "so_sanh": compare}]}
    if higher_is_better is not None:
        kpi["cao_hon_la_tot"] = higher_is_better
    if places is not None:
        kpi["so_le"] = places
    return {
        "chi_tieu": [kpi], "cac_moc": [{"ten": "M"}], "trinh_bay": {"lam_tron": rounding},
        "du_lieu": {"cot_don_vi": "Đơn vị", "chi_tieu": {"x": {"tu_so": "B", "mau_so": "A"}}},
        "phu_luc": [{"tieu_de": "Tiến độ", "noi_dung": [{"bang_chi_tieu": {"kieu": "tien_do"}}]}],
    }


# --- A district plan and its communes, as files (parent rules, inheritance, derive) --------


def district_file(folder: Path) -> Path:
    """The Phú Thiện district example copied to ``folder/huyen/ke-hoach-81.yaml``."""
    source = Path(__file__).resolve().parents[2] / "data" / "examples" / "phu-thien-2024.yaml"
    target = Path(folder) / "huyen" / "ke-hoach-81.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def derived_file(parent: Path, target: Path, unit: str = "Xã Ia Ake", level: str = "xa",
                 date: str | None = "2024-04-06") -> Path:
    """A child of ``parent`` written by ``kehoach derive`` (the library call) at ``target``."""
    import datetime as dt

    from generator.derive import ChildSpec, write_child
    from generator.pipeline import load_plan

    reference = load_reference()
    done = write_child(load_plan(parent, reference), parent, ChildSpec(unit, level, date=date),
                       target, reference, overwrite=True, today=dt.date(2024, 4, 6))
    assert done.problem is None, done.problem
    return target


def edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    """Change a plan file as a clerk's editor would: a round-trip load and save (comments,
    order and layout of everything else stay)."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)

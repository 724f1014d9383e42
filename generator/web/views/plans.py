"""The list of plans in the folder, a new plan from the starter, a lower-level plan."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from generator.errors import KeHoachError, Severity
from generator.load import load_bytes
from generator.reference import Reference
from generator.web.folder import OutsideFolder, read_plan_bytes
from generator.web.site import Site, site_of


@dataclass
class Row:
    """One plan of the list."""

    name: str
    title: str
    number: str
    date: str
    issuer: str
    state: str
    """``hợp lệ``, ``cảnh báo`` or ``lỗi``: valid or not at a glance."""
    problems: int
    changed: str
    units: list[tuple[str, str]]
    """The lower-level units the plan names (its ``nhom_don_vi``) with their level: the
    choice offered when a lower-level plan is made from it."""


def _text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "/".join(str(value[k]) for k in ("ngay", "thang", "nam") if k in value)
    return "" if value is None else str(value)


def named_units(data: dict[str, object], reference: Reference) -> list[tuple[str, str]]:
    """``(unit, level)`` for each unit the plan's groups name, in the plan's order, once.
    The level is the one the unit's name begins with ("Phường …" → xa, "Phòng …" →
    phong), else its group's ``cap`` (which may name the level above: Bắc Kạn's offices)."""
    from generator.derive.spec import level_key

    found: dict[str, str] = {}
    groups = data.get("nhom_don_vi")
    for group in groups if isinstance(groups, list) else []:
        if not isinstance(group, dict):
            continue
        units, level = group.get("don_vi"), group.get("cap")
        for unit in units if isinstance(units, list) else [units]:
            if isinstance(unit, str) and unit.strip() and unit.strip() not in found:
                words = unit.split()
                named = level_key(" ".join(words[:2]), reference) or \
                    level_key(words[0], reference)
                found[unit.strip()] = named or (level if isinstance(level, str) else "")
    return list(found.items())


def row_of(site: Site, path: Path) -> Row:
    """A plan's line in the list: read and checked as ``validate`` does."""
    from generator.pipeline import load_plan

    name = site.folder.name_of(path)
    changed = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%d/%m/%Y %H:%M")
    try:
        document = load_bytes(read_plan_bytes(path), str(path))
        data = document.data if isinstance(document.data, dict) else {}
    except KeHoachError as exc:
        return Row(name, "(không đọc được)", "", "", "", "lỗi", len(exc.diagnostics), changed,
                   [])
    found = data.get("co_quan")
    issuer: dict[str, object] = found if isinstance(found, dict) else {}
    row = Row(name, _text(data.get("trich_yeu")), _text(data.get("so")) or "(dự thảo)",
              _text(data.get("ngay_ban_hanh")), _text(issuer.get("ten_day_du") or
                                                      issuer.get("ten")),
              "hợp lệ", 0, changed, named_units(data, site.reference()))
    try:
        checked = load_plan(path, site.reference(), document=document)
    except KeHoachError as exc:
        row.state, row.problems = "lỗi", sum(d.severity is Severity.ERROR
                                             for d in exc.diagnostics)
        return row
    if checked.warnings:
        row.state, row.problems = "cảnh báo", len(checked.warnings)
    return row


async def plan_list(request: Request) -> Response:
    """``/``: every plan of the folder, with the buttons that make new ones."""
    site = site_of(request)
    paths = site.folder.plans()
    rows = [row_of(site, p) for p in paths]
    levels = [(key, level.name) for key, level in site.reference().levels.items()]
    units = json.dumps({r.name: r.units for r in rows if r.units}, ensure_ascii=False)
    return site.page("list.html", rows=rows, folder=str(site.folder.root),
                     names=[r.name for r in rows], levels=levels,
                     units=units.replace("</", "<\\/"))


def _safe_file_name(name: str) -> str:
    name = name.strip()
    if not name.lower().endswith((".yaml", ".yml")):
        name += ".yaml"
    return name


async def new_plan(request: Request) -> Response:
    """``POST /moi``: a new plan from the starter (``kehoach new``), then its editor."""
    from generator.outputs import write_file
    from generator.starter import starter_plan

    site = site_of(request)
    form = await request.form()
    name = _safe_file_name(str(form.get("ten", "")))
    level = str(form.get("cap", "xa"))
    if level not in ("xa", "tinh", "so"):
        return site.problem("Cấp không đúng", "Chọn xã, tỉnh hoặc sở.")
    try:
        path = site.folder.plan(name)
    except OutsideFolder as exc:
        return site.problem("Tên tệp không dùng được", str(exc))
    try:
        write_file(path, starter_plan(level, path.name), overwrite=False)
    except FileExistsError:
        return site.problem("Tệp đã có", f"Đã có tệp '{name}' trong thư mục: đặt tên khác, "
                            "hoặc mở tệp đó từ danh sách.", 409)
    except KeHoachError as exc:
        return site.problem("Không tạo được tệp", exc.diagnostics[0].format())
    return RedirectResponse(f"/sua/{quote(site.folder.name_of(path))}", status_code=303)


CHILD_NAME = re.compile(r"[^\w.-]+")


async def derive_plan(request: Request) -> Response:
    """``POST /cap-duoi``: a lower-level plan from a plan of the folder (``kehoach
    derive``), written beside it, then its editor."""
    from generator.derive import ChildSpec, child_file_name, write_child
    from generator.pipeline import load_plan

    site = site_of(request)
    form = await request.form()
    unit, level = str(form.get("don_vi", "")).strip(), str(form.get("cap", "")).strip()
    if not unit or not level:
        return site.problem("Thiếu đơn vị", "Ghi tên đơn vị cấp dưới (ví dụ 'Xã Ia Ake') và "
                            "cấp của nó (ví dụ xa).")
    try:
        parent = site.folder.plan(str(form.get("cap_tren", "")))
        spec = ChildSpec(unit, level, None, None, None, None, None)
        target = site.folder.plan(site.folder.name_of(parent.parent /
                                                      child_file_name(spec, parent)))
    except OutsideFolder as exc:
        return site.problem("Không mở được kế hoạch cấp trên", str(exc))
    try:
        checked = load_plan(parent, site.reference())
        done = write_child(checked, parent, spec, target, site.reference(), overwrite=False,
                           today=dt.date.today())
    except KeHoachError as exc:
        return site.problem("Kế hoạch cấp trên có lỗi",
                            "\n".join(d.format() for d in exc.diagnostics))
    if done.problems:
        return site.problem("Không tạo được kế hoạch cấp dưới",
                            "\n".join(d.format() for d in done.problems))
    return RedirectResponse(f"/sua/{quote(site.folder.name_of(done.target))}",
                            status_code=303)

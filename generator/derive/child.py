"""A lower-level plan drafted from its parent: what the parent gives, and what is left to write.

Pure: the parent (checked, with ids and its KPI book) and a :class:`ChildSpec` in, plain
data out, as :class:`Draft` — the child plan's YAML keys in a stable order plus the comments
that tell the clerk what was inherited and what to write. :mod:`generator.draft` writes it.

What the child receives (each copied item keeps the parent's id as ``nguon``):

- its issuer, level, place, code and signer; no number and a month/year date (a draft);
- the parent's bases, then "Thực hiện <the parent>" composed from the parent's own data;
- the parent's purposes and requirements, time and funding sections, with the parent's area
  made the child's ("trên địa bàn huyện" → "trên địa bàn xã");
- the parent's tasks that concern its level or unit, with itself as the lead, and the
  sections of "Tổ chức thực hiện" addressed to it, as its tasks;
- the targets the parent sets for its level, group or name, as its own floors (results
  empty), and a KPI appendix showing them;
- ``ke_hoach_cap_tren`` and ``ke_thua: {tu_dong: false}``: validation holds it to the parent.

What only the clerk can write is marked in the values with :data:`TO_WRITE`, so that
``kehoach validate`` lists each place until it is written.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from generator.check import CheckedPlan
from generator.check.body import TO_WRITE
from generator.check.parent import parent_document, parent_number, short_issuer
from generator.derive.spec import PEOPLES_COMMITTEE_LEVELS, ChildSpec
from generator.draft import Draft
from generator.hierarchy import (
    Unit,
    concerns,
    level_words,
    localised,
    unit_of,
    without_level_word,
)
from generator.ids import walk_sections
from generator.kpi.comparison import comparison_for, written_as
from generator.model import Issuer, KpiTableBlock, Plan, Section, Task, TaskTableBlock
from generator.names import unit_key
from generator.periods import dates_in, period_end
from generator.reference import Reference
from generator.resolve.inherit import floors, inherited_task, task_concerns
from generator.vnread import written_figure

PURPOSE_KINDS = ("muc_dich_yeu_cau", "muc_dich", "yeu_cau")
CARRIED_KINDS = ("thoi_gian", "kinh_phi")
"""Sections that hold for the child as they are (with its area): the time, the funding."""


# --- The child as its parent sees it -------------------------------------------------------


def _is_committee(level: str) -> bool:
    return level in PEOPLES_COMMITTEE_LEVELS


def _initials(name: str) -> str:
    """"Sở Thông tin và Truyền thông" → "STTTT" (the usual abbreviation of a department):
    the first letter of each word, without its diacritics (Đ kept), as a document number
    writes it; a word in capitals ("UBND") whole."""
    def plain(word: str) -> str:
        kept = "".join(c for c in unicodedata.normalize("NFD", word.replace("đ", "Đ").upper())
                       if not unicodedata.combining(c))
        return "".join(c for c in unicodedata.normalize("NFC", kept)
                       if c == "Đ" or (c.isascii() and c.isalnum()))

    kept = [w for w in name.split() if w not in ("và", "của")]
    return "".join(plain(w) if w.isupper() else plain(w)[:1] for w in kept) or "VP"


def issuer_of(spec: ChildSpec, parent: Plan, reference: Reference) -> Issuer:
    """The child's issuing body, from its name and level and its parent."""
    words = level_words(spec.level, reference)
    if _is_committee(spec.level):
        full_name = "Ủy ban nhân dân " + spec.unit[:1].lower() + spec.unit[1:]
        lines, above = ["ỦY BAN NHÂN DÂN", spec.unit.upper()], None
        code = spec.code or "UBND"
        place = spec.place or without_level_word(spec.unit, words)
    else:
        parent_unit = unit_of(parent.issuer, reference)
        full_name, lines = spec.unit, [spec.unit.upper()]
        above = "UBND " + parent_unit.area.upper() if _is_committee(parent.issuer.level) \
            else None
        code = spec.code or _initials(spec.unit)
        place = spec.place or parent.issuer.place
    return Issuer.model_validate({"ten": lines, "co_quan_chu_quan": above, "cap": spec.level,
                                  "ky_hieu": code, "dia_danh": place,
                                  "ten_day_du": full_name})


def planned_date(spec: ChildSpec, today: dt.date) -> dt.date | dict[str, int]:
    """The date asked for, or this month as a draft date (day left blank)."""
    if spec.date:
        return dt.date.fromisoformat(spec.date)
    return {"thang": today.month, "nam": today.year}


# --- Plain data from the parent's models ---------------------------------------------------


def plain(value: Any) -> Any:
    """A dumped model value as YAML writes it: numbers without Decimal, no empty keys."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return written_figure(value)
    return value


def _tidy(value: Any) -> Any:
    """Ids kehoach made up left out (``nguon`` holds the link), ``nguon`` first, one-item
    document lists as the single document."""
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _tidy(v) for k, v in value.items() if k != "id" or "nguon" not in value}
    if isinstance(out.get("van_ban"), list) and len(out["van_ban"]) == 1:
        out["van_ban"] = out["van_ban"][0]
    due = out.get("thoi_gian")
    if isinstance(due, dict) and len(due) == 1 and ("ngay" in due or "mo_ta" in due):
        out["thoi_gian"] = next(iter(due.values()))
    if "nguon" in out:
        out = {"nguon": out.pop("nguon"), **out}
    return out


def dumped(model: Any, *, ids: bool = False) -> dict[str, Any]:
    """A model as the YAML a clerk writes: keys in Vietnamese, defaults left out.

    The ids kehoach gave the parent's items are left out (``ids=False``): the child names
    its own, and ``nguon`` records the parent's.
    """
    data = model.model_dump(by_alias=True, exclude_defaults=True, exclude_none=True,
                            warnings=False)
    out: dict[str, Any] = _tidy(plain(data if ids else _without_ids(data)))
    return out


def _without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _localised(value: Any, parent: Unit, child: Unit) -> Any:
    if isinstance(value, str):
        return localised(value, parent, child)
    if isinstance(value, dict):
        return {k: _localised(v, parent, child) for k, v in value.items()}
    if isinstance(value, list):
        return [_localised(v, parent, child) for v in value]
    return value


def figure(value: Fraction, places: int | None) -> int | float | str:
    """A resolved target as a typed figure: 60 → 60, 96.77… → 96.77, 12.3456 at three
    places → "12,346" (never 12.346, which a Vietnamese reader reads as 12 346)."""
    if value.denominator == 1:
        return value.numerator
    return written_figure(round(Decimal(value.numerator) / Decimal(value.denominator),
                                places or 2))


# --- Composition ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    """The parent and the child, as composition reads them."""

    parent: CheckedPlan
    spec: ChildSpec
    unit: Unit
    parent_unit: Unit
    reference: Reference

    @property
    def plan(self) -> Plan:
        """The parent plan, with ids."""
        return self.parent.plan

    def local(self, value: Any) -> Any:
        """The parent's words with the parent's area made the child's."""
        return _localised(value, self.parent_unit, self.unit)

    @property
    def cited(self) -> str:
        """"Kế hoạch số 81/KH-UBND" (or "Kế hoạch của UBND tỉnh Đắk Nông" for a draft)."""
        number = parent_number(self.plan)
        kind = self.plan.doc_type.capitalize()
        if number:
            return f"{kind} số {number}"
        return f"{kind} của {short_issuer(self.plan.issuer.full_name)}"


def _section(section: Section, family: Family, *, unit_as_title: str | None = None,
             demoted: bool = False) -> dict[str, Any]:
    """A parent's section for the child: its area localised, its tables of the parent out."""
    blocks = [b for b in section.blocks if not isinstance(b, KpiTableBlock | TaskTableBlock)]
    after = [b for b in section.blocks_after
             if not isinstance(b, KpiTableBlock | TaskTableBlock)]
    copy = section.model_copy(update={"blocks": blocks, "blocks_after": after, "tasks": [],
                                      "children": [], "source": section.id})
    out: dict[str, Any] = family.local(dumped(copy))
    title = out.get("tieu_de")
    if demoted and isinstance(title, str) and title.isupper():
        out["tieu_de"] = title[:1] + title[1:].lower()  # "KINH PHÍ" as a subsection: "Kinh phí"
    if unit_as_title is not None:
        out.pop("don_vi", None)
        out = {"nguon": out.pop("nguon"), "tieu_de": unit_as_title, **out}
    children = [_section(child, family) for child in section.children]
    if children:
        out["muc"] = children
    return out


def is_purpose(section: Section) -> bool:
    """A "Mục đích, yêu cầu" part, by its kind or, in plans that give none, by its title."""
    if section.kind is not None:
        return section.kind in PURPOSE_KINDS
    return unit_key(section.title or "").startswith(("mục đích", "yêu cầu"))


def _purposes(family: Family) -> dict[str, Any]:
    found = [s for s in family.plan.parts if is_purpose(s)]
    if len(found) == 1 and found[0].kind in ("muc_dich_yeu_cau", None):
        return {"loai": "muc_dich_yeu_cau", **_section(found[0], family)}
    if found:
        return {"loai": "muc_dich_yeu_cau", "tieu_de": "MỤC ĐÍCH, YÊU CẦU",
                "muc": [_section(s, family) for s in found]}
    return {"loai": "muc_dich_yeu_cau", "tieu_de": "MỤC ĐÍCH, YÊU CẦU",
            "doan": [f"{TO_WRITE}: mục đích, yêu cầu của kế hoạch."]}


def given_sections(plan: Plan, unit: Unit) -> list[Section]:
    """The parent's sections that give the child work ("UBND các xã, thị trấn: …")."""
    return [s for s in walk_sections(plan.parts)
            if s.unit and s.id and concerns(s.unit, unit) and not is_purpose(s)]


def _targets_and_time(family: Family, kpis: list[str]) -> dict[str, Any] | None:
    children: list[dict[str, Any]] = []
    if kpis:
        children.append({"loai": "chi_tieu", "tieu_de": "Chỉ tiêu", "doan": [
            f"Phấn đấu hoàn thành các chỉ tiêu {family.cited} giao cho {family.unit.short_name}"
            ", không thấp hơn mức được giao (*chi tiết tại Phụ lục kèm theo*)."]})
    children += [_section(s, family, demoted=True) for s in walk_sections(family.plan.parts)
                 if s.kind in CARRIED_KINDS]
    if not children:
        return None
    titles = distinct([str(child.get("tieu_de", "")) for child in children])
    children = [child | {"tieu_de": title} if title else child
                for child, title in zip(children, titles, strict=True)]
    return {"tieu_de": "CHỈ TIÊU VÀ THỜI GIAN THỰC HIỆN" if kpis else "THỜI GIAN, KINH PHÍ",
            "muc": children}


def _given_titles(sections: list[Section], cited: str) -> list[str]:
    """A heading for each section the parent addresses to the child, no two alike: "Thực hiện
    nhiệm vụ được giao tại Kế hoạch số 81/KH-UBND" for one; with several, each names whom the
    parent addressed ("… giao cho UBND các xã, thị trấn tại …"), then its order."""
    if len(sections) == 1:
        return [f"Thực hiện nhiệm vụ được giao tại {cited}"]
    titles = [f"Thực hiện nhiệm vụ giao cho {s.unit} tại {cited}" for s in sections]
    return distinct(titles)


def distinct(titles: list[str]) -> list[str]:
    """Headings of siblings, a repeated one numbered after the first ("…", "… (2)")."""
    seen: dict[str, int] = {}
    out = []
    for title in titles:
        seen[title] = seen.get(title, 0) + 1
        out.append(title if seen[title] == 1 else f"{title} ({seen[title]})")
    return out


def _tasks_part(family: Family, tasks: bool) -> dict[str, Any]:
    part: dict[str, Any] = {"loai": "nhiem_vu", "tieu_de": "NHIỆM VỤ, GIẢI PHÁP"}
    if tasks:
        part["nhiem_vu"] = ["*"]
    sections = given_sections(family.plan, family.unit)
    given = [_section(s, family, unit_as_title=title) for s, title in
             zip(sections, _given_titles(sections, family.cited), strict=True)]
    if given:
        part["muc"] = given
    part["doan_cuoi" if tasks or given else "doan"] = [
        f"{TO_WRITE}: phân công cụ thể cho từng bộ phận, công chức: việc gì, ai làm, xong khi "
        "nào."]
    return part


def _organisation(family: Family) -> dict[str, Any]:
    return {"loai": "to_chuc_thuc_hien", "tieu_de": "TỔ CHỨC THỰC HIỆN", "doan": [
        f"{TO_WRITE}: bộ phận, công chức theo dõi, đôn đốc, tổng hợp kết quả thực hiện, báo cáo "
        f"{short_issuer(family.plan.issuer.full_name)} theo quy định."]}


def _inherited_tasks(family: Family) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    def mine(tasks: list[Task]) -> list[dict[str, Any]]:
        return [dumped(inherited_task(t, None, family.parent_unit, family.unit))
                for t in tasks if task_concerns(t, family.unit)]

    loose = mine(family.plan.tasks)
    groups = []
    for group in family.plan.task_groups:
        tasks = mine(group.tasks)
        if tasks:
            groups.append(dumped(group.model_copy(update={"tasks": [], "source": group.id}))
                          | {"nhiem_vu": tasks})
    return loose, groups


def _group_of(plan: Plan, unit: Unit) -> str | None:
    return next((g.id for g in plan.unit_groups
                 if unit_key(unit.name) in {unit_key(u) for u in g.units}), None)


def _kpis(family: Family, by_name: bool) -> list[dict[str, Any]]:
    """The parent's targets for the child, as the child's own KPIs (results left empty);
    ``by_name``: each target names the child (``don_vi``), for a table of units."""
    book = family.parent.book
    group = _group_of(family.plan, family.unit)
    out = []
    for ident, layer in floors(family.plan, family.plan, family.unit).items():
        kpi: dict[str, Any] = {"id": ident, "nguon": ident}
        if ident not in family.reference.kpi_catalogue:
            described = dumped(book.kpis[ident].model_copy(update={"targets": [],
                                                                    "results": []}))
            kpi |= {k: v for k, v in described.items() if k not in ("id", "nguon")}
            kpi.setdefault("can_cu_giao", family.cited)
        targets = []
        for milestone in dict.fromkeys(t.milestone for t in layer.targets):
            value = book.target(ident, milestone, unit=family.unit.name, group=group,
                                level=family.unit.level)
            if value is None or value.value is None:
                continue
            target: dict[str, Any] = {"moc": milestone} if milestone else {}
            if by_name:  # a table of units by milestone shows targets set for a unit
                target["don_vi"] = family.unit.name
            target["gia_tri"] = figure(value.value, value.places)
            floor = comparison_for("toi_thieu", book.kpis[ident].higher_is_better)
            if value.aspiration or value.comparison is not floor:
                target["so_sanh"] = written_as(value.comparison, value.aspiration)
            if value.maintain:
                target["duy_tri"] = True
            targets.append(target)
        if targets:
            kpi["muc_tieu"] = targets
            out.append(kpi)
    return out


def _mirrored_appendix(family: Family, kpis: list[str]) -> dict[str, Any] | None:
    """The parent's appendix of targets by milestone, with the child's row only."""
    for appendix in family.plan.appendices:
        for block in appendix.blocks:
            if not isinstance(block, KpiTableBlock) or block.table.kind != "theo_moc":
                continue
            chosen = [k for k in (block.table.kpis or kpis) if k in kpis]
            if not chosen:
                continue
            title = family.local(appendix.title)
            for group in family.plan.unit_groups:
                if unit_key(family.unit.name) in {unit_key(u) for u in group.units}:
                    title = title.replace(group.name, family.unit.short_name)
            return {"tieu_de": title, "huong": appendix.orientation,
                    "noi_dung": [{"bang_chi_tieu": {
                        "kieu": "theo_moc", "tieu_de_don_vi": block.table.unit_heading,
                        "don_vi": [family.unit.name], "chi_tieu": chosen}}]}
    return None


def _kpi_appendix(family: Family, kpis: list[str],
                  milestones: set[str | None]) -> dict[str, Any]:
    """The parent's KPI table for the child's row, or a table of the child's targets: one
    row per KPI when they share one milestone (long names read across the page)."""
    mirrored = _mirrored_appendix(family, kpis)
    if mirrored is not None:
        return mirrored
    table: dict[str, Any] = {"kieu": "theo_moc", "don_vi": [family.unit.name],
                             "chi_tieu": kpis}
    if len(milestones) == 1:
        table = {"kieu": "giao_chi_tieu", "chi_tieu": kpis}
        if None not in milestones:
            table["moc"] = milestones.pop()
    return {"tieu_de": f"Chỉ tiêu {family.cited} giao cho {family.unit.short_name}",
            "huong": "ngang", "noi_dung": [{"bang_chi_tieu": table}]}


def _citing_parent(plan: Plan) -> dict[str, Any]:
    """"Thực hiện Kế hoạch số 81/KH-UBND …"; a parent still in draft has no number to cite
    yet, so the sentence is written out with the number left to write."""
    if plan.number is not None:
        return {"dong_tu": "Thực hiện", "van_ban": dumped(parent_document(plan))}
    document = parent_document(plan)
    return {"dong_tu": "Thực hiện", "noi_dung": f"{document.kind} số {TO_WRITE} "
            f"/{plan.type_code}-{plan.issuer.code} của {document.issuer} {document.title}"}


def _signer(spec: ChildSpec) -> dict[str, Any]:
    name = spec.signer or f"{TO_WRITE} họ tên người ký"
    if not _is_committee(spec.level):
        return {"chuc_vu": spec.title or "GIÁM ĐỐC", "ho_ten": name}
    title = (spec.title or "CHỦ TỊCH").upper()
    out: dict[str, Any] = {"thay_mat": "ỦY BAN NHÂN DÂN"}
    if title.startswith("PHÓ"):
        out["ky_thay"] = "CHỦ TỊCH"
    return out | {"chuc_vu": title, "ho_ten": name}


def _lead_in(family: Family, summary: str) -> str:
    words = level_words(family.unit.level, family.reference)
    who = f"UBND {words[0]}" if _is_committee(family.unit.level) and words else family.unit.name
    return f"{who} ban hành Kế hoạch {summary[:1].lower()}{summary[1:]} cụ thể như sau:"


def child_draft(parent: CheckedPlan, spec: ChildSpec, reference: Reference, parent_link: str,
            today: dt.date) -> Draft:
    """The child plan for ``spec``, deriving from ``parent`` (found at ``parent_link``)."""
    plan = parent.plan
    date = planned_date(spec, today)
    issuer = issuer_of(spec, plan, reference)
    on = date if isinstance(date, dt.date) else dt.date(date["nam"], date["thang"], 1)
    unit = unit_of(issuer, reference, on, plan.issuer.level)
    family = Family(parent, spec, Unit(spec.unit, unit.level, unit.full_name, unit.words),
                    unit_of(plan.issuer, reference, plan.date.earliest()), reference)
    summary = family.local(" ".join(plan.summary.split()))
    tasks, groups = _inherited_tasks(family)
    layer = floors(plan, plan, family.unit)
    milestones = {t.milestone for kpi in layer.values() for t in kpi.targets}
    by_name = _mirrored_appendix(family, list(layer)) is not None or len(milestones) != 1
    kpis = _kpis(family, by_name)
    ids = [k["id"] for k in kpis]
    appendix = _kpi_appendix(family, ids, milestones) if kpis else None
    parts = [_purposes(family), _targets_and_time(family, [k["id"] for k in kpis]),
             _tasks_part(family, bool(tasks or groups)), _organisation(family)]
    data: dict[str, Any] = {
        "co_quan": dumped(issuer), "ngay_ban_hanh": date, "trich_yeu": summary,
        "ke_hoach_cap_tren": parent_link, "ke_thua": {"tu_dong": False},
        "can_cu": [dumped(b) for b in plan.bases] + [_citing_parent(plan)],
        "loi_dan": _lead_in(family, summary),
        "trinh_bay": dumped(plan.style),
        "phan": [p for p in parts if p is not None],
        "loi_ket": [f"Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các bộ phận, đơn vị "
                    f"kịp thời báo cáo {family.unit.short_name} để xem xét, chỉ đạo."],
        "nhiem_vu": tasks, "nhom_nhiem_vu": groups,
        "cac_moc": [dumped(m) for m in plan.milestones] if kpis else [],
        "chi_tieu": kpis,
        "nguoi_ky": _signer(spec),
        "noi_nhan": {"danh_sach": [f"{short_issuer(plan.issuer.full_name)} (b/c)",
                                   f"{TO_WRITE}: các bộ phận, đơn vị thực hiện"], "luu": "VT"},
        "phu_luc": [appendix] if appendix else [],
    }
    data = {k: v for k, v in data.items() if v not in ([], {}, None)}
    return Draft(data, _header(family), _comments(family, data))


def parent_period_end(plan: Plan) -> dt.date | None:
    """The last day the parent's own data gives it: its tasks' deadlines and the dates its
    time sections write ("kết thúc vào ngày 29/6/2024"); ``None`` when it gives none."""
    ends = [end for group in plan.all_task_groups() for task in group.tasks
            if (end := period_end(task.due)) is not None]
    for section in walk_sections(plan.parts):
        if section.kind == "thoi_gian":
            ends += [date for text in _strings(section.model_dump()) for date in dates_in(text)]
    return max(ends, default=None)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def draft_warnings(parent: Plan, spec: ChildSpec, reference: Reference,
                   today: dt.date) -> list[tuple[str, str]]:
    """What a reviewer would ask of a derived draft before anything else (message, hint): a
    date after the parent's period, a unit whose level no longer exists on that date."""
    planned = planned_date(spec, today)
    on = planned if isinstance(planned, dt.date) else dt.date(planned["nam"],
                                                              planned["thang"], 1)
    shown = f"ngày {on:%d/%m/%Y}" if isinstance(planned, dt.date) else \
        f"tháng {on.month}/{on.year} (tháng này, vì chưa ghi ngày)"
    out = []
    end = parent_period_end(parent)
    if end is not None and on > end:
        out.append((f"Bản dự thảo ghi {shown}, sau thời gian thực hiện của kế hoạch cấp trên "
                    f"(đến ngày {end:%d/%m/%Y}).",
                    "Kiểm tra ngày ban hành (--ngay, cột 'Ngày'), hoặc kế hoạch cấp trên đã có "
                    "bản mới hơn."))
    level = reference.levels.get(spec.level)
    if level is not None and level.abolished_from is not None and on >= level.abolished_from:
        out.append((f"Cấp '{level.name}' không còn từ ngày {level.abolished_from:%d/%m/%Y} "
                    f"(chính quyền địa phương hai cấp): {spec.unit} không còn vào {shown}.",
                    "Kiểm tra lại đơn vị và cấp (--cap, cột 'Cấp'), hoặc ngày (--ngay, cột "
                    "'Ngày')."))
    return out


def _header(family: Family) -> list[str]:
    parent = family.plan
    return [
        f"Kế hoạch của {family.unit.short_name} thực hiện {_cited_in_full(parent)}.",
        "Tạo bằng 'kehoach derive' từ kế hoạch cấp trên; sửa tệp này như một kế hoạch bình "
        "thường.",
        "- Các mục có 'nguon' được chép từ kế hoạch cấp trên (giữ 'nguon' để kehoach đối chiếu).",
        f"- Chỗ ghi '{TO_WRITE}' là phần chỉ đơn vị mới viết được: 'kehoach validate' nhắc từng "
        "chỗ cho đến khi viết xong.",
        "- Kiểm tra: kehoach validate <tệp này> (tự đối chiếu với kế hoạch cấp trên: chỉ tiêu "
        "không thấp hơn, hạn không muộn hơn, không bỏ sót nhiệm vụ).",
    ]


def _cited_in_full(plan: Plan) -> str:
    from generator.resolve.citations import cite

    return cite(parent_document(plan))


def _comments(family: Family, data: Mapping[str, Any]) -> dict[str, list[str]]:
    notes = {
        "ngay_ban_hanh": ["Dự thảo: chưa có số; ghi 'so' và ngày đầy đủ khi ban hành."],
        "ke_hoach_cap_tren": ["Kế hoạch cấp trên (đường dẫn tính từ tệp này). 'tu_dong: false':",
                              "tệp này tự chép các nhiệm vụ, chỉ tiêu được giao; bỏ mục nào thì",
                              "ghi vào ke_thua.bo: [{id: …, ly_do: …}]."],
        "can_cu": ["Chép từ căn cứ của kế hoạch cấp trên, thêm dòng trích chính kế hoạch đó;",
                   "bỏ những căn cứ không cần."],
        "phan": ["Mục đích, yêu cầu và thời gian chép từ kế hoạch cấp trên (đã đổi địa bàn);",
                 "sửa cho đúng với đơn vị."],
        "nhiem_vu": [f"Nhiệm vụ {family.cited} giao cho {family.unit.name} (chủ trì hoặc phối "
                     "hợp);", "hạn không được muộn hơn hạn của cấp trên."],
        "chi_tieu": [f"Chỉ tiêu {family.cited} giao cho {family.unit.name}: là mức tối thiểu,",
                     "được nâng, không được hạ. Kết quả của đơn vị ghi vào 'ket_qua' khi có."],
    }
    return {key: lines for key, lines in notes.items() if key in data}


def inherited_ids(draft: Draft) -> Iterator[str]:
    """The parent ids a draft records as ``nguon`` (for reports and tests)."""
    def walk(value: Any) -> Iterator[str]:
        if isinstance(value, dict):
            if isinstance(value.get("nguon"), str):
                yield value["nguon"]
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    yield from walk(draft.data)

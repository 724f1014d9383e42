"""The rules between a lower-level plan and its parent plan, each finding in both places.

A commune plan that implements a district plan must not ask less than the district asked of
it, nor finish later, nor leave out what it was given without saying why, and must cite the
parent as the parent is. These rules run after the child passed its own rules, on the child
as completed by inheritance (:mod:`generator.resolve.inherit`) and on the parent as checked.
Each finding names the child's field and, as ``related``, the parent's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from generator.check.core import Finding, Walks, did_you_mean, error, warning
from generator.errors import FieldPath
from generator.hierarchy import Unit, concerns
from generator.kpi.book import KpiBook, Value
from generator.kpi.comparison import Comparison
from generator.kpi.numbers import show_number
from generator.model import Kpi, LegalDocument, Plan, Section, Task
from generator.names import unit_key
from generator.periods import period_end
from generator.reference import Reference
from generator.resolve.citations import citable_documents, document_of
from generator.resolve.inherit import held, task_concerns
from generator.vnformat import short_date


@dataclass(frozen=True)
class Lineage:
    """A child plan and its parent, as the parent rules read them."""

    written: Plan
    """The child as its file says, with ids (positions in the file point here)."""
    child: Plan
    """The child completed by inheritance, with ids."""
    book: KpiBook
    parent: Plan
    parent_book: KpiBook
    unit: Unit
    parent_unit: Unit
    copied: bool
    """The child holds its own copy of the parent's items (``tu_dong: false`` or
    ``validate --parent`` without ``ke_hoach_cap_tren``): missing ones are errors."""
    reference: Reference

    @cached_property
    def walks(self) -> Walks:
        """The walks over the child as written."""
        return Walks(self.written)

    @cached_property
    def parent_walks(self) -> Walks:
        """The walks over the parent."""
        return Walks(self.parent)

    @cached_property
    def parent_tasks(self) -> dict[str, tuple[Task, FieldPath]]:
        """The parent's tasks by id, with their paths in the parent's file."""
        return {task.id or "": (task, path) for task, path in self.parent_walks.tasks()}

    @cached_property
    def parent_ids(self) -> set[str]:
        """Every id of the parent a child may name: tasks, groups, KPIs, sections."""
        ids = set(self.parent_tasks)
        ids |= {g.id for g in self.parent.task_groups if g.id}
        ids |= {k.id for k in self.parent.kpis if k.id}
        ids |= {s.id for s, _, _ in self.parent_walks.sections if s.id}
        return ids

    @cached_property
    def dropped(self) -> set[str]:
        """The parent ids the child drops (with a reason)."""
        return {drop.id for drop in self.child.inheritance.drops}

    def anchor(self) -> FieldPath:
        """Where a missing item is reported in the child: its link to the parent."""
        if "inheritance" in self.written.model_fields_set:
            return ("ke_thua",)
        return ("ke_hoach_cap_tren",) if self.written.parent else ("can_cu",)


@dataclass(frozen=True)
class Related:
    """A finding and the parent's field it conflicts with."""

    finding: Finding
    parent_path: FieldPath | None


def _parent_task_phrase(task: Task) -> str:
    words = " ".join(task.content.split()[:10])
    return f"'{task.id}' ({words}…)"


# --- Ids the child names in the parent -----------------------------------------------------


def inheritance_names_parent_items(lin: Lineage) -> Iterator[Related]:
    """``ke_thua.bo`` and ``ke_thua.sua`` name items the parent has."""
    inheritance = lin.written.inheritance
    for i, drop in enumerate(inheritance.drops):
        if drop.id not in lin.parent_ids:
            yield Related(error(("ke_thua", "bo", i, "id"),
                                f"Kế hoạch cấp trên không có mục '{drop.id}' để bỏ.",
                                did_you_mean(drop.id, lin.parent_ids,
                                             listing="Các mã của cấp trên")), ())
    for i, change in enumerate(inheritance.changes):
        if change.id not in lin.parent_tasks:
            yield Related(error(("ke_thua", "sua", i, "id"),
                                f"Kế hoạch cấp trên không có nhiệm vụ '{change.id}' để sửa.",
                                did_you_mean(change.id, lin.parent_tasks,
                                             listing="Các nhiệm vụ của cấp trên")), ())
        elif not task_concerns(lin.parent_tasks[change.id][0], lin.unit):
            yield Related(warning(("ke_thua", "sua", i, "id"),
                                  f"Nhiệm vụ '{change.id}' của cấp trên không giao cho "
                                  f"{lin.unit.name}: sửa nó không có tác dụng.",
                                  "Chỉ các nhiệm vụ cấp trên giao cho cấp hoặc đơn vị này mới "
                                  "được kế thừa."), lin.parent_tasks[change.id][1])


def _sourced(lin: Lineage) -> Iterator[tuple[str, FieldPath]]:
    """Every ``nguon`` the child writes, with its path."""
    for task, path in lin.walks.tasks():
        if task.source:
            yield task.source, (*path, "nguon")
    for i, group in enumerate(lin.written.task_groups):
        if group.source:
            yield group.source, ("nhom_nhiem_vu", i, "nguon")
    for i, kpi in enumerate(lin.written.kpis):
        if kpi.source:
            yield kpi.source, ("chi_tieu", i, "nguon")
    for section, path, _ in lin.walks.sections:
        if section.source:
            yield section.source, (*path, "nguon")


def sources_name_parent_items(lin: Lineage) -> Iterator[Related]:
    """Every ``nguon`` names an item of the parent."""
    for source, path in _sourced(lin):
        if source not in lin.parent_ids:
            yield Related(error(path, f"Kế hoạch cấp trên không có mục '{source}'.",
                                did_you_mean(source, lin.parent_ids,
                                             otherwise="'nguon' ghi mã của mục tương ứng trong "
                                             "kế hoạch cấp trên, hoặc bỏ khóa này nếu đây là "
                                             "mục riêng của kế hoạch này.")), ())


# --- The citation of the parent ------------------------------------------------------------


def parent_number(parent: Plan) -> str | None:
    """The parent's number as it is cited: "81/KH-UBND" (``None`` for a draft)."""
    if parent.number is None:
        return None
    return f"{parent.number}/{parent.type_code}-{parent.issuer.code}"


def _documents(lin: Lineage) -> Iterator[tuple[LegalDocument, FieldPath]]:
    documents = citable_documents(lin.written, lin.reference.legal_documents)
    for i, basis in enumerate(lin.written.bases):
        for j, ref in enumerate(basis.documents):
            document = document_of(ref, documents)
            if isinstance(document, LegalDocument):
                path: FieldPath = ("can_cu", i, "van_ban", j) if len(basis.documents) > 1 or \
                    not isinstance(ref, LegalDocument) else ("can_cu", i, "van_ban")
                yield document, path


def _cites_parent(document: LegalDocument, lin: Lineage) -> bool:
    """Whether a cited document is the parent: a plan by the parent's issuer (or number)."""
    if unit_key(document.kind) not in {"kế hoạch", unit_key(lin.parent.doc_type)}:
        return False
    if document.issuer is not None:
        return unit_key(lin.parent_unit.area) in unit_key(document.issuer)
    number = parent_number(lin.parent)
    return number is not None and document.number is not None and \
        _plain(document.number) == _plain(number)


def _text_cites_parent(text: str, lin: Lineage) -> bool:
    """A basis written out in words that names a plan of the parent's issuer."""
    key = unit_key(text)
    return unit_key(lin.parent.doc_type) in key and unit_key(lin.parent_unit.area) in key


def _plain(text: str) -> str:
    return "".join(text.split()).casefold()


def cites_its_parent(lin: Lineage) -> Iterator[Related]:
    """The child cites the parent, with the parent's own number and date."""
    cited = [(doc, path) for doc, path in _documents(lin) if _cites_parent(doc, lin)]
    number = parent_number(lin.parent)
    date = lin.parent.date.full()
    if not cited and not any(_text_cites_parent(b.text or "", lin) for b in lin.written.bases):
        yield Related(warning(("can_cu",), "Căn cứ chưa trích kế hoạch cấp trên mà kế hoạch "
                              "này thực hiện.",
                              f"Thêm căn cứ: 'Thực hiện {parent_citation(lin.parent)}'."),
                      ("so",) if lin.parent.number is not None else ("ngay_ban_hanh",))
        return
    for document, path in cited:
        if number and document.number and _plain(document.number) != _plain(number):
            yield Related(error((*path, "so_hieu"),
                                f"Số hiệu kế hoạch cấp trên trích là '{document.number}', nhưng "
                                f"kế hoạch cấp trên là số {number}.",
                                f"Sửa thành so_hieu: {number}."), ("so",))
        if date and document.date and document.date != date:
            yield Related(error((*path, "ngay"),
                                f"Ngày kế hoạch cấp trên trích là {short_date(document.date)}, "
                                f"nhưng kế hoạch cấp trên ban hành ngày {short_date(date)}.",
                                f"Sửa thành ngay: {date.isoformat()}."), ("ngay_ban_hanh",))


def short_issuer(full_name: str) -> str:
    """"Ủy ban nhân dân huyện Phú Thiện" → "UBND huyện Phú Thiện", as plans cite it."""
    for prefix in ("Ủy ban nhân dân ", "Uỷ ban nhân dân "):
        if full_name.startswith(prefix):
            return "UBND " + full_name[len(prefix):]
    return full_name


def parent_document(parent: Plan) -> LegalDocument:
    """The parent plan as the child cites it, composed from the parent's own data."""
    summary = " ".join(parent.summary.split())
    title = "về " + summary[:1].lower() + summary[1:]
    return LegalDocument.model_validate({
        "loai": parent.doc_type.capitalize(), "so_hieu": parent_number(parent),
        "ngay": parent.date.full(), "co_quan_ban_hanh": short_issuer(parent.issuer.full_name),
        "trich_yeu": title})


def parent_citation(parent: Plan) -> str:
    """"Kế hoạch số 81/KH-UBND ngày 05/4/2024 của UBND huyện Phú Thiện về …"."""
    from generator.resolve.citations import cite

    return cite(parent_document(parent))


# --- What the parent gave the child --------------------------------------------------------


def _given_sections(lin: Lineage) -> Iterator[tuple[Section, FieldPath]]:
    for section, path, _ in lin.parent_walks.sections:
        if section.unit and section.id and concerns(section.unit, lin.unit):
            yield section, path


def parent_items_have_counterparts(lin: Lineage) -> Iterator[Related]:
    """What the parent gives this unit is carried out here, or dropped with a reason."""
    holds = held(lin.child)
    sections = {s.source for s, _, _ in Walks(lin.child).sections if s.source}
    hint = "Chép mục này vào kế hoạch (ghi 'nguon: {id}'), hoặc ghi vào 'ke_thua.bo' kèm lý do."
    make = error if lin.copied else warning
    for ident, (task, path) in lin.parent_tasks.items():
        if ident not in holds.tasks | lin.dropped and task_concerns(task, lin.unit):
            yield Related(make(lin.anchor(), f"Nhiệm vụ {_parent_task_phrase(task)} cấp trên "
                               f"giao cho {lin.unit.name} chưa có trong kế hoạch này.",
                               hint.format(id=ident)), path)
    for index, kpi in enumerate(lin.parent.kpis):
        ident = kpi.id or ""
        if lin.copied and ident in _floor_ids(lin) and ident not in holds.kpis | lin.dropped:
            yield Related(error(lin.anchor(), f"Chỉ tiêu '{ident}' cấp trên giao cho "
                                f"{lin.unit.name} chưa có trong kế hoạch này.",
                                hint.format(id=ident)), ("chi_tieu", index))
    for section, path in _given_sections(lin):
        if section.id not in sections | lin.dropped:
            yield Related(warning(lin.anchor(), f"Phần '{section.heading()}' của cấp trên giao "
                                  f"việc cho {lin.unit.name} chưa có phần tương ứng trong kế "
                                  "hoạch này.", hint.format(id=section.id)), path)


def _floor_ids(lin: Lineage) -> set[str]:
    from generator.resolve.inherit import floors

    return set(floors(lin.parent, lin.written, lin.unit))


def deadlines_within_parent(lin: Lineage) -> Iterator[Related]:
    """A task the child carries for its parent is not due after the parent's deadline."""
    mine: list[tuple[str, dt.date | None, FieldPath]] = [
        (task.source or task.id or "", period_end(task.due), (*path, "thoi_gian"))
        for task, path in lin.walks.tasks()]
    mine += [(change.id, period_end(change.due), ("ke_thua", "sua", i, "thoi_gian"))
             for i, change in enumerate(lin.written.inheritance.changes) if change.due]
    for ident, end, path in mine:
        found = lin.parent_tasks.get(ident)
        if found is None or end is None:
            continue
        task, parent_path = found
        limit = period_end(task.due)
        if limit is not None and end > limit:
            yield Related(error(path, f"Hạn {short_date(end)} muộn hơn hạn "
                                f"{short_date(limit)} của nhiệm vụ '{ident}' ở kế hoạch cấp "
                                "trên.", f"Đặt hạn không muộn hơn {short_date(limit)}."),
                          (*parent_path, "thoi_gian"))


# --- Targets and milestones -----------------------------------------------------------------


def _shown(value: Value, kpi: Kpi) -> str:
    measure = kpi.measure or "%"
    figure = show_number(value.value, value.places if value.places is not None else 1)
    return f"{figure}%" if measure == "%" else f"{figure} {measure}"


_BELOW = {Comparison.AT_LEAST: "thấp hơn", Comparison.AT_MOST: "cao hơn",
          Comparison.EXACTLY: "khác", Comparison.ABOVE: "không cao hơn",
          Comparison.BELOW: "không thấp hơn"}


def _floor_for(lin: Lineage, kpi: str, value: Value) -> Value | None:
    """The parent's target for the same scope and milestone as a target of the child."""
    mine = value.unit is None or unit_key(value.unit) == unit_key(lin.unit.name)
    if mine and value.group is None and value.level in (None, lin.unit.level):
        group = next((g.id for g in lin.parent.unit_groups
                      if unit_key(lin.unit.name) in {unit_key(u) for u in g.units}), None)
        return lin.parent_book.target(kpi, value.milestone, unit=lin.unit.name, group=group,
                                      level=lin.unit.level)
    if value.unit is None and value.group is None and value.level is not None:
        return lin.parent_book.target(kpi, value.milestone, level=value.level)
    return None


def targets_meet_parent_floors(lin: Lineage) -> Iterator[Related]:
    """No target of the child is below (or, for a ceiling, above) what the parent set."""
    for kpi in lin.written.kpis:
        ident, source = kpi.id or "", kpi.source or kpi.id or ""
        if source not in lin.parent_book.kpis:
            continue
        for value in lin.book.targets.get(ident, ()):
            floor = _floor_for(lin, source, value) if value.origin is not None else None
            if floor is None or floor.aspiration or floor.value is None or value.value is None or \
                    floor.comparison.holds(value.value, floor.value) or \
                    (value.comparison is floor.comparison and value.value == floor.value):
                continue  # the parent's own target, "trên 90%" kept as "trên 90%", binds alike
            shown = lin.book.kpis[ident]
            where = f" mốc '{value.milestone}'" if value.milestone else ""
            assert value.origin is not None
            yield Related(error(value.origin, f"Chỉ tiêu '{ident}'{where}: {_shown(value, shown)} "
                                f"{_BELOW[floor.comparison]} mức cấp trên giao "
                                f"{_shown(floor, shown)}.",
                                f"Chỉ tiêu cấp dưới không được {_BELOW[floor.comparison]} chỉ "
                                f"tiêu cấp trên giao: sửa thành {_shown(floor, shown)} (hoặc "
                                "bỏ dòng này để nhận mức của cấp trên)."), floor.origin)


def milestones_within_parent_period(lin: Lineage) -> Iterator[Related]:
    """A milestone of the child is one of the parent's days, inside the parent's period."""
    theirs = {m.name: (m.days, ("cac_moc", i)) for i, m in enumerate(lin.parent.milestones)}
    days = [(m.days, ("cac_moc", i)) for i, m in enumerate(lin.parent.milestones)
            if m.days is not None]
    if not days:
        return
    last, last_path = max(days, key=lambda d: d[0] or 0)
    for i, milestone in enumerate(lin.written.milestones):
        if milestone.days is None:
            continue
        same = theirs.get(milestone.name)
        if same is not None and same[0] is not None and same[0] != milestone.days:
            yield Related(error(("cac_moc", i, "so_ngay"), f"Mốc '{milestone.name}' là ngày "
                                f"{milestone.days}, nhưng ở kế hoạch cấp trên là ngày "
                                f"{same[0]}.", f"Sửa thành so_ngay: {same[0]}."),
                          (*same[1], "so_ngay"))
        elif last is not None and milestone.days > last:
            yield Related(error(("cac_moc", i, "so_ngay"), f"Mốc '{milestone.name}' (ngày "
                                f"{milestone.days}) nằm ngoài thời gian của kế hoạch cấp trên "
                                f"(đến ngày {last}).", "Đặt mốc trong thời gian của kế hoạch "
                                "cấp trên."), last_path)


PARENT_RULES = (
    inheritance_names_parent_items,
    sources_name_parent_items,
    cites_its_parent,
    parent_items_have_counterparts,
    deadlines_within_parent,
    targets_meet_parent_floors,
    milestones_within_parent_period,
)
"""The rules between a plan and its parent, in reading order."""


def findings(lin: Lineage) -> Iterable[Related]:
    """Every finding of every parent rule."""
    for rule in PARENT_RULES:
        yield from rule(lin)

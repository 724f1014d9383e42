"""Inheritance: a lower-level plan completed from its parent plan (pure; reads no file).

With ``ke_thua.tu_dong`` (the default), the child receives every task of the parent that
concerns it (:mod:`generator.hierarchy`) and that it neither holds already (by ``nguon`` or
id) nor drops (``ke_thua.bo``), with ``ke_thua.sua`` applied and the parent's collective
units ("UBND các xã") replaced by the child's own; and every target the parent sets for it,
as a floor under the child's own targets of the same KPI. Inherited items keep the parent's
id and record it as ``nguon``, so validation and diff can say where they come from.

Inherited tasks and KPIs come after the child's own, so that every position in the child's
file still points at the child's own items.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.errors import FieldPath
from generator.hierarchy import Unit, concerns, concerns_any, localised
from generator.model import Kpi, Markup, Plan, Task, TaskChange, TaskGroup
from generator.model.kpi import Scope
from generator.names import unit_key


@dataclass(frozen=True)
class Inherited:
    """A child plan completed from its parent, and the parent's targets under its KPIs."""

    plan: Plan
    floors: Mapping[str, Kpi] = field(default_factory=dict)
    """Parent KPI id → the parent's KPI with only the targets and results that concern the
    child: a layer under the child's own KPI, like the catalogue's."""
    written: Plan | None = None
    """The child as its file says (``None``: nothing was added to it)."""

    def relocate(self, path: FieldPath) -> FieldPath | None:
        """Where a finding about ``path`` belongs in the child's file.

        The child's own items keep their paths. An inherited task's field that the child
        changes (``ke_thua.sua``) is reported there; anything else inherited is the parent's,
        already checked with the parent, and is dropped.
        """
        if self.written is None:
            return path
        task = self._inherited_task(path)
        if task is None:
            return None if self._inherited(path) else path
        rest = path[4:] if path[0] == "nhom_nhiem_vu" else path[2:]
        changes = self.written.inheritance.changes
        for index, change in enumerate(changes):
            keys = {TaskChange.model_fields[name].alias for name in change.model_fields_set}
            if change.id == task.source and rest and rest[0] in keys:
                return ("ke_thua", "sua", index, *rest)
        return None

    def _inherited(self, path: FieldPath) -> bool:
        assert self.written is not None
        own = {"nhiem_vu": len(self.written.tasks), "nhom_nhiem_vu":
               len(self.written.task_groups), "chi_tieu": len(self.written.kpis),
               "cac_moc": len(self.written.milestones)}
        return len(path) > 1 and path[0] in own and isinstance(path[1], int) and \
            path[1] >= own[str(path[0])]

    def _inherited_task(self, path: FieldPath) -> Task | None:
        if not self._inherited(path):
            return None
        if path[0] == "nhiem_vu":
            return self.plan.tasks[int(path[1])]
        if path[0] == "nhom_nhiem_vu" and len(path) > 3 and path[2] == "nhiem_vu":
            return self.plan.task_groups[int(path[1])].tasks[int(path[3])]
        return None


@dataclass(frozen=True)
class Held:
    """The parent items a plan holds already, by kind (a task and a KPI may share an id)."""

    tasks: frozenset[str]
    groups: frozenset[str]
    kpis: frozenset[str]


def held(plan: Plan) -> Held:
    """The ids of the parent's items a plan holds (by ``nguon``, or by the same id)."""
    def ids(items: list[str | None]) -> frozenset[str]:
        return frozenset(ident for ident in items if ident)

    return Held(ids([t.source or t.id for g in plan.all_task_groups() for t in g.tasks]),
                ids([g.source or g.id for g in plan.task_groups]),
                ids([k.source or k.id for k in plan.kpis]))


def task_concerns(task: Task, unit: Unit) -> bool:
    """Whether a parent's task is the child's to carry out (it names the child or its level)."""
    return concerns_any([*task.lead, *task.partners], unit)


def _units(names: list[str], unit: Unit) -> list[str]:
    """The parent's collective units replaced by the child's own name, once."""
    out: list[str] = []
    for name in names:
        mine = unit.short_name if concerns(name, unit) else name
        if mine not in out:
            out.append(mine)
    return out


def _roles(task: Task, unit: Unit) -> tuple[list[str], list[str]]:
    """Lead and partners as the child's plan shows them.

    When the parent makes the child (or its level) a lead, the child leads its own task and
    the parent's other leads ("Các cơ quan chuyên môn thuộc UBND huyện") cooperate with it;
    when the child only cooperates, the parent's lead stays the lead.
    """
    if concerns_any(task.lead, unit):
        others = [name for name in [*task.lead, *task.partners] if not concerns(name, unit)]
        return [unit.short_name], list(dict.fromkeys(others))
    return list(task.lead), _units(task.partners, unit)


def inherited_task(task: Task, change: TaskChange | None, parent: Unit, child: Unit) -> Task:
    """A parent's task as the child carries it: its area, its roles, the ``sua`` applied."""
    lead, partners = _roles(task, child)
    update: dict[str, object] = {
        "content": Markup(localised(task.content, parent, child)),
        "lead": lead, "partners": partners, "source": task.id,
    }
    if change is not None:
        names = {"content", "lead", "partners", "due", "product", "note"}
        update |= {name: getattr(change, name) for name in change.model_fields_set & names}
    return task.model_copy(update=update)


def _tasks(parent: Plan, child: Plan, parent_unit: Unit, unit: Unit) -> tuple[list[Task],
                                                                                 list[TaskGroup]]:
    """The parent's tasks for the child, loose and grouped, that the child lacks."""
    holds = held(child)
    dropped = {d.id for d in child.inheritance.drops}
    changes = {c.id: c for c in child.inheritance.changes}

    def wanted(tasks: list[Task]) -> list[Task]:
        return [inherited_task(t, changes.get(t.id or ""), parent_unit, unit) for t in tasks
                if t.id not in holds.tasks | dropped and task_concerns(t, unit)]

    loose = wanted(parent.tasks)
    groups = []
    for group in parent.task_groups:
        tasks = wanted(group.tasks)
        if tasks and group.id not in holds.groups | dropped:
            groups.append(group.model_copy(update={"tasks": tasks, "source": group.id}))
    return loose, groups


def target_concerns(item: Scope, unit: Unit, groups: Mapping[str, set[str]]) -> bool:
    """Whether a parent's target (or result) is for the child: its unit, group or level."""
    if item.unit is not None:
        return unit_key(item.unit) == unit_key(unit.name)
    if item.group is not None:
        return unit_key(unit.name) in groups.get(item.group, set())
    return item.level is None or item.level == unit.level


def _for_child(item: Scope) -> Scope:
    """A target for the child's level, group or name made the child's own, for all of it.

    Unscoped, it sits under the child's own targets like a catalogue value: any target the
    child writes for the same milestone (for itself, or for its name) wins over it.
    """
    return item.model_copy(update={"group": None, "unit": None, "level": None})


def floors(parent: Plan, child: Plan, unit: Unit) -> dict[str, Kpi]:
    """The parent's KPIs with only what concerns the child, by id (not those dropped)."""
    groups = {g.id: {unit_key(u) for u in g.units} for g in parent.unit_groups}
    dropped = {d.id for d in child.inheritance.drops}
    out = {}
    for kpi in parent.kpis:
        targets = [_for_child(t) for t in kpi.targets if target_concerns(t, unit, groups)]
        results = [_for_child(r) for r in kpi.results if target_concerns(r, unit, groups)]
        if kpi.id and kpi.id not in dropped and (targets or results):
            out[kpi.id] = kpi.model_copy(update={"targets": targets, "results": results})
    return out


def inherit(child: Plan, parent: Plan, parent_unit: Unit, unit: Unit, *,
            live: bool = True) -> Inherited:
    """The child completed from its parent (the parent with ids; the child as written).

    ``live=False`` (a derived copy, or ``validate --parent``): the child's items stay as they
    are; only the parent's targets are layered under its KPIs.
    """
    layer = floors(parent, child, unit)
    if not live or not child.inheritance.automatic:
        return Inherited(child, layer)
    loose, groups = _tasks(parent, child, parent_unit, unit)
    own = held(child).kpis
    extra_kpis = [Kpi.model_validate({"id": ident, "nguon": ident}) for ident in layer
                  if ident not in own]
    return Inherited(child.model_copy(update={
        "tasks": [*child.tasks, *loose],
        "task_groups": [*child.task_groups, *groups],
        "kpis": [*child.kpis, *extra_kpis],
        "milestones": child.milestones or parent.milestones,
    }), layer, child)

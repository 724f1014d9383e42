"""The KPI book: every target of a plan resolved to an exact value, with how it was found.

Typed targets are taken as they are; rule targets are computed from the results and
central targets they name (``vuot_trung_uong``, the Ia Ake rule) or interpolated between
two milestones by day count (``noi_suy``). Every computed value carries a sentence that says
how, for ``--explain``. A rule whose inputs are missing is listed in
:attr:`KpiBook.unresolved`; the check stage turns each into a located error.

The book is built once per build, from a plan with ids, and never changes afterwards: the
order of every milestone it can be asked about is fixed when it is built.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Literal

from generator.errors import FieldPath
from generator.kpi.catalogue import effective_kpis
from generator.kpi.comparison import Comparison, comparison_for, meets
from generator.kpi.numbers import ratio_percent, show_percent, to_fraction
from generator.model import Kpi, Plan, Result, Rule, Target
from generator.names import unit_key


@dataclass(frozen=True)
class AboveCentral:
    """The inputs of a ``vuot_trung_uong`` target: last year's result (its milestone), the
    central target, the points added and the cap, all in percent."""

    result_milestone: str
    central: Fraction
    add: Fraction
    cap: Fraction


@dataclass(frozen=True)
class Interpolated:
    """The inputs of a ``noi_suy`` target: the value at the start milestone (a result, or a
    target), the target at the end milestone, and how far between them it lies by days."""

    start_milestone: str
    start_is_result: bool
    end_milestone: str
    share: Fraction


@dataclass(frozen=True)
class Value:
    """A resolved target or result: exact value, where it applies, and how it was found."""

    kpi: str
    value: Fraction | None
    level: str | None = None
    unit: str | None = None
    group: str | None = None
    milestone: str | None = None
    maintain: bool = False
    comparison: Comparison = Comparison.AT_LEAST
    """How a result is judged against this target (folded from so_sanh and the KPI)."""
    aspiration: bool = False
    """``so_sanh: phan_dau``: aimed at, judged like a floor, but binding no lower plan."""
    explanation: str | None = None
    places: int | None = None
    """Decimals to show: a typed figure keeps its own precision (99.77 → 99,77%)."""
    origin: FieldPath | None = None
    """Where the plan itself writes this target (``None``: from the catalogue or a parent)."""
    rule: AboveCentral | Interpolated | None = None
    """How a rule target was computed, so a spreadsheet can compute it live."""

    def specificity(self) -> int:
        """Unit beats group beats level beats a value for everyone."""
        return 3 if self.unit else 2 if self.group else 1 if self.level else 0


Reason = Literal["no-result", "no-central", "no-days", "no-interpolation-ends"]


@dataclass(frozen=True)
class Unresolved:
    """A rule target that could not be computed: which, where in the plan, and why."""

    kpi: str
    path: FieldPath
    reason: Reason
    milestones: tuple[str, ...]


@dataclass(frozen=True)
class KpiBook:
    """Resolved KPIs of a plan, looked up by scope and milestone; immutable."""

    kpis: Mapping[str, Kpi]
    milestone_order: Mapping[str, int]
    """Every milestone the plan mentions: listed ones first, then in first-seen order."""
    milestone_days: Mapping[str, int]
    targets: Mapping[str, Sequence[Value]]
    results: Mapping[str, Sequence[Value]]
    unresolved: tuple[Unresolved, ...] = ()
    floor_milestones: Mapping[str, frozenset[str]] = field(
        default_factory=lambda: MappingProxyType({}))
    """KPI id → the milestones a parent plan sets targets for (its floors, unscoped in the
    book): a plan's own tables show them like the plan's own targets."""

    def order(self, milestone: str | None) -> int:
        """Position of a milestone in time; ``None`` (no milestone) comes first."""
        if milestone is None:
            return -1
        return self.milestone_order.get(milestone, len(self.milestone_order))

    def target(self, kpi: str, milestone: str | None, *, unit: str | None = None,
               group: str | None = None, level: str | None = None) -> Value | None:
        """The most specific target in force at ``milestone`` for this unit/group/level.

        A target set for an earlier milestone with ``duy_tri`` still holds later.
        """
        return _best(self.targets.get(kpi, ()), self, milestone, unit, group, level)

    def result(self, kpi: str, milestone: str | None, *, unit: str | None = None,
               group: str | None = None, level: str | None = None) -> Value | None:
        """The most specific known result at exactly ``milestone``."""
        found = [v for v in self.results.get(kpi, ()) if v.milestone == milestone]
        return _best(found, self, milestone, unit, group, level)

    def target_milestones(self, kpi: str) -> list[str]:
        """Milestones this KPI has targets for, in time order."""
        return sorted({v.milestone for v in self.targets.get(kpi, ()) if v.milestone},
                      key=self.order)

    def result_milestones(self, kpi: str) -> list[str]:
        """Milestones this KPI has known results for, in time order."""
        return sorted({v.milestone for v in self.results.get(kpi, ()) if v.milestone},
                      key=self.order)

    def milestones(self) -> list[str]:
        """Every milestone of the plan, in time order."""
        return sorted(self.milestone_order, key=self.order)


def achieved(value: Fraction | None, target: Value | None) -> bool | None:
    """Whether a result meets its target, by the target's comparison; ``None`` if unknown."""
    if target is None:
        return None
    return meets(value, target.value, target.comparison)


def _applies(value: Value, unit: str | None, group: str | None, level: str | None) -> bool:
    return ((value.unit is None or (unit is not None and unit_key(value.unit) == unit_key(unit)))
            and (value.group is None or value.group == group)
            and (value.level is None or value.level == level))


def _best(values: Iterable[Value], book: KpiBook, milestone: str | None, unit: str | None,
          group: str | None, level: str | None) -> Value | None:
    candidates = []
    for index, value in enumerate(values):  # on a tie the later (the plan's own) wins
        if not _applies(value, unit, group, level):
            continue
        if value.milestone == milestone or milestone is None or value.milestone is None:
            candidates.append((value.specificity(), 1, book.order(value.milestone), index, value))
        elif value.maintain and book.order(value.milestone) < book.order(milestone):
            candidates.append((value.specificity(), 0, book.order(value.milestone), index, value))
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[:4])[4]


def typed_places(value: Decimal) -> int:
    """How many decimals a typed figure carries: 75.8 → 1, 99.77 → 2, 100 → 0."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _scoped(kpi: str, item: Target | Result, value: Fraction | None, **extra: object) -> Value:
    return Value(kpi, value, item.level, item.unit, item.group, item.milestone,
                 **extra)  # type: ignore[arg-type]


def _result_value(kpi: str, result: Result) -> Value:
    if result.value is not None:
        return _scoped(kpi, result, to_fraction(result.value), places=typed_places(result.value))
    assert result.numerator is not None and result.denominator is not None  # checked
    return _scoped(kpi, result, ratio_percent(result.numerator, result.denominator))


def _milestone_order(plan: Plan, kpis: list[Kpi]) -> dict[str, int]:
    order = {m.name: i for i, m in enumerate(plan.milestones)}
    mentioned = [item.milestone for kpi in kpis for item in (*kpi.results, *kpi.targets)]
    mentioned += [name for kpi in kpis for t in kpi.targets if t.rule
                  for name in (t.rule.result_milestone, t.rule.central_milestone,
                               t.rule.start_milestone, t.rule.end_milestone)]
    if plan.data_mapping and plan.data_mapping.milestone:
        mentioned.append(plan.data_mapping.milestone)
    for name in mentioned:
        if name is not None and name not in order:
            order[name] = len(order)
    return order


@dataclass
class _Builder:
    """The book while it is being filled: rules read the values computed before them."""

    book: KpiBook
    targets: dict[str, list[Value]] = field(default_factory=dict)
    unresolved: list[Unresolved] = field(default_factory=list)

    def freeze(self) -> KpiBook:
        return replace(self.book, targets=_frozen(self.targets),
                       unresolved=tuple(self.unresolved))

    def view(self) -> KpiBook:
        """The book as it stands (sharing the lists being filled), for the next rule."""
        return replace(self.book, targets=MappingProxyType(self.targets))


def _frozen(values: dict[str, list[Value]]) -> Mapping[str, tuple[Value, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in values.items()})


def build_book(plan: Plan, catalogue: Mapping[str, Kpi],
               floors: Mapping[str, Kpi] | None = None) -> KpiBook:
    """Resolve every KPI of a checked plan with ids; rules missing inputs are listed.

    ``floors`` are the parent plan's KPIs for this unit (a lower-level plan's inheritance).
    """
    kpis = effective_kpis(plan, catalogue, floors)
    base = KpiBook(
        kpis=MappingProxyType({k.id or "": k for k in kpis}),
        milestone_order=MappingProxyType(_milestone_order(plan, kpis)),
        milestone_days=MappingProxyType({m.name: m.days for m in plan.milestones
                                         if m.days is not None}),
        targets=MappingProxyType({}),
        results=MappingProxyType({k.id or "": tuple(_result_value(k.id or "", r)
                                                    for r in k.results) for k in kpis}),
        floor_milestones=MappingProxyType({
            k.id or "": frozenset(t.milestone for t in layer.targets if t.milestone)
            for k in kpis if (layer := (floors or {}).get(k.source or k.id or ""))}),
    )
    owns = [len(kpi.targets) - len(plan.kpis[i].targets) for i, kpi in enumerate(kpis)]
    builder = _Builder(base, {k.id or "": [_typed(k, t, _origin(i, j, owns[i]))
                                          for j, t in enumerate(k.targets) if t.value is not None]
                              for i, k in enumerate(kpis)})
    for rule_pass in ("vuot_trung_uong", "noi_suy"):
        for index, kpi in enumerate(kpis):
            for j, target in _rule_targets(kpi, rule_pass):
                origin = _origin(index, j, owns[index])
                path: FieldPath = (*origin, "quy_tac") if origin else ("chi_tieu", index)
                computed = _apply_rule(builder.view(), kpi, target, path, origin)
                if isinstance(computed, Unresolved):
                    builder.unresolved.append(computed)
                else:
                    builder.targets[kpi.id or ""].append(computed)
    return builder.freeze()


def _origin(index: int, j: int, own: int) -> FieldPath | None:
    """The path of target ``j`` of KPI ``index`` if the plan writes it itself."""
    return ("chi_tieu", index, "muc_tieu", j - own) if j >= own else None


def _typed(kpi: Kpi, target: Target, origin: FieldPath | None) -> Value:
    assert target.value is not None
    return _scoped(kpi.id or "", target, to_fraction(target.value), maintain=target.maintain,
                   comparison=comparison_for(target.compare, kpi.higher_is_better),
                   aspiration=target.compare == "phan_dau",
                   places=typed_places(target.value), origin=origin)


def _rule_targets(kpi: Kpi, kind: str) -> Iterator[tuple[int, Target]]:
    for j, target in enumerate(kpi.targets):
        if target.rule is not None and target.rule.kind == kind:
            yield j, target


def _apply_rule(book: KpiBook, kpi: Kpi, target: Target, path: FieldPath,
                origin: FieldPath | None) -> Value | Unresolved:
    rule = target.rule
    assert rule is not None
    found = (_above_central if rule.kind == "vuot_trung_uong" else _interpolate)(
        book, kpi, target, rule, path)
    return replace(found, origin=origin) if isinstance(found, Value) else found


def _scope_of(target: Target) -> dict[str, str | None]:
    return {"unit": target.unit, "group": target.group, "level": target.level}


def _computed(kpi: Kpi, target: Target, value: Fraction, how: str,
              places: int | None = None) -> Value:
    return _scoped(kpi.id or "", target, value, maintain=target.maintain,
                   comparison=comparison_for(target.compare, kpi.higher_is_better),
                   aspiration=target.compare == "phan_dau",
                   explanation=how, places=places)


def _above_central(book: KpiBook, kpi: Kpi, target: Target, rule: Rule,
                   path: FieldPath) -> Value | Unresolved:
    """The Ia Ake rule (section III.2 of the seed), capped."""
    ident = kpi.id or ""
    last = book.result(ident, rule.result_milestone, **_scope_of(target))
    central = book.target(ident, rule.central_milestone, **_scope_of(target))
    if last is None or last.value is None:
        return Unresolved(ident, path, "no-result", (rule.result_milestone or "",))
    if central is None or central.value is None:
        return Unresolved(ident, path, "no-central", (rule.central_milestone or "",))
    add, cap = to_fraction(rule.add), to_fraction(rule.cap)
    shown_last = show_percent(last.value, trim=True)
    shown_central = show_percent(central.value, trim=True)
    places = central.places
    if last.value < central.value:
        raw = central.value + add
        how = (f"kết quả {rule.result_milestone} {shown_last} thấp hơn chỉ tiêu Trung ương "
               f"{rule.central_milestone} {shown_central} → {shown_central} + {rule.add}")
    else:
        raw = max(last.value, central.value) + add
        places = max(last.places or 0, central.places or 0)
        how = (f"kết quả {rule.result_milestone} {shown_last} không thấp hơn chỉ tiêu Trung "
               f"ương {shown_central} → {shown_last} + {rule.add}")
    value = min(raw, cap)
    how += f" = {show_percent(raw, trim=True)}"
    if raw > cap:
        how += f", không quá {show_percent(cap, trim=True)} → {show_percent(value, trim=True)}"
    inputs = AboveCentral(rule.result_milestone or "", central.value, add, cap)
    return replace(_computed(kpi, target, value, f"{how}.", places), rule=inputs)


def _interpolate(book: KpiBook, kpi: Kpi, target: Target, rule: Rule,
                 path: FieldPath) -> Value | Unresolved:
    """Linear by day count between a start value and an end target."""
    ident = kpi.id or ""
    names = (rule.start_milestone or "", rule.end_milestone or "", target.milestone or "")
    days = [book.milestone_days.get(name) for name in names]
    d0, d1, dm = days
    if d0 is None or d1 is None or dm is None:
        return Unresolved(ident, path, "no-days", names)
    scope = _scope_of(target)
    known = book.result(ident, rule.start_milestone, **scope)
    start = known or book.target(ident, rule.start_milestone, **scope)
    end = book.target(ident, rule.end_milestone, **scope)
    if start is None or end is None or start.value is None or end.value is None or d1 == d0:
        return Unresolved(ident, path, "no-interpolation-ends", names[:2])
    value = start.value + (end.value - start.value) * Fraction(dm - d0, d1 - d0)
    how = (f"nội suy theo ngày: {show_percent(start.value, trim=True)} ({rule.start_milestone}) "
           f"→ {show_percent(end.value, trim=True)} ({rule.end_milestone}), ngày {dm} trên "
           f"{d1} → {show_percent(value)}.")
    inputs = Interpolated(rule.start_milestone or "", known is not None,
                          rule.end_milestone or "", Fraction(dm - d0, d1 - d0))
    return replace(_computed(kpi, target, value, how), rule=inputs)

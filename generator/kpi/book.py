"""The KPI book: every target of a plan resolved to an exact value, with how it was found.

Typed targets are taken as they are; rule targets are computed from the results and
central targets they name (``vuot_trung_uong``, the Ia Ake rule) or interpolated between
two milestones by day count (``noi_suy``). Every computed value carries a sentence that says
how, for ``--explain``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from generator.errors import Diagnostic, Path
from generator.kpi.catalogue import effective_kpis
from generator.kpi.comparison import Comparison, comparison_for, meets
from generator.kpi.numbers import ratio_percent, show_percent, to_fraction
from generator.model import Kpi, Plan, Result, Rule, Target
from generator.registry import level_name

LATER = 10**6
"""Order given to a milestone the plan does not list: after every listed one."""


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
    explanation: str | None = None
    numerator: int | None = None
    denominator: int | None = None
    places: int | None = None
    """Decimals to show: a typed figure keeps its own precision (99.77 → 99,77%)."""

    def specificity(self) -> int:
        """Unit beats group beats level beats a value for everyone."""
        return 3 if self.unit else 2 if self.group else 1 if self.level else 0


@dataclass
class KpiBook:
    """Resolved KPIs of a plan, looked up by scope and milestone."""

    kpis: dict[str, Kpi]
    milestone_order: dict[str, int]
    milestone_days: dict[str, int]
    targets: dict[str, list[Value]] = field(default_factory=dict)
    results: dict[str, list[Value]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

    def order(self, milestone: str | None) -> int:
        """Position of a milestone; unlisted ones come after, in first-seen order."""
        if milestone is None:
            return -1
        if milestone not in self.milestone_order:
            self.milestone_order[milestone] = LATER + len(self.milestone_order)
        return self.milestone_order[milestone]

    def target(self, kpi: str, milestone: str | None, *, unit: str | None = None,
               group: str | None = None, level: str | None = None) -> Value | None:
        """The most specific target in force at ``milestone`` for this unit/group/level.

        A target set for an earlier milestone with ``duy_tri`` still holds later.
        """
        return _best(self.targets.get(kpi, []), self, milestone, unit, group, level)

    def result(self, kpi: str, milestone: str | None, *, unit: str | None = None,
               group: str | None = None, level: str | None = None) -> Value | None:
        """The most specific known result at exactly ``milestone``."""
        found = [v for v in self.results.get(kpi, []) if v.milestone == milestone]
        return _best(found, self, milestone, unit, group, level)

    def explanations(self) -> list[str]:
        """One sentence per computed target: which KPI, which milestone, how."""
        return [line for _, line in self.explanation_lines()]

    def explanation_lines(self) -> list[tuple[str, str]]:
        """(KPI id, sentence) for every computed target, in declaration order."""
        out = []
        for kpi, values in self.targets.items():
            name = self.kpis[kpi].short_name or self.kpis[kpi].name or kpi
            for value in values:
                if value.explanation:
                    scope = value.unit or value.group or level_name(value.level)
                    who = f" ({scope})" if scope else ""
                    out.append((kpi, f"{name}, {value.milestone}{who}: {value.explanation}"))
        return out

    def target_milestones(self, kpi: str) -> list[str]:
        """Milestones this KPI has targets for, in time order."""
        names = {v.milestone for v in self.targets.get(kpi, []) if v.milestone}
        return sorted(names, key=self.order)

    def result_milestones(self, kpi: str) -> list[str]:
        """Milestones this KPI has known results for, in time order."""
        names = {v.milestone for v in self.results.get(kpi, []) if v.milestone}
        return sorted(names, key=self.order)


def _applies(value: Value, unit: str | None, group: str | None, level: str | None) -> bool:
    return ((value.unit is None or value.unit == unit)
            and (value.group is None or value.group == group)
            and (value.level is None or value.level == level))


def _best(values: list[Value], book: KpiBook, milestone: str | None, unit: str | None,
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


def _scoped(kpi: str, item: Target | Result, value: Fraction | None, **extra: object) -> Value:
    return Value(kpi, value, item.level, item.unit, item.group, item.milestone, **extra)  # type: ignore[arg-type]


def typed_places(value: Decimal) -> int:
    """How many decimals a typed figure carries: 75.8 → 1, 99.77 → 2, 100 → 0."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _result_value(kpi: str, result: Result) -> Value:
    if result.value is not None:
        return _scoped(kpi, result, to_fraction(result.value),
                       places=typed_places(result.value))
    assert result.numerator is not None and result.denominator is not None
    return _scoped(kpi, result, ratio_percent(result.numerator, result.denominator),
                   numerator=result.numerator, denominator=result.denominator)


def build_book(plan: Plan) -> KpiBook:
    """Resolve every KPI of the plan; problems are collected, not raised."""
    kpis = effective_kpis(plan)
    book = KpiBook(
        kpis={k.id or "": k for k in kpis},
        milestone_order={m.name: i for i, m in enumerate(plan.milestones)},
        milestone_days={m.name: m.days for m in plan.milestones if m.days is not None},
    )
    for index, kpi in enumerate(kpis):
        ident = kpi.id or ""
        book.results[ident] = [_result_value(ident, r) for r in kpi.results]
        book.targets[ident] = [
            _scoped(ident, t, to_fraction(t.value), maintain=t.maintain,
                    comparison=comparison_for(t.compare, kpi.higher_is_better),
                    places=typed_places(t.value))
            for t in kpi.targets if t.value is not None]
        own = len(kpi.targets) - len(plan.kpis[index].targets)
        for rule_pass in ("vuot_trung_uong", "noi_suy"):
            for j, target in _rule_targets(kpi, rule_pass):
                path: Path = ("chi_tieu", index, "muc_tieu", j - own, "quy_tac")
                computed = _apply_rule(book, ident, target, path)
                if computed is not None:
                    book.targets[ident].append(computed)
    return book


def _rule_targets(kpi: Kpi, kind: str) -> Iterator[tuple[int, Target]]:
    for j, target in enumerate(kpi.targets):
        if target.rule is not None and target.rule.kind == kind:
            yield j, target


def _apply_rule(book: KpiBook, kpi: str, target: Target, path: Path) -> Value | None:
    rule = target.rule
    assert rule is not None
    if rule.kind == "vuot_trung_uong":
        return _above_central(book, kpi, target, rule, path)
    return _interpolate(book, kpi, target, rule, path)


def _scope_of(target: Target) -> dict[str, str | None]:
    return {"unit": target.unit, "group": target.group, "level": target.level}


def _above_central(book: KpiBook, kpi: str, target: Target, rule: Rule,
                   path: Path) -> Value | None:
    """The Ia Ake rule (section III.2 of the seed), capped."""
    last = book.result(kpi, rule.result_milestone, **_scope_of(target))
    central = book.target(kpi, rule.central_milestone, **_scope_of(target))
    if last is None or last.value is None or central is None or central.value is None:
        missing = "kết quả" if last is None or last.value is None else "chỉ tiêu Trung ương"
        where = rule.result_milestone if missing == "kết quả" else rule.central_milestone
        book.problems.append(Diagnostic(
            f"Chỉ tiêu '{kpi}': quy tắc vuot_trung_uong thiếu {missing} mốc '{where}'.",
            path=path, hint="Thêm vào 'ket_qua' hoặc 'muc_tieu' của chỉ tiêu, đúng tên mốc."))
        return None
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
    return _scoped(kpi, target, value, maintain=target.maintain,
                   comparison=_comparison(book, kpi, target), explanation=f"{how}.",
                   places=places)


def _interpolate(book: KpiBook, kpi: str, target: Target, rule: Rule,
                 path: Path) -> Value | None:
    """Linear by day count between a start value and an end target."""
    names = [rule.start_milestone, rule.end_milestone, target.milestone]
    days = [book.milestone_days.get(name or "") for name in names]
    if None in days:
        book.problems.append(Diagnostic(
            f"Chỉ tiêu '{kpi}': nội suy cần số ngày của các mốc {', '.join(map(str, names))}.",
            path=path, hint="Khai báo 'cac_moc' với 'so_ngay' cho từng mốc."))
        return None
    scope = _scope_of(target)
    start = book.result(kpi, rule.start_milestone, **scope) or \
        book.target(kpi, rule.start_milestone, **scope)
    end = book.target(kpi, rule.end_milestone, **scope)
    d0, d1, dm = (int(d) for d in days)  # type: ignore[arg-type]
    if start is None or end is None or start.value is None or end.value is None or d1 == d0:
        book.problems.append(Diagnostic(
            f"Chỉ tiêu '{kpi}': nội suy thiếu giá trị ở mốc '{rule.start_milestone}' hoặc "
            f"'{rule.end_milestone}'.", path=path))
        return None
    value = start.value + (end.value - start.value) * Fraction(dm - d0, d1 - d0)
    how = (f"nội suy theo ngày: {show_percent(start.value, trim=True)} ({rule.start_milestone}) "
           f"→ {show_percent(end.value, trim=True)} ({rule.end_milestone}), ngày {dm} trên "
           f"{d1} → {show_percent(value)}.")
    return _scoped(kpi, target, value, maintain=target.maintain,
                   comparison=_comparison(book, kpi, target), explanation=how)


def _comparison(book: KpiBook, kpi: str, target: Target) -> Comparison:
    return comparison_for(target.compare, book.kpis[kpi].higher_is_better)


def achieved(value: Fraction | None, target: Value | None) -> bool | None:
    """Whether a result meets its target, by the target's comparison; ``None`` if unknown."""
    if target is None:
        return None
    return meets(value, target.value, target.comparison)

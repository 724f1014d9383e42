"""``kehoach derive``: a lower-level unit's plan started from its parent plan.

The parent is loaded and checked like any plan (:func:`generator.pipeline.load_plan`); each
child is composed from it (:mod:`.compose`, pure) and written as commented YAML
(:mod:`.yamlout`). A child file that exists is never replaced unless asked (``--ghi-de``).
For a list of units, every good row is written and every bad one reported.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from generator.check import CheckedPlan
from generator.derive.compose import compose
from generator.derive.spec import ChildSpec, level_problem, read_children
from generator.derive.yamlout import draft_text
from generator.errors import Diagnostic
from generator.ids import slugify
from generator.reference import Reference


@dataclass(frozen=True)
class Derived:
    """What one derivation did: the file written, or why not."""

    target: Path
    problem: Diagnostic | None = None


def child_text(parent: CheckedPlan, parent_path: Path, spec: ChildSpec, target: Path,
               reference: Reference, today: dt.date) -> str:
    """The YAML of the child plan that will live at ``target``."""
    link = os.path.relpath(parent_path.resolve(), target.resolve().parent)
    return draft_text(compose(parent, spec, reference, Path(link).as_posix(), today))


def _spec_problem(spec: ChildSpec, reference: Reference) -> str | None:
    problem = level_problem(spec.level, reference)
    if problem is None and spec.date:
        try:
            dt.date.fromisoformat(spec.date)
        except ValueError:
            return f"Ngày '{spec.date}' không đúng dạng năm-tháng-ngày (2024-04-06)."
    return problem


def write_child(parent: CheckedPlan, parent_path: Path, spec: ChildSpec, target: Path,
                reference: Reference, *, overwrite: bool, today: dt.date) -> Derived:
    """Write one child plan; a problem (a taken name, a bad level) is returned, not raised."""
    from generator.outputs import write_text_atomic, write_text_new

    problem = _spec_problem(spec, reference)
    if problem:
        return Derived(target, Diagnostic(problem, str(target)))
    text = child_text(parent, parent_path, spec, target, reference, today)
    if overwrite:
        write_text_atomic(target, text)
        return Derived(target)
    try:
        write_text_new(target, text)
    except FileExistsError:
        return Derived(target, Diagnostic(
            "Tệp đã có; kehoach không ghi đè.", str(target),
            hint="Chọn tên khác (-o), hoặc thêm --ghi-de nếu chắc chắn muốn thay."))
    return Derived(target)


def child_file_name(spec: ChildSpec, parent_path: Path) -> str:
    """"xa-ia-ake-phu-thien-2024.yaml": the unit, then the parent's file name."""
    return f"{slugify(spec.unit, 8)}-{parent_path.stem}.yaml"


def derive_list(parent: CheckedPlan, parent_path: Path, listing: Path, out_dir: Path,
                reference: Reference, *, overwrite: bool, today: dt.date) -> list[Derived]:
    """One child per row of a unit list, into ``out_dir``, in row order; bad rows come back
    as problems and do not stop the others."""
    specs, problems = read_children(listing, reference)
    done: list[tuple[int, Derived]] = [(p.line or 0, Derived(listing, p)) for p in problems]
    names: dict[str, int] = {}
    for row, spec in specs:
        name = child_file_name(spec, parent_path)
        if name in names:
            done.append((row, Derived(listing, Diagnostic(
                f"Đơn vị '{spec.unit}' trùng với dòng {names[name]}.", str(listing), row))))
            continue
        names[name] = row
        done.append((row, write_child(parent, parent_path, spec, out_dir / name, reference,
                                      overwrite=overwrite, today=today)))
    return [derived for _, derived in sorted(done, key=lambda pair: pair[0])]


__all__ = ["ChildSpec", "Derived", "child_file_name", "derive_list", "write_child"]

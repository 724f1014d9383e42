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
from generator.derive.spec import ChildSpec, read_children, spec_problem
from generator.derive.yamlout import draft_text
from generator.errors import Diagnostic, KeHoachError
from generator.ids import slugify
from generator.names import unit_key
from generator.reference import Reference


@dataclass(frozen=True)
class Derived:
    """What one derivation did: the file written, or why not."""

    target: Path
    problem: Diagnostic | None = None


def child_text(parent: CheckedPlan, parent_path: Path, spec: ChildSpec, target: Path,
               reference: Reference, today: dt.date) -> str:
    """The YAML of the child plan that will live at ``target``."""
    return draft_text(compose(parent, spec, reference, parent_link(parent_path, target),
                              today))


def parent_link(parent_path: Path, target: Path) -> str:
    """How the child at ``target`` names its parent: relative, with forward slashes (the
    same file on every system); absolute when the two are on different Windows drives,
    where no relative path leads from one to the other."""
    try:
        return Path(os.path.relpath(parent_path.resolve(), target.resolve().parent)).as_posix()
    except ValueError:
        return parent_path.resolve().as_posix()


def write_child(parent: CheckedPlan, parent_path: Path, spec: ChildSpec, target: Path,
                reference: Reference, *, overwrite: bool, today: dt.date) -> Derived:
    """Write one child plan; a problem (a taken name, a bad level) is returned, not raised."""
    from generator.outputs import clerk_facing, write_text_atomic, write_text_new

    problem = spec_problem(spec, reference)
    if problem:
        return Derived(target, Diagnostic(problem, str(target)))
    if target.is_dir():
        return Derived(target, Diagnostic(
            "Đây là một thư mục, không phải tệp kế hoạch.", str(target),
            hint="Ghi tên tệp sau -o, ví dụ -o thu-muc/ke-hoach-xa.yaml."))
    text = child_text(parent, parent_path, spec, target, reference, today)
    try:
        with clerk_facing(target):
            (write_text_atomic if overwrite else write_text_new)(target, text)
    except FileExistsError:
        return Derived(target, Diagnostic(
            "Tệp đã có; kehoach không ghi đè.", str(target),
            hint="Chọn tên khác (-o), hoặc thêm --ghi-de nếu chắc chắn muốn thay."))
    except KeHoachError as exc:
        return Derived(target, exc.diagnostics[0])
    return Derived(target)


def child_file_name(spec: ChildSpec, parent_path: Path) -> str:
    """"xa-ia-ake-phu-thien-2024.yaml": the unit, then the parent's file name."""
    return f"{slugify(spec.unit, 8)}-{parent_path.stem}.yaml"


def _free_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name`` with ``-2``, ``-3``… when another unit of the list has it
    ("Xã Đông Hòa" and "Xã Đồng Hòa" are both "xa-dong-hoa" without diacritics)."""
    stem, n, candidate = name.removesuffix(".yaml"), 1, name
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}.yaml"
    taken.add(candidate)
    return candidate


def derive_list(parent: CheckedPlan, parent_path: Path, listing: Path, out_dir: Path,
                reference: Reference, *, overwrite: bool, today: dt.date) -> list[Derived]:
    """One child per row of a unit list, into ``out_dir``, in row order; bad rows come back
    as problems and do not stop the others."""
    specs, problems = read_children(listing, reference)
    done: list[tuple[int, Derived]] = [(p.line or 0, Derived(listing, p)) for p in problems]
    rows: dict[str, int] = {}
    taken: set[str] = set()
    for row, spec in specs:
        key = unit_key(spec.unit)
        if key in rows:
            done.append((row, Derived(listing, Diagnostic(
                f"Đơn vị '{spec.unit}' trùng với dòng {rows[key]}.", str(listing), row))))
            continue
        rows[key] = row
        name = _free_name(child_file_name(spec, parent_path), taken)
        done.append((row, write_child(parent, parent_path, spec, out_dir / name, reference,
                                      overwrite=overwrite, today=today)))
    return [derived for _, derived in sorted(done, key=lambda pair: pair[0])]


__all__ = ["ChildSpec", "Derived", "child_file_name", "derive_list", "write_child"]

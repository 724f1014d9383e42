"""``kehoach derive``: a lower-level unit's plan started from its parent plan.

The parent is loaded and checked like any plan (:func:`generator.pipeline.load_plan`); each
child is drafted from it (:mod:`.child`, pure) and written as commented YAML
(:mod:`generator.draft`). A child file that exists is never replaced unless asked (``--ghi-de``).
For a list of units, every good row is written and every bad one reported.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.check import CheckedPlan
from generator.derive.child import child_draft, draft_warnings
from generator.derive.spec import ChildSpec, read_children, settled, spec_problem
from generator.draft import draft_text
from generator.errors import Diagnostic, KeHoachError, Place, Severity
from generator.ids import slugify
from generator.names import unit_key
from generator.reference import Reference


@dataclass(frozen=True)
class Derived:
    """What one derivation did: the file written, or why not, and what to look at in it."""

    target: Path
    problems: tuple[Diagnostic, ...] = ()
    """Why the file was not written (every problem of the unit's row, or the write's)."""
    warnings: tuple[Diagnostic, ...] = ()

    @property
    def problem(self) -> Diagnostic | None:
        """The first problem, if any."""
        return self.problems[0] if self.problems else None


def child_text(parent: CheckedPlan, parent_path: Path, spec: ChildSpec, target: Path,
               reference: Reference, today: dt.date) -> str:
    """The YAML of the child plan that will live at ``target``."""
    return draft_text(child_draft(parent, spec, reference, parent_link(parent_path, target),
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
                reference: Reference, *, overwrite: bool, today: dt.date,
                listing: Path | None = None, origin: Place | None = None) -> Derived:
    """Write one child plan; a problem (a taken name, a bad level, a target that is one of
    the files read: the parents, the unit ``listing``) is returned, not raised.

    ``origin``: where the unit was given (its row of a list), where its warnings point;
    else at the file written."""
    from generator.outputs import write_file

    problem = spec_problem(spec, reference)
    if problem:
        return Derived(target, (Diagnostic(problem, str(target)),))
    spec, _ = settled(spec, reference)
    if target.is_dir():
        return Derived(target, (Diagnostic(
            "Đây là một thư mục, không phải tệp kế hoạch.", str(target),
            hint="Ghi tên tệp sau -o, ví dụ -o thu-muc/ke-hoach-xa.yaml."),))
    text = child_text(parent, parent_path, spec, target, reference, today)
    read = {parent_path: "kế hoạch cấp trên", **parent.parent_files(),
            **({listing: "danh sách đơn vị (--danh-sach)"} if listing else {})}
    try:
        write_file(target, text, read, overwrite=overwrite)
    except FileExistsError:
        return Derived(target, (Diagnostic(
            "Tệp đã có; kehoach không ghi đè.", str(target),
            hint="Chọn tên khác (-o), hoặc thêm --ghi-de nếu chắc chắn muốn thay."),))
    except KeHoachError as exc:
        return Derived(target, tuple(exc.diagnostics))
    where = origin or Place(str(target))
    return Derived(target, warnings=tuple(
        Diagnostic(message, where.file, where.line, where.column, severity=Severity.WARNING,
                   hint=hint)
        for message, hint in draft_warnings(parent.plan, spec, reference, today)))


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
                reference: Reference, *, overwrite: bool, today: dt.date,
                blanks: Mapping[str, str] | None = None) -> list[Derived]:
    """One child per row of a unit list, into ``out_dir``, in row order; bad rows come back
    as problems and do not stop the others. ``blanks``: values (by field) for the cells a
    row leaves blank, from the command's options."""
    specs, problems = read_children(listing, reference, blanks)
    by_row: dict[int, list[Diagnostic]] = {}
    for problem in problems:
        by_row.setdefault(problem.line or 0, []).append(problem)
    done = [(row, Derived(listing, tuple(found))) for row, found in by_row.items()]
    rows: dict[str, int] = {}
    taken: set[str] = set()
    for row, spec in specs:
        key = unit_key(spec.unit)
        if key in rows:
            done.append((row, Derived(listing, (Diagnostic(
                f"Đơn vị '{spec.unit}' trùng với dòng {rows[key]}.", str(listing), row),))))
            continue
        rows[key] = row
        name = _free_name(child_file_name(spec, parent_path), taken)
        done.append((row, write_child(parent, parent_path, spec, out_dir / name, reference,
                                      overwrite=overwrite, today=today, listing=listing,
                                      origin=Place(str(listing), row))))
    return [derived for _, derived in sorted(done, key=lambda pair: pair[0])]


__all__ = ["ChildSpec", "Derived", "child_file_name", "derive_list", "write_child"]

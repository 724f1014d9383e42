"""The stages wired together: load → model → ids → consistency checks (→ resolve → render).

Commands call these functions; each returns data or raises :class:`KeHoachError` with every
problem found.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.consistency import check_consistency
from generator.errors import Diagnostic, KeHoachError, Severity
from generator.ids import assign_ids
from generator.load import Document, load_file
from generator.model import Plan
from generator.validate import build_plan


@dataclass(frozen=True)
class LoadedPlan:
    """A validated plan with its source document (for positions) and its warnings."""

    plan: Plan
    document: Document
    warnings: list[Diagnostic]


def load_plan(path: str | Path) -> LoadedPlan:
    """Load, validate and check a plan file; raise on errors, return warnings."""
    document = load_file(path)
    plan = assign_ids(build_plan(document))
    found = check_consistency(plan, document)
    errors = [d for d in found if d.severity is Severity.ERROR]
    if errors:
        raise KeHoachError(found)
    return LoadedPlan(plan, document, found)


def check_plan(path: str | Path) -> list[Diagnostic]:
    """Validate a plan file: the warnings when it is valid, else raise with everything."""
    return load_plan(path).warnings


def build(path: str | Path, out_dir: Path, formats: tuple[str, ...] = ("docx",),
          template: Path | None = None) -> list[Path]:
    """Render a plan into ``out_dir/<stem>.<format>``; nothing is written unless all succeed."""
    from generator.outputs import write_bytes_atomic
    from generator.render import RenderOptions, renderers
    from generator.resolve import resolve_plan

    resolved = resolve_plan(load_plan(path).plan)
    options = RenderOptions(template=template)
    available = renderers()
    rendered: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "pdf" and "docx" in rendered:  # convert the DOCX already made, not again
            from generator.render.pdf import docx_to_pdf

            rendered[fmt] = docx_to_pdf(rendered["docx"])
        else:
            rendered[fmt] = available[fmt](resolved, options)
    written = []
    for fmt, data in rendered.items():
        target = out_dir / f"{Path(path).stem}.{fmt}"
        write_bytes_atomic(target, data)
        written.append(target)
    return written

"""Stage 4: renderers, registered by name, each ``(ResolvedPlan, RenderOptions) -> bytes``.

Renderers share this one small interface and never validate or compute: everything they
print was decided by :mod:`generator.resolve`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.resolved import ResolvedPlan

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
DEFAULT_DOCX_TEMPLATE = TEMPLATES / "ke-hoach.docx"


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer may be told besides the plan: which template to dress it in."""

    template: Path | None = None


Renderer = Callable[[ResolvedPlan, RenderOptions], bytes]


def renderers() -> dict[str, Renderer]:
    """Name → renderer; imported lazily so a command loads only what it uses."""
    from generator.render.docx import render_docx
    from generator.render.pdf import render_pdf
    from generator.render.xlsx import render_xlsx

    return {"docx": render_docx, "xlsx": render_xlsx, "pdf": render_pdf}

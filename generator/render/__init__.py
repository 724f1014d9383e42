"""Stage 5, render: renderers registered by name, each ``(ResolvedPlan, RenderOptions) -> bytes``.

Renderers never validate or compute: everything they print was decided by
:mod:`generator.resolve`. What they do decide is how it sits on their page: lengths from
the template's text width, styles by name. PDF is not a renderer of its own but a step
after the DOCX (:mod:`.pdf`); the terminal's progress table is :mod:`.text`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.reference import FontMetrics
from generator.resolve.layout import ResolvedPlan


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer may be told besides the plan: the template, the font metrics."""

    fonts: FontMetrics
    """Times New Roman widths, to measure the drawn rules under header lines."""
    template: Path | None = None
    """A restyled DOCX template (``--template``); ``None`` for the one shipped."""
    created: dt.datetime | None = None
    """When the document is made (its metadata); ``None`` for the fixed time of an
    undated build (1980-01-01, as zip files count)."""


Renderer = Callable[[ResolvedPlan, RenderOptions], bytes]


def _docx() -> Renderer:
    from generator.render.docx import render_docx

    return render_docx


def _xlsx() -> Renderer:
    from generator.render.xlsx import render_xlsx

    return render_xlsx


def _html() -> Renderer:
    from generator.render.html_page import render_html

    return render_html


RENDERERS: dict[str, Callable[[], Renderer]] = {"docx": _docx, "xlsx": _xlsx, "html": _html}
"""Each format's name and how its renderer is imported: only the one asked for is (a
build for DOCX never loads the spreadsheet writer), and a new format is one line here."""


def renderer(name: str) -> Renderer:
    """The renderer of a format by name (``docx``, ``xlsx``, ``html``); only that one is
    imported. A name not registered is the caller's bug, refused, never another format."""
    try:
        load = RENDERERS[name]
    except KeyError:
        raise ValueError(f"no renderer named {name!r}; known: {', '.join(RENDERERS)}") from None
    return load()

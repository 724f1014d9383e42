"""What every view shares: the folder, the reference data (read once, on first need), the
page templates, and the answers views give in one shape."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse

from generator.errors import Diagnostic
from generator.reference import Reference, load_reference
from generator.web.folder import Folder, OutsideFolder


@dataclass
class Site:
    """One running server's state."""

    folder: Folder
    guide: Path | None = None
    """The built user guide's folder (``output/site``), served at ``/huong-dan/``."""
    _reference: Reference | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    pages: jinja2.Environment = field(default_factory=lambda: jinja2.Environment(
        loader=jinja2.PackageLoader("generator.web", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined))

    def reference(self) -> Reference:
        """The reference data, read at the first request that needs it, then kept."""
        with self._lock:
            if self._reference is None:
                self._reference = load_reference()
            return self._reference

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        """A page from ``templates/``."""
        html = self.pages.get_template(template).render(**context)
        return HTMLResponse(html, status_code=status)

    def problem(self, title: str, message: str, status: int = 400) -> HTMLResponse:
        """A page saying what went wrong and what to do."""
        return self.page("message.html", status, title=title, message=message)


def site_of(request: Request) -> Site:
    """The server's state, from a request."""
    site: Site = request.app.state.site
    return site


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    """A diagnostic as the editor shows it beside its field."""
    return {"message": d.message, "hint": d.hint, "severity": d.severity.value,
            "line": d.line, "column": d.column, "path": list(d.path),
            "where": _where(d)}


def _where(d: Diagnostic) -> str:
    """``dòng 16, co_quan.cap``: where in the file, without the folder's path."""
    from generator.errors import format_path

    parts = [f"dòng {d.line}"] if d.line is not None else []
    if d.path:
        parts.append(format_path(d.path))
    return ", ".join(parts) or "kế hoạch"


def outside(exc: OutsideFolder) -> JSONResponse:
    """A refused name, said in the editor's shape."""
    return JSONResponse({"error": str(exc)}, status_code=404)

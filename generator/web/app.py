"""``kehoach serve``'s app: the routes in one list, the guard around all of them.

:func:`create_app` returns a plain ASGI app; the command only runs it (uvicorn), and tests
call it in-process.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from generator.web.folder import Folder
from generator.web.guard import MAX_BODY, Guard
from generator.web.site import Site
from generator.web.views import compare, docx_check, downloads, editor, guide, importing, plans

ROUTES = [
    Route("/", plans.plan_list),
    Route("/moi", plans.new_plan, methods=["POST"]),
    Route("/cap-duoi", plans.derive_plan, methods=["POST"]),
    Route("/sua/{name:path}", editor.editor_page),
    Route("/api/sua/{name:path}", editor.save_field, methods=["POST"]),
    Route("/api/yaml/{name:path}", editor.save_yaml, methods=["POST"]),
    Route("/api/xem/{name:path}", editor.current),
    Route("/api/van-ban", editor.registry),
    Route("/tai/{name:path}", downloads.download),
    Route("/so-sanh", compare.compare),
    Route("/so-sanh/docx", compare.redline),
    Route("/kiem-tra", docx_check.check_page),
    Route("/kiem-tra", docx_check.check_upload, methods=["POST"]),
    Route("/nhap", importing.import_page),
    Route("/nhap", importing.import_upload, methods=["POST"]),
    Mount("/huong-dan", app=guide.files),
    Mount("/static", StaticFiles(packages=[("generator.web", "static")]), name="static"),
]
"""Every address the server answers, and the view that answers it."""


def create_app(folder: Path, token: str, hosts: Iterable[str],
               max_body: int = MAX_BODY, guide_site: Path | None = guide.BUILT_GUIDE) -> ASGIApp:
    """The app serving the plans of ``folder`` to the browser holding ``token``, reached
    as one of ``hosts`` (``127.0.0.1:PORT``, ``localhost:PORT``), and the user guide built
    in ``guide_site`` at ``/huong-dan/``."""
    app = Starlette(routes=ROUTES)
    app.state.site = Site(Folder.at(folder), guide=guide_site)
    return Guard(app, token, hosts, max_body)

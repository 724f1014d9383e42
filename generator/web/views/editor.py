"""The editor: forms and a YAML tab writing the same file, the preview beside them, the
diagnostics of ``validate`` at the fields they concern.

Every change is saved at once through the output module, naming the version it was made
from: a file changed since (another tab, an editor) is not overwritten, and the clerk is
told. Each answer carries the new version, the diagnostics and the preview (the plan as
``renderer("html")`` draws it from the resolved layout the DOCX renderer reads).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from generator.errors import Diagnostic, KeHoachError
from generator.load import load_bytes
from generator.web.folder import OutsideFolder, read_plan_bytes, version_of
from generator.web.forms import KINDS, parsed, tabs
from generator.web.site import Site, diagnostic_json, outside, site_of
from generator.web.yamledit import EditError, edit, same_line_ends


@dataclass
class Outcome:
    """A plan as the editor shows it after a change."""

    version: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    preview: str | None = None
    """The whole preview page; ``None`` while the plan has errors (the last one stays)."""

    def json(self, **extra: Any) -> dict[str, Any]:
        """What the page receives."""
        return {"version": self.version, "preview": self.preview,
                "diagnostics": [diagnostic_json(d) for d in self.diagnostics], **extra}


def outcome(site: Site, path: Path, data: bytes) -> Outcome:
    """Load, check, resolve and draw a plan's bytes, as ``build`` does up to the renderer."""
    from generator.pipeline import BuildRequest, load_plan, resolve_for
    from generator.render import RenderOptions, renderer

    version = version_of(data)
    reference = site.reference()
    try:
        document = load_bytes(data, str(path))
        checked = load_plan(path, reference, document=document)
        resolved, _, warnings = resolve_for(checked, BuildRequest(path.parent, ("docx",)),
                                            reference)
    except KeHoachError as exc:
        return Outcome(version, list(exc.diagnostics))
    page = renderer("html")(resolved, RenderOptions(reference.font_metrics)).decode("utf-8")
    return Outcome(version, [*checked.warnings, *warnings], page)


def _plan(site: Site, request: Request) -> Path:
    return site.folder.plan(request.path_params["name"])


async def editor_page(request: Request) -> Response:
    """``/sua/NAME``: the editor of one plan."""
    site = site_of(request)
    try:
        path = _plan(site, request)
    except OutsideFolder as exc:
        return site.problem("Không mở được tệp", str(exc), 404)
    if not path.is_file():
        return site.problem("Không có tệp", f"Thư mục không có tệp '{path.name}'.", 404)
    try:
        data = read_plan_bytes(path)
    except KeHoachError as exc:
        return site.problem("Không đọc được tệp", exc.diagnostics[0].format())
    text = data.decode("utf-8", errors="replace")
    try:
        plain = load_bytes(data, str(path)).data
    except KeHoachError:
        plain = None  # the YAML tab only, until the syntax is fixed
    now = outcome(site, path, data)
    names = [site.folder.name_of(p) for p in site.folder.plans()]
    return site.page("editor.html", name=site.folder.name_of(path), quoted=quote(
        site.folder.name_of(path)), text=text, tabs=tabs(plain) if isinstance(plain, dict)
        else [], state=json.dumps(now.json(), ensure_ascii=False).replace("</", "<\\/"),
        others=[n for n in names if n != site.folder.name_of(path)])


def _saved(site: Site, path: Path, given: str, change: Any) -> Response:
    """Apply ``change`` (old text → new text) to the file at ``given`` version and answer
    with the outcome; refused when the file changed since."""
    from generator.outputs import write_file

    try:
        current = read_plan_bytes(path)
    except KeHoachError as exc:
        return JSONResponse({"error": exc.diagnostics[0].format()}, status_code=404)
    if version_of(current) != given:
        return JSONResponse({"stale": True, "version": version_of(current), "error":
                             "Tệp đã được sửa ở nơi khác (một thẻ khác hoặc trình soạn thảo) "
                             "sau khi trang này mở. Thay đổi vừa rồi chưa được lưu: tải lại "
                             "trang để sửa trên bản mới nhất."}, status_code=409)
    try:
        text = change(current.decode("utf-8"))
    except UnicodeDecodeError:
        return JSONResponse({"error": "Tệp không ở dạng UTF-8 nên chưa sửa được ở đây: mở "
                             "bằng Notepad, chọn Lưu thành… với mã hóa UTF-8, rồi tải lại "
                             "trang."}, status_code=400)
    except EditError as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)
    data = unicodedata.normalize("NFC", text).encode("utf-8")
    try:
        write_file(path, data)
    except KeHoachError as exc:
        return JSONResponse({"error": exc.diagnostics[0].format()}, status_code=500)
    return JSONResponse(outcome(site, path, data).json(yaml=data.decode("utf-8")))


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        return {}
    return body if isinstance(body, dict) else {}


def _path(value: Any) -> tuple[str | int, ...] | None:
    if not isinstance(value, list) or not all(isinstance(p, str | int) and
                                              not isinstance(p, bool) for p in value):
        return None
    return tuple(value)


async def save_field(request: Request) -> Response:
    """``POST /api/sua/NAME``: one field set, one item added or removed."""
    site = site_of(request)
    try:
        path = _plan(site, request)
    except OutsideFolder as exc:
        return outside(exc)
    body = await _body(request)
    where, op, kind = _path(body.get("path")), body.get("op", "set"), body.get("kind", "text")
    if where is None or op not in ("set", "append", "delete") or kind not in KINDS or \
            not isinstance(body.get("version"), str):
        return JSONResponse({"error": "Yêu cầu sửa không đúng dạng."}, status_code=400)
    value = body.get("value")
    if op == "set":
        value = parsed(value if isinstance(value, str) else "", kind)
    return _saved(site, path, body["version"], lambda text: edit(text, op, where, value))


async def save_yaml(request: Request) -> Response:
    """``POST /api/yaml/NAME``: the whole file from the YAML tab."""
    site = site_of(request)
    try:
        path = _plan(site, request)
    except OutsideFolder as exc:
        return outside(exc)
    body = await _body(request)
    text = body.get("text")
    if not isinstance(text, str) or not isinstance(body.get("version"), str):
        return JSONResponse({"error": "Yêu cầu lưu không đúng dạng."}, status_code=400)
    return _saved(site, path, body["version"], lambda old: same_line_ends(old, text))


async def current(request: Request) -> Response:
    """``GET /api/xem/NAME``: the plan as it is on disk now (its version, diagnostics,
    preview)."""
    site = site_of(request)
    try:
        path = _plan(site, request)
        data = read_plan_bytes(path)
    except OutsideFolder as exc:
        return outside(exc)
    except KeHoachError as exc:
        return JSONResponse({"error": exc.diagnostics[0].format()}, status_code=404)
    return JSONResponse(outcome(site, path, data).json(yaml=data.decode("utf-8", "replace")))


async def registry(request: Request) -> Response:
    """``GET /api/van-ban?q=``: documents of the reference registry matching the words."""
    site = site_of(request)
    words = _folded(request.query_params.get("q", "")).split()
    found = []
    for key, doc in site.reference().legal_documents.items():
        label = " ".join(str(x) for x in (doc.kind, doc.number or "", doc.name or "",
                                          doc.title or "") if x)
        if all(w in _folded(f"{key} {label}") for w in words):
            found.append({"id": key, "label": label})
    return JSONResponse(found[:30])


def _folded(text: str) -> str:
    """Lower case without diacritics, so 'nghi dinh' finds 'Nghị định'."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(c for c in text if not unicodedata.combining(c))

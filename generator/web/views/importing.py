"""``Nhập từ tệp Word``: a Word plan (or a published plan's PDF) turned into a plan file of
the folder, as ``kehoach import`` does (:func:`generator.pipeline.import_document`); what
the reading was unsure of is written as comments in the plan the editor opens."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath
from urllib.parse import quote

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from generator.errors import KeHoachError
from generator.readers import MAX_INPUT_BYTES
from generator.web.folder import OutsideFolder
from generator.web.site import site_of

IMPORTABLE = (".docx", ".pdf")


async def import_page(request: Request) -> Response:
    """``GET /nhap``: the form to send a Word plan."""
    site = site_of(request)
    return site.page("import.html")


async def import_upload(request: Request) -> Response:
    """``POST /nhap``: the Word plan imported beside the other plans, then its editor."""
    site = site_of(request)
    async with request.form() as form:
        upload = form.get("tep")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return site.problem("Chưa chọn tệp", "Chọn một tệp Word (.docx) để nhập.")
        name = PurePath(upload.filename.replace("\\", "/")).name
        if not name.lower().endswith(IMPORTABLE):
            return site.problem("Không phải tệp Word", "Chỉ nhập được tệp Word (.docx) "
                                "hoặc PDF có chữ (.pdf).")
        data = await upload.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        return site.problem("Tệp quá lớn", f"Tệp lớn hơn {MAX_INPUT_BYTES // 1_000_000} MB: "
                            "kehoach không nhập.", 413)
    try:
        target = site.folder.plan(f"{PurePath(name).stem}.yaml")
    except OutsideFolder as exc:
        return site.problem("Tên tệp không dùng được", str(exc))
    if target.exists():
        return site.problem("Tệp đã có", f"Đã có '{target.name}' trong thư mục: đổi tên tệp "
                            "Word hoặc xóa tệp cũ.", 409)
    from generator.pipeline import import_document

    with tempfile.TemporaryDirectory(prefix="kehoach-") as folder:
        source = Path(folder) / name
        source.write_bytes(data)
        try:
            import_document(source, target, None)
        except KeHoachError as exc:
            return site.problem("Không nhập được tệp",
                                "\n".join(d.format() for d in exc.diagnostics), 422)
    return RedirectResponse(f"/sua/{quote(site.folder.name_of(target))}", status_code=303)

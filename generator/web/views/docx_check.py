"""Checking a Word file against the official format (``kehoach check``, ``--fix``)."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from generator.errors import KeHoachError
from generator.web.site import site_of
from generator.web.views.downloads import MEDIA, attachment


async def check_page(request: Request) -> Response:
    """``GET /kiem-tra``: the form to send a Word file."""
    return site_of(request).page("check.html", findings=None, name="")


async def check_upload(request: Request) -> Response:
    """``POST /kiem-tra``: the findings, or (with ``sua``) the repaired copy to download."""
    async with request.form() as form:
        return await _checked(request, form.get("tep"), bool(form.get("sua")))


async def _checked(request: Request, upload: object, fix: bool) -> Response:
    from generator.docx_check import check_docx, fix_docx

    site = site_of(request)
    if not isinstance(upload, UploadFile) or not upload.filename:
        return site.problem("Chưa chọn tệp", "Chọn một tệp Word (.docx) để kiểm tra.")
    name = PurePath(upload.filename.replace("\\", "/")).name
    if not name.lower().endswith(".docx"):
        return site.problem("Không phải tệp Word", "Chỉ kiểm tra được tệp .docx.")
    data = await upload.read()
    with tempfile.TemporaryDirectory(prefix="kehoach-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            if fix:
                fixed, _, _ = fix_docx(path)
                return attachment(fixed, f"{path.stem}-da-sua.docx", MEDIA["docx"])
            findings = check_docx(path, data)
        except KeHoachError as exc:
            return site.problem("Không đọc được tệp Word",
                                "\n".join(d.format() for d in exc.diagnostics), 422)
    return site.page("check.html", findings=findings, name=name)

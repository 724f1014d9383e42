"""``Nhập từ tệp Word``: a Word plan turned into a plan file of the folder by ``kehoach
import`` (issue 22), shown only when this kehoach has that command.

The command is called through its command line (click's runner, in process), the one
contract it is sure to keep while the readers take shape; what it prints is shown.
"""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath
from urllib.parse import quote

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from generator.web.folder import OutsideFolder
from generator.web.site import site_of


def has_importer() -> bool:
    """Whether ``kehoach import`` exists in this kehoach."""
    from generator.cli import main

    return "import" in main.commands


async def import_page(request: Request) -> Response:
    """``GET /nhap``: the form to send a Word plan."""
    site = site_of(request)
    if not site.importer:
        return site.problem("Chưa có lệnh nhập", "Bản kehoach này chưa có lệnh 'import'.", 404)
    return site.page("import.html")


async def import_upload(request: Request) -> Response:
    """``POST /nhap``: the Word plan imported beside the other plans, then its editor."""
    site = site_of(request)
    if not site.importer:
        return site.problem("Chưa có lệnh nhập", "Bản kehoach này chưa có lệnh 'import'.", 404)
    async with request.form() as form:
        upload = form.get("tep")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return site.problem("Chưa chọn tệp", "Chọn một tệp Word (.docx) để nhập.")
        name = PurePath(upload.filename.replace("\\", "/")).name
        if not name.lower().endswith(".docx"):
            return site.problem("Không phải tệp Word", "Chỉ nhập được tệp .docx.")
        data = await upload.read()
    try:
        target = site.folder.plan(f"{PurePath(name).stem}.yaml")
    except OutsideFolder as exc:
        return site.problem("Tên tệp không dùng được", str(exc))
    if target.exists():
        return site.problem("Tệp đã có", f"Đã có '{target.name}' trong thư mục: đổi tên tệp "
                            "Word hoặc xóa tệp cũ.", 409)
    from click.testing import CliRunner

    from generator.cli import main

    with tempfile.TemporaryDirectory(prefix="kehoach-") as folder:
        source = Path(folder) / name
        source.write_bytes(data)
        result = CliRunner().invoke(main, ["import", str(source), "-o", str(target)])
    if result.exit_code != 0 or not target.is_file():
        return site.problem("Không nhập được tệp Word", result.output, 422)
    return RedirectResponse(f"/sua/{quote(site.folder.name_of(target))}", status_code=303)

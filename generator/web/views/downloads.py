"""Downloads: the plan's DOCX, XLSX or PDF, built in memory as ``build`` builds them."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from generator.errors import KeHoachError
from generator.web.folder import OutsideFolder
from generator.web.site import site_of

MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def attachment(data: bytes, file_name: str, media: str) -> Response:
    """Bytes the browser saves under ``file_name`` (UTF-8 names as RFC 6266 says)."""
    return Response(data, media_type=media, headers={
        "content-disposition": f"attachment; filename*=UTF-8''{quote(file_name)}"})


async def download(request: Request) -> Response:
    """``GET /tai/NAME?dang=docx|xlsx|pdf``."""
    from generator.pipeline import BuildRequest, prepare

    site = site_of(request)
    fmt = request.query_params.get("dang", "docx")
    if fmt not in MEDIA:
        return site.problem("Không có định dạng này", "Chọn DOCX, XLSX hoặc PDF.")
    try:
        path = site.folder.plan(request.path_params["name"])
    except OutsideFolder as exc:
        return site.problem("Không mở được tệp", str(exc), 404)
    if fmt == "pdf":
        from generator.render.pdf import office_missing

        missing = office_missing(then="Cài xong, bấm Tải PDF lần nữa (không cần chạy lại "
                                 "kehoach serve); hoặc bấm Tải DOCX, mở bằng Word, chọn Tệp → "
                                 "Lưu thành → PDF.")
        if missing is not None:
            return site.problem("Chưa có LibreOffice", f"{missing.message} {missing.hint}",
                                503)
    try:
        prepared = prepare(path, BuildRequest(path.parent / "output", (fmt,)),
                           site.reference())
    except KeHoachError as exc:
        return site.problem("Kế hoạch còn lỗi, chưa tải được",
                            "\n".join(d.format() for d in exc.diagnostics), 422)
    made = {target.suffix: data for target, data in prepared.files.items()}
    if f".{fmt}" not in made:
        return site.problem("Không có tệp Excel", "Kế hoạch không có bảng nào trong phụ lục, "
                            "nên không có tệp Excel.", 404)
    return attachment(made[f".{fmt}"], f"{path.stem}.{fmt}", MEDIA[fmt])

"""Comparing two versions of a plan: the semantic diff on the page, the tracked-changes
DOCX to download (``kehoach diff`` and ``diff --docx``)."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from generator.errors import KeHoachError
from generator.web.folder import OutsideFolder
from generator.web.site import Site, site_of
from generator.web.views.downloads import MEDIA, attachment


def _pair(site: Site, request: Request) -> tuple[Path, Path]:
    return (site.folder.plan(request.query_params.get("cu", "")),
            site.folder.plan(request.query_params.get("moi", "")))


async def compare(request: Request) -> Response:
    """``GET /so-sanh?cu=A&moi=B``: what changed from A to B, item by item."""
    from generator.pipeline import diff_versions
    from generator.render.diff import render_diff

    site = site_of(request)
    names = [site.folder.name_of(p) for p in site.folder.plans()]
    if not request.query_params.get("cu"):
        return site.page("compare.html", names=names, old="", new="", report=None)
    try:
        old, new = _pair(site, request)
        versions = diff_versions(str(old), str(new))
    except OutsideFolder as exc:
        return site.problem("Không mở được tệp", str(exc), 404)
    except KeHoachError as exc:
        return site.problem("Một trong hai bản có lỗi",
                            "\n".join(d.format() for d in exc.diagnostics), 422)
    report = render_diff(versions.diff, "html", old.name, new.name, None)
    return site.page("compare.html", names=names, old=site.folder.name_of(old),
                     new=site.folder.name_of(new), report=report,
                     same=versions.diff.empty())


async def redline(request: Request) -> Response:
    """``GET /so-sanh/docx?cu=A&moi=B``: B as a Word file with A's changes tracked."""
    from generator.pipeline import diff_versions, redline_bytes

    site = site_of(request)
    try:
        old, new = _pair(site, request)
        versions = diff_versions(str(old), str(new))
        data = redline_bytes(versions, "kehoach", new.with_name(f"{new.stem}-thay-doi.docx"))
    except OutsideFolder as exc:
        return site.problem("Không mở được tệp", str(exc), 404)
    except KeHoachError as exc:
        return site.problem("Một trong hai bản có lỗi",
                            "\n".join(d.format() for d in exc.diagnostics), 422)
    return attachment(data, f"{new.stem}-thay-doi.docx", MEDIA["docx"])

"""The user guide at ``/huong-dan/``: the built MkDocs site, read-only, behind the same guard.

An installed kehoach (a wheel: pip, pipx, uv) carries the guide built into the package
(``generator/web/huong-dan``, made by setup.py as the wheel is); a checkout serves its
``output/site`` (``make docs`` builds it). The pages open as files
(``use_directory_urls: false``), so the same folder served here needs nothing else. When
it is not built, the address says how to get it instead of failing.
"""

from __future__ import annotations

from pathlib import Path

from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

import generator
from generator.web.site import Site

PACKAGED_GUIDE = Path(generator.__file__).resolve().parent / "web" / "huong-dan"
"""The guide a wheel carries (setup.py builds it there)."""
CHECKOUT_GUIDE = Path(generator.__file__).resolve().parent.parent / "output" / "site"
"""Where ``make docs`` writes the guide, in the checkout kehoach runs from."""


def built_guide(packaged: Path = PACKAGED_GUIDE, checkout: Path = CHECKOUT_GUIDE) -> Path:
    """The guide to serve: the one the installed package carries, else the checkout's."""
    return packaged if (packaged / "index.html").is_file() else checkout


BUILT_GUIDE = built_guide()

NOT_BUILT = (
    "Trang hướng dẫn chưa được dựng trên máy này.\n\n"
    "Trong thư mục mã nguồn của kehoach, chạy:  make docs\n"
    "(hoặc: python scripts/make_doc_images.py rồi python -m mkdocs build),\n"
    "rồi mở lại trang này. Hướng dẫn được dựng vào output/site/: mở output/site/index.html\n"
    "bằng trình duyệt cũng đọc được, không cần mạng.\n\n"
    "Bản cài từ tệp gói (.whl) bằng pip, pipx hay uv có sẵn trang hướng dẫn.")


def guide_folder(root: Path | None) -> Path | None:
    """The built guide's folder, when it has its front page."""
    return root if root is not None and (root / "index.html").is_file() else None


class GuideFiles:
    """ASGI app of ``/huong-dan``: GET and HEAD of the guide's files (nothing outside its
    folder, no link out of it followed), else a page saying how to build it."""

    def __init__(self) -> None:
        self._served: dict[Path, StaticFiles] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request under ``/huong-dan/``."""
        site: Site = scope["app"].state.site
        folder = guide_folder(site.guide)
        if folder is None:
            await site.problem("Chưa có trang hướng dẫn", NOT_BUILT, status=404)(
                scope, receive, send)
            return
        if folder not in self._served:
            self._served[folder] = StaticFiles(directory=folder, html=True)
        await self._served[folder](scope, receive, send)


files = GuideFiles()

"""The user guide at /huong-dan/: the built site's files, read-only, behind the guard."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from generator.web.app import create_app
from generator.web.views.guide import CHECKOUT_GUIDE, PACKAGED_GUIDE, built_guide
from tests.conftest import ROOT
from tests.web.conftest import BASE, HOST, TOKEN


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A built guide (as ``make docs`` writes it) beside a file that is not part of it."""
    built = tmp_path / "output" / "site"
    (built / "huong-dan").mkdir(parents=True)
    (built / "index.html").write_text("<h1>kehoach — Hướng dẫn sử dụng</h1>", encoding="utf-8")
    (built / "huong-dan" / "nhap-tu-word.html").write_text("<h1>Nhập kế hoạch từ tệp Word</h1>",
                                                          encoding="utf-8")
    (tmp_path / "output" / "bi-mat.txt").write_text("không được đọc", encoding="utf-8")
    return built


def _browser(folder: Path, guide_site: Path | None) -> TestClient:
    browser = TestClient(create_app(folder, TOKEN, [HOST], guide_site=guide_site),
                         base_url=BASE, follow_redirects=False)
    assert browser.get(f"/?token={TOKEN}").status_code == 303
    return browser


def test_the_guide_is_served_at_its_own_address(folder: Path, site: Path) -> None:
    browser = _browser(folder, site)
    front = browser.get("/huong-dan/")
    assert front.status_code == 200 and "Hướng dẫn sử dụng" in front.text
    page = browser.get("/huong-dan/huong-dan/nhap-tu-word.html")
    assert page.status_code == 200 and "Nhập kế hoạch từ tệp Word" in page.text


def test_every_page_links_the_guide(client: TestClient) -> None:
    assert 'href="/huong-dan/"' in client.get("/").text
    assert 'href="/huong-dan/"' in client.get("/kiem-tra").text


def test_the_guide_needs_the_token_like_every_page(folder: Path, site: Path) -> None:
    stranger = TestClient(create_app(folder, TOKEN, [HOST], guide_site=site), base_url=BASE)
    assert stranger.get("/huong-dan/").status_code == 403
    assert stranger.get("/huong-dan/", headers={"host": "evil.example"}).status_code == 421


@pytest.mark.parametrize("path", ["/huong-dan/../bi-mat.txt", "/huong-dan/%2e%2e/bi-mat.txt",
                                  "/huong-dan/..%2fbi-mat.txt", "/huong-dan/lien-ket.txt"])
def test_nothing_outside_the_guide_is_served(folder: Path, site: Path, path: str) -> None:
    (site / "lien-ket.txt").symlink_to(site.parent / "bi-mat.txt")
    answer = _browser(folder, site).get(path)
    assert answer.status_code == 404
    assert "không được đọc" not in answer.text


def test_the_guide_is_read_only(folder: Path, site: Path) -> None:
    answer = _browser(folder, site).post("/huong-dan/index.html", content=b"x",
                                         headers={"origin": BASE})
    assert answer.status_code == 405
    assert "Hướng dẫn sử dụng" in (site / "index.html").read_text(encoding="utf-8")


def test_a_guide_not_built_says_how_to_build_it(folder: Path, tmp_path: Path) -> None:
    for absent in (None, tmp_path / "khong-co"):
        answer = _browser(folder, absent).get("/huong-dan/huong-dan/nhap-tu-word.html")
        assert answer.status_code == 404
        assert "make docs" in answer.text and "Chưa có trang hướng dẫn" in answer.text


def test_the_guide_comes_from_the_checkouts_make_docs() -> None:
    """``make docs`` writes output/site (mkdocs.yml's site_dir); the server reads it there."""
    assert "site_dir: output/site" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert ROOT.resolve() / "output" / "site" == CHECKOUT_GUIDE


def test_an_installed_kehoach_serves_the_guide_its_wheel_carries(tmp_path: Path) -> None:
    """A clerk's PC has no checkout and no ``make docs``: the wheel carries the guide (setup.py
    builds it into generator/web/huong-dan, where the server looks first)."""
    packaged, checkout = tmp_path / "goi" / "huong-dan", tmp_path / "output" / "site"
    assert built_guide(packaged, checkout) == checkout  # a checkout: make docs's site
    packaged.mkdir(parents=True)
    (packaged / "index.html").write_text("<h1>kehoach</h1>", encoding="utf-8")
    assert built_guide(packaged, checkout) == packaged
    setup = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert 'GUIDE_IN_PACKAGE = ("generator", "web", "huong-dan")' in setup
    assert PACKAGED_GUIDE.relative_to(ROOT.resolve()).parts == ("generator", "web", "huong-dan")

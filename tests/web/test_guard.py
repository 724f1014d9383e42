"""The guard: only this server's own page, holding this run's token, gets an answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from starlette.testclient import TestClient

from generator.web.app import create_app
from tests.web.conftest import BASE, HOST, TOKEN


def test_first_visit_trades_the_token_for_a_cookie_and_cleans_the_address(folder: Path) -> None:
    browser = TestClient(create_app(folder, TOKEN, [HOST]), base_url=BASE,
                         follow_redirects=False)
    first = browser.get(f"/?token={TOKEN}")
    assert first.status_code == 303 and first.headers["location"] == "/"
    assert "HttpOnly" in first.headers["set-cookie"]
    assert "SameSite=Strict" in first.headers["set-cookie"]
    assert browser.get("/").status_code == 200


def test_no_token_is_refused(folder: Path) -> None:
    browser = TestClient(create_app(folder, TOKEN, [HOST]), base_url=BASE)
    refused = browser.get("/")
    assert refused.status_code == 403
    assert "token" in refused.text
    assert browser.get("/?token=sai").status_code == 403


def test_a_token_is_not_taken_from_a_post(folder: Path) -> None:
    browser = TestClient(create_app(folder, TOKEN, [HOST]), base_url=BASE)
    assert browser.post(f"/moi?token={TOKEN}", data={"ten": "x.yaml"}).status_code == 403


def test_wrong_host_is_refused_even_with_the_cookie(client: TestClient) -> None:
    """DNS rebinding: a page of evil.example resolving to 127.0.0.1 sends its own Host."""
    answer = client.get("/", headers={"host": "evil.example:8765"})
    assert answer.status_code == 421


def test_wrong_origin_is_refused(client: TestClient) -> None:
    """A cross-site form or fetch posting to the local server names its own origin."""
    answer = client.post("/moi", data={"ten": "ke-hoach-la.yaml"},
                         headers={"origin": "http://evil.example"})
    assert answer.status_code == 403
    assert client.get("/", headers={"origin": "http://evil.example"}).status_code == 403


def test_cross_site_post_without_origin_is_refused(client: TestClient) -> None:
    answer = client.post("/moi", data={"ten": "x.yaml"}, headers={"sec-fetch-site": "cross-site"})
    assert answer.status_code == 403


def test_own_origin_is_accepted(client: TestClient, folder: Path) -> None:
    answer = client.post("/moi", data={"ten": "moi.yaml", "cap": "xa"},
                         headers={"origin": BASE})
    assert answer.status_code == 303
    assert (folder / "moi.yaml").is_file()


def test_oversized_body_is_refused_before_it_is_read(client: TestClient, folder: Path) -> None:
    big = "a" * 300_000
    answer = client.post("/api/yaml/toi-thieu.yaml", content=big,
                         headers={"content-type": "application/json"})
    assert answer.status_code == 413
    assert (folder / "toi-thieu.yaml").read_text(encoding="utf-8").startswith("# Kế hoạch")


def test_a_token_of_any_characters_is_refused_not_a_crash(folder: Path) -> None:
    browser = TestClient(create_app(folder, TOKEN, [HOST]), base_url=BASE)
    assert browser.get("/?token=%C3%A9").status_code == 403
    assert browser.get("/", headers={"cookie": "kehoach_token=é".encode()}).status_code == 403


def test_a_body_without_a_length_is_cut_at_the_limit(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(30):
            yield b"a" * 10_000

    answer = client.post("/api/yaml/toi-thieu.yaml", content=chunks(),
                         headers={"content-type": "application/json", "origin": BASE})
    assert answer.status_code == 413

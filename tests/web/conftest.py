from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from generator.web.app import create_app

EXAMPLES = Path(__file__).parents[2] / "data" / "examples"
TOKEN = "phep-thu"
HOST = "127.0.0.1:8765"
BASE = f"http://{HOST}"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A clerk's folder with two plans: the minimal one and Bắc Kạn."""
    plans = tmp_path / "ke-hoach"
    plans.mkdir()
    for name in ("toi-thieu.yaml", "bac-kan-2022.yaml"):
        shutil.copy(EXAMPLES / name, plans / name)
    return plans


@pytest.fixture
def client(folder: Path) -> TestClient:
    """A browser that opened the printed address (so holds the token's cookie)."""
    app = create_app(folder, TOKEN, [HOST, "localhost:8765"], max_body=200_000)
    browser = TestClient(app, base_url=BASE, follow_redirects=False)
    first = browser.get(f"/?token={TOKEN}")
    assert first.status_code == 303
    return browser

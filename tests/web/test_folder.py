"""Names from requests stay inside the folder: no climbing out, no links out."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from generator.web.folder import Folder, OutsideFolder, version_of


@pytest.mark.parametrize("name", ["../bi-mat.yaml", "/etc/passwd.yaml", "a/../../x.yaml",
                                  "C:/Windows/x.yaml", "..\\x.yaml", "ke-hoach.txt", ""])
def test_names_out_of_the_folder_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutsideFolder):
        Folder.at(tmp_path).plan(name)


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "ngoai.yaml"
    outside.write_text("a: 1\n", encoding="utf-8")
    inside = tmp_path / "trong"
    inside.mkdir()
    os.symlink(outside, inside / "lien-ket.yaml")
    folder = Folder.at(inside)
    with pytest.raises(OutsideFolder):
        folder.plan("lien-ket.yaml")
    assert folder.plans() == []


def test_path_traversal_through_the_server_is_refused(client: TestClient) -> None:
    for url in ("/sua/..%2F..%2Fetc%2Fpasswd.yaml", "/api/xem/../bac-kan-2022.yaml",
                "/tai/%2E%2E/x.yaml?dang=docx"):
        answer = client.get(url)
        assert answer.status_code in (403, 404), url
        assert "root:" not in answer.text


def test_symlink_escape_through_the_server_is_refused(client: TestClient, folder: Path) -> None:
    secret = folder.parent / "bi-mat.yaml"
    secret.write_text("mat_khau: 123\n", encoding="utf-8")
    os.symlink(secret, folder / "lien-ket.yaml")
    assert client.get("/sua/lien-ket.yaml").status_code == 404
    assert client.get("/api/xem/lien-ket.yaml").status_code == 404
    answer = client.post("/api/yaml/lien-ket.yaml", json={"version": "x", "text": "a: 2\n"})
    assert answer.status_code == 404
    assert secret.read_text(encoding="utf-8") == "mat_khau: 123\n"


def test_the_version_follows_the_bytes() -> None:
    assert version_of(b"a: 1\n") == version_of(b"a: 1\n") != version_of(b"a: 2\n")


def test_a_folder_with_spaces_and_vietnamese_letters_is_served(tmp_path: Path) -> None:
    """As on a clerk's Windows PC (D:\\Kế hoạch 2025\\Xã Tân An\\…): the list, the editor
    and a save of a plan in a subfolder, named with '/' or, as Windows writes it, '\\'."""
    from generator.web.app import create_app
    from tests.web.conftest import EXAMPLES

    plans = tmp_path / "Kế hoạch 2025"
    (plans / "Xã Tân An").mkdir(parents=True)
    target = plans / "Xã Tân An" / "kế hoạch chuyển đổi số.yaml"
    target.write_bytes((EXAMPLES / "toi-thieu.yaml").read_bytes())
    client = TestClient(create_app(plans, "t", ["127.0.0.1:1"]), base_url="http://127.0.0.1:1",
                        follow_redirects=False)
    client.get("/?token=t")
    assert "Xã Tân An/kế hoạch chuyển đổi số.yaml" in client.get("/").text
    for name in ("Xã Tân An/kế hoạch chuyển đổi số.yaml",
                 "Xã Tân An\\kế hoạch chuyển đổi số.yaml"):
        assert client.get(f"/sua/{quote(name)}").status_code == 200
        version = client.get(f"/api/xem/{quote(name)}").json()["version"]
        saved = client.post(f"/api/sua/{quote(name)}", json={
            "version": version, "op": "set", "path": ["nguoi_ky", "ho_ten"], "kind": "text",
            "value": f"Người Ký {len(name)}"})
        assert saved.status_code == 200 and saved.json()["preview"] is not None
        assert f"Người Ký {len(name)}" in target.read_text(encoding="utf-8")

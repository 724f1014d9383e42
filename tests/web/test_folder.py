"""Names from requests stay inside the folder: no climbing out, no links out."""

from __future__ import annotations

import os
from pathlib import Path

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

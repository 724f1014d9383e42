"""Every page and API of ``kehoach serve``, called in-process as the browser calls them."""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import docx
import pytest
from starlette.testclient import TestClient

from generator.reference import load_reference
from generator.web.forms import Add
from generator.web.views.plans import named_units
from tests.web.conftest import BASE

JSON = {"origin": BASE}


def _version(client: TestClient, name: str) -> str:
    answer = client.get(f"/api/xem/{name}")
    assert answer.status_code == 200
    version: str = answer.json()["version"]
    return version


def test_list_shows_each_plan_with_its_state(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "bac-kan-2022.yaml" in page.text and "toi-thieu.yaml" in page.text
    assert "Nâng cao chất lượng, hiệu quả cung cấp" in page.text
    assert "hợp lệ" in page.text or "cảnh báo" in page.text
    assert "Kế hoạch mới" in page.text and "Lập kế hoạch cấp dưới" in page.text


def test_list_marks_a_broken_plan(client: TestClient, folder: Path) -> None:
    (folder / "hong.yaml").write_text("co_quan: [\n", encoding="utf-8")
    page = client.get("/")
    assert "hong.yaml" in page.text and "state-err" in page.text


def test_new_plan_is_made_from_the_starter_and_opened(client: TestClient, folder: Path) -> None:
    answer = client.post("/moi", data={"ten": "ke-hoach-xa", "cap": "xa"}, headers=JSON)
    assert answer.status_code == 303 and answer.headers["location"] == "/sua/ke-hoach-xa.yaml"
    assert "co_quan:" in (folder / "ke-hoach-xa.yaml").read_text(encoding="utf-8")
    again = client.post("/moi", data={"ten": "ke-hoach-xa", "cap": "xa"}, headers=JSON)
    assert again.status_code == 409


def test_editor_shows_forms_yaml_and_preview(client: TestClient) -> None:
    page = client.get("/sua/bac-kan-2022.yaml")
    assert page.status_code == 200
    assert 'data-path=\'["nguoi_ky", "ho_ten"]\'' in html.unescape(page.text)
    assert "Nguyễn Thị Huệ" in page.text
    assert "# Kế hoạch nâng cao chất lượng" in page.text  # the YAML tab, comments and all
    state = client.get("/api/xem/bac-kan-2022.yaml").json()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in state["preview"]
    assert "Phụ lục I" in state["preview"]


def test_a_field_saved_changes_only_its_line(client: TestClient, folder: Path) -> None:
    before = (folder / "bac-kan-2022.yaml").read_text(encoding="utf-8")
    answer = client.post("/api/sua/bac-kan-2022.yaml", headers=JSON, json={
        "version": _version(client, "bac-kan-2022.yaml"), "op": "set",
        "path": ["nguoi_ky", "ho_ten"], "kind": "text", "value": "Hoàng Văn Nam"})
    assert answer.status_code == 200
    after = (folder / "bac-kan-2022.yaml").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
               if a != b]
    assert changed == [("  ho_ten: Nguyễn Thị Huệ", "  ho_ten: Hoàng Văn Nam")]
    assert "Hoàng Văn Nam" in answer.json()["preview"]


def test_a_task_added_and_filled_shows_in_the_preview(client: TestClient) -> None:
    name = "bac-kan-2022.yaml"
    added = client.post(f"/api/sua/{name}", headers=JSON, json={
        "version": _version(client, name), "op": "append", "path": ["nhom_nhiem_vu", 0,
                                                                    "nhiem_vu"],
        "value": {"noi_dung": "Việc mới", "chu_tri": "Phòng Nội vụ", "thoi_gian": "Năm"}})
    assert added.status_code == 200
    filled = client.post(f"/api/sua/{name}", headers=JSON, json={
        "version": added.json()["version"], "op": "set",
        "path": ["nhom_nhiem_vu", 0, "nhiem_vu", 2, "noi_dung"], "kind": "area",
        "value": "Số hoá hồ sơ một cửa"})
    assert "Số hoá hồ sơ một cửa" in filled.json()["preview"]


def test_a_mistake_is_said_at_its_field_and_the_fix_clears_it(client: TestClient) -> None:
    name = "toi-thieu.yaml"
    wrong = client.post(f"/api/sua/{name}", headers=JSON, json={
        "version": _version(client, name), "op": "set", "path": ["co_quan", "cap"],
        "kind": "text", "value": "thon"}).json()
    assert wrong["preview"] is None
    paths = [d["path"] for d in wrong["diagnostics"] if d["severity"] == "lỗi"]
    assert ["co_quan", "cap"] in paths
    fixed = client.post(f"/api/sua/{name}", headers=JSON, json={
        "version": wrong["version"], "op": "set", "path": ["co_quan", "cap"],
        "kind": "text", "value": "xa"}).json()
    assert fixed["preview"] is not None
    assert not [d for d in fixed["diagnostics"] if d["severity"] == "lỗi"]


def test_a_stale_save_is_refused_and_the_file_kept(client: TestClient, folder: Path) -> None:
    name = "toi-thieu.yaml"
    seen = _version(client, name)
    path = folder / name
    path.write_text(path.read_text(encoding="utf-8") + "# sửa trong Notepad\n",
                    encoding="utf-8")
    answer = client.post(f"/api/sua/{name}", headers=JSON, json={
        "version": seen, "op": "set", "path": ["nguoi_ky", "ho_ten"], "kind": "text",
        "value": "Người Khác"})
    assert answer.status_code == 409 and answer.json()["stale"]
    assert "nơi khác" in answer.json()["error"]
    assert "Nguyễn Văn A" in path.read_text(encoding="utf-8")
    yaml_answer = client.post(f"/api/yaml/{name}", headers=JSON,
                              json={"version": seen, "text": "a: 1\n"})
    assert yaml_answer.status_code == 409
    assert path.read_text(encoding="utf-8").endswith("# sửa trong Notepad\n")


def test_the_yaml_tab_saves_the_whole_file(client: TestClient, folder: Path) -> None:
    name = "toi-thieu.yaml"
    text = (folder / name).read_text(encoding="utf-8").replace("Nguyễn Văn A", "Trần Thị B")
    answer = client.post(f"/api/yaml/{name}", headers=JSON,
                         json={"version": _version(client, name), "text": text})
    assert answer.status_code == 200 and "Trần Thị B" in answer.json()["preview"]
    assert (folder / name).read_text(encoding="utf-8") == text


def test_a_malformed_edit_is_refused(client: TestClient) -> None:
    answer = client.post("/api/sua/toi-thieu.yaml", headers=JSON,
                         json={"version": "x", "op": "rm -rf", "path": ["a"]})
    assert answer.status_code == 400


def test_registry_search_ignores_diacritics(client: TestClient) -> None:
    found = client.get("/api/van-ban?q=luu tru").json()
    assert any(doc["id"] == "luat-luu-tru-2011" for doc in found)


def test_docx_download_reads_back(client: TestClient) -> None:
    answer = client.get("/tai/toi-thieu.yaml?dang=docx")
    assert answer.status_code == 200
    assert "toi-thieu.docx" in answer.headers["content-disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(answer.content)).paragraphs)
    assert "Ngày hội chuyển đổi số" in text


def test_xlsx_download_and_a_plan_without_tables(client: TestClient) -> None:
    assert client.get("/tai/bac-kan-2022.yaml?dang=xlsx").content[:2] == b"PK"
    assert client.get("/tai/toi-thieu.yaml?dang=xlsx").status_code == 404


def test_derive_writes_the_commune_plan_beside_its_parent(client: TestClient,
                                                          folder: Path) -> None:
    answer = client.post("/cap-duoi", headers=JSON, data={
        "cap_tren": "bac-kan-2022.yaml", "don_vi": "Phường Đức Xuân", "cap": "phuong"})
    assert answer.status_code == 303, answer.text
    child = answer.headers["location"].removeprefix("/sua/")
    assert (folder / child).is_file()
    assert "ke_hoach_cap_tren: bac-kan-2022.yaml" in (folder / child).read_text("utf-8")


def test_compare_two_versions_and_download_the_redline(client: TestClient,
                                                       folder: Path) -> None:
    old = folder / "bac-kan-2022.yaml"
    new = folder / "bac-kan-moi.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("Nguyễn Thị Huệ", "Lê Văn Tám"),
                   encoding="utf-8")
    page = client.get("/so-sanh?cu=bac-kan-2022.yaml&moi=bac-kan-moi.yaml")
    assert page.status_code == 200 and "Lê Văn Tám" in page.text
    redline = client.get("/so-sanh/docx?cu=bac-kan-2022.yaml&moi=bac-kan-moi.yaml")
    assert redline.status_code == 200
    assert b"w:ins" in _document_xml(redline.content)


def _document_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def test_check_a_word_file_and_download_the_fixed_copy(client: TestClient) -> None:
    made = client.get("/tai/toi-thieu.yaml?dang=docx").content
    page = client.post("/kiem-tra", headers=JSON, files={"tep": ("ke-hoach.docx", made)})
    assert page.status_code == 200 and "ke-hoach.docx" in page.text
    fixed = client.post("/kiem-tra", headers=JSON, data={"sua": "1"},
                        files={"tep": ("ke-hoach.docx", made)})
    assert fixed.status_code == 200 and fixed.content[:2] == b"PK"
    assert client.post("/kiem-tra", headers=JSON,
                       files={"tep": ("x.txt", b"abc")}).status_code == 400


def test_pages_and_assets_are_served_from_the_package(client: TestClient) -> None:
    for url in ("/static/editor.js", "/static/app.css", "/so-sanh", "/kiem-tra"):
        assert client.get(url).status_code == 200, url
    page = client.get("/sua/toi-thieu.yaml").text
    assert "http://" not in page.replace(BASE, "") and "https://" not in page


def test_a_word_plan_sent_to_the_import_form_becomes_a_plan_and_opens_in_the_editor(
        client: TestClient, folder: Path) -> None:
    """"Nhập từ tệp Word" reads a real Word plan into the folder, as ``kehoach import``
    does, and opens its editor; the same name again is refused, nothing overwritten."""
    from tests.conftest import ROOT

    assert "Nhập từ tệp Word" in client.get("/").text
    plan = ROOT / "tests" / "readers" / "plans" / "ubnd-lam-dong-2026-khong-ma-tuy.docx"
    answer = client.post("/nhap", headers=JSON, follow_redirects=False,
                         files={"tep": ("KH ma tuy.docx", plan.read_bytes())})
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/sua/KH%20ma%20tuy.yaml"
    written = (folder / "KH ma tuy.yaml").read_text(encoding="utf-8")
    assert "trich_yeu:" in written and "ma túy" in written.lower()
    assert client.get(answer.headers["location"]).status_code == 200
    again = client.post("/nhap", headers=JSON,
                        files={"tep": ("KH ma tuy.docx", plan.read_bytes())})
    assert again.status_code == 409
    assert (folder / "KH ma tuy.yaml").read_text(encoding="utf-8") == written


def test_the_import_form_refuses_what_is_not_a_plan_document(client: TestClient) -> None:
    old_word = client.post("/nhap", headers=JSON, files={"tep": ("cu.doc", b"\xd0\xcf\x11")})
    assert old_word.status_code == 400 and ".docx" in old_word.text
    broken = client.post("/nhap", headers=JSON, files={"tep": ("hong.docx", b"not a zip")})
    assert broken.status_code == 422 and "hong.docx" in broken.text


def test_pdf_without_libreoffice_says_how_to_get_it(client: TestClient, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The real message, with what to do in the browser (not the command line's --pdf)."""
    monkeypatch.setenv("KEHOACH_SOFFICE", str(tmp_path / "khong-co" / "soffice"))
    answer = client.get("/tai/toi-thieu.yaml?dang=pdf")
    assert answer.status_code == 503
    text = html.unescape(answer.text)
    assert "Cần LibreOffice để xuất PDF" in text and "libreoffice.org" in text
    assert "bấm Tải PDF lần nữa" in text and "--pdf" not in text


def test_a_plan_with_errors_is_not_downloaded(client: TestClient, folder: Path) -> None:
    (folder / "hong.yaml").write_text("co_quan: {cap: thon}\n", encoding="utf-8")
    answer = client.get("/tai/hong.yaml?dang=docx")
    assert answer.status_code == 422 and "lỗi" in answer.text


def test_pdf_download_with_libreoffice(client: TestClient) -> None:
    from generator.render.pdf import office_missing

    assert office_missing() is None, "LibreOffice is installed where the tests run"
    answer = client.get("/tai/toi-thieu.yaml?dang=pdf")
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")


def test_a_file_not_in_utf8_is_refused_not_rewritten(client: TestClient, folder: Path) -> None:
    path = folder / "cu.yaml"
    path.write_bytes("trich_yeu: Kế hoạch café\n".encode().replace(b"\xc3\xa9", b"\xe9"))
    answer = client.post("/api/yaml/cu.yaml", headers=JSON, json={
        "version": _version(client, "cu.yaml"), "text": "trich_yeu: x\n"})
    assert answer.status_code == 400 and "UTF-8" in answer.json()["error"]
    assert path.read_bytes().endswith(b"caf\xe9\n")


def test_the_list_offers_the_units_a_plan_names_for_a_lower_level_plan(
        client: TestClient) -> None:
    page = client.get("/").text
    offered = json.loads(page.split('id="units-of">')[1].split("</script>")[0])
    assert "toi-thieu.yaml" not in offered  # names no units: any name may be typed
    units = dict(offered["bac-kan-2022.yaml"])
    assert units["Phường Đức Xuân"] == "xa"
    assert units["Phòng Nội vụ"] == "phong"  # its name says its level
    assert units["Thanh tra thành phố"] == "huyen"  # its group's level
    assert len(offered["bac-kan-2022.yaml"]) == 19


def test_named_units_reads_any_shape_a_clerk_wrote() -> None:
    reference = load_reference()
    assert named_units({"nhom_don_vi": [{"cap": "xa", "don_vi": ["Xã A", "Thị trấn B"]},
                                        {"don_vi": "Hội C"}, {"cap": 3, "don_vi": ["Xã A"]},
                                        "lạ", {"don_vi": [None, " "]},
                                        {"cap": "huyen", "don_vi": ["Phòng Nội vụ",
                                                                    "Thanh tra huyện"]}]},
                       reference) == [("Xã A", "xa"), ("Thị trấn B", "xa"), ("Hội C", ""),
                                      ("Phòng Nội vụ", "phong"), ("Thanh tra huyện", "huyen")]
    assert named_units({"nhom_don_vi": "lạ"}, reference) == []


def test_every_add_button_on_a_real_plan_keeps_it_valid(client: TestClient,
                                                       folder: Path) -> None:
    """Each '+ Thêm …' of every tab (part, subsection, paragraph, bullet, task, task group,
    KPI, target, appendix) on Bắc Kạn appends an item the plan accepts and the preview
    draws, and changes nothing else of the file."""
    from generator.load import load_bytes
    from generator.web.forms import Item, tabs

    def adds(items: list[Item]) -> list[Add]:
        return [a for it in items for a in [*it.adds, *adds(it.items)]]

    original = (folder / "bac-kan-2022.yaml").read_bytes()
    form = tabs(load_bytes(original, "bac-kan-2022.yaml").data)
    buttons = [a for tab in form for a in [*tab.adds, *adds(tab.items)]]
    assert {a.label for a in buttons} >= {"Thêm phần", "Thêm mục con", "Thêm đoạn văn",
                                          "Thêm gạch đầu dòng", "Thêm nhiệm vụ",
                                          "Thêm nhóm nhiệm vụ", "Thêm chỉ tiêu",
                                          "Thêm mục tiêu", "Thêm phụ lục bảng nhiệm vụ"}
    for add in buttons:
        (folder / "bac-kan-2022.yaml").write_bytes(original)
        version = client.get("/api/xem/bac-kan-2022.yaml").json()["version"]
        answer = client.post("/api/sua/bac-kan-2022.yaml", json={
            "version": version, "op": "append", "path": list(add.path), "value": add.item})
        assert answer.status_code == 200, add
        if add.label == "Thêm chỉ tiêu":
            # Bắc Kạn's KPI table sets its 5 column widths (rong): a sixth column needs one,
            # and the check says so at that appendix, where the editor shows it
            [problem] = [d for d in answer.json()["diagnostics"] if d["severity"] == "lỗi"]
            assert problem["path"][0] == "phu_luc" and "rong" in problem["hint"]
            continue
        assert answer.json()["preview"] is not None, (add, answer.json()["diagnostics"])
        new = answer.json()["yaml"].splitlines()
        kept = [line for line in original.decode("utf-8").splitlines() if line in new]
        assert len(kept) == len(original.decode("utf-8").splitlines()), add

"""``kehoach serve`` in a real browser (Debian's chromium, headless): what a clerk does,
step by step, with a screenshot of each main page in output/screenshots/."""

from __future__ import annotations

import io
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

from generator.web.app import create_app
from generator.web.serve import free_port, hosts_for

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).parents[2] / "output" / "screenshots"
CORPUS = Path(__file__).parents[2] / "tests" / "docx_check" / "corpus"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Cần chromium của Debian (apt-get install -y chromium) cho các phép thử "
                    "trình duyệt của kehoach serve.")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def address(folder: Path) -> Iterator[str]:
    """The address ``kehoach serve`` prints, of a server running in this process."""
    port = free_port("127.0.0.1")
    app = create_app(folder, "ma-chay-thu", hosts_for("127.0.0.1", port))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}/?token=ma-chay-thu"
    server.should_exit = True
    thread.join(5)


@pytest.fixture
def page(browser: Browser, address: str) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1500,
                                                                   "height": 950})
    opened = context.new_page()
    opened.goto(address)
    yield opened
    context.close()


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _root(page: Page) -> str:
    return "/".join(page.url.split("/")[:3])


def test_a_clerk_creates_fills_fixes_and_downloads_a_plan(page: Page, tmp_path: Path) -> None:
    expect(page.locator("table.plans")).to_contain_text("bac-kan-2022.yaml")
    _shot(page, "danh-sach")
    page.fill("#new-plan input[name=ten]", "ke-hoach-xa-moi")
    page.click("#new-plan button")
    expect(page.locator(".bar h1")).to_have_text("ke-hoach-xa-moi.yaml")
    expect(page.frame_locator("#preview").locator("body")).to_contain_text("KẾ HOẠCH")

    page.click("button[data-tab=nhiem-vu]")
    task = page.locator('textarea[data-path=\'["nhiem_vu", 0, "noi_dung"]\']')
    task.fill("Tập huấn kỹ năng số cho cán bộ một cửa")
    task.blur()
    expect(page.frame_locator("#preview").locator("body")).to_contain_text(
        "Tập huấn kỹ năng số cho cán bộ một cửa", timeout=5000)
    _shot(page, "soan-thao")

    page.click("button[data-tab=van-ban]")
    level = page.locator('input[data-path=\'["co_quan", "cap"]\']')
    level.fill("thon")
    level.blur()
    message = page.locator('label[data-field=\'["co_quan", "cap"]\'] .msg')
    expect(message).not_to_be_empty(timeout=5000)
    expect(page.locator("#preview-note")).to_be_visible()
    _shot(page, "loi-tai-o")
    level.fill("xa")
    level.blur()
    expect(message).to_be_empty(timeout=5000)
    expect(page.locator("#preview-note")).to_be_hidden()

    with page.expect_download() as download:
        page.click("#dl-docx")
    saved = tmp_path / "tai-ve.docx"
    download.value.save_as(saved)
    word = docx.Document(io.BytesIO(saved.read_bytes()))
    text = "\n".join([p.text for p in word.paragraphs] + [
        c.text for t in word.tables for r in t.rows for c in r.cells])
    assert "KẾ HOẠCH" in text
    assert "Tập huấn kỹ năng số cho cán bộ một cửa" in text


def test_a_stale_tab_is_told_and_nothing_is_overwritten(page: Page, folder: Path) -> None:
    page.goto(_root(page) + "/sua/toi-thieu.yaml")
    path = folder / "toi-thieu.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# sửa ở nơi khác\n", encoding="utf-8")
    page.click("button[data-tab=ky-nhan]")
    name = page.locator('input[data-path=\'["nguoi_ky", "ho_ten"]\']')
    name.fill("Người Trong Thẻ Cũ")
    name.blur()
    expect(page.locator("#stale")).to_be_visible(timeout=5000)
    expect(page.locator("#stale")).to_contain_text("nơi khác")
    assert "Người Trong Thẻ Cũ" not in path.read_text(encoding="utf-8")


def test_a_clerk_derives_a_commune_plan_and_compares_two_versions(page: Page,
                                                                  folder: Path) -> None:
    page.select_option("#derive-plan select[name=cap_tren]", "bac-kan-2022.yaml")
    offered = page.locator("#derive-plan datalist#units option")
    expect(offered).to_have_count(19)  # the units of Bắc Kạn's groups, each once
    assert "Phường Đức Xuân" in offered.evaluate_all("os => os.map(o => o.value)")
    page.fill("#derive-plan input[name=don_vi]", "Phường Đức Xuân")  # as a chosen option
    expect(page.locator("#derive-plan input[name=cap]")).to_have_value("xa")
    page.click("#derive-plan button")
    expect(page.locator(".bar h1")).to_contain_text(".yaml")
    expect(page.frame_locator("#preview").locator("body")).to_contain_text("Đức Xuân",
                                                                           timeout=10000)
    _shot(page, "cap-duoi")

    new = folder / "bac-kan-sua.yaml"
    new.write_text((folder / "bac-kan-2022.yaml").read_text(encoding="utf-8")
                   .replace("Nguyễn Thị Huệ", "Lê Văn Tám"), encoding="utf-8")
    page.goto(_root(page) + "/so-sanh")
    page.select_option("select[name=cu]", "bac-kan-2022.yaml")
    page.select_option("select[name=moi]", "bac-kan-sua.yaml")
    page.click("form.card button")
    expect(page.frame_locator("#diff").locator("body")).to_contain_text("Lê Văn Tám")
    _shot(page, "so-sanh")
    with page.expect_download() as download:
        page.click("#dl-redline")
    assert download.value.suggested_filename == "bac-kan-sua-thay-doi.docx"


def test_a_clerk_checks_a_word_file_and_downloads_the_repaired_copy(page: Page,
                                                                     tmp_path: Path) -> None:
    """A real plan from a People's Committee (tests/docx_check/corpus/): its findings with
    how to fix them, then '--fix' ticked: the copy downloaded checks clean."""
    from generator.docx_check import check_docx

    sent = CORPUS / "ke-hoach" / "laocai-ke-hoach-thuc-hien-de-an-08.docx"
    page.goto(_root(page) + "/kiem-tra")
    page.set_input_files("input[name=tep]", str(sent))
    page.click("form.card button")
    expect(page.locator("h2")).to_contain_text("2 điểm cần xem")
    expect(page.locator("ul.diagnostics")).to_contain_text("Cách sửa")
    _shot(page, "kiem-tra")
    page.set_input_files("input[name=tep]", str(sent))
    page.check("input[name=sua]")
    with page.expect_download() as download:
        page.click("form.card button")
    assert download.value.suggested_filename == f"{sent.stem}-da-sua.docx"
    fixed = tmp_path / download.value.suggested_filename
    download.value.save_as(fixed)
    assert check_docx(fixed, fixed.read_bytes()) == []


def test_the_yaml_tab_and_the_preview_of_a_real_plan(page: Page) -> None:
    page.goto(_root(page) + "/sua/bac-kan-2022.yaml")
    expect(page.frame_locator("#preview").locator("body")).to_contain_text("Phụ lục I")
    _shot(page, "xem-truoc")
    page.click("button[data-tab=yaml]")
    expect(page.locator("#yaml")).to_contain_text("# Kế hoạch nâng cao chất lượng")
    _shot(page, "yaml")


def test_two_fields_changed_in_quick_succession_are_both_saved(page: Page,
                                                               folder: Path) -> None:
    """Saves go one after another: the second names the version the first answered, so it
    is not refused as if another tab had changed the file (it was, before they queued)."""
    page.goto(_root(page) + "/sua/bac-kan-2022.yaml")
    page.click("button[data-tab=ky-nhan]")
    title = page.locator('input[data-path=\'["nguoi_ky", "chuc_vu"]\']')
    kept = page.locator('input[data-path=\'["noi_nhan", "luu"]\']')
    title.fill("PHÓ CHỦ TỊCH THƯỜNG TRỰC")
    title.blur()
    kept.fill("VT, VP, Phòng VH&TT")
    kept.blur()
    expect(page.frame_locator("#preview").locator("body")).to_contain_text(
        "VP, Phòng VH&TT", timeout=5000)
    expect(page.locator("#stale")).to_be_hidden()
    text = (folder / "bac-kan-2022.yaml").read_text(encoding="utf-8")
    assert "PHÓ CHỦ TỊCH THƯỜNG TRỰC" in text
    assert "VT, VP, Phòng VH&TT" in text


def test_a_download_right_after_typing_has_what_was_typed(page: Page, tmp_path: Path) -> None:
    """The download waits for the save of a field still being typed in."""
    page.goto(_root(page) + "/sua/toi-thieu.yaml")
    page.click("button[data-tab=ky-nhan]")
    name = page.locator('input[data-path=\'["nguoi_ky", "ho_ten"]\']')
    name.fill("")
    name.type("Đặng Thị Vừa Gõ")
    with page.expect_download() as download:
        page.click("#dl-docx")
    saved = tmp_path / "vua-go.docx"
    download.value.save_as(saved)
    word = docx.Document(io.BytesIO(saved.read_bytes()))
    text = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert "Đặng Thị Vừa Gõ" in text


def test_tasks_are_edited_as_a_table_and_a_mistake_shows_in_its_cell(page: Page) -> None:
    page.goto(_root(page) + "/sua/bac-kan-2022.yaml")
    page.click("button[data-tab=nhiem-vu]")
    table = page.locator("#tab-nhiem-vu table.rows").first
    expect(table.locator("thead")).to_contain_text("Nội dung")
    expect(table.locator("thead")).to_contain_text("Sản phẩm")
    cell = page.locator('td[data-field=\'["nhom_nhiem_vu", 0, "nhiem_vu", 0, "thoi_gian"]\']')
    cell.locator("textarea").fill("31/02/2022")
    cell.locator("textarea").blur()
    expect(cell.locator(".msg")).not_to_be_empty(timeout=5000)
    _shot(page, "nhiem-vu")
    cell.locator("textarea").fill("Tháng 9/2022")
    cell.locator("textarea").blur()
    expect(cell.locator(".msg")).to_be_empty(timeout=5000)


def test_every_request_of_every_page_goes_to_the_server_itself(page: Page) -> None:
    """No CDN, no internet: each script, style, font, picture and frame a page asks for
    comes from this server (a page with a web font or a CDN script fails here)."""
    root = _root(page)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    for address in ("/", "/sua/bac-kan-2022.yaml", "/so-sanh", "/kiem-tra",
                    "/so-sanh?cu=toi-thieu.yaml&moi=bac-kan-2022.yaml"):
        page.goto(root + address)
        page.wait_for_load_state("networkidle")
    page.goto(root + "/sua/bac-kan-2022.yaml")
    page.click("button[data-tab=can-cu]")
    page.fill("#registry-q", "nghị định 30")
    expect(page.locator("#registry li").first).to_be_visible(timeout=5000)
    assert any("/static/editor.js" in url for url in asked)
    elsewhere = [url for url in asked if not url.startswith((root + "/", "about:", "data:"))]
    assert elsewhere == []


def test_a_mistake_is_said_while_the_clerk_is_still_typing(page: Page) -> None:
    """No need to leave the field: a pause in typing saves and checks."""
    page.goto(_root(page) + "/sua/toi-thieu.yaml")
    level = page.locator('input[data-path=\'["co_quan", "cap"]\']')
    level.fill("")
    level.type("thon")
    message = page.locator('label[data-field=\'["co_quan", "cap"]\'] .msg')
    expect(message).to_contain_text("thon", timeout=5000)
    expect(level).to_be_focused()


def test_yaml_typed_in_its_tab_is_saved_before_the_form_is_used(page: Page,
                                                                 folder: Path) -> None:
    """Text typed in the YAML tab and not saved yet is neither replaced by a form's save nor
    lost: leaving the tab saves it (and reloads the forms from it)."""
    page.goto(_root(page) + "/sua/toi-thieu.yaml")
    page.click("button[data-tab=yaml]")
    box = page.locator("#yaml")
    box.fill(box.input_value() + "# ghi chú viết ở thẻ YAML\n")
    page.click("button[data-tab=ky-nhan]")
    expect(page.locator("#tab-ky-nhan")).to_be_visible()
    name = page.locator('input[data-path=\'["nguoi_ky", "ho_ten"]\']')
    name.fill("Tên Sửa Sau")
    name.blur()
    expect(page.frame_locator("#preview").locator("body")).to_contain_text("Tên Sửa Sau",
                                                                           timeout=5000)
    text = (folder / "toi-thieu.yaml").read_text(encoding="utf-8")
    assert "# ghi chú viết ở thẻ YAML" in text and "Tên Sửa Sau" in text
    page.click("button[data-tab=yaml]")
    expect(box).to_have_value(re.compile("ghi chú viết ở thẻ YAML"))
    expect(box).to_have_value(re.compile("Tên Sửa Sau"))


def test_a_save_the_server_never_got_is_said_not_hidden(page: Page) -> None:
    """The command window closed (the server gone): the page says the change is not saved
    and what to do, instead of 'Đang lưu…' for ever."""
    page.goto(_root(page) + "/sua/toi-thieu.yaml")
    page.route("**/api/sua/**", lambda route: route.abort())
    name = page.locator('input[data-path=\'["nguoi_ky", "ho_ten"]\']')
    page.click("button[data-tab=ky-nhan]")
    name.fill("Tên Không Lưu Được")
    name.blur()
    expect(page.locator("#stale")).to_contain_text("không gọi được kehoach serve", timeout=5000)
    expect(page.locator("#status")).to_have_text("Chưa lưu")

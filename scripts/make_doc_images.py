"""Make the guide's pictures from today's code: terminal transcripts, rendered pages, the diff.

``python scripts/make_doc_images.py`` (run by ``make docs``) works in a scratch folder laid
out as the guide's commands expect (:func:`prepare`), then writes into ``docs/anh/``:

- ``*.txt``: what the clerk sees in the terminal for each command the guide shows; the pages
  include them (``--8<--``), and ``tests/test_docs.py`` checks that they are what the code
  prints now;
- ``*.png``: chosen pages of built plans (LibreOffice → PDF → ``pdftoppm``, 100 dpi, a few
  colours), the HTML comparison of two drafts, photographed by Debian's chromium through
  Playwright (never a downloaded browser), and the top of a page of their Word comparison
  with tracked changes, as LibreOffice prints it.

``--chi-van-ban`` writes the transcripts only (seconds, no LibreOffice or browser);
``--ra THƯ_MỤC`` writes elsewhere than ``docs/anh`` (the tests do).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "anh"
CHROMIUM = Path("/usr/bin/chromium")
DPI = 100
# A fixed build time, so that pages and transcripts do not change from one run to the next.
ENV_FIXED = {"SOURCE_DATE_EPOCH": "1757894400", "NO_COLOR": "1", "COLUMNS": "100",
             "PYTHONUNBUFFERED": "1"}


# A real Word plan (tests/readers/plans/SOURCES.md: UBND tỉnh Lâm Đồng, 2026), the guide's
# example of `kehoach import`, and a second version of it whose deadline and reporting
# period a reviewer changed (`kehoach diff` of two Word files).
WORD_PLAN_SOURCE = ROOT / "tests" / "readers" / "plans" / "ubnd-lam-dong-2026-khong-ma-tuy.docx"
WORD_PLAN = "ke-hoach-ma-tuy.docx"
WORD_PLAN_EDITED = "ke-hoach-ma-tuy-sua.docx"
WORD_PLAN_EDITS = (("hoàn thành trước ngày 15/3/2026", "hoàn thành trước ngày 31/3/2026"),
                   ("Định kỳ 6 tháng, 1 năm", "Định kỳ 3 tháng, 6 tháng, 1 năm"))


@dataclass(frozen=True)
class Transcript:
    """One command the guide shows, and the file its terminal text goes to."""

    name: str
    command: str  # as the clerk types it, starting with ``kehoach``


TRANSCRIPTS = (
    Transcript("new", "kehoach new ke-hoach.yaml"),
    Transcript("validate", "kehoach validate ke-hoach.yaml"),
    Transcript("validate-loi", "kehoach validate ke-hoach-loi.yaml"),
    Transcript("build-pdf", "kehoach build ke-hoach.yaml --pdf"),
    Transcript("explain", "kehoach build data/examples/ia-ake-2024.yaml --explain"),
    Transcript("so-lieu", "kehoach build data/examples/bac-kan-2022.yaml "
                          "--data data/examples/bac-kan-2022-ket-qua.csv"),
    Transcript("derive", 'kehoach derive data/examples/phu-thien-2024.yaml --don-vi "Xã Ia Ake" '
                         "--cap xa --ngay 2024-04-10 -o ia-ake/ke-hoach.yaml"),
    Transcript("derive-validate", "kehoach validate ia-ake/ke-hoach.yaml"),
    Transcript("diff", "kehoach diff du-thao-1.yaml du-thao-2.yaml"),
    Transcript("check", "kehoach check ke-hoach-soan-tay.docx"),
    Transcript("check-fix", "kehoach check ke-hoach-soan-tay.docx --fix -o ke-hoach-da-sua.docx"),
    Transcript("check-json", "kehoach check ke-hoach-soan-tay.docx --format json"),
    Transcript("check-that", f"kehoach check {WORD_PLAN}"),
    Transcript("build-nhieu", "kehoach build data/examples -o output/mau -j 1"),
    Transcript("nhap", f"kehoach import {WORD_PLAN}"),
    Transcript("nhap-dung", f"kehoach build {Path(WORD_PLAN).stem}.yaml"),
    Transcript("nhap-derive", f'kehoach derive {WORD_PLAN} --don-vi "Xã Đạ Huoai" --cap xa '
                              "--ngay 2026-03-10 -o da-huoai/ke-hoach.yaml"),
    Transcript("nhap-diff", f"kehoach diff {WORD_PLAN} {WORD_PLAN_EDITED}"),
)

# The top of the plan `kehoach new` writes: its issuer, date, subject and bases.
STARTER_TOP = "ke-hoach-moi-dau.yaml"
# The imported plan's guessed spots, with the "Kiểm tra: …" comments kehoach left above them.
IMPORT_EXCERPT = "nhap-kiem-tra.yaml"
# Words the second draft adds, shown on the page of the Word file with tracked changes.
REDLINE_WORDS = "sâu rộng"
# The second draft of the comparison: what a reviewer's round changes in the first.
DRAFT_EDITS = (
    ("so: 35\n", "so: 36\n"),
    ("gia_tri: 30", "gia_tri: 40"),
    ("Đẩy mạnh tuyên truyền, hướng dẫn", "Đẩy mạnh tuyên truyền sâu rộng, hướng dẫn"),
)


def kehoach_env() -> dict[str, str]:
    """The environment the commands run in: this checkout's code, fixed time and width."""
    env = dict(os.environ, **ENV_FIXED)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("FORCE_COLOR", None)
    return env


def run_kehoach(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run one guide command (``kehoach …``) as ``python -m generator …`` in ``cwd``."""
    words = shlex.split(command, comments=True)
    if not words or words[0] != "kehoach":
        raise ValueError(f"not a kehoach command: {command!r}")
    return subprocess.run([sys.executable, "-m", "generator", *words[1:]], cwd=cwd,
                          env=kehoach_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, encoding="utf-8", timeout=600, check=False)


def prepare(work: Path) -> None:
    """Lay out ``work`` as the guide's commands expect it.

    ``data/examples/`` (the example plans), ``mau-cua-toi.docx`` (a copy of the template),
    ``du-thao-1.yaml`` and ``du-thao-2.yaml`` (two
    drafts of the Ia Ake plan, also the two commits of ``data/ke-hoach.yaml`` in a git
    repository), ``ke-hoach-loi.yaml`` (a new plan with one key mistyped) and
    ``ke-hoach-soan-tay.docx`` (a built plan whose left margin and date a clerk changed),
    ``ke-hoach-ma-tuy.docx`` (a real Word plan) and ``ke-hoach-ma-tuy-sua.docx`` (its second
    version).
    """
    shutil.copytree(ROOT / "data" / "examples", work / "data" / "examples")
    shutil.copyfile(ROOT / "templates" / "ke-hoach.docx", work / "mau-cua-toi.docx")
    first = (ROOT / "data" / "examples" / "ia-ake-2024.yaml").read_text(encoding="utf-8")
    second = first
    for old, new in DRAFT_EDITS:
        assert old in second, old
        second = second.replace(old, new, 1)
    (work / "du-thao-1.yaml").write_text(first, encoding="utf-8")
    (work / "du-thao-2.yaml").write_text(second, encoding="utf-8")
    _git_history(work, first, second)
    with tempfile.TemporaryDirectory() as scratch:
        starter = Path(scratch)
        _check(run_kehoach("kehoach new moi.yaml", starter))
        text = (starter / "moi.yaml").read_text(encoding="utf-8")
        (work / "ke-hoach-loi.yaml").write_text(text.replace("\nnhiem_vu:", "\nnhiem_vuu:", 1),
                                                encoding="utf-8")
        _check(run_kehoach("kehoach build data/examples/toi-thieu.yaml -o " + scratch, work))
        _hand_edit(starter / "toi-thieu.docx", work / "ke-hoach-soan-tay.docx")
    shutil.copyfile(WORD_PLAN_SOURCE, work / WORD_PLAN)
    _edit_words(work / WORD_PLAN, work / WORD_PLAN_EDITED, WORD_PLAN_EDITS)


def _git_history(work: Path, first: str, second: str) -> None:
    """A git repository whose ``data/ke-hoach.yaml`` was the first draft, then the second."""
    plan = work / "data" / "ke-hoach.yaml"
    git = ["git", "-c", "user.name=Văn thư", "-c", "user.email=vanthu@example.invalid",
           "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q", str(work)], check=True)
    for number, text in enumerate((first, second), start=1):
        plan.write_text(text, encoding="utf-8")
        subprocess.run([*git, "add", "data/ke-hoach.yaml"], cwd=work, check=True)
        subprocess.run([*git, "commit", "-q", "-m", f"Dự thảo {number}"], cwd=work, check=True)


def _hand_edit(built: Path, target: Path) -> None:
    """What a clerk's later edits in Word did: a 25 mm left margin, a day without its zero."""
    import docx  # python-docx: a dependency of kehoach
    from docx.shared import Mm

    document = docx.Document(str(built))
    document.sections[0].left_margin = Mm(25)
    for paragraph in document.paragraphs + [p for t in document.tables for row in t.rows
                                             for cell in row.cells for p in cell.paragraphs]:
        for run in paragraph.runs:
            if "ngày 15 tháng 9" in run.text:
                run.text = run.text.replace("ngày 15 tháng 9", "ngày 5 tháng 9")
    document.save(str(target))


def _edit_words(source: Path, target: Path, edits: Sequence[tuple[str, str]]) -> None:
    """A reviewer's round in Word: each phrase changed inside the run that holds it."""
    import docx  # python-docx: a dependency of kehoach

    document = docx.Document(str(source))
    left = dict(edits)
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            for old in [old for old in left if old in run.text]:
                run.text = run.text.replace(old, left.pop(old))
    assert not left, f"{source.name} no longer has {sorted(left)}"
    document.save(str(target))


def _check(result: subprocess.CompletedProcess[str]) -> None:
    if result.returncode != 0:
        raise RuntimeError(f"{result.args}: exit {result.returncode}\n{result.stdout}")


def transcript_text(transcript: Transcript, work: Path) -> str:
    """``$ command`` then what it printed (both streams, as a terminal shows them)."""
    result = run_kehoach(transcript.command, work)
    printed = result.stdout.rstrip("\n")
    return f"$ {transcript.command}\n{printed}\n"


def write_transcripts(work: Path, out: Path) -> list[Path]:
    """Every transcript, in order (later commands use what earlier ones made), and the top of
    the plan ``kehoach new`` wrote, as the clerk sees it in Notepad."""
    written = []
    for transcript in TRANSCRIPTS:
        target = out / f"{transcript.name}.txt"
        target.write_text(transcript_text(transcript, work), encoding="utf-8")
        written.append(target)
    starter = (work / "ke-hoach.yaml").read_text(encoding="utf-8")
    top = starter[starter.index("\nco_quan:") + 1:starter.index("\nloi_dan:")]
    target = out / STARTER_TOP
    target.write_text(top, encoding="utf-8")
    excerpt = out / IMPORT_EXCERPT
    excerpt.write_text(_guessed_spots(work / Path(WORD_PLAN).with_suffix(".yaml")),
                       encoding="utf-8")
    return [*written, target, excerpt]


def _guessed_spots(plan: Path) -> str:
    """The imported plan's first lines down to its date, then its signer and recipients:
    where the two guesses of the guide's example are."""
    text = plan.read_text(encoding="utf-8")
    head = text[:text.index("\nten_loai:") + 1]
    tail = text[text.index("\nnguoi_ky:") + 1:]
    return f"{head}# … (trích yếu, căn cứ, các phần của kế hoạch) …\n{tail}"


# Pages the guide shows: (image name, plan built with --pdf, page number).
PAGES = (
    ("trang-ke-hoach-moi", "ke-hoach.yaml", 1),
    ("trang-ia-ake", "data/examples/ia-ake-2024.yaml", 1),
    ("trang-phu-luc-bac-kan", "data/examples/bac-kan-2022.yaml", -1),
)


def render_pages(work: Path, out: Path) -> list[Path]:
    """Build each plan to PDF (LibreOffice) and keep one page as a grey PNG (pdftoppm)."""
    written = []
    for name, plan, page in PAGES:
        folder = work / "anh" / name
        _check(run_kehoach(f"kehoach build {plan} --pdf -o {folder}", work))
        pdf = folder / (Path(plan).stem + ".pdf")
        number = page if page > 0 else _page_count(pdf)
        target = out / f"{name}.png"
        subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(DPI), "-f", str(number),
                        "-l", str(number), "-singlefile", str(pdf), str(target.with_suffix(""))],
                       check=True)
        _shrink(target)
        written.append(target)
    return written


def render_redline(work: Path, out: Path) -> Path:
    """The Word file with tracked changes, as LibreOffice prints it: the page of one change."""
    _check(run_kehoach('kehoach diff du-thao-1.yaml du-thao-2.yaml --docx so-sanh.docx '
                       '--tac-gia "Phòng Tư pháp"', work))
    profile = (work / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work), str(work / "so-sanh.docx")],
                   check=True, capture_output=True, timeout=300)
    pdf = work / "so-sanh.pdf"
    page = next(number for number in range(1, _page_count(pdf) + 1)
                if REDLINE_WORDS in _page_text(pdf, number))
    target = out / "so-sanh-word.png"
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page),
                    "-H", str(DPI * 4), "-singlefile", str(pdf), str(target.with_suffix(""))],
                   check=True)
    _shrink(target, colours=64)  # enough for the change marks' colour to survive
    return target


def render_import(work: Path, out: Path) -> Path:
    """The first page of the Word plan beside the first page kehoach rebuilt from its import
    (``output/…docx``, written by the ``nhap-dung`` transcript), as LibreOffice prints them."""
    from PIL import Image

    rebuilt = work / "output" / WORD_PLAN
    folder = work / "anh" / "nhap"
    folder.mkdir(parents=True)
    shutil.copyfile(rebuilt, folder / f"dung-lai-{WORD_PLAN}")
    profile = (work / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(work / WORD_PLAN),
                    str(folder / f"dung-lai-{WORD_PLAN}")],
                   check=True, capture_output=True, timeout=300)
    pictures = []
    for pdf in (folder / Path(WORD_PLAN).with_suffix(".pdf").name,
                folder / f"dung-lai-{Path(WORD_PLAN).stem}.pdf"):
        subprocess.run(["pdftoppm", "-png", "-gray", "-r", "72", "-f", "1", "-l", "1",
                        "-singlefile", str(pdf), str(pdf.with_suffix(""))], check=True)
        pictures.append(Image.open(pdf.with_suffix(".png")).convert("L"))
    gap = 24
    width = sum(picture.width for picture in pictures) + gap
    both = Image.new("L", (width, max(picture.height for picture in pictures)), 160)
    both.paste(pictures[0], (0, 0))
    both.paste(pictures[1], (pictures[0].width + gap, 0))
    target = out / "nhap-truoc-sau.png"
    both.save(target)
    _shrink(target)
    return target


def _page_text(pdf: Path, number: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def _shrink(png: Path, colours: int = 16) -> None:
    """Keep a picture small: a palette of a few colours, saved with the best compression."""
    from PIL import Image

    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colours, method=Image.Quantize.FASTOCTREE,
                                              dither=Image.Dither.NONE)
    small.save(png, optimize=True)


def _page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(pages.split()[1])


def screenshot_diff(work: Path, out: Path) -> Path:
    """The HTML comparison of the two drafts, as Debian's chromium shows it."""
    from playwright.sync_api import sync_playwright

    html = work / "so-sanh.html"
    _check(run_kehoach("kehoach diff du-thao-1.yaml du-thao-2.yaml --format html "
                       f"-o {html}", work))
    target = out / "so-sanh-html.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), timeout=60_000)
        page = browser.new_page(viewport={"width": 900, "height": 430})
        page.goto(html.as_uri(), timeout=60_000)
        page.screenshot(path=str(target), full_page=False, timeout=60_000)
        browser.close()
    _shrink(target, colours=32)
    return target


# The plans of the browser editor's folder in the guide's pictures.
SERVE_PLANS = ("ia-ake-2024.yaml", "bac-kan-2022.yaml", "toi-thieu.yaml")
SERVE_TOKEN = "anh-huong-dan"


def screenshot_serve(work: Path, out: Path) -> list[Path]:
    """``kehoach serve`` as a clerk sees it, in Debian's chromium: the list of plans, the
    editor beside its A4 preview, a mistake said under its field, a Word plan imported."""
    import threading
    import time

    import uvicorn
    from playwright.sync_api import expect, sync_playwright

    from generator.web.app import create_app
    from generator.web.serve import free_port, hosts_for

    folder = work / "trinh-duyet"
    folder.mkdir()
    # the list shows when each plan was last changed, in the machine's time zone: the fixed
    # build time in Vietnam's, so that the picture is the same on every run and machine
    changed = int(ENV_FIXED["SOURCE_DATE_EPOCH"])
    os.environ["TZ"] = "Asia/Ho_Chi_Minh"
    if hasattr(time, "tzset"):
        time.tzset()
    for name in SERVE_PLANS:
        shutil.copyfile(work / "data" / "examples" / name, folder / name)
        os.utime(folder / name, (changed, changed))
    port = free_port("127.0.0.1")
    server = uvicorn.Server(uvicorn.Config(
        create_app(folder, SERVE_TOKEN, hosts_for("127.0.0.1", port)), host="127.0.0.1",
        port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    root = f"http://127.0.0.1:{port}"
    shots = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 timeout=60_000)
            page = browser.new_page(viewport={"width": 1280, "height": 640})
            page.goto(f"{root}/?token={SERVE_TOKEN}", timeout=60_000)
            expect(page.locator("table.plans")).to_contain_text("ia-ake-2024.yaml")
            # the scratch folder's name, shown as a clerk's own folder on Windows would be
            page.locator("p.folder").evaluate("e => e.textContent = 'D:\\\\KeHoach'")
            shots.append(_web_shot(page, out / "web-danh-sach.png"))

            page.set_viewport_size({"width": 1400, "height": 800})
            page.goto(f"{root}/sua/ia-ake-2024.yaml", timeout=60_000)
            expect(page.frame_locator("#preview").locator("body")).to_contain_text("KẾ HOẠCH")
            shots.append(_web_shot(page, out / "web-soan-thao.png"))

            level = page.locator('input[data-path=\'["co_quan", "cap"]\']')
            level.fill("thon")
            level.blur()
            expect(page.locator('label[data-field=\'["co_quan", "cap"]\'] .msg')
                   ).not_to_be_empty(timeout=10_000)
            expect(page.locator("#preview-note")).to_be_visible()
            shots.append(_web_shot(page, out / "web-loi-tai-o.png"))
            level.fill("xa")
            level.blur()
            expect(page.locator("#preview-note")).to_be_hidden(timeout=10_000)

            page.goto(f"{root}/", timeout=60_000)
            page.set_input_files("#import-plan input[name=tep]", str(work / WORD_PLAN))
            page.click("#import-plan button")
            expect(page.frame_locator("#preview").locator("body")).to_contain_text(
                "LÂM ĐỒNG", timeout=30_000)
            shots.append(_web_shot(page, out / "web-nhap.png"))
            browser.close()
    finally:
        server.should_exit = True
        thread.join(10)
    return shots


def _web_shot(page: Any, target: Path) -> Path:
    """A screenshot once the page has settled: no request under way, two frames drawn and a
    moment for the preview to paint — its text in the DOM is not yet its picture (the
    preview's frame runs no script, so its own frames cannot be awaited), and a shot taken
    between the two showed an empty grey page."""
    page.wait_for_load_state("networkidle", timeout=60_000)
    page.evaluate("() => new Promise(done =>"
                  " requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_timeout(500)
    page.screenshot(path=str(target), full_page=False, timeout=60_000)
    _shrink(target, colours=32)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--ra", type=Path, default=IMAGES, help="thư mục ghi (docs/anh)")
    parser.add_argument("--chi-van-ban", action="store_true",
                        help="chỉ ghi lời trên màn hình (.txt), không dựng ảnh")
    args = parser.parse_args(argv)
    args.ra.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kehoach-anh-") as scratch:
        work = Path(scratch)
        prepare(work)
        written = write_transcripts(work, args.ra)
        if not args.chi_van_ban:
            written += render_pages(work, args.ra)
            written.append(screenshot_diff(work, args.ra))
            written.append(render_redline(work, args.ra))
            written.append(render_import(work, args.ra))
            written += screenshot_serve(work, args.ra)
    for path in written:
        print(f"{path.relative_to(args.ra)}: {path.stat().st_size:,} byte")
    return 0


if __name__ == "__main__":
    sys.exit(main())

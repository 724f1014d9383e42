"""The guide in docs/: it builds, every command it shows runs, its pictures are today's code's.

The commands a page shows in ```sh blocks run in order, in a fresh folder laid out by
``scripts/make_doc_images.py`` (``prepare``): ``kehoach …`` as ``python -m generator …`` of
this checkout, ``git …`` with such a ``kehoach`` first on the PATH. A command that should
fail says so at the end of its line (``# mã thoát 1``).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from playwright.sync_api import Browser

from generator.glossary import glossary_markdown, replace_in
from tests.conftest import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
EXIT = re.compile(r"#\s*mã thoát (\d)\s*$")


def heading_anchors(page: Path) -> set[str]:
    """The anchors MkDocs gives a page's headings (accents dropped, as its slugify does)."""
    import unicodedata

    anchors = set()
    for heading in re.findall(r"^#+ (.*)$", page.read_text(encoding="utf-8"), re.MULTILINE):
        plain = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode()
        anchors.add(re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", plain).strip().lower()))
    return anchors


def _images_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_doc_images",
                                                  ROOT / "scripts" / "make_doc_images.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_doc_images"] = module
    spec.loader.exec_module(module)
    return module


IMAGES = _images_script()


def _blocks(page: Path, language: str) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)


def _commands(block: str) -> list[str]:
    """The block's commands, a line ending in ``\\`` joined to the next."""
    joined = block.replace("\\\n", " ")
    return [line.strip() for line in joined.splitlines()
            if line.strip() and not line.strip().startswith("#")]


def _kehoach_on_path(folder: Path) -> dict[str, str]:
    """An environment whose ``kehoach`` is this checkout's (git difftool calls it)."""
    folder.mkdir()
    wrapper = folder / "kehoach"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m generator "$@"\n',
                       encoding="utf-8")
    wrapper.chmod(0o755)
    env = IMAGES.kehoach_env()
    env["PATH"] = os.pathsep.join([str(folder), env.get("PATH", "")])
    return env


def _run(command: str, work: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    words = shlex.split(command, comments=True)
    if words[0] == "kehoach":
        argv = [sys.executable, "-m", "generator", *words[1:]]
    elif words[0] == "git":
        argv = ["git", "-c", "user.name=Văn thư", "-c", "user.email=vanthu@example.invalid",
                *words[1:]]
    else:
        raise AssertionError(f"the guide shows a command no test runs: {command}")
    return subprocess.run(argv, cwd=work, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, encoding="utf-8", timeout=600,
                          check=False)


PAGES_WITH_COMMANDS = [page for page in PAGES if _blocks(page, "sh")]


@pytest.mark.parametrize("page", PAGES_WITH_COMMANDS, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_command_the_guide_shows_runs(page: Path, tmp_path: Path) -> None:
    work = tmp_path / "lam-viec"
    work.mkdir()
    IMAGES.prepare(work)
    env = _kehoach_on_path(tmp_path / "bin")
    for block in _blocks(page, "sh"):
        for command in _commands(block):
            expected = EXIT.search(command)
            result = _run(command, work, env)
            assert result.returncode == (int(expected.group(1)) if expected else 0), (
                f"{page.name}: {command}\n{result.stdout}")
            assert "Lỗi nội bộ" not in result.stdout, command


def test_every_command_the_guide_names_in_its_text_exists_with_those_options() -> None:
    """A command shown in the text (`kehoach build KH.yaml --pdf`) holds placeholders and is
    not run: its command and options must still be kehoach's, so a renamed option cannot
    stay in the guide."""
    import click

    from generator.cli import main

    context = click.Context(main)
    shown = 0
    for page in PAGES:
        for command in re.findall(r"`(kehoach [a-z][^`]*)`", page.read_text(encoding="utf-8")):
            found = main.get_command(context, command.split()[1])
            assert found is not None, f"{page.name}: {command}"
            options = {"--help"} | {option for param in found.params
                                    for option in (*param.opts, *param.secondary_opts)}
            # what follows a pipe is another program's (`kehoach schema | head -0`)
            own = command.split("|")[0]
            for option in re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", own):
                assert option in options, f"{page.name}: {command}: {option}"
            shown += 1
    assert shown >= 50


def test_the_guide_runs_commands_on_most_of_its_pages() -> None:
    """A renamed code fence must not quietly stop the commands being run."""
    names = {page.name for page in PAGES_WITH_COMMANDS}
    for name in ("ke-hoach-dau-tien.md", "cai-dat.md", "cap-duoi.md", "so-sanh.md",
                 "kiem-tra-word.md", "dung-nhieu.md", "so-lieu.md", "chi-tieu.md", "phu-luc.md",
                 "nhap-tu-word.md"):
        assert name in names, name


def test_terminal_text_the_guide_shows_is_what_kehoach_prints(tmp_path: Path) -> None:
    """docs/anh/*.txt are rewritten by ``make docs``; this fails when the code moved on."""
    out = tmp_path / "anh"
    assert IMAGES.main(["--chi-van-ban", "--ra", str(out)]) == 0
    for name in [f"{transcript.name}.txt" for transcript in IMAGES.TRANSCRIPTS] + [
            IMAGES.STARTER_TOP, IMAGES.IMPORT_EXCERPT]:
        assert (out / name).read_text(encoding="utf-8") == \
            (DOCS / "anh" / name).read_text(encoding="utf-8"), (
            f"docs/anh/{name} is stale: run `make docs` (python scripts/make_doc_images.py)")


def test_image_script_makes_every_picture_the_guide_shows(tmp_path: Path) -> None:
    out = tmp_path / "anh"
    # a process of its own, bounded: LibreOffice or the browser stuck fails the test, not CI
    made = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_doc_images.py"), "--ra",
                           str(out)], env=IMAGES.kehoach_env(), capture_output=True, text=True,
                          encoding="utf-8", timeout=600, check=False)
    assert made.returncode == 0, made.stdout + made.stderr
    shown = {Path(name).name for page in PAGES
             for name in re.findall(r"\]\(([^)]+\.png)\)", page.read_text(encoding="utf-8"))}
    assert shown, "the guide shows no picture"
    for name in shown:
        made, committed = out / name, DOCS / "anh" / name
        assert made.stat().st_size > 5_000, name  # a real page, not an empty image
        assert made.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        assert committed.exists() and committed.stat().st_size < 150_000, name
    # the pictures are made the same way each run (fixed build time, time zone, folder
    # name): one that differs shows what the code made before a change, not today's
    stale = sorted(name for name in shown if not _same_pixels(out / name, DOCS / "anh" / name))
    assert stale == [], f"docs/anh/ is stale: {stale}; run `make docs` and commit docs/anh/"


def _same_pixels(made: Path, committed: Path) -> bool:
    from PIL import Image, ImageChops

    with Image.open(made) as new, Image.open(committed) as old:
        if new.size != old.size:
            return False
        return ImageChops.difference(new.convert("RGB"), old.convert("RGB")).getbbox() is None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The guide as ``make docs`` builds it (``mkdocs build --strict``)."""
    built = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                             str(built)], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    return built


def test_guide_builds_without_a_broken_link(site: Path) -> None:
    assert (site / "cai-dat.html").exists()  # pages open as files: no server needed
    assert 'lang="vi"' in (site / "index.html").read_text(encoding="utf-8")
    # the offline plugin's search index, readable from file:// and in Vietnamese
    assert '"lang":["vi"]' in (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")


def test_guide_pages_load_nothing_from_the_network(site: Path) -> None:
    """No script, style sheet or picture of a page comes from the internet (Material's
    offline plugin would load its file:// search helper from unpkg.com: mkdocs.yml gives it
    the copy in docs/js/)."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        outside = re.findall(r'<(?:script|img|link)\b[^>]*\b(?:src|href)="(?:https?:)?//[^"]*"',
                             text)
        # a link to a page elsewhere is the clerk's choice to follow; loading is not
        outside = [tag for tag in outside if not tag.startswith("<link") or
                   re.search(r'rel="(?:stylesheet|preload|preconnect|modulepreload)"', tag)]
        assert outside == [], page.relative_to(site)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium, as a clerk's browser opening the built guide."""
    from playwright.sync_api import sync_playwright

    if not IMAGES.CHROMIUM.exists():
        pytest.fail("Cần chromium của Debian (apt-get install -y chromium) cho các phép thử "
                    "trang hướng dẫn trong trình duyệt.")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(IMAGES.CHROMIUM),
                                              args=["--no-sandbox"], timeout=60_000)
        yield launched
        launched.close()


def test_guide_search_works_opened_as_files_without_a_network(site: Path,
                                                              browser: Browser) -> None:
    """A clerk opens output/site/index.html with no network: the search box is there and
    finds Vietnamese words (every http(s) request refused)."""
    refused: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.route(re.compile(r"^https?://"),
                      lambda route: (refused.append(route.request.url), route.abort()))
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        page.click(".md-search__form", timeout=10_000)
        page.keyboard.type("bảng chỉ tiêu")
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        titles = page.locator(".md-search-result__item h1").all_inner_texts()
    finally:
        context.close()
    assert "Chỉ tiêu và bảng chỉ tiêu" in titles, titles
    assert refused == []


def test_guide_shows_vietnamese_in_commands_with_a_font_that_has_its_letters(
        site: Path, browser: Browser) -> None:
    """Terminal text and messages are Vietnamese in a monospace font: Linux's default one
    (DejaVu Sans Mono) has no 'ế' and drew 'kê´hoạch'; docs/css/kehoach.css names fonts that
    have the letters. The fonts chromium really used for the FAQ's messages must hold them
    (fontconfig says which letters a font has)."""
    page = browser.new_page()
    try:
        page.goto((site / "cau-hoi-thuong-gap.html").as_uri())
        session = page.context.new_cdp_session(page)
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        blocks = session.send("DOM.querySelectorAll",
                              {"nodeId": root, "selector": "pre code"})["nodeIds"]
        assert len(blocks) >= 10
        used = {font["familyName"] for block in blocks
                for font in session.send("CSS.getPlatformFontsForNode",
                                         {"nodeId": block})["fonts"]}
    finally:
        page.close()
    for family in used:
        # ế ấ ệ ữ ỏ: letters only a font made for Vietnamese has composed
        holds = subprocess.run(["fc-list", f"{family}:charset=1ebf 1ea5 1ec7 1eef 1ecf",
                                "family"], capture_output=True, text=True, check=True).stdout
        assert holds.strip(), f"the guide's messages are drawn in {family}, without 'ế'"


def test_reference_page_matches_the_model(update_golden: bool) -> None:
    page = DOCS / "tham-chieu.md"
    text = page.read_text(encoding="utf-8")
    if update_golden:
        page.write_text(replace_in(text), encoding="utf-8")
        text = page.read_text(encoding="utf-8")
    assert glossary_markdown() in text


def test_reference_headings_are_vietnamese() -> None:
    from generator.model import Plan

    headings = re.findall(r"^### (.*)$", glossary_markdown(), flags=re.MULTILINE)
    assert headings[0] == "Kế hoạch (cả tệp) (`Plan`)"
    assert len(headings) >= len(Plan.model_fields) // 2
    # each group's first line says what it is in Vietnamese, not the model's English docstring
    intros = re.findall(r"^### .*\n\n(.*)$", glossary_markdown(), flags=re.MULTILINE)
    assert len(intros) == len(headings)
    for intro in intros:
        assert re.search(r"[à-ỹđ]", intro.lower()), intro


def test_key_summary_names_only_keys_the_model_has() -> None:
    from pydantic import BaseModel

    from generator.glossary import _models_in
    from generator.model import Plan

    keys: set[str] = set()
    queue: list[type[BaseModel]] = [Plan]
    while queue:
        model = queue.pop()
        for name, info in model.model_fields.items():
            if (info.alias or name) not in keys:
                keys.add(info.alias or name)
                queue.extend(_models_in(info.annotation))
    text = (DOCS / "tom-tat-khoa.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^\| \**`([a-z_]+)`", text, flags=re.MULTILINE))
    named |= {key for row in re.findall(r"^\| (`[a-z_]+`(?:, `[a-z_]+`)+) \|", text,
                                        flags=re.MULTILINE)
              for key in re.findall(r"`([a-z_]+)`", row)}
    assert named - keys == set()
    for field in Plan.model_fields.values():
        assert f"`{field.alias}`" in text, field.alias
        if field.is_required():
            assert f"**`{field.alias}`**" in text, field.alias


def test_guide_yaml_snippets_parse() -> None:
    from generator.load import load_text

    snippets = [(page, snippet) for page in PAGES for snippet in _blocks(page, r"\s*yaml")]
    assert len(snippets) >= 5
    for page, snippet in snippets:
        lines = snippet.splitlines()
        indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()),
                     default=0)
        lines = [line[indent:] for line in lines]
        if any(line.strip() and not line.lstrip().startswith(("#", "--8<--")) for line in lines):
            assert not load_text("\n".join(lines), page.name).problems, page.name


def test_faq_quotes_messages_kehoach_really_prints() -> None:
    text = (DOCS / "cau-hoi-thuong-gap.md").read_text(encoding="utf-8")
    source = "\n".join(path.read_text(encoding="utf-8")
                       for path in (ROOT / "generator").rglob("*.py"))
    for quoted in re.findall(r'^## "(.+?)"', text, flags=re.MULTILINE):
        assert quoted in source, quoted
    for included in re.findall(r'--8<-- "(tests/[^"]+)"', text):
        assert (ROOT / included).exists(), included


def test_messages_send_a_clerk_to_guide_pages_that_exist() -> None:
    """The README is the front door now: a message or a key's help that said "README, mục
    Chỉ tiêu" sent the clerk to a section it no longer has. What kehoach says (every string
    of its code but docstrings) names no README, and each guide page it names exists."""
    import ast

    titles = {page.read_text(encoding="utf-8").partition("\n")[0].removeprefix("# ")
              for page in PAGES}
    named = 0
    for path in sorted((ROOT / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or \
                    id(node) in docstrings:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            assert "README" not in node.value, where
            for title in re.findall(r"hướng dẫn, trang '([^']+)'", node.value):
                assert title in titles, f"{where}: no guide page '{title}'"
                named += 1
    assert named >= 5


def test_install_page_gives_a_clerk_the_steps_for_each_system() -> None:
    from generator import __version__

    text = (DOCS / "cai-dat.md").read_text(encoding="utf-8")
    for step in ("Add python.exe to PATH", "py -m pip install --user pipx", "pipx ensurepath",
                 f"pipx install kehoach-{__version__}-py3-none-any.whl", "uv tool install",
                 "LibreOffice", "Chưa thử trên máy Windows hay macOS thật",
                 "## Linux", "libreoffice-writer-nogui"):
        assert step in text, step


def test_reliability_page_states_the_loader_limits_the_code_has() -> None:
    from generator.load.build import MAX_BYTES, MAX_NODES, MAX_TEXT_CHARS
    from generator.load.chars import MAX_CHAR_PROBLEMS
    from generator.load.events import MAX_DEPTH
    from generator.vnformat import vi_int

    text = (DOCS / "phat-trien" / "do-tin-cay.md").read_text(encoding="utf-8")
    section = text[text.index("## Tệp kế hoạch"):text.index("## Mẫu trình bày")]
    section = " ".join(section.split())
    for said in (f"{vi_int(MAX_BYTES)} byte", f"{vi_int(MAX_NODES)} giá trị",
                 f"{vi_int(MAX_TEXT_CHARS)} ký tự văn bản", f"{MAX_DEPTH} tầng",
                 f"{MAX_CHAR_PROBLEMS} ký tự đầu tiên"):
        assert said in section, said


def test_reliability_page_states_the_input_size_limits_the_code_has() -> None:
    """Every input is measured before it is read (issue 18); the page says each limit as
    the refusal does (it once said 5,000,000 bytes for a unit list limited to 2 MB)."""
    from generator.derive.spec import LIST_BYTES
    from generator.docx_check import MAX_DOCX_BYTES
    from generator.inputs import size_text
    from generator.kpi.sheets import Limits
    from generator.load.build import MAX_BYTES
    from generator.readers import MAX_INPUT_BYTES
    from generator.render.template.preparation import MAX_UNPACKED_BYTES
    from generator.vnformat import vi_int

    text = (DOCS / "phat-trien" / "do-tin-cay.md").read_text(encoding="utf-8")
    promise = " ".join(text[text.index("5. **Đầu vào"):text.index("Số liệu thử")].split())
    assert MAX_DOCX_BYTES == MAX_INPUT_BYTES  # one figure for check's and import's Word file
    for said in (f"kế hoạch {vi_int(MAX_BYTES)} byte", f"danh sách đơn vị {size_text(LIST_BYTES)}",
                 f"tệp số liệu {size_text(Limits().file_bytes)}",
                 f"mẫu {vi_int(MAX_UNPACKED_BYTES)} byte",
                 f"`check` và `import` {vi_int(MAX_DOCX_BYTES)} byte"):
        assert said in promise, said

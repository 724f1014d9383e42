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
from pathlib import Path
from types import ModuleType

import pytest

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


def test_guide_builds_without_a_broken_link(tmp_path: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                             str(tmp_path / "site")], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert (site / "cai-dat.html").exists()  # pages open as files: no server needed
    assert 'lang="vi"' in (site / "index.html").read_text(encoding="utf-8")
    # the offline plugin's search index, readable from file:// and in Vietnamese
    assert '"lang":["vi"]' in (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")


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

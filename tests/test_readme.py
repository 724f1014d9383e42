"""The README is the front door: what kehoach is, the two quick-start commands, install for
each system, and links into the guide (docs/) that all lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT

README = ROOT / "README.md"


def test_readme_quick_start_has_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make examples" in text and "make test" in text


def test_readme_shows_a_built_page_and_the_editor_the_project_made() -> None:
    """Both pictures are made by scripts/make_doc_images.py (a built page, and the
    browser editor as issue 23 asks), never by hand."""
    text = README.read_text(encoding="utf-8")
    pictures = re.findall(r'<img src="([^"]+)"', text)
    assert pictures == ["docs/anh/trang-ia-ake.png", "docs/anh/web-soan-thao.png"]
    script = (ROOT / "scripts" / "make_doc_images.py").read_text(encoding="utf-8")
    for picture in pictures:
        assert (ROOT / picture).stat().st_size > 5_000
        assert Path(picture).stem in script, picture


def test_readme_installs_on_each_system_in_three_lines() -> None:
    from generator import __version__

    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Cài đặt"):text.index("## Hướng dẫn sử dụng")]
    items = re.findall(r"^- \*\*(\w+)\*\*:((?:.*\n)(?:  .*\n)*)", section, flags=re.MULTILINE)
    assert [name for name, _ in items] == ["Windows", "macOS", "Linux"]
    for name, body in items:
        assert len(body.strip().splitlines()) <= 3, name
        assert f"pipx install kehoach-{__version__}-py3-none-any.whl" in " ".join(body.split())
    assert "(docs/cai-dat.md)" in section
    assert section.startswith("## Cài đặt trên máy Windows / macOS\n")  # issue 20's words


def test_readme_names_what_was_not_tried_on_a_real_windows_or_mac() -> None:
    """Issue 20: the README says what was only simulated, not tried on those systems."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Cài đặt"):text.index("## Hướng dẫn sử dụng")]
    untried = section[section.index("**Chưa thử trên máy Windows hay macOS thật**"):]
    for what in ("các bước cài", "cửa sổ lệnh", "LibreOffice", "Word giữ khóa"):
        assert what in untried, what


def test_readme_links_lead_to_pages_that_exist() -> None:
    from tests.test_docs import heading_anchors

    text = README.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#]+)(#[^)]*)?\)", text)
    assert len(links) >= 15
    for target, anchor in links:
        assert (ROOT / target).is_file(), target
        if anchor:
            assert anchor[1:] in heading_anchors(ROOT / target), target + anchor
    for page in ("docs/ke-hoach-dau-tien.md", "docs/cau-hoi-thuong-gap.md",
                 "docs/phat-trien/index.md", "docs/phat-trien/do-tin-cay.md"):
        assert f"({page})" in text, page

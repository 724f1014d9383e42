"""The README's YAML reference is the one generated from the model (it cannot drift)."""

from __future__ import annotations

from generator.glossary import glossary_markdown, replace_in
from tests.conftest import ROOT


def test_readme_glossary_matches_the_model(update_golden: bool) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if update_golden:
        readme.write_text(replace_in(text), encoding="utf-8")
        text = readme.read_text(encoding="utf-8")
    assert glossary_markdown() in text


def test_readme_quick_start_has_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make examples" in text and "make test" in text


def test_readme_yaml_snippets_parse() -> None:
    import re

    from generator.load import load_text

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    snippets = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    assert len(snippets) >= 3
    for snippet in snippets:
        lines = snippet.splitlines()
        if all(line.startswith("  ") or not line for line in lines):
            lines = [line[2:] for line in lines]  # a snippet indented inside a list item
        if any(line.strip() and not line.lstrip().startswith("#") for line in lines):
            assert not load_text("\n".join(lines), "README.md").problems


def test_readme_states_the_loader_limits_the_code_has() -> None:
    from generator.load.build import MAX_BYTES, MAX_NODES, MAX_TEXT_CHARS
    from generator.load.chars import MAX_CHAR_PROBLEMS
    from generator.load.events import MAX_DEPTH
    from generator.vnformat import vi_int

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("#### Tệp kế hoạch"):text.index("#### Mẫu trình bày")]
    section = " ".join(section.split())
    for said in (f"{vi_int(MAX_BYTES)} byte", f"{vi_int(MAX_NODES)} giá trị",
                 f"{vi_int(MAX_TEXT_CHARS)} ký tự văn bản", f"{MAX_DEPTH} tầng",
                 f"{MAX_CHAR_PROBLEMS} ký tự đầu tiên"):
        assert said in section, said


def test_readme_gives_a_clerk_the_windows_and_macos_install_steps() -> None:
    from generator import __version__

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Cài đặt trên máy Windows / macOS"):text.index("## Tiếng Việt")]
    for step in ("Add python.exe to PATH", "py -m pip install --user pipx", "pipx ensurepath",
                 f"pipx install kehoach-{__version__}-py3-none-any.whl", "uv tool install",
                 "LibreOffice", "Chưa thử trên máy Windows hay macOS thật"):
        assert step in section, step

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

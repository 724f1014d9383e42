"""The renderer registry: each format by its name, and no other format for a wrong name."""

from __future__ import annotations

import pytest

from generator.render import RENDERERS, renderer


@pytest.mark.parametrize("name", ["docx", "xlsx", "html"])
def test_each_format_names_its_own_renderer(name: str) -> None:
    assert renderer(name).__name__ == f"render_{name}"


@pytest.mark.parametrize("name", ["pdf", "DOCX", "xls", ""])
def test_an_unknown_format_is_refused_not_written_as_a_spreadsheet(name: str) -> None:
    with pytest.raises(ValueError, match="no renderer named"):
        renderer(name)


def test_the_registry_lists_exactly_the_formats_it_writes() -> None:
    assert sorted(RENDERERS) == ["docx", "html", "xlsx"]

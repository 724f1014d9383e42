"""The wheel carries every file the package reads (scripts/check_wheel.sh installs it)."""

from __future__ import annotations

import fnmatch
import tomllib

from setuptools import find_packages

from tests.conftest import ROOT

SOURCE_SUFFIXES = (".py", ".pyc")


def _patterns() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["setuptools"]["package-data"]["*"])


def test_every_data_file_of_the_package_ships_in_the_wheel() -> None:
    patterns = _patterns()
    left_out = []
    for folder in (ROOT / "generator", ROOT / "templates"):
        for path in folder.rglob("*"):
            if not path.is_file() or "__pycache__" in path.parts or \
                    path.suffix in SOURCE_SUFFIXES:
                continue
            in_a_package = (path.parent / "__init__.py").is_file()
            if not in_a_package or not any(fnmatch.fnmatch(path.name, p) for p in patterns):
                left_out.append(str(path.relative_to(ROOT)))
    assert left_out == [], "pyproject.toml's package-data does not ship these"


def test_the_templates_ship_inside_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["setuptools"]["package-dir"] == {"generator.templates": "templates"}
    assert '"generator.templates"' in (ROOT / "setup.py").read_text(encoding="utf-8")
    assert (ROOT / "templates" / "__init__.py").is_file()


def test_every_folder_of_modules_is_a_package_the_wheel_finds() -> None:
    """setup.py finds packages rather than listing them; a folder of modules without an
    ``__init__.py`` is not found and would fall out of the wheel without a word."""
    found = set(find_packages(where=str(ROOT), include=["generator", "generator.*"]))
    folders = {path.parent for path in (ROOT / "generator").rglob("*.py")
               if "__pycache__" not in path.parts}
    missing = sorted(".".join(folder.relative_to(ROOT).parts) for folder in folders
                     if ".".join(folder.relative_to(ROOT).parts) not in found)
    assert missing == [], "folders of modules that are not packages (no __init__.py)"

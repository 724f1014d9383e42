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


def test_serve_and_its_guide_come_with_the_one_install() -> None:
    """Issue 20: a clerk installs kehoach with one ``pipx install``; the browser editor then
    runs (its packages are dependencies, not an extra to inject) and shows the guide, which
    setup.py builds into the wheel with MkDocs (a build requirement)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    needed = {name.split(">")[0] for name in config["project"]["dependencies"]}
    assert {"starlette", "uvicorn", "python-multipart"} <= needed
    assert any(name.startswith("mkdocs-material") for name in config["build-system"]["requires"])
    setup = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert '"mkdocs", "build", "--strict"' in setup and "cmdclass" in setup


def test_the_source_archive_carries_what_the_guide_is_built_from() -> None:
    """A wheel built from the source archive (as pip and uv may do) builds the guide too:
    mkdocs.yml, docs/ and every file the guide quotes (``--8<--``) are in the archive."""
    import re

    lines = (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines()
    included = [word for line in lines if line.startswith("include ")
                for word in line.split()[1:]]
    grafted = [line.split()[1] + "/" for line in lines if line.startswith("graft ")]
    quoted = {name for page in (ROOT / "docs").rglob("*.md")
              for name in re.findall(r'--8<-- "([^"]+)"', page.read_text(encoding="utf-8"))}
    wanted = {"mkdocs.yml", "docs/index.md",
              *(n if (ROOT / n).exists() else f"docs/{n}" for n in quoted)}
    left_out = sorted(n for n in wanted if n not in included
                      and not any(n.startswith(folder) for folder in grafted)
                      and not n.startswith("generator/"))
    assert left_out == []


def test_setup_sh_installs_into_the_projects_virtual_environment_only() -> None:
    """Issue 20: scripts/setup.sh replaced whatever ``kehoach`` the machine had (it installed
    into the global Python). Every pip it runs is the virtual environment's own, never
    ``--user``, ``sudo`` or past the system's guard; the Makefile runs kehoach from there."""
    import re

    script = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert 'venv=${KEHOACH_VENV:-.venv}' in script
    commands = [line for line in script.splitlines() if not line.lstrip().startswith("#")]
    pips = [line for line in commands if re.search(r"\bpip3?\b", line)]
    assert pips and all('"$venv/bin/python" -m pip install' in line for line in pips), pips
    for never in ("--user", "--break-system-packages", "pip3 install", "sudo pip"):
        assert not any(never in line for line in commands), never
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "VENV ?= .venv" in makefile and "KEHOACH := $(VENV)/bin/kehoach" in makefile

"""Imports only point down: the layers of kehoach, and a test that holds every module to them.

Every module under ``generator/`` is parsed (``ast``; imports inside functions and under
``TYPE_CHECKING`` count as much as those at the top, since hiding an import in a function
does not remove the arrow). Each module belongs to a *room*: a top-level module
(``generator.pipeline``) or a package (``generator.render``). The rooms sit on the layers of
:data:`LAYERS`, lowest first; a room may import a room of its own layer or below, never
above, and no two rooms may import each other, however long the way round.

The order, from the bottom (a data flow read upwards: each stage builds on those below):

0. foundation: errors, messages, the console, files in and out, locks and processes,
   Vietnamese text (``vnread``, ``vnformat``); they know nothing of plans.
1. formats: Word's (``ooxml``), Excel's and CSV's, and the decree's numbers as Word's lengths
   (``decree``); they know nothing of plans either.
2. stage 1, reading YAML (``load``: text, git revisions, events, syntax messages), the
   ``model`` a plan is read into, what is derived from the model alone (names, ids, inline
   marks, periods, the JSON schema, the glossary), and ``draft``, the YAML writer.
3. reference data read once (registry, KPI catalogue, levels, fonts), then the hierarchy
   of units it describes.
4. KPI results (``kpi``) and ``resolve`` (pure: Plan → the layout every writer reads).
5. ``check``: every rule a plan can break. It sits above resolve because a rule checks
   what resolve will make of a plan with resolve's own functions (the documents a plan can
   cite, a reference's target), so that the two never disagree.
6. what is built on checked, resolved plans: ``derive`` (a child plan from a parent),
   ``diff`` (two resolved plans compared, and lined up block by block for the redline),
   ``readers`` (a Word plan read back).
7. ``render``: the writers (docx, xlsx, html, text, diff, redline, pdf).
8. ``docx_check``: ``kehoach check`` reads any DOCX through ``ooxml`` and ``readers``,
   and measures text as render does.
9. orchestration: ``pipeline`` (load → check → resolve → render → outputs), then
   ``batch`` (many plans through the pipeline), the ``starter`` plan.
10. the faces: ``cli`` and ``web``, and ``__main__``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"

LAYERS: tuple[frozenset[str], ...] = tuple(frozenset(layer) for layer in (
    {"generator", "errors", "terminal", "clicktext", "inputs", "outputs", "locks",
     "processes", "vnread", "vnformat"},
    {"ooxml", "decree", "excel", "csvfile"},
    {"load", "model", "names", "ids", "inline", "periods", "schema", "glossary", "draft"},
    {"reference", "hierarchy"},
    {"kpi", "resolve"},
    {"check"},
    {"derive", "diff", "readers"},
    {"render"},
    {"docx_check"},
    {"pipeline", "batch", "starter", "report"},
    {"cli", "web", "__main__"},
))
"""The rooms of ``generator``, by layer, lowest first (see the module's docstring)."""

NOT_YET_DOWNWARD: frozenset[tuple[str, str]] = frozenset()
"""Arrows that still climb, each with where it belongs (issue 21): the test fails when one
is removed from the code and not from here, so that this list only shrinks."""


def room_of(module: str) -> str:
    """``generator.render.docx`` → ``render``; ``generator`` → ``generator``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, name: str | None = None) -> Iterator[str]:
    """Every module the file imports, wherever the import stands; ``name``: the module's
    name when the file is not under ``generator/``."""
    here = (name or module_name(path)).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1]) if node.level else ""
            source = ".".join(p for p in (base, node.module or "") if p)
            yield source
            for alias in node.names:  # ``from generator import pipeline`` names a module
                candidate = f"{source}.{alias.name}"
                if _is_module(candidate):
                    yield candidate


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def room_arrows() -> dict[tuple[str, str], str]:
    """Each arrow between two rooms, with one module that draws it (for the message)."""
    arrows: dict[tuple[str, str], str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        source = room_of(module_name(path))
        for name in imported(path):
            if name == "generator" or name.startswith("generator."):
                target = room_of(name)
                if target != source:
                    arrows.setdefault((source, target), module_name(path))
    return arrows


def layer_of(room: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if room in layer)


def test_every_room_of_the_package_has_its_layer() -> None:
    rooms = {room_of(module_name(path)) for path in PACKAGE.rglob("*.py")}
    placed = set().union(*LAYERS)
    assert sorted(rooms - placed) == [], "a new module or package: add it to LAYERS"


def test_no_module_imports_a_layer_above_its_own() -> None:
    climbing = {arrow: module for arrow, module in room_arrows().items()
                if layer_of(arrow[1]) > layer_of(arrow[0])}
    new = {f"{module} → {target}" for (source, target), module in climbing.items()
           if (source, target) not in NOT_YET_DOWNWARD}
    assert sorted(new) == [], "imports from a lower layer to a higher one"
    fixed = NOT_YET_DOWNWARD - climbing.keys()
    assert sorted(fixed) == [], "fixed: remove these from NOT_YET_DOWNWARD"


def test_no_two_rooms_import_each_other_even_the_long_way_round() -> None:
    arrows = {arrow for arrow in room_arrows() if arrow not in NOT_YET_DOWNWARD}
    cycle = find_cycle(arrows)
    assert cycle == [], f"rooms importing each other: {' → '.join(cycle)}"


def find_cycle(arrows: set[tuple[str, str]]) -> list[str]:
    """One cycle of the graph (its rooms, the first repeated at the end), or []."""
    following: dict[str, list[str]] = {}
    for source, target in sorted(arrows):
        following.setdefault(source, []).append(target)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(room: str) -> list[str]:
        state[room] = 1
        path.append(room)
        for target in following.get(room, []):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (found := visit(target)):
                return found
        state[room] = 2
        path.pop()
        return []

    for room in sorted(following):
        if room not in state and (found := visit(room)):
            return found
    return []


@pytest.mark.parametrize(("arrows", "cycle"), [
    ({("a", "b"), ("b", "c")}, []),
    ({("a", "b"), ("b", "a")}, ["a", "b", "a"]),
    ({("a", "b"), ("b", "c"), ("c", "a")}, ["a", "b", "c", "a"]),
])
def test_a_cycle_is_found_however_long(arrows: set[tuple[str, str]], cycle: list[str]) -> None:
    assert find_cycle(arrows) == cycle


def test_an_import_inside_a_function_is_an_arrow_too(tmp_path: Path) -> None:
    written = tmp_path / "probe.py"
    written.write_text("def later() -> None:\n"
                       "    from generator.pipeline import load_plan\n"
                       "    from . import docx\n", encoding="utf-8")
    found = set(imported(written, "generator.render.probe"))
    assert {"generator.pipeline", "generator.render"} <= found


def private_imports() -> Iterator[tuple[str, str, str]]:
    """Each ``from generator.x import _name`` across modules: (importer, module, name)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
                yield from ((module_name(path), node.module or "", alias.name)
                            for alias in node.names
                            if alias.name.startswith("_") and not alias.name.endswith("__"))


def test_no_module_imports_another_modules_private_names() -> None:
    """A writer built on another (the redline on the DOCX writer) uses its public API, so
    the one it builds on can change its insides without breaking it."""
    assert list(private_imports()) == []


def test_tests_hold_no_helper_module_outside_the_helpers_folder() -> None:
    """A helper dropped among the test files is found by no one looking for it (issue 21):
    at the top of tests/ there are only test modules and conftest."""
    loose = [path.name for path in (ROOT / "tests").glob("*.py")
             if not path.name.startswith("test_") and path.name not in {"conftest.py",
                                                                         "__init__.py"}]
    assert not loose, f"move these into tests/helpers/: {loose}"

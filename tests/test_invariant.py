"""The invariant of the check stage: a plan that validates builds (DOCX and XLSX).

Hypothesis rewrites text fields of real plans with text made of what breaks renderers —
markup marks (``**``, ``*``, ``^[``, ``\\``), characters XML cannot hold (U+FFFE, lone
surrogates, controls, written as YAML escapes by the dumper), braces, tabs, newlines — and
asserts that each mutated plan is either refused by ``validate`` with diagnostics, or
built into a DOCX and an XLSX whose XML parses. A renderer error on a valid plan (exit 2
for the clerk) is a rule missing from :mod:`generator.check`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.check import check_plan, parse_plan
from generator.errors import FieldPath, KeHoachError
from generator.load import load_file, load_text
from generator.reference import load_reference
from generator.render import RenderOptions
from generator.render.docx import render_docx
from generator.render.xlsx import render_xlsx
from generator.resolve import Context, resolve_plan
from tests.conftest import EXAMPLES, FIXTURES

BASES = [FIXTURES / "valid" / "day-du.yaml", EXAMPLES / "toi-thieu.yaml",
         EXAMPLES / "bac-kan-2022.yaml"]
PIECES = ["**", "*", "^[", "]", "[", "\\", "\\*", "a", "Đ", "ệ", " ", "{{ x }}", "{%", "&",
          "<b>", "\t", "\n", "\ufffe", "\uffff", "\ud800", "\x07", "\x85", "\u0301", "%", ".",
          ";", ":", "- ", "#", "\u00a0", "0", "1"]
texts = st.lists(st.sampled_from(PIECES), min_size=0, max_size=8).map("".join)


def _string_paths(value: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _string_paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _string_paths(item, (*path, i))


def _replaced(data: Any, path: FieldPath, text: str) -> Any:
    if not path:
        return text
    head, *rest = path
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[head] = _replaced(data[head], tuple(rest), text)  # type: ignore[index]
    return copy


DATA = [load_file(path).data for path in BASES]
PATHS = [list(_string_paths(data)) for data in DATA]


def _xml_parts_parse(package: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(archive.read(name))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.integers(min_value=0, max_value=len(BASES) - 1), data=st.data())
def test_what_validates_builds(base: int, data: st.DataObject) -> None:
    plan = DATA[base]
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="fields")):
        path = data.draw(st.sampled_from(PATHS[base]), label="path")
        plan = _replaced(plan, path, data.draw(texts, label="text"))
    source = yaml.safe_dump(plan, allow_unicode=True, sort_keys=False)
    reference = load_reference()
    try:
        document = load_text(source, "p.yaml")
        if document.problems:
            return
        checked = check_plan(parse_plan(document), document, reference)
    except KeHoachError as refused:
        assert refused.diagnostics  # refused with something to say, never silently
        return
    resolved = resolve_plan(checked.plan, Context(checked.book, reference))
    options = RenderOptions(reference.font_metrics)
    _xml_parts_parse(render_docx(resolved, options))
    _xml_parts_parse(render_xlsx(resolved, options))

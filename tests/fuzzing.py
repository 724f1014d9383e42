"""The fuzzing harness: broken and hostile plans through the real command, and what must hold.

Two sources of inputs, both from the real example plans:

- **data mutations** (:func:`mutated_data`): the plan read as data, then changed the way
  copying between Word, Excel and chat apps changes it — a value turned into another type
  (number, list, map, null, date, a huge number), a key removed, a list item duplicated or
  dropped, random Unicode (controls, surrogates, combining marks, right-to-left text) put
  into a string — and written back as YAML;
- **text mutations** (:func:`mutated_text`): the YAML file's lines deleted, duplicated,
  swapped, re-indented, given random characters, a key's colon forgotten, or a value
  replaced by what clerks type (:data:`CLERK_TYPED`: dates the Vietnamese way, numbers
  with separators, Word's curly quotes, misspelt references, a quote left open).

Each input goes through ``kehoach --debug build`` in process (:func:`outcome`), and
:func:`holds` asserts the promises: no internal error (exit 2, which ``--debug`` turns into
the exception itself), no hang (a time limit per input), and on exit 0 a DOCX that
python-docx opens and an XLSX (when written) that openpyxl opens, holding every string the
plan printed before the mutation: a string field whose words were in the original output
must have its new words in the new one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import signal
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import strategies as st

from generator.errors import FieldPath
from generator.load import load_file
from tests.conftest import EXAMPLES, FIXTURES

BASES = [*sorted(EXAMPLES.glob("*.yaml")), FIXTURES / "valid" / "day-du.yaml"]
TIME_LIMIT_S = 60
"""One input may take this long (a plan builds in well under a second): past it, a hang."""

CLERK_TYPED = [
    # dates the Vietnamese way, and the American way Excel writes them
    "31/02/2025", "05/13/2025", "06/4/2024", "29/02/2023", "ngày 31 tháng 02 năm 2025",
    "Trước ngày 30/02/2025", "Tháng 13/2024", "Tháng 9-10/2022", "2025-02-31",
    # numbers with Vietnamese separators
    "1.234", "1.234.567", "1.234,5", "12.500", "80 %", "> 1.234", "40,5", "1,234,567",
    # Word's curly quotes around a whole value, or only one of them
    "“Tổ chức Ngày hội”", "“Tổ chức", "‘x’", "„x“",
    # references misspelt, unclosed, spaced, or escaped
    "{Muc_tieu:x}", "{muctieu:x}", "{chitieu:x}", "{muc_tieu :x}", "{ muc_tieu:x}",
    "{muc_tieu:x", "{", "}", "{chi_tieu}", "\\{muc_tieu:x\\}", "{van ban:nd-45-2020}",
    "{Lưu ý: x}", "{x}",
]
"""What clerks type (issue 19): each must be refused at its line or printed as meant."""

ODD_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=12) | \
    st.sampled_from(["", " ", "\t", "\n\n", "**", "*", "^[", "\\", "{{ x }}", "{% for %}",
                     "\u202e", "\u0301", "e\u0301", "\ufeff", "\x00", "\ud800", "\uffff",
                     "A" * 5000, "Đ" * 300, "1.234,5", "50%", "-1", ".nan", "~", "null",
                     "2024-02-30", "&amp;", "<w:t>", "]]>", "'\"", "- a\n- b"]) | \
    st.sampled_from(CLERK_TYPED)
"""Strings as they arrive from other programs, and the characters that break renderers."""

HOSTILE_YAML = st.sampled_from([
    "[" * 3000, "{a: " * 800, "- " * 400 + "x", "&a [*a, *a]", "*nowhere",
    "!!python/object:os.system x",
    "&a [&b [*a]]", "\t", ".inf", "-.nan", "? [a]\n: b", "<<: *a", "%YAML 1.1\n---",
    "{x: 1, x: 2}", "'\\ud800'", "\"\\ud800\"", "\"\\uffff\"", "\ufeff"])
"""YAML written to hurt a parser: deep nesting, self-referring and undefined aliases, tags,
merge keys, directives, duplicate keys, escapes of characters a plan cannot hold."""

ODD_VALUES = st.one_of(
    ODD_TEXT, st.integers(min_value=-(2**70), max_value=2**70), st.booleans(), st.none(),
    st.sampled_from([1.234, 12.5, 0.125, 100.0, 1.5]),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(min_value=dt.date(1, 1, 1)),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.sampled_from(["a", "ten", "id"]),
                                                          st.integers(), max_size=2),
    st.just([]), st.just({}))
"""What a value may be replaced by: any type YAML can write."""


def nodes(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    """Every node of plain data with its path, the root first."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from nodes(item, (*path, index))


def at(data: Any, path: FieldPath) -> Any:
    """The node at ``path``."""
    for part in path:
        data = data[part]
    return data


def replaced(data: Any, path: FieldPath, change: Any) -> Any:
    """A copy of ``data`` whose node at ``path`` is ``change(node)`` (``DELETE``: removed)."""
    if not path:
        return change(data)
    head, *rest = path
    copy: Any = dict(data) if isinstance(data, dict) else list(data)
    inner = replaced(data[head], tuple(rest), change)
    if inner is DELETE:
        del copy[head]
    else:
        copy[head] = inner
    return copy


DELETE = object()
"""Returned by a change: the node goes."""


@dataclass(frozen=True)
class Mutated:
    """One fuzzed input: its YAML text, and the string fields set (path → new text)."""

    base: Path
    text: str
    strings: dict[FieldPath, str] = field(default_factory=dict)


def _mutation(draw: st.DrawFn, data: Any, strings: dict[FieldPath, str]) -> Any:
    paths = [p for p, _ in nodes(data) if p]
    path = draw(st.sampled_from(paths), label="path")
    node = at(data, path)
    kind = draw(st.sampled_from(["type", "delete", "duplicate", "drop", "text", "text",
                                 "append"]), label="kind")
    if kind == "type":
        return replaced(data, path, lambda _: draw(ODD_VALUES, label="value"))
    if kind == "delete":
        return replaced(data, path, lambda _: DELETE)
    if kind in ("duplicate", "drop") and isinstance(node, list) and node:
        index = draw(st.integers(0, len(node) - 1), label="index")
        return replaced(data, path, lambda items: items[:index + 1] + items[index:]
                        if kind == "duplicate" else items[:index] + items[index + 1:])
    if isinstance(node, str):
        new = draw(ODD_TEXT, label="text") if kind != "append" else \
            node + draw(ODD_TEXT, label="text")
        strings[path] = new
        return replaced(data, path, lambda _: new)
    return data


@st.composite
def mutated_data(draw: st.DrawFn) -> Mutated:
    """A real plan with one to three data mutations, written back as YAML."""
    base = draw(st.sampled_from(BASES), label="base")
    data = _loaded(base)
    strings: dict[FieldPath, str] = {}
    for _ in range(draw(st.integers(1, 3), label="mutations")):
        data = _mutation(draw, data, strings)
    strings = {p: s for p, s in strings.items() if _exists(data, p) and at(data, p) == s}
    try:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:  # a value YAML cannot write (a surrogate in a key): try plainly
        text = yaml.safe_dump(data, allow_unicode=False, sort_keys=False)
    return Mutated(base, text, strings)


TYPED_LINES = [*CLERK_TYPED, '"1.234"', '"80 %"', '"{muctieu:x}"', "'\\{x\\}'",
               '"Tổ chức ngày hội', "'Tổ chức ngày hội", '“Tổ chức: ngày hội”']
"""Values written straight into a line of the file: unquoted, quoted, or a quote left open."""


@st.composite
def mutated_text(draw: st.DrawFn) -> Mutated:
    """A real plan file with one to three line mutations."""
    base = draw(st.sampled_from(BASES), label="base")
    lines = base.read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3), label="mutations")):
        index = draw(st.integers(0, len(lines) - 1), label="line")
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "insert",
                                     "value", "typed", "colon"]), label="kind")
        if kind == "delete" and len(lines) > 1:
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        elif kind == "value" and ":" in lines[index]:  # a whole value replaced
            key = lines[index].split(":", 1)[0]
            lines[index] = f"{key}: {draw(HOSTILE_YAML, label='value')}\n"
        elif kind == "typed" and ": " in lines[index]:  # a value as a clerk types it
            key = lines[index].split(": ", 1)[0]
            lines[index] = f"{key}: {draw(st.sampled_from(TYPED_LINES), label='typed')}\n"
        elif kind == "colon" and ": " in lines[index]:  # a key's colon forgotten
            lines[index] = lines[index].replace(": ", " ", 1)
        elif kind == "indent":
            lines[index] = " " * draw(st.integers(0, 12), label="indent") + \
                lines[index].lstrip(" ")
        else:
            at_char = draw(st.integers(0, len(lines[index])), label="column")
            lines[index] = lines[index][:at_char] + draw(ODD_TEXT | HOSTILE_YAML,
                                                         label="text") + \
                lines[index][at_char:]
    return Mutated(base, "".join(lines))


_LOADED: dict[Path, Any] = {}


def _loaded(path: Path) -> Any:
    if path not in _LOADED:
        _LOADED[path] = load_file(path).data
    return _LOADED[path]


def _exists(data: Any, path: FieldPath) -> bool:
    try:
        at(data, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True


@dataclass(frozen=True)
class Outcome:
    """What the command did with one input."""

    exit_code: int
    output: str
    written: list[Path]


class Hang(Exception):
    """An input took longer than :data:`TIME_LIMIT_S`."""


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise :class:`Hang` when the block runs past ``seconds`` (SIGALRM, main thread)."""
    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def outcome(plan: Path, out: Path) -> Outcome:
    """``kehoach --debug build PLAN -o OUT`` in this process: an internal error raises."""
    from generator.cli import main

    with time_limit(TIME_LIMIT_S):
        result = CliRunner().invoke(main, ["--debug", "build", str(plan), "-o", str(out)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    return Outcome(result.exit_code, result.output, sorted(out.glob(f"{plan.stem}.*")))


def output_words(written: list[Path]) -> str:
    """Every word of the DOCX (body, tables, headers, footnotes) and of the XLSX cells, as
    python-docx and openpyxl read them (opening them is part of the promise), in order,
    one space apart and around, so that a phrase is found as `` a b ``."""
    from docx import Document
    from openpyxl import load_workbook

    from tests.docx_reading import document_text

    text = []
    for path in written:
        if path.suffix == ".docx":
            Document(str(path))
            text.append(document_text(path))
        elif path.suffix == ".xlsx":
            book = load_workbook(path, read_only=True)
            text += [str(v) for sheet in book.worksheets
                     for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
            book.close()
    return " " + " ".join(words(" ".join(text))) + " "


def words(text: str) -> list[str]:
    """Words as the output would show them: NFC, case aside (headings are printed in
    capitals), letters and digits only (markup, rules, punctuation and spacing are the
    renderer's to change)."""
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold())


SENTINEL = "Qzxv Sentinel"
_PRINTED: dict[tuple[Path, FieldPath], bool] = {}


def printed(base: Path, path: FieldPath, folder: Path) -> bool:
    """Whether the string at ``path`` is printed as written: the unmutated plan with that
    string alone replaced by a sentinel is built, and the sentinel looked for (once per
    field)."""
    key = (base, path)
    if key not in _PRINTED:
        data = replaced(_loaded(base), path, lambda _: SENTINEL)
        plan = folder / "sentinel" / base.name
        plan.parent.mkdir(parents=True, exist_ok=True)
        plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        result = outcome(plan, folder / "sentinel" / "ra")
        _PRINTED[key] = result.exit_code == 0 and \
            f" {' '.join(words(SENTINEL))} " in output_words(result.written)
    return _PRINTED[key]


def holds(mutated: Mutated, folder: Path) -> int:
    """Run one input and assert every promise; return its exit code."""
    plan = folder / mutated.base.name
    plan.write_text(mutated.text, encoding="utf-8", errors="surrogatepass")
    result = outcome(plan, folder / "ra")
    if result.exit_code != 0:
        return result.exit_code
    shown = set(output_words(result.written).split())
    original = _loaded(mutated.base)
    for path, text in mutated.strings.items():
        before = at(original, path) if _exists(original, path) else None
        if not isinstance(before, str) or not printed(mutated.base, path, folder):
            continue  # a field that is not printed as written (an id, a key, a choice)
        missing = set(words(text)) - shown
        assert not missing, (path, text, missing)
    return 0

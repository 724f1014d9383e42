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

Unit lists for ``kehoach derive`` (:func:`unit_lists`, :func:`derive_holds`): a clerk's list
with cells, header cells or whole columns changed, in any delimiter, quoting and encoding
Excel writes; every run exits 0 or 1, and every draft written validates.

Each input goes through ``kehoach --debug build`` in process (:func:`outcome`), and
:func:`holds` asserts the promises: no internal error (exit 2, which ``--debug`` turns into
the exception itself), no hang (a time limit per input), and on exit 0 a DOCX that
python-docx opens and an XLSX (when written) that openpyxl opens, holding every string the
plan printed before the mutation: a string field whose words were in the original output
must have its new words in the new one, and no date off the calendar, no mistyped reference
the clerk was not warned of (:func:`assert_told`).
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
from generator.ooxml.archive import ZIP_ERRORS
from tests.conftest import EXAMPLES, FIXTURES
from tests.helpers.encodings import misread, windows

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

    from tests.helpers.docx_reading import document_text

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
        assert_told(text, result.output, path)
    return 0


def assert_told(text: str, said: str, path: FieldPath) -> None:
    """What a clerk types wrong never reaches the page unsaid (issue 19): a printed string
    that built holds no date off the calendar, and a mistyped reference in it (printed
    raw, in a field that prints as typed) was warned of."""
    from generator.inline import NotAReference, parse_inline, reference_shape
    from generator.vnread import dates_in

    off = [d.written for d in dates_in(text) if d.problem() is not None]
    assert not off, (path, text, "built with a date off the calendar", off)
    if reference_shape(text) is None:
        return
    try:
        parse_inline(text)
    except NotAReference:
        assert "sẽ được in nguyên văn" in said, (path, text, "a mistyped reference unsaid")


# --- Unit lists for ``kehoach derive`` ------------------------------------------------------


DERIVE_PARENTS = [EXAMPLES / "phu-thien-2024.yaml", EXAMPLES / "dak-nong-2022.yaml"]
UNIT_HEADER = ["Đơn vị", "Cấp", "Địa danh", "Ký hiệu", "Người ký", "Chức vụ", "Ngày"]
UNIT_ROWS = [
    ["Xã Ia Ake", "xa", "Ia Ake", "UBND", "Vũ Tiến Sơn", "PHÓ CHỦ TỊCH", "2024-04-06"],
    ["Xã Ia Sol", "Xã", "", "", "", "", "08/04/2024"],
    ["Thị trấn Phú Thiện", "Thị trấn", "Phú Thiện", "UBND", "", "CHỦ TỊCH", ""],
    ["Xã Quảng Sơn", "xa", "", "", "", "", "15/9/2025"],
    ["Sở Thông tin và Truyền thông", "so", "", "", "", "GIÁM ĐỐC", ""],
    ["Huyện Ia Pa", "Huyện", "", "", "", "", "2025-09-15"]]
"""Rows a clerk's list holds, in the forms Excel writes them."""
UNIT_CELLS = ODD_TEXT | st.sampled_from([
    "ubnd", "UBND XÃ", "Xã Ia Ake\\1", "Xã A\\g<0>", "a" * 300, "Xã Ia\x00Ake", "x" * 40_000,
    "xã", "Phường", "Thành phố", "31/02/2024", "08/04/2024", "2024-13-01", "1/1/1900",
    '"', '""', ",", ";", "\t", "Xã A, B", 'Xã "A"', "\x1b]0;x\x07", "=1+1", "\r", "\n"])
"""What a cell of a list may become: anything a spreadsheet lets through."""


@dataclass(frozen=True)
class UnitList:
    """One fuzzed unit list: its bytes, the parent it derives from, extra options."""

    parent: Path
    data: bytes
    options: tuple[str, ...] = ()


def _csv_text(rows: list[list[str]], delimiter: str, quoted: bool) -> str:
    import csv
    import io

    if not quoted:  # a list typed by hand: no quoting at all
        return "".join(delimiter.join(row) + "\n" for row in rows)
    out = io.StringIO()
    csv.writer(out, csv.excel, delimiter=delimiter).writerows(rows)
    return out.getvalue()


ENCODINGS = ["utf-8"] * 6 + ["utf-8-sig"] * 3 + ["utf-16", "cp1258", "mangled"]
"""How Excel and other programs save a list: mostly UTF-8, sometimes not."""


def _encoded(draw: st.DrawFn, text: str) -> bytes:
    encoding = draw(st.sampled_from(ENCODINGS), label="encoding")
    if encoding == "mangled":
        return misread(text.encode("utf-8", "surrogatepass"), "cp1252").encode(
            "utf-8", "surrogatepass")
    if encoding == "cp1258":
        try:
            return windows(text, "cp1258")
        except UnicodeEncodeError:  # a character Windows-1258 cannot hold
            return text.encode("utf-8", "surrogatepass")
    return text.encode(encoding, "surrogatepass")


@st.composite
def unit_lists(draw: st.DrawFn) -> UnitList:
    """A list of one to five units as a spreadsheet gives it, with one to three cells (or
    header cells) changed, in any delimiter, quoting and encoding Excel uses."""
    header = list(UNIT_HEADER)
    rows = draw(st.permutations(UNIT_ROWS), label="rows")[:draw(st.integers(1, 5))]
    table = [header, *(list(row) for row in rows)]
    for _ in range(draw(st.integers(0, 3), label="mutations")):
        row = draw(st.integers(0, len(table) - 1), label="at row")
        column = draw(st.integers(0, len(table[row]) - 1), label="at column")
        kind = draw(st.sampled_from(["cell", "cell", "append", "drop", "extra"]), label="kind")
        if kind == "cell":
            table[row][column] = draw(UNIT_CELLS, label="cell")
        elif kind == "append":
            table[row][column] += draw(UNIT_CELLS, label="cell")
        elif kind == "drop":
            del table[row][column]
        else:
            table[row].append(draw(UNIT_CELLS, label="cell"))
    delimiter = draw(st.sampled_from([",", ";", "\t"]), label="delimiter")
    text = _csv_text(table, delimiter, draw(st.booleans(), label="quoted"))
    options = draw(st.sampled_from([(), (), (), ("--ngay", "2024-04-08"), ("--cap", "Xã"),
                                    ("--ky-hieu", "ubnd")]), label="options")
    return UnitList(draw(st.sampled_from(DERIVE_PARENTS), label="parent"),
                    _encoded(draw, text), options)


def derive_holds(listing: UnitList, folder: Path) -> int:
    """``kehoach --debug derive PARENT --danh-sach LIST``: exit 0 or 1, never a bug nor a
    hang, and every plan written loads and is checked (a derived draft validates)."""
    from generator.cli import main
    from generator.errors import KeHoachError
    from generator.pipeline import load_plan

    path = folder / "don-vi.csv"
    path.write_bytes(listing.data)
    out = folder / "ra"
    with time_limit(TIME_LIMIT_S):
        result = CliRunner().invoke(main, ["--debug", "derive", str(listing.parent),
                                           "--danh-sach", str(path), "-o", str(out),
                                           *listing.options])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    written = sorted(out.glob("*.yaml")) if out.is_dir() else []
    assert result.output.count("Đã tạo ") == len(written), result.output
    for child in written:
        try:
            load_plan(child)
        except KeHoachError as exc:  # a draft kehoach wrote that its own check refuses
            raise AssertionError(f"{child.name}: {exc}") from exc
    return result.exit_code


# --- The other commands: `diff` of two versions, `check --fix` of a Word file -------------

REVISIONS = st.sampled_from([
    "HEAD:{}", "HEAD~1:{}", "HEAD:./{}", "-x", "-x:{}", "--no-such-option:{}", "-p", ":{}",
    "{}:", "nhánh không có:{}", "HEAD:../{}", "HEAD:{}\u202e", "C:\\{}", "{}\x00", " ", "",
    "\u0301{}", "{}/", "HEAD^{{tree}}:{}", "a" * 300 + ":{}"])
"""How a clerk (or a script) names a version: git revisions that exist nowhere here (the
harness runs in an empty folder, not a repository), revisions that look like options, odd
characters, a Windows drive, a folder, nothing."""


@dataclass(frozen=True)
class DiffInput:
    """Two versions of a plan (their texts), how each is named, and the options given."""

    old: Mutated
    new: Mutated
    old_name: str
    new_name: str
    options: tuple[str, ...]

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """What hypothesis prints of a failing input: the texts are long, their bases and
        sizes say enough."""
        printer.text(f"DiffInput({self.old.base.name} ({len(self.old.text)} chars), "
                     f"{self.new.base.name} ({len(self.new.text)} chars), "
                     f"{self.old_name!r}, {self.new_name!r}, {self.options!r})")


@st.composite
def diff_pairs(draw: st.DrawFn) -> DiffInput:
    """A plan and a mutated version of it (or two mutated ones, or the same), named as
    files or as revisions, compared in any format, sometimes with the redline."""
    base = draw(st.sampled_from(BASES), label="base")
    same = Mutated(base, base.read_text(encoding="utf-8"))
    versions = st.just(same) | mutated_data() | mutated_text()
    old = draw(st.just(same) | versions, label="old")  # mostly one side as it was
    new = draw(versions, label="new")
    names = []
    for side in ("cu.yaml", "moi.yaml"):
        as_file = draw(st.sampled_from([True, True, True, False]), label="as file")
        names.append(side if as_file else draw(REVISIONS, label="revision").format(side))
    options = ["--format", draw(st.sampled_from(["text", "md", "html", "json"]),
                               label="format")]
    if draw(st.booleans(), label="output"):
        options += ["-o", "so-sanh.txt"]
    if draw(st.booleans(), label="redline"):
        author = draw(st.just("Phòng Tư pháp") | ODD_TEXT, label="author")
        options += ["--docx", "so-sanh.docx", "--tac-gia", author]
    return DiffInput(old, new, names[0], names[1], tuple(options))


def invoked(args: list[str]) -> Outcome:
    """``kehoach --debug ARGS`` in this process: an internal error raises, a hang too."""
    from generator.cli import main

    with time_limit(TIME_LIMIT_S):
        result = CliRunner().invoke(main, ["--debug", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    return Outcome(result.exit_code, result.output, [])


def holds_diff(given: DiffInput, folder: Path) -> int:
    """Run one ``diff`` in an empty folder and assert its promises: exit 0 or 1, the two
    plans never changed, and on exit 0 what it said it wrote exists (the redline opens)."""
    from docx import Document

    plans = {}
    for mutated, name in ((given.old, "cu.yaml"), (given.new, "moi.yaml")):
        plans[name] = folder / name
        plans[name].write_text(mutated.text, encoding="utf-8", errors="surrogatepass")
    before = {name: path.read_bytes() for name, path in plans.items()}
    with contextlib.chdir(folder):
        result = invoked(["diff", given.old_name, given.new_name, *given.options])
    assert {name: path.read_bytes() for name, path in plans.items()} == before
    if result.exit_code == 0:
        if "--docx" in given.options:
            Document(str(folder / "so-sanh.docx"))
        if "-o" in given.options:
            assert (folder / "so-sanh.txt").is_file()
    return result.exit_code


WORD_PARTS = ("word/document.xml", "word/styles.xml", "[Content_Types].xml",
              "word/_rels/document.xml.rels", "word/settings.xml")
"""The parts a mutation of a Word file picks from (the header too, when there is one)."""
ODD_VALUES_XML = st.sampled_from(["0", "-1", "99999999999", "1.5", "", "auto", "x", "nil",
                                  "true", "🙂", "1e9", "NaN", "Times New Roman" * 40])


_DOCX: dict[str, bytes] = {}


def seed_documents() -> dict[str, bytes]:
    """Word files to mutate: the hand-made plan (with and without a defect), and the
    DOCX ``build`` writes for two examples (built once)."""
    if not _DOCX:
        import io
        import tempfile

        from generator.pipeline import BuildRequest, build
        from tests.docx_check.handmade import hand_made
        from tests.docx_check.test_rules import DEFECTS

        for name, change in (("tay", None), ("tay-sai", DEFECTS[1][1])):
            stream = io.BytesIO()
            hand_made(change).save(stream)
            _DOCX[name] = stream.getvalue()
        with tempfile.TemporaryDirectory() as out:
            for plan in ("ia-ake-2024", "bac-kan-2022"):
                written = build(EXAMPLES / f"{plan}.yaml", BuildRequest(Path(out), ("docx",)))
                _DOCX[plan] = written.written[0].read_bytes()
    return _DOCX


@dataclass(frozen=True)
class WordFile:
    """One fuzzed Word file: its bytes and the name ending it is given."""

    data: bytes
    suffix: str

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(f"WordFile({len(self.data)} bytes, {self.suffix!r})")


def _xml_mutation(draw: st.DrawFn, root: Any) -> None:
    elements = list(root.iter())
    element = draw(st.sampled_from(elements), label="element")
    kind = draw(st.sampled_from(["delete", "duplicate", "attribute", "text", "move"]),
                label="xml kind")
    parent = element.getparent()
    if kind == "delete" and parent is not None:
        parent.remove(element)
    elif kind == "duplicate" and parent is not None:
        import copy

        element.addnext(copy.deepcopy(element))
    elif kind == "attribute":
        names = list(element.attrib) or [
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"]
        element.set(draw(st.sampled_from(names), label="attribute"),
                    draw(ODD_VALUES_XML, label="value"))
    elif kind == "text":
        with contextlib.suppress(ValueError):  # a character XML cannot hold
            element.text = draw(ODD_TEXT, label="text")
    elif kind == "move" and parent is not None:
        target = draw(st.sampled_from(elements), label="target")
        if element not in target.iterancestors() and target is not element:
            target.append(element)


@st.composite
def mutated_docx(draw: st.DrawFn) -> WordFile:
    """A Word file with none to three mutations: an element of a part deleted, duplicated,
    moved, given an odd attribute or text; a part dropped; the main part's kind changed
    (macro-enabled, template); the bytes cut or flipped."""
    import io
    import zipfile

    from lxml import etree

    seeds = seed_documents()
    data = seeds[draw(st.sampled_from(sorted(seeds)), label="seed")]
    suffix = ".docx"
    for _ in range(draw(st.integers(0, 3), label="mutations")):
        kind = draw(st.sampled_from(["xml", "xml", "xml", "drop", "kind", "cut", "flip"]),
                    label="kind")
        if kind == "cut":
            data = data[:draw(st.integers(0, len(data)), label="at")]
            continue
        if kind == "flip":
            at = draw(st.integers(0, max(0, len(data) - 1)), label="at")
            data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:] if data else data
            continue
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                parts = {name: archive.read(name) for name in archive.namelist()}
        except (*ZIP_ERRORS, ValueError):
            continue  # already broken: later mutations keep it so
        if kind == "drop":
            parts.pop(draw(st.sampled_from(sorted(parts)), label="part"), None)
        elif kind == "kind":
            suffix, content = draw(st.sampled_from([
                (".docm", "application/vnd.ms-word.document.macroEnabled.main+xml"),
                (".dotx", "application/vnd.openxmlformats-officedocument.wordprocessingml."
                          "template.main+xml"),
                (".docx", "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")]),
                label="package kind")
            parts["[Content_Types].xml"] = parts.get("[Content_Types].xml", b"").replace(
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.document."
                b"main+xml", content.encode())
        else:
            name = draw(st.sampled_from([n for n in (*WORD_PARTS, "word/header1.xml")
                                         if n in parts] or ["[Content_Types].xml"]),
                        label="part")
            try:
                root = etree.fromstring(parts[name])
            except (etree.XMLSyntaxError, KeyError):
                continue
            _xml_mutation(draw, root)
            parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, part in parts.items():
                archive.writestr(name, part)
        data = out.getvalue()
    return WordFile(data, suffix)


def holds_fix(given: WordFile, folder: Path) -> int:
    """Run ``check --fix`` on one Word file and assert its promises: exit 0 or 1, the file
    itself never changed, and a copy written only under its kind's name ending."""
    document = folder / f"ke-hoach{given.suffix}"
    document.write_bytes(given.data)
    result = invoked(["check", "--fix", str(document)])
    assert document.read_bytes() == given.data
    copies = [p.name for p in folder.iterdir() if p.name.startswith("ke-hoach.da-sua")]
    assert all(name.endswith((".docx", ".docm", ".dotx", ".dotm")) for name in copies)
    return result.exit_code


def holds_import(given: WordFile, folder: Path) -> int:
    """Run ``import`` on one Word file: exit 0 or 1 (never an internal error), the file
    itself never changed, and a YAML written only on success, one that validates."""
    document = folder / f"ke-hoach{given.suffix}"
    document.write_bytes(given.data)
    target = folder / "nhap.yaml"
    result = invoked(["import", str(document), "-o", str(target)])
    assert document.read_bytes() == given.data
    assert target.exists() == (result.exit_code == 0)
    if result.exit_code == 0:
        assert invoked(["validate", str(target)]).exit_code == 0
    return result.exit_code


SEED_TEXT = FIXTURES.parent / "fixtures" / "seeds" / "ia-ake-2024-ubnd-xa.txt"


@st.composite
def plan_texts(draw: st.DrawFn) -> str:
    """A published plan's text with lines dropped, repeated or given odd characters: what a
    PDF's damaged text layer or a clerk's copy and paste gives ``import``."""
    lines = SEED_TEXT.read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(0, 6), label="changes")):
        at = draw(st.integers(0, len(lines) - 1), label="line")
        kind = draw(st.sampled_from(["drop", "repeat", "odd", "cut"]), label="kind")
        if kind == "drop":
            del lines[at]
        elif kind == "repeat":
            lines.insert(at, lines[at])
        elif kind == "odd":
            lines[at] += draw(ODD_TEXT, label="text")
        else:
            lines = lines[:at]
        if not lines:
            break
    return "\n".join(lines)


def holds_text_import(text: str, folder: Path) -> int:
    """``import`` of a plan's text: exit 0 or 1, and what it writes validates."""
    source = folder / "ke-hoach.txt"
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    target = folder / "nhap.yaml"
    result = invoked(["import", str(source), "-o", str(target)])
    if result.exit_code == 0:
        checked = invoked(["validate", str(target)])
        # A date the source itself gets wrong ("31/02/2025") is kept as written, and
        # validate points at it: the one fault of the source an import may not repair.
        assert checked.exit_code == 0 or all(
            "không có trên lịch" in line for line in checked.output.splitlines()
            if ": lỗi:" in line), checked.output
    return result.exit_code

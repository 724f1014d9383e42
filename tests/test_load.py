"""The loader: positions, normalisation, and nothing constructed from tags."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import Diagnostic, FieldPath, KeHoachError
from generator.load import load_text
from generator.load.build import MAX_NODES
from generator.load.events import MAX_DEPTH


def test_positions_point_at_values_and_keys() -> None:
    doc = load_text("a:\n  b: xin chào\n  c:\n    - 1\n    - 2\n", "x.yaml")
    assert doc.positions[("a", "b")] == (2, 6)
    assert doc.positions[("a", "c")] == (3, 3)
    assert doc.positions[("a", "c", 1)] == (5, 7)


def test_text_is_nfc_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân")
    doc = load_text(f"ten: {decomposed}\n")
    assert doc.data["ten"] == "Ủy ban nhân dân"
    assert unicodedata.is_normalized("NFC", doc.data["ten"])


def test_dates_become_dates_and_tabs_and_newlines_survive() -> None:
    doc = load_text('ngay: 2024-04-06\nvan_ban: "a\\tb\\nc & <d> {{ x }}"\n')
    assert doc.data["ngay"] == dt.date(2024, 4, 6)
    assert doc.data["van_ban"] == "a\tb\nc & <d> {{ x }}"


def test_aliases_within_bounds_are_fine_but_a_bomb_is_refused() -> None:
    assert load_text("a: &x [1, 2]\nb: *x\n").data == {"a": [1, 2], "b": [1, 2]}
    levels = ["a: &a [" + ",".join(["x"] * 10) + "]"]
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    with pytest.raises(KeHoachError) as info:
        load_text("\n".join(levels))
    assert str(MAX_NODES // 1000) in info.value.diagnostics[0].message.replace(".", "")


def test_every_problem_is_reported_not_just_the_first() -> None:
    doc = load_text('a: 1\na: 2\nb: "x\\x07"\nc: !!python/name:os.system\n', "x.yaml")
    messages = [d.message for d in doc.problems]
    assert len(messages) == 3
    assert doc.data["a"] == 1


def test_merge_key_is_refused() -> None:
    doc = load_text("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert "'<<'" in doc.problems[0].message


def test_characters_xml_cannot_hold_are_refused_with_their_field() -> None:
    """Regression: U+FFFE, U+FFFF and lone surrogates written as YAML escapes built (exit 2)."""
    doc = load_text('a: "x\\uFFFE"\nb: "\\uFFFF"\nc: "\\uD800y"\nd: "ổn"\n', "p.yaml")
    found = [(d.path, d.message) for d in doc.problems]
    noncharacter = "ký tự không dùng trong văn bản (noncharacter)"
    assert found == [
        (("a",), f"Có ký tự không hợp lệ (U+FFFE): {noncharacter}."),
        (("b",), f"Có ký tự không hợp lệ (U+FFFF): {noncharacter}."),
        (("c",), "Có ký tự không hợp lệ (U+D800): nửa ký tự (surrogate) đứng lẻ.")]
    assert "\\U0001F600" in doc.problems[2].hint  # how to write the character instead


def test_a_raw_noncharacter_is_reported_against_its_field() -> None:
    doc = load_text("a: ok\nb: x\ufffe\n", "p.yaml")
    [problem] = doc.problems
    assert (problem.line, problem.path) == (2, ("b",))


def test_the_fast_parser_gives_the_same_data_and_positions_as_the_python_one() -> None:
    from pathlib import Path

    from generator import load

    assert load.FAST_LOADER is not None  # PyYAML with libyaml, as pip installs it
    for path in sorted((Path(__file__).parent.parent / "data" / "examples").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        fast = load.load_text(text, "p")
        slow_loader, load.FAST_LOADER = load.FAST_LOADER, None
        try:
            slow = load.load_text(text, "p")
        finally:
            load.FAST_LOADER = slow_loader
        assert (fast.data, fast.positions) == (slow.data, slow.positions)


def test_the_forbidden_characters_pattern_matches_the_rule() -> None:
    from generator.load.chars import forbidden_offsets, is_forbidden_char

    for code in [*range(0x0, 0x3000), *range(0xD700, 0x10000), *range(0x1FF00, 0x20000),
                 0x10FFFD, 0x10FFFE, 0x10FFFF]:
        assert bool(forbidden_offsets(chr(code))) == is_forbidden_char(chr(code)), hex(code)


def test_raw_replacement_and_noncharacters_are_found_without_escapes() -> None:
    doc = load_text("a: x\ufffd y\nb: z\ufdd0 t\n", "p.yaml")
    assert [(d.line, d.path) for d in doc.problems] == [(1, ("a",)), (2, ("b",))]


# --- Hardening (issue 13): depth, numbers a plan cannot use, characters, tabs -------------


def refused(text: str) -> Diagnostic:
    """The one diagnostic that stops ``text`` from loading."""
    with pytest.raises(KeHoachError) as info:
        load_text(text, "p.yaml")
    [diagnostic] = info.value.diagnostics
    return diagnostic


def nested_flow(depth: int) -> str:
    return "a: " + "[" * depth + "1" + "]" * depth + "\n"


def test_nesting_up_to_the_limit_loads() -> None:
    doc = load_text(nested_flow(MAX_DEPTH - 1))  # the root mapping is the first level
    value = doc.data["a"]
    for _ in range(MAX_DEPTH - 2):
        value = value[0]
    assert value == [1]


@pytest.mark.parametrize("text", [
    nested_flow(MAX_DEPTH),
    nested_flow(5_000),
    "a: " + "[" * 5_000 + "\n",  # never closed
    "a: " + "{b: " * 5_000 + "1" + "}" * 5_000 + "\n",
    "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 200)),
    "a:\n" + "".join("  " * i + "-\n" for i in range(1, 200)),
    "a:\n" + "- " * 5_000 + "x\n",
], ids=["flow-at-limit", "flow", "flow-unclosed", "flow-maps", "block-maps", "block-lists",
        "compact-lists"])
def test_nesting_past_the_limit_is_refused_where_it_goes_too_deep(text: str) -> None:
    problem = refused(text)
    assert problem.message.startswith("Dữ liệu lồng nhau quá sâu: quá 50 tầng")
    assert str(MAX_DEPTH) in problem.message
    assert problem.line is not None and problem.column is not None
    assert problem.path[:1] == ("a",)


def test_the_depth_is_found_in_the_line_and_column_where_it_passes_the_limit() -> None:
    problem = refused(nested_flow(1_000))
    assert (problem.line, problem.column) == (1, 4 + MAX_DEPTH - 1)  # the 50th '['


def test_a_hundred_thousand_brackets_do_not_crash_the_interpreter(tmp_path: Path) -> None:
    """Regression: PyYAML's composer (libyaml's too) recursed once per '[': RecursionError
    at a thousand, and a C stack overflow (the process killed) at a hundred thousand."""
    plan = tmp_path / "sau.yaml"
    plan.write_text("trich_yeu: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "validate", str(plan)],
                            capture_output=True, text=True, timeout=60, check=False,
                            cwd=Path(__file__).parent.parent)
    assert result.returncode == 1, result.stderr
    assert (f"sau.yaml:1:{11 + MAX_DEPTH}: lỗi: trich_yeu[1][1][1]: Dữ liệu lồng nhau quá sâu"
            in result.stderr)


@pytest.mark.parametrize(("text", "where"), [
    ("x: &a [1, *a]\n", (1, 11, ("x", 1))),
    ("x: &a\n  b:\n    c: *a\n", (3, 8, ("x", "b", "c"))),
])
def test_an_alias_inside_its_own_anchor_is_refused(text: str,
                                                   where: tuple[int, int, FieldPath]) -> None:
    problem = refused(text)
    assert (problem.line, problem.column, problem.path) == where
    assert problem.message.startswith("Bí danh '*a' nằm ngay trong giá trị mà nó trỏ tới")


def test_aliases_stacking_collections_past_the_limit_are_refused_at_the_field() -> None:
    lines = ["a0: &a0 [1]"]
    for i in range(1, 8):  # each alias adds ten levels to the one before
        lines.append(f"a{i}: &a{i} " + "[" * 10 + f"*a{i - 1}" + "]" * 10)
    problem = refused("\n".join(lines) + "\n")
    assert "quá 50 tầng" in problem.message
    assert "Bí danh" in problem.hint
    assert problem.path[0] == "a5" and problem.line == 6


@pytest.mark.parametrize(("written", "what"), [
    (".nan", "'không phải số' (NaN)"), (".NaN", "'không phải số' (NaN)"),
    (".inf", "vô cực"), ("-.Inf", "vô cực"), ("1.0e+400", "vô cực"),
])
def test_nan_and_infinity_are_refused_with_their_place(written: str, what: str) -> None:
    doc = load_text(f"muc_tieu:\n  - gia_tri: {written}\n", "p.yaml")
    [problem] = doc.problems
    assert (problem.line, problem.column, problem.path) == (2, 14, ("muc_tieu", 0, "gia_tri"))
    assert problem.message.startswith(f"Giá trị '{written}' là {what}")
    assert "không phải một số dùng được trong kế hoạch" in problem.message


def test_nan_as_quoted_text_stays_text() -> None:
    assert load_text('a: ".nan"\nb: nan\n').data == {"a": ".nan", "b": "nan"}


def test_an_integer_too_long_to_read_is_a_located_error() -> None:
    [problem] = load_text("a: " + "9" * 5_000 + "\n", "p.yaml").problems
    assert (problem.line, problem.message) == (1, "Số quá lớn (5.000 chữ số).")


def test_a_raw_noncharacter_is_reported_with_line_column_and_field() -> None:
    doc = load_text("a:\n  b: ổn\n  c: chữ\uffff chữ\n", "p.yaml")
    [problem] = doc.problems
    assert (problem.line, problem.column, problem.path) == (3, 9, ("a", "c"))
    assert problem.message == ("Có ký tự không hợp lệ (U+FFFF): ký tự không dùng trong văn bản "
                               "(noncharacter).")


def test_a_raw_character_that_breaks_the_indentation_is_reported_before_the_syntax() -> None:
    with pytest.raises(KeHoachError) as info:
        load_text("a:\n  b: 1\n  \uffffc: 2\n", "p.yaml")
    first, syntax = info.value.diagnostics
    assert (first.line, first.column) == (3, 3) and "U+FFFF" in first.message
    assert syntax.message.startswith("Lỗi cú pháp YAML:")


def test_a_character_the_reader_refuses_is_told_by_line_and_column(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML's reader names an offset ("position 358"); the loader gives line and column.

    The loader blanks every such character first, so the reader is reached here by
    switching that off.
    """
    from generator import load

    monkeypatch.setattr(load, "blank_raw_controls", lambda text: (text, []))
    problem = refused("a: 1\nb: x\uffff\n")
    assert (problem.line, problem.column) == (2, 5)
    assert problem.message == "Có ký tự không đọc được (U+FFFF)."


@pytest.mark.parametrize(("text", "where", "said"), [
    ("a: x\tb: y\n", (1, 5), "có ký tự tab ngay sau giá trị 'x'"),
    ('ten: "Xã A"\tghi chú\n', (1, 12), "có ký tự tab ngay sau giá trị '\"Xã A\"'"),
    ("a:\n  - x\n  -\ty\n", (3, 4), "có ký tự tab sau dấu '-' của danh sách"),
    ("a: 1\n\t\nb: 2\n", (2, 1), "có ký tự tab trên một dòng trống"),
    ("a:\n\tb: 1\n", (2, 1), "có ký tự tab dùng để thụt lề"),
])
def test_a_tab_is_told_for_what_it_is(text: str, where: tuple[int, int], said: str) -> None:
    problem = refused(text)
    assert (problem.line, problem.column) == where
    assert problem.message.startswith(f"Lỗi cú pháp YAML: {said} (")
    assert "Tab" in problem.hint or "tab" in problem.hint


def test_a_tab_after_a_value_at_the_end_of_a_line_is_harmless() -> None:
    assert load_text("a: x\t\nb: 'y'\t# ghi chú\n").data == {"a": "x", "b": "y"}


SYNTAX = [
    ('a: "x\nb: 1\n', (1, 4), "dấu nháy mở ở đây chưa được đóng"),
    ("a: 'x\n", (1, 4), "dấu nháy mở ở đây chưa được đóng"),
    ('a: "\\q"\n', (1, 6), "'\\q' không phải mã thoát hợp lệ"),
    ('a: "\\x4"\n', (1, 7), "mã thoát cần đủ 2 chữ số thập lục phân"),
    ("a: [1, 2\nb: 1\n", (2, 2), "thiếu dấu ',' hoặc dấu ']' đóng cho dấu '[' mở ở dòng 1"),
    ("a: {x: 1\n", (2, 1), "thiếu dấu ',' hoặc dấu '}' đóng cho dấu '{' mở ở dòng 1"),
    ("a:\n  b: 1\n c: 2\n", (3, 2), "thụt lề không khớp với các dòng trên"),
    ("a: 1\n---\nb: 2\n", (2, 1), "tệp có hơn một tài liệu YAML"),
    ("a: &x 1\nb: &x 2\n", (2, 4), "tên bí danh (&) này đã được đặt ở dòng 1"),
    ("a: @x\n", (1, 4), "ký tự '@' không được đứng đầu một giá trị"),
    ("a: & x\n", (1, 5), "sau '&' hoặc '*' phải là tên bí danh"),
    ("a: |x\n  t\n", (1, 5), "sau dấu '|' hoặc '>' phải xuống dòng"),
    ("- a\nb: 1\n", (2, 1), "một khóa đứng lẫn vào danh sách"),
    ("a: 1\n- b\n", (2, 1), "dấu '-' của danh sách bị thụt lề sai"),
    ("a: b: c\n", (1, 5), "dấu ':' xuất hiện ở chỗ không được phép"),
    ("a: *x\n", (1, 4), "bí danh (*x) chưa được định nghĩa"),
    ("a: [b, c]]\n", (1, 10), "dấu ']' thừa"),
    ('a: "x" y\n', (1, 8), "có chữ thừa sau giá trị"),
    ("{a: 1}\n}\n", (2, 1), "có nội dung thừa sau phần chính của tệp"),
    ("a: -\n", (1, 4), "dấu '-' của danh sách ở chỗ không được phép"),
    ("a: ,b\n", (1, 4), "thiếu giá trị: gặp ',' ở chỗ cần một giá trị"),
    ("a: 1\n  b: 2\n", (2, 4), "dấu ':' xuất hiện ở chỗ không được phép"),
    ("a: !<x\n", (1, 7), "cấu trúc không đúng ở đây"),
]


@pytest.mark.parametrize(("text", "where", "said"), SYNTAX, ids=[s[2][:30] for s in SYNTAX])
def test_syntax_errors_are_told_in_vietnamese_where_the_mistake_is(
        text: str, where: tuple[int, int], said: str) -> None:
    problem = refused(text)
    assert (problem.line, problem.column) == where
    assert problem.message.startswith(f"Lỗi cú pháp YAML: {said}")
    assert problem.hint


def test_the_composer_builds_what_pyyaml_builds() -> None:
    """The iterative composer is PyYAML's, without the recursion: same tags, values, marks."""
    import yaml

    from generator.load.events import nodes_from_events

    def shape(node: yaml.Node) -> Any:
        marks = (node.tag, node.start_mark.index, node.end_mark.index)
        if isinstance(node, yaml.MappingNode):
            return (*marks, [(shape(k), shape(v)) for k, v in node.value])
        if isinstance(node, yaml.SequenceNode):
            return (*marks, node.flow_style, [shape(item) for item in node.value])
        return (*marks, node.value, node.style)

    root = Path(__file__).parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted(
        [*(root / "data" / "examples").glob("*.yaml"), *(root / "tests" / "fixtures" / "valid")
         .glob("*.yaml")])]
    texts.append("a: &x {b: [1, 2.5, true, null, 2024-04-06]}\nc: *x\nd: !!str 3\n? [k]\n: v\n")
    for text in texts:
        for loader in (yaml.SafeLoader, yaml.CSafeLoader):
            assert shape(nodes_from_events(loader(text))) == \
                shape(yaml.compose(text, Loader=loader))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="[]{}-:?,&*!|>#'\"\\ \n\t\uffffa1.", max_size=200),
       st.integers(min_value=0, max_value=3))
def test_any_text_loads_or_is_refused_in_vietnamese_with_a_line(text: str, depth: int) -> None:
    """Whatever the characters YAML gives meaning to, the loader answers with data or with
    located diagnostics: never an exception of its own, never PyYAML's English alone."""
    nested = "[" * (depth * 30) + text + "]" * (depth * 30)
    try:
        doc = load_text(nested, "p.yaml")
    except KeHoachError as exc:
        problems = exc.diagnostics
    else:
        problems = doc.problems
    for problem in problems:
        assert problem.line is not None, problem.format()
        assert not problem.message.startswith(("found", "expected", "while")), problem.message
        assert "Lỗi cú pháp YAML: (" not in problem.message


# --- Linear time on hostile input (issue 13, review) --------------------------------------


def test_line_and_column_of_offsets() -> None:
    from generator.errors import TextLines

    lines = TextLines("ab\r\nxổy\n\nz")
    assert [lines.at(i) for i in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9)] == [
        (1, 1), (1, 2), (1, 3), (1, 4), (2, 1), (2, 2), (2, 3), (2, 4), (3, 1), (4, 1)]
    assert lines.at(10) == (4, 2)  # just past the text
    assert TextLines("").at(0) == (1, 1)


def test_a_byte_that_is_not_utf8_is_placed_by_characters_not_bytes() -> None:
    from generator.load import load_bytes

    with pytest.raises(KeHoachError) as info:
        load_bytes("a: ổn\nb: Ổn định\xff".encode().replace(b"\xc3\xbf", b"\xff"), "p.yaml")
    [problem] = info.value.diagnostics
    assert (problem.line, problem.column) == (2, 11)  # 'Ổ', 'ị' and 'đ' are 3, 3, 2 bytes
    assert problem.message == "Tệp không phải mã UTF-8 (byte 0xFF không hợp lệ)."


def raw_controls(items: int) -> str:
    """A list whose every item holds a raw U+0007, as text pasted from a damaged source."""
    return "a:\n" + "".join(f"  - mục {i} \x07 xong\n" for i in range(items))


def test_raw_characters_are_placed_in_one_walk_however_many_there_are(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: each raw character walked the whole node tree again and counted lines
    from the start of the file: 3,000 of them took 6 s, 20,000 (350 KB) 230 s. Now the
    tree is walked once (one visit a node) and only the characters shown are placed."""
    from generator.errors import TextLines
    from generator.load import chars

    visits: list[object] = []
    placed: list[int] = []
    children, at = chars._children, TextLines.at
    monkeypatch.setattr(chars, "_children", lambda node, *rest: visits.append(node) or
                        children(node, *rest))
    monkeypatch.setattr(TextLines, "at", lambda self, offset: placed.append(offset) or
                        at(self, offset))
    doc = load_text(raw_controls(20_000), "p.yaml")
    assert len(visits) == 3 + 20_000  # the root, its key, the list and its items
    assert len(set(map(id, visits))) == len(visits)
    assert len(placed) <= chars.MAX_CHAR_PROBLEMS + 2
    assert len(doc.problems) == chars.MAX_CHAR_PROBLEMS + 1


def test_the_first_raw_characters_are_told_one_by_one_and_the_rest_counted() -> None:
    from generator.load.chars import MAX_CHAR_PROBLEMS

    problems = load_text(raw_controls(3_000) + "b: x\uffff\n", "p.yaml").problems
    *each, rest = problems
    assert [(p.line, p.column, p.path) for p in each] == [
        (i + 2, 10 + len(str(i)), ("a", i)) for i in range(MAX_CHAR_PROBLEMS)]
    assert all(p.message == "Có ký tự điều khiển không hợp lệ (U+0007)." for p in each)
    assert (rest.line, rest.column, rest.path) == (22, 12, ("a", 20))
    assert rest.message == ("Còn 2.981 ký tự không hợp lệ khác (U+0007, U+FFFF) từ đây đến "
                            "dòng 3.002: chỉ 20 ký tự đầu tiên được báo riêng từng chỗ.")
    assert "dán văn bản từ nơi khác" in rest.hint


def test_twenty_raw_characters_are_all_told_and_the_rest_on_one_line_says_so() -> None:
    from generator.load.chars import MAX_CHAR_PROBLEMS

    problems = load_text(raw_controls(MAX_CHAR_PROBLEMS), "p.yaml").problems
    assert len(problems) == MAX_CHAR_PROBLEMS
    assert all(p.message.startswith("Có ký tự điều khiển") for p in problems)
    problems = load_text("a: " + "x\x07" * 30 + "\n", "p.yaml").problems
    assert problems[-1].message.startswith("Còn 10 ký tự không hợp lệ khác (U+0007) trên dòng "
                                           "này:")
    assert (problems[-1].line, problems[-1].column, problems[-1].path) == (1, 45, ("a",))


def test_the_rest_of_the_raw_characters_is_counted_before_a_syntax_error() -> None:
    with pytest.raises(KeHoachError) as info:
        load_text(raw_controls(100) + "b: [\n", "p.yaml")
    *chars, rest, syntax = info.value.diagnostics
    assert len(chars) == 20 and rest.message.startswith("Còn 80 ký tự")
    assert syntax.message.startswith("Lỗi cú pháp YAML:")


# --- Aliases copy values, and are counted in characters (issue 13, review) ----------------


def test_an_aliased_text_is_read_and_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: every alias normalised and checked its text again, so 8,000 aliases of
    a 500 KB string took 130 s. Now the value is reused: one check, however many copies."""
    from generator.load import build

    checked: list[str] = []
    offsets = build.forbidden_offsets
    monkeypatch.setattr(build, "forbidden_offsets", lambda text: checked.append(text) or
                        offsets(text))
    doc = load_text('a: &a "Ủy ban \\x07"\nb:\n' + "  - *a\n" * 1_000, "p.yaml")
    assert checked == ["Ủy ban \x07"]  # the builder's checks (raw characters: chars.py)
    assert doc.data["b"] == ["Ủy ban \x07"] * 1_000
    [problem] = doc.problems  # told once, where the text is written
    assert (problem.line, problem.path) == (1, ("a",))


def test_eight_thousand_aliases_of_a_long_text_are_refused_at_once() -> None:
    """Regression: 130 s before; the text budget stops it at the 20th copy."""
    problem = refused('a: &a "' + "Ủy ban nhân dân " * 31_250 + '"\nb:\n' + "  - *a\n" * 8_000)
    assert (problem.line, problem.column, problem.path) == (21, 5, ("b", 18))  # 'a', 'b': 2


def test_text_copied_by_aliases_past_the_limit_is_refused_at_the_alias() -> None:
    """A 130 KB plan whose 400 '*a' copy a 100 KB 'loi_ket' made 40 MB of text downstream
    (444 MB of memory to build it)."""
    text = "x" * 100_000
    problem = refused(f"loi_ket:\n  - &a {text}\n" + "  - *a\n" * 400)
    assert (problem.line, problem.column, problem.path) == (101, 5, ("loi_ket", 99))
    assert problem.message == ("Bí danh '*a' chép lại giá trị của '&a' quá nhiều lần: văn bản "
                               "dựng ra từ tệp vượt quá 10.000.000 ký tự.")
    assert "tối đa 10.000.000 ký tự" in problem.hint and "'*a' ít lần hơn" in problem.hint


def test_the_text_limit_counts_every_copy_keys_included(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.load import build

    monkeypatch.setattr(build, "MAX_TEXT_CHARS", 30)
    plan = "ab: &a xxxxxxxx\ncd: [*a, *a]\ne: "  # 2 + 8 + 2 + 8 + 8 + 1
    assert load_text(plan + "x\n").data["cd"] == ["xxxxxxxx"] * 2  # 30
    problem = refused(plan + "xy\n")
    assert (problem.line, problem.column, problem.path) == (3, 1, ("e",))
    assert problem.message == "Văn bản dựng ra từ tệp quá dài: hơn 30 ký tự."  # no alias: 31
    problem = refused("a: &k kkkkkkkkkk\nb: {*k : 1}\nc: {*k : 2}\n")  # 1 + 10 + 1 + 10 + 1 + 10
    assert (problem.line, problem.column, problem.path) == (3, 5, ("c",))
    assert problem.message.startswith("Bí danh '*k' chép lại giá trị của '&k'")


def test_the_alias_told_is_the_one_written_in_the_field_that_passes_the_limit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.load import build

    monkeypatch.setattr(build, "MAX_TEXT_CHARS", 100)
    problem = refused("a: &a xxxxxxxxxx\nb: &b [*a, *a, *a]\nc:\n  - *b\n  - *b\n  - *b\n")
    assert (problem.line, problem.column, problem.path) == (5, 5, ("c", 1))  # 11 + 31 + 1 + 60
    assert problem.message.startswith("Bí danh '*b' chép lại giá trị của '&b'")
    problem = refused("a: &a xxxxxxxxxx\nb: &b [*a, *a, *a]\nc:\n  - *b\n  - {k: *b}\n")
    assert (problem.line, problem.column, problem.path) == (5, 9, ("c", 1, "k"))


def test_astral_characters_are_still_checked_in_every_plane() -> None:
    from generator.load.chars import forbidden_offsets

    assert forbidden_offsets("😀\x07\U0001FFFE ổn \U0010FFFF") == [1, 2, 7]
    assert forbidden_offsets("ổn \ufffe") == [3]
    assert forbidden_offsets("") == []


OTHER_DOCUMENTS = [("KH.docx", b"PK\x03\x04\x14\x00", "tệp Word (.docx)", "kehoach check"),
                   ("KH.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "tệp Word 97–2003",
                    "kehoach check"),
                   ("KH.pdf", b"%PDF-1.7\n", "tệp PDF", "kehoach new"),
                   ("ket-qua.xlsx", b"PK\x03\x04\x14\x00", "bảng tính Excel", "--data"),
                   ("ke-hoach.yaml", b"PK\x03\x04\x14\x00\x06\x00", "tệp nén",
                    "kehoach check")]


@pytest.mark.parametrize(("name", "head", "kind", "hint"), OTHER_DOCUMENTS,
                         ids=[case[0] for case in OTHER_DOCUMENTS])
@pytest.mark.parametrize("command", ["build", "validate"])
def test_a_word_excel_or_pdf_file_given_for_a_plan_is_named_so(
        command: str, name: str, head: bytes, kind: str, hint: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    document = tmp_path / name
    document.write_bytes(head + bytes(range(128, 256)))
    result = CliRunner().invoke(main, [command, str(document), "-o", str(tmp_path / "o")]
                                if command == "build" else [command, str(document)])
    assert result.exit_code == 1
    assert f"lỗi: Đây là {kind}" in result.stderr and "tệp kế hoạch .yaml" in result.stderr
    assert hint in result.stderr and "UTF-8" not in result.stderr


# --- What a clerk types (issue 19) ----------------------------------------------------------


def test_a_number_read_two_ways_is_refused_with_both_readings() -> None:
    """``gia_tri: 1.234`` (1 234 hồ sơ) printed "1,234" in the DOCX and "1" in the XLSX."""
    doc = load_text("chi_tieu:\n  - muc_tieu:\n      - gia_tri: 1.234\n        moc: A\n"
                    "ty_le: 12.5\nnho: 0.125\n")
    [problem] = doc.problems
    assert (problem.line, problem.column, problem.path) == (3, 18, ("chi_tieu", 0, "muc_tieu",
                                                                     0, "gia_tri"))
    assert problem.message == ("Số '1.234' đọc được hai cách: theo cách viết Việt Nam là 1234 "
                               "(dấu chấm ngăn cách hàng nghìn), còn YAML đọc là 1,234 (dấu chấm "
                               "là dấu thập phân).")
    assert problem.hint == "Viết 1234 nếu là số nguyên, 1,234 (dấu phẩy) nếu là số lẻ."


def test_a_date_yaml_reads_says_which_part_is_off_the_calendar() -> None:
    problem = load_text("ngay_ban_hanh: 2025-02-31\n").problems[0]
    assert problem.message == ("Ngày '2025-02-31' không có trên lịch: tháng 2 năm 2025 chỉ có "
                               "28 ngày.")


@pytest.mark.parametrize(("text", "where", "said"), [
    ("nguoi_ky:\n  chuc_vu CHỦ TỊCH\n  ho_ten: Nguyễn Văn A\n", (2, 10),
     "thiếu dấu ':' sau tên khóa 'chuc_vu'"),
    ("nguoi_ky:\n  ho_ten: A\n  chuc_vu CHỦ TỊCH\nnoi_nhan: x\n", (3, 10),
     "thiếu dấu ':' sau tên khóa 'chuc_vu'"),
    ("nhiem_vu:\n  - noi_dung Tổ chức\n    chu_tri: X\n", (2, 13),
     "thiếu dấu ':' sau tên khóa 'noi_dung'"),
    ("a: 1\nnguoi_ky\n  chuc_vu: X\n", (2, 9), "thiếu dấu ':' sau tên khóa 'nguoi_ky'"),
    ("a: 1\ntrich_yeu:Tổ chức\nb: 2\n", (2, 11), "sau dấu ':' của khóa 'trich_yeu' thiếu"),
])
def test_a_missing_colon_is_reported_at_its_own_line(text: str, where: tuple[int, int],
                                                     said: str) -> None:
    """PyYAML reports a key without its ':' one line late, with the hint for a ':' in text."""
    problem = refused(text)
    assert (problem.line, problem.column) == where
    assert problem.message.startswith(f"Lỗi cú pháp YAML: {said}")
    assert "Viết '" in problem.hint


def test_a_colon_in_a_text_over_two_lines_keeps_its_own_hint() -> None:
    problem = refused("doan:\n  - Tuyên truyền về\n    Công an xã: chủ trì\n")
    assert (problem.line, problem.message) == (3, "Lỗi cú pháp YAML: dấu ':' xuất hiện ở chỗ "
                                               "không được phép (mapping values are not "
                                               "allowed here).")


UNCLOSED = ('co_quan: x\ntrich_yeu: "Tổ chức Ngày hội chuyển đổi số\nphan:\n'
            '  - tieu_de: MỤC ĐÍCH\n    doan:\n      - Nâng cao nhận thức.\n'
            '  - tieu_de: NHIỆM VỤ\n    doan:\n      - Tổ chức.\n  - tieu_de: "TỔ CHỨC"\n'
            '    doan: [x]\n')


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_reported_where_it_opens(quote: str) -> None:
    """Found 8 lines down where a later quote closed it, and told as text after a quote."""
    problem = refused(UNCLOSED.replace('"', quote))
    assert (problem.line, problem.column) == (2, 12)
    kind = "kép" if quote == '"' else "đơn"
    assert problem.message.startswith(f"Lỗi cú pháp YAML: dấu nháy {kind} mở ở đây chưa được "
                                      "đóng trên dòng này: YAML đọc tiếp các dòng sau làm văn "
                                      "bản, đến dấu nháy ở dòng 10")


COMMENTED = ("co_quan: x\ntrich_yeu: 'Tổ chức Ngày hội chuyển đổi số\"\nloi_dan: Như sau\n\n"
             "# Các phần. Khóa 'loai' cho biết phần đó là gì\nphan:\n  - tieu_de: A\n")


def test_an_unclosed_quote_closed_by_an_apostrophe_in_a_comment_is_reported_where_it_opens(
        ) -> None:
    """The starter's comments hold 'loai': a quote left open 15 lines up was closed there
    and told as text after a closing quote, at the comment."""
    problem = refused(COMMENTED)
    assert (problem.line, problem.column) == (2, 12)
    assert problem.message.startswith("Lỗi cú pháp YAML: dấu nháy đơn mở ở đây chưa được "
                                      "đóng trên dòng này: YAML đọc tiếp các dòng sau làm văn "
                                      "bản, đến dấu nháy ở dòng 5")
    assert problem.hint.startswith("Văn bản mở bằng dấu nháy đơn (') nhưng kết thúc bằng "
                                   "dấu nháy kép (\")")


def test_a_quoted_text_over_several_lines_closed_after_words_is_not_called_unclosed() -> None:
    problem = refused('doan:\n  - "Tuyên truyền\n    về chuyển đổi số" thêm\n')
    assert "chưa được đóng" not in problem.message


def test_word_s_curly_quotes_in_a_syntax_error_are_explained() -> None:
    assert "Dấu nháy cong" in refused("trich_yeu: “Tổ chức: ngày hội”\n").hint

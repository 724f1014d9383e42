"""The loader: positions, normalisation, and nothing constructed from tags."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from generator.errors import KeHoachError
from generator.load import MAX_NODES, load_text


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
    assert found == [(("a",), "Có ký tự điều khiển không hợp lệ (U+FFFE)."),
                     (("b",), "Có ký tự điều khiển không hợp lệ (U+FFFF)."),
                     (("c",), "Có ký tự điều khiển không hợp lệ (U+D800).")]


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
    from generator.load import forbidden_offsets, is_forbidden_char

    for code in [*range(0x0, 0x3000), *range(0xD700, 0x10000), *range(0x1FF00, 0x20000),
                 0x10FFFD, 0x10FFFE, 0x10FFFF]:
        assert bool(forbidden_offsets(chr(code))) == is_forbidden_char(chr(code)), hex(code)


def test_raw_replacement_and_noncharacters_are_found_without_escapes() -> None:
    doc = load_text("a: x\ufffd y\nb: z\ufdd0 t\n", "p.yaml")
    assert [(d.line, d.path) for d in doc.problems] == [(1, ("a",)), (2, ("b",))]

"""Word-level differences: whole Vietnamese words, NFC and NFD alike, nothing lost."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from generator.diff.words import nfc, side, similarity, tokens, word_diff


def test_words_keep_their_tone_marks_and_punctuation_stands_alone() -> None:
    assert [t.strip() for t in tokens("Phấn đấu 40% hồ sơ, trực tuyến.")] == \
        ["Phấn", "đấu", "40", "%", "hồ", "sơ", ",", "trực", "tuyến", "."]


def test_a_changed_word_is_shown_alone_not_the_paragraph() -> None:
    pieces = word_diff("phấn đấu 30% hồ sơ trực tuyến", "phấn đấu 40% hồ sơ trực tuyến")
    assert [p for p in pieces if p[0] != "="] == [("-", "30"), ("+", "40")]


def test_nfd_and_nfc_texts_are_equal() -> None:
    text = "Ủy ban nhân dân xã Ia Ake tổ chức triển khai"
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    assert all(op == "=" for op, _ in word_diff(text, decomposed))
    assert similarity(text, decomposed) == 1.0


def test_a_word_differing_only_in_its_tone_mark_is_a_change() -> None:
    assert [p for p in word_diff("mục đích", "mục dích") if p[0] != "="] == \
        [("-", "đích"), ("+", "dích")]


words = st.lists(st.sampled_from(["xã", "Ia", "Ake", "hồ", "sơ", "40%", ",", "Đề", "án"]),
                 max_size=12).map(" ".join)


@given(words, words)
def test_either_side_can_be_rebuilt_from_the_pieces(old: str, new: str) -> None:
    pieces = word_diff(old, new)
    assert side(pieces, "new") == nfc(new)
    assert side(pieces, "old").split() == nfc(old).split()

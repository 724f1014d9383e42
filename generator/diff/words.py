"""Word-level differences inside Vietnamese text.

A reviewer reads "phấn đấu [-30%-]{+40%+} hồ sơ", not two whole paragraphs. Text is
compared in NFC, so a paragraph typed with combining accents (NFD, as some Mac and web
editors save it) equals the same paragraph typed precomposed. Words are runs of letters and
digits (Vietnamese letters with their tone marks are letters), punctuation marks are words
of their own, and spaces stick to the word before them, so a change shows whole words.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["=", "-", "+"]
Piece = tuple[Op, str]

TOKEN = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")
"""A word or a punctuation mark with the spaces after it (or spaces alone, at the start)."""


def nfc(text: str) -> str:
    """The canonical form texts are compared in."""
    return unicodedata.normalize("NFC", text)


def tokens(text: str) -> list[str]:
    """Words (with the spaces after them) and punctuation marks, in order."""
    return TOKEN.findall(nfc(text))


def _key(token: str) -> str:
    """A token as compared: its spaces do not matter, a line break does."""
    stripped = token.strip()
    return stripped if stripped or "\n" not in token else "\n"


def word_diff(old: str, new: str) -> tuple[Piece, ...]:
    """``old`` turned into ``new`` as kept, removed and added pieces of whole words.

    Joining the kept and removed pieces gives ``old`` (in NFC), the kept and added pieces
    ``new``: nothing is lost for a renderer that shows either side. Where only the spacing
    after a word changed, the pieces removed and added are spaces alone, which renderers
    show as the new spacing (:func:`spacing_only`).
    """
    a, b = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, [_key(t) for t in a], [_key(t) for t in b],
                              autojunk=False)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
                word = y.rstrip()
                add_piece(pieces, "=", word)
                if x[len(word):] == y[len(word):]:
                    add_piece(pieces, "=", y[len(word):])
                else:  # only the spacing after the word changed: shown as NEW's
                    add_piece(pieces, "-", x[len(word):])
                    add_piece(pieces, "+", y[len(word):])
            continue
        add_piece(pieces, "-", "".join(a[i1:i2]))
        add_piece(pieces, "+", "".join(b[j1:j2]))
    return tuple(pieces)


def add_piece(pieces: list[Piece], op: Op, text: str) -> None:
    """Append a piece, joined to the last one when it has the same op."""
    if not text:
        return
    if pieces and pieces[-1][0] == op:
        pieces[-1] = (op, pieces[-1][1] + text)
    else:
        pieces.append((op, text))


def side(pieces: tuple[Piece, ...], which: Literal["old", "new"]) -> str:
    """One side of a word diff, rebuilt."""
    skip = "+" if which == "old" else "-"
    return "".join(text for op, text in pieces if op != skip)


def word_keys(text: str) -> list[str]:
    """A text's words and punctuation marks as compared (:func:`similarity`)."""
    return [_key(t) for t in tokens(text)]


def similarity(old: str, new: str) -> float:
    """How alike two texts are, by words, from 0 to 1: the share of their words that line
    up in order (matching items that lost their id, :mod:`generator.diff.likeness`)."""
    a, b = word_keys(old), word_keys(new)
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def spacing_only(text: str) -> bool:
    """Whether a removed or added piece is only spaces (not a change a reader sees)."""
    return not text.strip(" \t")

"""Inline markup of paragraph text: ``**đậm**``, ``*nghiêng*``, ``^[chú thích]``, ``\\*``.

Kept deliberately tiny (a subset of Markdown/pandoc that clerks can learn in a minute).
Everything else is literal text: ``&``, ``<``, ``{{ x }}`` and tabs print exactly as typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from generator.model.base import Markup

ESCAPABLE = set("*^[]\\")


@dataclass(frozen=True)
class Span:
    """A run of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Footnote:
    """A footnote anchored at this point of the paragraph; its text may be formatted."""

    spans: tuple[Span, ...]


Inline = Span | Footnote


@dataclass
class _State:
    out: list[Inline] = field(default_factory=list)
    buffer: str = ""
    bold: bool = False
    italic: bool = False

    def flush(self) -> None:
        if self.buffer:
            self.out.append(Span(self.buffer, self.bold, self.italic))
            self.buffer = ""


class MarkupError(ValueError):
    """Unbalanced or misplaced markup; the message is Vietnamese and says how to fix it."""


def parse_inline(text: Markup, *, allow_footnotes: bool = True) -> tuple[Inline, ...]:
    """Split text into formatted spans and footnotes, or raise :class:`MarkupError`.

    Only :data:`Markup` is parsed: text of any other field is printed as typed
    (:func:`literal`), and the check stage has parsed every ``Markup`` field already (the
    answers for formatted text are remembered, so resolve does not parse it again).
    """
    if "*" not in text and "^" not in text and "\\" not in text:
        return (Span(text),) if text else ()
    return _parsed(text, allow_footnotes)


@lru_cache(maxsize=4096)
def _parsed(text: Markup, allow_footnotes: bool) -> tuple[Inline, ...]:
    state = _State()
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in ESCAPABLE:
            state.buffer += text[i + 1]
            i += 2
        elif text.startswith("**", i):
            state.flush()
            state.bold = not state.bold
            i += 2
        elif ch == "*":
            state.flush()
            state.italic = not state.italic
            i += 1
        elif text.startswith("^[", i):
            if not allow_footnotes:
                raise MarkupError("Chú thích không được lồng trong chú thích.")
            end = _closing_bracket(text, i + 2)
            state.flush()
            note = parse_inline(Markup(text[i + 2:end]), allow_footnotes=False)
            state.out.append(Footnote(tuple(s for s in note if isinstance(s, Span))))
            i = end + 1
        else:
            state.buffer += ch
            i += 1
    if state.bold or state.italic:
        marker = "**" if state.bold else "*"
        raise MarkupError(f"Dấu {marker} mở in {'đậm' if state.bold else 'nghiêng'} chưa "
                          f"được đóng. Nếu muốn in ra dấu *, hãy viết \\*.")
    state.flush()
    return tuple(state.out)


def _closing_bracket(text: str, start: int) -> int:
    depth = 1
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "[":
            depth += 1
        elif text[i] == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise MarkupError("Chú thích '^[' chưa có dấu ']' đóng.")


def merged(inlines: Iterable[Inline]) -> tuple[Inline, ...]:
    """Adjacent spans of the same formatting joined into one (fewer, longer runs)."""
    out: list[Inline] = []
    for item in inlines:
        last = out[-1] if out else None
        if isinstance(item, Span) and isinstance(last, Span) and \
                (last.bold, last.italic) == (item.bold, item.italic):
            out[-1] = Span(last.text + item.text, item.bold, item.italic)
        else:
            out.append(item)
    return tuple(out)


def literal(text: str) -> tuple[Inline, ...]:
    """Text printed exactly as typed (every field that is not :data:`Markup`)."""
    return (Span(text),)


def plain_text(text: str) -> str:
    """The words of a text, markup and footnotes dropped: for ids and comparison."""
    try:
        return "".join(s.text for s in parse_inline(Markup(text)) if isinstance(s, Span))
    except MarkupError:
        return text

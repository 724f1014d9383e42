"""Inline markup of paragraph text: ``**đậm**``, ``*nghiêng*``, ``^[chú thích]``, ``\\*``,
and references to the plan's data: ``{muc_tieu:dvc-truc-tuyen}``, ``{van_ban:nd-45-2020}``.

Kept deliberately tiny (a subset of Markdown/pandoc that clerks can learn in a minute).
Everything else is literal text: ``&``, ``<``, ``{{ x }}`` and tabs print exactly as typed;
braces are a reference only around one of :data:`REFERENCE_KINDS` and a colon.
"""

from __future__ import annotations

import re
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


@dataclass(frozen=True)
class Ref(Span):
    """A reference to the plan's data (a KPI's name, target or formula, a document), as
    written (``text``); resolve replaces it with the words it stands for, so renderers
    never see one. ``kind`` is one of :data:`REFERENCE_KINDS`; ``key`` the id; ``options``
    the ``name=value`` pairs after it (``moc``, ``cap``, ``don_vi``, ``nhom``)."""

    kind: str = ""
    key: str = ""
    options: tuple[tuple[str, str], ...] = ()


REFERENCE_KINDS = ("chi_tieu", "muc_tieu", "cach_tinh", "van_ban")
"""``chi_tieu`` a KPI's name, ``muc_tieu`` its target, ``cach_tinh`` how it is computed,
``van_ban`` a document of the registry (cited in full the first time, then in short)."""
_REFERENCE = re.compile(r"\{(" + "|".join(REFERENCE_KINDS) + r"):([^{}]*)\}")

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
    if "*" not in text and "^" not in text and "\\" not in text and "{" not in text:
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
        elif ch == "{" and (found := _REFERENCE.match(text, i)):
            state.flush()
            state.out.append(reference(found.group(0), found.group(1), found.group(2),
                                       state.bold, state.italic))
            i = found.end()
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


def reference(written: str, kind: str, body: str, bold: bool = False,
              italic: bool = False) -> Ref:
    """``{muc_tieu:x; moc=Năm 2024; cap=xa}`` → kind, key and options; a malformed option
    is kept for the check stage to name."""
    key, *rest = [part.strip() for part in body.split(";")]
    options = tuple((name.strip(), value.strip()) for name, _, value in
                    (part.partition("=") for part in rest if part))
    return Ref(written, bold, italic, kind=kind, key=key, options=options)


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
        if type(item) is Span and type(last) is Span and \
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

"""Inline markup of paragraph text: ``**đậm**``, ``*nghiêng*``, ``^[chú thích]``, ``\\*``,
and references to the plan's data: ``{muc_tieu:dvc-truc-tuyen}``, ``{van_ban:nd-45-2020}``.

Kept deliberately tiny (a subset of Markdown/pandoc that clerks can learn in a minute).
Everything else is literal text: ``&``, ``<``, ``{{ x }}`` and tabs print exactly as typed;
braces are a reference only around one of :data:`REFERENCE_KINDS` and a colon. What looks
like a reference and is not one (``{Muc_tieu:x}``, ``{chitieu:x}``, ``{muc_tieu :x}``, an
unclosed ``{muc_tieu:x``) is an error (:class:`NotAReference`), never raw braces printed in
an official document; ``\\{`` and ``\\}`` print a brace.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from generator.model.base import Markup

ESCAPABLE = set("*^[]\\{}")


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
_SPECIAL = re.compile(r"[\\*{^]")
"""The characters markup can start at; the text between them is taken as it is."""


@dataclass
class _State:
    out: list[Inline] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    """The text of the current span, in pieces (joined once: linear in the text)."""
    bold: bool = False
    italic: bool = False

    def flush(self) -> None:
        if self.buffer:
            self.out.append(Span("".join(self.buffer), self.bold, self.italic))
            self.buffer = []


class MarkupError(ValueError):
    """Unbalanced or misplaced markup; the message is Vietnamese and says how to fix it."""


class NotAReference(MarkupError):
    """Braces that look like a reference and are not one; ``name`` is the kind as typed
    (``Muc_tieu``), for the check stage's "did you mean"."""

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name


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
    last_close = text.rfind("}")  # once: whether a "{" is ever closed, in linear time
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in ESCAPABLE:
            state.buffer.append(text[i + 1])
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
        elif ch == "{":
            _refuse_lookalike(text, i, closed=last_close > i)
            state.buffer.append(ch)
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
            special = _SPECIAL.search(text, i + 1)
            stop = special.start() if special else len(text)
            state.buffer.append(text[i:stop])  # a run of plain text at once
            i = stop
    if state.bold or state.italic:
        marker = "**" if state.bold else "*"
        raise MarkupError(f"Dấu {marker} mở in {'đậm' if state.bold else 'nghiêng'} chưa "
                          f"được đóng. Nếu muốn in ra dấu *, hãy viết \\*.")
    state.flush()
    return tuple(state.out)


_LOOKALIKE = re.compile(r"\{(\s*)([^\W\d][\w ]{0,40}?)(\s*)([:}])")
"""``{name:`` or ``{name}``: the shape of a reference, whatever the name."""
_SHOWN = 40
"""How much of an unclosed reference a message quotes."""
_CLOSE_KIND = 0.8
"""``{chitieu}``, ``{Muc_tieu}``: a word in braces this close to a kind is a reference
missing its id; other words in braces (``{x}``) are text."""


def _refuse_lookalike(text: str, start: int, *, closed: bool) -> None:
    """Raise :class:`NotAReference` if the ``{`` at ``start``, which opens no reference,
    looks like one; return if it is a brace of the text (``{{ x }}``, ``{1, 2}``).
    ``closed``: whether a ``}`` follows somewhere."""
    looks = _LOOKALIKE.match(text, start)
    if looks is None:
        if not closed:
            raise NotAReference(f"Dấu '{{' chưa được đóng: '{_quoted(text, start)}'.", "")
        return
    before, name, after, end = looks.groups()
    kind = name.strip()
    if end == "}":
        close_kinds = difflib.get_close_matches(kind.replace(" ", "_").casefold(),
                                                REFERENCE_KINDS, n=1, cutoff=_CLOSE_KIND)
        if close_kinds:
            raise NotAReference(f"Tham chiếu '{_quoted(text, start)}' thiếu mã: viết "
                                f"{{{close_kinds[0]}:MÃ}}.", kind)
        return  # a word in braces, "{x}": printed as typed
    written = _quoted(text, start)
    if kind in REFERENCE_KINDS and (before or after):
        raise NotAReference(f"Tham chiếu '{written}' có dấu cách: viết liền "
                            f"{{{kind}:…}}, không có dấu cách sau '{{' và trước ':'.", kind)
    if kind in REFERENCE_KINDS:
        raise NotAReference(f"Tham chiếu '{written}' chưa có dấu '}}' đóng (hoặc có '{{' "
                            "bên trong).", kind)
    raise NotAReference(f"'{written}' không phải một tham chiếu: không có loại tham chiếu "
                        f"'{kind}'.", kind)


def lookalikes(text: str) -> list[NotAReference]:
    """Every place of ``text`` that looks like a reference and is not one, in order (the
    parser stops at the first; a check reports them all)."""
    found: list[NotAReference] = []
    last_close = text.rfind("}")
    i = text.find("{")
    while i != -1:
        if _escaped(text, i):
            i = text.find("{", i + 1)
            continue
        reference_at = _REFERENCE.match(text, i)
        if reference_at is None:
            try:
                _refuse_lookalike(text, i, closed=last_close > i)
            except NotAReference as exc:
                found.append(exc)
        i = text.find("{", reference_at.end() if reference_at else i + 1)
    return found


def reference_shape(text: str) -> str | None:
    """The first ``{name:…}`` of a text that is read as typed (not :data:`Markup`), if any:
    such a field prints it as it stands."""
    found = _LOOKALIKE.search(text) if "{" in text else None
    while found is not None and found[4] != ":":
        found = _LOOKALIKE.search(text, found.start() + 1)
    return _quoted(text, found.start()) if found is not None else None


def _escaped(text: str, at: int) -> bool:
    """Whether the character at ``at`` follows an escaping backslash (``\\{``, not ``\\\\{``)."""
    slashes = len(text[:at]) - len(text[:at].rstrip("\\"))
    return slashes % 2 == 1


def _quoted(text: str, start: int) -> str:
    """The text of a brace to its closing one, or (none near) a few words of what follows:
    what a message quotes (found only when a message is made)."""
    close = text.find("}", start, start + 2 * _SHOWN)
    if close != -1:
        return text[start:close + 1]
    end = text.find("\n", start, start + _SHOWN)
    shown = text[start:end if end != -1 else start + _SHOWN + 1]
    return shown if len(shown) <= _SHOWN else shown[:_SHOWN].rstrip() + "…"


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


def escape(text: str) -> str:
    """Text as inline markup that prints it unchanged (``*`` → ``\\*``)."""
    if not any(ch in ESCAPABLE for ch in text):
        return text
    return "".join("\\" + ch if ch in ESCAPABLE else ch for ch in text)


def write_inline(items: Iterable[Inline]) -> str:
    """Spans and footnotes as markup that :func:`parse_inline` reads back to the same text
    with the same formatting on every character that shows (the inverse of the parser, so
    that an importer never writes an unclosed ``*``). Marks are written where the formatting
    changes, never around each piece: a run of marks then toggles each of bold and italic at
    most once ("***" is bold and italic together, whatever their order), which the parser
    cannot misread. Spaces stay outside the marks (a space shows the same bold or not)."""
    out: list[str] = []
    bold = italic = False
    pending = ""  # spaces after the last word, written once the next marks are known
    for item in items:
        if isinstance(item, Footnote):
            out.append(pending + "^[" + write_inline(item.spans) + "]")
            pending = ""
            continue
        core = item.text.strip()
        if not core:
            pending += item.text
            continue
        lead = item.text[:len(item.text) - len(item.text.lstrip())]
        closing = ("**" if bold and not item.bold else "") + (
            "*" if italic and not item.italic else "")
        opening = ("**" if item.bold and not bold else "") + (
            "*" if item.italic and not italic else "")
        body = core if isinstance(item, Ref) else escape(core)
        out.append(closing + pending + lead + opening + body)
        bold, italic = item.bold, item.italic
        pending = item.text[len(item.text.rstrip()):]
    out.append(("**" if bold else "") + ("*" if italic else "") + pending)
    return "".join(out)


def split_inline(text: str, at: int) -> tuple[str, str]:
    """``text`` cut after ``at`` characters of its words (as :func:`plain_text` gives them),
    each side written as markup of its own: a mark open at the cut is closed before it and
    opened again after it, so neither side holds an unclosed ``*``. A footnote at the cut
    stays with the words before it."""
    head: list[Inline] = []
    tail: list[Inline] = []
    seen = 0
    for item in parse_inline(Markup(text)):
        if isinstance(item, (Footnote, Ref)):
            (head if seen <= at and (isinstance(item, Footnote) or seen < at)
             else tail).append(item)
            seen += 0 if isinstance(item, Footnote) else len(item.text)
            continue
        if seen + len(item.text) <= at:
            head.append(item)
        elif seen >= at:
            tail.append(item)
        else:
            cut = at - seen
            head.append(Span(item.text[:cut], item.bold, item.italic))
            tail.append(Span(item.text[cut:], item.bold, item.italic))
        seen += len(item.text)
    return write_inline(head), write_inline(tail)

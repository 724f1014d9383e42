"""The terminal: every line kehoach prints goes through :func:`say`.

What a clerk's console must never suffer is handled here, once, for every message path:

- a console or a redirected output whose encoding cannot hold Vietnamese (a Windows code
  page such as cp1252 or cp1258): UTF-8 where the console takes it; otherwise each letter
  the code page lacks is written in a form that never fails — decomposed where the code
  page has the parts (cp1258 writes "ỗ" as "ô" and a combining tilde, as Windows does),
  else as an escape (``\\u1ed7``);
- text from a file carrying control characters (an ESC sequence that retitles the window
  or clears the screen, a carriage return that hides a line): shown as visible escapes;
- a reader that stops reading (``kehoach schema | head -1``, ``| grep -q``): the rest of
  the output is dropped and the command finishes with its own exit code, quietly.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import re
import secrets
import sys
import unicodedata
from collections.abc import Callable
from typing import Any, TextIO

import click

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters a terminal acts on instead of showing: C0 controls but tab and newline, DEL,
C1 controls (``\\x9b`` starts a sequence as ESC [ does), and the bidirectional overrides
and isolates that reorder what is shown."""

_NAMED = {"\r": "\\r", "\x0b": "\\v", "\x0c": "\\f"}


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\r``)."""
    return _CONTROL.sub(lambda found: _escaped(found.group()), text)


def _escaped(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# Colours -----------------------------------------------------------------------------------

_NONCE = secrets.token_hex(8)
_STYLE_MARK = re.compile(f"\ue000{_NONCE}([0-9]+)\ue001")
_STYLE_CODES: dict[str, int] = {}
"""The ANSI codes :func:`style` asked for, by the number its marks carry."""


def style(text: str, **styles: Any) -> str:
    """``click.style`` for text that :func:`say` prints: the codes are marked, not written,
    so that :func:`visible` can still escape every control character of the text itself;
    :func:`say` writes the codes last. The marks carry a number drawn for this run, which
    no file can hold."""
    start, end = click.style("\0", **styles).split("\0")
    return _style_mark(start) + text + _style_mark(end)


def _style_mark(code: str) -> str:
    number = _STYLE_CODES.setdefault(code, len(_STYLE_CODES))
    return f"\ue000{_NONCE}{number}\ue001"


def _shown(text: str) -> str:
    text = visible(text)
    if "\ue000" not in text:
        return text
    codes = {number: code for code, number in _STYLE_CODES.items()}
    return _STYLE_MARK.sub(lambda found: codes.get(int(found.group(1)), ""), text)


# Printing ----------------------------------------------------------------------------------

_gone: set[str] = set()
"""The streams whose reader has left (``"stdout"``, ``"stderr"``)."""


def say(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print ``text`` (to stderr with ``err``), made safe; nothing when its reader left."""
    name = "stderr" if err else "stdout"
    if name in _gone:
        return
    try:
        click.echo(_shown(text), err=err, nl=nl)
    except OSError as exc:
        if not reader_gone(exc):
            raise
        _drop(name)


def reader_gone(exc: OSError) -> bool:
    """Whether writing failed because the reading end closed: EPIPE; on Windows a closed
    pipe says EINVAL."""
    return exc.errno == errno.EPIPE or (sys.platform == "win32" and exc.errno == errno.EINVAL)


def _drop(name: str) -> None:
    """Send whatever is still buffered for ``name`` and all later output to the null
    device (as Python's documentation advises for a closed pipe), so that the flush at exit
    does not fail again."""
    _gone.add(name)
    stream = getattr(sys, name)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def flush_quietly() -> None:
    """Flush stdout and stderr at the end; a reader gone meanwhile is not an error."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or name in _gone:
            continue
        try:
            stream.flush()
        except OSError as exc:
            if not reader_gone(exc):
                raise
            _drop(name)


# Encodings ---------------------------------------------------------------------------------

def prepare_streams() -> None:
    """Make stdout and stderr print anything: UTF-8 on a Windows console that can be set to
    it, and for every encoding an error handler that writes what the encoding lacks in a
    form that never fails (:func:`spelled`)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            _prepare(stream)


def _prepare(stream: io.TextIOWrapper) -> None:
    if not _is_utf8(stream.encoding) and _windows_console(stream) and _console_to_utf8():
        with contextlib.suppress(ValueError, OSError):  # data already read: keep encoding
            stream.reconfigure(encoding="utf-8")
    stream.reconfigure(errors=_handler_for(stream.encoding))


def _is_utf8(encoding: str) -> bool:
    return codecs.lookup(encoding).name == "utf-8"


def _windows_console(stream: TextIO) -> bool:
    """A Windows console (not a file or a pipe): Python writes to it in UTF-16 unless told
    to use the legacy code-page path (``PYTHONLEGACYWINDOWSSTDIO``)."""
    with contextlib.suppress(ValueError, OSError):
        return sys.platform == "win32" and stream.isatty()
    return False


def _console_to_utf8() -> bool:
    """Set the Windows console's output code page to UTF-8 (65001); whether it took."""
    try:
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined,unused-ignore]
        return bool(kernel32.SetConsoleOutputCP(65001))
    except (AttributeError, OSError):
        return False


_HANDLERS: dict[str, str] = {}


def _handler_for(encoding: str) -> str:
    """The name of the error handler of ``encoding`` (registered once per encoding)."""
    name = codecs.lookup(encoding).name
    if name not in _HANDLERS:
        handler_name = f"kehoach-{name}"
        codecs.register_error(handler_name, _handler(name))
        _HANDLERS[name] = handler_name
    return _HANDLERS[name]


def _handler(encoding: str) -> Callable[[UnicodeError], tuple[str, int]]:
    def handle(exc: UnicodeError) -> tuple[str, int]:
        if not isinstance(exc, UnicodeEncodeError):
            raise exc
        chunk = exc.object[exc.start:exc.end]
        return "".join(spelled(ch, encoding) for ch in chunk), exc.end

    return handle


def spelled(ch: str, encoding: str) -> str:
    """``ch`` as ``encoding`` can write it: the letter with some of its marks composed and
    the rest as combining marks, when the code page has those parts (cp1258 has "ô" and a
    combining tilde, not "ỗ"); else an escape (``\\u1ed7``), which never fails."""
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], list(decomposed[1:])
    tries = [unicodedata.normalize("NFC", base + mark) + "".join(marks[:k] + marks[k + 1:])
             for k, mark in enumerate(marks)]
    for candidate in [*tries, base + "".join(marks)] if marks else []:
        if _fits(candidate, encoding):
            return candidate
    return ch.encode("ascii", "backslashreplace").decode("ascii")


def _fits(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True

"""Rules of text printed exactly as typed (every field that is not formatted text).

A title, a name, a trích yếu is printed character for character; two mistakes then reach
the document unseen: Word's curly quotes typed around a whole value as if they were YAML's
quotes (``trich_yeu: “Về việc …”``), and a reference (``{muc_tieu:x}``) in a field that
does not replace references.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.core import Context, Finding, strings, warning
from generator.check.markup import markup_texts
from generator.errors import FieldPath
from generator.inline import reference_shape

QUOTE_PAIRS = {"“": "”“", "„": "“”", "‘": "’‘", "«": "»"}
"""Opening quotes of word processors, each with the closing ones it is paired with."""
_QUOTES = set("“”„‘’«»")
_SHOWN = 60


def _printed_as_typed(ctx: Context) -> Iterator[tuple[str, FieldPath]]:
    """Every string of the plan that is not formatted text, with its path."""
    formatted = {path for path, _ in markup_texts(ctx.plan)}
    for text, path in strings(ctx.dump):
        if path not in formatted:
            yield text, path


def _wrapped(text: str) -> str | None:
    """The text inside curly quotes that wrap all of ``text`` (and no other quote), or None."""
    inner = text.strip()
    if len(inner) < 2 or inner[-1] not in QUOTE_PAIRS.get(inner[0], ""):
        return None
    inner = inner[1:-1]
    return None if _QUOTES & set(inner) else inner.strip()


def values_are_not_wrapped_in_curly_quotes(ctx: Context) -> Iterator[Finding]:
    """``trich_yeu: “Về việc …”``: Word's quotes are no YAML quotes, so they are printed."""
    for text, path in _printed_as_typed(ctx):
        inner = _wrapped(text)
        if inner is None:
            continue
        shown = inner if len(inner) <= _SHOWN else inner[:_SHOWN - 1].rstrip() + "…"
        key = next((part for part in reversed(path) if isinstance(part, str)), "")
        yield warning(path, f"Cả giá trị nằm trong cặp dấu nháy cong {text.strip()[0]} "
                      f"{text.strip()[-1]} (của Word): hai dấu này được in ra như một phần "
                      "của văn bản.",
                      f"Bỏ hai dấu nháy cong ở đầu và cuối: {key}: {shown}. Văn bản có dấu "
                      f"': ' thì đặt trong dấu nháy thẳng của bàn phím: {key}: \"{shown}\".")


def references_are_only_where_they_are_replaced(ctx: Context) -> Iterator[Finding]:
    """``{muc_tieu:x}`` in a field printed as typed stays braces on the page."""
    for text, path in _printed_as_typed(ctx):
        written = reference_shape(text)
        if written is not None:
            yield warning(path, f"'{written}' sẽ được in nguyên văn: trường này không thay "
                          "tham chiếu bằng nội dung.",
                          "Tham chiếu chỉ dùng trong các khóa có định dạng (đoạn văn, gạch "
                          "đầu dòng, ô bảng, nội dung nhiệm vụ…); ở đây gõ thẳng nội dung.")

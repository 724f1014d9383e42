"""A plan diff printed for people (terminal text, Markdown, one HTML page) and for tools (JSON).

Renderers only lay out what :mod:`generator.diff` decided. Every format says the same
things in the same order: the document details, then each item added, removed, moved or
changed in the order of the new plan, then the items only renumbered, then a count.
The JSON structure is documented in the README ("So sánh hai phiên bản") and versioned by
its ``version`` field.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from generator.diff.compare import FieldChange, ItemChange, PlanDiff, statuses
from generator.diff.items import KIND_NAMES, FieldValue
from generator.diff.words import Piece, spacing_only

JSON_VERSION = 1
RENUMBERED_SHOWN = 12
"""Renumbered items listed by name; beyond these, a count (the JSON lists them all)."""
CONTEXT_WORDS = 6
"""Unchanged words kept on each side of a change inside a long text."""

STATUS_WORDS = {"added": "thêm", "removed": "bỏ", "moved": "chuyển", "changed": "sửa",
                "renumbered": "đánh số lại"}
SIGNS = {"added": "+", "removed": "−", "moved": "↕", "changed": "~", "renumbered": "#"}
DETAILS_TITLE = "Thông tin văn bản"
ITEMS_TITLE = "Nội dung"
RENUMBERED_TITLE = "Đánh số lại (do thêm, bớt, chuyển mục phía trước)"


def number_text(change: ItemChange) -> str:
    """"2.3", "2.3 → 2.4" when it moved, "" for unnumbered items."""
    old, new = change.old_number, change.new_number
    if change.status == "added":
        return new
    if change.status == "removed":
        return old
    return new if old == new else f"{old} → {new}"


def label(change: ItemChange) -> str:
    """``Nhiệm vụ 1.2 'Rà soát…'``, ``Chỉ tiêu 'Tỷ lệ…' cấp xã, Năm 2024``."""
    kind = KIND_NAMES.get(change.kind, change.kind)
    if change.kind in ("target", "result"):
        return f"{kind} {change.name}"
    number = number_text(change)
    return f"{kind} {number} '{change.name}'" if number else f"{kind} '{change.name}'"


def summary(diff: PlanDiff) -> str:
    """``Tổng cộng: 1 thêm, 2 sửa; 3 thông tin văn bản.`` or that nothing changed."""
    if diff.empty():
        return "Hai kế hoạch giống nhau."
    counts = diff.counts()
    parts = [f"{counts[s]} {STATUS_WORDS[s]}" for s in statuses(diff.items)]
    if diff.details:
        parts.append(f"{len(diff.details)} thông tin văn bản")
    return "Tổng cộng: " + ", ".join(parts) + "."


def pairing_note(diff: PlanDiff) -> str:
    """Why some additions and removals may be edits: their pairing by likeness was cut."""
    kinds = ", ".join(KIND_NAMES.get(k, k).lower() for k in diff.unpaired)
    return (f"Lưu ý: quá nhiều mục ({kinds}) vừa đổi lời vừa không có id để so hết từng "
            "cặp; một số mục ghi 'thêm' và 'bỏ' có thể là cùng một mục đã sửa. Ghi id cho "
            "các mục (hướng dẫn, trang 'So sánh hai phiên bản') để so chính xác.")


def _quoted(value: FieldValue | None) -> str:
    if value is None or value == "" or value == ():
        return "(trống)"
    if isinstance(value, tuple):
        return "; ".join(value)
    return f"'{value}'"


def _bare(value: FieldValue | None) -> str:
    return value if isinstance(value, str) and value else _quoted(value)


def trimmed(pieces: Sequence[Piece]) -> list[Piece]:
    """Long unchanged stretches cut to a few words either side of each change."""
    out: list[Piece] = []
    for n, (op, text) in enumerate(pieces):
        if op != "=":
            out.append((op, text))
            continue
        words = text.split(" ")
        first, last = n == 0, n == len(pieces) - 1
        keep_head = 0 if first else CONTEXT_WORDS
        keep_tail = 0 if last else CONTEXT_WORDS
        if len(words) <= keep_head + keep_tail + 1:
            out.append((op, text))
            continue
        head = " ".join(words[:keep_head])
        tail = " ".join(words[len(words) - keep_tail:]) if keep_tail else ""
        out.append((op, f"{head + ' ' if head else ''}… {tail}".rstrip() +
                    (" " if tail and text.endswith(" ") else "")))
    return out


class _Writer:
    """Shared walk over a diff; subclasses say how a heading, a line and a piece look."""

    def __init__(self, old_name: str, new_name: str) -> None:
        self.old_name, self.new_name = old_name, new_name

    def render(self, diff: PlanDiff) -> str:
        return "".join(self.lines(diff))

    def lines(self, diff: PlanDiff) -> Iterator[str]:
        yield self.title(f"So sánh {self.old_name} → {self.new_name}")
        if diff.details:
            yield self.heading(DETAILS_TITLE)
            for change in diff.details:
                yield self.entry("changed", self.field(change, bare=True))
        main = [c for c in diff.items if c.status != "renumbered"]
        if main:
            yield self.heading(ITEMS_TITLE)
            for item in main:
                yield self.entry(item.status, self.item(item))
        renumbered = [c for c in diff.items if c.status == "renumbered"]
        if renumbered:
            yield self.heading(RENUMBERED_TITLE)
            shown = ", ".join(self.escape(label(c)) for c in renumbered[:RENUMBERED_SHOWN])
            more = len(renumbered) - RENUMBERED_SHOWN
            yield self.entry("renumbered", shown + (f" … và {more} mục khác" if more > 0
                                                    else ""))
        if diff.unpaired:
            yield self.end(pairing_note(diff))
        yield self.end(summary(diff))

    def item(self, change: ItemChange) -> str:
        head = self.strong(label(change))
        if change.status in ("added", "removed"):
            return f"{head} ({STATUS_WORDS[change.status]})"
        tag = " (chuyển)" if change.status == "moved" else ""
        if change.kind in ("target", "result") and [f.name for f in change.fields] == \
                ["giá trị"]:
            value = change.fields[0]  # "Chỉ tiêu 'X' cấp xã, Năm 2024: 30% → 40%"
            return (f"{head}{tag}: " + self.deleted(_bare(value.old)) + " → " +
                    self.inserted(_bare(value.new)))
        fields = [self.field(f) for f in change.fields]
        if not fields:
            return head + tag
        if len(fields) == 1:
            return f"{head}{tag}: {fields[0]}"
        return f"{head}{tag}:" + "".join(self.sub(f) for f in fields)

    def field(self, change: FieldChange, bare: bool = False) -> str:
        name = self.escape(change.name) + ": "
        if change.added or change.removed:
            marks = [self.inserted(f"+ {n}") for n in change.added]
            marks += [self.deleted(f"− {n}") for n in change.removed]
            return name + "; ".join(marks)
        if change.words:
            return name + "".join(self.piece(op, text) for op, text in trimmed(change.words))
        return (name + self.deleted(_quoted(change.old)) + " → " +
                self.inserted(_quoted(change.new)))

    def piece(self, op: str, text: str) -> str:
        if op != "=" and spacing_only(text):  # spacing alone: printed as NEW has it
            return "" if op == "-" else self.escape(text)
        if op == "-":
            return self.deleted(text, inline=True)
        if op == "+":
            return self.inserted(text, inline=True)
        return self.escape(text)

    # what each format overrides
    def title(self, text: str) -> str:
        return text + "\n"

    def heading(self, text: str) -> str:
        return f"{text}:\n"

    def entry(self, status: str, text: str) -> str:
        return f"  {SIGNS[status]} {text}\n"

    def sub(self, text: str) -> str:
        return f"\n      {text}"

    def end(self, text: str) -> str:
        return text + "\n"

    def strong(self, text: str) -> str:
        return text

    def escape(self, text: str) -> str:
        return text

    def deleted(self, text: str, inline: bool = False) -> str:
        return f"[-{text}-]" if inline else text

    def inserted(self, text: str, inline: bool = False) -> str:
        return f"{{+{text}+}}" if inline else text


class _Colour(_Writer):
    """Terminal text: removed in red, added in green, headings bold."""

    def __init__(self, old_name: str, new_name: str, style: Callable[..., str]) -> None:
        super().__init__(old_name, new_name)
        self.style = style

    def heading(self, text: str) -> str:
        return self.style(f"{text}:", bold=True) + "\n"

    def entry(self, status: str, text: str) -> str:
        colour = {"added": "green", "removed": "red", "moved": "cyan"}.get(status, "yellow")
        return f"  {self.style(SIGNS[status], fg=colour, bold=True)} {text}\n"

    def deleted(self, text: str, inline: bool = False) -> str:
        return self.style(f"[-{text}-]" if inline else text, fg="red")

    def inserted(self, text: str, inline: bool = False) -> str:
        return self.style(f"{{+{text}+}}" if inline else text, fg="green")


class _Markdown(_Writer):
    def title(self, text: str) -> str:
        return f"# {self.escape(text)}\n\n"

    def heading(self, text: str) -> str:
        return f"\n## {self.escape(text)}\n\n"

    def entry(self, status: str, text: str) -> str:
        return f"- {SIGNS[status]} {text}\n"

    def sub(self, text: str) -> str:
        return f"\n  - {text}"

    def end(self, text: str) -> str:
        return f"\n{self.escape(text)}\n"

    def strong(self, text: str) -> str:
        return f"**{self.escape(text)}**"

    def escape(self, text: str) -> str:
        for mark in ("\\", "*", "_", "~", "`", "[", "]", "<", ">", "#"):
            text = text.replace(mark, "\\" + mark)
        return text.replace("\n", " ¶ ")

    def deleted(self, text: str, inline: bool = False) -> str:
        return f"~~{self.escape(text).strip()}~~" + (" " if text.endswith(" ") else "")

    def inserted(self, text: str, inline: bool = False) -> str:
        return f"**{self.escape(text).strip()}**" + (" " if text.endswith(" ") else "")


PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body{{font-family:"Times New Roman",Times,serif;font-size:14pt;max-width:60em;margin:2em auto;
padding:0 1em;line-height:1.45;color:#111}}
h1{{font-size:16pt}} h2{{font-size:14pt;margin-top:1.5em;border-bottom:1px solid #999}}
ul{{list-style:none;padding-left:0}} li{{margin:.4em 0}} li ul{{padding-left:2em}}
.sign{{display:inline-block;width:1.4em;font-weight:bold}}
.added .sign{{color:#1a7f37}} .removed .sign{{color:#cf222e}} .moved .sign{{color:#0969da}}
.changed .sign,.renumbered .sign{{color:#9a6700}}
del{{background:#ffebe9;color:#82071e}} ins{{background:#dafbe1;color:#116329;
text-decoration:none}}
.summary{{margin-top:2em;font-weight:bold}}
</style></head><body>
{body}</body></html>
"""


class _Html(_Writer):
    def render(self, diff: PlanDiff) -> str:
        body = "".join(self.lines(diff)).replace("</ul>\n<ul>", "")
        return PAGE.format(title=html.escape(f"So sánh {self.old_name} → {self.new_name}"),
                           body=body)

    def title(self, text: str) -> str:
        return f"<h1>{self.escape(text)}</h1>\n"

    def heading(self, text: str) -> str:
        return f"<h2>{self.escape(text)}</h2>\n"

    def entry(self, status: str, text: str) -> str:
        return (f'<ul>\n<li class="{status}"><span class="sign">{SIGNS[status]}</span>'
                f"{text}</li>\n</ul>\n")

    def sub(self, text: str) -> str:
        return f"<ul><li>{text}</li></ul>"

    def end(self, text: str) -> str:
        return f'<p class="summary">{self.escape(text)}</p>\n'

    def strong(self, text: str) -> str:
        return f"<strong>{self.escape(text)}</strong>"

    def escape(self, text: str) -> str:
        return html.escape(text).replace("\n", "<br>")

    def deleted(self, text: str, inline: bool = False) -> str:
        return f"<del>{self.escape(text)}</del>"

    def inserted(self, text: str, inline: bool = False) -> str:
        return f"<ins>{self.escape(text)}</ins>"


def _field_json(change: FieldChange) -> dict[str, Any]:
    def value(v: FieldValue | None) -> Any:
        return list(v) if isinstance(v, tuple) else v

    out: dict[str, Any] = {"field": change.name, "old": value(change.old),
                           "new": value(change.new)}
    if change.added or change.removed:
        out["added"] = list(change.added)
        out["removed"] = list(change.removed)
    if change.words:
        out["words"] = [{"op": op, "text": text} for op, text in change.words]
    return out


def to_json(diff: PlanDiff, old_name: str, new_name: str) -> str:
    """The documented JSON structure (README, "Cấu trúc JSON")."""
    document = {
        "format": "kehoach-diff", "version": JSON_VERSION, "old": old_name, "new": new_name,
        "identical": diff.empty(), "pairing_complete": not diff.unpaired,
        "summary": {**{s: 0 for s in STATUS_WORDS}, **diff.counts(),
                    "details": len(diff.details)},
        "details": [_field_json(c) for c in diff.details],
        "items": [{"status": c.status, "kind": c.kind, "key": c.key, "label": label(c),
                   "name": c.name, "old_number": c.old_number or None,
                   "new_number": c.new_number or None, "old_parent": c.old_parent or None,
                   "new_parent": c.new_parent or None,
                   "fields": [_field_json(f) for f in c.fields]} for c in diff.items],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FORMATS = ("text", "md", "html", "json")


def render_diff(diff: PlanDiff, fmt: str, old_name: str, new_name: str,
                colour: Callable[..., str] | None = None) -> str:
    """The diff in one of :data:`FORMATS`; ``colour`` (click.style) colours terminal text."""
    if fmt == "json":
        return to_json(diff, old_name, new_name)
    writers: dict[str, _Writer] = {
        "text": _Colour(old_name, new_name, colour) if colour else _Writer(old_name, new_name),
        "md": _Markdown(old_name, new_name), "html": _Html(old_name, new_name)}
    return writers[fmt].render(diff)

"""Tasks written as a numbered item followed by its labelled lines ("- Đơn vị chủ trì: …",
"- Đơn vị phối hợp: …", "- Thời gian hoàn thành: …", "- Sản phẩm: …"), the way kehoach
itself prints a section that lists tasks, and the common variants ("Cơ quan chủ trì",
"Đơn vị thực hiện", "Thời gian thực hiện", "Chủ trì: …; Phối hợp: …" on one line).

Such an item becomes a task (``nhiem_vu``) with a stable id, listed by its section at its
place, so that the rebuild numbers and prints it where it was; the labels and the marks at
the end of the lines become the plan's ``trinh_bay.nhiem_vu``. An item whose lines the
rebuild would print otherwise (a label used in two wordings, a line given twice, an item
with paragraphs or bullets of its own) keeps its words as text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from generator.ids import slugify
from generator.inline import escape
from generator.readers.blocks import Line
from generator.resolve.body import TASK_LABELS

LABELS: tuple[tuple[str, str], ...] = (
    ("phoi_hop", r"(?:(?:Đơn vị|Cơ quan)\s+)?phối hợp(?:\s+thực hiện)?"),
    ("chu_tri", r"(?:(?:Đơn vị|Cơ quan)\s+)?chủ trì(?:\s+thực hiện)?|(?:Đơn vị|Cơ quan)\s+"
                r"thực hiện"),
    ("thoi_gian", r"Thời (?:gian|hạn)(?:\s+(?:thực hiện|hoàn thành))?|Tiến độ(?:\s+thực hiện)?"),
    ("san_pham", r"Sản phẩm(?:\s+dự kiến)?|(?:Dự kiến\s+)?kết quả(?:\s+dự kiến)?"),
    ("ghi_chu", r"Ghi chú"),
)
"""What a line's label names, as clerks write it (the first letter in either case)."""
_ANY = "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in LABELS)
SEGMENT = re.compile(rf"(?:^|(?<=[;.,])\s+)(?:{_ANY})\s*:\s*", re.IGNORECASE)
SIGN = re.compile(r"^[-–+•]\s*")
MARKUP = re.compile(r"(?<!\\)(?:\*|\^\[)")


@dataclass(frozen=True)
class TaskLine:
    """One labelled line of a task: what it names, the label as written, the value without
    its final mark, and that mark ("." ";" or "")."""

    kind: str
    label: str
    value: str
    ending: str


def task_lines(line: Line) -> list[TaskLine]:
    """The labelled lines a paragraph holds ("Đơn vị chủ trì: Sở Nội vụ;" or, on one line,
    "Chủ trì: Sở Nội vụ; Phối hợp: Sở Tài chính."), none when it does not begin with a
    label or holds markup (bold, a footnote) the lines would not print."""
    text = SIGN.sub("", line.plain) if line.label in ("", "-", "+", "–", "•") else ""
    if not text or MARKUP.search(line.markup.replace("**", "")):
        return []  # italics or a footnote the lines would not print (a bold label is let go)
    found = list(SEGMENT.finditer(text))
    if not found or found[0].start() != 0:
        return []
    out = []
    for at, match in enumerate(found):
        end = found[at + 1].start() if at + 1 < len(found) else len(text)
        value = text[match.end():end].strip()
        kind = match.lastgroup or ""
        label = match.group(kind).strip()
        mark = value[-1] if value[-1:] in (".", ";", ",") else ""
        value = value.rstrip(".;,").strip()
        if not value:
            return []
        if kind in ("san_pham", "ghi_chu"):
            value = escape(value)
        out.append(TaskLine(kind, label[0].upper() + label[1:], value,
                            "." if mark == "." else ";" if mark else ""))
    return out if len({line.kind for line in out}) == len(out) else []


def _value(line: TaskLine) -> Any:
    """A line's value in the model: a time in words, units one by one (kehoach joins them
    with "; ", as the source did), the rest as written."""
    if line.kind == "thoi_gian":
        return {"mo_ta": line.value}
    if line.kind in ("chu_tri", "phoi_hop") and "; " in line.value:
        return [name.strip() for name in line.value.split(";") if name.strip()]
    return line.value


class TaskForm:
    """The labels and endings of the tasks read so far: the plan prints every task's
    lines one way (``trinh_bay.nhiem_vu``), so a task written another way stays text."""

    def __init__(self) -> None:
        self.labels: dict[str, str] = {}
        self.endings: Counter[str] = Counter()
        self.finals: Counter[str] = Counter()
        self.ids: set[str] = set()
        self.last: dict[str, int] = {}
        self.tasks: list[dict[str, Any]] = []

    def fits(self, lines: list[TaskLine]) -> bool:
        """Each label as the plan already writes it, no line given twice."""
        kinds = [line.kind for line in lines]
        return len(set(kinds)) == len(kinds) and all(
            self.labels.get(line.kind, line.label) == line.label for line in lines)

    def take(self, content: str, lines: list[TaskLine]) -> str:
        """The task of an item and its lines, kept; its id."""
        task: dict[str, Any] = {"id": self._id(content), "noi_dung": content}
        for line in lines:
            self.labels.setdefault(line.kind, line.label)
            task[line.kind] = _value(line)
        self.endings.update(line.ending for line in lines[:-1])
        self.finals[lines[-1].ending] += 1
        self.tasks.append(task)
        return str(task["id"])

    def _id(self, content: str) -> str:
        base = f"nv-{slugify(content)}"
        name, n = base, self.last.get(base, 1)
        while name in self.ids:  # the last number tried is kept: linear, however many
            n += 1
            name = f"{base}-{n}"
        self.last[base] = n
        self.ids.add(name)
        return name

    def style(self) -> dict[str, Any]:
        """``trinh_bay.nhiem_vu``: the labels that differ from kehoach's, the endings."""
        out: dict[str, Any] = {}
        labels = {k: v for k, v in self.labels.items() if TASK_LABELS[k] != v}
        if labels:
            out["nhan"] = labels
        ending = (self.endings or self.finals).most_common(1)[0][0]
        final = self.finals.most_common(1)[0][0]
        if ending != ".":
            out["ket_thuc"] = ending
        if final != ("." if ending == ";" else ending):
            out["ket_thuc_cuoi"] = final
        return out

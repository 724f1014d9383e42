"""What a reviewer sends a draft back for: a task short of what the others have, and a unit
given work that the plan is not sent to.

Both are warnings (the plan builds; ``--strict`` makes them errors), each at the task:

- a task without a lead unit, a deadline or a product, where most of the plan's other
  tasks have one: the missing line is an oversight more often than a choice;
- a unit that leads or cooperates on a task but is in no line of Nơi nhận: it will not
  receive the plan that gives it the work. A line may cover a unit by name ("Công an xã"),
  as a group ("Các phòng, ban chuyên môn" covers "Phòng Tư pháp"; "UBND các xã, phường"
  covers "UBND xã, phường"), or by the drafting unit's abbreviation in "Lưu: VT, VP".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.check.core import Context, Finding, warning
from generator.errors import FieldPath
from generator.model import Plan, Task
from generator.names import unit_key

TASK_PARTS = (("chu_tri", "đơn vị chủ trì"), ("thoi_gian", "thời gian hoàn thành"),
              ("san_pham", "sản phẩm"))
"""What a task is expected to say when most tasks of the plan say it."""


def _has(task: Task, part: str) -> bool:
    return bool({"chu_tri": task.lead, "thoi_gian": task.due, "san_pham": task.product}[part])


def tasks_have_what_the_others_have(ctx: Context) -> Iterator[Finding]:
    """A task lacks a lead unit, a deadline or a product that most other tasks have."""
    tasks = list(ctx.tasks())
    for part, words in TASK_PARTS:
        having = sum(_has(task, part) for task, _ in tasks)
        for task, path in tasks:
            others = len(tasks) - 1
            if _has(task, part) or having * 2 <= others:
                continue
            yield warning(path, f"Nhiệm vụ chưa có {words} ('{part}'), trong khi {having}/"
                          f"{others} nhiệm vụ khác của kế hoạch có.",
                          f"Thêm '{part}: …' cho nhiệm vụ này; người duyệt thường trả lại dự "
                          "thảo vì thiếu điều này.")


_SYNONYMS = (("ủy ban nhân dân", "ubnd"), ("uỷ ban nhân dân", "ubnd"),
             ("hội đồng nhân dân", "hđnd"), ("thành phố", "tp"), ("ủy ban mặt trận tổ quốc",
                                                                     "mặt trận"),
             ("ubmt tổ quốc", "mặt trận"), ("ub mttqvn", "mặt trận"), ("ubmttq", "mặt trận"),
             ("mttqvn", "mặt trận"), ("mttq", "mặt trận"), ("mặt trận tổ quốc", "mặt trận"))
"""Ways one body is written, folded to one (after :func:`~generator.names.unit_key`)."""
COLLECTIVE = ("các", "toàn thể", "những", "tất cả")
"""Words that make a recipient line a group of units."""
ANY_UNIT = ("đơn vị", "cơ quan", "ngành")
"""Words by which a group line covers every office of the issuing body."""
_CONNECTORS = {"và", "các", "của", "thuộc", "-", "–"}


def _folded(name: str) -> str:
    """A name compared: case and tone place folded, what is in brackets ("(b/c)") dropped,
    the usual abbreviations made one."""
    text = unit_key(re.sub(r"\([^)]*\)", " ", name))
    for long, short in _SYNONYMS:
        text = text.replace(long, short)
    return " ".join(text.replace("-", " - ").split())


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def _head(unit: str) -> list[str]:
    """The words that say what kind of unit it is: "phòng", "ubnd xã", "công an"."""
    words = [w for w in re.findall(r"\w+", unit) if w not in COLLECTIVE]
    if not words:
        return []
    if words[0] in {"ubnd", "hđnd", "công", "văn", "trung", "bộ"} and len(words) > 1:
        return words[:2]
    return words[:1]


def _initials(name: str) -> str:
    """"Văn phòng HĐND - UBND" → "VPH": to meet the abbreviations of "Lưu: VT, VP"."""
    return "".join(w[0] for w in name.split() if w.casefold() not in _CONNECTORS).upper()


@dataclass(frozen=True)
class _Recipients:
    lines: tuple[str, ...]
    archive: tuple[str, ...]
    own: frozenset[str]

    @classmethod
    def of(cls, plan: Plan) -> _Recipients:
        archive = tuple(t.strip().upper() for t in plan.recipients.archive.split(",")
                        if len(t.strip()) >= 2 and t.strip().upper() != "VT")
        own = {_folded(plan.issuer.full_name), _folded(plan.signer.name)}
        return cls(tuple(_folded(line) for line in plan.recipients.names), archive,
                   frozenset(own))

    def cover(self, unit: str) -> bool:
        """Whether some line of Nơi nhận (or the Lưu line) reaches ``unit``."""
        name = _folded(unit)
        if name in self.own or any(_initials(unit).startswith(t) for t in self.archive):
            return True
        return any(self._line_covers(line, name) for line in self.lines)

    @staticmethod
    def _line_covers(line: str, name: str) -> bool:
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", line):
            return True
        words = _words(line)
        if not words & set(COLLECTIVE) and not line.startswith(COLLECTIVE):
            return False
        head = _head(name)
        if head and all(w in words for w in head):
            return True
        return head[:1] != ["ubnd"] and any(
            re.search(rf"(?<!\w){word}(?!\w)", line) for word in ANY_UNIT)


def units_of_tasks_receive_the_plan(ctx: Context) -> Iterator[Finding]:
    """A unit that leads or cooperates on a task is in a line of Nơi nhận (said once, at
    the first task that names it)."""
    recipients = _Recipients.of(ctx.plan)
    first: dict[str, tuple[FieldPath, str]] = {}
    count: dict[str, int] = {}
    for task, path in ctx.tasks():
        for part, role, names in (("chu_tri", "chủ trì", task.lead),
                                  ("phoi_hop", "phối hợp", task.partners)):
            for n, unit in enumerate(names):
                key = unit_key(unit)
                count[key] = count.get(key, 0) + 1
                if key not in first and not recipients.cover(unit):
                    at = (*path, part) + ((n,) if len(names) > 1 else ())
                    first[key] = (at, f"'{unit}' {role} nhiệm vụ này")
    for key, (path, said) in first.items():
        more = f" (và {count[key] - 1} nhiệm vụ khác)" if count[key] > 1 else ""
        yield warning(path, f"{said}{more} nhưng không có trong Nơi nhận, kể cả trong một dòng "
                      "chung như 'Các phòng, ban chuyên môn': đơn vị sẽ không nhận được kế "
                      "hoạch giao việc cho mình.",
                      "Thêm đơn vị (hoặc dòng chung gồm đơn vị này) vào 'noi_nhan.danh_sach'.")

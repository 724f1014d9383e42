"""KPI sentences as KPIs (``chi_tieu``) with their targets, and the sentence written back
with references (``{muc_tieu:ID}``, ``{chi_tieu:ID}``) so that the figure and the name are
written once. A sentence is read clause by clause (clauses apart at "; "), each in one of
two shapes:

- a share first: "100% văn bản quy phạm pháp luật được cập nhật …", "Trên 90% hồ sơ …",
  "Tối thiểu 50% người dân …" → ``{muc_tieu:ID} {chi_tieu:ID}``;
- a KPI that reaches its figures: "Tỷ lệ hồ sơ trực tuyến đạt tối thiểu 60% tại cấp tỉnh,
  40% tại cấp huyện và 20% tại cấp xã." → ``{chi_tieu:ID} đạt tối thiểu {muc_tieu:ID;
  cap=tinh} tại cấp tỉnh, …``, a target for each level; what follows the figures stays as
  written. A bare "đạt 75,8%" is not taken: it may say what was reached (last year's
  result), which no reference prints.

Only what kehoach prints back the same is taken: a figure it shows alike (no zero after the
comma), a comparison it prints in words ("trên", "dưới", "tối đa", "phấn đấu"; "tối thiểu",
"ít nhất", which kehoach does not print before a floor, stay words of the sentence), a
capital where kehoach would put one (a reference that opens a sentence is capitalised), and
a name with no markup. Any other clause keeps its words.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from generator.ids import slugify
from generator.reference import load_reference

FIGURE = r"(?P<figure>\d{1,3}(?:,\d?[1-9])?)%"
"""A share as kehoach prints it: no zero after the comma (99,70% is printed 99,7%)."""
PRINTED = r"trên|dưới|tối đa|phấn đấu"
"""Comparisons kehoach prints before a figure (``trinh_bay.so_sanh: tu_dong``)."""
FLOOR = r"tối thiểu|ít nhất"
"""Words of a floor, which kehoach does not print: they stay words of the sentence."""
NAME = r"[^\W\d][^.;:*{}\\^\[\]]*?"

SHARE_FIRST = re.compile(
    rf"^(?P<floor>(?:{FLOOR}) )?(?P<op>(?:{PRINTED}) )?{FIGURE}\s+(?P<name>{NAME})"
    r"(?P<end>[.;]?)$", re.IGNORECASE)
"""A clause whose subject is a share: a floor's words or a comparison, the figure, the
KPI's name."""
REACHES = re.compile(r"^(?P<name>[^\W\d][^%*{}\\^\[\];:]*?) đạt ")
"""A clause "<KPI> đạt <figures>": the KPI's name before the first "đạt" and a figure."""
ITEM = re.compile(rf"(?P<floor>(?:{FLOOR}) )?(?P<op>(?:{PRINTED}) )?{FIGURE}"
                  r"(?P<scope> (?:tại |ở |đối với |với )?cấp (?P<level>[^\W\d]+))?")
"""One figure of a list, with the level it binds ("tại cấp tỉnh")."""
JOIN = re.compile(r", và |, | và ")


class Kpis:
    """The KPIs read from sentences, in reading order, with ids unique among them."""

    def __init__(self, ids: dict[str, int]) -> None:
        self.found: list[dict[str, Any]] = []
        self.ids = ids
        """How many KPIs took each id, shared with the KPI tables' (:func:`kpi_id`)."""

    def sentence(self, markup: str) -> str | None:
        """``markup`` with its KPIs as references, the KPIs kept; None when it has none."""
        pieces = re.split(r"(; )", markup.strip())
        read = False
        for at in range(0, len(pieces), 2):
            found = self.clause(pieces[at], first=at == 0)
            if found is not None:
                pieces[at], read = found, True
        return "".join(pieces) if read else None

    def clause(self, text: str, *, first: bool) -> str | None:
        """A clause with its KPI as references; None when it holds none. ``first``: it opens
        the sentence, where kehoach capitalises a reference."""
        found = SHARE_FIRST.match(text)
        if found is not None and not (found["floor"] and found["op"]):
            floor = found["floor"] or ""
            if not _cased(floor or found["op"] or "", first):
                return None
            kpi = self._kpi(found["name"], [_target(found["op"], found["figure"])])
            return f"{floor}{{muc_tieu:{kpi}}} {{chi_tieu:{kpi}}}{found['end']}"
        reaches = REACHES.match(text)
        if reaches is None or not _cased(reaches["name"], first) or \
                len(reaches["name"].split()) < 2:
            return None
        return self._reaches(reaches["name"], text[reaches.end():])

    def _reaches(self, name: str, after: str) -> str | None:
        """"<name> đạt" and the figures in ``after``, each with its level or all for one."""
        items: list[tuple[re.Match[str], str]] = []
        at, joiner = 0, ""
        while True:
            item = ITEM.match(after, at)
            if item is None:
                break
            if item["scope"] and _level(item["level"]) is None:
                return None  # "cấp cơ sở": a level kehoach does not know
            items.append((item, joiner))
            at = item.end()
            joined = JOIN.match(after, at)
            if joined is None or ITEM.match(after, joined.end()) is None:
                break
            joiner, at = joined.group(), joined.end()
        levels = [_level(item["level"]) for item, _ in items if item["scope"]]
        if not items or (len(items) > 1 and (len(levels) < len(items) or
                                             len(set(levels)) < len(levels))):
            return None
        if not (levels or items[0][0]["floor"] or items[0][0]["op"]):
            return None  # "đạt 75,8%" may say what was reached: a result, not a target
        targets = []
        for item, _ in items:
            target = _target(item["op"], item["figure"])
            if item["scope"]:
                target["cap"] = _level(item["level"])
            targets.append(target)
        kpi = self._kpi(name, targets)
        text = f"{{chi_tieu:{kpi}}} đạt "
        for item, joiner in items:
            scope = f"; cap={_level(item['level'])}" if item["scope"] else ""
            text += f"{joiner}{item['floor'] or ''}{{muc_tieu:{kpi}{scope}}}{item['scope'] or ''}"
        return text + after[items[-1][0].end():]

    def _kpi(self, name: str, targets: list[dict[str, Any]]) -> str:
        """Keep a KPI of ``name`` with ``targets``; its id."""
        kpi = kpi_id(self.ids, name)
        self.found.append({"id": kpi, "ten": name.strip(), "muc_tieu": targets})
        return kpi


def _cased(words: str, first: bool) -> bool:
    """Whether ``words`` begin as kehoach prints a reference there: with a capital when it
    opens the sentence (nothing to say when they begin with no letter)."""
    return not words or not words[0].isalpha() or words[0].isupper() == first


def _target(op: str | None, figure: str) -> dict[str, Any]:
    """A target as the model reads it: the figure, after its comparison in words."""
    word = (op or "").strip().lower()
    return {"gia_tri": f"{word} {figure}%" if word else number(figure)}


@cache
def _levels() -> dict[str, str]:
    """"tỉnh" → ``tinh``: the first word of each level's name in the reference data."""
    return {level.name.split(",")[0].lower(): key
            for key, level in load_reference().levels.items()}


def _level(word: str | None) -> str | None:
    """The level a "cấp …" names, or None when no level of the reference data has it."""
    return _levels().get((word or "").lower())


def kpi_id(ids: dict[str, int], name: str) -> str:
    """An id for the KPI ``name``, unique among those ``ids`` has counted."""
    base = f"ct-{slugify(name)}"
    count = ids.get(base, 0) + 1
    ids[base] = count
    return base if count == 1 else f"{base}-{count}"


def number(figure: str) -> int | str:
    """100 as 100, "95,5" as written (the model reads the Vietnamese decimal comma)."""
    return int(figure) if figure.isdigit() else figure

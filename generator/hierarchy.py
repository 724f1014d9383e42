"""Who a parent plan's lines are about: a lower-level unit, its level, and its area.

A district plan assigns a task to "UBND các xã, thị trấn" or to "UBND xã Ia Ake"; a province
plan sets a target for "cap: xa" or for a unit by name. To hand a commune its share, kehoach
must tell whether a line concerns that commune, and rewrite the parent's words for it
("trên địa bàn huyện" → "trên địa bàn xã"). The rules are plain and listed here:

- a unit is concerned by a line that names it (case, spacing and composition aside);
- a level is concerned by a line that names it collectively: "các xã", "cấp xã", or the
  level word ending a name in a list ("UBND xã, thị trấn"); never "UBND xã Ia Sol" (another
  commune), "Phòng Lao động - Thương binh và Xã hội" (a word), nor "Sở Nội vụ";
- the level words come from the level's own name in the reference data
  ("Xã, phường, thị trấn, đặc khu");
- a level that no longer exists hands its work to its successor (``cap_ke_nhiem``): a
  commune planning after 1 July 2025 also takes what an older province plan gave to
  "UBND các huyện, thành phố" — but not what a district plan gives its own offices ("Phòng
  Tư pháp huyện"): in a plan of that level, its words name the plan's own side.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.model import Issuer
from generator.names import unit_key
from generator.reference import Reference

COLLECTIVE = ("các", "cấp", "mọi", "tất cả", "những")
"""Words before a level word that make it mean every unit of the level."""
_LIST_PUNCTUATION = ",;.)/–-"
"""What may follow a level word that names the level, not one unit ("UBND xã, thị trấn")."""
_FULL_NAME_PREFIXES = ("ủy ban nhân dân ", "uỷ ban nhân dân ", "ubnd ")


def area_of(full_name: str) -> str:
    """The area a body governs: "Ủy ban nhân dân huyện Phú Thiện" → "huyện Phú Thiện"."""
    folded = full_name.casefold()
    for prefix in _FULL_NAME_PREFIXES:
        if folded.startswith(prefix):
            return full_name[len(prefix):]
    return full_name


def level_words(level: str, reference: Reference) -> tuple[str, ...]:
    """How a level is named in text: "xa" → ("xã", "phường", "thị trấn", "đặc khu")."""
    found = reference.levels.get(level)
    if found is None:
        return ()
    return tuple(word.strip().casefold() for word in found.name.split(",") if word.strip())


def inherited_words(level: str, reference: Reference, on: dt.date | None,
                    under: str | None = None) -> tuple[str, ...]:
    """The words of the levels whose work ``level`` took over by ``on`` (none if unknown).

    ``under``: the level of the parent plan. A level the parent belongs to — its own, or one
    above it — names the parent's side in its plan ("Phòng Tư pháp huyện", "Văn phòng HĐND
    và UBND huyện" in a district plan), never the child's: its words are not taken over.
    """
    if on is None:
        return ()
    theirs = parent_levels(under, reference)
    return tuple(word for key, found in reference.levels.items()
                 if found.successor == level and found.abolished_from is not None
                 and found.abolished_from <= on and key not in theirs
                 for word in level_words(key, reference))


def parent_levels(level: str | None, reference: Reference) -> set[str]:
    """A level and every level above it (``cap_tren``), as the reference data chains them."""
    out: set[str] = set()
    while level is not None and level not in out:
        out.add(level)
        found = reference.levels.get(level)
        level = found.parent if found else None
    return out


def without_level_word(name: str, words: tuple[str, ...]) -> str:
    """"Xã Ia Ake" → "Ia Ake"; a name that does not start with a level word stays."""
    folded = name.casefold()
    for word in sorted(words, key=len, reverse=True):
        if folded.startswith(word + " "):
            return name[len(word) + 1:]
    return name


@dataclass(frozen=True)
class Unit:
    """A lower-level unit as its parent plan knows it."""

    name: str
    """Its name in the parent's lines and tables: "Xã Ia Ake"."""
    level: str
    """Its level key: "xa"."""
    full_name: str
    """How it names itself: "Ủy ban nhân dân xã Ia Ake"."""
    words: tuple[str, ...] = ()
    """The words of its level (:func:`level_words`)."""

    @property
    def area(self) -> str:
        """"xã Ia Ake"."""
        return area_of(self.full_name)

    @property
    def bare_name(self) -> str:
        """The name without its level word: "Xã Ia Ake" → "Ia Ake"."""
        return without_level_word(self.name, self.words)

    @property
    def short_name(self) -> str:
        """"UBND xã Ia Ake": how a task names the body that carries it out."""
        return f"UBND {self.area}" if self.area != self.full_name else self.full_name


def unit_of(issuer: Issuer, reference: Reference, on: dt.date | None = None,
            under: str | None = None) -> Unit:
    """The unit a plan's issuer is, as its parent's lines name it ("Xã Ia Ake").

    ``on``: the date of the plan, for the work of abolished levels it now carries (unless
    the parent, of level ``under``, is of such a level itself: :func:`inherited_words`).
    """
    area = area_of(issuer.full_name)
    name = area[:1].upper() + area[1:]
    words = level_words(issuer.level, reference)
    extra = tuple(w for w in inherited_words(issuer.level, reference, on, under)
                  if w not in words)
    return Unit(name, issuer.level, issuer.full_name, words + extra)


def _mentions(key: str, name: str) -> bool:
    """Whether a folded text names a folded name as a whole ("phường 1" is not in
    "phường 10")."""
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", key) is not None


def _listed(rest: str) -> list[str]:
    """The names of a list after a level word: "Ia Sol, Ia Peng và Chư A Thai; …"."""
    head = re.split(r"[;:()]", rest, maxsplit=1)[0]
    return [unit_key(part) for part in re.split(r",| và ", head) if part.strip()]


def _collective(text: str, word: str, unit: Unit) -> bool:
    """Whether ``text`` names every unit of a level by ``word``, or lists ``unit`` by name
    after it ("UBND các xã Ia Sol, Ia Ake")."""
    for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text.casefold()):
        before = text[:match.start()].casefold().rstrip()
        after = text[match.end():].lstrip()
        named = bool(after) and (after[0].isupper() or after[0].isdigit())
        if before.endswith(COLLECTIVE) and named:
            if unit_key(unit.bare_name) in _listed(after):
                return True
        elif before.endswith(COLLECTIVE) or not after or after[0] in _LIST_PUNCTUATION:
            return True
    return False


def concerns(text: str, unit: Unit) -> bool:
    """Whether a line of the parent (a unit in a task, say) is about ``unit``."""
    key = unit_key(text)
    if _mentions(key, unit_key(unit.name)) or _mentions(key, unit_key(unit.area)):
        return True
    return any(_collective(text, word, unit) for word in unit.words)


def concerns_any(texts: Iterable[str], unit: Unit) -> bool:
    """Whether any of the lines is about ``unit``."""
    return any(concerns(text, unit) for text in texts)


def localised(text: str, parent: Unit, child: Unit) -> str:
    """The parent's area made the child's where the text names it as an area.

    "trên địa bàn huyện Phú Thiện" and "trên địa bàn huyện" become "… xã Ia Ake" and "… xã";
    "toàn huyện" becomes "toàn xã". Other mentions of the parent ("báo cáo UBND huyện")
    stay: in the child's plan they still mean the parent. The child's name is put in as
    written: a backslash in it is a backslash, never a group of the pattern.
    """
    out = text
    if parent.area and child.area:
        out = re.sub(rf"(?<!\w)địa bàn {re.escape(parent.area)}(?!\w)",
                     literally(f"địa bàn {child.area}"), out)
    if parent.words and child.words:
        mine, theirs = parent.words[0], child.words[0]
        for lead in ("địa bàn", "toàn"):
            out = re.sub(rf"(?<!\w){lead} {re.escape(mine)}(?!\w)(?! [A-ZĐ])",
                         literally(f"{lead} {theirs}"), out)
    return out


def literally(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement for :func:`re.sub` that puts ``text`` in as it is: a string replacement
    would read ``\\1`` or ``\\g<0>`` in a unit's name as groups of the pattern."""
    return lambda _: text

"""Two plans compared item by item: matched by key, then by likeness, never by position.

Matching rule (the README states it for reviewers):

1. Items of the same kind with the same key are the same item. A key is the item's id:
   written by the clerk, or derived from its own words (:mod:`generator.ids`), so inserting
   or removing an item renames nothing else. Targets are keyed by KPI, scope and milestone.
2. Items left over on both sides are paired when their words are alike (similarity of at
   least :data:`~generator.diff.likeness.ALIKE`, best pairs first, found in near-linear time
   by :mod:`.likeness`): a section whose title was reworded, so its
   derived id changed, is one changed section, not a removal and an addition.
3. What is left is added or removed.

A matched item that changed container, or whose order among the items it kept company
with changed, is *moved*; one whose number changed only because items before it came or
went is *renumbered* (listed apart, as reviewers expect "mục 2.3 → 2.4" from an insertion).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from generator.diff.items import FieldValue, Item, PlanItems
from generator.diff.likeness import pair_alike
from generator.diff.words import Piece, add_piece, nfc, word_diff

WORDY = 8
"""Texts longer than this many words are shown word by word, not old → new whole."""

Status = Literal["added", "removed", "changed", "moved", "renumbered"]


@dataclass(frozen=True)
class FieldChange:
    """One field of an item, before and after.

    ``words`` is set for long texts (the kept, removed and added words); ``added`` and
    ``removed`` for lists of names, compared as sets.
    """

    name: str
    old: FieldValue | None
    new: FieldValue | None
    words: tuple[Piece, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemChange:
    """What happened to one item: its status, where it was and is, and its field changes."""

    status: Status
    kind: str
    key: str
    name: str
    old_number: str = ""
    new_number: str = ""
    old_parent: str = ""
    new_parent: str = ""
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class PlanDiff:
    """Every difference between two plans: document details, then items in NEW's order."""

    details: tuple[FieldChange, ...]
    items: tuple[ItemChange, ...]
    renamed: tuple[tuple[str, str, str], ...] = ()
    """(kind, OLD key, NEW key) of each item paired by likeness: the same item under another
    key (a task reworded without an id). The redline lines up its paragraphs by them."""
    unpaired: tuple[str, ...] = ()
    """Kinds of item whose pairing by likeness was cut short (too many alike items: see
    :mod:`.likeness`): some of their additions and removals may be edits. Said in the
    output."""

    def empty(self) -> bool:
        """Whether the two plans say the same (``--exit-code`` exits 0)."""
        return not self.details and not self.items

    def counts(self) -> dict[str, int]:
        """How many items of each status (the summary line)."""
        out: dict[str, int] = defaultdict(int)
        for change in self.items:
            out[change.status] += 1
        return dict(out)


def _same(a: FieldValue | None, b: FieldValue | None) -> bool:
    """Equal as printed: names in the same order, texts line by line (spaces aside)."""
    if isinstance(a, tuple) or isinstance(b, tuple):
        return _names(a) == _names(b)
    return _printed(a) == _printed(b)


def _printed(text: str | None) -> list[str]:
    return [nfc(" ".join(line.split())) for line in (text or "").split("\n")]


def _names(value: FieldValue | None) -> list[str]:
    names = value if isinstance(value, tuple) else ((value,) if value else ())
    return ["\n".join(_printed(n)).casefold() for n in names]


def _name_set(value: FieldValue | None) -> list[str]:
    return sorted(_names(value))


def field_changes(old: Sequence[tuple[str, FieldValue]],
                  new: Sequence[tuple[str, FieldValue]]) -> tuple[FieldChange, ...]:
    """The fields that differ, in the order of NEW (then those only OLD has)."""
    before, after = dict(old), dict(new)
    names = [*after, *(n for n in before if n not in after)]
    out = []
    for name in names:
        a, b = before.get(name), after.get(name)
        if _same(a, b):
            continue
        out.append(_field_change(name, a, b))
    return tuple(out)


def _field_change(name: str, a: FieldValue | None, b: FieldValue | None) -> FieldChange:
    if isinstance(a, tuple) or isinstance(b, tuple):
        olds = a if isinstance(a, tuple) else ((a,) if a else ())
        news = b if isinstance(b, tuple) else ((b,) if b else ())
        old_keys = {k for k in _name_set(olds)}
        new_keys = {k for k in _name_set(news)}
        return FieldChange(name, olds, news,
                           added=tuple(n for n in news if _name_set((n,))[0] not in old_keys),
                           removed=tuple(n for n in olds
                                         if _name_set((n,))[0] not in new_keys))
    if a and b and max(len(a.split()), len(b.split())) > WORDY:
        return FieldChange(name, a, b, words=lines_diff(a, b))
    return FieldChange(name, a, b)


def lines_diff(old: str, new: str) -> tuple[Piece, ...]:
    """Word by word within the lines that changed; lines matched first, so a long text
    rewritten throughout costs what its lines cost, not the square of its words."""
    a, b = old.split("\n"), new.split("\n")
    matcher = SequenceMatcher(None, [_printed(x)[0] for x in a], [_printed(x)[0] for x in b],
                              autojunk=False)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        gone, came = a[i1:i2], b[j1:j2]
        if tag == "equal":
            pieces.append(("=", "\n".join(came)))
        elif len(gone) == len(came):
            for k, (x, y) in enumerate(zip(gone, came, strict=True)):
                pieces += [("=", "\n")] if k else []
                pieces += word_diff(x, y)
        else:
            pieces += [("-", "\n".join(gone))] if gone else []
            pieces += [("+", "\n".join(came))] if came else []
        pieces.append(("=", "\n"))
    return _joined(pieces[:-1])


def _joined(pieces: list[Piece]) -> tuple[Piece, ...]:
    out: list[Piece] = []
    for op, text in pieces:
        add_piece(out, op, text)
    return tuple(out)


def _item_text(item: Item) -> str:
    return " ".join(v if isinstance(v, str) else " ".join(v) for _, v in item.fields) \
        or item.name


def _pairs(old: Sequence[Item], new: Sequence[Item]) -> tuple[dict[int, int], tuple[str, ...]]:
    """NEW index → OLD index of the same item: by kind and key, then by likeness; and the
    kinds whose pairing by likeness was cut short (:mod:`.likeness`)."""
    by_key = {(item.kind, item.key): i for i, item in enumerate(old)}
    pairs: dict[int, int] = {}
    for j, item in enumerate(new):
        i = by_key.get((item.kind, item.key))
        if i is not None:
            pairs[j] = i
    taken = set(pairs.values())
    left_old = defaultdict(list)
    for i, item in enumerate(old):
        if i not in taken and item.kind != "target":
            left_old[item.kind].append(i)
    cut = []
    for kind, olds in left_old.items():
        news = [j for j, item in enumerate(new) if j not in pairs and item.kind == kind]
        if not news:
            continue
        found = pair_alike([_item_text(old[i]) for i in olds],
                           [_item_text(new[j]) for j in news])
        pairs.update({news[j]: olds[i] for j, i in found.pairs.items()})
        if not found.complete:
            cut.append(kind)
    return pairs, tuple(cut)


def _moved(old: Sequence[Item], new: Sequence[Item], pairs: dict[int, int]) -> set[int]:
    """NEW indices of matched items whose order among their matched siblings changed.

    Of the orders that explain a change, the one that moves the least content is chosen:
    a short section moved below a long one is "moved", not the long one moved above it.
    """
    by_parent: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j in sorted(pairs):
        if old[pairs[j]].parent == new[j].parent:
            by_parent[(new[j].kind, new[j].parent)].append(j)
    sizes = _subtree_sizes(new)
    out: set[int] = set()
    for siblings in by_parent.values():
        positions = [pairs[j] for j in siblings]
        if positions == sorted(positions):
            continue
        kept = _heaviest_in_order(siblings, positions, sizes)
        out.update(j for j in siblings if j not in kept)
    return out


def _subtree_sizes(items: Sequence[Item]) -> list[int]:
    """How many items each item holds, itself included (children follow their parent)."""
    sizes = [1] * len(items)
    open_at: dict[str, int] = {}
    for j, item in enumerate(items):
        open_at.setdefault(item.key, j)
    for j in range(len(items) - 1, -1, -1):
        parent = open_at.get(items[j].parent) if items[j].parent else None
        if parent is not None and parent < j:
            sizes[parent] += sizes[j]
    return sizes


MAX_WEIGHTED = 2000
"""Beyond this many reordered siblings, the plain longest common order is used."""


def _heaviest_in_order(siblings: list[int], positions: list[int],
                       sizes: list[int]) -> set[int]:
    """The siblings kept in place: the heaviest subsequence whose OLD order is NEW's."""
    n = len(siblings)
    if n > MAX_WEIGHTED:
        order_old = [j for _, j in sorted(zip(positions, siblings, strict=True))]
        matcher = SequenceMatcher(None, order_old, siblings, autojunk=False)
        return {j for block in matcher.get_matching_blocks()
                for j in siblings[block.b:block.b + block.size]}
    best = [sizes[j] for j in siblings]
    back = [-1] * n
    for b in range(n):
        for a in range(b):
            if positions[a] < positions[b] and best[a] + sizes[siblings[b]] > best[b]:
                best[b] = best[a] + sizes[siblings[b]]
                back[b] = a
    end = max(range(n), key=lambda k: best[k])
    kept: set[int] = set()
    while end != -1:
        kept.add(siblings[end])
        end = back[end]
    return kept


def compare(old: PlanItems, new: PlanItems) -> PlanDiff:
    """Every difference between two plans, in the order a reviewer reads NEW."""
    pairs, unpaired = _pairs(old.items, new.items)
    moved = _moved(old.items, new.items, pairs)
    changes: list[ItemChange] = []
    matched_old = set(pairs.values())
    removed = [i for i in range(len(old.items)) if i not in matched_old]
    for j, item in enumerate(new.items):
        if j not in pairs:
            changes.append(ItemChange("added", item.kind, item.key, item.name,
                                      new_number=item.number, new_parent=item.parent,
                                      fields=field_changes((), item.fields)))
            continue
        was = old.items[pairs[j]]
        change = _matched(was, item, j in moved)
        if change:
            changes.append(change)
    for i in removed:
        item = old.items[i]
        changes.append(ItemChange("removed", item.kind, item.key, item.name,
                                  old_number=item.number, old_parent=item.parent,
                                  fields=field_changes(item.fields, ())))
    renamed = tuple((item.kind, old.items[pairs[j]].key, item.key)
                    for j, item in enumerate(new.items)
                    if j in pairs and old.items[pairs[j]].key != item.key)
    return PlanDiff(field_changes(old.details, new.details), tuple(_outermost(changes)),
                    renamed, unpaired)


def _outermost(changes: list[ItemChange]) -> list[ItemChange]:
    """An item added or removed with what holds it is not listed again (a dropped appendix
    takes its tables and rows with it)."""
    gone: set[str] = set()
    came: set[str] = set()
    out = []
    for change in changes:
        if change.status == "removed":
            gone.add(change.key)
            if change.old_parent in gone:
                continue
        elif change.status == "added":
            came.add(change.key)
            if change.new_parent in came:
                continue
        out.append(change)
    return out


def _matched(was: Item, item: Item, moved: bool) -> ItemChange | None:
    fields = field_changes(was.fields, item.fields)
    relocated = moved or was.parent != item.parent
    status: Status
    if relocated:
        status = "moved"
    elif fields:
        status = "changed"
    elif was.number != item.number:
        status = "renumbered"
    else:
        return None
    return ItemChange(status, item.kind, item.key, item.name, was.number, item.number,
                      was.parent, item.parent, fields)


def statuses(changes: Iterable[ItemChange]) -> list[Status]:
    """The statuses present, in a fixed order (for summaries)."""
    present = {c.status for c in changes}
    order: list[Status] = ["added", "removed", "moved", "changed", "renumbered"]
    return [s for s in order if s in present]

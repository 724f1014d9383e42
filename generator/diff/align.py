"""Two resolved plans lined up block by block and row by row: the redline's steps.

The diff (:mod:`.compare`) says which plan items changed; the redline must also say where
each printed paragraph and table row of OLD went in NEW. Blocks are lined up by the plan
item each prints (:attr:`~generator.resolve.layout.Para.key`: a section, a task, a basis…),
then, where the keys differ, by their words, paired at the diff's own likeness
(:data:`~generator.diff.likeness.ALIKE`), so that the redline and the text diff never pair
the same text differently. Items the diff paired under another key (a task reworded without
an id) are renamed first (:func:`rekeyed`), so they line up as one. Nothing here writes XML:
:mod:`generator.render.redline` writes the steps as Word tracked changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Any, Literal, Protocol

from generator.diff.compare import PlanDiff
from generator.diff.likeness import ALIKE
from generator.diff.words import nfc, similarity
from generator.inline import Inline, Span
from generator.resolve.layout import (
    AppendixLayout,
    LayoutBlock,
    Para,
    ResolvedPlan,
    TableLayout,
    TableRow,
)


class MoveNames(Protocol):
    """What names a move: the redline's revisions, counting moves across the document."""

    def move_name(self) -> str:
        """The name tying one more move source to its destination."""
        ...


LOOK_AHEAD = 8
"""How far past an edited stretch's start an old paragraph is looked for: the pairing stays
linear in a long rewritten section (a paragraph further away is deleted and inserted)."""


Kind = Literal["same", "changed", "deleted", "inserted", "from", "to"]


@dataclass(frozen=True)
class Step:
    """One block of the redline: what it was, what it is, and how it changed."""

    kind: Kind
    old: Any = None
    new: Any = None
    move: str = ""
    """The name tying a ``from`` to its ``to``."""


def _plain(inlines: Sequence[Inline]) -> str:
    return "".join(i.text if isinstance(i, Span) else "" for i in inlines)


def _block_key(block: LayoutBlock | TableRow) -> str:
    if isinstance(block, TableLayout):
        head = " | ".join(_row_text(r) for r in block.header)
        return f"table:{nfc(head)}"
    if block.key:
        return block.key
    text = _plain(block.inlines) if isinstance(block, Para) else _row_text(block)
    return "text:" + " ".join(nfc(text).split())


def _row_text(row: TableRow) -> str:
    return " | ".join(" ".join(_plain(line) for line in cell.lines) for cell in row.cells)


def _text_of(block: Any) -> str:
    return _plain(block.inlines) if isinstance(block, Para) else _row_text(block)


def align(old: Sequence[Any], new: Sequence[Any], moves: bool = True,
          revisions: MoveNames | None = None) -> list[Step]:
    """The steps from ``old`` to ``new`` blocks (or rows): by key, then by likeness."""
    keys_old, keys_new = [_block_key(b) for b in old], [_block_key(b) for b in new]
    matcher = SequenceMatcher(None, keys_old, keys_new, autojunk=False)
    steps: list[Step] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            steps += [Step("same" if a == b else "changed", a, b)
                      for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]
        else:
            steps += _region(old[i1:i2], new[j1:j2])
    return _with_moves(steps, revisions) if moves and revisions else steps


def _pairable(a: Any, b: Any) -> bool:
    if isinstance(a, TableLayout) or isinstance(b, TableLayout):
        return isinstance(a, TableLayout) and isinstance(b, TableLayout) and \
            len(a.columns) == len(b.columns)
    if a.key and b.key and a.key != b.key:
        return False
    return similarity(_text_of(a), _text_of(b)) >= ALIKE


def _region(old: Sequence[Any], new: Sequence[Any]) -> list[Step]:
    """A stretch where the keys differ: edited blocks paired in order (as alike as the
    diff pairs items: :data:`~generator.diff.likeness.ALIKE`), the rest whole; between
    two pairs, what went is shown before what came, as Word shows a replacement."""
    steps: list[Step] = []
    came: list[Step] = []
    i = 0
    for b in new:
        found = next((k for k in range(i, min(len(old), i + LOOK_AHEAD))
                      if _pairable(old[k], b)), None)
        if found is None:
            came.append(Step("inserted", new=b))
            continue
        steps += [Step("deleted", old=a) for a in old[i:found]] + came
        came = []
        steps.append(Step("same" if old[found] == b else "changed", old[found], b))
        i = found + 1
    steps += [Step("deleted", old=a) for a in old[i:]] + came
    return steps


def _with_moves(steps: list[Step], revisions: MoveNames) -> list[Step]:
    """A keyed paragraph deleted in one place and inserted in another has moved."""
    def movable(block: Any) -> str | None:
        return block.key if isinstance(block, Para) and block.key else None

    deleted = {movable(s.old): n for n, s in enumerate(steps)
               if s.kind == "deleted" and movable(s.old)}
    out = list(steps)
    for n, step in enumerate(steps):
        key = movable(step.new) if step.kind == "inserted" else None
        if key is None or key not in deleted:
            continue
        name = revisions.move_name()
        where = deleted.pop(key)
        out[where] = Step("from", old=steps[where].old, move=name)
        out[n] = Step("to", new=step.new, move=name)
    return out


def align_lines(old: Sequence[tuple[Inline, ...]],
                new: Sequence[tuple[Inline, ...]]) -> list[Step]:
    """The lines of a cell, old against new: kept, edited in place, added or gone."""
    matcher = SequenceMatcher(None, [_plain(x) for x in old], [_plain(x) for x in new],
                              autojunk=False)
    steps: list[Step] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            steps += [Step("same" if a == b else "changed", a, b)
                      for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]
            continue
        pairs = min(i2 - i1, j2 - j1)
        steps += [Step("changed", old[i1 + k], new[j1 + k]) for k in range(pairs)]
        steps += [Step("deleted", old=a) for a in old[i1 + pairs:i2]]
        steps += [Step("inserted", new=b) for b in new[j1 + pairs:j2]]
    return steps


def row_steps(old: TableLayout, new: TableLayout) -> list[Step] | None:
    """Two versions of a table as row steps, or ``None`` when it must be replaced whole.

    Rows are matched by the item they print when no body cell spans rows; a table whose
    cells merge vertically keeps its rows in place, so it is compared row by row when both
    versions have the same shape (the usual case: figures changed), else replaced.
    """
    old_rows, new_rows = [*old.header, *old.rows], [*new.header, *new.rows]
    if [_shape(r) for r in old.header] != [_shape(r) for r in new.header]:
        return None  # merged header cells moved: the grid differs, replace the table
    if _row_matchable(old) and _row_matchable(new):
        return _split_unpairable(align(old_rows, new_rows, moves=False))
    if len(old.header) == len(new.header) and [_shape(r) for r in old_rows] == \
            [_shape(r) for r in new_rows]:
        return [Step("same" if a == b else "changed", a, b)
                for a, b in zip(old_rows, new_rows, strict=True)]
    return None


def _shape(row: TableRow) -> list[tuple[int, int]]:
    return [(cell.colspan, cell.rowspan) for cell in row.cells]


def _row_matchable(layout: TableLayout) -> bool:
    """Rows can be inserted and deleted one by one unless body cells merge vertically."""
    return all(cell.rowspan == 1 for row in layout.rows for cell in row.cells)


def cell_steps(step: Step) -> list[Step]:
    """Per cell of a row step: the old and new cell, or the row's own kind."""
    if step.kind == "changed":
        old, new = step.old.cells, step.new.cells
        if _shape(step.old) == _shape(step.new):
            return [Step("same" if a == b else "changed", a, b)
                    for a, b in zip(old, new, strict=True)]
    row = step.new if step.new is not None else step.old
    return [Step(step.kind, step.old and c, step.new and c) for c in row.cells]


def _split_unpairable(steps: list[Step]) -> list[Step]:
    """Matched rows whose cells differ in shape become a deletion and an insertion."""
    out = []
    for step in steps:
        if step.kind == "changed" and isinstance(step.new, TableRow) and \
                _shape(step.old) != _shape(step.new):
            out += [Step("deleted", old=step.old), Step("inserted", new=step.new)]
            continue
        out.append(step)
    return out


KEY_PREFIXES = {"basis": "b", "section": "s", "task": "t", "task_group": "g", "kpi": "k",
                "row": "r"}
"""How the layout names the paragraphs and rows of each kind of diff item
(:attr:`~generator.resolve.layout.Para.key`)."""


def layout_keys(diff: PlanDiff) -> dict[str, str]:
    """OLD's layout key → NEW's, for each item the diff paired under another key."""
    return {f"{KEY_PREFIXES[kind]}:{old}": f"{KEY_PREFIXES[kind]}:{new}"
            for kind, old, new in diff.renamed if kind in KEY_PREFIXES}


def rekeyed(plan: ResolvedPlan, renamed: dict[str, str]) -> ResolvedPlan:
    """OLD with the keys of its paired items renamed to NEW's (``t:a`` and its detail
    lines ``t:a:chu_tri``… become ``t:b``…)."""
    if not renamed:
        return plan

    def key(value: str | None) -> str | None:
        if not value:
            return value
        kind, _, rest = value.partition(":")
        ident, colon, line = rest.partition(":")
        found = renamed.get(f"{kind}:{ident}")
        return found + colon + line if found else value

    def block(item: Any) -> Any:
        if isinstance(item, TableLayout):
            return replace(item, header=tuple(block(r) for r in item.header),
                           rows=tuple(block(r) for r in item.rows),
                           notes=tuple(block(n) for n in item.notes))
        return replace(item, key=key(item.key))

    return replace(plan, bases=tuple(block(b) for b in plan.bases),
                   body=tuple(block(b) for b in plan.body),
                   appendices=tuple(replace(a, blocks=tuple(block(b) for b in a.blocks))
                                    for a in plan.appendices))


def appendix_steps(old: Sequence[AppendixLayout],
                    new: Sequence[AppendixLayout]) -> list[Step]:
    """Appendices matched by their titles, else in order."""
    def key(appendix: AppendixLayout) -> str:
        return " ".join(appendix.title_lines)

    matcher = SequenceMatcher(None, [key(a) for a in old], [key(a) for a in new],
                              autojunk=False)
    steps: list[Step] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        if tag == "equal":
            steps += [Step("changed", a, b) for a, b in zip(olds, news, strict=True)]
            continue
        while olds and news:
            steps.append(Step("changed", olds.pop(0), news.pop(0)))
        steps += [Step("deleted", old=a) for a in olds]
        steps += [Step("inserted", new=b) for b in news]
    return steps

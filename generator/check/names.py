"""Rules of lists of names (units, recipients): a name split in two by a comma.

In YAML's bracket form a comma ends an item, so ``chu_tri: [Các Sở, ban ngành thuộc UBND
tỉnh, UBND cấp huyện]`` is three names, the second "ban ngành thuộc UBND tỉnh". Names of
units and recipients start with a capital letter, except where a list goes on in small
letters: a collective ("các phòng chuyên môn"), or a kind of unit before its proper name
("phường Huyền Tung", "thị trấn Phú Thiện"). An item in small letters that is neither was
almost certainly cut from the one before it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.check.core import Context, Finding, warning
from generator.errors import FieldPath


def _name_lists(ctx: Context) -> Iterator[tuple[Sequence[str], FieldPath]]:
    plan = ctx.plan
    for task, path in ctx.tasks():
        yield task.lead, (*path, "chu_tri")
        yield task.partners, (*path, "phoi_hop")
    for k, kpi in enumerate(plan.kpis):
        yield kpi.lead, ("chi_tieu", k, "chu_tri")
        yield kpi.partners, ("chi_tieu", k, "phoi_hop")
    for g, group in enumerate(plan.unit_groups):
        yield group.units, ("nhom_don_vi", g, "don_vi")
    yield plan.recipients.names, ("noi_nhan", "danh_sach")


COLLECTIVE = ("các", "những", "toàn thể")
"""Small words that may open a name of their own in a list: "các phòng chuyên môn"."""
PROPER_NAME_WITHIN = 2
"""A kind of unit is at most two words before its proper name: "thị trấn Phú Thiện"."""


def _looks_cut(name: str) -> bool:
    """Whether a name reads like the tail of the one before it."""
    words = name.split()
    if not words or not words[0][:1].islower():
        return False
    if name.casefold().startswith(COLLECTIVE):
        return False
    capital = next((i for i, w in enumerate(words) if w[:1].isupper()), None)
    return capital is None or capital > PROPER_NAME_WITHIN


def names_are_not_cut_by_commas(ctx: Context) -> Iterator[Finding]:
    """A name after the first that reads like the tail of the one before: cut by a comma."""
    for names, path in _name_lists(ctx):
        for n in range(1, len(names)):
            if _looks_cut(names[n]):
                joined = f"{names[n - 1]}, {names[n]}"
                yield warning((*path, n), f"'{names[n]}' bắt đầu bằng chữ thường: có lẽ dấu "
                              f"phẩy đã tách '{joined}' làm hai tên.",
                              f'Nếu là một tên, đặt trong dấu nháy kép: "{joined}". Trong '
                              "[…], dấu phẩy ngăn cách các tên.")

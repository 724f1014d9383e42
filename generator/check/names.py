"""Rules of lists of names (units, recipients): a name split in two by a comma, and the
opposite, several names typed as one string.

In YAML's bracket form a comma ends an item, so ``chu_tri: [Các Sở, ban ngành thuộc UBND
tỉnh, UBND cấp huyện]`` is three names, the second "ban ngành thuộc UBND tỉnh". Names of
units and recipients start with a capital letter, except where a list goes on in small
letters: a collective ("các phòng chuyên môn"), or a kind of unit before its proper name
("phường Huyền Tung", "thị trấn Phú Thiện"). An item in small letters that is neither was
almost certainly cut from the one before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from generator.check.core import Context, Finding, warning
from generator.errors import FieldPath


def _name_lists(ctx: Context, *, recipients: bool = True
                ) -> Iterator[tuple[Sequence[str], FieldPath]]:
    plan = ctx.plan
    for task, path in ctx.tasks():
        yield task.lead, (*path, "chu_tri")
        yield task.partners, (*path, "phoi_hop")
    for k, kpi in enumerate(plan.kpis):
        yield kpi.lead, ("chi_tieu", k, "chu_tri")
        yield kpi.partners, ("chi_tieu", k, "phoi_hop")
    for g, group in enumerate(plan.unit_groups):
        yield group.units, ("nhom_don_vi", g, "don_vi")
    if recipients:
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


UNIT_HEADS = ("Sở", "Phòng", "Ban", "Văn phòng", "Công an", "Trung tâm", "Ủy ban", "Bộ",
              "Cục", "Chi cục", "Hội", "Đoàn", "Mặt trận", "Trường", "Bệnh viện", "Trạm",
              "Đài", "Kho bạc", "Chi nhánh", "Viện", "Hạt", "Đội", "Bưu điện", "Thanh tra",
              "Tòa án", "Liên đoàn", "Đảng ủy", "Huyện ủy", "Tỉnh ủy", "Thành ủy", "Hội đồng",
              "Bảo hiểm", "Quân sự", "Chỉ huy", "Thường trực", "Công chức", "Xã", "Phường",
              "Thị trấn", "Thôn", "Ngân hàng", "Điện lực", "Viettel", "VNPT")
"""Words a unit's own name begins with: after a comma, they start another unit ("Sở Nội vụ,
Sở Tài chính"), where other words go on the same name ("Sở Văn hóa, Thể thao và Du lịch",
"UBND các xã, thị trấn")."""
_ACRONYM = re.compile(r"[A-ZĐ]{2,}(?:-[A-ZĐ]+)*\b")
"""UBND, HĐND, MTTQ, BCHQS: a unit's abbreviated name."""
_BETWEEN_NAMES = re.compile(r"\s*[,;]\s*")


def _starts_a_unit(piece: str) -> bool:
    first = piece.split(" ", 1)[0]
    return bool(_ACRONYM.match(piece)) or any(
        piece.startswith(head) and (len(piece) == len(head) or not piece[len(head)].isalpha())
        for head in UNIT_HEADS if head.split(" ", 1)[0] == first)


def names_are_not_joined_in_one_string(ctx: Context) -> Iterator[Finding]:
    """``phoi_hop: "Sở Nội vụ, Sở Tài chính"`` is one unit to derive, to the parent checks
    and to diff: a string whose parts after a comma begin as units do is warned.

    Not in Nơi nhận, where one line may name several recipients ("- TT Huyện ủy, HĐND
    huyện;"), as the plans' own lists do.
    """
    for names, path in _name_lists(ctx, recipients=False):
        for n, name in enumerate(names):
            pieces = [p for p in _BETWEEN_NAMES.split(name) if p]
            if len(pieces) < 2 or not any(_starts_a_unit(p) for p in pieces[1:]):
                continue
            key = path[-1]
            yield warning((*path, n), f"'{name}' được gõ thành một chuỗi: kehoach coi đó là "
                          "một đơn vị (khi kế thừa, đối chiếu với kế hoạch cấp trên, so sánh "
                          "hai phiên bản).",
                          f"Nếu là {len(pieces)} đơn vị, viết thành danh sách, không đặt "
                          f"trong dấu nháy: {key}: [{', '.join(pieces)}] (hoặc mỗi đơn vị một "
                          "dòng '- '). Nếu đúng là tên của một đơn vị, giữ nguyên.")

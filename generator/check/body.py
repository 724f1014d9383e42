"""Rules of the body: sections, their numbering depth, the tasks they list, tasks' times."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.check.core import Context, Finding, did_you_mean, error, strings, warning
from generator.errors import FieldPath
from generator.ids import task_ids, task_names

TO_WRITE = "CẦN VIẾT"
"""The marker ``kehoach derive`` leaves where only the clerk can write the text."""

ROMAN_HEADS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}


def sections_say_something(ctx: Context) -> Iterator[Finding]:
    """A section with no title, text, unit, blocks, children or tasks prints a bare number."""
    for section, path, _ in ctx.sections:
        if not (section.title or section.text or section.unit or section.blocks
                or section.children or section.tasks or section.blocks_after):
            yield error(path, "Phần này trống: cần ít nhất 'tieu_de', 'van_ban' hoặc 'doan'.")


def sections_are_not_nested_too_deep(ctx: Context) -> Iterator[Finding]:
    """Each depth of the section tree needs a numbering style in ``trinh_bay.danh_so``."""
    styles = len(ctx.plan.style.numbering)
    for _, path, depth in ctx.sections:
        if depth >= styles:
            yield error(path, f"Mục lồng quá sâu (cấp {depth + 1}); 'trinh_bay.danh_so' chỉ có "
                        f"{styles} cấp.", "Thêm kiểu số cho cấp này vào trinh_bay.danh_so.")


def _looks_numbered(text: str) -> bool:
    head = text.split(" ", 1)[0]
    return (bool(head) and head.rstrip(".)").replace(".", "").isdigit()) or \
        head.rstrip(".") in ROMAN_HEADS


def headings_are_not_numbered_by_hand(ctx: Context) -> Iterator[Finding]:
    """Numbers are computed; a typed "1." would print twice."""
    for section, path, _ in ctx.sections:
        if _looks_numbered(section.heading() or ""):
            yield warning((*path, "tieu_de"), "Tiêu đề có vẻ đã tự gõ số thứ tự; số được đánh "
                          "tự động.", "Xóa số thứ tự ở đầu tiêu đề.")


def listed_tasks_exist(ctx: Context) -> Iterator[Finding]:
    """``muc[].nhiem_vu`` names tasks or task groups by id, or ``*`` for all of them."""
    known = task_ids(ctx.plan) | {"*"}
    for section, path, _ in ctx.sections:
        for k, ref in enumerate(section.tasks):
            if ref not in known:
                yield error((*path, "nhiem_vu", k), f"Không có nhiệm vụ hay nhóm mã '{ref}'.",
                            did_you_mean(ref, known, otherwise="Dùng mã (id) của một nhiệm "
                                         "vụ, một nhóm, hoặc '*' cho tất cả."))


def every_task_is_printed(ctx: Context) -> Iterator[Finding]:
    """A task no section lists (by its id, its group's id, or ``*``) and no task table
    takes would be left out of the document without a word: the clerk wrote it to be
    printed, so it is an error that says where to put it (one for all such tasks)."""
    placed = {ref for section, _, _ in ctx.sections for ref in section.tasks}
    tables = [block.table.groups for block, _ in ctx.task_tables()]
    if "*" in placed or any(not groups for groups in tables):
        return
    placed |= {group for groups in tables for group in groups}
    loose, groups = task_names(ctx.plan)
    left: list[tuple[str, FieldPath]] = [
        (ident, ("nhiem_vu", i)) for i, ident in enumerate(loose) if ident not in placed]
    left += [(ident, ("nhom_nhiem_vu", g, "nhiem_vu", i))
             for g, (group, tasks) in enumerate(groups) if group not in placed
             for i, ident in enumerate(tasks) if ident not in placed]
    if not left:
        return
    names = ", ".join(f"'{ident}'" for ident, _ in left[:3]) + (", …" if len(left) > 3 else "")
    yield error(left[0][1], f"{len(left)} nhiệm vụ ({names}) không được in ở đâu: không phần "
                "nào liệt kê và không bảng nhiệm vụ nào lấy." if len(left) > 1 else
                f"Nhiệm vụ {names} không được in ở đâu: không phần nào liệt kê và không bảng "
                "nhiệm vụ nào lấy.",
                "Thêm nhiem_vu: ['*'] (hoặc mã các nhiệm vụ) vào phần nhiệm vụ, hoặc một bảng "
                "nhiệm vụ (bang_nhiem_vu) vào phụ lục; hoặc xóa nhiệm vụ không dùng.")


def task_periods_have_one_form(ctx: Context) -> Iterator[Finding]:
    """A task's time is words, a date, or a period whose end is not before its start."""
    for task, path in ctx.tasks():
        due = task.due
        if due is None:
            continue
        forms = [due.words is not None, due.on is not None,
                 due.start is not None or due.end is not None]
        if sum(forms) != 1:
            yield error((*path, "thoi_gian"), "Thời gian là một trong: lời (mo_ta), một ngày "
                        "(ngay) hoặc một khoảng (tu, den).")
        elif due.start and due.end and due.end < due.start:
            yield error((*path, "thoi_gian"), "Ngày kết thúc ('den') trước ngày bắt đầu ('tu').")


UNDERSCORE_RULE = re.compile(r"^[\s_*]*_{3,}[\s_*]*$")
"""A line typed as underscores to draw a rule (the official format wants rules drawn)."""


def rules_are_not_typed(ctx: Context) -> Iterator[Finding]:
    """A line of underscores is a rule typed as text; kehoach draws the rules the format
    asks for (``kehoach check`` refuses typed ones)."""
    for text, path in strings(ctx.dump):
        if any(UNDERSCORE_RULE.match(line) for line in text.split("\n")):
            yield error(path, "Dòng chỉ có dấu gạch dưới: đường kẻ không gõ bằng chữ.",
                        "Bỏ dòng này: kehoach tự vẽ các đường kẻ của thể thức.")


def nothing_is_left_to_write(ctx: Context) -> Iterator[Finding]:
    """A derived plan marks what the clerk must write; each mark left is a warning."""
    for text, path in strings(ctx.dump):
        if TO_WRITE in text:
            shown = " ".join(text.split())
            shown = shown if len(shown) <= 70 else shown[:69].rstrip() + "…"
            yield warning(path, f"Còn chỗ '{TO_WRITE}': {shown}",
                          "Viết nội dung của đơn vị vào chỗ này (xóa chữ CẦN VIẾT); "
                          "--strict coi đây là lỗi.")

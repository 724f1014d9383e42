"""Rules of tables: free tables tile their grid, task tables name what exists."""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.core import Context, Finding, did_you_mean, error
from generator.ids import task_group_ids
from generator.model import Cell, Table


def rows_are_cells_or_a_group(ctx: Context) -> Iterator[Finding]:
    """A body row is a list of cells, or a group heading ``{nhom: …}``: not both, not none."""
    for table, path in ctx.tables():
        for r, row in enumerate(table.rows):
            if bool(row.cells) == bool(row.group):
                yield error((*path, "dong", r), "Một dòng là danh sách ô, hoặc một dòng nhóm "
                            "{nhom: …}, không phải cả hai.")


def header_grid_problems(header: list[list[Cell]], width: int) -> list[str]:
    """Where merged header cells fail to tile the grid exactly, row by row."""
    return _grid_problems([list(row) for row in header], width, "dòng tiêu đề",
                          "ô gộp dòng kéo dài quá dòng tiêu đề cuối")


def _grid_problems(rows: list[list[Cell] | None], width: int, word: str,
                   overhang: str) -> list[str]:
    """Where rows of cells fail to tile ``width`` columns, cells merged down included.

    ``None`` is a group row: it spans the whole table, so no merged cell may cross it.
    """
    problems: list[str] = []
    carried = [0] * width  # rows still covered by a rowspan from above, per column
    for r, row in enumerate(rows, start=1):
        if row is None:
            if any(carried):
                problems.append(f"{word} {r} là dòng nhóm nhưng ô gộp dòng phía trên còn phủ "
                                "xuống")
                carried = [0] * width
            continue
        col = 0
        for cell in row:
            while col < width and carried[col]:
                col += 1
            if col + cell.colspan > width:
                problems.append(f"{word} {r} vượt quá {width} cột")
                break
            for c in range(col, col + cell.colspan):
                carried[c] = cell.rowspan
            col += cell.colspan
        else:
            while col < width and carried[col]:
                col += 1
            if col != width:
                problems.append(f"{word} {r} chỉ phủ {col}/{width} cột")
        carried = [max(0, n - 1) for n in carried]
    if any(carried):
        problems.append(overhang)
    return problems


def _row_problems(table: Table) -> list[str]:
    data_width = len(table.columns) - (1 if table.numbered else 0)
    rows: list[list[Cell] | None] = [list(row.cells) if row.cells else None
                                     for row in table.rows]
    return _grid_problems(rows, data_width, "dòng", "ô gộp dòng kéo dài quá dòng cuối")


def tables_fit_their_columns(ctx: Context) -> Iterator[Finding]:
    """Header rows tile the columns (merges included); each body row fills the columns."""
    for table, path in ctx.tables():
        problems = header_grid_problems(table.header, len(table.columns)) + _row_problems(table)
        if problems:
            yield error(path, f"Bảng không khớp số cột: {'; '.join(problems)}.")


def task_table_widths_match_columns(ctx: Context) -> Iterator[Finding]:
    """``rong`` of a task table gives the STT column and one width per chosen column."""
    for block, path in ctx.task_tables():
        table = block.table
        if table.widths_mm and len(table.widths_mm) != len(table.fields) + 1:
            yield error((*path, "rong"), f"'rong' cần {len(table.fields) + 1} giá trị (cột STT "
                        f"và {len(table.fields)} cột).")


def task_tables_have_their_tasks(ctx: Context) -> Iterator[Finding]:
    """A task table needs tasks, and the groups it picks must exist."""
    plan = ctx.plan
    groups = set(task_group_ids(plan))
    for block, path in ctx.task_tables():
        if not (plan.tasks or plan.task_groups):
            yield error(path, "Bảng nhiệm vụ nhưng kế hoạch chưa có 'nhiem_vu' hay "
                        "'nhom_nhiem_vu'.", "Khai báo nhiệm vụ ở cấp ngoài cùng của tệp.")
        for k, group in enumerate(block.table.groups):
            if group not in groups:
                yield error((*path, "nhom", k), f"Không có nhóm nhiệm vụ mã '{group}'.",
                            did_you_mean(group, groups, listing="Các nhóm"))

"""Rules of KPIs: named, targets typed or computable, scopes and references that exist."""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.core import BookContext, Context, Finding, did_you_mean, error, warning
from generator.ids import kpi_ids
from generator.kpi.book import Unresolved
from generator.kpi.numbers import is_counted
from generator.model import Kpi, Rule, Target
from generator.resolve.kpi_tables import KPI_COLUMNS, column_count
from generator.vnformat import vi_decimal


def _own_targets(ctx: Context) -> Iterator[tuple[Kpi, Target, tuple[str | int, ...]]]:
    """Each target the plan writes, with its KPI completed from the catalogue, and its path."""
    for i, (own, kpi) in enumerate(zip(ctx.plan.kpis, ctx.kpis, strict=True)):
        for j, target in enumerate(own.targets):
            yield kpi, target, ("chi_tieu", i, "muc_tieu", j)


def kpis_are_named(ctx: Context) -> Iterator[Finding]:
    """A KPI has a name: its own, or the catalogue's for its id."""
    for i, (own, kpi) in enumerate(zip(ctx.plan.kpis, ctx.kpis, strict=True)):
        if kpi.name:
            continue
        if own.id:
            yield error(("chi_tieu", i), f"Chỉ tiêu '{own.id}' chưa có tên và không có trong "
                        "danh mục chỉ tiêu.", did_you_mean(own.id, ctx.reference.kpi_catalogue,
                                                           otherwise="Thêm 'ten'."))
        else:
            yield error(("chi_tieu", i), "Chỉ tiêu chưa có mã ('id') cũng chưa có tên ('ten').",
                        "Thêm 'ten', hoặc 'id' của một chỉ tiêu có trong danh mục (hướng dẫn, "
                        "trang 'Chỉ tiêu và bảng chỉ tiêu').")


def targets_have_a_value_or_a_rule(ctx: Context) -> Iterator[Finding]:
    """A target is typed (``gia_tri``) or computed (``quy_tac``): exactly one."""
    for _, target, path in _own_targets(ctx):
        if (target.value is None) == (target.rule is None):
            yield error(path, "Mỗi chỉ tiêu cần đúng một trong hai: 'gia_tri' hoặc 'quy_tac'.")


def _rule_problem(rule: Rule) -> str | None:
    if rule.kind == "vuot_trung_uong" and not (rule.result_milestone and rule.central_milestone):
        return "Quy tắc vuot_trung_uong cần 'ket_qua_moc' và 'trung_uong_moc'."
    if rule.kind == "noi_suy" and not (rule.start_milestone and rule.end_milestone):
        return "Quy tắc noi_suy cần 'tu_moc' và 'den_moc'."
    return None


def rules_name_their_milestones(ctx: Context) -> Iterator[Finding]:
    """Each rule names the milestones its inputs are at."""
    for _, target, path in _own_targets(ctx):
        problem = _rule_problem(target.rule) if target.rule else None
        if problem:
            yield error((*path, "quy_tac"), problem)


def results_have_a_value_or_counts(ctx: Context) -> Iterator[Finding]:
    """A known result is a value, or both counts b and a."""
    for i, kpi in enumerate(ctx.plan.kpis):
        for j, result in enumerate(kpi.results):
            counts = result.numerator is not None, result.denominator is not None
            if result.value is None and counts != (True, True):
                yield error(("chi_tieu", i, "ket_qua", j), "Kết quả cần 'gia_tri', hoặc cả "
                            "'tu_so' và 'mau_so'.")


def percent_targets_lie_within_0_and_100(ctx: Context) -> Iterator[Finding]:
    """A percentage target (or a rule's cap) lies between 0 and 100."""
    for kpi, target, path in _own_targets(ctx):
        limit = target.rule.cap if target.rule else target.value
        if (kpi.measure or "%") == "%" and limit is not None and not 0 <= limit <= 100:
            yield error((*path, "quy_tac" if target.rule else "gia_tri"),
                        f"Chỉ tiêu tính bằng % phải trong khoảng 0–100 (đang là {limit}).")


def counted_figures_are_whole(ctx: Context) -> Iterator[Finding]:
    """A KPI that counts things (hồ sơ, TTHC…) has whole figures: 1,234 hồ sơ is a mistake."""
    for i, (own, kpi) in enumerate(zip(ctx.plan.kpis, ctx.kpis, strict=True)):
        if not is_counted(kpi.measure):
            continue
        figures = [(t.value, ("muc_tieu", j)) for j, t in enumerate(own.targets)]
        figures += [(r.value, ("ket_qua", j)) for j, r in enumerate(own.results)]
        for value, where in figures:
            if value is not None and value != value.to_integral_value():
                yield error(("chi_tieu", i, *where, "gia_tri"),
                            f"Chỉ tiêu tính bằng '{kpi.measure}' là số đếm, không có phần lẻ "
                            f"(đang là {vi_decimal(value)}).",
                            "Viết số nguyên, liền, không dấu ngăn cách hàng nghìn: 1234 (trong "
                            "YAML dấu chấm là dấu thập phân: 1.234 là 1,234).")


def percent_is_typed_only_for_percentages(ctx: Context) -> Iterator[Finding]:
    """``gia_tri: "80 %"`` on a KPI counted in hồ sơ: the "%" would be dropped in silence."""
    for kpi, target, path in _own_targets(ctx):
        measure = kpi.measure or "%"
        if target.typed_percent() and measure != "%":
            yield error((*path, "gia_tri"), f"Giá trị '{target.written}' có dấu %, nhưng chỉ "
                        f"tiêu tính bằng '{measure}' (don_vi_tinh).",
                        f"Bỏ dấu % nếu là số {measure}; nếu chỉ tiêu là một tỷ lệ, ghi "
                        "don_vi_tinh: \"%\" (hoặc bỏ don_vi_tinh).")


def target_levels_are_known(ctx: Context) -> Iterator[Finding]:
    """A target's ``cap`` names a level of the reference data."""
    levels = ctx.reference.levels
    for _, target, path in _own_targets(ctx):
        if target.level is not None and target.level not in levels:
            yield error((*path, "cap"), f"Cấp '{target.level}' không có trong danh mục.",
                        did_you_mean(target.level, levels, listing="Các cấp"))


def target_groups_are_known(ctx: Context) -> Iterator[Finding]:
    """A target's ``nhom`` names one of the plan's unit groups."""
    groups = {g.id for g in ctx.plan.unit_groups}
    for _, target, path in _own_targets(ctx):
        if target.group and target.group not in groups:
            yield error((*path, "nhom"), f"Không có nhóm đơn vị mã '{target.group}'.",
                        did_you_mean(target.group, groups, otherwise=(
                            "Các nhóm: " + ", ".join(sorted(groups)) + "." if groups else
                            "Khai báo nhóm trong 'nhom_don_vi'.")))


def kpi_tables_name_known_kpis(ctx: Context) -> Iterator[Finding]:
    """A KPI table lists KPIs of the plan by id."""
    known = kpi_ids(ctx.plan)
    for block, path in ctx.kpi_tables():
        for k, kpi in enumerate(block.table.kpis):
            if kpi not in known:
                yield error((*path, "chi_tieu", k), f"Không có chỉ tiêu mã '{kpi}'.",
                            did_you_mean(kpi, known, listing="Các chỉ tiêu"))


def targets_are_not_repeated(ctx: Context) -> Iterator[Finding]:
    """One value per scope and milestone: a second one for the same hides the first."""
    for k, kpi in enumerate(ctx.plan.kpis):
        seen: dict[tuple[str | None, ...], int] = {}
        for j, target in enumerate(kpi.targets):
            scope = (target.level, target.unit, target.group, target.milestone)
            if scope in seen:
                yield warning(("chi_tieu", k, "muc_tieu", j), "Trùng phạm vi và mốc với "
                              f"muc_tieu[{seen[scope] + 1}]: giá trị này thay giá trị trước.",
                              "Bỏ một trong hai, hoặc sửa cap/don_vi/nhom/moc cho đúng.")
            seen[scope] = j


def kpi_row_groups_name_known_kpis(ctx: Context) -> Iterator[Finding]:
    """The groups of a ``giao_chi_tieu`` table list KPIs of the plan by id."""
    known = kpi_ids(ctx.plan)
    for block, path in ctx.kpi_tables():
        for g, group in enumerate(block.table.groups):
            for k, kpi in enumerate(group.kpis):
                if kpi not in known:
                    yield error((*path, "nhom_chi_tieu", g, "chi_tieu", k),
                                f"Không có chỉ tiêu mã '{kpi}'.",
                                did_you_mean(kpi, known, listing="Các chỉ tiêu"))


OPTIONS_USED_BY = {
    ("level", "cap"): ("giao_chi_tieu",),
    ("units", "don_vi"): ("theo_moc",),
    ("unit_heading", "tieu_de_don_vi"): ("theo_moc", "theo_nhom"),
    ("milestone", "moc"): ("theo_moc", "theo_nhom", "giao_chi_tieu"),
    ("groups", "nhom_chi_tieu"): ("giao_chi_tieu",),
    ("headings", "tieu_de_cot"): ("giao_chi_tieu",),
    ("super_headings", "tieu_de_gop"): ("giao_chi_tieu",),
}
"""Options of a KPI table and the shapes that use them; another shape ignores them."""


def kpi_row_table_options_fit(ctx: Context) -> Iterator[Finding]:
    """An option the table's shape does not use is said to be ignored, not dropped quietly;
    headings over columns cover adjacent columns, each column once."""
    order = list(KPI_COLUMNS)
    for block, path in ctx.kpi_tables():
        table = block.table
        for (name, alias), kinds in OPTIONS_USED_BY.items():
            given = getattr(table, name)
            if given not in (None, [], {}) and name in table.model_fields_set and \
                    table.kind not in kinds:
                yield warning((*path, alias), f"'{alias}' chỉ dùng cho bảng kiểu "
                              f"{' hoặc '.join(kinds)}; bảng {table.kind} bỏ qua nó.",
                              "Xóa khóa này, hoặc đổi 'kieu'.")
        if table.kind != "giao_chi_tieu":
            continue
        seen: set[str] = set()
        for h, heading in enumerate(table.super_headings):
            places = sorted(order.index(str(c)) for c in heading.columns)
            if places != list(range(places[0], places[0] + len(places))):
                yield error((*path, "tieu_de_gop", h, "cot"), f"Tiêu đề '{heading.title}' phải "
                            "nằm trên các cột liền nhau.", f"Thứ tự cột: {', '.join(order)}.")
            again = seen & {str(c) for c in heading.columns}
            if again:
                yield error((*path, "tieu_de_gop", h, "cot"), f"Cột '{sorted(again)[0]}' đã "
                            "nằm dưới một tiêu đề gộp khác.")
            seen |= {str(c) for c in heading.columns}


def group_tables_have_unit_groups(ctx: Context) -> Iterator[Finding]:
    """A ``theo_nhom`` table has a row per unit group, so it needs ``nhom_don_vi``."""
    for block, path in ctx.kpi_tables():
        if block.table.kind == "theo_nhom" and not ctx.plan.unit_groups:
            yield error(path, "Bảng theo_nhom cần 'nhom_don_vi'.",
                        "Khai báo các nhóm đơn vị ở cấp ngoài cùng của tệp.")


def data_mapping_names_known_kpis(ctx: Context) -> Iterator[Finding]:
    """``du_lieu.chi_tieu`` maps columns to KPIs of the plan."""
    mapping = ctx.plan.data_mapping
    known = kpi_ids(ctx.plan)
    for key in mapping.kpis if mapping else {}:
        if key not in known:
            yield error(("du_lieu", "chi_tieu", key), f"Không có chỉ tiêu mã '{key}'.",
                        did_you_mean(key, known, listing="Các chỉ tiêu"))


def data_columns_are_complete(ctx: Context) -> Iterator[Finding]:
    """Each KPI of ``du_lieu`` names its counts' columns, or its value's column."""
    mapping = ctx.plan.data_mapping
    for key, columns in mapping.kpis.items() if mapping else ():
        if not (columns.value or (columns.numerator and columns.denominator)):
            yield error(("du_lieu", "chi_tieu", key), "Cần 'tu_so' và 'mau_so', hoặc "
                        "'gia_tri'.")


def _unresolved_message(item: Unresolved) -> tuple[str, str]:
    if item.reason == "no-days":
        return (f"Chỉ tiêu '{item.kpi}': nội suy cần số ngày của các mốc "
                f"{', '.join(item.milestones)}.",
                "Khai báo 'cac_moc' với 'so_ngay' cho từng mốc.")
    if item.reason == "no-interpolation-ends":
        return (f"Chỉ tiêu '{item.kpi}': nội suy thiếu giá trị ở mốc '{item.milestones[0]}' "
                f"hoặc '{item.milestones[1]}' (hoặc hai mốc cùng số ngày).",
                "Thêm kết quả hoặc chỉ tiêu ở hai mốc đó, và số ngày khác nhau.")
    missing = "kết quả" if item.reason == "no-result" else "chỉ tiêu Trung ương"
    return (f"Chỉ tiêu '{item.kpi}': quy tắc vuot_trung_uong thiếu {missing} mốc "
            f"'{item.milestones[0]}'.",
            "Thêm vào 'ket_qua' hoặc 'muc_tieu' của chỉ tiêu, đúng tên mốc.")


def computed_targets_have_their_inputs(ctx: BookContext) -> Iterator[Finding]:
    """Every rule target found the results and targets it is computed from."""
    for item in ctx.book.unresolved:
        message, hint = _unresolved_message(item)
        yield error(item.path, message, hint)


def kpi_table_widths_match_columns(ctx: BookContext) -> Iterator[Finding]:
    """``rong`` of a KPI table gives one width per column the table has."""
    for block, path in ctx.kpi_tables():
        table = block.table
        count = column_count(table, ctx.book)
        if table.widths_mm and len(table.widths_mm) != count:
            yield error((*path, "rong"), f"'rong' cần {count} giá trị (bảng có {count} cột), "
                        f"đang có {len(table.widths_mm)}.", "Bỏ 'rong' để công cụ tự chia.")

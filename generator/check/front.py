"""Rules of the document's frame: issuing body, date, summary, signer."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.check.core import Context, Finding, did_you_mean, error, warning
from generator.decree import fixed_line_named
from generator.errors import FieldPath
from generator.excel import sheet_names
from generator.resolve.front import appendix_label


def issuer_level_is_known(ctx: Context) -> Iterator[Finding]:
    """``co_quan.cap`` names a level of ``cap-hanh-chinh.yaml``."""
    level = ctx.plan.issuer.level
    if level not in ctx.reference.levels:
        yield error(("co_quan", "cap"), f"Cấp '{level}' không có trong danh mục.",
                    did_you_mean(level, ctx.reference.levels, listing="Các cấp"))


def issuer_lines_are_not_the_fixed_lines(ctx: Context) -> Iterator[Finding]:
    """The issuing body's lines are its name, never the Quốc hiệu or the Tiêu ngữ: kehoach
    prints those itself in the right-hand column, and a name that reads as one of them
    would make the header read as two mottos (by Word's reviewers and by ``check``)."""
    issuer = ctx.plan.issuer
    lines: list[tuple[FieldPath, str]] = [(("co_quan", "ten", i), line)
                                          for i, line in enumerate(issuer.name_lines)]
    if issuer.parent_line:
        lines.append((("co_quan", "co_quan_chu_quan"), issuer.parent_line))
    for path, line in lines:
        named = fixed_line_named(line)
        if named:
            yield error(path, f"Dòng '{line}' là {named}, không phải tên cơ quan ban hành.",
                        f"kehoach tự in {named} ở góc phải đầu trang: xóa dòng này, chỉ ghi "
                        "tên cơ quan theo từng dòng, ví dụ [ỦY BAN NHÂN DÂN, XÃ TÂN AN].")


def issuer_level_still_exists(ctx: Context) -> Iterator[Finding]:
    """A level abolished by law (cấp huyện from 01/7/2025) is suspicious in a newer plan."""
    level = ctx.reference.levels.get(ctx.plan.issuer.level)
    ends = level.abolished_from if level else None
    date = ctx.plan.date
    if ends and (date.year, date.month or 12, date.day or 31) >= (ends.year, ends.month,
                                                                  ends.day):
        yield warning(("co_quan", "cap"),
                      f"Cấp '{ctx.plan.issuer.level}' không còn từ {ends:%d/%m/%Y} "
                      "(chính quyền địa phương hai cấp).",
                      "Kiểm tra lại cơ quan ban hành hoặc ngày ban hành.")


def summary_has_no_final_stop(ctx: Context) -> Iterator[Finding]:
    """The trích yếu has no final full stop (Nghị định 30/2020)."""
    if ctx.plan.summary.rstrip().endswith("."):
        yield warning(("trich_yeu",), "Trích yếu không kết thúc bằng dấu chấm (Nghị định "
                      "30/2020).", "Xóa dấu '.' ở cuối trích yếu.")


def signer_has_one_delegation(ctx: Context) -> Iterator[Finding]:
    """One of KT., Q., TL., TUQ. (TM. may stand above any of them); the one pair clerks
    sign every day is also allowed: "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG", the deputy of
    the office signing for its head who signs by order."""
    signer = ctx.plan.signer
    given = [x for x in (signer.deputy_for, signer.acting, signer.by_order, signer.by_mandate)
             if x]
    by_order_and_deputy = len(given) == 2 and signer.by_order and signer.deputy_for
    if len(given) > 1 and not by_order_and_deputy:
        yield error(("nguoi_ky",), "Chỉ dùng một trong: ky_thay (KT.), quyen (Q.), "
                    "thua_lenh (TL.), thua_uy_quyen (TUQ.); hoặc thua_lenh cùng ky_thay "
                    "(TL. … / KT. …).")


def inheritance_needs_a_parent(ctx: Context) -> Iterator[Finding]:
    """``ke_thua`` says what to take from a parent; without ``ke_hoach_cap_tren`` it does
    nothing, and one item both dropped and changed is a contradiction."""
    inheritance = ctx.plan.inheritance
    if "inheritance" in ctx.plan.model_fields_set and ctx.plan.parent is None:
        yield warning(("ke_thua",), "'ke_thua' không có tác dụng khi chưa có "
                      "'ke_hoach_cap_tren'.", "Thêm ke_hoach_cap_tren: <tệp kế hoạch cấp trên>, "
                      "hoặc bỏ 'ke_thua'.")
    dropped = {drop.id for drop in inheritance.drops}
    seen: set[str] = set()
    for index, change in enumerate(inheritance.changes):
        if change.id in dropped:
            yield error(("ke_thua", "sua", index, "id"), f"Mục '{change.id}' vừa bị bỏ "
                        "('bo') vừa được sửa ('sua').", "Giữ một trong hai.")
        elif change.id in seen:
            yield error(("ke_thua", "sua", index, "id"), f"Mục '{change.id}' được sửa hai "
                        "lần.", "Gộp các khóa cần sửa vào một mục 'sua'.")
        seen.add(change.id)


RECORDS_OFFICE = re.compile(r"VT\b")
""""VT" as a word of its own, in capitals: what ``kehoach check`` reads the line by."""


def archive_line_starts_with_the_records_office(ctx: Context) -> Iterator[Finding]:
    """Nơi nhận ends "- Lưu: VT, <drafting unit>." (NĐ 30/2020, Phụ lục I): VT first, as a
    word in capitals ("vt, VP" and "VTVP" are not the records office)."""
    archive = ctx.plan.recipients.archive.strip()
    if not RECORDS_OFFICE.match(archive):
        rest = archive[2:].lstrip(" ,;") if archive[:2].upper() == "VT" else archive
        written = f"VT, {rest}" if rest else "VT"
        yield error(("noi_nhan", "luu"), f"'Lưu: {archive}' phải bắt đầu bằng VT (văn thư, "
                    "chữ in hoa, đứng riêng).",
                    f"Viết luu: \"{written}\" (Nghị định 30/2020: '- Lưu: VT, đơn vị soạn "
                    "thảo.').")


def appendices_keep_their_attached_line(ctx: Context) -> Iterator[Finding]:
    """An appendix without its "(Kèm theo …)" line departs from the format: said, allowed."""
    for index, appendix in enumerate(ctx.plan.appendices):
        if not appendix.attached_line:
            yield warning(("phu_luc", index, "dong_kem_theo"), "Phụ lục không có dòng '(Kèm "
                          "theo Kế hoạch số … ngày … của …)' mà thể thức yêu cầu.",
                          "Bỏ 'dong_kem_theo: false' trừ khi thật sự cần.")


def appendices_have_distinct_labels(ctx: Context) -> Iterator[Finding]:
    """Two appendices printed with one label ("Phụ lục II" twice, by ``so`` or by place) are
    one label too many: the reader cannot tell which the body means."""
    appendices = ctx.plan.appendices
    labels = [appendix_label(a, i, len(appendices)) for i, a in enumerate(appendices, start=1)]
    first: dict[str, int] = {}
    for index, (label, sheet) in enumerate(zip(labels, sheet_names(labels), strict=True)):
        if label.casefold() not in first:
            first[label.casefold()] = index
            continue
        path = ("phu_luc", index, "so") if appendices[index].numeral else ("phu_luc", index)
        yield warning(path, f"Phụ lục này và phụ lục thứ "
                      f"{first[label.casefold()] + 1} cùng in là '{label}'; trong bảng tính, "
                      f"trang của phụ lục này có tên '{sheet}'.",
                      "Ghi 'so' khác cho một trong hai phụ lục (I, II, III… hoặc 1, 2, 3…).")

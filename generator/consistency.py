"""Checks that need the whole plan: references, unique ids, registry look-ups, markup.

The model checks each value on its own; here the plan is checked as a document: a task
reference must name a task, a cited registry key must exist, inline markup must close, and
some choices that are legal but probably wrong (a final full stop in the trích yếu, a level
that no longer exists) are warned about.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from generator.errors import Diagnostic, Path, Severity
from generator.inline import MarkupError, parse_inline
from generator.kpi.book import build_book
from generator.kpi.catalogue import effective_kpis
from generator.load import Document
from generator.model import Basis, KpiTableBlock, Plan, Section
from generator.model.body import TableBlock, TaskTableBlock
from generator.model.bullets import BulletItem, BulletList
from generator.registry import legal_documents, levels


@dataclass
class _Checker:
    plan: Plan
    doc: Document

    def __post_init__(self) -> None:
        self.found: list[Diagnostic] = []

    def report(self, path: Path, message: str, hint: str = "", *,
               warning: bool = False) -> None:
        line, col, data_path = self.doc.locate(path)
        severity = Severity.WARNING if warning else Severity.ERROR
        self.found.append(Diagnostic(message, self.doc.file, line, col, data_path or path,
                                     severity, hint))


def check_consistency(plan: Plan, doc: Document) -> list[Diagnostic]:
    """Every cross-field problem of a plan (errors and warnings), in file order."""
    checker = _Checker(plan, doc)
    _check_level(checker)
    _check_target_levels(checker)
    _check_summary(checker)
    _check_bases(checker)
    _check_sections(checker)
    _check_task_tables(checker)
    _check_unique_ids(checker)
    _check_markup(checker)
    _check_kpis(checker)
    return sorted(checker.found, key=lambda d: (d.line or 0, d.column or 0))


def _check_level(c: _Checker) -> None:
    known = levels()
    level = c.plan.issuer.level
    if level not in known:
        close = difflib.get_close_matches(level, list(known), n=1)
        c.report(("co_quan", "cap"), f"Cấp '{level}' không có trong danh mục.",
                 f"Có phải ý bạn là '{close[0]}'?" if close else
                 "Các cấp: " + ", ".join(known) + " (data/cap-hanh-chinh.yaml).")
        return
    ends = known[level].abolished_from
    date = c.plan.date
    if ends and date.year * 10000 + (date.month or 12) * 100 + (date.day or 31) >= \
            ends.year * 10000 + ends.month * 100 + ends.day:
        c.report(("co_quan", "cap"), f"Cấp '{level}' không còn từ {ends:%d/%m/%Y} "
                 "(chính quyền địa phương hai cấp).",
                 "Kiểm tra lại cơ quan ban hành hoặc ngày ban hành.", warning=True)


def _check_target_levels(c: _Checker) -> None:
    known = levels()
    for i, kpi in enumerate(c.plan.kpis):
        for j, target in enumerate(kpi.targets):
            if target.level is not None and target.level not in known:
                close = difflib.get_close_matches(target.level, list(known), n=1)
                c.report(("chi_tieu", i, "muc_tieu", j, "cap"),
                         f"Cấp '{target.level}' không có trong danh mục.",
                         f"Có phải ý bạn là '{close[0]}'?" if close else
                         "Các cấp: " + ", ".join(known) + ".")


def _check_summary(c: _Checker) -> None:
    if c.plan.summary.rstrip().endswith("."):
        c.report(("trich_yeu",), "Trích yếu không kết thúc bằng dấu chấm (Nghị định 30/2020).",
                 "Xóa dấu '.' ở cuối trích yếu.", warning=True)


def _check_bases(c: _Checker) -> None:
    registry = legal_documents()
    for i, basis in enumerate(c.plan.bases):
        for j, ref in enumerate(basis.documents):
            path: Path = ("can_cu", i, "van_ban", j) if len(basis.documents) > 1 \
                else ("can_cu", i, "van_ban")
            document = registry.get(ref) if isinstance(ref, str) else ref
            if isinstance(ref, str) and document is None:
                close = difflib.get_close_matches(ref, list(registry), n=1, cutoff=0.5)
                c.report(path, f"Không có văn bản mã '{ref}' trong danh mục "
                         "data/van-ban-phap-ly.yaml.",
                         f"Có phải ý bạn là '{close[0]}'?" if close else
                         "Khai báo đầy đủ văn bản (loai, so_hieu, ngay, co_quan_ban_hanh, "
                         "trich_yeu) thay cho mã.")
            elif document is not None and document.replaced_by:
                cited = document.name or f"{document.kind} {document.number}"
                c.report(path, f"{cited} đã được thay thế bởi {document.replaced_by}.",
                         "Trích dẫn văn bản còn hiệu lực.", warning=True)
        _check_basis_text(c, i, basis)


def _check_basis_text(c: _Checker, i: int, basis: Basis) -> None:
    if basis.text and basis.text.lstrip().lower().startswith(basis.verb.lower()):
        c.report(("can_cu", i, "noi_dung"), f"Không cần gõ '{basis.verb}' ở đầu: công cụ tự "
                 "thêm từ mở đầu ('dong_tu').", f"Xóa chữ '{basis.verb}' ở đầu đoạn.",
                 warning=True)


def _task_refs(plan: Plan) -> set[str]:
    refs = {"*"}
    for group in plan.all_task_groups():
        if group.id:
            refs.add(group.id)
        refs.update(t.id for t in group.tasks if t.id)
    return refs


def _sections_with_paths(sections: list[Section], path: Path,
                         depth: int = 0) -> Iterator[tuple[Section, Path, int]]:
    for i, section in enumerate(sections):
        here = (*path, i)
        yield section, here, depth
        yield from _sections_with_paths(section.children, (*here, "muc"), depth + 1)


def _check_sections(c: _Checker) -> None:
    refs = _task_refs(c.plan)
    depth_styles = len(c.plan.style.numbering)
    for section, path, depth in _sections_with_paths(c.plan.parts, ("phan",)):
        if depth >= depth_styles:
            c.report(path, f"Mục lồng quá sâu (cấp {depth + 1}); 'trinh_bay.danh_so' chỉ có "
                     f"{depth_styles} cấp.", "Thêm kiểu số cho cấp này vào trinh_bay.danh_so.")
        for k, ref in enumerate(section.tasks):
            if ref not in refs:
                close = difflib.get_close_matches(ref, sorted(refs), n=1)
                c.report((*path, "nhiem_vu", k), f"Không có nhiệm vụ hay nhóm mã '{ref}'.",
                         f"Có phải ý bạn là '{close[0]}'?" if close else
                         "Dùng mã (id) của một nhiệm vụ, một nhóm, hoặc '*' cho tất cả.")
        heading = section.heading() or ""
        if _looks_numbered(heading):
            c.report((*path, "tieu_de"), "Tiêu đề có vẻ đã tự gõ số thứ tự; số được đánh "
                     "tự động.", "Xóa số thứ tự ở đầu tiêu đề.", warning=True)


def _looks_numbered(text: str) -> bool:
    head = text.split(" ", 1)[0]
    return (bool(head) and head.rstrip(".)").replace(".", "").isdigit()) or \
        head.rstrip(".") in {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}


def _check_task_tables(c: _Checker) -> None:
    groups = {g.id for g in c.plan.all_task_groups() if g.id}
    has_tasks = bool(c.plan.tasks or c.plan.task_groups)
    for i, appendix in enumerate(c.plan.appendices):
        for j, block in enumerate(appendix.blocks):
            if not isinstance(block, TaskTableBlock):
                continue
            path: Path = ("phu_luc", i, "noi_dung", j, "bang_nhiem_vu")
            if not has_tasks:
                c.report(path, "Bảng nhiệm vụ nhưng kế hoạch chưa có 'nhiem_vu' hay "
                         "'nhom_nhiem_vu'.", "Khai báo nhiệm vụ ở cấp ngoài cùng của tệp.")
            for k, group in enumerate(block.table.groups):
                if group not in groups:
                    c.report((*path, "nhom", k), f"Không có nhóm nhiệm vụ mã '{group}'.",
                             "Các nhóm: " + ", ".join(sorted(groups)) + ".")


def _check_unique_ids(c: _Checker) -> None:
    plan = c.plan
    kinds: list[tuple[str, Iterable[tuple[str | None, Path]]]] = [
        ("căn cứ", ((b.id, ("can_cu", i, "id")) for i, b in enumerate(plan.bases))),
        ("mục", ((s.id, (*p, "id")) for s, p, _ in _sections_with_paths(plan.parts,
                                                                          ("phan",)))),
        ("nhiệm vụ", _task_ids(plan)),
        ("chỉ tiêu", ((k.id, ("chi_tieu", i, "id")) for i, k in enumerate(plan.kpis))),
        ("phụ lục", ((a.id, ("phu_luc", i, "id")) for i, a in enumerate(plan.appendices))),
    ]
    for kind, items in kinds:
        seen: set[str] = set()
        for ident, path in items:
            if ident is None:
                continue
            if ident in seen:
                c.report(path, f"Mã {kind} '{ident}' bị dùng hai lần.",
                         "Mỗi mã chỉ dùng cho một mục; đổi một trong hai.")
            seen.add(ident)


def _task_ids(plan: Plan) -> Iterator[tuple[str | None, Path]]:
    for i, task in enumerate(plan.tasks):
        yield task.id, ("nhiem_vu", i, "id")
    for i, group in enumerate(plan.task_groups):
        yield group.id, ("nhom_nhiem_vu", i, "id")
        for j, task in enumerate(group.tasks):
            yield task.id, ("nhom_nhiem_vu", i, "nhiem_vu", j, "id")


def _check_markup(c: _Checker) -> None:
    for path, text in _texts(c.plan):
        try:
            parse_inline(text)
        except MarkupError as exc:
            c.report(path, str(exc))


def _texts(plan: Plan) -> Iterator[tuple[Path, str]]:
    """Every text of the plan that may carry inline markup, with its path."""
    yield ("loi_dan",), plan.lead_in or ""
    for i, basis in enumerate(plan.bases):
        yield ("can_cu", i, "noi_dung"), basis.text or ""
    for section, path, _ in _sections_with_paths(plan.parts, ("phan",)):
        yield (*path, "van_ban"), section.text or ""
        yield from _block_texts(section.blocks, (*path, "doan"))
        yield from _block_texts(section.blocks_after, (*path, "doan_cuoi"))
    for i, text in enumerate(plan.closing):
        yield ("loi_ket", i), text
    for i, appendix in enumerate(plan.appendices):
        yield from _block_texts(appendix.blocks, ("phu_luc", i, "noi_dung"))
    for i, task in enumerate(plan.tasks):
        yield ("nhiem_vu", i, "noi_dung"), task.content
    for i, group in enumerate(plan.task_groups):
        for j, task in enumerate(group.tasks):
            yield ("nhom_nhiem_vu", i, "nhiem_vu", j, "noi_dung"), task.content


def _block_texts(blocks: Sequence[object], path: Path) -> Iterator[tuple[Path, str]]:
    for i, block in enumerate(blocks):
        if isinstance(block, str):
            yield (*path, i), block
        elif isinstance(block, BulletList):
            yield from _bullet_texts(block.items, (*path, i, "gach_dau_dong"))
        elif isinstance(block, TableBlock):
            table = block.table
            for r, row in enumerate(table.rows):
                for k, cell in enumerate(row.cells):
                    yield (*path, i, "bang", "dong", r, k), cell.text
            for n, note in enumerate(table.notes):
                note_path = (*path, i, "bang", "ghi_chu", n)
                if isinstance(note, str):
                    yield note_path, note
                else:
                    yield from _bullet_texts(note.items, (*note_path, "gach_dau_dong"))


def _bullet_texts(items: list[str | BulletItem], path: Path) -> Iterator[tuple[Path, str]]:
    for i, item in enumerate(items):
        if isinstance(item, str):
            yield (*path, i), item
        else:
            yield (*path, i, "van_ban"), item.text
            yield from _bullet_texts(item.items, (*path, i, "gach_dau_dong"))


def _check_kpis(c: _Checker) -> None:
    """KPIs: known or named, targets within 0–100% and for known groups, rules computable."""
    groups = {g.id for g in c.plan.unit_groups}
    kpis = effective_kpis(c.plan)
    for i, (own, kpi) in enumerate(zip(c.plan.kpis, kpis, strict=True)):
        if not kpi.name:
            c.report(("chi_tieu", i), f"Chỉ tiêu '{own.id or ''}' chưa có tên và không có trong "
                     "danh mục data/chi-tieu.yaml.", "Thêm 'ten', hoặc dùng mã có trong danh mục.")
        for j, target in enumerate(own.targets):
            path: Path = ("chi_tieu", i, "muc_tieu", j)
            if target.group and target.group not in groups:
                c.report((*path, "nhom"), f"Không có nhóm đơn vị mã '{target.group}'.",
                         "Các nhóm: " + (", ".join(sorted(groups)) or "(chưa khai báo "
                                         "'nhom_don_vi')") + ".")
            limit = target.rule.cap if target.rule else target.value
            if (kpi.measure or "%") == "%" and limit is not None and not 0 <= limit <= 100:
                c.report((*path, "quy_tac" if target.rule else "gia_tri"),
                         f"Chỉ tiêu tính bằng % phải trong khoảng 0–100 (đang là {limit}).")
    book = build_book(c.plan)
    for problem in book.problems:
        c.report(problem.path, problem.message, problem.hint)
    _check_kpi_tables(c, set(book.kpis))
    mapping = c.plan.data_mapping
    if mapping is not None:
        for key in mapping.kpis:
            if key not in book.kpis:
                c.report(("du_lieu", "chi_tieu", key), f"Không có chỉ tiêu mã '{key}'.",
                         "Các chỉ tiêu: " + ", ".join(book.kpis) + ".")


def _check_kpi_tables(c: _Checker, known: set[str]) -> None:
    for i, appendix in enumerate(c.plan.appendices):
        for j, block in enumerate(appendix.blocks):
            if not isinstance(block, KpiTableBlock):
                continue
            path: Path = ("phu_luc", i, "noi_dung", j, "bang_chi_tieu")
            for k, kpi in enumerate(block.table.kpis):
                if kpi not in known:
                    c.report((*path, "chi_tieu", k), f"Không có chỉ tiêu mã '{kpi}'.",
                             "Các chỉ tiêu: " + (", ".join(sorted(known)) or "(chưa có)") + ".")
            if block.table.kind == "theo_nhom" and not c.plan.unit_groups:
                c.report(path, "Bảng theo_nhom cần 'nhom_don_vi'.",
                         "Khai báo các nhóm đơn vị ở cấp ngoài cùng của tệp.")

"""A checked plan seen as items a reviewer talks about, each with its stable key and fields.

Sections, task groups, tasks, KPIs and each of their targets, bases, appendices and the rows
of typed tables become :class:`Item` values: a key that survives renumbering (the item's id,
written by the clerk or derived from its own words, see :mod:`generator.ids`), the number a
reader sees ("mục 2.3", "nhiệm vụ 1.2"), the container it sits in, and its fields in the
plan's words. Document details (number, date, signer, recipients) are kept apart.

Everything is taken from the plan after inheritance and from the KPI book, so an inherited
task and a computed target compare like typed ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.check import CheckedPlan
from generator.ids import slugify
from generator.inline import Footnote, MarkupError, parse_inline, plain_text
from generator.kpi.book import Value
from generator.model import (
    Appendix,
    BulletItem,
    BulletList,
    ContentBlock,
    Kpi,
    KpiTableBlock,
    Markup,
    Plan,
    Section,
    Table,
    TableBlock,
    Task,
    TaskGroup,
    TaskTableBlock,
)
from generator.reference import Reference
from generator.resolve.body import lists_tasks_only
from generator.resolve.citations import citable_documents, cite_all
from generator.resolve.front import closing, header
from generator.resolve.references import target_text
from generator.resolve.tables import period_text
from generator.vnformat import roman

FieldValue = str | tuple[str, ...]
"""A field is a text, or a list of names compared as a set ("+ Sở Tài chính")."""

KIND_NAMES = {
    "basis": "Căn cứ", "section": "Mục", "task_group": "Nhóm nhiệm vụ", "task": "Nhiệm vụ",
    "kpi": "Chỉ tiêu", "target": "Chỉ tiêu", "result": "Kết quả", "unit_group": "Nhóm đơn vị",
    "appendix": "Phụ lục", "table": "Bảng", "row": "Dòng bảng", "text": "Đoạn",
}
"""How a reviewer calls each kind of item."""


@dataclass(frozen=True)
class Item:
    """One thing in a plan a reviewer can point at."""

    kind: str
    key: str
    number: str
    """Where a reader finds it: "2.3" for a section, "1.2" for a task, "" when unnumbered."""
    parent: str
    """The key of what holds it: items are moved within or between containers."""
    name: str
    """A few words that name it in a message: a title, the first words of a task."""
    fields: tuple[tuple[str, FieldValue], ...]


@dataclass(frozen=True)
class PlanItems:
    """A plan as items in document order, and its document details."""

    items: tuple[Item, ...]
    details: tuple[tuple[str, FieldValue], ...]


def _lines(text: str) -> str:
    """Spaces normalised within each line; line breaks kept (they print)."""
    return "\n".join(" ".join(line.split()) for line in text.strip().split("\n"))


def _text(markup: str | None) -> str:
    """The words of a formatted text (its formatting is compared apart: ``formatting``)."""
    return _lines(plain_text(markup)) if markup else ""


def _literal(text: str | None) -> str:
    """A text printed exactly as typed (titles, names): its ``*`` are words too."""
    return _lines(text) if text else ""


def formatting(*texts: str | None) -> tuple[str, ...]:
    """What plain text hides: the words in bold or italic, and the footnotes, of fields
    written with markup ("đậm: ngày 28/3/2024", "chú thích: Theo …"), compared as a list."""
    parts: list[str] = []
    for text in texts:
        if not text:
            continue
        try:
            inlines = parse_inline(Markup(text))
        except MarkupError:
            continue
        for item in inlines:
            if isinstance(item, Footnote):
                parts.append(f"chú thích: {_text(''.join(s.text for s in item.spans))}")
            elif (item.bold or item.italic) and item.text.strip():
                kind = "đậm nghiêng" if item.bold and item.italic else \
                    "đậm" if item.bold else "nghiêng"
                parts.append(f"{kind}: {' '.join(item.text.split())}")
    return tuple(parts)


TABLE_NAMES = {"bang": "bảng", "bang-nhiem-vu": "bảng nhiệm vụ", "bang-chi-tieu": "bảng chỉ tiêu"}

SKIPPED = frozenset({"id", "notes", "header", "rows"})
"""Parts of a table compared elsewhere (its rows, header and notes)."""


def settings(model: BaseModel) -> str:
    """A model's options that differ from their defaults, in its YAML words:
    "kieu: theo_moc; chi_tieu: a, b; don_vi: Xã A"."""
    data = model.model_dump(by_alias=True, exclude_defaults=True, mode="json",
                            exclude=set(SKIPPED & set(type(model).model_fields)))
    return "; ".join(f"{key}: {_setting(value)}" for key, value in data.items())


def _setting(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_setting(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_setting(v)}" for k, v in value.items())
    return str(value)


def _note_markups(notes: Sequence[Markup | BulletList]) -> Iterator[str]:
    for note in notes:
        if isinstance(note, str):
            yield note
        else:
            yield from _bullet_markups(note.items)


def _header(block: ContentBlock) -> str:
    if not isinstance(block, TableBlock):
        return ""
    return "\n".join(" | ".join(_text(c.text) for c in row) for row in block.table.header)


def _cell_markups(block: ContentBlock) -> list[str]:
    if isinstance(block, TableBlock):
        return [c.text for row in block.table.header for c in row] + \
            [c.text for row in block.table.rows for c in row.cells] + \
            [str(row.group) for row in block.table.rows if row.group]
    if isinstance(block, KpiTableBlock):
        return [str(g.title) for g in block.table.groups]
    return []


def _block_markups(blocks: Sequence[ContentBlock]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            out.append(block)
        elif isinstance(block, BulletList):
            out.extend(_bullet_markups(block.items))
    return out


def _bullet_markups(items: Sequence[Markup | BulletItem]) -> Iterator[str]:
    for item in items:
        if isinstance(item, str):
            yield item
        else:
            yield item.text
            yield from _bullet_markups(item.items)


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _fields(*pairs: tuple[str, FieldValue | None]) -> tuple[tuple[str, FieldValue], ...]:
    return tuple((name, value) for name, value in pairs if value not in (None, "", ()))


def block_text(blocks: Sequence[ContentBlock]) -> str:
    """Paragraphs and bullets as lines of plain text; tables are items of their own."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            lines.append(_text(block))
        elif isinstance(block, BulletList):
            lines.extend(_bullets(block.items, 0))
    return "\n".join(lines)


def _bullets(items: Sequence[Markup | BulletItem], depth: int) -> Iterator[str]:
    mark = "-" if depth == 0 else "+"
    for item in items:
        text = item if isinstance(item, str) else item.text
        yield f"{mark} {_text(text)}"
        if isinstance(item, BulletItem):
            yield from _bullets(item.items, depth + 1)


class _Collector:
    def __init__(self, checked: CheckedPlan, reference: Reference) -> None:
        self.plan = checked.plan
        self.book = checked.book
        self.reference = reference
        self.items: list[Item] = []
        self.task_refs: dict[str, list[str]] = {"*": []}
        """Task reference (a task id, a group id, "*") → the task ids it lists."""
        for group in self.plan.all_task_groups():
            ids = [t.id or "" for t in group.tasks]
            if group.id:
                self.task_refs[group.id] = ids
            for task_id in ids:
                self.task_refs[task_id] = [task_id]
            self.task_refs["*"].extend(ids)

    def add(self, kind: str, key: str, number: str, parent: str, name: str,
            fields: tuple[tuple[str, FieldValue], ...]) -> None:
        self.items.append(Item(kind, key, number, parent, name, fields))

    def bases(self) -> None:
        documents = citable_documents(self.plan, self.reference.legal_documents)
        for index, basis in enumerate(self.plan.bases, start=1):
            cited = _text(basis.text) if basis.text else cite_all(
                basis.documents, documents, grouped=basis.grouped)
            text = f"{basis.verb} {cited}" + (f" {_text(basis.suffix)}" if basis.suffix else "")
            self.add("basis", basis.id or str(index), str(index), "", _short(text),
                     _fields(("nội dung", text),
                             ("định dạng", formatting(basis.text, basis.suffix))))
        if self.plan.lead_in:
            self.add("text", "loi_dan", "", "", "Lời dẫn",
                     _fields(("nội dung", _text(self.plan.lead_in)),
                             ("định dạng", formatting(self.plan.lead_in))))

    def sections(self, sections: Sequence[Section], parent: str, prefix: str,
                 first: int = 1) -> None:
        index = first - 1
        for section in sections:
            if lists_tasks_only(section):  # its tasks take the numbers at its place
                index += self.listed_count(section.tasks)
                continue
            index += 1
            number = f"{prefix}{index}"
            key = section.id or number
            name = _literal(section.heading()) or _text(section.text) or section.kind or number
            self.add("section", key, number, parent, _short(name), _fields(
                ("tiêu đề", _literal(section.title)), ("văn bản", _text(section.text)),
                ("đơn vị", section.unit), ("nội dung", block_text(section.blocks)),
                ("nhiệm vụ liệt kê", tuple(section.tasks)),
                ("đoạn cuối", block_text(section.blocks_after)),
                ("định dạng", formatting(section.text, *_block_markups(section.blocks),
                                         *_block_markups(section.blocks_after)))))
            self.tables([*section.blocks, *section.blocks_after], key)
            self.sections(section.children, key, f"{number}.",
                          1 + self.listed_count(section.tasks))

    def listed_count(self, refs: Sequence[str]) -> int:
        """How many tasks a section lists: they take the first numbers under it."""
        return len({task_id for ref in refs for task_id in self.task_refs.get(ref, [])})

    def tables(self, blocks: Sequence[ContentBlock], parent: str) -> None:
        """Each table a block holds: its settings, header, notes and formatting; the rows
        of a typed table as items of their own, inside it."""
        seen: dict[str, int] = {}
        tables = [b for b in blocks if isinstance(b, TableBlock | TaskTableBlock |
                                                  KpiTableBlock)]
        for position, block in enumerate(tables, start=1):
            table = block.table
            kind = "bang" if isinstance(block, TableBlock) else \
                "bang-nhiem-vu" if isinstance(block, TaskTableBlock) else "bang-chi-tieu"
            head = " | ".join(_literal(c.text) for row in block.table.header for c in row) \
                if isinstance(block, TableBlock) else ""
            slug = table.id or slugify(head or kind)
            seen[slug] = seen.get(slug, 0) + 1
            key = f"{parent}/{slug}" + (f"-{seen[slug]}" if seen[slug] > 1 else "")
            notes = list(_note_markups(table.notes))
            fields = _fields(("thiết lập", settings(table)), ("tiêu đề bảng", _header(block)),
                             ("ghi chú", "\n".join(_text(n) for n in notes)),
                             ("định dạng", formatting(*notes, *_cell_markups(block))))
            self.add("table", key, str(position), parent, _short(head) or TABLE_NAMES[kind],
                     fields)
            if isinstance(block, TableBlock):
                self.rows(block.table, key)

    def rows(self, table: Table, container: str) -> None:
        for index, row in enumerate(table.rows, start=1):
            cells = tuple(_text(cell.text) for cell in row.cells)
            text = _text(row.group) if row.group is not None else " | ".join(cells)
            self.add("row", row.id or str(index), str(index), container, _short(text),
                     _fields(("nhóm", _text(row.group)), ("nội dung", " | ".join(cells)),
                             ("ô gộp", " ".join(f"{c + 1}:{cell.colspan}x{cell.rowspan}"
                                                for c, cell in enumerate(row.cells)
                                                if cell.colspan > 1 or cell.rowspan > 1))))

    def tasks(self) -> None:
        groups: list[TaskGroup] = self.plan.all_task_groups()
        numbered = len(groups) > 1 or any(g.name for g in groups)
        for g, group in enumerate(groups, start=1):
            group_key = group.id or ""
            if group.id:
                self.add("task_group", group.id, str(g), "", _short(_text(group.name)),
                         _fields(("tên", _text(group.name)), ("ghi chú", _text(group.note)),
                                 ("định dạng", formatting(group.name, group.note))))
            for t, task in enumerate(group.tasks, start=1):
                self.task(task, f"{g}.{t}" if numbered else str(t), group_key)

    def task(self, task: Task, number: str, parent: str) -> None:
        self.add("task", task.id or number, number, parent, _short(_text(task.content)),
                 _fields(("nội dung", _text(task.content)),
                         ("đơn vị chủ trì", tuple(task.lead)),
                         ("đơn vị phối hợp", tuple(task.partners)),
                         ("thời gian", period_text(task.due) if task.due else None),
                         ("sản phẩm", _text(task.product)), ("ghi chú", _text(task.note)),
                         ("định dạng", formatting(task.content, task.product, task.note))))

    def kpis(self) -> None:
        for index, (key, kpi) in enumerate(self.book.kpis.items(), start=1):
            name = kpi.short_name or kpi.name or key
            self.add("kpi", key, str(index), "", name, _kpi_fields(kpi))
            in_force = {target_key(v): v for v in self.book.targets.get(key, ())}
            for ident, value in in_force.items():  # the last of a repeated scope is in force
                self.add("target", ident, "", key, f"'{name}' {self.scope(value)}",
                         _fields(("giá trị", shown_target(value, kpi))))
            known = {target_key(v): v for v in self.book.results.get(key, ())}
            for ident, value in known.items():
                self.add("result", ident, "", key, f"'{name}' {self.scope(value)}",
                         _fields(("giá trị", shown_target(value, kpi))))

    def unit_groups(self) -> None:
        for index, group in enumerate(self.plan.unit_groups, start=1):
            self.add("unit_group", group.id, str(index), "", group.name,
                     _fields(("tên", group.name), ("khối", group.block), ("cấp", group.level),
                             ("đơn vị", tuple(group.units))))

    def scope(self, value: Value) -> str:
        who = value.unit or value.group or self.reference.level_name(value.level) or "chung"
        return f"{who}, {value.milestone}" if value.milestone else who

    def appendices(self) -> None:
        for index, appendix in enumerate(self.plan.appendices, start=1):
            key = appendix.id or str(index)
            number = appendix.numeral or roman(index)  # as the document labels it
            self.add("appendix", key, number, "", _short(_appendix_title(appendix)),
                     _fields(("tiêu đề", _appendix_title(appendix)),
                             ("hướng trang", "ngang" if appendix.orientation == "ngang"
                              else "dọc"), ("nội dung", block_text(appendix.blocks)),
                             ("dòng kèm theo", "có" if appendix.attached_line else "không"),
                             ("định dạng", formatting(*_block_markups(appendix.blocks)))))
            self.tables(appendix.blocks, key)

    def closing_text(self) -> None:
        for index, text in enumerate(self.plan.closing, start=1):
            self.add("text", f"loi_ket/{index}", "", "", f"Đoạn kết {index}",
                     _fields(("nội dung", _text(text)), ("định dạng", formatting(text))))


def _appendix_title(appendix: Appendix) -> str:
    return " ".join(appendix.title.split())


def _kpi_fields(kpi: Kpi) -> tuple[tuple[str, FieldValue], ...]:
    return _fields(("tên", kpi.name), ("tên ngắn", kpi.short_name),
                   ("đơn vị tính", kpi.measure), ("tử số", kpi.numerator_means),
                   ("mẫu số", kpi.denominator_means),
                   ("căn cứ giao", kpi.basis if isinstance(kpi.basis, str | None)
                    else tuple(kpi.basis)),
                   ("đơn vị chủ trì", tuple(kpi.lead)), ("đơn vị phối hợp", tuple(kpi.partners)))


def target_key(value: Value) -> str:
    """A target is known by its KPI, whom it binds and when: two plans' targets for the same
    scope are the same target, whatever its value."""
    scope = (f"don_vi={value.unit}" if value.unit else f"nhom={value.group}" if value.group
             else f"cap={value.level}" if value.level else "chung")
    return f"{value.kpi}|{scope}|{value.milestone or ''}"


def shown_target(value: Value, kpi: Kpi) -> str:
    """A target as a reviewer reads it: "40%", "≤ 5%", "duy trì 100%", "(chưa tính được)"."""
    if value.value is None:
        return "(chưa tính được)"
    return f"{'duy trì ' if value.maintain else ''}{target_text(value, kpi, 'tu_dong')}"


def details(plan: Plan) -> tuple[tuple[str, FieldValue], ...]:
    """Number, date, title, signer and recipients, as the document prints them."""
    head, end = header(plan), closing(plan)
    return _fields(
        ("cơ quan chủ quản", head.parent_line),
        ("cơ quan ban hành", " ".join(head.issuer_lines)),
        ("tên đầy đủ", plan.issuer.full_name),
        ("số, ký hiệu", head.number_line), ("địa danh, ngày", head.place_date),
        ("tên loại", head.doc_type), ("trích yếu", " ".join(head.summary.split())),
        ("thẩm quyền ký", " / ".join(end.authority_lines)),
        ("người ký", end.signer_name),
        ("nơi nhận", tuple(plan.recipients.names)),
        ("dòng trước nơi nhận", plan.recipients.lead),
        ("lưu", plan.recipients.archive),
        ("trình bày", settings(plan.style)))


def plan_items(checked: CheckedPlan, reference: Reference) -> PlanItems:
    """Every item of a plan in document order, and its document details."""
    collector = _Collector(checked, reference)
    collector.bases()
    collector.sections(checked.plan.parts, "", "")
    collector.closing_text()
    collector.tasks()
    collector.kpis()
    collector.unit_groups()
    collector.appendices()
    return PlanItems(tuple(collector.items), details(checked.plan))

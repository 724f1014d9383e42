"""The editor's forms, built from the plan's data: what clerks edit most, each field bound
to its YAML path, so a save changes that path only and a diagnostic finds its field.

Everything else in the file (tables, rules, data mappings, comments) stays in the YAML
tab; the form never writes what it does not show.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from generator.web.yamledit import Path, value_at

KINDS = ("text", "area", "lines", "units", "number", "raw")
"""How a field's text becomes a YAML value: ``text`` one line, ``area`` several, ``lines``
a list (one item a line), ``units`` a list of names split at ';', ``number`` a figure,
``raw`` a short YAML value as written ({thang: 8, nam: 2022})."""


@dataclass
class Field:
    """One input: its label, YAML path, kind, and the text it shows."""

    label: str
    path: Path
    kind: str
    text: str
    wide: bool = False

    @property
    def path_json(self) -> str:
        """The path as the page carries it."""
        return json.dumps(list(self.path), ensure_ascii=False)


@dataclass
class Item:
    """A list item with its fields, deletable as a whole."""

    title: str
    path: Path
    fields: list[Field]
    items: list[Item] = field(default_factory=list)
    adds: list[Add] = field(default_factory=list)
    note: str = ""
    table: Rows | None = None

    @property
    def path_json(self) -> str:
        """The path as the page carries it."""
        return json.dumps(list(self.path), ensure_ascii=False)


@dataclass
class Rows:
    """Items shown as the rows of one table, a column for each field (tasks: content,
    lead, cooperating units, time, product), as clerks see them in a plan's appendix."""

    columns: list[str]
    rows: list[Item]


@dataclass
class Add:
    """A button appending a new item to a list."""

    label: str
    path: Path
    item: Any

    @property
    def path_json(self) -> str:
        """The path as the page carries it."""
        return json.dumps(list(self.path), ensure_ascii=False)

    @property
    def item_json(self) -> str:
        """The new item as the page carries it."""
        return json.dumps(self.item, ensure_ascii=False)


@dataclass
class Tab:
    """A group of the form (Văn bản, Căn cứ, Nội dung…)."""

    key: str
    title: str
    fields: list[Field] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    adds: list[Add] = field(default_factory=list)
    note: str = ""
    table: Rows | None = None


def shown(value: Any, kind: str) -> str:
    """A YAML value as its field's text."""
    if value is None:
        return ""
    if kind == "lines":
        return "\n".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if kind == "units":
        return "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if kind == "raw" and isinstance(value, dict | list):
        return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False,
                              width=10_000).strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parsed(text: str, kind: str) -> Any:
    """A field's text as the YAML value to store; empty is no value (the key removed)."""
    text = text.replace("\r\n", "\n")
    if not text.strip():
        return None
    if kind == "lines":
        return [line.strip() for line in text.split("\n") if line.strip()]
    if kind == "units":
        names = [name.strip() for name in text.replace("\n", ";").split(";") if name.strip()]
        return names[0] if len(names) == 1 else names
    if kind == "number":
        try:
            number = Decimal(text.strip().replace(",", "."))
        except InvalidOperation:
            return text.strip()  # kept as typed: the check says what is wrong with it
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == "raw":
        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError:
            return text.strip()
        return value if isinstance(value, dict | list | int | float) else text.strip()
    if kind == "text":
        return " ".join(text.split("\n")).strip()
    return text.strip()


def _f(data: Any, label: str, path: Path, kind: str = "text", wide: bool = False) -> Field:
    value = value_at(data, path)
    if kind in ("text", "area") and isinstance(value, list) and \
            all(isinstance(v, str) for v in value):
        kind = "lines"  # written as a list (one paragraph each): kept a list
    elif kind in ("text", "area", "number") and isinstance(value, dict | list):
        kind = "raw"  # a shape the form does not know: shown and kept as written
    return Field(label, path, kind, shown(value, kind), wide)


def _list(data: Any, path: Path) -> Iterator[tuple[int, Any]]:
    value = value_at(data, path)
    if isinstance(value, list):
        yield from enumerate(value)


def document_tab(data: Any) -> Tab:
    """Số, ngày, cơ quan, trích yếu, lời dẫn."""
    return Tab("van-ban", "Văn bản", [
        _f(data, "Tên cơ quan (mỗi dòng một dòng in)", ("co_quan", "ten"), "lines"),
        _f(data, "Cấp (xa, huyen, tinh, so…)", ("co_quan", "cap")),
        _f(data, "Ký hiệu cơ quan", ("co_quan", "ky_hieu")),
        _f(data, "Địa danh", ("co_quan", "dia_danh")),
        _f(data, "Số (để trống khi là dự thảo)", ("so",)),
        _f(data, "Ngày ban hành (2024-04-08 hoặc {thang: 8, nam: 2022})", ("ngay_ban_hanh",),
           "raw"),
        _f(data, "Trích yếu", ("trich_yeu",), "area", wide=True),
        _f(data, "Lời dẫn", ("loi_dan",), "area", wide=True),
        _f(data, "Lời kết", ("loi_ket",), "area", wide=True),
    ])


def bases_tab(data: Any) -> Tab:
    """Căn cứ: each with its verb and documents; new ones from the registry search."""
    tab = Tab("can-cu", "Căn cứ", note="Tìm văn bản trong danh mục để thêm căn cứ; văn bản "
              "khai báo đầy đủ sửa ở thẻ YAML.")
    for i, basis in _list(data, ("can_cu",)):
        path: Path = ("can_cu", i)
        if isinstance(basis, str):
            tab.items.append(Item(f"Căn cứ {i + 1}", path, [
                Field("Văn bản (mã trong danh mục)", path, "text", basis)]))
            continue
        documents = basis.get("van_ban") if isinstance(basis, dict) else None
        fields = [_f(data, "Từ mở đầu", (*path, "dong_tu"))]
        if isinstance(documents, str | list) and all(isinstance(d, str) for d in
                                                     ([documents] if isinstance(documents, str)
                                                      else documents)):
            fields.append(_f(data, "Văn bản (mã, cách nhau bằng ;)", (*path, "van_ban"),
                             "units"))
            tab.items.append(Item(f"Căn cứ {i + 1}", path, fields))
        else:
            tab.items.append(Item(f"Căn cứ {i + 1}", path, fields,
                                  note=_summary(documents)))
    return tab


def _summary(documents: Any) -> str:
    docs = documents if isinstance(documents, list) else [documents]
    out = []
    for doc in docs:
        if isinstance(doc, dict):
            out.append(" ".join(str(doc.get(k, "")) for k in ("loai", "so_hieu", "ma",
                                                               "trich_yeu") if doc.get(k)))
        else:
            out.append(str(doc))
    return "; ".join(out) + " (sửa chi tiết ở thẻ YAML)"


def _blocks(data: Any, path: Path) -> tuple[list[Item], list[Add]]:
    items: list[Item] = []
    for j, block in _list(data, path):
        where: Path = (*path, j)
        if isinstance(block, str):
            items.append(Item(f"Đoạn {j + 1}", where, [Field("Đoạn văn", where, "area",
                                                             block, True)]))
        elif isinstance(block, dict) and isinstance(block.get("gach_dau_dong"), list) and \
                all(isinstance(x, str) for x in block["gach_dau_dong"]):
            items.append(Item(f"Gạch đầu dòng {j + 1}", where, [
                _f(data, "Mỗi dòng một gạch đầu dòng", (*where, "gach_dau_dong"), "lines",
                   True)]))
        else:
            items.append(Item(f"Khối {j + 1}", where, [], note="Bảng hoặc khối đặc biệt: "
                              "sửa ở thẻ YAML."))
    adds = [Add("Thêm đoạn văn", path, "Đoạn văn mới."),
            Add("Thêm gạch đầu dòng", path, {"gach_dau_dong": ["Ý mới."]})]
    return items, adds


def _section(data: Any, path: Path, label: str, depth: int) -> Item:
    item = Item(label, path, [_f(data, "Tiêu đề", (*path, "tieu_de")),
                              _f(data, "Văn bản ngay sau tiêu đề", (*path, "van_ban"),
                                 "area", True)])
    item.items, item.adds = _blocks(data, (*path, "doan"))
    if depth < 2:
        for k, _ in _list(data, (*path, "muc")):
            item.items.append(_section(data, (*path, "muc", k), f"{label}.{k + 1}",
                                       depth + 1))
        item.adds.append(Add("Thêm mục con", (*path, "muc"), {"tieu_de": "Mục mới"}))
    return item


def sections_tab(data: Any) -> Tab:
    """Phần, mục, đoạn văn, gạch đầu dòng."""
    tab = Tab("noi-dung", "Nội dung")
    for i, _ in _list(data, ("phan",)):
        tab.items.append(_section(data, ("phan", i), f"Phần {i + 1}", 1))
    tab.adds.append(Add("Thêm phần", ("phan",), {"tieu_de": "PHẦN MỚI",
                                                  "doan": ["Đoạn văn mới."]}))
    return tab


TASK_FIELDS = (("Nội dung", "noi_dung", "area"), ("Chủ trì", "chu_tri", "units"),
               ("Phối hợp", "phoi_hop", "units"), ("Thời gian", "thoi_gian", "text"),
               ("Sản phẩm", "san_pham", "text"))


def _task_rows(data: Any, path: Path, number: str) -> Rows:
    """The tasks of a list as table rows, numbered as the plan numbers them."""
    rows = [Item(f"{number}{t + 1}", (*path, t), [
        _f(data, label, (*path, t, key), kind) for label, key, kind in TASK_FIELDS])
        for t, _ in _list(data, path)]
    return Rows([label for label, _, _ in TASK_FIELDS], rows)


def _holds_key(value: Any, key: str) -> bool:
    """Whether ``key`` is a key anywhere in ``value`` (mappings inside lists inside …)."""
    if isinstance(value, dict):
        return key in value or any(_holds_key(v, key) for v in value.values())
    if isinstance(value, list):
        return any(_holds_key(v, key) for v in value)
    return False


PRINTING_TASKS = ("Nhiệm vụ chỉ được in khi có chỗ in chúng: bấm '+ Thêm phụ lục bảng nhiệm "
                  "vụ' ở thẻ Phụ lục (bảng mọi nhiệm vụ), hoặc ở thẻ YAML ghi nhiem_vu: ['*'] "
                  "vào phần nói về nhiệm vụ.")
"""The tab's note while no part lists tasks and no appendix has a task table: the form's
way to print them (the check says the same at the task, in the file's words)."""


def tasks_tab(data: Any) -> Tab:
    """Nhóm nhiệm vụ and their tasks, as table rows."""
    printed = _holds_key(value_at(data, ("phan",)), "nhiem_vu") or \
        _holds_key(value_at(data, ("phu_luc",)), "bang_nhiem_vu")
    tab = Tab("nhiem-vu", "Nhiệm vụ", note="" if printed else PRINTING_TASKS)
    new_task = {"noi_dung": "Nhiệm vụ mới", "chu_tri": "Đơn vị chủ trì", "thoi_gian": "Năm"}
    if value_at(data, ("nhiem_vu",)) is not None or value_at(data, ("nhom_nhiem_vu",)) is None:
        tab.table = _task_rows(data, ("nhiem_vu",), "")
        tab.adds.append(Add("Thêm nhiệm vụ", ("nhiem_vu",), new_task))
    for g, _ in _list(data, ("nhom_nhiem_vu",)):
        group: Path = ("nhom_nhiem_vu", g)
        item = Item(f"Nhóm {g + 1}", group, [_f(data, "Tên nhóm", (*group, "ten"), wide=True)],
                    table=_task_rows(data, (*group, "nhiem_vu"), f"{g + 1}."))
        item.adds.append(Add("Thêm nhiệm vụ", (*group, "nhiem_vu"), new_task))
        tab.items.append(item)
    tab.adds.append(Add("Thêm nhóm nhiệm vụ", ("nhom_nhiem_vu",),
                        {"ten": "Nhóm nhiệm vụ mới", "nhiem_vu": [new_task]}))
    return tab


def kpis_tab(data: Any) -> Tab:
    """Chỉ tiêu and their targets."""
    tab = Tab("chi-tieu", "Chỉ tiêu", note="Mã trùng danh mục chỉ tiêu thì tên, cách tính "
              "lấy từ danh mục.")
    for k, _ in _list(data, ("chi_tieu",)):
        kpi: Path = ("chi_tieu", k)
        item = Item(f"Chỉ tiêu {k + 1}", kpi, [
            _f(data, "Mã", (*kpi, "id")), _f(data, "Tên", (*kpi, "ten"), wide=True),
            _f(data, "Tên ngắn", (*kpi, "ten_ngan")),
            _f(data, "Đơn vị tính", (*kpi, "don_vi_tinh"))])
        for m, target in _list(data, (*kpi, "muc_tieu")):
            where: Path = (*kpi, "muc_tieu", m)
            if not isinstance(target, dict):
                continue
            fields = [_f(data, "Giá trị", (*where, "gia_tri"), "number"),
                      _f(data, "Mốc", (*where, "moc"))]
            fields += [_f(data, label, (*where, key)) for label, key in
                       (("Nhóm đơn vị", "nhom"), ("Đơn vị", "don_vi")) if key in target]
            item.items.append(Item(f"Mục tiêu {m + 1}", where, fields))
        item.adds.append(Add("Thêm mục tiêu", (*kpi, "muc_tieu"), {"gia_tri": 100}))
        tab.items.append(item)
    tab.adds.append(Add("Thêm chỉ tiêu", ("chi_tieu",),
                        {"id": "chi-tieu-moi", "ten": "Tên chỉ tiêu mới", "don_vi_tinh": "%",
                         "muc_tieu": [{"gia_tri": 100}]}))
    return tab


def appendices_tab(data: Any) -> Tab:
    """Phụ lục: titles and orientation; tables are edited in the YAML tab."""
    tab = Tab("phu-luc", "Phụ lục", note="Bảng trong phụ lục sửa ở thẻ YAML.")
    for a, _ in _list(data, ("phu_luc",)):
        where: Path = ("phu_luc", a)
        tab.items.append(Item(f"Phụ lục {a + 1}", where, [
            _f(data, "Tiêu đề (mỗi dòng một dòng in)", (*where, "tieu_de"), "area", True),
            _f(data, "Hướng trang (doc hoặc ngang)", (*where, "huong"))]))
    tab.adds.append(Add("Thêm phụ lục bảng nhiệm vụ", ("phu_luc",),
                        {"tieu_de": "CÁC NHIỆM VỤ CỤ THỂ", "huong": "ngang",
                         "noi_dung": [{"bang_nhiem_vu": {}}]}))
    return tab


def closing_tab(data: Any) -> Tab:
    """Người ký and Nơi nhận."""
    return Tab("ky-nhan", "Người ký, nơi nhận", [
        _f(data, "Thay mặt (TM.)", ("nguoi_ky", "thay_mat")),
        _f(data, "Ký thay (KT.)", ("nguoi_ky", "ky_thay")),
        _f(data, "Chức vụ", ("nguoi_ky", "chuc_vu")),
        _f(data, "Họ tên", ("nguoi_ky", "ho_ten")),
        _f(data, "Dòng đầu Nơi nhận (mặc định 'Nơi nhận:')", ("noi_nhan", "dau")),
        _f(data, "Nơi nhận (mỗi dòng một nơi)", ("noi_nhan", "danh_sach"), "lines", True),
        _f(data, "Lưu", ("noi_nhan", "luu")),
    ])


def tabs(data: Any) -> list[Tab]:
    """Every tab of the form, in the order of the document."""
    return [document_tab(data), bases_tab(data), sections_tab(data), tasks_tab(data),
            kpis_tab(data), appendices_tab(data), closing_tab(data)]

"""The body of a plan: a tree of sections whose numbers are computed, holding blocks.

A clerk never types "I.", "1.1." or "a)": the depth of a section in the tree and the plan's
numbering style decide. Blocks are what a section says: paragraphs (inline **bold**,
*italic*, ^[footnote]), bullet lists, tables, task tables.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Tag

from generator.model.base import ItemId, Markup, Model, NonEmptyStr, field
from generator.model.bullets import BulletList
from generator.model.tables import KpiTable, Table, TaskTable


class TableBlock(Model):
    """A free table placed in the body or an appendix."""

    table: Table = field("bang", "Bảng nhập tay.")


class TaskTableBlock(Model):
    """A table of the plan's tasks."""

    table: TaskTable = field("bang_nhiem_vu", "Bảng nhiệm vụ lấy từ 'nhiem_vu'.")


class KpiTableBlock(Model):
    """A table of the plan's KPIs, targets computed and results filled in."""

    table: KpiTable = field("bang_chi_tieu", "Bảng chỉ tiêu lấy từ 'chi_tieu'.")


_BLOCK_KEYS = {
    "gach_dau_dong": "<gach>",
    "bang": "<bang>",
    "bang_nhiem_vu": "<bang_nv>",
    "bang_chi_tieu": "<bang_ct>",
}


def block_kind(value: Any) -> str | None:
    """Which kind of block a YAML value is, by its shape and its one distinguishing key."""
    if isinstance(value, str):
        return "<doan>"
    if isinstance(value, dict):
        for key, tag in _BLOCK_KEYS.items():
            if key in value:
                return tag
    return None


ContentBlock = Annotated[
    Annotated[Markup, Tag("<doan>")]
    | Annotated[BulletList, Tag("<gach>")]
    | Annotated[TableBlock, Tag("<bang>")]
    | Annotated[TaskTableBlock, Tag("<bang_nv>")]
    | Annotated[KpiTableBlock, Tag("<bang_ct>")],
    Discriminator(
        block_kind,
        custom_error_type="kehoach",
        custom_error_message="Mỗi khối nội dung là một đoạn văn (chuỗi) hoặc có một trong "
        "các khóa: gach_dau_dong, bang, bang_nhiem_vu, bang_chi_tieu.",
    ),
]

SectionKind = Literal[
    "muc_dich_yeu_cau", "muc_dich", "yeu_cau", "ket_qua", "can_cu_phap_ly", "noi_dung",
    "muc_tieu", "chi_tieu", "nhiem_vu", "giai_phap", "thoi_gian", "kinh_phi",
    "to_chuc_thuc_hien", "che_do_bao_cao", "khac",
]


class Section(Model):
    """A numbered part of the body: "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "1.1. …", "a) …"."""

    id: ItemId | None = field("id", "Mã ổn định (tự sinh từ tiêu đề nếu bỏ trống).", None)
    kind: SectionKind | None = field("loai", "Loại phần, để công cụ nhận ra: muc_dich, "
                                     "nhiem_vu, kinh_phi, to_chuc_thuc_hien…", None)
    title: str | None = field("tieu_de", "Tiêu đề (in đậm), không ghi số thứ tự.", None)
    text: Markup | None = field("van_ban", "Văn bản ngay sau số thứ tự (sau tiêu đề và dấu ':' "
                             "nếu có tiêu đề).", None)
    unit: str | None = field("don_vi", "Đơn vị mà phần này giao nhiệm vụ (phần Tổ chức thực "
                             "hiện); làm tiêu đề nếu không có 'tieu_de'.", None)
    blocks: list[ContentBlock] = field("doan", "Các đoạn văn, gạch đầu dòng, bảng của phần "
                                       "này.", [])
    tasks: list[NonEmptyStr] = field("nhiem_vu", "Liệt kê các nhiệm vụ (mã nhiệm vụ hoặc mã "
                                     "nhóm) thành các mục con có dòng chủ trì, phối hợp…", [])
    children: list[Section] = field("muc", "Các mục con (được đánh số tự động).", [])
    blocks_after: list[ContentBlock] = field("doan_cuoi", "Các đoạn đứng sau các mục con.", [])
    source: ItemId | None = field("nguon", "Mã của mục tương ứng trong kế hoạch cấp trên "
                                  "(ghi khi kế thừa).", None)

    def heading(self) -> str | None:
        """The heading text shown after the number: the title, else the unit's name."""
        return self.title or self.unit

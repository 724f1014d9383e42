"""Tables: free tables with merged header cells and group rows, and tables made from data.

A free table (``bang``) is typed cell by cell. A task table (``bang_nhiem_vu``) is made from
the plan's ``nhiem_vu`` so the task list is written once and shown as body text, as a table,
or both.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator

from generator.model.base import ItemId, Markup, Model, NonEmptyStr, field
from generator.model.bullets import Note

Align = Literal["trai", "giua", "phai", "deu"]


class Column(Model):
    """A column: its fixed width and how its body cells are aligned."""

    width_mm: float = field("rong", "Độ rộng cột, tính bằng mm.", gt=3, le=300)
    align: Align = field("can", "Căn lề ô dữ liệu: trai, giua, phai, deu.", "trai")


def _cell(value: Any) -> Any:
    if isinstance(value, str | int | float):
        return {"noi_dung": str(value)}
    return value


class Cell(Model):
    """A table cell; it may span columns (``gop_cot``) and rows (``gop_dong``), in the header
    and in the body (the rows below then list one cell fewer for each column it covers)."""

    text: Markup = field("noi_dung", "Nội dung ô (có thể xuống dòng, in đậm **…**, nghiêng *…*).",
                      "")
    colspan: int = field("gop_cot", "Số cột ô này chiếm (mặc định 1).", 1, ge=1, le=50)
    rowspan: int = field("gop_dong", "Số dòng ô này chiếm (mặc định 1).", 1, ge=1, le=10)
    align: Align | None = field("can", "Căn lề riêng cho ô này.", None)
    bold: bool = field("dam", "In đậm cả ô.", False)


CellIn = Annotated[Cell, BeforeValidator(_cell, json_schema_input_type=str | float | Cell)]


def _row(value: Any) -> Any:
    if isinstance(value, list):
        return {"o": value}
    return value


class Row(Model):
    """A body row: cells, or a group heading (``nhom``) spanning the whole table."""

    id: ItemId | None = field("id", "Mã ổn định của dòng (tự sinh nếu bỏ trống).", None)
    cells: list[CellIn] = field("o", "Các ô của dòng, theo thứ tự cột.", [])
    group: Markup | None = field("nhom", "Dòng nhóm (được đánh số I, II, III khi bảng có STT).",
                              None)

RowIn = Annotated[Row, BeforeValidator(_row, json_schema_input_type=list[str | float | Cell] | Row)]


class Table(Model):
    """A free table, as in the seeds' appendices."""

    id: ItemId | None = field("id", "Mã ổn định của bảng.", None)
    columns: list[Column] = field("cot", "Các cột (độ rộng, căn lề), từ trái sang phải.",
                                  min_length=1)
    header: list[list[CellIn]] = field("dau_bang", "Các dòng tiêu đề (lặp lại mỗi trang); ô "
                                       "gộp dùng gop_cot/gop_dong.", [])
    rows: list[RowIn] = field("dong", "Các dòng dữ liệu.", [])
    numbered: bool = field("danh_so", "Tự đánh số cột đầu (STT): 1, 2, 3…; dòng nhóm I, II…; "
                           "khi đó các dòng không ghi ô STT.", False)
    notes: list[Note] = field("ghi_chu", "Các đoạn ghi chú ngay dưới bảng (đoạn văn hoặc "
                              "gach_dau_dong).", [])


TaskField = Literal["noi_dung", "chu_tri", "phoi_hop", "san_pham", "thoi_gian", "ghi_chu"]


class TaskTable(Model):
    """A table made from the plan's tasks (the Bắc Kạn Phụ lục II shape)."""

    id: ItemId | None = field("id", "Mã ổn định của bảng.", None)
    groups: list[NonEmptyStr] = field("nhom", "Chỉ lấy các nhóm nhiệm vụ này (theo mã); mặc "
                                      "định lấy tất cả.", [])
    fields: list[TaskField] = field(
        "cot", "Các cột sau cột STT, theo thứ tự.",
        ["noi_dung", "chu_tri", "phoi_hop", "san_pham", "thoi_gian"], min_length=1)
    headings: dict[TaskField, NonEmptyStr] = field("tieu_de_cot", "Đổi tiêu đề một cột, ví dụ "
                                                   "san_pham: Dự kiến kết quả.", {})
    widths_mm: list[float] = field("rong", "Độ rộng các cột (mm), kể cả cột STT; bỏ trống thì "
                                   "cột STT cố định, các cột khác theo nội dung.", [])
    group_numbers: Literal["la_ma", "so", "chu", "khong"] = field(
        "so_nhom", "Số của dòng nhóm: la_ma (I, II), so (1, 2), chu (A, B), khong.", "la_ma")
    task_numbers: Literal["so", "so_con", "khong"] = field(
        "so_nhiem_vu", "Số của nhiệm vụ trong nhóm: so (1, 2, đánh lại mỗi nhóm), so_con "
        "(1.1, 1.2 theo số nhóm), khong.", "so")
    lone_unnumbered: bool = field("mot_nhiem_vu_khong_so", "Nhóm chỉ có một nhiệm vụ thì nhiệm "
                                  "vụ đó không đánh số.", False)
    group_bold: bool = field("nhom_dam", "In đậm cả dòng nhóm (mặc định); false: theo định "
                             "dạng viết trong tên nhóm.", True)
    notes: list[Note] = field("ghi_chu", "Các đoạn ghi chú ngay dưới bảng (đoạn văn hoặc "
                              "gach_dau_dong).", [])

KpiTableKind = Literal["theo_moc", "theo_nhom", "giao_chi_tieu", "tien_do"]
KpiColumn = Literal["stt", "chi_tieu", "chu_tri", "phoi_hop", "don_vi_tinh", "muc_tieu",
                    "can_cu"]
"""The columns of a ``giao_chi_tieu`` table, left to right."""


class KpiRowGroup(Model):
    """A group row (I, II, III) of a ``giao_chi_tieu`` table and the KPIs under it."""

    title: Markup = field("ten", "Tên nhóm, in ở dòng nhóm (có thể in đậm, nghiêng).")
    kpis: list[NonEmptyStr] = field("chi_tieu", "Các chỉ tiêu (mã) của nhóm, theo thứ tự.",
                                    min_length=1)


class SuperHeading(Model):
    """A heading over several adjacent columns: "Năm 2024" over "Đơn vị tính | Chỉ tiêu"."""

    title: NonEmptyStr = field("tieu_de", "Tiêu đề chung của các cột.")
    columns: list[KpiColumn] = field("cot", "Các cột liền nhau nằm dưới tiêu đề này.",
                                     min_length=2)


class KpiTable(Model):
    """A table made from the plan's KPIs (chỉ tiêu), in one of the seeds' shapes."""

    id: ItemId | None = field("id", "Mã ổn định của bảng.", None)
    kind: KpiTableKind = field(
        "kieu", "theo_moc: mỗi chỉ tiêu một nhóm cột (kết quả năm trước, chỉ tiêu từng mốc) — "
        "như Phụ lục II Ia Ake; theo_nhom: mỗi dòng một nhóm đơn vị — như Phụ lục I Bắc Kạn; "
        "giao_chi_tieu: mỗi dòng một chỉ tiêu (chủ trì, phối hợp, đơn vị tính, chỉ tiêu, căn "
        "cứ); tien_do: kết quả thực hiện so với chỉ tiêu (cần --data).")
    kpis: list[NonEmptyStr] = field("chi_tieu", "Các chỉ tiêu (mã), theo thứ tự cột/dòng; mặc "
                                    "định tất cả.", [])
    units: list[NonEmptyStr] = field("don_vi", "theo_moc: các đơn vị (mỗi đơn vị một dòng).",
                                     [])
    unit_heading: str = field("tieu_de_don_vi", "Tiêu đề cột đơn vị.", "Đơn vị")
    milestone: str | None = field("moc", "Chỉ lấy chỉ tiêu của mốc này.", None)
    level: str | None = field("cap", "Chỉ lấy chỉ tiêu của cấp này.", None)
    widths_mm: list[float] = field("rong", "Độ rộng các cột (mm); bỏ trống thì theo nội dung: "
                                   "đủ cho từ dài nhất, tiêu đề vài dòng, ô ngắn một dòng.", [])
    groups: list[KpiRowGroup] = field(
        "nhom_chi_tieu", "giao_chi_tieu: các nhóm chỉ tiêu (dòng nhóm I, II, III; số thứ tự "
        "đánh lại từ 1 trong mỗi nhóm).", [])
    headings: dict[KpiColumn, NonEmptyStr] = field(
        "tieu_de_cot", "giao_chi_tieu: đổi tiêu đề cột, ví dụ {muc_tieu: Chỉ tiêu năm 2024, "
        "can_cu: Căn cứ}. Các cột: stt, chi_tieu, chu_tri, phoi_hop, don_vi_tinh, muc_tieu, "
        "can_cu.", {})
    super_headings: list[SuperHeading] = field(
        "tieu_de_gop", "giao_chi_tieu: tiêu đề chung trên nhiều cột liền nhau, ví dụ "
        "[{tieu_de: Năm 2024, cot: [don_vi_tinh, muc_tieu]}].", [])
    notes: list[Note] = field("ghi_chu", "Các đoạn ghi chú ngay dưới bảng.", [])

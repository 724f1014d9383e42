"""Căn cứ: the legal bases and the directives a plan implements.

A basis names its documents structurally (or by a key into the registry,
``generator/reference/van-ban-phap-ly.yaml``) so the tool composes the citation sentence in
the one correct form; free text remains possible for the odd case.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator

from generator.model.base import (
    CalendarDate,
    ItemId,
    Markup,
    Model,
    NonEmptyStr,
    field,
    one_or_many,
)


class LegalDocument(Model):
    """One legal or administrative document, as it is cited."""

    kind: NonEmptyStr = field("loai", "Loại văn bản: Luật, Nghị định, Quyết định, Thông tư, "
                              "Nghị quyết, Kế hoạch, Công văn, Thông báo…")
    number: str | None = field("so_hieu", "Số, ký hiệu: 45/2020/NĐ-CP. Luật không cần.", None,
                               pattern=r"^\S+$")
    date: CalendarDate | None = field("ngay", "Ngày ban hành: 2020-04-08 hoặc 08/4/2020.", None)
    issuer: str | None = field("co_quan_ban_hanh", "Cơ quan/người ban hành như khi trích dẫn: "
                               "Chính phủ, Thủ tướng Chính phủ, UBND tỉnh…", None)
    title: str | None = field("trich_yeu", "Trích yếu như khi trích dẫn, kể cả chữ đầu "
                              "('về việc…', 'quy định…').", None)
    name: str | None = field("ten", "Tên của Luật/Bộ luật: 'Luật Lưu trữ'. Luật được trích "
                             "bằng tên và ngày.", None)
    long_date: bool = field("ngay_day_du", "Ghi ngày dạng 'ngày 30 tháng 12 năm 2021' thay vì "
                            "'30/12/2021'.", False)
    replaced_by: str | None = field("thay_the_boi", "Văn bản đã thay thế văn bản này (nếu "
                                    "có); trích dẫn văn bản đã bị thay thế sẽ bị cảnh báo.", None)

    def is_law(self) -> bool:
        """A Luật/Bộ luật is cited by its name and date only (no number)."""
        return self.kind.casefold() in {"luật", "bộ luật"}


DocumentRef = NonEmptyStr | LegalDocument
"""A registry key (``nd-45-2020``) or a document written out in the plan."""


class Basis(Model):
    """One "Căn cứ …" or "Thực hiện …" paragraph."""

    id: ItemId | None = field("id", "Mã ổn định (tự sinh nếu bỏ trống).", None)
    verb: NonEmptyStr = field("dong_tu", "Từ mở đầu: 'Căn cứ' (mặc định) hoặc 'Thực hiện'.",
                              "Căn cứ")
    documents: Annotated[list[DocumentRef], BeforeValidator(
        one_or_many, json_schema_input_type=DocumentRef | list[DocumentRef])] = field(
        "van_ban", "Văn bản được trích: mã trong danh mục (nd-45-2020) hoặc khai báo đầy đủ; "
        "nhiều văn bản được nối bằng 'và'.", [])
    grouped: bool = field("gop", "Trích chung các văn bản cùng loại, cùng cơ quan đứng liền "
                          "nhau: 'Các Công văn của Bộ …: số 09/… ngày … và số 1284/… ngày …'.",
                          False)
    text: Markup | None = field("noi_dung", "Viết tay toàn bộ phần sau từ mở đầu, thay cho "
                             "'van_ban'.", None)
    suffix: Markup | None = field("ghi_them", "Phần viết thêm sau trích dẫn, ví dụ "
                               "'(viết tắt là Đề án 06)'.", None)
    ending: Literal[";", ".", ",", ":"] | None = field(
        "ket_thuc", "Dấu kết thúc đoạn, nếu muốn khác mặc định.", None)

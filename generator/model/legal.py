"""Căn cứ: the legal bases and the directives a plan implements.

A basis names its documents structurally (or by a key into the registry,
``generator/reference/van-ban-phap-ly.yaml``) so the tool composes the citation sentence in
the one correct form; free text remains possible for the odd case. A document the plan
writes out may be given an ``id`` and cited again anywhere by it; a registry document may be
cited in the plan's own words (:class:`RegistryCitation`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Discriminator,
    ModelWrapValidatorHandler,
    PrivateAttr,
    Tag,
    model_validator,
)

from generator.model.base import (
    ItemId,
    Markup,
    Model,
    NonEmptyStr,
    calendar_date,
    field,
    one_or_many,
)

_WRITTEN_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
"""A date as the plan writes it (``05/08/2022``), which the citation prints as typed."""

CitedDate = Annotated[dt.date | None, BeforeValidator(
    calendar_date, json_schema_input_type=dt.date | str | None)]
"""A document's date: ``2020-04-08``, or as the plan writes it (``08/4/2020``), kept so;
checked on the calendar either way (:func:`generator.model.base.calendar_date`)."""


def _names(value: Any) -> Any:
    """Several issuers as a list, joined as Vietnamese writes them: "A, B và C"."""
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        names = [" ".join(v.split()) for v in value]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]
    return value


Issuers = Annotated[str | None, BeforeValidator(
    _names, json_schema_input_type=str | list[str] | None)]
"""One issuer, or several: a text is printed as typed ("Bộ A, Bộ B và Bộ C"), a list joined
so."""


class _WrittenDate(Model):
    """Remembers how the plan wrote a document's date (``05/08/2022``) so the citation prints
    it so; a date written ``2022-08-05`` is printed the usual way (``05/8/2022``)."""

    _written_date: str | None = PrivateAttr(None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_written_date(cls, data: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        written = data.get("ngay") if isinstance(data, dict) else None
        document = handler(data)
        if isinstance(written, str) and _WRITTEN_DATE.fullmatch(written.strip()):
            document._written_date = written.strip()
        return document

    @property
    def written_date(self) -> str | None:
        """The date as the plan typed it (``05/08/2022``), if it typed it so."""
        return self._written_date


class LegalDocument(_WrittenDate):
    """One legal or administrative document, as it is cited."""

    id: ItemId | None = field("id", "Mã do kế hoạch đặt để trích lại văn bản này ở chỗ khác: "
                              "{van_ban:MÃ} trong đoạn văn, 'can_cu_giao' của chỉ tiêu (lần "
                              "đầu đầy đủ, các lần sau ngắn gọn).", None)
    kind: NonEmptyStr = field("loai", "Loại văn bản: Luật, Nghị định, Quyết định, Thông tư, "
                              "Nghị quyết, Kế hoạch, Công văn, Thông báo…")
    number: str | None = field("so_hieu", "Số, ký hiệu: 45/2020/NĐ-CP. Luật không cần.", None,
                               pattern=r"^\S+$")
    date: CitedDate = field("ngay", "Ngày ban hành: 2020-04-08, hoặc như kế hoạch viết "
                            "(08/4/2020, 05/08/2022), được in đúng như gõ.", None)
    issuer: Issuers = field("co_quan_ban_hanh", "Cơ quan/người ban hành như khi trích dẫn: "
                            "Chính phủ, Thủ tướng Chính phủ, UBND tỉnh…; nhiều cơ quan: "
                            "'Bộ A, Bộ B và Bộ C' (in đúng như gõ) hoặc một danh sách.", None)
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


class RegistryCitation(_WrittenDate):
    """A registry document cited in the plan's own words (``{ma: KEY, trich_yeu: …}``).

    What is given here replaces, for this citation only, what the registry (or the plan's
    own declaration with ``id``) says."""

    key: NonEmptyStr = field("ma", "Mã văn bản trong danh mục (nd-45-2020), hoặc 'id' của một "
                             "văn bản kế hoạch đã khai báo.")
    title: str | None = field("trich_yeu", "Trích yếu theo lời của kế hoạch, thay cho lời của "
                              "danh mục ('về thực hiện TTHC…').", None)
    issuer: Issuers = field("co_quan_ban_hanh", "Cơ quan ban hành theo lời của kế hoạch.", None)
    date: CitedDate = field("ngay", "Ngày như kế hoạch viết (05/08/2022): phải là ngày của văn "
                            "bản, chỉ đổi cách in.", None)
    long_date: bool | None = field("ngay_day_du", "Ghi ngày dạng 'ngày 08 tháng 4 năm 2020'.",
                                   None)

    def applied_to(self, document: LegalDocument) -> LegalDocument:
        """``document`` as this citation words it."""
        update = {name: value for name, value in (("title", self.title), ("issuer", self.issuer),
                                                  ("long_date", self.long_date))
                  if value is not None}
        worded = document.model_copy(update=update)
        if self.written_date is not None:
            worded._written_date = self.written_date
        return worded


def _document_kind(value: Any) -> str:
    if isinstance(value, str):
        return "<ma>"
    return "<trich>" if isinstance(value, dict) and "ma" in value else "<van_ban>"


DocumentRef = Annotated[
    Annotated[NonEmptyStr, Tag("<ma>")]
    | Annotated[LegalDocument, Tag("<van_ban>")]
    | Annotated[RegistryCitation, Tag("<trich>")],
    Discriminator(_document_kind)]
"""A registry key (``nd-45-2020``) or a declared id, a document written out in the plan, or
a registry document in the plan's own words (``{ma: …, trich_yeu: …}``)."""


class Basis(Model):
    """One "Căn cứ …" or "Thực hiện …" paragraph."""

    id: ItemId | None = field("id", "Mã ổn định (tự sinh nếu bỏ trống).", None)
    verb: NonEmptyStr = field("dong_tu", "Từ mở đầu: 'Căn cứ' (mặc định) hoặc 'Thực hiện'.",
                              "Căn cứ")
    documents: Annotated[list[DocumentRef], BeforeValidator(
        one_or_many, json_schema_input_type=DocumentRef | list[DocumentRef])] = field(
        "van_ban", "Văn bản được trích: mã trong danh mục (nd-45-2020) hoặc khai báo đầy đủ; "
        "{ma: …, trich_yeu: …} trích văn bản trong danh mục theo lời của kế hoạch; nhiều văn "
        "bản được nối bằng ',' và 'và'.", [])
    grouped: bool | NonEmptyStr = field(
        "gop", "Trích chung nhiều văn bản sau một từ mở đầu. true: các văn bản cùng loại, cùng "
        "cơ quan đứng liền nhau → 'các Công văn của Bộ …: số 09/… ngày … và số 1284/… ngày …'; "
        "một lời: lời của kế hoạch cho cả nhóm, in đúng như gõ → 'gop: các Công văn hướng dẫn "
        "của Bộ …' (mỗi văn bản bỏ loại và cơ quan mà mọi văn bản cùng có).", False)
    text: Markup | None = field("noi_dung", "Viết tay toàn bộ phần sau từ mở đầu, thay cho "
                             "'van_ban'.", None)
    suffix: Markup | None = field("ghi_them", "Phần viết thêm sau trích dẫn, ví dụ "
                               "'(viết tắt là Đề án 06)'.", None)
    ending: Literal[";", ".", ",", ":"] | None = field(
        "ket_thuc", "Dấu kết thúc đoạn, nếu muốn khác mặc định.", None)

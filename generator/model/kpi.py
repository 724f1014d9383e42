"""Chỉ tiêu: KPIs as data: how each is measured, its targets (given or by rule), results.

A KPI may name an entry of the catalogue (``generator/reference/chi-tieu.yaml``) by its id
and inherit its name, formula and legal basis; whatever the plan writes wins. Targets are
given per level, unit, group of units and milestone, or computed by a rule from last year's
result and the central target, so the YAML holds the inputs, not the answers.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ModelWrapValidatorHandler, PrivateAttr, model_validator

from generator.model.base import ItemId, Model, Names, NonEmptyStr, custom_error, field
from generator.vnread import NumberError, number_pattern, read_number


def _number(written: str) -> Decimal:
    """A figure typed as text, read the way :func:`generator.vnread.read_number` reads it."""
    try:
        return read_number(written)
    except NumberError as exc:
        raise custom_error("kehoach", exc.message, exc.hint) from None


def _written_number(value: Any) -> Any:
    """A result typed as text (``"96,7"``, ``"1.234.567"``) read as a number; ``"1.234"``,
    which a Vietnamese reader and YAML read differently, is refused with both readings."""
    return _number(value) if isinstance(value, str) else value


Number = Annotated[Decimal, BeforeValidator(_written_number,
                                            json_schema_input_type=Decimal | str)]
"""A figure: a number, or text in the forms :func:`generator.vnread.read_number` reads."""


class Rule(Model):
    """How a target is computed instead of typed (the guide's page "Chỉ tiêu và bảng chỉ tiêu")."""

    kind: Literal["vuot_trung_uong", "noi_suy"] = field(
        "loai", "vuot_trung_uong: kết quả năm trước < chỉ tiêu Trung ương thì bằng chỉ tiêu "
        "Trung ương + cộng thêm, ngược lại bằng max(kết quả, chỉ tiêu TW) + cộng thêm, không "
        "quá trần; noi_suy: nội suy theo số ngày giữa hai mốc.")
    result_milestone: str | None = field("ket_qua_moc", "Mốc của kết quả năm trước (trong "
                                         "'ket_qua'), ví dụ 'Năm 2023'.", None)
    central_milestone: str | None = field("trung_uong_moc", "Mốc của chỉ tiêu Trung ương (trong "
                                          "'muc_tieu'), ví dụ 'Năm 2024'.", None)
    add: Number = field("cong_them", "Số điểm % cộng thêm.", Decimal(10), ge=0, le=100)
    cap: Number = field("tran", "Không vượt quá giá trị này.", Decimal(100), ge=0)
    start_milestone: str | None = field("tu_moc", "noi_suy: mốc bắt đầu (kết quả hoặc chỉ "
                                        "tiêu).", None)
    end_milestone: str | None = field("den_moc", "noi_suy: mốc đích (chỉ tiêu).", None)


class Scope(Model):
    """For whom a value holds: a level, a unit, a group of units; and when (milestone)."""

    level: str | None = field("cap", "Cấp: tinh, huyen, xa…", None)
    unit: str | None = field("don_vi", "Đơn vị (tên).", None)
    group: str | None = field("nhom", "Nhóm đơn vị (mã trong 'nhom_don_vi').", None)
    milestone: str | None = field("moc", "Mốc thời gian: 'Năm 2024', '50 ngày'…", None)


_TYPED_TARGET = re.compile(
    r"^\s*(?P<op>>=|≥|<=|≤|>|<|=|trên|dưới|tối thiểu|tối đa|phấn đấu|đúng)?\s*"
    rf"(?P<number>{number_pattern()})\s*(?P<percent>%)?\s*$", re.IGNORECASE)
_TYPED_COMPARISON = {">=": "toi_thieu", "≥": "toi_thieu", "<=": "toi_da", "≤": "toi_da",
                     ">": "tren", "<": "duoi", "=": "bang", "trên": "tren", "dưới": "duoi",
                     "tối thiểu": "toi_thieu", "tối đa": "toi_da", "phấn đấu": "phan_dau",
                     "đúng": "bang"}
TYPED_FORMS = ("40, 40.5, 40,5, 1.234.567, 40%, > 95, ≥ 50, <= 5, trên 40%, tối thiểu 50%, "
               "phấn đấu 60%")


def _typed_target(data: Any) -> Any:
    """``gia_tri: "> 95"`` or ``"40%"`` as a clerk types it: the figure, and the comparison
    moved to ``so_sanh`` (which must agree if it is also given)."""
    if not isinstance(data, dict) or not isinstance(data.get("gia_tri"), str):
        return data
    typed = _TYPED_TARGET.match(data["gia_tri"])
    if typed is None:
        raise custom_error("kehoach", f"Giá trị chỉ tiêu '{data['gia_tri']}' không đọc được. "
                           f"Viết một số, có thể kèm dấu so sánh: {TYPED_FORMS}; hoặc ghi "
                           "so sánh ở 'so_sanh' (toi_thieu, toi_da, bang, tren, duoi, "
                           "phan_dau).")
    out = {**data, "gia_tri": typed["number"]}  # read by the field (:data:`Number`)
    if typed["op"]:
        word = _TYPED_COMPARISON[typed["op"].lower()]
        given = data.get("so_sanh")
        if given is not None and given != word:
            raise custom_error("kehoach", f"Giá trị '{data['gia_tri']}' nói so_sanh: {word}, "
                               f"nhưng 'so_sanh' ghi {given}: giữ một trong hai.")
        out["so_sanh"] = word
    return out


class Target(Scope):
    """One target value: typed (``gia_tri``) or computed (``quy_tac``)."""

    value: Number | None = field("gia_tri", "Giá trị chỉ tiêu: số (40, 40.5, 40,5, 1.234.567), "
                                 "có thể kèm so sánh và '%': '> 95', 'trên 40%'.", None)
    rule: Rule | None = field("quy_tac", "Tính chỉ tiêu theo quy tắc thay vì gõ số.", None)
    compare: Literal["toi_thieu", "toi_da", "bang", "tren", "duoi", "phan_dau"] = field(
        "so_sanh", "Ý nghĩa: toi_thieu (mặc định, ≥), toi_da (≤), bang (=), tren (>), duoi (<), "
        "phan_dau (mục tiêu phấn đấu, đánh giá như ≥ nhưng không là mức sàn cho cấp dưới).",
        "toi_thieu")
    maintain: bool = field("duy_tri", "Đạt ở mốc này và duy trì trong thời gian tiếp theo.",
                           False)
    basis: str | None = field("can_cu", "Căn cứ riêng của giá trị này (mã văn bản hoặc lời).",
                              None)
    _written: str | None = PrivateAttr(None)
    """``gia_tri`` as typed, when it was text ("80 %"): the check stage compares its "%"
    with the KPI's unit of measure, which the KPI may inherit from the catalogue."""

    @model_validator(mode="wrap")
    @classmethod
    def _typed(cls, data: Any, handler: ModelWrapValidatorHandler[Target]) -> Target:
        target = handler(_typed_target(data))
        if isinstance(data, dict) and isinstance(data.get("gia_tri"), str):
            target._written = data["gia_tri"]
        return target

    @property
    def written(self) -> str | None:
        """``gia_tri`` as typed, when it was text."""
        return self._written

    def typed_percent(self) -> bool:
        """Whether the value was typed with a "%" sign ("80 %")."""
        return self._written is not None and "%" in self._written


class Result(Scope):
    """A result already known (last year's, say): a value, or the counts b and a."""

    value: Number | None = field("gia_tri", "Kết quả: số (96.7, 96,7, 1.234.567).", None)
    numerator: int | None = field("tu_so", "Tử số b (đếm được).", None, ge=0)
    denominator: int | None = field("mau_so", "Mẫu số a (đếm được).", None, ge=0)


def _targets(value: Any) -> Any:
    if isinstance(value, int | float | str):
        return [{"gia_tri": value}]
    return value


class Kpi(Model):
    """A KPI (chỉ tiêu) declared once and referred to by id."""

    id: ItemId | None = field("id", "Mã ổn định; trùng mã trong danh mục chi-tieu.yaml thì "
                              "kế thừa định nghĩa từ danh mục.", None)
    name: str | None = field("ten", "Tên chỉ tiêu (bắt buộc nếu không có trong danh mục).",
                             None)
    short_name: str | None = field("ten_ngan", "Tên ngắn dùng làm tiêu đề cột bảng.", None)
    measure: str | None = field("don_vi_tinh", "Đơn vị tính: %, hồ sơ, TTHC… (mặc định %).",
                                None)
    numerator_means: str | None = field("tu_so", "Ý nghĩa tử số b (chỉ tiêu tỷ lệ b/a × 100).",
                                        None)
    denominator_means: str | None = field("mau_so", "Ý nghĩa mẫu số a.", None)
    higher_is_better: bool | None = field("cao_hon_la_tot", "Giá trị cao hơn là tốt hơn "
                                          "(mặc định có).", None)
    basis: str | list[NonEmptyStr] | None = field(
        "can_cu_giao", "Căn cứ giao chỉ tiêu: mã văn bản trong danh mục, 'id' của văn bản "
        "khai báo trong căn cứ, hoặc lời; một hoặc danh sách (mỗi căn cứ một dòng của ô).",
        None)
    lead: Names = field("chu_tri", "Đơn vị chủ trì thực hiện chỉ tiêu.", [])
    partners: Names = field("phoi_hop", "Đơn vị phối hợp.", [])
    places: int | None = field("so_le", "Số chữ số thập phân khi hiển thị (mặc định 1).", None,
                               ge=0, le=4)
    targets: Annotated[list[Target], BeforeValidator(_targets)] = field(
        "muc_tieu", "Các giá trị chỉ tiêu (theo cấp, đơn vị, nhóm, mốc).", [])
    results: list[Result] = field("ket_qua", "Kết quả đã có (ví dụ năm trước).", [])
    source: ItemId | None = field("nguon", "Mã của mục tương ứng trong kế hoạch cấp trên "
                                  "(ghi khi kế thừa).", None)


class UnitGroup(Model):
    """A group of units that receive the same targets (Bắc Kạn: "Nhóm 1 (5 phòng…)")."""

    id: ItemId = field("id", "Mã nhóm, dùng trong muc_tieu[].nhom.")
    name: NonEmptyStr = field("ten", "Tên nhóm như in trong bảng.")
    block: str | None = field("khoi", "Khối (dòng nhóm I, II của bảng): 'CÁC PHÒNG CHUYÊN "
                              "MÔN (10 đơn vị)'.", None)
    level: str | None = field("cap", "Cấp của các đơn vị trong nhóm.", None)
    units: Names = field("don_vi", "Các đơn vị trong nhóm.", min_length=1)


class Milestone(Model):
    """A point in time targets are set for; days count from the start, for interpolation."""

    name: NonEmptyStr = field("ten", "Tên mốc, đúng như ghi ở 'moc': '50 ngày', 'Năm 2023'.")
    days: int | None = field("so_ngay", "Số ngày kể từ khi bắt đầu (mốc xuất phát là 0).", None,
                             ge=0)


class ResultColumns(Model):
    """Where one KPI's figures are in the results file (by column heading)."""

    numerator: str | None = field("tu_so", "Tiêu đề cột tử số b.", None)
    denominator: str | None = field("mau_so", "Tiêu đề cột mẫu số a.", None)
    value: str | None = field("gia_tri", "Tiêu đề cột kết quả (khi tệp đã có tỷ lệ).", None)


class DataMapping(Model):
    """How to read a results file exported from the public-service portal."""

    sheet: str | None = field("trang", "Tên trang tính (XLSX); mặc định trang đầu.", None)
    header_row: int = field("dong_tieu_de", "Dòng chứa tiêu đề cột (đếm từ 1).", 1, ge=1)
    unit_column: NonEmptyStr = field("cot_don_vi", "Tiêu đề cột tên đơn vị.")
    milestone: str | None = field("moc", "Số liệu tính đến mốc nào (mặc định mốc cuối).", None)
    kpis: dict[str, ResultColumns] = field("chi_tieu", "Mã chỉ tiêu → các cột của nó.",
                                           min_length=1)

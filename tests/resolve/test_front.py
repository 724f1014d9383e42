"""The fixed parts: number line, place and date, căn cứ punctuation, signature, recipients."""

from __future__ import annotations

from generator.inline import Span
from generator.resolve.front import BLANK_NUMBER
from generator.resolve.layout import Para
from generator.vnformat import BLANK_DAY
from tests.helpers.builders import resolved


def _text(para: Para) -> str:
    return "".join(s.text for s in para.inlines if isinstance(s, Span))


def test_number_place_and_date_by_the_decree() -> None:
    header = resolved(so=5, ngay_ban_hanh="06/01/2025").header
    assert (header.number_line, header.place_date) == (
        "Số: 05/KH-UBND", "Tân An, ngày 06 tháng 01 năm 2025")
    draft = resolved(ngay_ban_hanh={"thang": 6, "nam": 2025}).header
    assert draft.number_line == f"Số: {BLANK_NUMBER}/KH-UBND"
    assert draft.place_date == f"Tân An, ngày {BLANK_DAY} tháng 6 năm 2025"


def test_bases_end_with_a_semicolon_and_a_thuc_hien_with_a_full_stop() -> None:
    bases = resolved(can_cu=[{"van_ban": "nd-45-2020"},
                             {"dong_tu": "Thực hiện", "noi_dung": "Kế hoạch số 81/KH-UBND;"}],
                     loi_dan="UBND xã ban hành Kế hoạch như sau:").bases
    texts = [_text(p) for p in bases]
    assert texts[0].startswith("Căn cứ Nghị định số 45/2020/NĐ-CP") and texts[0].endswith(";")
    assert texts[1] == "Thực hiện Kế hoạch số 81/KH-UBND."
    assert texts[2] == "UBND xã ban hành Kế hoạch như sau:" and bases[2].role == "body"


def test_lead_in_joins_the_last_basis_and_the_decree_style_is_italic() -> None:
    joined = resolved(can_cu=[{"noi_dung": "Luật A"}], loi_dan="UBND xã ban hành:",
                      trinh_bay={"loi_dan_noi_tiep": True}).bases
    assert [_text(p) for p in joined] == ["Căn cứ Luật A, UBND xã ban hành:"]
    own = resolved(can_cu=[{"noi_dung": "Luật A", "ket_thuc": ";"}], loi_dan="UBND xã ban "
                   "hành:", trinh_bay={"loi_dan_noi_tiep": True}).bases
    assert [_text(p) for p in own] == ["Căn cứ Luật A; UBND xã ban hành:"]
    rule = resolved(can_cu=[{"noi_dung": "Luật A"}, {"noi_dung": "Luật B"}],
                    trinh_bay={"can_cu": "quy_dinh"}).bases
    assert [(p.role, _text(p)[-1]) for p in rule] == [("basis-italic", ";"),
                                                       ("basis-italic", ".")]


def test_a_suffix_follows_the_citation_and_may_be_formatted() -> None:
    [basis] = resolved(can_cu=[{"van_ban": "nd-45-2020", "ghi_them": "(*viết tắt*)"}]).bases
    assert Span("viết tắt", italic=True) in basis.inlines
    assert _text(basis).endswith("điện tử (viết tắt);")


def test_signature_and_recipients_lines() -> None:
    closing = resolved(nguoi_ky={"thay_mat": "ủy ban nhân dân", "ky_thay": "CHỦ TỊCH",
                                 "chuc_vu": "PHÓ CHỦ TỊCH", "ho_ten": "Vũ Tiến Sơn"},
                       noi_nhan={"danh_sach": ["- UBND huyện (b/c);", "Công an xã"],
                                 "luu": "VT, VP."}).closing
    assert closing.authority_lines == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert closing.recipient_lines == ("- UBND huyện (b/c);", "- Công an xã;", "- Lưu: VT, VP.")


def test_by_order_stands_above_the_deputy() -> None:
    closing = resolved(nguoi_ky={"thua_lenh": "chủ tịch", "ky_thay": "CHÁNH VĂN PHÒNG",
                                 "chuc_vu": "PHÓ CHÁNH VĂN PHÒNG", "ho_ten": "A"}).closing
    assert closing.authority_lines == ("TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG",
                                       "PHÓ CHÁNH VĂN PHÒNG")

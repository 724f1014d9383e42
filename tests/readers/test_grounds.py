"""Căn cứ paragraphs read back as the documents they cite (the fragments of real plans that
taught each case)."""

from __future__ import annotations

from typing import Any

from generator.inline import Span, parse_inline
from generator.readers.blocks import Line
from generator.readers.grounds import recognise_basis
from generator.readers.guesses import Notes


def _read(text: str) -> tuple[dict[str, Any], str, Notes]:
    notes = Notes()
    basis, lead = recognise_basis(Line(text, text, "đoạn 9"), notes)
    return basis, lead, notes


def test_a_luat_cited_with_its_number_keeps_it_and_says_it_is_not_printed() -> None:
    """Đề án 08, Sở Công Thương Lào Cai: "Căn cứ Luật Điện lực số 61/2024/QH15 …"."""
    basis, _, notes = _read("Căn cứ Luật Điện lực số 61/2024/QH15 ngày 30/11/2024;")
    assert basis == {"van_ban": {"loai": "Luật", "ten": "Luật Điện lực", "ngay": "30/11/2024",
                                 "so_hieu": "61/2024/QH15"}}
    assert any("Luật được trích bằng tên và ngày" in line for line in notes.repaired)


def test_a_luat_whose_name_ends_in_so_is_not_cut_there() -> None:
    basis, _, _ = _read("Căn cứ Luật Công nghiệp công nghệ số số 71/2025/QH15 ngày "
                        "14/6/2025;")
    assert basis["van_ban"]["ten"] == "Luật Công nghiệp công nghệ số"


def test_a_lead_in_after_the_full_stop_of_the_last_basis_is_the_lead_in() -> None:
    """Kế hoạch không ma túy 2026, UBND tỉnh Lâm Đồng."""
    basis, lead, _ = _read(
        "Thực hiện Nghị quyết số 05-NQ/TU ngày 08/01/2026 của Tỉnh ủy Lâm Đồng về tăng "
        "cường công tác phòng, chống ma túy. Để tổ chức triển khai đồng bộ, kịp thời, Ủy "
        "ban nhân dân tỉnh ban hành kế hoạch phòng, chống ma túy năm 2026, cụ thể như sau:")
    assert basis["van_ban"]["so_hieu"] == "05-NQ/TU"
    assert lead.startswith("Để tổ chức triển khai đồng bộ")
    assert basis["ket_thuc"] == "."  # kept: the lead-in written on opens with a capital


def test_a_ground_that_cites_no_document_gives_its_lead_in_back() -> None:
    """"Căn cứ chức năng, nhiệm vụ được giao, Sở Công Thương xây dựng Kế hoạch …"."""
    basis, lead, _ = _read("Căn cứ chức năng, nhiệm vụ được giao, Sở Công Thương xây dựng "
                           "Kế hoạch thực hiện Đề án số 08, cụ thể như sau:")
    assert basis == {"noi_dung": "chức năng, nhiệm vụ được giao"}
    assert lead.startswith("Sở Công Thương xây dựng Kế hoạch")


def test_a_document_named_inside_a_summary_stays_in_it() -> None:
    basis, _, _ = _read(
        "Thực hiện Nghị quyết số 50/NQ-CP ngày 13/3/2025 của Chính phủ ban hành kế hoạch "
        "triển khai Nghị quyết số 163/2024/QH15 ngày 27/11/2024 của Quốc hội; Nghị quyết số "
        "05-NQ/TU ngày 08/01/2026 của Tỉnh ủy Lâm Đồng về phòng, chống ma túy;")
    assert [d["so_hieu"] for d in basis["van_ban"]] == ["50/NQ-CP", "05-NQ/TU"]
    assert "Nghị quyết số 163/2024/QH15" in basis["van_ban"][0]["trich_yeu"]


def test_a_document_in_the_registry_is_written_as_its_code() -> None:
    """Đắk Nông 2022: Quyết định 749/QĐ-TTg is in the registry (qd-749-2020)."""
    basis, _, _ = _read(
        "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ về phê "
        "duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030;")
    assert isinstance(basis["van_ban"], dict) and basis["van_ban"]["ma"].startswith("qd-749")
    assert basis["van_ban"]["ngay"] == "03/6/2020"


def test_a_document_the_registry_dates_otherwise_stays_declared() -> None:
    basis, _, _ = _read("Căn cứ Quyết định số 749/QĐ-TTg ngày 04/6/2020 của Thủ tướng Chính "
                        "phủ về phê duyệt Chương trình;")
    assert basis["van_ban"]["so_hieu"] == "749/QĐ-TTg"


def test_a_verb_in_bold_is_cut_from_the_words_and_the_rest_keeps_balanced_marks() -> None:
    # lamdong-phu-luc-bo-sung-so-lieu-cap-tinh: "(" bold, "Kèm theo … Nội vụ" italic, ")" bold
    line = "**(***Kèm theo Công văn số /BNV-CCH của Bộ Nội vụ***)**"
    notes = Notes()
    basis, _ = recognise_basis(Line(line, "(Kèm theo Công văn số /BNV-CCH của Bộ Nội vụ)",
                                    "đoạn 3"), notes)
    assert basis["dong_tu"] == "(Kèm"
    assert basis["noi_dung"] == "*theo Công văn số /BNV-CCH của Bộ Nội vụ***)**"
    assert parse_inline(basis["noi_dung"])[-1] == Span(")", bold=True)
    assert any("(Kèm" in line for line in notes.repaired)

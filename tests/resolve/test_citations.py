"""One citation composer: full on first mention, short after; a Luật by name and date."""

from __future__ import annotations

import datetime as dt

from generator.model import LegalDocument
from generator.reference import load_reference
from generator.resolve.citations import cite, cite_reference

DECREE = LegalDocument.model_validate({
    "loai": "Nghị định", "so_hieu": "45/2020/NĐ-CP", "ngay": dt.date(2020, 4, 8),
    "co_quan_ban_hanh": "Chính phủ", "trich_yeu": "về thực hiện thủ tục hành chính"})
LAW = LegalDocument.model_validate({"loai": "Luật", "ten": "Luật Tổ chức chính quyền địa "
                                    "phương", "ngay": dt.date(2015, 6, 19)})


def test_full_and_short_forms() -> None:
    assert cite(DECREE) == ("Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực "
                            "hiện thủ tục hành chính")
    assert cite(DECREE, "short") == "Nghị định số 45/2020/NĐ-CP"


def test_a_law_is_cited_by_name_and_long_date() -> None:
    assert cite(LAW) == "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"
    assert cite(LAW, "short") == "Luật Tổ chức chính quyền địa phương"


def test_long_date_on_request() -> None:
    long = DECREE.model_copy(update={"long_date": True})
    assert "ngày 08 tháng 4 năm 2020 của Chính phủ" in cite(long)


def test_references_are_registry_keys_documents_or_plain_words() -> None:
    registry = load_reference().legal_documents
    assert cite_reference("nd-45-2020", registry, "short") == "Nghị định số 45/2020/NĐ-CP"
    assert cite_reference(DECREE, registry, "short") == "Nghị định số 45/2020/NĐ-CP"
    assert cite_reference("Kế hoạch này", registry) == "Kế hoạch này"


def test_several_documents_of_one_issuer_are_cited_together() -> None:
    from generator.resolve.citations import cite_all

    ministry = "Bộ Thông tin và Truyền thông"
    letters: list[str | LegalDocument] = [
        LegalDocument.model_validate({"loai": "Công văn", "so_hieu": "09/BTTTT-CĐSQG",
                                      "ngay": dt.date(2024, 1, 3),
                                      "co_quan_ban_hanh": ministry}),
        LegalDocument.model_validate({"loai": "Công văn", "so_hieu": "1284/BTTTT-CĐSQG",
                                      "ngay": dt.date(2024, 3, 28), "co_quan_ban_hanh": ministry,
                                      "trich_yeu": "về việc hướng dẫn triển khai"})]
    registry = load_reference().legal_documents
    assert cite_all(letters, registry).count("của Bộ Thông tin và Truyền thông") == 2
    assert cite_all([*letters, "nd-45-2020"], registry, grouped=True) == (
        "Các Công văn của Bộ Thông tin và Truyền thông: số 09/BTTTT-CĐSQG ngày 03/01/2024 "
        "và số 1284/BTTTT-CĐSQG ngày 28/3/2024 về việc hướng dẫn triển khai và Nghị định số "
        "45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục hành chính trên môi "
        "trường điện tử")


def test_a_ground_that_is_no_document_is_a_basis_of_its_own() -> None:
    from tests.builders import resolved

    [basis] = resolved(can_cu=[{"noi_dung": "kết quả triển khai Chiến dịch thời gian qua"}]).bases
    assert "".join(s.text for s in basis.inlines) == \
        "Căn cứ kết quả triển khai Chiến dịch thời gian qua;"

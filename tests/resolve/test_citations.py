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

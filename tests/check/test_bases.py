"""Rules of the căn cứ: structured or written, known registry keys, citable documents."""

from __future__ import annotations

from generator.check import bases
from generator.check.bases import document_problem
from generator.reference import load_reference
from tests.helpers.builders import findings, messages


def test_a_basis_is_documents_or_text_not_both() -> None:
    both = [{"van_ban": "nd-45-2020", "noi_dung": "Luật"}]
    assert findings(bases.bases_cite_documents_or_text, can_cu=both)[0].path == ("can_cu", 0)
    assert not findings(bases.bases_cite_documents_or_text, can_cu=[{"van_ban": "nd-45-2020"}])


def test_unknown_registry_key_suggests_the_closest() -> None:
    [found] = findings(bases.cited_keys_are_in_the_registry, can_cu=[{"van_ban": "nd-45-202"}])
    assert found.path == ("can_cu", 0, "van_ban")
    assert found.hint == "Có phải ý bạn là 'nd-45-2020'?"


def test_each_of_several_documents_is_located() -> None:
    [found] = findings(bases.cited_keys_are_in_the_registry,
                       can_cu=[{"van_ban": ["nd-45-2020", "khong-co-gi-giong"]}])
    assert found.path == ("can_cu", 0, "van_ban", 1)
    assert "Khai báo đầy đủ" in found.hint


def test_a_replaced_document_is_a_warning() -> None:
    replaced = next(k for k, d in load_reference().legal_documents.items() if d.replaced_by)
    [found] = findings(bases.cited_documents_are_in_force, can_cu=[{"van_ban": replaced}])
    assert found.severity == "cảnh báo" and "đã được thay thế" in found.message


def test_written_documents_need_a_number_or_a_law_its_name() -> None:
    decree = {"loai": "Nghị định", "ngay": "2020-04-08"}
    law = {"loai": "Luật", "ngay": "2015-06-19"}
    assert messages(bases.written_documents_can_be_cited,
                    can_cu=[{"van_ban": decree}, {"van_ban": law}]) == [
        "Văn bản (trừ Luật) cần số, ký hiệu ('so_hieu').",
        "Luật được trích bằng tên: cần khóa 'ten'."]


def test_typing_the_verb_again_is_a_warning() -> None:
    [found] = findings(bases.basis_text_does_not_repeat_its_verb,
                       can_cu=[{"noi_dung": "Căn cứ Luật Tổ chức"}])
    assert found.path == ("can_cu", 0, "noi_dung")


def test_every_registry_entry_can_be_cited() -> None:
    registry = load_reference().legal_documents
    assert {key: document_problem(doc) for key, doc in registry.items()
            if document_problem(doc)} == {}


DECLARED = {"id": "kh-439", "loai": "Kế hoạch", "so_hieu": "439/KH-UBND",
            "co_quan_ban_hanh": "UBND tỉnh Bắc Kạn"}


def test_a_declared_id_is_a_key_the_plan_may_cite() -> None:
    assert not findings(bases.cited_keys_are_in_the_registry,
                        can_cu=[{"van_ban": DECLARED}, {"van_ban": "kh-439"}])
    [found] = findings(bases.cited_keys_are_in_the_registry,
                       can_cu=[{"van_ban": DECLARED}, {"van_ban": {"ma": "kh-493"}}])
    assert found.path == ("can_cu", 1, "van_ban", "ma")
    assert found.hint == "Có phải ý bạn là 'kh-439'?"


def test_a_declared_id_that_is_a_registry_key_is_refused() -> None:
    [found] = findings(bases.declared_ids_are_not_registry_keys,
                       can_cu=[{"van_ban": {**DECLARED, "id": "nd-45-2020"}}])
    assert found.path == ("can_cu", 0, "van_ban", "id")
    assert "{ma: nd-45-2020, trich_yeu: …}" in found.hint


def test_a_date_written_in_a_registry_citation_must_be_the_documents() -> None:
    ok = {"ma": "nd-45-2020", "ngay": "08/04/2020"}
    assert not findings(bases.citation_dates_are_the_documents, can_cu=[{"van_ban": ok}])
    [found] = findings(bases.citation_dates_are_the_documents,
                       can_cu=[{"van_ban": {**ok, "ngay": "09/04/2020"}}])
    assert found.message == "Văn bản 'nd-45-2020' ngày 08/4/2020, không phải 09/04/2020."


def test_grouped_words_must_say_the_kind_and_issuer_the_citations_leave_out() -> None:
    letters = ["cv-797-2022-btttt", "cv-1832-2022-btttt"]
    assert not findings(bases.grouped_words_leave_nothing_out, can_cu=[
        {"van_ban": letters, "gop": "các Công văn hướng dẫn của Bộ Thông tin và Truyền thông"}])
    [found] = messages(bases.grouped_words_leave_nothing_out, can_cu=[
        {"van_ban": letters, "gop": "các văn bản hướng dẫn của Bộ"}])
    assert "'Công văn' và 'Bộ Thông tin và Truyền thông'" in found
    [alone] = findings(bases.grouped_words_leave_nothing_out,
                       can_cu=[{"van_ban": letters[:1], "gop": True}])
    assert alone.path == ("can_cu", 0, "gop")


def test_a_kpi_basis_written_as_a_key_must_name_a_document() -> None:
    """Regression: a misspelt key in can_cu_giao printed as the key itself."""
    kpi = {"id": "x", "ten": "Tỷ lệ X", "can_cu_giao": ["kh-493", "Kế hoạch của tỉnh"]}
    [found] = findings(bases.kpi_bases_name_known_documents, chi_tieu=[kpi],
                       can_cu=[{"van_ban": DECLARED}])
    assert found.path == ("chi_tieu", 0, "can_cu_giao", 0)
    assert found.hint == "Có phải ý bạn là 'kh-439'?"
    assert not findings(bases.kpi_bases_name_known_documents, can_cu=[{"van_ban": DECLARED}],
                        chi_tieu=[{**kpi, "can_cu_giao": ["kh-439", "nq-01-2024-cp"]}])

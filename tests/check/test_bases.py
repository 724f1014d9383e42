"""Rules of the căn cứ: structured or written, known registry keys, citable documents."""

from __future__ import annotations

from generator.check import bases
from generator.check.bases import document_problem
from generator.reference import load_reference
from tests.builders import findings, messages


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

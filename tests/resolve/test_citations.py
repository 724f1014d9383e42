"""One citation composer: full on first mention, short after; a Luật by name and date."""

from __future__ import annotations

import datetime as dt

from generator.inline import Span
from generator.model import LegalDocument
from generator.reference import load_reference
from generator.resolve.citations import cite, cite_reference
from generator.resolve.layout import Para, TableLayout

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
        "các Công văn của Bộ Thông tin và Truyền thông: số 09/BTTTT-CĐSQG ngày 03/01/2024 "
        "và số 1284/BTTTT-CĐSQG ngày 28/3/2024 về việc hướng dẫn triển khai và Nghị định số "
        "45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục hành chính trên môi "
        "trường điện tử")


def test_a_ground_that_is_no_document_is_a_basis_of_its_own() -> None:
    from tests.helpers.builders import resolved

    [basis] = resolved(can_cu=[{"noi_dung": "kết quả triển khai Chiến dịch thời gian qua"}]).bases
    assert "".join(s.text for s in basis.inlines) == \
        "Căn cứ kết quả triển khai Chiến dịch thời gian qua;"


def _bases(**keys: object) -> list[str]:
    from tests.helpers.builders import resolved

    return ["".join(s.text for s in p.inlines if isinstance(s, Span))
            for p in resolved(**keys).bases]


LETTERS = ["cv-797-2022-btttt", "cv-1832-2022-btttt"]


def test_a_group_after_the_verb_begins_in_small_letters() -> None:
    """Regression: "Thực hiện Các Công văn …", a capital in mid-sentence (issue 19)."""
    [text] = _bases(can_cu=[{"dong_tu": "Thực hiện", "van_ban": LETTERS, "gop": True}])
    assert text.startswith("Thực hiện các Công văn của Bộ Thông tin và Truyền thông: số "
                           "797/BTTTT-THH ngày 06/3/2022 về hướng dẫn")
    assert " và số 1832/BTTTT-THH ngày 16/5/2022 về việc đôn đốc" in text


def test_a_group_in_the_plans_own_words_is_printed_as_typed() -> None:
    """One "Căn cứ" over several documents, with the plan's own qualifier."""
    [text] = _bases(can_cu=[{"van_ban": LETTERS, "gop": "các Công văn hướng dẫn của Bộ Thông "
                             "tin và Truyền thông"}])
    assert text.startswith("Căn cứ các Công văn hướng dẫn của Bộ Thông tin và Truyền thông: "
                           "số 797/BTTTT-THH ngày 06/3/2022 về hướng dẫn")
    assert text.count("Bộ Thông tin và Truyền thông") == 1
    [capital] = _bases(can_cu=[{"van_ban": LETTERS, "gop": "Các Công văn của Bộ"}])
    assert capital.startswith("Căn cứ Các Công văn của Bộ: số 797/")  # the plan's own capital


def test_a_group_of_several_kinds_keeps_each_kind() -> None:
    [text] = _bases(can_cu=[{"van_ban": ["nd-45-2020", "nd-42-2022", "qd-06-2022-ttg"],
                             "gop": "các văn bản của Trung ương"}])
    assert text.startswith("Căn cứ các văn bản của Trung ương: Nghị định số 45/2020/NĐ-CP ngày "
                           "08/4/2020 của Chính phủ về")
    assert ", Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ" in text
    assert " và Quyết định số 06/QĐ-TTg" in text


def test_several_documents_in_one_basis_are_listed_a_b_and_c() -> None:
    docs = [{"loai": "Công văn", "so_hieu": f"{n}/UBND"} for n in (1, 2, 3)]
    [text] = _bases(can_cu=[{"van_ban": docs}])
    assert text == "Căn cứ Công văn số 1/UBND, Công văn số 2/UBND và Công văn số 3/UBND;"
    titled = [{**d, "trich_yeu": "về A, B"} for d in docs]  # commas of their own: ";"
    [text] = _bases(can_cu=[{"van_ban": titled}])
    assert text.count("; Công văn số") == 1 and text.count(" và Công văn số 3") == 1


def test_several_issuers_are_kept_as_written_or_joined_as_written() -> None:
    """"A, B và C": a joint document's issuers, typed as one text or as a list."""
    doc = {"loai": "Thông tư liên tịch", "so_hieu": "01/2015/TTLT-BNV-BTC"}
    typed = _bases(can_cu=[{"van_ban": {**doc, "co_quan_ban_hanh": "Bộ Nội vụ, Bộ Tài chính "
                                        "và Bộ Thông tin và Truyền thông"}}])
    listed = _bases(can_cu=[{"van_ban": {**doc, "co_quan_ban_hanh": [
        "Bộ Nội vụ", "Bộ Tài chính", "Bộ Thông tin và Truyền thông"]}}])
    assert typed == listed == ["Căn cứ Thông tư liên tịch số 01/2015/TTLT-BNV-BTC của Bộ Nội "
                               "vụ, Bộ Tài chính và Bộ Thông tin và Truyền thông;"]


def test_a_date_written_with_a_leading_zero_is_printed_so() -> None:
    doc = {"loai": "Kế hoạch", "so_hieu": "439/KH-UBND", "ngay": "05/08/2022"}
    assert _bases(can_cu=[{"van_ban": doc}]) == ["Căn cứ Kế hoạch số 439/KH-UBND ngày "
                                                 "05/08/2022;"]
    iso = {**doc, "ngay": "2022-08-05"}
    assert _bases(can_cu=[{"van_ban": iso}]) == ["Căn cứ Kế hoạch số 439/KH-UBND ngày "
                                                 "05/8/2022;"]


def test_a_registry_document_is_cited_in_the_plans_own_words() -> None:
    """The plan says "TTHC" where the registry says "thủ tục hành chính", and writes the
    date its own way; later citations are short."""
    from tests.helpers.builders import resolved

    done = resolved(can_cu=[{"van_ban": {"ma": "nd-45-2020", "ngay": "08/04/2020",
                                         "trich_yeu": "về thực hiện TTHC trên môi trường "
                                         "điện tử"}}],
                    phan=[{"tieu_de": "MỤC ĐÍCH", "doan": ["Thực hiện {van_ban:nd-45-2020}."]}])
    texts = ["".join(s.text for s in p.inlines if isinstance(s, Span))
             for p in (*done.bases, *done.body) if isinstance(p, Para)]
    assert texts[0] == ("Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/04/2020 của Chính phủ về "
                        "thực hiện TTHC trên môi trường điện tử;")
    assert "Thực hiện Nghị định số 45/2020/NĐ-CP./." in texts


def test_a_document_declared_in_the_bases_is_cited_again_anywhere() -> None:
    """Declare once (``id``), cite anywhere: a body paragraph and a KPI table's basis column
    cite it in short after the căn cứ cited it in full (issue 19)."""
    from tests.helpers.builders import resolved

    plan = {"id": "kh-439", "loai": "Kế hoạch", "so_hieu": "439/KH-UBND",
            "ngay": "2022-07-12", "co_quan_ban_hanh": "UBND tỉnh Bắc Kạn",
            "trich_yeu": "về việc nâng cao chất lượng dịch vụ công trực tuyến"}
    kpi = {"id": "x", "ten": "Tỷ lệ X", "can_cu_giao": ["kh-439", "nd-45-2020"],
           "muc_tieu": [{"cap": "xa", "gia_tri": 50}]}
    done = resolved(can_cu=[{"dong_tu": "Thực hiện", "van_ban": plan}], chi_tieu=[kpi],
                    phan=[{"tieu_de": "MỤC TIÊU", "doan": ["Theo {van_ban:kh-439}.", {
                        "bang_chi_tieu": {"kieu": "giao_chi_tieu"}}]}])
    assert "ngày 12/7/2022 của UBND tỉnh Bắc Kạn" in "".join(
        s.text for s in done.bases[0].inlines if isinstance(s, Span))
    body = done.body
    assert any(isinstance(b, Para) and "".join(s.text for s in b.inlines if isinstance(
        s, Span)).startswith("Theo Kế hoạch số 439/KH-UBND.") for b in body)
    [table] = [b for b in body if isinstance(b, TableLayout)]
    basis = table.rows[0].cells[-1]
    assert ["".join(s.text for s in line if isinstance(s, Span)) for line in basis.lines] == [
        "Kế hoạch số 439/KH-UBND",  # cited in full by the căn cứ
        "Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục hành "
        "chính trên môi trường điện tử"]  # each document its own line

"""References to the plan's data in text: filled in document order, checked before."""

from __future__ import annotations

from typing import Any

import pytest

from generator.check import references
from generator.inline import Ref, Span
from generator.resolve.layout import Para, TableLayout
from tests.helpers.builders import findings, resolved

KPI = {"id": "hs-truc-tuyen", "ten": "Tỷ lệ hồ sơ trực tuyến", "tu_so": "số hồ sơ trực tuyến",
       "mau_so": "tổng số hồ sơ",
       "muc_tieu": [{"cap": "xa", "moc": "Năm 2024", "gia_tri": "> 40"},
                    {"cap": "xa", "moc": "Năm 2025", "gia_tri": 60},
                    {"cap": "tinh", "moc": "Năm 2025", "gia_tri": 80}]}
MOCS = [{"ten": "Năm 2024"}, {"ten": "Năm 2025"}]


def _text(inlines: Any) -> str:
    return "".join(s.text for s in inlines if isinstance(s, Span))


def test_references_become_the_plan_s_words_wherever_they_are() -> None:
    plan = resolved(
        chi_tieu=[KPI], cac_moc=MOCS,
        phan=[{"tieu_de": "CHỈ TIÊU", "doan": [
            "Phấn đấu {muc_tieu:hs-truc-tuyen; moc=Năm 2024} {chi_tieu:hs-truc-tuyen}.",
            "Cách tính tỷ lệ: {cach_tinh:hs-truc-tuyen}.",
            {"gach_dau_dong": ["Năm 2025: {muc_tieu:hs-truc-tuyen}; toàn tỉnh "
                               "{muc_tieu:hs-truc-tuyen; cap=tinh}^[Theo {van_ban:nd-45-2020}.]"]},
            "Thực hiện {van_ban:nd-45-2020}."]}],
        phu_luc=[{"tieu_de": "P", "noi_dung": [{"bang": {
            "cot": [{"rong": 60}, {"rong": 40}], "dau_bang": [["Chỉ tiêu", "Mức"]],
            "dong": [["{chi_tieu:hs-truc-tuyen}", "**{muc_tieu:hs-truc-tuyen}**"]]}}]}])
    paras = [b for b in plan.body if isinstance(b, Para)]
    assert [_text(p.inlines) for p in paras[1:3]] == [
        "Phấn đấu trên 40% Tỷ lệ hồ sơ trực tuyến.",
        "Cách tính tỷ lệ: (b/a) × 100. Trong đó: a là tổng số hồ sơ; b là số hồ sơ trực tuyến."]
    assert _text(paras[3].inlines) == "- Năm 2025: 60%; toàn tỉnh 80%"
    note = paras[3].inlines[-1]
    assert "Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ" in _text(note.spans)  # type: ignore[union-attr]
    assert _text(paras[4].inlines) == "Thực hiện Nghị định số 45/2020/NĐ-CP./."  # short: cited
    [table] = plan.appendices[0].blocks
    assert isinstance(table, TableLayout)
    cells = table.rows[0].cells
    assert [_text(c.lines[0]) for c in cells] == ["Tỷ lệ hồ sơ trực tuyến", "60%"]
    assert cells[1].lines[0][0] == Span("60%", bold=True)
    assert not any(isinstance(i, Ref) for p in paras for i in p.inlines)


def test_a_document_cited_in_the_bases_is_short_in_the_text() -> None:
    plan = resolved(can_cu=[{"van_ban": "nd-45-2020"}],
                    phan=[{"tieu_de": "A", "doan": ["Theo {van_ban:nd-45-2020}."]}])
    assert _text(plan.body[1].inlines) == "Theo Nghị định số 45/2020/NĐ-CP./."  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "message"), [
    ("{muc_tieu:khong-co}", "kế hoạch không có chỉ tiêu mã 'khong-co'"),
    ("{van_ban:nd-99-2099}", "không có văn bản mã 'nd-99-2099'"),
    ("{muc_tieu:hs-truc-tuyen; thang=5}", "không hiểu 'thang'"),
    ("{cach_tinh:khac}", "chưa có tử số và mẫu số"),
])
def test_a_reference_to_nothing_is_a_located_error(text: str, message: str) -> None:
    other = {"id": "khac", "ten": "Khác", "muc_tieu": [{"gia_tri": 5}]}
    [found] = findings(references.references_name_what_exists, chi_tieu=[KPI, other],
                       cac_moc=MOCS, phan=[{"tieu_de": "A", "doan": [text]}])
    assert message in found.message and found.path == ("phan", 0, "doan", 0)


def test_a_target_reference_without_a_target_is_an_error() -> None:
    from generator.errors import KeHoachError
    from tests.helpers.builders import checked

    with pytest.raises(KeHoachError) as caught:
        checked(chi_tieu=[KPI], cac_moc=MOCS,
                phan=[{"tieu_de": "A", "doan": ["{muc_tieu:hs-truc-tuyen; cap=huyen}"]}])
    [problem] = caught.value.diagnostics
    assert "không có giá trị" in problem.message


def test_a_target_that_begins_a_sentence_is_capitalised() -> None:
    """Regression: "- trên 40% số TTHC …" at the start of a bullet and of a table cell; a
    writer begins a sentence with a capital (issue 19). Mid-sentence it stays small."""
    plan = resolved(
        chi_tieu=[KPI], cac_moc=MOCS,
        phan=[{"tieu_de": "CHỈ TIÊU", "doan": [
            {"gach_dau_dong": ["{muc_tieu:hs-truc-tuyen; moc=Năm 2024} số TTHC có hồ sơ.",
                               "Đạt {muc_tieu:hs-truc-tuyen; moc=Năm 2024}. "
                               "{muc_tieu:hs-truc-tuyen; moc=Năm 2024} là mức sàn."]},
            "Chỉ tiêu: {muc_tieu:hs-truc-tuyen; moc=Năm 2024}."]}],
        phu_luc=[{"tieu_de": "P", "noi_dung": [{"bang": {
            "cot": [{"rong": 60}], "dong": [["{muc_tieu:hs-truc-tuyen; moc=Năm 2024} hồ sơ\n"
                                             "- {muc_tieu:hs-truc-tuyen; moc=Năm 2024}"]]}}]}])
    paras = [_text(b.inlines) for b in plan.body if isinstance(b, Para)]
    assert paras[1:4] == ["- Trên 40% số TTHC có hồ sơ.",
                          "- Đạt trên 40%. Trên 40% là mức sàn.",
                          "Chỉ tiêu: trên 40%./."]
    [table] = [b for b in plan.appendices[0].blocks if isinstance(b, TableLayout)]
    assert [_text(line) for line in table.rows[0].cells[0].lines] == ["Trên 40% hồ sơ",
                                                                      "- Trên 40%"]

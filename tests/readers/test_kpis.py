"""KPI sentences ("100% văn bản … được cập nhật …", "Trên 80% xã …") read as ``chi_tieu``
and written back as ``{muc_tieu:ID} {chi_tieu:ID}``; the rebuild prints the same words."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.readers.kpis import Kpis
from tests.readers.test_task_lines import _import


@pytest.mark.parametrize("sentence, target, kpi_id, end", [
    ("100% văn bản quy phạm pháp luật được kiểm tra theo quy định.", 100,
     "ct-van-ban-quy-pham-phap-luat", "."),
    ("Trên 80% xã, phường đạt tiêu chí không ma túy;", "trên 80%",
     "ct-xa-phuong-dat-tieu-chi-khong", ";"),
    ("Phấn đấu 95,5% hồ sơ được giải quyết đúng hạn", "phấn đấu 95,5%",
     "ct-ho-so-duoc-giai-quyet-dung", ""),
])
def test_a_share_sentence_is_a_kpi(sentence: str, target: object, kpi_id: str,
                                   end: str) -> None:
    kpis = Kpis({})
    assert kpis.sentence(sentence) == f"{{muc_tieu:{kpi_id}}} {{chi_tieu:{kpi_id}}}{end}"
    assert kpis.found[0]["muc_tieu"] == [{"gia_tri": target}]


def test_a_floor_s_words_stay_words_of_the_sentence() -> None:
    """kehoach prints no "tối thiểu" before a floor: the words stay, the figure is the KPI's."""
    kpis = Kpis({})
    assert kpis.sentence("Tối thiểu 50% người dân được định danh.") == \
        "Tối thiểu {muc_tieu:ct-nguoi-dan-duoc-dinh-danh} {chi_tieu:ct-nguoi-dan-duoc-dinh-danh}."
    assert kpis.found[0]["muc_tieu"] == [{"gia_tri": 50}]


def test_each_clause_of_a_sentence_is_read_on_its_own() -> None:
    """Đắk Nông: three KPIs in one bullet, the last one's figures by level."""
    kpis = Kpis({})
    found = kpis.sentence(
        "100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến mức độ 3, 4; 100% các "
        "dịch vụ công được triển khai thanh toán trực tuyến; tỷ lệ giao dịch thanh toán trực "
        "tuyến đạt tối thiểu 50% tại cấp tỉnh, 40% cấp huyện, 30% cấp xã.")
    first, second, third = (k["id"] for k in kpis.found)
    assert found == (f"{{muc_tieu:{first}}} {{chi_tieu:{first}}}; {{muc_tieu:{second}}} "
                     f"{{chi_tieu:{second}}}; {{chi_tieu:{third}}} đạt tối thiểu "
                     f"{{muc_tieu:{third}; cap=tinh}} tại cấp tỉnh, {{muc_tieu:{third}; "
                     f"cap=huyen}} cấp huyện, {{muc_tieu:{third}; cap=xa}} cấp xã.")
    assert kpis.found[2]["ten"] == "tỷ lệ giao dịch thanh toán trực tuyến"
    assert kpis.found[2]["muc_tieu"] == [{"gia_tri": 50, "cap": "tinh"},
                                         {"gia_tri": 40, "cap": "huyen"},
                                         {"gia_tri": 30, "cap": "xa"}]


def test_a_kpi_that_reaches_a_figure_keeps_the_words_after_it() -> None:
    kpis = Kpis({})
    found = kpis.sentence("Tỷ lệ hồ sơ được số hóa đạt trên 80% và đưa vào khai thác.")
    [kpi] = kpis.found
    assert found == f"{{chi_tieu:{kpi['id']}}} đạt {{muc_tieu:{kpi['id']}}} và đưa vào khai thác."
    assert kpi["ten"] == "Tỷ lệ hồ sơ được số hóa"
    assert kpi["muc_tieu"] == [{"gia_tri": "trên 80%"}]


def test_a_clause_kehoach_would_print_otherwise_keeps_its_words() -> None:
    """A comparison after "; " is printed in small letters: "Trên" stays as written."""
    kpis = Kpis({})
    assert kpis.sentence("100% hồ sơ; Trên 90% thủ tục trực tuyến.") == \
        "{muc_tieu:ct-ho-so} {chi_tieu:ct-ho-so}; Trên 90% thủ tục trực tuyến."


@pytest.mark.parametrize("sentence", [
    "Có ứng dụng AI hỗ trợ công tác phổ biến pháp luật.",
    "100% hồ sơ được **số hóa** kịp thời.",
    "Thường xuyên rà soát và cung cấp 100% thủ tục hành chính lên trực tuyến.",  # a task
    "trên 80% hồ sơ đúng hạn.",  # kehoach capitalises a reference that opens a sentence
    "99,50% hồ sơ được số hóa.",  # kehoach prints 99,5%
    "Tỷ lệ số hóa đạt 50% cấp tỉnh, 40% cấp cơ sở.",  # a level kehoach does not know
    "Tỷ lệ số hóa đạt 50% cấp tỉnh, 40%.",  # a level for one figure, none for the other
    "Tỷ lệ số hóa đạt 50% cấp tỉnh, 40% cấp tỉnh.",  # one level twice
    "Xã đạt 50%.",  # a subject of one syllable, not a KPI
    "Tỷ lệ số hoá hồ sơ đạt 21,3%.",  # a figure reached (a result) or aimed at: not said
])
def test_other_sentences_keep_their_words(sentence: str) -> None:
    assert Kpis({}).sentence(sentence) is None


def test_two_kpis_of_one_name_get_two_ids() -> None:
    kpis = Kpis({})
    kpis.sentence("100% hồ sơ được số hóa.")
    kpis.sentence("90% hồ sơ được số hóa.")
    assert [k["id"] for k in kpis.found] == ["ct-ho-so-duoc-so-hoa", "ct-ho-so-duoc-so-hoa-2"]


def test_kpi_bullets_rebuild_the_same_words(tmp_path: Path) -> None:
    from generator.pipeline import load_plan
    from tests.conftest import build_docx
    from tests.helpers.fidelity import ratio

    body = ("1. Mục tiêu\n- 100% văn bản được kiểm tra theo quy định;\n"
            "- Trên 80% xã, phường đạt tiêu chí;\n- Phấn đấu 95,25% hồ sơ đúng hạn.\n")
    data, plan = _import(body, tmp_path)
    assert [k["muc_tieu"][0]["gia_tri"] for k in data["chi_tieu"]] == [
        100, "trên 80%", "phấn đấu 95,25%"]
    load_plan(plan)
    assert ratio(build_docx(plan, tmp_path / "out"), tmp_path / "ke-hoach.txt") == 1.0

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


@pytest.mark.parametrize("sentence", [
    "Tối thiểu 95% hồ sơ được giải quyết đúng hạn.",  # kehoach prints no "tối thiểu"
    "Có ứng dụng AI hỗ trợ công tác phổ biến pháp luật.",
    "100% hồ sơ được **số hóa** kịp thời.",
    "100% hồ sơ; 90% thủ tục trực tuyến.",
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

"""The workbook's rule: a text the workbook holds in a cell fits an Excel cell, or the plan
is refused at that text (never a cell cut short in the .xlsx)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from generator.errors import KeHoachError, Severity
from generator.excel import EXCEL_CELL, utf16_length
from generator.pipeline import BuildRequest, build
from tests.helpers.builders import checked, plan_data

BIG = EXCEL_CELL + 1


def _table(*cells: str, **keys: Any) -> dict[str, Any]:
    columns = [{"rong": 40} for _ in cells]
    return {"bang": {"cot": columns, "dong": [list(cells)], **keys}}


def _appendix(*blocks: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"tieu_de": "Phụ lục", "noi_dung": list(blocks)}]


def _refused(**keys: Any) -> list[tuple[str, str]]:
    """Where the plan is refused, and the messages (``validate`` says the same)."""
    with pytest.raises(KeHoachError) as info:
        checked(**keys)
    return [(d.format().split(": ")[2], d.message) for d in info.value.diagnostics
            if d.severity is Severity.ERROR]


def test_a_cell_one_character_too_long_is_refused_at_the_cell() -> None:
    [(where, message)] = _refused(phu_luc=_appendix(_table("a", "x" * BIG)))
    assert where == "phu_luc[1].noi_dung[1].bang.dong[1][2]"
    assert message.startswith("Nội dung dài 32.768 ký tự, quá 32.767 ký tự một ô bảng tính")


def test_excel_counts_utf16_code_units() -> None:
    """A character outside the BMP (an emoji, a rare Hán Nôm character) counts twice."""
    assert utf16_length("ạ𠀀") == 3
    assert _refused(phu_luc=_appendix(_table("𠀀" * (EXCEL_CELL // 2 + 1))))


def test_a_long_text_outside_the_appendix_tables_is_the_document_s_only() -> None:
    """Word holds it, and the workbook does not: body tables and appendix paragraphs."""
    long = "x" * BIG
    checked(phan=[{"tieu_de": "A", "doan": [_table(long)]}],
            phu_luc=_appendix(long, _table("a")))


def test_references_count_as_the_words_they_stand_for() -> None:
    kpi = {"id": "k", "ten": "T" * (EXCEL_CELL // 2 + 1), "tu_so": "b", "mau_so": "a"}
    [(where, _)] = _refused(chi_tieu=[kpi],
                            phu_luc=_appendix(_table("{chi_tieu:k}, {chi_tieu:k}")))
    assert where == "phu_luc[1].noi_dung[1].bang.dong[1][1]"


def test_task_tables_measure_their_tasks_and_join_unit_names() -> None:
    task = {"noi_dung": "Việc.", "chu_tri": ["Phòng " + "x" * 100] * 400, "ghi_chu": "y" * BIG}
    table = {"bang_nhiem_vu": {"cot": ["noi_dung", "chu_tri"]}}
    assert [where for where, _ in _refused(nhiem_vu=[task], phu_luc=_appendix(table))] == [
        "nhiem_vu[1].chu_tri"]  # the note is not a column of this table


def test_kpi_tables_measure_the_kpis_they_print() -> None:
    kpi = {"id": "k", "ten": "x" * BIG, "tu_so": "b", "mau_so": "a",
           "muc_tieu": [{"moc": "Năm 2024", "gia_tri": 50}]}
    keys = {"chi_tieu": [kpi], "cac_moc": [{"ten": "Năm 2024"}]}
    table = {"bang_chi_tieu": {"kieu": "giao_chi_tieu"}}
    [(where, _)] = _refused(**keys, phu_luc=_appendix(table))
    assert where == "chi_tieu[1].ten"
    checked(**keys)  # no KPI table: the name is the document's only


def test_a_cell_at_the_limit_is_written_whole(tmp_path: Path) -> None:
    import yaml

    text = "ạ" * EXCEL_CELL
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text(yaml.safe_dump(plan_data(phu_luc=_appendix(_table("a", text))),
                                   allow_unicode=True), encoding="utf-8")
    written = build(plan, BuildRequest(tmp_path, ("xlsx",))).written
    sheet = openpyxl.load_workbook(written[0]).worksheets[0]
    assert text in [cell.value for row in sheet.iter_rows() for cell in row]

"""Rules of the body: sections say something, nest within the numbering, list real tasks."""

from __future__ import annotations

from generator.check import body
from tests.helpers.builders import findings, messages

TASKS = [{"noi_dung": "Rà soát thủ tục"}, {"id": "tuyen-truyen", "noi_dung": "Tuyên truyền"}]


def test_an_empty_section_is_an_error() -> None:
    [found] = findings(body.sections_say_something,
                       phan=[{"tieu_de": "A", "muc": [{"id": "trong"}]}])
    assert found.path == ("phan", 0, "muc", 0)


def test_sections_deeper_than_the_numbering_styles() -> None:
    deep = [{"tieu_de": "A", "muc": [{"tieu_de": "B", "muc": [{"tieu_de": "C"}]}]}]
    [found] = findings(body.sections_are_not_nested_too_deep, phan=deep,
                       trinh_bay={"danh_so": ["la_ma", "so"]})
    assert found.path == ("phan", 0, "muc", 0, "muc", 0)
    assert "cấp 3" in found.message


def test_typed_numbers_in_headings_are_warned_about() -> None:
    assert len(findings(body.headings_are_not_numbered_by_hand,
                        phan=[{"tieu_de": "I. MỤC ĐÍCH"}, {"tieu_de": "2.1. Nội dung"},
                              {"tieu_de": "Mục đích"}])) == 2


def test_sections_list_tasks_by_given_or_derived_id_or_star() -> None:
    parts = [{"tieu_de": "A", "nhiem_vu": ["*", "tuyen-truyen", "ra-soat-thu-tuc"]}]
    assert not findings(body.listed_tasks_exist, phan=parts, nhiem_vu=TASKS)
    [found] = findings(body.listed_tasks_exist, nhiem_vu=TASKS,
                       phan=[{"tieu_de": "A", "nhiem_vu": ["tuyen-truyn"]}])
    assert found.path == ("phan", 0, "nhiem_vu", 0)
    assert found.hint == "Có phải ý bạn là 'tuyen-truyen'?"


def test_a_task_no_section_or_table_prints_is_an_error_not_lost() -> None:
    """Found by the fuzzer: the section listing ``nhiem_vu: ['*']`` deleted, the plan built
    with exit 0 and every task silently left out of the document."""
    assert not findings(body.every_task_is_printed, nhiem_vu=TASKS,
                        phan=[{"tieu_de": "A", "nhiem_vu": ["*"]}])
    assert not findings(body.every_task_is_printed, nhiem_vu=TASKS, phan=[{"tieu_de": "A"}],
                        phu_luc=[{"tieu_de": "Nhiệm vụ", "noi_dung": [{"bang_nhiem_vu": {}}]}])
    [one] = findings(body.every_task_is_printed, nhiem_vu=TASKS,
                     phan=[{"tieu_de": "A", "nhiem_vu": ["tuyen-truyen"]}])
    assert one.path == ("nhiem_vu", 0) and "'ra-soat-thu-tuc'" in one.message
    [both] = findings(body.every_task_is_printed, phan=[{"tieu_de": "A"}],
                      nhom_nhiem_vu=[{"ten": "N", "nhiem_vu": TASKS}])
    assert both.path == ("nhom_nhiem_vu", 0, "nhiem_vu", 0)
    assert both.message.startswith("2 nhiệm vụ ('ra-soat-thu-tuc', 'tuyen-truyen')")
    assert not findings(body.every_task_is_printed, phan=[{"tieu_de": "A", "nhiem_vu": ["n"]}],
                        nhom_nhiem_vu=[{"id": "n", "ten": "N", "nhiem_vu": TASKS}])


def test_task_times_have_one_form_and_end_after_start() -> None:
    tasks = [{"noi_dung": "A", "thoi_gian": {"mo_ta": "Quý I", "ngay": "2025-01-01"}},
             {"noi_dung": "B", "thoi_gian": {"tu": "2025-02-01", "den": "2025-01-01"}},
             {"noi_dung": "C", "thoi_gian": {"den": "2025-01-01"}}]
    assert messages(body.task_periods_have_one_form, nhom_nhiem_vu=[
        {"ten": "N", "nhiem_vu": tasks}]) == [
        "Thời gian là một trong: lời (mo_ta), một ngày (ngay) hoặc một khoảng (tu, den).",
        "Ngày kết thúc ('den') trước ngày bắt đầu ('tu')."]
    found = findings(body.task_periods_have_one_form, nhiem_vu=tasks)
    assert [f.path for f in found] == [("nhiem_vu", 0, "thoi_gian"), ("nhiem_vu", 1, "thoi_gian")]


def test_each_place_left_to_write_is_a_warning_at_its_field() -> None:
    found = findings(body.nothing_is_left_to_write,
                     nguoi_ky={"chuc_vu": "CHỦ TỊCH", "ho_ten": "CẦN VIẾT họ tên người ký"},
                     phan=[{"tieu_de": "NHIỆM VỤ", "doan": ["CẦN VIẾT: phân công " + "x " * 60]}])
    assert [(f.path, f.severity.value) for f in found] == [
        (("phan", 0, "doan", 0), "cảnh báo"), (("nguoi_ky", "ho_ten"), "cảnh báo")]
    assert found[0].message.endswith("…") and len(found[0].message) < 100


def test_a_rule_typed_as_underscores_is_refused() -> None:
    from generator.check.body import rules_are_not_typed
    from tests.helpers.builders import findings

    [found] = findings(rules_are_not_typed, phan=[{"tieu_de": "A", "doan": ["____________"]}])
    assert found.path == ("phan", 0, "doan", 0) and "gạch dưới" in found.message
    assert not findings(rules_are_not_typed, phan=[{"tieu_de": "A", "doan": ["mã_số_thuế"]}])

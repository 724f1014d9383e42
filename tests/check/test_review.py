"""What a reviewer sends back: a task short of what the others have, a unit given work
that is not sent the plan."""

from __future__ import annotations

from typing import Any

from generator.check import review
from tests.helpers.builders import findings

RECIPIENTS = {"danh_sach": ["UBND huyện (b/c)", "Các phòng, ban chuyên môn",
                            "UBND các xã, thị trấn", "Công an huyện"], "luu": "VT, VP"}


def _task(content: str, **keys: Any) -> dict[str, Any]:
    return {"noi_dung": content, **keys}


FULL = {"chu_tri": "Phòng Tư pháp", "thoi_gian": "Quý III/2024", "san_pham": "Báo cáo"}


def test_a_task_without_what_most_tasks_have_is_warned_at_the_task() -> None:
    tasks = [_task("Rà soát", **FULL), _task("Tuyên truyền", **FULL),
             _task("Số hóa hồ sơ", thoi_gian="Thường xuyên")]
    found = findings(review.tasks_have_what_the_others_have, nhiem_vu=tasks,
                     noi_nhan=RECIPIENTS)
    assert [(f.path, f.message.split(" (")[0]) for f in found] == [
        (("nhiem_vu", 2), "Nhiệm vụ chưa có đơn vị chủ trì"),
        (("nhiem_vu", 2), "Nhiệm vụ chưa có sản phẩm")]
    assert "2/2 nhiệm vụ khác" in found[0].message


def test_a_part_most_tasks_leave_out_is_not_asked_of_one() -> None:
    tasks = [_task("Rà soát", chu_tri="Công an huyện"), _task("Tuyên truyền", **FULL),
             _task("Số hóa", chu_tri="Công an huyện")]
    assert not findings(review.tasks_have_what_the_others_have, nhiem_vu=tasks,
                        noi_nhan=RECIPIENTS)


def test_a_unit_given_work_but_not_sent_the_plan_is_warned_once() -> None:
    tasks = [_task("Rà soát", chu_tri="Trung tâm Y tế huyện", phoi_hop=["Phòng Tư pháp"]),
             _task("Báo cáo", chu_tri=["Công an huyện", "Trung tâm Y tế huyện"])]
    found, partner = findings(review.units_of_tasks_receive_the_plan, nhiem_vu=tasks,
                              noi_nhan={"danh_sach": ["UBND huyện (b/c)", "Công an huyện"],
                                        "luu": "VT, VP"})
    assert found.path == ("nhiem_vu", 0, "chu_tri")
    assert partner.path == ("nhiem_vu", 0, "phoi_hop")
    assert found.message.startswith("'Trung tâm Y tế huyện' chủ trì nhiệm vụ này (và 1 nhiệm "
                                    "vụ khác) nhưng không có trong Nơi nhận")


def test_group_lines_and_the_archive_line_cover_their_units() -> None:
    """"Các phòng, ban chuyên môn" covers "Phòng Tư pháp"; "UBND các xã, thị trấn" the
    communes; "Lưu: VT, VP" the drafting office; the issuer gives itself no copy."""
    tasks = [_task("Rà soát", chu_tri=["Phòng Tư pháp", "UBND xã, thị trấn"],
                   phoi_hop=["Văn phòng HĐND và UBND huyện", "Công an huyện",
                             "Ủy ban nhân dân xã Tân An", "UBND xã Ia Ake"])]
    assert not findings(review.units_of_tasks_receive_the_plan, nhiem_vu=tasks,
                        noi_nhan=RECIPIENTS)
    found = findings(review.units_of_tasks_receive_the_plan, nhiem_vu=tasks,
                     noi_nhan={**RECIPIENTS, "danh_sach": RECIPIENTS["danh_sach"][:2]})
    assert [f.message.split("'")[1] for f in found] == [
        "UBND xã, thị trấn", "Công an huyện", "UBND xã Ia Ake"]

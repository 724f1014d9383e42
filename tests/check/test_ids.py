"""Rules of ids: an id names one item of its kind."""

from __future__ import annotations

from generator.check import ids
from tests.helpers.builders import findings


def test_an_id_used_twice_is_reported_at_the_second_use() -> None:
    tasks = [{"id": "a", "noi_dung": "X"}, {"id": "a", "noi_dung": "Y"}]
    [found] = findings(ids.ids_are_unique, nhiem_vu=tasks)
    assert found.path == ("nhiem_vu", 1, "id")
    assert found.message == "Mã nhiệm vụ 'a' bị dùng hai lần."


def test_tasks_and_groups_share_one_namespace_other_kinds_do_not() -> None:
    groups = [{"id": "a", "ten": "N", "nhiem_vu": [{"noi_dung": "X"}]}]
    assert findings(ids.ids_are_unique, nhom_nhiem_vu=groups,
                    nhiem_vu=[{"id": "a", "noi_dung": "Y"}])
    assert not findings(ids.ids_are_unique, phan=[{"id": "a", "tieu_de": "A"}],
                        nhiem_vu=[{"id": "a", "noi_dung": "Y"}])


def test_two_documents_declared_with_one_id_are_refused() -> None:
    doc = {"id": "kh-1", "loai": "Kế hoạch", "so_hieu": "1/KH-UBND"}
    [found] = findings(ids.ids_are_unique, can_cu=[
        {"van_ban": doc}, {"van_ban": [{**doc, "so_hieu": "2/KH-UBND"}, "nd-45-2020"]}])
    assert found.path == ("can_cu", 1, "van_ban", 0, "id")
    assert found.message == "Mã văn bản 'kh-1' bị dùng hai lần."

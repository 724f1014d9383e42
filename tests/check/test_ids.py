"""Rules of ids: an id names one item of its kind."""

from __future__ import annotations

from generator.check import ids
from tests.builders import findings


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

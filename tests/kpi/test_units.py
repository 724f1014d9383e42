"""Units matched by name across files, listed once, found in their group."""

from __future__ import annotations

import unicodedata

from generator.kpi.units import groups_by_unit, plan_units, unique_units
from generator.names import unit_key
from tests.helpers.builders import checked


def test_unit_names_match_despite_case_spacing_and_composition() -> None:
    decomposed = unicodedata.normalize("NFD", "Xã Ia Ake")
    assert unit_key(f"  {decomposed.upper()} ") == unit_key("xã ia  ake")
    assert unique_units(["Xã A", "XÃ A", "Xã B"]) == ["Xã A", "Xã B"]


def test_plan_units_come_from_groups_then_targets() -> None:
    done = checked(nhom_don_vi=[{"id": "g", "ten": "G", "don_vi": ["Xã B", "Xã A"]}],
                   chi_tieu=[{"id": "x", "ten": "X", "muc_tieu": [
                       {"don_vi": "Xã C", "gia_tri": 5}, {"don_vi": "xã a", "gia_tri": 6}]}])
    assert plan_units(done.plan, done.book) == ["Xã B", "Xã A", "Xã C"]
    assert groups_by_unit(done.plan)[unit_key("XÃ A")].id == "g"


def test_old_and_new_tone_places_are_one_name() -> None:
    assert unit_key("Phòng Văn hoá và Thông tin") == unit_key("phòng văn hóa và  thông tin")
    assert unit_key("Thuỷ Xuân") == unit_key("Thủy Xuân")
    assert unit_key("Xã Ia Ake") != unit_key("Xã Ia Sol")

"""Whether a parent's line concerns a lower-level unit, and the parent's area made the child's."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.hierarchy import Unit, concerns, level_words, localised, unit_of
from generator.model import Issuer
from generator.reference import load_reference

REFERENCE = load_reference()
IA_AKE = Unit("Xã Ia Ake", "xa", "Ủy ban nhân dân xã Ia Ake", level_words("xa", REFERENCE))
PHU_THIEN = Unit("Huyện Phú Thiện", "huyen", "Ủy ban nhân dân huyện Phú Thiện",
                 level_words("huyen", REFERENCE))


@pytest.mark.parametrize(("line", "expected"), [
    ("UBND các xã, thị trấn", True),
    ("UBND xã, phường", True),
    ("Cấp xã", True),
    ("Bộ phận một cửa cấp huyện, cấp xã", True),
    ("UBND xã Ia Ake", True),
    ("Xã Ia Ake", True),
    ("ubnd  XÃ IA AKE", True),
    ("UBND xã Ia Sol", False),
    ("Phòng Lao động - Thương binh và Xã hội", False),
    ("Sở Nội vụ", False),
    ("UBND các huyện, thành phố", False),
    ("UBND các xã Ia Sol, Ia Ake và Ia Peng", True),
    ("UBND các xã Ia Sol, Ia Peng", False),
    ("UBND xã Ia Aket", False),
])
def test_a_line_concerns_the_unit_that_it_names_or_its_whole_level(line: str,
                                                                     expected: bool) -> None:
    assert concerns(line, IA_AKE) is expected


def test_the_parents_area_becomes_the_childs_where_it_is_named_as_an_area() -> None:
    text = ("Nâng cao hiệu quả trên địa bàn huyện Phú Thiện và trên địa bàn huyện; phạm vi "
            "toàn huyện; báo cáo UBND huyện; UBND huyện Ia Pa")
    assert localised(text, PHU_THIEN, IA_AKE) == (
        "Nâng cao hiệu quả trên địa bàn xã Ia Ake và trên địa bàn xã; phạm vi toàn xã; báo "
        "cáo UBND huyện; UBND huyện Ia Pa")


def _commune(on: dt.date) -> Unit:
    issuer = Issuer.model_validate({"ten": ["ỦY BAN NHÂN DÂN", "XÃ QUẢNG SƠN"], "cap": "xa",
                                    "ky_hieu": "UBND", "dia_danh": "Quảng Sơn",
                                    "ten_day_du": "Ủy ban nhân dân xã Quảng Sơn"})
    return unit_of(issuer, REFERENCE, on)


def test_after_the_district_level_ends_a_commune_takes_what_was_given_to_districts() -> None:
    assert _commune(dt.date(2025, 7, 1)).name == "Xã Quảng Sơn"
    assert concerns("UBND các huyện, thành phố", _commune(dt.date(2025, 7, 1)))
    assert not concerns("UBND các huyện, thành phố", _commune(dt.date(2025, 6, 30)))


def test_a_numbered_ward_is_not_another_numbered_ward() -> None:
    ward = Unit("Phường 1", "xa", "Ủy ban nhân dân phường 1", level_words("xa", REFERENCE))
    assert not concerns("UBND Phường 10", ward)
    assert not concerns("UBND các phường 10, 11", ward)
    assert concerns("UBND các phường 1, 11", ward)
    assert concerns("UBND Phường 1", ward)


@pytest.mark.parametrize("name", ["Xã Ia Ake\\1", "Xã A\\g<0>", "Xã \\\\ A"])
def test_a_backslash_in_a_childs_name_is_put_in_literally(name: str) -> None:
    child = Unit(name, "xa", f"Ủy ban nhân dân {name[:1].lower()}{name[1:]}",
                 level_words("xa", REFERENCE))
    text = "trên địa bàn huyện Phú Thiện; toàn huyện"
    assert localised(text, PHU_THIEN, child) == f"trên địa bàn {child.area}; toàn xã"


def test_a_district_plans_own_offices_are_not_a_communes_after_2025() -> None:
    issuer = Issuer.model_validate({"ten": ["ỦY BAN NHÂN DÂN", "XÃ IA AKE"], "cap": "xa",
                                    "ky_hieu": "UBND", "dia_danh": "Ia Ake",
                                    "ten_day_du": "Ủy ban nhân dân xã Ia Ake"})
    under_district = unit_of(issuer, REFERENCE, dt.date(2025, 9, 15), "huyen")
    under_province = unit_of(issuer, REFERENCE, dt.date(2025, 9, 15), "tinh")
    for office in ("Văn phòng HĐND và UBND huyện", "Công an huyện", "Phòng Tư pháp huyện",
                   "UBND huyện"):
        assert not concerns(office, under_district)
    assert concerns("UBND các xã, thị trấn", under_district)
    assert concerns("UBND các huyện, thành phố", under_province)  # the districts' work

"""KPI figures as clerks type them: Vietnamese separators read, 1.234 refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from generator.model import Result, Target


@pytest.mark.parametrize(("typed", "value", "compare"), [
    ("1.234.567", Decimal(1234567), "toi_thieu"), ("> 1.234,5", Decimal("1234.5"), "tren"),
    ("40,5", Decimal("40.5"), "toi_thieu"), ("tối thiểu 50%", Decimal(50), "toi_thieu"),
])
def test_targets_typed_with_vietnamese_separators_are_read(typed: str, value: Decimal,
                                                           compare: str) -> None:
    target = Target.model_validate({"gia_tri": typed})
    assert (target.value, target.compare) == (value, compare)


@pytest.mark.parametrize("typed", ["1.234", "> 1.234", "12.500%"])
def test_a_target_read_two_ways_is_refused_at_its_value(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Target.model_validate({"gia_tri": typed})
    [error] = refused.value.errors()
    assert error["loc"] == ("gia_tri",)
    assert "đọc được hai cách" in error["msg"]


def test_a_target_remembers_a_typed_percent_sign() -> None:
    assert Target.model_validate({"gia_tri": "80 %"}).typed_percent()
    assert not Target.model_validate({"gia_tri": "80"}).typed_percent()
    assert not Target.model_validate({"gia_tri": 80}).typed_percent()


def test_a_result_typed_as_text_is_read_like_a_target() -> None:
    assert Result.model_validate({"gia_tri": "96,7"}).value == Decimal("96.7")
    with pytest.raises(ValidationError, match="đọc được hai cách"):
        Result.model_validate({"gia_tri": "1.234"})

"""Shared building blocks of the plan model: the base class, field helper and small types.

The YAML keys are Vietnamese without diacritics (the clerks' language) and are declared as
pydantic aliases; attribute names are English so the code reads plainly. Only aliases are
accepted on input, so the JSON Schema and every error message speak the clerks' language.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, NewType

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from generator.vnread import DATE_FORMS, calendar_problem, date_advice, date_message, read_date


class Model(BaseModel):
    """Base of every plan object: frozen, unknown keys rejected, Vietnamese keys only."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=False,
        str_strip_whitespace=True,
        validate_default=False,
        allow_inf_nan=False,  # "nan" or "inf" typed as text would reach a width or a sum
    )


def field(alias: str, description: str, default: Any = ..., **kwargs: Any) -> Any:
    """A field whose YAML key is ``alias``; the description becomes editor help text."""
    if isinstance(default, list | dict):
        value = default
        return Field(default_factory=lambda: type(value)(value), alias=alias,
                     description=description, **kwargs)
    return Field(default, alias=alias, description=description, **kwargs)


def one_or_many(value: Any) -> Any:
    """Let a clerk write a single value where a list is allowed: ``chu_tri: Sở Nội vụ``."""
    if value is None:
        return []
    if isinstance(value, str | dict):
        return [value]
    return value


NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Text that must say something: an empty string in an official document is a blank."""

Markup = NewType("Markup", str)
"""Text that may carry inline formatting: ``**đậm**``, ``*nghiêng*``, ``^[chú thích]``.

Every field of this type, and no other, is read for markup: the check stage parses each
one (so unbalanced markup is a located error at validate time), and resolve may parse only
values of this type (mypy refuses a plain ``str``). All other text prints exactly as typed.
"""

NonEmptyMarkup = Annotated[Markup, StringConstraints(strip_whitespace=True, min_length=1)]
"""Formatted text that must say something (a task, a bullet)."""

Names = Annotated[list[NonEmptyStr],
                  BeforeValidator(one_or_many, json_schema_input_type=str | list[str])]
"""One name or a list of names (units, recipients); a single string is accepted."""

ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80)]
"""A stable id: lowercase letters without diacritics, digits, '-', '_' or '.'."""


def custom_error(kind: str, message: str, hint: str = "", **context: Any
                 ) -> PydanticCustomError:
    """A validation error whose message is already Vietnamese; ``kind`` names the rule,
    ``hint`` says how to fix it (shown on its own line, as every rule's hint is)."""
    if hint:
        context["hint"] = hint
    return PydanticCustomError(kind, message, context or None)


class PartialDate(Model):
    """A date that may be partly blank in a draft: ``ngày     tháng 6 năm 2024``."""

    day: int | None = field("ngay", "Ngày (1–31); bỏ trống trong bản dự thảo.", None,
                            ge=1, le=31)
    month: int | None = field("thang", "Tháng (1–12); có thể bỏ trống trong dự thảo.", None,
                              ge=1, le=12)
    year: int = field("nam", "Năm, ví dụ 2024.", ge=1945, le=2200)

    @classmethod
    def coerce(cls, value: Any) -> Any:
        """Accept ``2024-04-06``, ``06/4/2024`` (as clerks write it) or the partial mapping.

        A month past 12 is refused here, naming the month and the forms (05/13/2025 is the
        American order); a day past its month's end (31/02) is the calendar rule's
        (:mod:`generator.check.values`), which reports it with every other problem.
        """
        if isinstance(value, dt.date):
            return {"ngay": value.day, "thang": value.month, "nam": value.year}
        if isinstance(value, str) and (parts := read_date(value)) is not None:
            day, month, year = parts
            if not 1 <= month <= 12:
                _not_on_the_calendar(value.strip(), day, month, year)
            return {"ngay": day, "thang": month, "nam": year}
        if not isinstance(value, dict):
            raise custom_error("kehoach", f"Ngày viết dạng {DATE_FORMS}; bản dự thảo chưa có "
                               "ngày: {thang: 6, nam: 2024}.")
        return value

    def full(self) -> dt.date | None:
        """The calendar date when every part is known and valid, else ``None``."""
        if self.day is None or self.month is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None

    def earliest(self) -> dt.date:
        """The first day the date can be: the full date, or the start of its month or year."""
        return self.full() or dt.date(self.year, self.month or 1, 1)


def _not_on_the_calendar(written: str, day: int | None, month: int | None, year: int) -> None:
    """Raise the model's error for a date not on the calendar, naming the wrong part (the
    same words as the calendar rule's, which reports it too when it can)."""
    problem = calendar_problem(day, month, year) if year >= 1 else "không có năm 0"
    if problem is not None:
        raise custom_error("kehoach", date_message(written, problem),
                           date_advice(day, month, year))


def calendar_date(value: Any) -> Any:
    """A date written ``06/4/2024`` or ``"2024-04-06"`` (text), checked on the calendar; a
    date YAML read already (``2024-04-06`` unquoted) passes as it is."""
    if isinstance(value, str) and (parts := read_date(value)) is not None:
        day, month, year = parts
        _not_on_the_calendar(value.strip(), day, month, year)
        return dt.date(year, month, day)
    return value


DateOrPartial = Annotated[PartialDate, BeforeValidator(
    PartialDate.coerce, json_schema_input_type=dt.date | str | PartialDate)]

CalendarDate = Annotated[dt.date, BeforeValidator(calendar_date,
                                                  json_schema_input_type=dt.date | str)]
"""A full date: ``2024-04-06`` or, as clerks write it, ``06/4/2024``."""

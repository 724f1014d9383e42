"""Reference data shipped in ``data/``: the legal-document registry and the unit levels.

Reference data is YAML read through the same safe loader and model as plans, so a broken
registry entry is reported like a broken plan, with file and line.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from generator.errors import KeHoachError
from generator.load import load_file
from generator.model import LegalDocument
from generator.model.base import Model, NonEmptyStr, field
from generator.validate import translate

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LEGAL_REGISTRY = DATA_DIR / "van-ban-phap-ly.yaml"
LEVELS = DATA_DIR / "cap-hanh-chinh.yaml"


class Level(Model):
    """An administrative level (tỉnh, huyện, xã, sở…), as data: levels change by law."""

    name: NonEmptyStr = field("ten", "Tên cấp.")
    parent: str | None = field("cap_tren", "Cấp trên thường giao kế hoạch.", None)
    abolished_from: dt.date | None = field("ngung_tu", "Ngày cấp này không còn.", None)


def load_mapping(path: Path, model: type[Model]) -> dict[str, Model]:
    """A YAML mapping of id → entry, each validated by ``model``; errors name file and line."""
    doc = load_file(path)
    if doc.problems:
        raise KeHoachError(doc.problems)
    out: dict[str, Model] = {}
    problems = []
    for key, value in (doc.data or {}).items():
        try:
            out[key] = model.model_validate(value)
        except ValidationError as exc:
            errors = [{**e, "loc": (key, *e["loc"])} for e in exc.errors(include_url=False)]
            problems.extend(translate(errors, doc))  # type: ignore[arg-type]
    if problems:
        raise KeHoachError(problems)
    return out


@cache
def legal_documents(path: Path = LEGAL_REGISTRY) -> dict[str, LegalDocument]:
    """Registry key → document, from ``data/van-ban-phap-ly.yaml``."""
    return load_mapping(path, LegalDocument)  # type: ignore[return-value]


@cache
def levels(path: Path = LEVELS) -> dict[str, Level]:
    """Level key → level, from ``data/cap-hanh-chinh.yaml``."""
    return load_mapping(path, Level)  # type: ignore[return-value]


def level_name(level: str | None, names: dict[str, Level] | None = None) -> str | None:
    """``tinh`` → ``cấp tỉnh`` (the first words of the level's name in the registry)."""
    names = names if names is not None else levels()
    if level in names:
        return f"cấp {names[level].name.split(',')[0].lower()}"
    return level

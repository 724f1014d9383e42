"""Reference data shipped inside the package, loaded once into one frozen value.

The legal-document registry, the KPI catalogue, the administrative levels and the font
metrics are facts about the world, not about a plan. They are YAML/JSON files in this
package (found through :mod:`importlib.resources`, so a wheel works as well as a
checkout), read once per process by :func:`load_reference` and handed to the stages that
need them: check, the KPI book, resolve and the DOCX renderer. No stage reads them itself.

A broken or missing reference file is a bug of kehoach, never the clerk's fault: it raises
:class:`ReferenceDataError` (exit 2), with the file and line, for the developer.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import TypeVar

from pydantic import ValidationError

from generator.errors import KeHoachError
from generator.load import load_text
from generator.model import Kpi, LegalDocument
from generator.model.base import Model, NonEmptyStr, field

PACKAGE = "generator.reference"
LEGAL_DOCUMENTS = "van-ban-phap-ly.yaml"
KPI_CATALOGUE = "chi-tieu.yaml"
LEVELS = "cap-hanh-chinh.yaml"
FONT_METRICS = "times-metrics.json"


class ReferenceDataError(RuntimeError):
    """A reference file shipped with kehoach is missing or broken: a bug, not bad input."""


class Level(Model):
    """An administrative level (tỉnh, huyện, xã, sở…), as data: levels change by law."""

    name: NonEmptyStr = field("ten", "Tên cấp.")
    parent: str | None = field("cap_tren", "Cấp trên thường giao kế hoạch.", None)
    abolished_from: dt.date | None = field("ngung_tu", "Ngày cấp này không còn.", None)
    successor: str | None = field("cap_ke_nhiem", "Cấp nhận lại nhiệm vụ của cấp này khi cấp "
                                  "này không còn.", None)


FontMetrics = Mapping[str, Mapping[str, int]]
"""Advance widths in 1/1000 em, by weight ("regular", "bold") and character."""


@dataclass(frozen=True)
class Reference:
    """Every piece of reference data a build needs, read once."""

    legal_documents: Mapping[str, LegalDocument]
    """Registry key (``nd-45-2020``) → the document as it is cited."""
    kpi_catalogue: Mapping[str, Kpi]
    """Catalogue id → KPI definition a plan may inherit."""
    levels: Mapping[str, Level]
    """Level key (``tinh``, ``xa``…) → level."""
    font_metrics: FontMetrics
    """Times New Roman widths (from the metric-compatible Liberation Serif)."""

    def level_name(self, level: str | None) -> str | None:
        """``tinh`` → ``cấp tỉnh`` (the first words of the level's name); unknown as is."""
        if level is not None and level in self.levels:
            return f"cấp {self.levels[level].name.split(',')[0].lower()}"
        return level


M = TypeVar("M", bound=Model)


def _read(name: str) -> str:
    try:
        return files(PACKAGE).joinpath(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ReferenceDataError(f"thiếu tệp dữ liệu tham chiếu {name}: {exc}") from exc


def _mapping(name: str, model: type[M]) -> Mapping[str, M]:
    """A YAML mapping of key → entry, each validated by ``model``."""
    try:
        document = load_text(_read(name), name)
    except KeHoachError as exc:
        raise ReferenceDataError(str(exc)) from exc
    if document.problems or not isinstance(document.data, dict):
        raise ReferenceDataError(f"{name}: " + "; ".join(d.format() for d in document.problems))
    out: dict[str, M] = {}
    for key, value in document.data.items():
        try:
            out[key] = model.model_validate(value)
        except ValidationError as exc:
            line, _, _ = document.locate((key,))
            raise ReferenceDataError(f"{name}:{line}: {key}: {exc}") from exc
    return MappingProxyType(out)


def _font_metrics() -> FontMetrics:
    data = json.loads(_read(FONT_METRICS))
    return MappingProxyType({weight: MappingProxyType(widths) for weight, widths in data.items()})


@cache
def load_reference() -> Reference:
    """The reference data, read from the package the first time it is asked for."""
    return Reference(
        legal_documents=_mapping(LEGAL_DOCUMENTS, LegalDocument),
        kpi_catalogue=_mapping(KPI_CATALOGUE, Kpi),
        levels=_mapping(LEVELS, Level),
        font_metrics=_font_metrics(),
    )

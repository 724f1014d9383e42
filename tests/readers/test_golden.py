"""The import of the six plans with a hand-written golden YAML (``cases/``) matches it on
what a clerk checks first: the header, the căn cứ, the parts of the body, the tasks, the
signer, Nơi nhận, the appendices.

Tolerated, and why: how the body's text is cut into ``van_ban``/``doan`` under a section,
the wording of each citation's parts (issuer and summary split by a rule, not by reading),
numeric targets (the golden files make them ``chi_tieu``; the import keeps them as words),
and ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers.fidelity import words
from tests.readers.imported import imported

CASES = Path(__file__).resolve().parent / "cases"
GOLDEN = sorted(CASES.glob("*.yaml"))
ISSUER = ("co_quan_chu_quan", "ten", "ky_hieu", "dia_danh", "cap")


def _pair(golden: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    mine = yaml.safe_load(imported(golden.with_suffix(".docx"))[1])
    return yaml.safe_load(golden.read_text(encoding="utf-8")), mine


def _titles(data: dict[str, Any]) -> list[str]:
    return [p.get("tieu_de") or p.get("don_vi") or "" for p in data["phan"]]


def _tasks(data: dict[str, Any]) -> int:
    return len(data.get("nhiem_vu", [])) + sum(len(g["nhiem_vu"])
                                                for g in data.get("nhom_nhiem_vu", []))


@pytest.mark.parametrize("golden", GOLDEN, ids=lambda p: p.stem)
def test_import_matches_the_golden_header(golden: Path) -> None:
    theirs, mine = _pair(golden)
    assert {k: mine["co_quan"].get(k) for k in ISSUER} == \
        {k: theirs["co_quan"].get(k) for k in ISSUER}
    assert mine["ngay_ban_hanh"] == theirs["ngay_ban_hanh"]
    assert words(mine["trich_yeu"]) == words(theirs["trich_yeu"])


@pytest.mark.parametrize("golden", GOLDEN, ids=lambda p: p.stem)
def test_import_matches_the_golden_outline(golden: Path) -> None:
    """As many căn cứ paragraphs, the same parts of the body, as many tasks and appendices."""
    theirs, mine = _pair(golden)
    assert len(mine.get("can_cu", [])) == len(theirs.get("can_cu", []))
    assert _titles(mine) == _titles(theirs)
    assert _tasks(mine) == _tasks(theirs)
    assert len(mine.get("phu_luc", [])) == len(theirs.get("phu_luc", []))


@pytest.mark.parametrize("golden", GOLDEN, ids=lambda p: p.stem)
def test_import_matches_the_golden_signature(golden: Path) -> None:
    theirs, mine = _pair(golden)
    assert mine["nguoi_ky"] == theirs["nguoi_ky"]
    assert mine["noi_nhan"]["luu"] == theirs["noi_nhan"]["luu"]
    assert mine["noi_nhan"]["danh_sach"] == theirs["noi_nhan"]["danh_sach"]

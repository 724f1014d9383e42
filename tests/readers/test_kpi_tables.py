"""KPI tables of targets by group of units (the Bắc Kạn Phụ lục I shape) as chi_tieu,
nhom_don_vi and a theo_nhom bang_chi_tieu; every other table a free table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.readers.blocks import Grid, View
from generator.readers.guesses import Notes
from generator.readers.kpi_tables import kpi_table
from generator.readers.text import tab_table

BAC_KAN = [  # the seed's Phụ lục I, as its text holds it (tab-separated)
    "STT\tĐơn vị\tTỷ lệ TTHC đủ điều kiện được cung cấp DVCTT toàn trình (1)\t"
    "Tỷ lệ hồ sơ phát sinh trực tuyến (3)",
    "I\tCÁC PHÒNG CHUYÊN MÔN (10 đơn vị)\t\t",
    "1\tNhóm 1 (5 phòng chuyên môn): Phòng Giáo dục và Đào tạo; Phòng Nội vụ.\t100%\t30%",
    "2\tNhóm 3 (3 đơn vị): Thanh tra thành phố; Phòng Tư pháp\t100%\t10,5%",
    "II\tUBND XÃ, PHƯỜNG\t\t",
    "1\tNhóm 1 (4 đơn vị): Phường Đức Xuân; Phường Sông Cầu.\t100%\t13%",
]


def _read(lines: list[str]) -> tuple[dict[str, object] | None, Notes]:
    notes = Notes()
    return kpi_table(tab_table([line.split("\t") for line in lines], "dòng 93"), notes), notes


def test_targets_by_group_become_kpis_with_their_groups() -> None:
    block, notes = _read(BAC_KAN)
    assert block == {"bang_chi_tieu": {"kieu": "theo_nhom", "chi_tieu": [
        "ct-ty-le-tthc-du-dieu-kien", "ct-ty-le-ho-so-phat-sinh"]}}
    first, second = notes.table_kpis
    assert first["ten"] == "Tỷ lệ TTHC đủ điều kiện được cung cấp DVCTT toàn trình (1)"
    assert [t["gia_tri"] for t in second["muc_tieu"]] == [30, "10,5", 13]
    assert [g["khoi"] for g in notes.unit_groups] == ["CÁC PHÒNG CHUYÊN MÔN (10 đơn vị)"] * 2 \
        + ["UBND XÃ, PHƯỜNG"]
    assert notes.unit_groups[1]["don_vi"] == ["Thanh tra thành phố", "Phòng Tư pháp"]
    assert second["muc_tieu"][1]["nhom"] == notes.unit_groups[1]["id"]
    assert any("thiếu dấu '.'" in line for line in notes.repaired)  # "Phòng Tư pháp" + "."
    assert notes.counts["dòng bảng chỉ tiêu"] == 3


@pytest.mark.parametrize("change", [
    (2, "1\tNhóm 1 (5 phòng chuyên môn): Phòng A; Phòng B.\t100%\ttrên 30%"),  # a word
    (2, "1\tNhóm 1 (5 phòng chuyên môn) Phòng A, Phòng B.\t100%\t30%"),  # no "name:"
    (2, "1\tNhóm 1: Phòng A; Phòng B.\t100%\t**30%**"),  # its own bold
    (3, "3\tNhóm 3: Thanh tra.\t100%\t10%"),  # numbered on, not from 1 in its block
    (0, "TT\tĐơn vị\tTỷ lệ A\tTỷ lệ B"),  # kehoach heads the column "STT"
], ids=["chu-truoc-so", "khong-co-ten-nhom", "in-dam", "so-thu-tu", "tt"])
def test_a_table_kehoach_would_print_otherwise_stays_a_free_table(
        change: tuple[int, str]) -> None:
    lines = list(BAC_KAN)
    lines[change[0]] = change[1]
    block, notes = _read(lines)
    assert block is None
    assert not notes.table_kpis and not notes.unit_groups


def test_one_table_of_groups_per_plan() -> None:
    """A plan has one list of unit groups and a theo_nhom table prints it whole: a second
    table of groups stays a free table."""
    notes = Notes()
    grid = tab_table([line.split("\t") for line in BAC_KAN], "dòng 93")
    assert kpi_table(grid, notes) is not None
    assert kpi_table(grid, notes) is None


def test_the_seeds_kpi_table_rebuilds_with_its_words(tmp_path: Path) -> None:
    from tests.helpers.fidelity import ratio
    from tests.readers.test_import import SEED_WORDS, SEEDS, _rebuilt

    [seed] = [s for s in SEEDS if s.stem.startswith("bac-kan")]
    plan = _rebuilt(seed, tmp_path)
    text = (tmp_path / f"{seed.stem}.yaml").read_text(encoding="utf-8")
    assert "kieu: theo_nhom" in text and "nhom_don_vi:" in text
    assert ratio(plan, seed) >= SEED_WORDS


PERCENT = re.compile(r"^\D{0,8}\d{1,3}(?:[,.]\d{1,2})?\s?%$")
KPI_ROW_SHARE = 0.9
"""Measured: 21 of 22 rows (Bắc Kạn's seed and built plan, theo_nhom; the Ia Ake and Phú
Thiện built plans, theo_moc). The one not read is the Ia Ake seed's Phụ lục II: a text
whose header lost its merges and whose figures ("75.8%", "0,00%") kehoach does not print
so; it stays a free table, cell for cell."""


def _kpi_rows(view: View) -> int:
    """Rows numbered 1, 2, 3 holding a target in per cent, in tables: the KPI-table rows."""
    return sum(bool(row) and row[0].plain.strip(" .").isdigit() and
               any(PERCENT.match(cell.plain) for cell in row[1:])
               for block in view.blocks if isinstance(block, Grid) for row in block.rows)


def _kpi_sources(tmp_path: Path) -> list[Path]:
    from tests.conftest import build_docx, example_paths
    from tests.readers.test_import import SEEDS

    return SEEDS + [build_docx(p, tmp_path) for p in example_paths()]


def test_share_of_kpi_table_rows_imported_as_targets(tmp_path: Path) -> None:
    from generator.readers import import_file, read_view

    seen = read = 0
    for path in _kpi_sources(tmp_path):
        seen += _kpi_rows(read_view(path, path.read_bytes(), path.suffix))
        read += import_file(path).notes.counts.get("dòng bảng chỉ tiêu", 0)
    print(f"KPI-table rows imported as targets: {read} of {seen}")
    assert seen and read / seen >= KPI_ROW_SHARE

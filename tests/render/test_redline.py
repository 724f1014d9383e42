"""The redline DOCX: accepting every change gives the NEW build, rejecting every change the
OLD one — by our own reading of the OOXML rules and by LibreOffice — and Word opens it."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import build_docx
from tests.diff.scenarios import SCENARIOS, write_pair
from tests.redline_apply import built_text, changes, decided_text
from tests.render.test_package import audit

LO_PYTHON = "/usr/bin/python3"
LO_DECIDE = Path(__file__).resolve().parent.parent / "lo_decide.py"


def redline(tmp_path: Path, name: str) -> tuple[Path, Path, Path]:
    """OLD build, NEW build and the redline of a scenario."""
    old, new = write_pair(name, tmp_path)
    red = tmp_path / "redline.docx"
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--docx", str(red),
                                       "--tac-gia", "Phòng Tư pháp"])
    assert result.exit_code == 0, result.output
    return (build_docx(old, tmp_path / "cu"), build_docx(new, tmp_path / "moi"), red)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_accept_all_gives_new_and_reject_all_gives_old(name: str, tmp_path: Path) -> None:
    old, new, red = redline(tmp_path, name)
    assert sum(changes(red).values()) > 0
    if name != "dinh-dang":  # there only bold changed, the words are the same
        assert decided_text(red, "accept") != decided_text(red, "reject")
    assert decided_text(red, "accept") == built_text(new)
    assert decided_text(red, "reject") == built_text(old)


@pytest.mark.parametrize("name", ["chuyen-muc", "them-nhiem-vu", "so-va-ngay"])
def test_word_opens_the_redline(name: str, tmp_path: Path) -> None:
    assert audit(redline(tmp_path, name)[2]) == []


def test_a_moved_section_is_a_move_and_changes_carry_author_and_date(tmp_path: Path) -> None:
    _, _, red = redline(tmp_path, "chuyen-muc")
    found = changes(red)
    assert found["moveFrom"] == found["moveTo"] > 0
    xml = zipfile.ZipFile(red).read("word/document.xml").decode("utf-8")
    assert 'w:author="Phòng Tư pháp"' in xml
    assert re.search(r'w:date="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"', xml)


def test_bold_taken_off_is_a_formatting_change_that_remembers_the_bold(
        tmp_path: Path) -> None:
    _, _, red = redline(tmp_path, "dinh-dang")
    xml = zipfile.ZipFile(red).read("word/document.xml").decode("utf-8")
    found = re.findall(r'<w:r><w:rPr>(.*?)<w:rPrChange [^>]*>(.*?)</w:rPrChange></w:rPr>'
                       r'<w:t[^>]*>([^<]*)</w:t>', xml)
    assert "".join(text for _, _, text in found).strip() == "ngày 28/3/2024"
    assert all("<w:b/>" in before and "<w:b/>" not in now for now, before, _ in found)
    assert changes(red)["ins"] == changes(red)["del"] == 0


def test_unchanged_paragraphs_are_written_as_build_writes_them(tmp_path: Path) -> None:
    _, new, red = redline(tmp_path, "sua-doan-van")
    built = zipfile.ZipFile(new).read("word/document.xml").decode("utf-8")
    tracked = zipfile.ZipFile(red).read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p>.*?</w:p>", built)
    untouched = [p for p in paragraphs if "29/6/2024" not in p and "30/6/2024" not in p]
    assert sum(p in tracked for p in untouched) == len(untouched)


def lo_text(decision: str, docx: Path, tmp_path: Path) -> str:
    out = tmp_path / f"{docx.stem}-{decision}.txt"
    subprocess.run([LO_PYTHON, str(LO_DECIDE), decision, str(docx), str(out)], check=True,
                   timeout=180)
    return out.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("name", ["them-nhiem-vu", "chuyen-muc", "bo-noi-nhan"])
def test_libreoffice_accepts_and_rejects_to_the_builds(name: str, tmp_path: Path) -> None:
    old, new, red = redline(tmp_path, name)
    assert lo_text("none", red, tmp_path) != lo_text("none", new, tmp_path)
    assert lo_text("accept", red, tmp_path) == lo_text("none", new, tmp_path)
    assert lo_text("reject", red, tmp_path) == lo_text("none", old, tmp_path)


def _redline_of(tmp_path: Path, old: dict, new: dict) -> tuple[Path, Path, Path]:  # type: ignore[type-arg]
    """Builds of two plans made in code, and their redline."""
    from generator.reference import load_reference
    from generator.render import RenderOptions
    from generator.render.docx import render_docx
    from generator.render.redline import render_redline
    from tests.builders import resolved

    options = RenderOptions(load_reference().font_metrics)
    before, after = resolved(**old), resolved(**new)
    paths = []
    for name, data in (("cu", render_docx(before, options)), ("moi", render_docx(after, options)),
                       ("so-sanh", render_redline(before, after, options, "kehoach"))):
        paths.append(tmp_path / f"{name}.docx")
        paths[-1].write_bytes(data)
    return paths[0], paths[1], paths[2]


MERGED = {"cot": [{"rong": 30}, {"rong": 100}, {"rong": 40}],
          "dau_bang": [["Nhóm", "Đơn vị", "Chỉ tiêu"]],
          "dong": [[{"noi_dung": "Nhóm 1", "gop_dong": 2}, "Xã A", "30%"], ["Xã B", "40%"],
                   ["Nhóm 2", "Xã C", "50%"]]}


def _with_table(table: dict, **keys: object) -> dict:  # type: ignore[type-arg]
    return {"phu_luc": [{"tieu_de": "Giao chỉ tiêu", "noi_dung": [{"bang": table}]}], **keys}


@pytest.mark.parametrize("edit", ["figure", "row added"])
def test_tables_with_rows_merged_vertically(edit: str, tmp_path: Path) -> None:
    """Same shape: compared cell by cell; another shape: the table replaced whole."""
    rows = [list(r) if isinstance(r, list) else r for r in MERGED["dong"]]
    if edit == "figure":
        rows[1] = ["Xã B", "45%"]
    else:
        rows.append(["Nhóm 3", "Xã D", "60%"])
    old, new, red = _redline_of(tmp_path, _with_table(MERGED),
                                _with_table({**MERGED, "dong": rows}))
    assert decided_text(red, "accept") == built_text(new)
    assert decided_text(red, "reject") == built_text(old)
    assert audit(red) == []


def test_header_lines_and_footnotes_are_tracked(tmp_path: Path) -> None:
    old = {"co_quan": {"ten": ["SỞ NỘI VỤ"], "co_quan_chu_quan": "UBND TỈNH GIA LAI",
                       "cap": "so", "ky_hieu": "SNV", "dia_danh": "Gia Lai",
                       "ten_day_du": "Sở Nội vụ"},
           "phan": [{"tieu_de": "A", "doan": ["Theo quy định^[Nghị định 30/2020.]"]}]}
    new = {**old, "co_quan": {k: v for k, v in old["co_quan"].items()  # type: ignore[attr-defined]
                              if k != "co_quan_chu_quan"},
           "phan": [{"tieu_de": "A", "doan": ["Theo quy định mới^[Nghị định 30/2020/NĐ-CP.]"]}]}
    before, after, red = _redline_of(tmp_path, old, new)
    assert decided_text(red, "accept") == built_text(after)
    assert decided_text(red, "reject") == built_text(before)
    assert audit(red) == []


def test_merged_header_cells_moved_replace_the_table(tmp_path: Path) -> None:
    """The grid changed under the header: cells paired by position would land in the
    wrong columns, so the old table goes and the new one comes whole."""
    old = {**MERGED, "dau_bang": [[{"noi_dung": "Nhóm", "gop_dong": 2}, "Đơn vị", "Chỉ tiêu"],
                                  ["Tên", "%"]]}
    new = {**MERGED, "dau_bang": [["Nhóm", {"noi_dung": "Đơn vị", "gop_dong": 2}, "Chỉ tiêu"],
                                  ["Mã", "%"]]}
    before, after, red = _redline_of(tmp_path, _with_table(old), _with_table(new))
    assert decided_text(red, "accept") == built_text(after)
    assert decided_text(red, "reject") == built_text(before)


def test_an_author_name_word_cannot_hold_is_refused(tmp_path: Path) -> None:
    old, new = write_pair("chi-tieu", tmp_path)
    for author in ("a\x01b", "x" * 300):
        result = CliRunner().invoke(main, ["diff", str(old), str(new), "--docx",
                                           str(tmp_path / "r.docx"), "--tac-gia", author])
        assert result.exit_code == 1 and "--tac-gia" in result.stderr
        assert not (tmp_path / "r.docx").exists()

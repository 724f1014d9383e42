"""The redline DOCX: accepting every change gives the NEW build, rejecting every change the
OLD one — by our own reading of the OOXML rules and by LibreOffice — and Word opens it."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from generator.cli import main
from generator.ooxml.ns import W
from tests.conftest import build_docx
from tests.diff.scenarios import SCENARIOS, one_word_edits, tasks_pair, write_pair
from tests.helpers.redline_apply import built_text, changes, decided_text
from tests.ooxml.test_package import audit

LO_PYTHON = "/usr/bin/python3"
LO_DECIDE = Path(__file__).resolve().parents[1] / "helpers" / "lo_decide.py"


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


@pytest.mark.parametrize("name", ["chuyen-muc", "them-nhiem-vu", "so-va-ngay", "sua-loi-nhiem-vu",
                                  "bo-het-phu-luc", "them-phu-luc"])
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
    from tests.helpers.builders import resolved

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


def _tracked(red: Path) -> list[tuple[str, str]]:
    """Each insertion and deletion of the body, in order: (``ins``/``del``, its text)."""
    xml = zipfile.ZipFile(red).read("word/document.xml").decode("utf-8")
    return [(m.group(1), "".join(re.findall(r"<w:(?:t|delText)[^>]*>([^<]*)<", m.group(2))))
            for m in re.finditer(r"<w:(ins|del) w:id[^>]*>(.*?)</w:\1>", xml)]


def test_a_task_reworded_without_an_id_is_edited_word_by_word(tmp_path: Path) -> None:
    """Its derived id changed, as in the text diff: the same task, two words changed and a
    sentence added, not a task deleted and another inserted (no paragraph mark tracked)."""
    _, _, red = redline(tmp_path, "sua-loi-nhiem-vu")
    assert _tracked(red) == [("del", "Thực hiện "), ("ins", "Triển khai "), ("ins", " "),
                             ("ins", "Báo cáo kết quả hằng tháng.")]
    xml = zipfile.ZipFile(red).read("word/document.xml").decode("utf-8")
    assert not re.search(r"<w:pPr>(?:(?!</w:pPr>).)*<w:(?:ins|del) ", xml)


def test_a_full_stop_before_an_added_sentence_is_kept(tmp_path: Path) -> None:
    """Only the space after it is new: the mark is not deleted and inserted again."""
    old = {"phan": [{"tieu_de": "A", "doan": ["Rà soát hồ sơ tồn đọng."]}]}
    new = {"phan": [{"tieu_de": "A", "doan": ["Rà soát hồ sơ tồn đọng. Báo cáo kết quả."]}]}
    _, after, red = _redline_of(tmp_path, old, new)
    assert _tracked(red) == [("ins", " "), ("ins", "Báo cáo kết quả.")]
    assert decided_text(red, "accept") == built_text(after)


def test_what_went_is_shown_before_what_came(tmp_path: Path) -> None:
    """A paragraph replaced by one unlike it: the deletion first, as Word shows it."""
    old = {"phan": [{"tieu_de": "A", "doan": ["Giữ nguyên đoạn này.", "Câu cũ hoàn toàn khác.",
                                              "Đoạn cuối giữ nguyên."]}]}
    new = {"phan": [{"tieu_de": "A", "doan": ["Giữ nguyên đoạn này.",
                                              "Một đoạn mới không giống gì.",
                                              "Đoạn cuối giữ nguyên."]}]}
    before, after, red = _redline_of(tmp_path, old, new)
    assert _tracked(red) == [("del", "Câu cũ hoàn toàn khác."),
                             ("ins", "Một đoạn mới không giống gì.")]
    assert decided_text(red, "accept") == built_text(after)
    assert decided_text(red, "reject") == built_text(before)


def test_diff_says_what_it_wrote(tmp_path: Path) -> None:
    old, new = write_pair("chi-tieu", tmp_path)
    report, red = tmp_path / "so-sanh.html", tmp_path / "so-sanh.docx"
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "html",
                                       "-o", str(report), "--docx", str(red)])
    assert result.exit_code == 0, result.output
    assert f"Đã ghi {red}: bản mới" in result.stderr
    assert f"Đã ghi kết quả so sánh vào {report}." in result.stderr
    assert result.stdout == ""


def lo_pages(decision: str, docx: Path, tmp_path: Path) -> int:
    """How many pages LibreOffice lays out, once every change is accepted (or none)."""
    out = tmp_path / f"{docx.stem}-{decision}.pdf"
    subprocess.run([LO_PYTHON, str(LO_DECIDE), decision, str(docx), str(out)], check=True,
                   timeout=180)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["bo-het-phu-luc", "bo-phu-luc"])
def test_accepting_all_when_new_dropped_its_appendices_leaves_no_blank_page(
        name: str, tmp_path: Path) -> None:
    """LibreOffice keeps a section break whose paragraph is deleted, and an emptied
    paragraph before a table: the dropped appendices' sections are continuous there, and
    what is left is a few empty one-point lines (as many pages as the NEW build, the same
    lines of text)."""
    _, new, red = redline(tmp_path, name)
    assert lo_pages("accept", red, tmp_path) == lo_pages("none", new, tmp_path)

    def lines(decision: str, docx: Path) -> list[str]:
        return [line for line in lo_text(decision, docx, tmp_path).splitlines() if line]

    assert lines("accept", red) == lines("none", new)
    assert audit(red) == []


def test_250_one_word_edits_are_250_words_tracked_not_250_tasks_replaced(
        tmp_path: Path) -> None:
    old, new = tasks_pair(tmp_path, *one_word_edits(250))
    red = tmp_path / "so-sanh.docx"
    result = CliRunner().invoke(main, ["diff", old, new, "--docx", str(red)])
    assert result.exit_code == 0, result.output
    tracked = _tracked(red)
    assert len(tracked) == 500 and all(len(text.split()) == 1 for _, text in tracked)


@pytest.mark.parametrize(("name", "now", "before"), [
    ("bo-het-phu-luc", "dọc, nối tiếp", "ngang, đánh số lại"),
    ("them-phu-luc", "ngang, đánh số lại", "dọc"),
])
def test_a_dropped_or_added_appendix_s_page_setup_is_a_tracked_change(
        name: str, now: str, before: str, tmp_path: Path) -> None:
    """Word joins a section whose break is accepted away (or rejected away) to the one
    after it, and lays the whole out with that one's setup: the last appendix's section
    says the setup of the part it joins, as now, and its own as before (Bắc Kạn's Phụ lục
    II is landscape)."""
    _, _, red = redline(tmp_path, name)
    root = etree.fromstring(zipfile.ZipFile(red).read("word/document.xml"))
    final = root.find(f"{W}body/{W}sectPr")
    change = final.find(f"{W}sectPrChange/{W}sectPr")

    def setup(sect: etree._Element) -> str:
        size, kind = sect.find(f"{W}pgSz"), sect.find(f"{W}type")
        said = ["ngang" if size.get(f"{W}orient") == "landscape" else "dọc"]
        said += ["nối tiếp"] if kind is not None and kind.get(f"{W}val") == "continuous" \
            else []
        said += ["đánh số lại"] if sect.find(f"{W}pgNumType[@{W}start]") is not None else []
        return ", ".join(said)

    assert (setup(final), setup(change)) == (now, before)
    assert change.find(f"{W}headerReference") is None

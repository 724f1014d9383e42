"""``kehoach check``: every example kehoach builds passes; hand-made documents (python-docx,
as Word would save them: styles, direct formatting) with one defect each are caught by the
right rule; a document LibreOffice re-saved from ours still passes."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from generator.cli import main
from generator.docx_check import check_docx
from tests.conftest import FIXTURES, build_docx, example_paths


@pytest.mark.parametrize("plan", [*example_paths(), FIXTURES / "valid" / "day-du.yaml"],
                         ids=lambda p: p.stem)
def test_every_document_kehoach_builds_passes(plan: Path, tmp_path: Path) -> None:
    assert check_docx(build_docx(plan, tmp_path)) == []


def test_a_document_libreoffice_resaved_still_passes(tmp_path: Path) -> None:
    docx = build_docx(FIXTURES / "valid" / "day-du.yaml", tmp_path)
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(out), str(docx)], check=True, capture_output=True, timeout=180)
    assert [f for f in check_docx(out / docx.name) if f.severity == "lỗi"] == []


def _page_number(section: object) -> None:
    header = section.header  # type: ignore[attr-defined]
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            instr = OxmlElement("w:instrText")
            instr.text = text
            run._r.append(instr)
    section.different_first_page_header_footer = True  # type: ignore[attr-defined]


def hand_made(change: Callable[[DocumentObject], None] | None = None) -> DocumentObject:
    """A plan typed in Word: Normal style in Times New Roman 14, the header lines, a body,
    Nơi nhận; well formed unless ``change`` breaks one thing."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:ascii"), "Times New Roman")
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    _page_number(section)

    def line(text: str, size: float = 14, bold: bool = False, italic: bool = False) -> None:
        run = document.add_paragraph().add_run(text)
        run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic

    line("ỦY BAN NHÂN DÂN", 13, True)
    line("Số: 05/KH-UBND", 13)
    line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True)
    line("Độc lập - Tự do - Hạnh phúc", 14, True)
    line("Tân An, ngày 05 tháng 4 năm 2024", 14, italic=True)
    line("KẾ HOẠCH", 14, True)
    line("Nâng cao nhận thức của người dân về chuyển đổi số./.")
    line("Nơi nhận:", 12, True, True)
    line("- Các đơn vị thuộc xã;", 11)
    line("- Lưu: VT, VP.", 11)
    if change:
        change(document)
    return document


def _paragraph(document: DocumentObject, starts: str) -> object:
    return next(p for p in document.paragraphs if p.text.startswith(starts))


def _set_text(starts: str, text: str) -> Callable[[DocumentObject], None]:
    def change(document: DocumentObject) -> None:
        _paragraph(document, starts).runs[0].text = text  # type: ignore[attr-defined]
    return change


def _margin(document: DocumentObject) -> None:
    document.sections[0].left_margin = Mm(25)


def _font(document: DocumentObject) -> None:
    _paragraph(document, "Nâng").runs[0].font.name = "Arial"  # type: ignore[attr-defined]


def _size(document: DocumentObject) -> None:
    _paragraph(document, "CỘNG").runs[0].font.size = Pt(15)  # type: ignore[attr-defined]


def _no_page_numbers(document: DocumentObject) -> None:
    header = document.sections[0].header
    for paragraph in header.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    header.add_paragraph("")


def _underscores(document: DocumentObject) -> None:
    document.paragraphs[1].insert_paragraph_before("__________")


@pytest.mark.parametrize(("name", "change", "rule", "words"), [
    ("margin", _margin, "định lề trang", "Lề trái 25 mm"),
    ("font", _font, "phông chữ", "Arial"),
    ("size", _size, "cỡ chữ", "Quốc hiệu: cỡ chữ 15"),
    ("date", _set_text("Tân An", "Tân An, ngày 5 tháng 4 năm 2024"), "thời gian",
     "Ngày 5"),
    ("month", _set_text("Tân An", "Tân An, ngày 05 tháng 04 năm 2024"), "thời gian",
     "Tháng 04"),
    ("number", _set_text("Số:", "Số: 5/KH-UBND"), "số, ký hiệu", "Số 5"),
    ("spaces", _set_text("Số:", "Số: 05/KH - UBND"), "số, ký hiệu", "sai dạng"),
    ("closing mark", _set_text("Nâng", "Nâng cao nhận thức."), "nội dung", "./."),
    ("archive", _set_text("- Lưu", "- Các phòng;"), "nơi nhận", "Lưu: VT"),
    ("recipients", lambda d: setattr(_paragraph(d, "- Các").runs[0].font, "size", Pt(13)),
     "nơi nhận", "cỡ chữ 13"),
    ("page numbers", _no_page_numbers, "số trang", "Không có số trang"),
    ("underscores", _underscores, "đường kẻ", "gạch dưới"),
])
def test_one_defect_is_caught_by_its_rule(name: str, change: Callable[[DocumentObject], None],
                                          rule: str, words: str, tmp_path: Path) -> None:
    good = tmp_path / "dung.docx"
    hand_made().save(str(good))
    assert check_docx(good) == []
    bad = tmp_path / f"{name}.docx"
    hand_made(change).save(str(bad))
    found = check_docx(bad)
    assert len(found) == 1 and found[0].severity == "lỗi", found
    assert rule in found[0].rule and words in found[0].message, found


def test_the_command_reports_by_severity_with_a_count_and_in_json(tmp_path: Path) -> None:
    bad = tmp_path / "sai.docx"
    hand_made(_margin).save(str(bad))
    result = CliRunner().invoke(main, ["check", str(bad)])
    assert result.exit_code == 1
    assert "lỗi: phần 1: Lề trái 25 mm" in result.stdout and "1 lỗi, 0 cảnh báo" in result.stdout
    result = CliRunner().invoke(main, ["check", "--format", "json", str(bad)])
    document = json.loads(result.stdout)["documents"][0]
    assert document["errors"] == 1 and document["findings"][0]["fix"] == "Đặt lề trái 30 mm."
    missing = CliRunner().invoke(main, ["check", str(tmp_path / "khong-co.docx")])
    assert missing.exit_code == 1 and "Không đọc được tệp Word" in missing.stderr

"""``kehoach check --fix``: each safe repair makes the hand-made plan pass again, keeps every
word, and opens in Word (the validator finds nothing new); what cannot be repaired safely is
left, and still reported."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from lxml import etree

from generator.cli import main
from generator.decree import SHORT_UNDERLINE
from generator.docx_check import check_docx, fix_docx
from generator.docx_check.rules import FONT, drawn_below, pages_are_numbered
from generator.ooxml.ns import W
from generator.ooxml.view import DocxView, Paragraph, Run, Section, has_page_field, read_docx
from generator.readers.anatomy import recognise
from generator.reference import load_reference
from generator.render.measure import text_width_mm
from tests.docx_check.handmade import Change, hand_made, paragraph, set_run
from tests.docx_check.test_rules import DEFECTS
from tests.ooxml.test_package import audit

UNFIXABLE = {"closing mark", "archive", "bases", "appendix label", "even pages unnumbered"}
"""Defects that need words changed, or a header the clerk made (an even-page header
without the number): the clerk's to fix."""


def words(path: Path) -> list[str]:
    """Every word of the document — body, tables at any depth, text boxes, content
    controls, headers and footers — in order, as a reader would compare them: the padding
    of numbers, the spacing of "Số:", lines of underscores and the page number (a field
    Word fills in) aside."""
    texts = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                root = etree.fromstring(archive.read(name))
                texts += ["".join(t.text or "" for t in p.iter(f"{W}t"))
                          for p in root.iter(f"{W}p") if not has_page_field(p)]
    joined = re.sub(r"_{3,}", " ", " ".join(texts))
    joined = re.sub(r"\s*([/-])\s*", r"\1", joined)
    return [re.sub(r"\b0+(\d)", r"\1", word) for word in joined.split()]


@pytest.mark.parametrize(("name", "change"), [(d[0], d[1]) for d in DEFECTS],
                         ids=[d[0] for d in DEFECTS])
def test_a_safe_repair_makes_it_pass_and_keeps_every_word(name: str, change: Change,
                                                          tmp_path: Path) -> None:
    bad = tmp_path / "sai.docx"
    hand_made(change).save(str(bad))
    fixed_bytes, repaired, left = fix_docx(bad)
    fixed = tmp_path / "da-sua.docx"
    fixed.write_bytes(fixed_bytes)
    assert words(fixed) == words(bad)
    if name in UNFIXABLE:
        assert repaired == [] and left == check_docx(bad)
    else:
        assert len(repaired) == 1 and left == [] and check_docx(fixed) == []


@pytest.mark.parametrize("name", ["font", "page numbers", "underscores",
                                  "no underline under the Tiêu ngữ", "Tiêu ngữ underlined", "date"])
def test_a_repaired_document_opens_in_word(name: str, tmp_path: Path) -> None:
    [change] = [d[1] for d in DEFECTS if d[0] == name]
    bad = tmp_path / "sai.docx"
    hand_made(change).save(str(bad))
    fixed = tmp_path / "da-sua.docx"
    fixed.write_bytes(fix_docx(bad)[0])
    assert set(audit(fixed)) <= set(audit(bad))  # python-docx's own template has a few


CLASHING = {"page number size", "no underline under the Tiêu ngữ", "underlined blanks",
            "page number in .VnTime", "odd pages unnumbered"}
"""Defects of a part another defect removes or replaces (kept apart in the test of all)."""


def test_every_fix_at_once_and_the_rest_of_the_package_untouched(tmp_path: Path) -> None:
    def everything(document: object) -> None:
        for name, change, *_ in DEFECTS:
            if name not in UNFIXABLE | CLASHING:
                change(document)  # type: ignore[arg-type]

    bad = tmp_path / "sai.docx"
    hand_made(everything).save(str(bad))
    assert len(check_docx(bad)) > 15
    fixed = tmp_path / "da-sua.docx"
    fixed.write_bytes(fix_docx(bad)[0])
    assert [f for f in check_docx(fixed) if f.severity == "lỗi"] == []
    assert words(fixed) == words(bad)
    with zipfile.ZipFile(bad) as before, zipfile.ZipFile(fixed) as after:
        untouched = [n for n in before.namelist() if not n.startswith(("word/", "[Content"))]
        assert all(before.read(n) == after.read(n) for n in untouched)


def test_the_command_writes_a_copy_and_never_the_original(tmp_path: Path) -> None:
    bad = tmp_path / "ke-hoach.docx"
    hand_made(DEFECTS[0][1]).save(str(bad))
    original = bad.read_bytes()
    result = CliRunner().invoke(main, ["check", "--fix", str(bad)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ke-hoach.da-sua.docx").exists() and bad.read_bytes() == original
    assert "đã sửa 1 chỗ" in result.stderr
    assert "đúng thể thức" in result.stdout
    same = CliRunner().invoke(main, ["check", "--fix", str(bad), "-o", str(bad)])
    assert same.exit_code == 1 and "không ghi đè tệp đầu vào" in same.stderr
    assert bad.read_bytes() == original
    left = CliRunner().invoke(main, ["check", "--fix", str(tmp_path / "ke-hoach.docx"),
                                     "-o", str(tmp_path / "ra.docx")])
    assert left.exit_code == 0
    usage = CliRunner().invoke(main, ["check", str(bad), "-o", str(tmp_path / "x.docx")])
    assert usage.exit_code == 1 and "--fix" in usage.output  # usage errors are the clerk's: 1


def _fixed(change: Change, tmp_path: Path) -> tuple[Path, Path]:
    bad, fixed = tmp_path / "sai.docx", tmp_path / "da-sua.docx"
    hand_made(change).save(str(bad))
    fixed.write_bytes(fix_docx(bad)[0])
    return bad, fixed


def test_an_underline_added_under_a_summary_outside_any_table(tmp_path: Path) -> None:
    def no_rule_under_the_summary(document: DocumentObject) -> None:
        underline = paragraph(document, "Triển khai")._p.getnext()
        underline.getparent().remove(underline)

    bad, fixed = _fixed(no_rule_under_the_summary, tmp_path)
    assert "Không có đường kẻ dưới trích yếu" in check_docx(bad)[0].message
    assert check_docx(fixed) == [] and words(fixed) == words(bad)


def test_a_typed_underline_is_redrawn_without_losing_what_its_paragraph_anchors(
        tmp_path: Path) -> None:
    def underscores_beside_a_text_box(document: DocumentObject) -> None:
        line = paragraph(document, "KẾ HOẠCH").insert_paragraph_before("__________")
        vml = 'xmlns:v="urn:schemas-microsoft-com:vml"'
        line._p.append(parse_xml(
            f'<w:r {nsdecls("w")} {vml}><w:pict><v:shape style="width:200pt;height:20pt">'
            f'<v:textbox><w:txbxContent><w:p><w:r><w:t>Dự thảo</w:t></w:r></w:p>'
            f'</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))

    bad, fixed = _fixed(underscores_beside_a_text_box, tmp_path)
    assert words(fixed) == words(bad) and "Dự" in words(fixed)
    assert [f for f in check_docx(fixed) if f.rule.endswith("đường kẻ")] == []


def test_sign_fonts_of_bullets_are_left_alone(tmp_path: Path) -> None:
    def bullets_and_an_odd_font(document: DocumentObject) -> None:
        set_run("Nâng", name="Arial")(document)
        paragraph(document, "Nâng").style = document.styles["List Bullet"]

    bad, fixed = _fixed(bullets_and_an_odd_font, tmp_path)
    with zipfile.ZipFile(fixed) as archive:
        numbering = archive.read("word/numbering.xml")
    with zipfile.ZipFile(bad) as archive:
        assert archive.read("word/numbering.xml") == numbering  # Symbol bullets kept
    assert b"Symbol" in numbering
    assert [f for f in check_docx(fixed) if "phông" in f.rule] == []


def test_a_section_inside_the_body_is_not_an_appendix() -> None:
    """A landscape table inside the body goes on counting pages: no restart and no hidden
    first number are asked of it; of an appendix they are."""
    def section(index: int, first_hidden: bool, restart: bool) -> Section:
        return Section(index, 210, 297, {"top": 20, "bottom": 20, "left": 30, "right": 20},
                       first_hidden, restart, True, 13, "center")

    def line(index: int, part: int, text: str) -> Paragraph:
        return Paragraph(index, part, None, (Run(text, FONT, 14, True, False),), False, None,
                         False, text)

    view = DocxView("x.docx", sections=[section(0, True, False), section(1, False, False),
                                        section(2, False, False)],
                    paragraphs=[line(0, 0, "Nội dung"), line(1, 1, "Bảng tổng hợp"),
                                line(2, 2, "Phụ lục"), line(3, 2, "DANH MỤC")])
    found = list(pages_are_numbered(recognise(view)))
    assert [(f.where, f.message) for f in found] == [
        ("phần 3", "Số trang hiện cả ở trang đầu."),
        ("phần 3", "Phụ lục không đánh số trang lại từ 1.")]


def test_a_page_margin_element_made_by_the_fix_is_complete(tmp_path: Path) -> None:
    def no_margins(document: DocumentObject) -> None:
        margins = document.sections[0]._sectPr.find(qn("w:pgMar"))
        margins.getparent().remove(margins)

    bad, fixed = _fixed(no_margins, tmp_path)
    assert any("Lề" in f.message for f in check_docx(bad))
    with zipfile.ZipFile(fixed) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    margins = body.findall(f".//{W}sectPr/{W}pgMar")[0]
    assert {etree.QName(k).localname for k in margins.attrib} >= {
        "top", "right", "bottom", "left", "header", "footer", "gutter"}
    assert [f for f in check_docx(fixed) if f.severity == "lỗi"] == []


DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
KINDS = {".docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
         ".dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template"
                  ".main+xml",
         ".dotm": "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"}
MACROS = b"\xd0\xcf\x11\xe0 not really a VBA project"


def _of_kind(suffix: str, folder: Path) -> Path:
    """The hand-made plan (its font wrong) saved as Word saves a ``suffix`` package: the
    main part's content type, and for a macro-enabled one a VBA project part."""
    docx = folder / "goc.docx"
    hand_made(DEFECTS[0][1]).save(str(docx))
    target = folder / f"ke-hoach{suffix}"
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(target, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(DOCUMENT_TYPE.encode(), KINDS[suffix].encode())
            out.writestr(name, data)
        if suffix.endswith("m"):
            out.writestr("word/vbaProject.bin", MACROS)
    docx.unlink()
    return target


@pytest.mark.parametrize("suffix", sorted(KINDS))
def test_check_fix_of_a_docm_keeps_its_kind_and_its_macros(suffix: str,
                                                           tmp_path: Path) -> None:
    """Word refuses a macro-enabled package (or a template) named ``.docx``: the repaired
    copy keeps the name ending of its kind, and every part it did not repair."""
    document = _of_kind(suffix, tmp_path)
    result = CliRunner().invoke(main, ["check", "--fix", str(document)])
    assert result.exit_code == 0, result.output
    copy = tmp_path / f"ke-hoach.da-sua{suffix}"
    assert f"ghi vào {copy}" in result.stderr
    assert not (tmp_path / "ke-hoach.da-sua.docx").exists()
    with zipfile.ZipFile(copy) as archive:
        assert KINDS[suffix].encode() in archive.read("[Content_Types].xml")
        if suffix.endswith("m"):
            assert archive.read("word/vbaProject.bin") == MACROS


def test_a_docm_copy_named_docx_is_refused_before_anything_is_written(
        tmp_path: Path) -> None:
    document = _of_kind(".docm", tmp_path)
    target = tmp_path / "ban-sua.docx"
    result = CliRunner().invoke(main, ["check", "--fix", str(document), "-o", str(target)])
    assert result.exit_code == 1 and not target.exists()
    assert "tài liệu Word có macro" in result.stderr and "-o ban-sua.docm" in result.stderr
    named = CliRunner().invoke(main, ["check", "--fix", str(document), "-o",
                                      str(tmp_path / "ban-sua.DOCM")])
    assert named.exit_code == 0, named.output


# --- a fix never makes the page worse ------------------------------------------------------

def _sizes_of(path: Path, starts: str) -> set[float | None]:
    found = next(p for p in read_docx(path).paragraphs if p.text.startswith(starts))
    return {r.size for r in found.runs if r.text.strip()}


def test_a_body_at_14_pt_is_repaired_to_14_not_13(tmp_path: Path) -> None:
    bad, fixed = _fixed(set_run("Nâng cao", size=12), tmp_path)  # the body is 14 pt
    assert "Nội dung: cỡ chữ 12" in " ".join(f.message for f in check_docx(bad))
    assert _sizes_of(fixed, "Nâng cao") == {14.0} and check_docx(fixed) == []


def test_a_motto_at_14_pt_with_a_stray_12_pt_run_is_not_shrunk(tmp_path: Path) -> None:
    def stray(document: DocumentObject) -> None:
        motto = paragraph(document, "Độc lập")
        motto.runs[0].text = "Độc lập - Tự do"
        tail = motto.add_run(" - Hạnh phúc")
        tail.font.size, tail.font.bold = Pt(12), True

    bad, fixed = _fixed(stray, tmp_path)
    assert any(f.id.startswith("co_chu") for f in check_docx(bad))
    assert _sizes_of(fixed, "Độc lập") == {14.0}


def _underline_below(path: Path, lines: str) -> float:
    anatomy = recognise(read_docx(path))
    block = [p for p in anatomy.view.paragraphs if p.text.startswith(lines)]
    found = drawn_below(anatomy, block)
    assert found is not None
    return found[1]


def test_underscores_typed_as_superscript_are_redrawn_at_the_size_they_show(
        tmp_path: Path) -> None:
    underscores = "_" * 24

    def superscript(document: DocumentObject) -> None:
        below = paragraph(document, "Triển khai")._p.getnext()
        below.remove(below.find(qn("w:pPr")))
        run = parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:sz w:val="28"/>'
                        f'<w:vertAlign w:val="superscript"/></w:rPr><w:t>{underscores}</w:t>'
                        '</w:r>')
        below.append(run)

    bad, fixed = _fixed(superscript, tmp_path)
    assert any(f.repair and f.repair.kind == "draw_rule" for f in check_docx(bad))
    shown = text_width_mm(load_reference().font_metrics, underscores, 14 * 2 / 3)
    assert _underline_below(fixed, "Triển khai") == pytest.approx(shown, abs=0.5)
    assert shown < text_width_mm(load_reference().font_metrics, underscores, 14) / 1.4


def test_an_issuer_underline_is_sized_to_the_issuing_body_s_widest_bold_line(
        tmp_path: Path) -> None:
    def no_issuer_underline(document: DocumentObject) -> None:
        below = paragraph(document, "XÃ TÂN AN")._p.getnext()
        below.getparent().remove(below)

    bad, fixed = _fixed(no_issuer_underline, tmp_path)
    assert "Không có đường kẻ dưới tên cơ quan" in check_docx(bad)[0].message
    widest = text_width_mm(load_reference().font_metrics, "ỦY BAN NHÂN DÂN", 13, bold=True)
    assert _underline_below(fixed, ("ỦY BAN", "XÃ TÂN AN")) == \
        pytest.approx(widest * SHORT_UNDERLINE, abs=0.5)
    assert check_docx(fixed) == []


def test_any_repair_keeps_the_signature_with_the_text_above_it(tmp_path: Path) -> None:
    bad, fixed = _fixed(set_run("Nâng cao", size=12), tmp_path)
    with zipfile.ZipFile(fixed) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    signature = next(t for t in body.iter(f"{W}tbl")
                     if "Nơi nhận" in "".join(x.text or "" for x in t.iter(f"{W}t")))
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None
               for row in signature.iter(f"{W}tr"))
    last = next(p for p in signature.itersiblings(f"{W}p", preceding=True)
                if "".join(t.text or "" for t in p.iter(f"{W}t")).strip())
    assert last.find(f"{W}pPr/{W}keepNext") is not None  # the last words before it
    with zipfile.ZipFile(bad) as archive:
        assert b"cantSplit" not in archive.read("word/document.xml")

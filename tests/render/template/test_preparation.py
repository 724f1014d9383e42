"""Templates: the shipped one uses only documented variables; a restyled one is checked first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli import main
from generator.render.template.preparation import CONTEXT_KEYS, jinja_environment
from tests.conftest import FIXTURES, ROOT

FULL = FIXTURES / "valid" / "day-du.yaml"
TEMPLATE = ROOT / "templates" / "ke-hoach.docx"


def test_template_with_an_unknown_variable_fails_before_writing(tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    document = Document(str(TEMPLATE))
    document.add_paragraph("{{ bien_la }}")
    document.save(str(template))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(FULL), "-o", str(out),
                                       "--template", str(template)])
    assert result.exit_code == 1
    assert "Mẫu trình bày dùng biến không có: bien_la." in result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_default_template_uses_only_documented_variables() -> None:
    from docxtpl import DocxTemplate

    variables = DocxTemplate(str(TEMPLATE)).get_undeclared_template_variables(
        jinja_environment())
    assert variables <= {*CONTEXT_KEYS, "dong"}
    guide = (ROOT / "docs" / "huong-dan" / "mau-trinh-bay.md").read_text(encoding="utf-8")
    assert all(f"`{key}`" in guide for key in CONTEXT_KEYS)


def test_template_without_a_needed_style_is_a_clear_error(tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    document = Document(str(TEMPLATE))
    document.styles["KH Noi dung"].name = "Noi dung cua toi"
    document.save(str(template))
    result = CliRunner().invoke(main, ["build", str(FULL), "-o", str(tmp_path / "out"),
                                       "--template", str(template)])
    assert result.exit_code == 1
    assert "thiếu kiểu (style): KH Noi dung" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_that_is_not_a_docx_is_the_clerks_error(tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    template.write_text("không phải docx", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(FULL), "-o", str(tmp_path / "out"),
                                       "--template", str(template)])
    assert result.exit_code == 1
    assert "Không mở được mẫu trình bày" in result.stderr


def test_a_restyled_template_with_narrower_margins_keeps_tables_inside(tmp_path: Path) -> None:
    from docx.shared import Mm

    from generator.ooxml.ns import W

    template = tmp_path / "mau.docx"
    document = Document(str(TEMPLATE))
    document.sections[0].left_margin = Mm(35)
    document.sections[0].right_margin = Mm(20)  # within the decree: 30–35 and 15–20 mm
    document.save(str(template))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(FULL), "-o", str(out),
                                       "--template", str(template)])
    assert result.exit_code == 0, result.stderr
    built = Document(str(out / "day-du.docx"))
    section = built.sections[1]  # Phụ lục I: landscape, its table typed as 247 mm wide
    width = section.page_width - section.left_margin - section.right_margin
    assert width < Mm(247)  # this template leaves less than the widths typed
    grid = built.tables[2]._tbl.tblGrid  # header, signature, then Phụ lục I's table
    total = sum(int(c.get(f"{W}w")) for c in grid) * 635  # twips → EMU
    assert width - Mm(1) < total <= width


def clerks_template(folder: Path, paragraph: str, *, header: bool = False) -> Path:
    """The shipped template with one more paragraph, in the body or in the page header."""
    template = folder / "mau.docx"
    document = Document(str(TEMPLATE))
    if header:
        document.sections[0].header.is_linked_to_previous = False
        document.sections[0].header.add_paragraph(paragraph)
    else:
        document.add_paragraph(paragraph)
    document.save(str(template))
    return template


def build_with(template: Path, out: Path) -> str:
    """``kehoach build`` with ``template``: it fails as the clerk's error, writing nothing."""
    result = CliRunner().invoke(main, ["build", str(FULL), "-o", str(out),
                                       "--template", str(template)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.stderr and "Lỗi nội bộ" not in result.stderr
    assert not out.exists() or not list(out.iterdir())
    return result.stderr


DEFECTS = [
    ("{{ ten_loai + }}", "có thẻ Jinja sai cú pháp", "gặp 'end of print statement'"),
    ("{{ ten_loai|khong_co }}", "bộ lọc không có", "không có bộ lọc (filter) tên 'khong_co'"),
    ("{% include 'khac.docx' %}", "include", "thẻ {% include %} không được dùng"),
    ("{% import 'khac.docx' as k %}", "import", "thẻ {% import %} không được dùng"),
    ("{% extends 'khac.docx' %}", "extends", "thẻ {% extends %} không được dùng"),
    ("{{ 1 / 0 }}", "chia cho 0", "chia cho 0 (division by zero)"),
    ("{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}", "macro tự gọi",
     "macro gọi lồng nhau quá 50 tầng"),
    ("{% for i in range(10**9) %}{% endfor %}", "range lớn",
     "range() quá dài: 1.000.000.000 số, tối đa 1.000"),
    ("{% for i in [0] * 10000 %}{% for j in [0] * 10000 %}{% endfor %}{% endfor %}",
     "vòng lặp lồng 10^4 × 10^4", "các vòng lặp chạy quá 100.000 lượt"),
    ("{{ 'x' * 10**9 }}", "nhân chuỗi", "kết quả phép nhân '*' quá lớn"),
    ("{% set ns = namespace(v=ten_loai) %}{% for i in range(100) %}"
     "{% set ns.v = 'a' ~ ns.v ~ ns.v %}{% endfor %}", "nối chuỗi trong vòng lặp",
     "kết quả phép nối '~' quá lớn"),
    ("{{ ten_loai|center(10**9) }}", "nhân chuỗi bằng bộ lọc",
     "số 1.000.000.000 truyền cho bộ lọc 'center' quá lớn"),
    ("{% for i in range(1000) %}{% for j in range(10) %}" + "chữ mẫu " * 80
     + "{% endfor %}{% endfor %}", "văn bản quá lớn", "mẫu tạo ra quá 5.000.000 ký tự"),
]


@pytest.mark.parametrize(("paragraph", "case", "said"), DEFECTS, ids=[d[1] for d in DEFECTS])
def test_a_defective_template_is_the_clerks_error_named_and_placed(
        tmp_path: Path, paragraph: str, case: str, said: str) -> None:
    stderr = build_with(clerks_template(tmp_path, paragraph), tmp_path / "out")
    assert f"{tmp_path / 'mau.docx'}: lỗi: Mẫu trình bày lỗi: {said}" in stderr, case
    assert "của thân văn bản: «" in stderr  # the paragraph, quoted as Word shows it


def test_a_defect_in_the_page_header_names_the_header(tmp_path: Path) -> None:
    stderr = build_with(clerks_template(tmp_path, "Trang {{ 1 / 0 }}", header=True),
                        tmp_path / "out")
    assert "chia cho 0 (division by zero) — ở đoạn thứ " in stderr
    assert "của đầu trang (header" in stderr and "«Trang {{ 1 / 0 }}»" in stderr


def test_a_template_past_the_time_limit_is_stopped(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import itertools

    from generator.render.template import guard as template_guard

    seconds = itertools.count()  # a clock a second further at each look
    monkeypatch.setattr(template_guard, "clock", lambda: float(next(seconds)))
    template = clerks_template(tmp_path, "{% for i in range(900) %}{{ i }}{% endfor %}")
    stderr = build_with(template, tmp_path / "out")
    assert "mẫu chạy quá 5 giây mà chưa xong (giới hạn thời gian)" in stderr


def test_a_template_that_unpacks_to_gigabytes_is_refused_before_it_is_read(
        tmp_path: Path) -> None:
    import shutil
    import zipfile

    from generator.render.template.preparation import MAX_UNPACKED_BYTES

    template = tmp_path / "mau.docx"
    shutil.copy(TEMPLATE, template)
    with zipfile.ZipFile(template, "a", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("word/media/rong.bin", "w", force_zip64=True) as part:
        for _ in range(MAX_UNPACKED_BYTES // 1_000_000 + 1):
            part.write(bytes(1_000_000))  # zeros: a megabyte deflates to a kilobyte
    assert template.stat().st_size < 1_000_000
    stderr = build_with(template, tmp_path / "out")
    assert "mau.docx: lỗi: Mẫu trình bày quá lớn khi giải nén (101." in stderr
    assert "byte, tối đa 100.000.000)." in stderr


def shipped_parts() -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(TEMPLATE) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def repacked(**changed: bytes | None) -> bytes:
    """The shipped template with parts replaced (``None``: removed), by their names with
    ``/`` and ``.`` written ``__`` and ``_`` (``word__header1_xml``)."""
    import io
    import zipfile

    parts = shipped_parts()
    for key, data in changed.items():
        name = next(n for n in parts if n.replace("/", "__").replace(".", "_") == key)
        if data is None:
            del parts[name]
        else:
            parts[name] = data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def edited(name: str, old: bytes, new: bytes) -> bytes:
    data = shipped_parts()[name]
    assert old in data, (name, old)
    return data.replace(old, new, 1)


def with_zip_field(data: bytes, local: int, central: int, change: Callable[[bytearray, int], None]
                   ) -> bytes:
    """``data`` with a field of every entry changed, in the local and the central headers."""
    import re

    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", local), (b"PK\x01\x02", central)):
        for found in re.finditer(re.escape(signature), data):
            change(out, found.start() + offset)
    return bytes(out)


def encrypted(data: bytes) -> bytes:
    def flag(out: bytearray, at: int) -> None:
        out[at] |= 0x01

    return with_zip_field(data, 6, 8, flag)


def compressed_by(method: int) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        def put(out: bytearray, at: int) -> None:
            out[at:at + 2] = method.to_bytes(2, "little")

        return with_zip_field(data, 8, 10, put)

    return change


def garbled(data: bytes) -> bytes:
    at = data.index(b"word/document.xml") + len(b"word/document.xml") + 10
    return data[:at] + b"\xff" * 50 + data[at + 50:]


OFFICE_DOCUMENT = b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/' \
    b'officeDocument"'
DAMAGED = [  # each was an internal error (exit 2) or a bare English message
    ("no main document", repacked(_rels___rels=edited("_rels/.rels", OFFICE_DOCUMENT,
                                                        b'Type="http://x/khac"')),
     "phần _rels/.rels trỏ tới 0 phần nội dung chính (officeDocument), không phải một"),
    ("no styles", repacked(word___rels__document_xml_rels=edited(
        "word/_rels/document.xml.rels", b"relationships/styles\"", b"relationships/khac\"")),
     "phần word/_rels/document.xml.rels trỏ tới 0 phần kiểu (styles)"),
    ("header not UTF-8", repacked(word__header1_xml=edited("word/header1.xml", b"</w:hdr>",
                                                           b"<!-- \xe9 --></w:hdr>")),
     "phần word/header1.xml không phải XML đọc được (Invalid bytes"),
    ("header in UTF-16", repacked(word__header1_xml=shipped_parts()["word/header1.xml"].decode(
        "utf-8").replace("UTF-8", "UTF-16").encode("utf-16")),
     "phần word/header1.xml không ở bảng mã UTF-8 (byte thứ 1 không đọc được)"),
    ("a part missing", repacked(word__header1_xml=None),
     "phần word/header1.xml không có trong tệp"),
    ("not XML", repacked(word__settings_xml=b"<w:settings"),
     "phần word/settings.xml không phải XML đọc được"),
    ("no body", repacked(word__document_xml=b'<w:document xmlns:w="http://schemas.'
                         b'openxmlformats.org/wordprocessingml/2006/main"/>'),
     "phần word/document.xml không phải nội dung văn bản Word (không có w:body)"),
    ("no page settings", repacked(word__document_xml=edited(
        "word/document.xml", b"<w:pgSz", b"<w:khac")),
     "phần word/document.xml có khổ giấy hay lề trang (w:pgSz) không ghi bằng số"),
    ("margin in cm", repacked(word__document_xml=edited(
        "word/document.xml", b'w:left="1701"', b'w:left="3cm"')),
     "lề trang (w:pgMar) không ghi bằng số như Word ghi"),
    ("a DTD", repacked(word__document_xml=edited(
        "word/document.xml", b"<w:document ",
        b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/hostname">]><w:document ')),
     "phần word/document.xml có khai báo DOCTYPE (Word không bao giờ ghi)"),
    ("encrypted", encrypted(TEMPLATE.read_bytes()),
     "được mã hóa (mẫu có đặt mật khẩu?) hoặc nén theo cách Word không dùng"),
    ("unknown compression", compressed_by(99)(TEMPLATE.read_bytes()),
     "được mã hóa (mẫu có đặt mật khẩu?) hoặc nén theo cách Word không dùng"),
    ("damaged deflate", garbled(TEMPLATE.read_bytes()),
     "tệp không phải .docx, hoặc bị hỏng (không giải nén được)"),
    ("Word 97-2003", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
     "tệp là văn bản Word 97–2003 (.doc) hoặc có đặt mật khẩu"),
]


@pytest.mark.parametrize(("case", "data", "said"), DAMAGED, ids=[d[0] for d in DAMAGED])
def test_a_template_package_unlike_what_word_writes_is_the_clerks_error(
        case: str, data: bytes, said: str) -> None:
    from generator.errors import KeHoachError
    from generator.render.template.preparation import prepare

    with pytest.raises(KeHoachError) as info:
        prepare(data, "mau.docx")
    [problem] = info.value.diagnostics
    assert problem.file == "mau.docx"
    assert problem.message.startswith("Không mở được mẫu trình bày: "), case
    assert said in problem.message, case
    assert "Word" in problem.hint and "lưu" in problem.hint.lower()


def test_a_template_without_its_main_document_is_refused_by_build(tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    template.write_bytes(DAMAGED[0][1])
    stderr = build_with(template, tmp_path / "out")
    assert f"{template}: lỗi: Không mở được mẫu trình bày: phần _rels/.rels trỏ tới 0" in stderr
    assert "gợi ý: Mở mẫu trong Word và lưu lại dạng .docx" in stderr


def test_the_template_parts_are_parsed_without_entities_or_network() -> None:
    from generator.ooxml.package import BrokenPart, parse_part

    with pytest.raises(BrokenPart, match="DOCTYPE"):
        parse_part("word/x.xml", b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')
    with pytest.raises(BrokenPart, match="DOCTYPE"):
        parse_part("word/x.xml", b'<!-- ghi chu --><!DOCTYPE a SYSTEM "http://x/a.dtd"><a/>')
    assert parse_part("word/x.xml", b"<a><b/></a>").tag == "a"


def test_a_style_size_word_would_ignore_is_ignored() -> None:
    from generator.render.template.preparation import prepare

    style = b'w:styleId="KHNoidung"><w:name w:val="KH Noi dung"/>'
    data = repacked(word__styles_xml=edited(
        "word/styles.xml", style, style + b'<w:rPr><w:sz w:val="abc"/></w:rPr>'))
    prepared = prepare(data, "mau.docx")  # the size of the style it is based on
    assert prepared.style("KH Noi dung").size_pt == prepared.style("Normal").size_pt


def test_a_rule_in_a_cell_of_automatic_width_is_drawn(tmp_path: Path) -> None:
    """``w:tcW w:type="auto"`` (or a percentage): the rule takes the section's width."""
    template = tmp_path / "mau.docx"
    template.write_bytes(repacked(word__document_xml=edited(
        "word/document.xml", b'<w:tcW w:type="dxa" w:w="3402"/>',
        b'<w:tcW w:type="auto" w:w="auto"/>')))
    result = CliRunner().invoke(main, ["build", str(FULL), "-o", str(tmp_path / "out"),
                                       "--template", str(template)])
    assert result.exit_code == 0, result.output

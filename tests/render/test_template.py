"""Templates: the shipped one uses only documented variables; a restyled one is checked first."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli import main
from generator.render.template import CONTEXT_KEYS, jinja_environment
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
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"`{key}`" in readme for key in CONTEXT_KEYS)


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

    from tests.docx_reading import W

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


def test_a_prepared_template_is_kept_on_disk_and_gives_the_same_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.render.template import prepare
    from generator.render.template_store import cached_prepare

    monkeypatch.setenv("KEHOACH_CACHE", str(tmp_path / "cache"))
    data = TEMPLATE.read_bytes()
    first = cached_prepare(data, "mau.docx")
    [kept] = (tmp_path / "cache").glob("mau-*.json")
    again = cached_prepare(data, "mau.docx")
    fresh = prepare(data, "mau.docx")
    for name in ("head", "tail", "body_source", "parts", "styles", "sections", "settings"):
        assert getattr(again, name) == getattr(first, name) == getattr(fresh, name), name
    kept.write_text("{hỏng", encoding="utf-8")  # a damaged cache is prepared again
    assert cached_prepare(data, "mau.docx").body_source == fresh.body_source
    monkeypatch.setenv("KEHOACH_CACHE", "0")
    assert cached_prepare(data, "mau.docx").parts == fresh.parts

"""``kehoach build``: outputs written atomically, templates checked, PDF through LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli import main
from generator.render.docx import CONTEXT_KEYS
from tests.conftest import FIXTURES, ROOT, example_paths
from tests.docx_reading import document_text

FULL = FIXTURES / "valid" / "day-du.yaml"


def test_build_writes_a_docx_per_plan_and_a_workbook_where_there_are_tables(
        tmp_path: Path) -> None:
    plans = [str(FULL), str(ROOT / "data" / "examples" / "toi-thieu.yaml")]
    result = CliRunner().invoke(main, ["build", *plans, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "day-du.docx", "day-du.xlsx", "toi-thieu.docx"]


def test_failed_build_keeps_the_old_output_and_leaves_no_temp_file(tmp_path: Path) -> None:
    plan = tmp_path / "ke-hoach.yaml"
    shutil.copy(FULL, plan)
    out = tmp_path / "out"
    out.mkdir()
    old = out / "ke-hoach.docx"
    old.write_bytes(b"ban cu")
    text = plan.read_text(encoding="utf-8").replace("ho_ten: Nguyễn Văn A", "ho_ten: ")
    plan.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(plan), "-o", str(out)])
    assert result.exit_code == 1
    assert "nguoi_ky.ho_ten" in result.stderr
    assert old.read_bytes() == b"ban cu"
    assert [p.name for p in out.iterdir()] == ["ke-hoach.docx"]


def test_template_with_an_unknown_variable_fails_before_writing(tmp_path: Path) -> None:
    from docxtpl import DocxTemplate

    template = tmp_path / "mau.docx"
    document = Document(str(ROOT / "templates" / "ke-hoach.docx"))
    document.add_paragraph("{{ bien_la }}")
    document.save(str(template))
    assert DocxTemplate(str(template))  # still a valid template file
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(FULL), "-o", str(out),
                                       "--template", str(template)])
    assert result.exit_code == 1
    assert "bien_la" in result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_default_template_uses_only_documented_variables() -> None:
    from docxtpl import DocxTemplate

    from generator.render.docx import jinja_environment

    used = DocxTemplate(str(ROOT / "templates" / "ke-hoach.docx"))
    variables = used.get_undeclared_template_variables(jinja_environment())
    assert variables <= {*CONTEXT_KEYS, "dong"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"`{key}`" in readme for key in CONTEXT_KEYS)


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


@pytest.mark.parametrize("plan", [*example_paths(), FULL], ids=lambda p: p.stem)
def test_every_example_converts_to_pdf_with_a_sane_page_count(plan: Path,
                                                             tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--pdf", str(plan), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    pages = pdf_pages(tmp_path / f"{plan.stem}.pdf")
    docx = tmp_path / f"{plan.stem}.docx"
    sections = len(Document(str(docx)).sections)
    count = len(document_text(docx).split())
    # Each section starts a page; an A4 page at 14 pt holds roughly 250-600 words.
    assert max(sections, count // 600) <= pages <= count // 200 + 2 * sections


def test_template_without_a_needed_style_is_a_clear_error(tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    document = Document(str(ROOT / "templates" / "ke-hoach.docx"))
    document.styles["KH Noi dung"].name = "Noi dung cua toi"
    document.save(str(template))
    result = CliRunner().invoke(main, ["build", str(FULL), "-o", str(tmp_path / "out"),
                                       "--template", str(template)])
    assert result.exit_code == 1
    assert "thiếu kiểu (style): KH Noi dung" in result.stderr
    assert "Traceback" not in result.stderr

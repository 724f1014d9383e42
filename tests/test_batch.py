"""Many plans at once: every core, failures reported at the end, the good plans written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.batch import build_many, plan_files
from generator.cli import main
from generator.pipeline import BuildRequest
from tests.conftest import EXAMPLES


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    source = (EXAMPLES / "toi-thieu.yaml").read_text(encoding="utf-8")
    for n in range(count):
        (folder / f"xa-{n:03d}.yaml").write_text(source.replace("Tân An", f"Xã {n}"),
                                                 encoding="utf-8")
    return folder


def test_a_folder_of_plans_is_built_in_parallel_in_order(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 12)
    (folder / "ghi-chu.txt").write_text("không phải kế hoạch", encoding="utf-8")
    seen: list[Path] = []
    outcomes = build_many(plan_files([folder]), BuildRequest(tmp_path / "out", ("docx",)),
                          jobs=2, done=lambda o: seen.append(o.path))
    assert [o.path.name for o in outcomes] == [f"xa-{n:03d}.yaml" for n in range(12)]
    assert sorted(seen) == [o.path for o in outcomes]
    assert len(list((tmp_path / "out").glob("*.docx"))) == 12


def test_one_bad_plan_is_reported_at_the_end_and_the_others_are_written(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 3)
    (folder / "xa-001.yaml").write_text("co_quan: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["xa-000.docx",
                                                                    "xa-002.docx"]
    assert result.stderr.rstrip().endswith("xa-001.yaml: không dựng được (không ghi tệp nào).")


def test_many_plans_print_a_summary_not_every_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 21)
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out"),
                                       "-j", "2"])
    assert result.exit_code == 0, result.stderr
    assert "Đã ghi" not in result.stdout
    assert "Đã dựng 21/21 kế hoạch (21 tệp)" in result.stdout


def test_an_empty_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(tmp_path)])
    assert result.exit_code == 1
    assert "Không có tệp kế hoạch" in result.stderr


def test_validate_and_help_do_not_load_the_document_machinery() -> None:
    probe = ("import sys\nfrom click.testing import CliRunner\nfrom generator.cli import main\n"
             f"CliRunner().invoke(main, ['validate', {str(EXAMPLES / 'bac-kan-2022.yaml')!r}])\n"
             "CliRunner().invoke(main, ['--help'])\n"
             "heavy = {'docx', 'docxtpl', 'lxml', 'openpyxl', 'xlsxwriter', 'jinja2', 'tqdm'}\n"
             "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True)
    assert run.stdout.strip() == "[]"


def test_plan_files_keep_files_as_given(tmp_path: Path) -> None:
    plan = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "toi-thieu.yaml", plan)
    assert plan_files([plan, tmp_path]) == [plan, plan]


def test_a_pdf_that_fails_fails_its_plan_and_the_others_are_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch's shared conversion: one document LibreOffice cannot convert is that
    plan's failure; the other plans get their PDF."""
    from generator.errors import Diagnostic
    from generator.render import pdf

    def convert(documents: list[Path], jobs: int) -> dict[Path, bytes | Diagnostic]:
        return {d: Diagnostic("LibreOffice không xuất được PDF.", str(d))
                if d.stem == "toi-thieu" else b"%PDF-1.7" for d in documents}

    monkeypatch.setattr(pdf, "convert_files", convert)
    plans = [EXAMPLES / "toi-thieu.yaml", EXAMPLES / "dak-nong-2022.yaml"]
    bad, good = build_many(plans, BuildRequest(tmp_path, ("docx", "pdf")), jobs=1)
    assert bad.failed and "không xuất được PDF" in bad.diagnostics[-1].message
    assert not good.failed and (tmp_path / "dak-nong-2022.pdf").read_bytes() == b"%PDF-1.7"
    assert not (tmp_path / "toi-thieu.pdf").exists()

"""Many plans at once: every core, failures reported at the end, the good plans written."""

from __future__ import annotations

import errno
import multiprocessing
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.batch import BuildBugs, Outcome, build_many, build_one, plan_files
from generator.cli import main
from generator.pipeline import BuildReport, BuildRequest, build
from tests.conftest import EXAMPLES

START_METHODS = [m for m in ("fork", "spawn") if m in multiprocessing.get_all_start_methods()]
"""Linux starts worker processes by fork, Windows and macOS by spawn: tests run both here."""


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
    plan's failure, said of the plan, and nothing of that plan is written (its last build's
    DOCX stays, not a new DOCX beside an old PDF); the other plans get their set.
    LibreOffice converts the DOCX before any plan's set is in place."""
    from generator.errors import Diagnostic
    from generator.render import pdf

    def convert(documents: dict[str, bytes], jobs: int, tick: Callable[[], object],
                seconds: int | None) -> dict[str, bytes | Diagnostic]:
        assert all(data.startswith(b"PK") for data in documents.values())
        assert not (tmp_path / "dak-nong-2022.docx").exists()  # nothing in place yet
        return {d: Diagnostic("LibreOffice không xuất được PDF.", d)
                if d.endswith("toi-thieu.yaml") else b"%PDF-1.7" for d in documents}

    monkeypatch.setattr(pdf, "convert_files", convert)
    (tmp_path / "toi-thieu.docx").write_bytes(b"lan truoc")
    (tmp_path / "toi-thieu.pdf").write_bytes(b"lan truoc")
    plans = [EXAMPLES / "toi-thieu.yaml", EXAMPLES / "dak-nong-2022.yaml"]
    bad, good = build_many(plans, BuildRequest(tmp_path, ("docx", "pdf")), jobs=1)
    assert bad.failed and "không xuất được PDF" in bad.diagnostics[-1].message
    assert bad.diagnostics[-1].file == str(EXAMPLES / "toi-thieu.yaml")
    assert not good.failed and (tmp_path / "dak-nong-2022.pdf").read_bytes() == b"%PDF-1.7"
    assert good.written == [tmp_path / "dak-nong-2022.docx", tmp_path / "dak-nong-2022.pdf"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dak-nong-2022.docx", "dak-nong-2022.pdf", "toi-thieu.docx", "toi-thieu.pdf"]
    assert (tmp_path / "toi-thieu.docx").read_bytes() == b"lan truoc"
    assert (tmp_path / "toi-thieu.pdf").read_bytes() == b"lan truoc"


def test_two_plans_with_one_output_name_are_refused_before_anything_is_written(
        tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "ke-hoach.yaml", tmp_path / "b" / "Ke-Hoach.yaml"
    for plan in (first, second):
        plan.parent.mkdir()
        shutil.copy(EXAMPLES / "toi-thieu.yaml", plan)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(first), str(second), "-o", str(out)])
    assert result.exit_code == 1
    assert f"Hai kế hoạch '{first}' và '{second}' cùng ghi ra" in result.stderr
    assert not out.exists()


def test_a_plan_named_twice_is_built_once(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 2)
    outcomes = build_many([folder / "xa-001.yaml", *plan_files([folder])],
                          BuildRequest(tmp_path / "out", ("docx",)), jobs=1)
    assert [o.path.name for o in outcomes] == ["xa-001.yaml", "xa-000.yaml"]


def test_an_output_folder_that_is_a_file_is_said_once_for_the_batch(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 3)
    (tmp_path / "out").write_bytes(b"")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.count("là một tệp, không phải thư mục") == 1


def _failing(path: Path, request: BuildRequest) -> BuildReport:
    """A build of xa-001 meeting ``FAILURE`` (set in the builder's own process)."""
    if path.stem == "xa-001":
        raise FAILURE[0]
    return build(path, request)


FAILURE: list[BaseException] = []


def _with_failure(failure: BaseException, path: Path, request: BuildRequest,
                  write: bool) -> Outcome:
    """:func:`build_one` whose build of xa-001 raises ``failure``: a function of this module
    given to the workers by name (through :func:`functools.partial`), so that spawned
    workers (Windows, macOS) get it too, where a monkeypatch reached forked ones only."""
    from generator import batch

    FAILURE[:] = [failure]
    real, batch.build = batch.build, _failing
    try:
        return build_one(path, request, write)
    finally:
        batch.build = real


def _failing_for(monkeypatch: pytest.MonkeyPatch, failure: BaseException) -> None:
    """The CLI's batches built with :func:`_with_failure`."""
    from generator import batch

    real = batch.build_many

    def build_many(*args: Any, **kwargs: Any) -> list[Outcome]:
        return real(*args, **kwargs, builder=partial(_with_failure, failure))

    monkeypatch.setattr(batch, "build_many", build_many)


def test_an_unexpected_system_error_fails_its_plan_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, 3)
    _failing_for(monkeypatch, OSError(errno.EIO, "Input/output error", "/mnt/usb/ke-hoach.docx"))
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out"),
                                       "-j", "1"])
    assert result.exit_code == 1
    assert "lỗi đọc/ghi của ổ đĩa (/mnt/usb/ke-hoach.docx)" in result.stderr
    assert result.stderr.rstrip().endswith("xa-001.yaml: không dựng được (không ghi tệp nào).")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["xa-000.docx",
                                                                    "xa-002.docx"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bug_in_one_plan_names_it_exits_2_and_the_others_are_built(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    folder = _folder(tmp_path, 4)
    _failing_for(monkeypatch, KeyError("mã không có"))
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out"),
                                       "-j", jobs])
    assert result.exit_code == 2
    assert "xa-001.yaml: lỗi nội bộ của kehoach khi dựng kế hoạch này" in result.stderr
    assert result.stderr.rstrip().endswith("gửi nội dung hiện ra cho người phát triển.")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "xa-000.docx", "xa-002.docx", "xa-003.docx"]
    with pytest.raises(BuildBugs, match="KeyError: 'mã không có'"):
        CliRunner().invoke(main, ["--debug", "build", str(folder), "-o",
                                  str(tmp_path / "out"), "-j", jobs], catch_exceptions=False)


def build_dying_on_xa_002(path: Path, request: BuildRequest, write: bool) -> Outcome:
    """A build whose process dies on the plan xa-002 (given to workers by name: it reaches
    spawned workers too)."""
    if path.stem == "xa-002":
        os._exit(9)
    return build_one(path, request, write)


@pytest.mark.parametrize("method", START_METHODS)
def test_a_worker_that_dies_fails_its_plan_only(tmp_path: Path, method: str) -> None:
    """A worker process that dies loses the plan it was on: that plan is built again alone,
    and fails only if it kills its process again; the others are all built (a worker dying
    once took a plan of another worker with it)."""
    folder = _folder(tmp_path, 6)
    outcomes = build_many(plan_files([folder]), BuildRequest(tmp_path / "out", ("docx",)),
                          jobs=2, builder=build_dying_on_xa_002, method=method)
    assert [o.path.name for o in outcomes if o.failed] == ["xa-002.yaml"]
    [died] = [o for o in outcomes if o.failed]
    assert died.bug and "dừng đột ngột (mã thoát 9)" in died.diagnostics[0].message
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        f"xa-{n:03d}.docx" for n in range(6) if n != 2]


def test_a_pdf_only_batch_writes_the_pdfs_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.render import pdf

    monkeypatch.setattr(pdf, "convert_files",
                        lambda documents, jobs, tick, seconds: {d: b"%PDF-1.7"
                                                                for d in documents})
    folder = _folder(tmp_path, 2)
    outcomes = build_many(plan_files([folder]), BuildRequest(tmp_path / "out", ("pdf",)),
                          jobs=1)
    assert [o.written for o in outcomes] == [[tmp_path / "out" / f"xa-00{n}.pdf"]
                                             for n in range(2)]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["xa-000.pdf", "xa-001.pdf"]


def test_validate_takes_a_folder_as_build_does(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 3)
    (folder / "xa-001.yaml").write_text("co_quan: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1
    assert f"{folder / 'xa-000.yaml'}: hợp lệ" in result.stdout
    assert f"{folder / 'xa-002.yaml'}: hợp lệ" in result.stdout
    assert str(folder / "xa-001.yaml") in result.stderr
    empty = tmp_path / "trong"
    empty.mkdir()
    result = CliRunner().invoke(main, ["validate", str(empty)])
    assert result.exit_code == 1
    assert "Không có tệp kế hoạch (.yaml) nào để kiểm tra" in result.stderr


def test_the_summary_of_many_plans_names_each_plan_with_warnings(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 21)
    for n in (3, 17):  # a place left to write: a warning, not an error
        plan = folder / f"xa-{n:03d}.yaml"
        plan.write_text(plan.read_text(encoding="utf-8").replace(
            "Nâng cao nhận thức", "CẦN VIẾT nâng cao nhận thức"), encoding="utf-8")
    from generator.pipeline import check_file

    warned = [p.name for p in plan_files([folder]) if check_file(p)]
    assert warned == ["xa-003.yaml", "xa-017.yaml"]
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert f"{len(warned)} kế hoạch có cảnh báo" in result.stdout
    for name in warned:
        assert f"  {folder / name}: " in result.stdout
    assert len([line for line in result.stdout.splitlines() if " cảnh báo" in line
                and line.startswith("  ")]) == len(warned)


def test_the_progress_bar_moves_as_each_plan_is_built_and_as_each_pdf_is_made(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch with --pdf counts two steps a plan: built, then converted; the PDF stage
    used to show nothing until the end."""
    from generator.batch import steps
    from generator.render import pdf

    def convert(documents: dict[str, bytes], jobs: int, tick: Callable[[], object],
                seconds: int | None) -> dict[str, bytes]:
        made = {}
        for name in documents:
            made[name] = b"%PDF-1.7"
            tick()
        return made

    monkeypatch.setattr(pdf, "convert_files", convert)
    folder = _folder(tmp_path, 3)
    request = BuildRequest(tmp_path / "out", ("docx", "pdf"))
    ticks: list[int] = []
    build_many(plan_files([folder]), request, jobs=1, tick=lambda: ticks.append(1))
    assert len(ticks) == steps(3, request) == 6

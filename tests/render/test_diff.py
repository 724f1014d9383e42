"""``kehoach diff`` on the command line: formats, exit codes, errors, git revisions."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import EXAMPLES
from tests.diff.scenarios import write_pair


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    old, new = write_pair("sua-nhiem-vu", tmp_path)
    return str(old), str(new)


def test_identical_files_print_nothing_and_exit_0() -> None:
    plan = str(EXAMPLES / "ia-ake-2024.yaml")
    assert run("diff", plan, plan) == (0, "", "")
    assert run("diff", "--exit-code", plan, plan)[0] == 0


def test_exit_code_says_whether_they_differ(pair: tuple[str, str]) -> None:
    assert run("diff", *pair)[0] == 0
    assert run("diff", "--exit-code", *pair)[0] == 1


def test_a_plan_with_an_error_gets_validate_s_message(tmp_path: Path,
                                                      pair: tuple[str, str]) -> None:
    broken = tmp_path / "loi.yaml"
    broken.write_text(Path(pair[0]).read_text(encoding="utf-8").replace(
        "    thoi_gian: 2024-05-17", "    thoi_gian: 2024-13-17"), encoding="utf-8")
    code, _, said = run("validate", str(broken))
    diff_code, out, diff_said = run("diff", str(broken), pair[1])
    assert (code, diff_code, out) == (1, 1, "")
    first = said.splitlines()[0]
    assert first in diff_said.splitlines()


def test_json_is_the_documented_structure(pair: tuple[str, str]) -> None:
    code, out, _ = run("diff", "--format", "json", *pair)
    document = json.loads(out)
    assert code == 0 and document["format"] == "kehoach-diff" and document["version"] == 1
    assert document["summary"]["changed"] == 2 and not document["identical"]
    [due] = [f for item in document["items"] for f in item["fields"]
             if f["field"] == "thời gian"]
    assert (due["old"], due["new"]) == ("17/5/2024", "31/5/2024")
    [partners] = [f for item in document["items"] for f in item["fields"]
                  if f["field"] == "đơn vị phối hợp"]
    assert partners["added"] == ["Phòng Tài chính - Kế hoạch"] and partners["removed"] == []


def test_markdown_and_html_show_removed_and_added_words(tmp_path: Path) -> None:
    old, new = write_pair("sua-doan-van", tmp_path)
    _, md, _ = run("diff", "--format", "md", str(old), str(new))
    assert "~~29~~" in md and "**30**" in md
    page = tmp_path / "diff.html"
    assert run("diff", "--format", "html", "-o", str(page), str(old), str(new))[0] == 0
    html = page.read_text(encoding="utf-8")
    assert "<del>29</del>" in html and "<ins>30</ins>" in html
    assert "http://" not in html and "https://" not in html  # opens offline


def _committed(tmp_path: Path) -> Path:
    """A git repository holding the OLD plan committed and the NEW one in its place."""
    old, new = write_pair("sua-nhiem-vu", tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    plan = tmp_path / "ke-hoach.yaml"
    shutil.copy(old, plan)
    subprocess.run([*git, "add", "ke-hoach.yaml"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], cwd=tmp_path, check=True)
    shutil.copy(new, plan)
    return plan


def test_either_side_may_come_from_git(tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _committed(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("diff", "HEAD:ke-hoach.yaml", "ke-hoach.yaml")
    assert code == 0 and "'17/5/2024' → '31/5/2024'" in out
    code, _, said = run("diff", "HEAD~5:ke-hoach.yaml", "ke-hoach.yaml")
    assert code == 1 and "Không đọc được 'ke-hoach.yaml' ở phiên bản 'HEAD~5'" in said


def test_a_usage_mistake_is_the_clerk_s_not_an_internal_error() -> None:
    code, _, said = run("diff", "chi-mot-tep.yaml")
    assert code == 1 and "Thiếu tham số 'BẢN_MỚI'" in said


def test_output_must_name_a_file(pair: tuple[str, str], tmp_path: Path) -> None:
    code, _, said = run("diff", *pair, "-o", f"{tmp_path}/ket-qua/")
    assert code == 1 and "Cần tên tệp" in said


def test_an_absolute_path_at_a_git_revision(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _committed(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("diff", f"HEAD:{plan}", str(plan))
    assert code == 0 and "'17/5/2024' → '31/5/2024'" in out


@pytest.mark.parametrize("name", ["a" * 300 + ":ke-hoach.yaml", "ke-hoach.yaml\x00",
                                  "HEAD:ke-hoach\x00.yaml"])
def test_a_name_too_long_for_the_system_or_with_nul_is_the_clerk_s_error(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by the fuzzing harness: each was an internal error (exit 2)."""
    monkeypatch.chdir(tmp_path)
    code, _, said = run("diff", name, str(EXAMPLES / "toi-thieu.yaml"))
    assert code == 1 and "Lỗi nội bộ" not in said

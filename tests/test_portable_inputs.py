"""What a Windows or macOS clerk gives kehoach, simulated here: CRLF line endings, folders
with spaces and Vietnamese letters, paths typed with backslashes or on another drive."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path, PureWindowsPath

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.derive import parent_link
from generator.derive.spec import read_children
from generator.kpi.results import read_results
from generator.load.sources import git_path, git_spec
from generator.pipeline import load_plan
from generator.reference import load_reference
from generator.render.template.store import user_cache_folder
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.windows_macos
"""All of this module is the group run by ``pytest -m windows_macos``."""

REFERENCE = load_reference()


def crlf(source: Path, target: Path) -> Path:
    """``source`` saved as Windows' Notepad and Excel save it: CRLF line endings."""
    target.parent.mkdir(parents=True, exist_ok=True)
    text = source.read_bytes().decode("utf-8").replace("\r\n", "\n")
    target.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return target


def lf(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def _build(plan: Path, out: Path, *extra: str) -> dict[str, bytes]:
    result = CliRunner().invoke(main, ["build", str(plan), "-o", str(out), *extra])
    assert result.exit_code == 0, result.stderr
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


@pytest.mark.parametrize("name", ["ia-ake-2024", "dak-nong-2022"])
def test_a_crlf_plan_builds_the_same_files_as_lf(name: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    source = EXAMPLES / f"{name}.yaml"
    unix = _build(lf(source, tmp_path / "lf" / "ke-hoach.yaml"), tmp_path / "lf" / "out")
    windows = _build(crlf(source, tmp_path / "crlf" / "ke-hoach.yaml"),
                     tmp_path / "crlf" / "out")
    assert "ke-hoach.docx" in windows
    assert windows == unix


MISTAKES = [("  cap: xa\n", "  cap: xaa\n"), ("trich_yeu: ", "trich_yeuu: "),
            ("  luu: VT\n", "  luu: VT\n  luu: VT\n"), ("Tân An\n", "Tân An\x07\n"),
            ("  ky_hieu: UBND\n", "  ky_hieu: [UBND\n")]


@pytest.mark.parametrize(("before", "after"), MISTAKES, ids=[m[1].strip() for m in MISTAKES])
def test_errors_in_a_crlf_plan_point_at_the_same_line_and_column(
        before: str, after: str, tmp_path: Path) -> None:
    text = (EXAMPLES / "toi-thieu.yaml").read_text(encoding="utf-8").replace(before, after, 1)
    said = {}
    for ending in ("\n", "\r\n"):
        folder = tmp_path / ("crlf" if ending == "\r\n" else "lf")
        folder.mkdir()
        plan = folder / "ke-hoach.yaml"
        plan.write_bytes(text.replace("\n", ending).encode("utf-8"))
        result = CliRunner().invoke(main, ["validate", str(plan)])
        assert result.exit_code == 1
        said[ending] = result.stderr.replace(str(folder), "")
    assert ":" in said["\n"].split("lỗi")[0]  # located: ke-hoach.yaml:LINE:COL
    assert said["\r\n"] == said["\n"]


def test_a_crlf_unit_list_reads_the_same(tmp_path: Path) -> None:
    source = EXAMPLES / "phu-thien-2024-don-vi.csv"
    unix = read_children(lf(source, tmp_path / "lf.csv"), REFERENCE)
    windows = read_children(crlf(source, tmp_path / "crlf.csv"), REFERENCE)
    assert windows == unix and len(unix[0]) > 3


def test_a_crlf_results_file_reads_the_same(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLES / "bac-kan-2022.yaml", REFERENCE)
    mapping = plan.plan.data_mapping
    assert mapping is not None
    source = EXAMPLES / "bac-kan-2022-ket-qua.csv"
    unix = read_results(lf(source, tmp_path / "lf" / "ket-qua.csv"), mapping)
    windows = read_results(crlf(source, tmp_path / "crlf" / "ket-qua.csv"), mapping)
    assert not unix.problems and not windows.problems
    assert replace(windows, path=unix.path) == unix


def test_a_plan_in_a_folder_with_spaces_and_vietnamese_letters_builds(tmp_path: Path) -> None:
    folder = tmp_path / "Kế hoạch của xã" / "năm 2025"
    plan = lf(EXAMPLES / "ia-ake-2024.yaml", folder / "Kế hoạch chuyển đổi số.yaml")
    out = tmp_path / "Kết quả dựng"
    result = CliRunner().invoke(main, ["validate", str(plan)])
    assert result.exit_code == 0 and f"{plan}: hợp lệ" in result.stdout
    built = _build(plan, out)
    assert sorted(built) == ["Kế hoạch chuyển đổi số.docx", "Kế hoạch chuyển đổi số.xlsx"]


def test_a_child_derived_into_a_folder_with_spaces_names_its_parent(tmp_path: Path) -> None:
    parent = lf(EXAMPLES / "phu-thien-2024.yaml", tmp_path / "Huyện Phú Thiện" / "kế hoạch.yaml")
    target = tmp_path / "Các xã" / "Xã Ia Ake.yaml"
    result = CliRunner().invoke(main, ["derive", str(parent), "--don-vi", "Xã Ia Ake",
                                       "--cap", "xa", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert "../Huyện Phú Thiện/kế hoạch.yaml" in target.read_text(encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", str(target)]).exit_code == 0


def test_a_parent_on_another_windows_drive_is_named_by_its_full_path(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def other_drive(path: object, start: object = None) -> str:
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr("generator.derive.os.path.relpath", other_drive)
    parent = tmp_path / "ke-hoach.yaml"
    assert parent_link(parent, tmp_path / "xa" / "x.yaml") == parent.resolve().as_posix()


def test_a_windows_path_is_given_to_git_with_forward_slashes() -> None:
    assert git_path(PureWindowsPath(r"data\ke hoach\KH.yaml")) == "./data/ke hoach/KH.yaml"
    assert git_path(PureWindowsPath(r"..\KH.yaml")) == "../KH.yaml"


def test_a_drive_letter_is_not_a_git_revision() -> None:
    assert git_spec(r"C:\Users\van-thu\Kế hoạch\KH.yaml") is None
    assert git_spec("HEAD~1:data/KH.yaml") == ("HEAD~1", "data/KH.yaml")


@pytest.mark.parametrize(("system", "environ", "expected"), [
    ("win32", {"LOCALAPPDATA": r"C:\Users\vt\AppData\Local"},
     r"C:\Users\vt\AppData\Local/kehoach/cache"),
    ("darwin", {}, "/Users/vt/Library/Caches/kehoach"),
    ("linux", {}, "/Users/vt/.cache/kehoach"),
    ("linux", {"XDG_CACHE_HOME": "/var/cache/vt"}, "/var/cache/vt/kehoach"),
])
def test_prepared_templates_are_cached_where_each_system_keeps_caches(
        system: str, environ: dict[str, str], expected: str) -> None:
    assert user_cache_folder(system, environ, Path("/Users/vt")).as_posix() == expected

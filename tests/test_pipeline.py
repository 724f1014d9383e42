"""The stages wired together: what a build writes, reports and refuses."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.errors import KeHoachError
from generator.pipeline import BuildRequest, build
from tests.conftest import EXAMPLES, FIXTURES
from tests.helpers.docx_reading import docx_progress_figures
from tests.helpers.xlsx_reading import xlsx_progress_figures

IA_AKE = EXAMPLES / "ia-ake-2024.yaml"
BAC_KAN = EXAMPLES / "bac-kan-2022.yaml"
BAC_KAN_DATA = EXAMPLES / "bac-kan-2022-ket-qua.csv"
FULL = FIXTURES / "valid" / "day-du.yaml"


def test_build_writes_a_docx_per_plan_and_a_workbook_where_there_are_tables(
        tmp_path: Path) -> None:
    plans = [str(FULL), str(EXAMPLES / "toi-thieu.yaml")]
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


def test_bac_kan_worked_examples_come_out_as_the_seed_says(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(BAC_KAN), "--data", str(BAC_KAN_DATA),
                                       "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    lines = [line.split("  ") for line in result.stdout.splitlines() if "Văn hoá" in line]
    cells = [[cell.strip() for cell in line if cell.strip()] for line in lines]
    assert [(row[-3], row[-1]) for row in cells] == [
        ("75%", "Chưa đạt"), ("80%", "Đạt"), ("96,7%", "Đạt")]


def test_units_missing_from_the_data_are_reported_once_not_zero(tmp_path: Path) -> None:
    report = build(BAC_KAN, BuildRequest(tmp_path, ("docx",), data=BAC_KAN_DATA))
    missing = [w for w in report.warnings if "chưa có số liệu" in w.message]
    assert len(missing) == 1 and "Phường Đức Xuân" in missing[0].message
    marks = {(line.unit, line.kpi.id): line.mark for line in report.progress}
    assert marks["Phường Đức Xuân", "ho-so-truc-tuyen"] == "Chưa có số liệu"
    assert marks["Phòng Văn hoá và Thông tin", "ho-so-truc-tuyen"] == "Đạt"


def test_hundreds_of_units_the_plan_does_not_know_are_one_warning_not_rows(
        tmp_path: Path) -> None:
    header = BAC_KAN_DATA.read_text(encoding="utf-8-sig").splitlines()[0]
    rows = [f"Đơn vị lạ số {n},20,15,10,8,155,150" for n in range(500)]
    data = tmp_path / "ket-qua.csv"
    data.write_text("\n".join([header, "Phòng Nội vụ,20,15,10,8,155,150", *rows]) + "\n",
                    encoding="utf-8")
    report = build(BAC_KAN, BuildRequest(tmp_path, ("docx", "xlsx"), data=data))
    [unknown] = [w for w in report.warnings if "không có trong kế hoạch" in w.message]
    assert unknown.message.startswith("500 đơn vị có trong tệp số liệu nhưng không có trong "
                                      "kế hoạch (không đưa vào bảng tiến độ): Đơn vị lạ số 0 "
                                      "(dòng 3);")
    assert unknown.message.endswith("; và 480 đơn vị khác.")
    assert "Đơn vị lạ số 0" not in {line.unit for line in report.progress}
    assert "Phòng Nội vụ" in {line.unit for line in report.progress}


def test_a_warning_of_the_results_file_does_not_stop_the_build(tmp_path: Path) -> None:
    data = tmp_path / "ket-qua.csv"
    data.write_text("Đơn vị,TTHC đủ điều kiện toàn trình,TTHC đã cung cấp toàn trình,"
                    "TTHC cho phép nộp trực tuyến có phát sinh hồ sơ,"
                    "TTHC có phát sinh hồ sơ trực tuyến,Tổng số hồ sơ phát sinh,"
                    "Hồ sơ phát sinh trực tuyến\nPhòng Nội vụ,20,15,10,8,155,150\n",
                    encoding="utf-8")
    renamed = data.rename(tmp_path / "ket-qua.xlsx")  # a CSV with a workbook's name
    report = build(BAC_KAN, BuildRequest(tmp_path, ("docx",), data=renamed))
    assert any("là văn bản CSV" in w.message for w in report.warnings)
    assert report.written


def test_a_file_that_is_not_what_its_name_says_is_exit_1_not_a_bug(tmp_path: Path) -> None:
    data = tmp_path / "ket-qua.xlsx"
    data.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # an old .xls
    result = CliRunner().invoke(main, ["build", str(BAC_KAN), "--data", str(data),
                                       "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "Excel 97–2003 (.xls)" in result.stderr


def test_data_without_a_mapping_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KeHoachError) as info:
        build(IA_AKE, BuildRequest(tmp_path, data=BAC_KAN_DATA))
    assert "du_lieu" in info.value.diagnostics[0].message
    assert not list(tmp_path.iterdir())


def test_explain_prints_how_each_computed_target_was_found(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(IA_AKE), "--explain", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert "thấp hơn chỉ tiêu Trung ương Năm 2024 50% → 50% + 10 = 60%." in result.stdout
    assert "45% + 10 = 55%." in result.stdout


def test_unknown_milestone_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(IA_AKE), "--moc", "100 ngay", "-o",
                                       str(tmp_path)])
    assert result.exit_code == 1
    assert "Có phải ý bạn là '100 ngày'?" in result.stderr


def test_a_rule_without_its_inputs_fails_validation_at_the_rule(tmp_path: Path) -> None:
    text = IA_AKE.read_text(encoding="utf-8").replace(
        "ket_qua: [{moc: Năm 2023, don_vi: Xã Ia Ake, gia_tri: 0.2}]", "ket_qua: []")
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(plan)])
    assert result.exit_code == 1
    assert "chi_tieu[3].muc_tieu[2].quy_tac" in result.stderr
    assert "thiếu kết quả mốc 'Năm 2023'" in result.stderr


@settings(max_examples=12, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=500).flatmap(
    lambda a: st.tuples(st.integers(min_value=0, max_value=a), st.just(a))),
    min_size=3, max_size=3))
def test_docx_and_xlsx_show_the_same_figures(counts: list[tuple[int, int]]) -> None:
    header = ("Đơn vị,TTHC đủ điều kiện toàn trình,TTHC đã cung cấp toàn trình,"
              "TTHC cho phép nộp trực tuyến có phát sinh hồ sơ,"
              "TTHC có phát sinh hồ sơ trực tuyến,Tổng số hồ sơ phát sinh,"
              "Hồ sơ phát sinh trực tuyến")
    row = "Phòng Nội vụ," + ",".join(f"{a},{b}" for b, a in counts)
    with tempfile.TemporaryDirectory() as out:
        data = Path(out) / "ket-qua.csv"
        data.write_text(f"{header}\n{row}\n", encoding="utf-8")
        report = build(BAC_KAN, BuildRequest(Path(out), ("docx", "xlsx"), data=data))
        docx, xlsx = sorted(report.written)
        assert docx_progress_figures(docx, "Phòng Nội vụ") == \
            xlsx_progress_figures(xlsx, "Phòng Nội vụ", "cat")


def test_a_workbook_the_plan_no_longer_has_is_removed_and_said(tmp_path: Path) -> None:
    plan, out = tmp_path / "ke-hoach.yaml", tmp_path / "out"
    shutil.copy(FULL, plan)
    assert CliRunner().invoke(main, ["build", str(plan), "-o", str(out)]).exit_code == 0
    assert (out / "ke-hoach.xlsx").exists()
    shutil.copy(EXAMPLES / "toi-thieu.yaml", plan)  # its appendix tables are gone
    result = CliRunner().invoke(main, ["build", str(plan), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["ke-hoach.docx"]
    assert f"Đã xóa {out / 'ke-hoach.xlsx'}: bảng tính của lần dựng trước" in result.stdout
    report = build(plan, BuildRequest(out, ("docx",)))
    assert report.removed == []  # no workbook asked for: none removed


def test_a_set_that_fails_to_go_in_leaves_the_last_build_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second rename fails (the new DOCX is in, its workbook's old file set aside):
    the old DOCX and workbook are put back, and the build fails saying so."""
    import os

    out = tmp_path / "out"
    out.mkdir()
    (out / "day-du.docx").write_bytes(b"docx cu")
    (out / "day-du.xlsx").write_bytes(b"xlsx cu")
    real, calls = os.replace, []

    def replace(source: Any, target: Any) -> None:
        calls.append(source)
        if len(calls) == 3:
            raise PermissionError(13, "Permission denied", str(target))
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    result = CliRunner().invoke(main, ["build", str(FULL), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{out / 'day-du.xlsx'}: lỗi: Không ghi được tệp: không có quyền." in result.stderr
    assert sorted((p.name, p.read_bytes()) for p in out.iterdir()) == [
        ("day-du.docx", b"docx cu"), ("day-du.xlsx", b"xlsx cu")]


@pytest.mark.parametrize("option", ["plan", "--data", "--template"])
def test_an_output_never_replaces_an_input(tmp_path: Path, option: str) -> None:
    """``-o`` pointing where an input is: the plan itself (a plan named .docx), a results
    file, a template; refused before anything is read or written."""
    out = tmp_path / "out"
    out.mkdir()
    plan = BAC_KAN
    if option == "plan":
        plan = out / "bac-kan-2022.docx"
        shutil.copy(BAC_KAN, plan)
        given = plan
        extra: list[str] = []
    else:
        given = out / ("bac-kan-2022.xlsx" if option == "--data" else "bac-kan-2022.docx")
        given.write_bytes(b"dau vao")
        extra = [option, str(given)]
    before = given.read_bytes()
    result = CliRunner().invoke(main, ["build", str(plan), *extra, "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "kehoach không ghi đè tệp đầu vào" in result.stderr and str(given) in result.stderr
    assert given.read_bytes() == before and [p.name for p in out.iterdir()] == [given.name]


def test_a_chain_of_483_parent_links_stops_at_the_stated_depth_at_its_link(
        tmp_path: Path) -> None:
    from generator.pipeline import MAX_PARENTS, load_plan

    text = (EXAMPLES / "toi-thieu.yaml").read_text(encoding="utf-8")
    (tmp_path / "kh-0.yaml").write_text(text, encoding="utf-8")
    for n in range(1, 484):
        (tmp_path / f"kh-{n}.yaml").write_text(f"ke_hoach_cap_tren: kh-{n - 1}.yaml\n" + text,
                                               encoding="utf-8")
    with pytest.raises(KeHoachError) as caught:
        load_plan(tmp_path / "kh-483.yaml")
    [problem] = caught.value.diagnostics
    assert MAX_PARENTS == 10
    assert problem.file == str(tmp_path / f"kh-{483 - MAX_PARENTS}.yaml") and problem.line == 1
    assert problem.message.startswith("Chuỗi kế hoạch cấp trên dài quá 10 tầng: kh-483.yaml → "
                                      "kh-482.yaml")
    load_plan(tmp_path / f"kh-{MAX_PARENTS}.yaml")  # ten parents: a chain the law can make


def test_a_signer_title_left_as_an_ellipsis_builds_with_a_warning_at_its_key(
        tmp_path: Path) -> None:
    """An imported plan leaves what it could not read as '…'; the built document then lacks
    that part of the format. That is the clerk's to fill, not a bug: a warning naming the
    key, the files written, exit 0."""
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text((EXAMPLES / "toi-thieu.yaml").read_text(encoding="utf-8")
                    .replace("chuc_vu: CHỦ TỊCH", "chuc_vu: …"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(plan), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "ke-hoach.docx").is_file()
    assert "nguoi_ky.chuc_vu" in result.stderr
    assert "thiếu thành phần: Quyền hạn, chức vụ người ký" in result.stderr


def test_an_appendix_whose_text_is_only_an_ellipsis_builds(tmp_path: Path) -> None:
    """An imported appendix the reader could not fill ("…", no 'Kèm theo' line): the
    format check took the "…" for the appendix title and called kehoach's own output wrong
    (exit 2). A line with no letter ends an appendix's title."""
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text((EXAMPLES / "toi-thieu.yaml").read_text(encoding="utf-8")
                    + "phu_luc:\n  - tieu_de: Danh sách đơn vị\n    dong_kem_theo: false\n"
                      "    noi_dung: […]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(plan), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output

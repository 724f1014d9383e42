"""``kehoach derive`` as a clerk runs it: one unit, a list of units, never overwriting."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from tests.builders import district_file


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_derive_then_validate_passes_and_strict_asks_for_what_is_left(tmp_path: Path) -> None:
    parent = district_file(tmp_path)
    child = tmp_path / "xa" / "ia-ake.yaml"
    code, out, _ = run("derive", parent, "--don-vi", "Xã Ia Ake", "--cap", "xa",
                       "--nguoi-ky", "Vũ Tiến Sơn", "--chuc-vu", "PHÓ CHỦ TỊCH", "-o", child)
    assert code == 0 and f"Đã tạo {child}" in out
    assert "ke_hoach_cap_tren: ../huyen/ke-hoach-81.yaml" in child.read_text("utf-8")
    code, out, err = run("validate", child)
    assert code == 0, err
    assert "hợp lệ (3 cảnh báo)" in out and err.count("Còn chỗ 'CẦN VIẾT'") == 3
    code, _, _ = run("validate", "--strict", child)
    assert code == 1


def test_derive_never_overwrites_without_ghi_de(tmp_path: Path) -> None:
    parent = district_file(tmp_path)
    child = tmp_path / "ia-ake.yaml"
    child.write_text("# bản nháp của tôi\n", encoding="utf-8")
    code, _, err = run("derive", parent, "--don-vi", "Xã Ia Ake", "--cap", "xa", "-o", child)
    assert code == 1 and "Tệp đã có; kehoach không ghi đè." in err
    assert child.read_text("utf-8") == "# bản nháp của tôi\n"
    code, _, _ = run("derive", parent, "--don-vi", "Xã Ia Ake", "--cap", "xa", "-o", child,
                     "--ghi-de")
    assert code == 0 and "ke_hoach_cap_tren" in child.read_text("utf-8")


def test_a_list_writes_the_good_rows_reports_the_bad_and_builds(tmp_path: Path) -> None:
    parent = district_file(tmp_path)
    listing = tmp_path / "don-vi.csv"
    listing.write_text("Đơn vị,Cấp,Người ký\nXã Ia Ake,xa,Vũ Tiến Sơn\nXã Ia Sol,tinhh,\n"
                       "Xã Ayun Hạ,xa,\n", encoding="utf-8")
    folder = tmp_path / "cac-xa"
    code, _, err = run("derive", parent, "--danh-sach", listing, "-o", folder)
    assert code == 1
    assert f"{listing}:3:2: lỗi: Cấp 'tinhh' không có trong danh mục." in err
    assert "1 đơn vị không tạo được" in err
    written = sorted(p.name for p in folder.iterdir())
    assert written == ["xa-ayun-ha-ke-hoach-81.yaml", "xa-ia-ake-ke-hoach-81.yaml"]
    code, _out, err = run("build", folder, "-o", tmp_path / "docx")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "docx").glob("*.docx")) == [
        "xa-ayun-ha-ke-hoach-81.docx", "xa-ia-ake-ke-hoach-81.docx"]


def test_derive_needs_a_unit_and_a_level(tmp_path: Path) -> None:
    code, _, err = run("derive", district_file(tmp_path), "--don-vi", "Xã Ia Ake")
    assert code == 1 and "Cần --don-vi và --cap" in err


def test_units_whose_names_differ_only_in_diacritics_get_their_own_files(
        tmp_path: Path) -> None:
    listing = tmp_path / "don-vi.csv"
    listing.write_text("Đơn vị,Cấp\nXã Đông Hòa,xa\nXã Đồng Hòa,xa\nxã đông hòa,xa\n",
                       encoding="utf-8")
    code, _, err = run("derive", district_file(tmp_path), "--danh-sach", listing, "-o",
                       tmp_path / "ra")
    assert code == 1 and f"{listing}:4: lỗi: Đơn vị 'xã đông hòa' trùng với dòng 2." in err
    assert sorted(p.name for p in (tmp_path / "ra").iterdir()) == [
        "xa-dong-hoa-ke-hoach-81-2.yaml", "xa-dong-hoa-ke-hoach-81.yaml"]


def test_an_output_that_cannot_be_written_is_the_clerks_to_fix(tmp_path: Path) -> None:
    parent = district_file(tmp_path)
    code, _, err = run("derive", parent, "--don-vi", "Xã Ia Ake", "--cap", "xa", "-o",
                       tmp_path, "--ghi-de")
    assert code == 1 and "Đây là một thư mục" in err
    blocker = tmp_path / "tep"
    blocker.write_text("", encoding="utf-8")
    code, _, err = run("derive", parent, "--don-vi", "Xã Ia Ake", "--cap", "xa", "-o",
                       blocker / "con.yaml")
    assert code == 1 and "Không ghi được tệp" in err
    code, _, err = run("derive", parent, "--don-vi", "  ", "--cap", "xa")
    assert code == 1 and "Tên đơn vị trống" in err

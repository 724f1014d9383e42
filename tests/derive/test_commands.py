"""``kehoach derive`` as a clerk runs it: one unit, a list of units, never overwriting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner

from generator.cli import main
from tests.helpers.builders import district_file


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
    assert code == 1 and "là một tệp, không phải thư mục" in err
    code, _, err = run("derive", parent, "--don-vi", "  ", "--cap", "xa")
    assert code == 1 and "Tên đơn vị trống" in err


def test_bad_rows_of_a_unit_list_exit_1_at_their_row_and_the_others_are_written(
        tmp_path: Path) -> None:
    listing = tmp_path / "don-vi.csv"
    listing.write_text(
        "Đơn vị,Cấp,Ký hiệu\nXã Ia Ake,Xã,ubnd\n" f"Xã {'a' * 300},xa,\nXã Ia\x00Sol,xa,\n"
        f"Xã {'b' * 131_073},xa,\nXã Ia Ake\\1,xa,\n\"Xã Ayun \"\"Hạ\"\"\",Xã,UBND\n"
        "Thị trấn Phú Thiện,Thị trấn,\n", encoding="utf-8")
    folder = tmp_path / "cac-xa"
    code, out, err = run("derive", district_file(tmp_path), "--danh-sach", listing, "-o",
                         folder, "--ngay", "2024-04-08")
    assert code == 1, err
    assert "Lỗi nội bộ" not in err
    for row, column in ((2, 3), (3, 1), (4, 1), (6, 1)):
        assert f"{listing}:{row}:{column}: lỗi:" in err
    assert f"{listing}:5: lỗi: Một ô ở dòng 5 dài hơn 32.767 ký tự" in err
    assert "5 đơn vị không tạo được" in err
    assert sorted(p.name for p in folder.iterdir()) == [
        "thi-tran-phu-thien-ke-hoach-81.yaml", "xa-ayun-ha-ke-hoach-81.yaml"]
    assert "XÃ AYUN \"HẠ\"" in (folder / "xa-ayun-ha-ke-hoach-81.yaml").read_text("utf-8")
    assert out.count("Đã tạo") == 2


def test_a_ky_hieu_option_in_lowercase_or_with_words_is_exit_1(tmp_path: Path) -> None:
    parent = district_file(tmp_path)
    for code_typed in ("ubnd", "UBND XÃ"):
        code, _, err = run("derive", parent, "--don-vi", "Xã Ia Ake", "--cap", "xa",
                           "--ky-hieu", code_typed, "-o", tmp_path / "xa.yaml")
        assert code == 1 and "--ky-hieu: Ký hiệu" in err, err
    assert not (tmp_path / "xa.yaml").exists()


def test_a_backslash_in_a_unit_name_is_refused_not_read_as_a_pattern(tmp_path: Path) -> None:
    # 'Xã A\g<0>' wrote "trên địa bàn xã Ađịa bàn huyện Phú Thiện"; 'Xã Ia Ake\1' exited 2
    for name in ("Xã A\\g<0>", "Xã Ia Ake\\1"):
        code, _, err = run("derive", district_file(tmp_path), "--don-vi", name, "--cap", "xa",
                           "-o", tmp_path / "xa.yaml", "--ghi-de")
        assert code == 1 and "--don-vi: Đơn vị" in err and "có ký tự \\" in err, err


def test_a_unit_list_of_100_000_rows_is_refused_before_anything_is_written(
        tmp_path: Path) -> None:
    listing = tmp_path / "don-vi.csv"
    listing.write_text("Đơn vị,Cấp\n" + "".join(f"Xã {n},xa\n" for n in range(100_000)),
                       encoding="utf-8")
    folder = tmp_path / "cac-xa"
    code, out, err = run("derive", district_file(tmp_path), "--danh-sach", listing, "-o",
                         folder)
    assert code == 1 and "Danh sách có hơn 1.000 đơn vị (đến dòng 1002)" in err
    assert out == "" and not folder.exists()


def test_a_draft_after_the_parents_period_or_of_an_abolished_level_is_warned(
        tmp_path: Path) -> None:
    listing = tmp_path / "don-vi.csv"
    listing.write_text("Đơn vị,Cấp,Ngày\nXã Ia Ake,Xã,08/04/2024\nXã Ia Sol,Xã,15/09/2025\n"
                       "Huyện Ia Pa,Huyện,15/09/2025\n", encoding="utf-8")
    code, _, err = run("derive", district_file(tmp_path), "--danh-sach", listing, "-o",
                       tmp_path / "ra")
    assert code == 0, err
    assert f"{listing}:2:" not in err
    assert (f"{listing}:3: cảnh báo: Bản dự thảo ghi ngày 15/09/2025, sau thời gian thực hiện "
            "của kế hoạch cấp trên (đến ngày 29/06/2024).") in err
    assert (f"{listing}:4: cảnh báo: Cấp 'Huyện, quận, thị xã, thành phố thuộc tỉnh' không "
            "còn từ ngày 01/07/2025 (chính quyền địa phương hai cấp): Huyện Ia Pa không còn "
            "vào ngày 15/09/2025.") in err


def test_options_given_with_a_list_fill_its_blank_cells_and_never_go_unread(
        tmp_path: Path) -> None:
    parent = district_file(tmp_path)
    listing = tmp_path / "don-vi.csv"
    listing.write_text("Đơn vị,Cấp,Người ký\nXã Ia Ake,xa,Vũ Tiến Sơn\nXã Ia Sol,xa,\n",
                       encoding="utf-8")
    code, _, err = run("derive", parent, "--danh-sach", listing, "-o", tmp_path / "ra",
                       "--nguoi-ky", "Nguyễn Văn A", "--ngay", "08/04/2024")
    assert code == 0, err
    ake = (tmp_path / "ra" / "xa-ia-ake-ke-hoach-81.yaml").read_text("utf-8")
    sol = (tmp_path / "ra" / "xa-ia-sol-ke-hoach-81.yaml").read_text("utf-8")
    assert "ho_ten: Vũ Tiến Sơn" in ake and "ho_ten: Nguyễn Văn A" in sol
    assert "ngay_ban_hanh: 2024-04-08" in sol
    code, _, err = run("derive", parent, "--danh-sach", listing, "--don-vi", "Xã A", "-o",
                       tmp_path / "ra2")
    assert code == 1 and "với --danh-sach, ghi vào cột 'Đơn vị'" in err


def test_validate_of_a_live_child_whose_full_name_ends_in_a_backslash_group_is_not_exit_2(
        tmp_path: Path) -> None:
    """Issue 18: ``validate`` of a live child (``ke_hoach_cap_tren`` kept) whose ``ten_day_du``
    ends in ``\\1`` exited 2: the child's name was a regular-expression replacement when the
    parent's lines were localised. It is text like any other."""
    from tests.helpers.builders import derived_file, edit_yaml

    parent = district_file(tmp_path)
    child = derived_file(parent, tmp_path / "xa" / "ia-ake.yaml")

    def on_its_area(data: Any) -> None:
        data["nhiem_vu"][0]["noi_dung"] += " trên địa bàn huyện Phú Thiện"

    def live_and_backslashed(data: Any) -> None:
        data["co_quan"]["ten_day_du"] = "Ủy ban nhân dân xã Ia Ake\\1"
        data["ke_thua"] = {"tu_dong": True}
        del data["nhiem_vu"]  # the parent's tasks for communes, localised when read

    edit_yaml(parent, on_its_area)
    edit_yaml(child, live_and_backslashed)
    code, out, err = run("validate", child)
    assert code in (0, 1) and "Lỗi nội bộ" not in err, err
    assert "hợp lệ" in out + err

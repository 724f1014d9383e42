"""Rules of the frame: issuer level, date, summary, signer."""

from __future__ import annotations

from generator.check import front
from tests.helpers.builders import MINIMAL, findings, messages


def test_unknown_level_suggests_the_closest() -> None:
    [found] = findings(front.issuer_level_is_known, co_quan={**MINIMAL["co_quan"], "cap": "xaa"})
    assert found.path == ("co_quan", "cap")
    assert found.hint == "Có phải ý bạn là 'xa'?"


def test_a_district_plan_after_july_2025_is_warned_about() -> None:
    issuer = {**MINIMAL["co_quan"], "cap": "huyen"}
    assert messages(front.issuer_level_still_exists, co_quan=issuer,
                    ngay_ban_hanh="01/7/2025") == [
        "Cấp 'huyen' không còn từ 01/07/2025 (chính quyền địa phương hai cấp)."]
    assert not findings(front.issuer_level_still_exists, co_quan=issuer,
                        ngay_ban_hanh="30/6/2025")


def test_an_issuer_line_that_is_the_national_title_or_motto_is_refused_at_its_line() -> None:
    """A clerk who types the Quốc hiệu or Tiêu ngữ into the issuer's lines (as the left column
    of a header copied from Word) is told at that line; before, validate passed and build
    exited 2 (its own check read the header as two mottos)."""
    issuer = {**MINIMAL["co_quan"], "ten": ["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "XÃ TÂN AN"],
              "co_quan_chu_quan": "Độc lập - Tự do - Hạnh phúc"}
    found = findings(front.issuer_lines_are_not_the_fixed_lines, co_quan=issuer)
    assert [(f.path, f.severity) for f in found] == [
        (("co_quan", "ten", 0), "lỗi"), (("co_quan", "co_quan_chu_quan"), "lỗi")]
    assert "là Quốc hiệu" in found[0].message and "là Tiêu ngữ" in found[1].message
    assert not findings(front.issuer_lines_are_not_the_fixed_lines,
                        co_quan={**MINIMAL["co_quan"], "ten": ["ỦY BAN NHÂN DÂN", "XÃ CỘNG HÒA"]})


def test_summary_with_a_final_stop_is_a_warning() -> None:
    [found] = findings(front.summary_has_no_final_stop, trich_yeu="Thử.")
    assert found.severity == "cảnh báo"


def test_signer_has_at_most_one_delegation() -> None:
    signer = {"ky_thay": "CHỦ TỊCH", "quyen": "CHỦ TỊCH", "chuc_vu": "X", "ho_ten": "A"}
    assert findings(front.signer_has_one_delegation, nguoi_ky=signer)[0].path == ("nguoi_ky",)
    signer = {"thay_mat": "ỦY BAN NHÂN DÂN", "ky_thay": "CHỦ TỊCH", "chuc_vu": "X", "ho_ten": "A"}
    assert not findings(front.signer_has_one_delegation, nguoi_ky=signer)


def test_the_deputy_of_the_office_may_sign_by_order_for_its_head() -> None:
    """'TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG', on real letters of the
    corpus (lamdong-giao-1783-so-tnmt-tc), was refused, so their import did not validate."""
    signer = {"thua_lenh": "CHỦ TỊCH", "ky_thay": "CHÁNH VĂN PHÒNG",
              "chuc_vu": "PHÓ CHÁNH VĂN PHÒNG", "ho_ten": "A"}
    assert not findings(front.signer_has_one_delegation, nguoi_ky=signer)
    signer = {"thua_uy_quyen": "CHỦ TỊCH", "ky_thay": "GIÁM ĐỐC", "chuc_vu": "X", "ho_ten": "A"}
    assert findings(front.signer_has_one_delegation, nguoi_ky=signer)


def test_inheritance_needs_a_parent_and_one_operation_per_item() -> None:
    found = findings(front.inheritance_needs_a_parent, ke_thua={
        "bo": [{"id": "a", "ly_do": "x"}], "sua": [{"id": "a"}, {"id": "b"}, {"id": "b"}]})
    assert [(f.path, f.severity.value) for f in found] == [
        (("ke_thua",), "cảnh báo"), (("ke_thua", "sua", 0, "id"), "lỗi"),
        (("ke_thua", "sua", 2, "id"), "lỗi")]
    assert findings(front.inheritance_needs_a_parent, ke_hoach_cap_tren="cha.yaml",
                    ke_thua={"tu_dong": False}) == []


def test_the_archive_line_starts_with_the_records_office() -> None:
    """Nơi nhận ends "- Lưu: VT, …." (the seed Ia Ake's "Lưu: VP." breaks the decree)."""
    from generator.check.front import archive_line_starts_with_the_records_office
    from tests.helpers.builders import findings

    [found] = findings(archive_line_starts_with_the_records_office,
                       noi_nhan={"danh_sach": ["UBND huyện"], "luu": "VP"})
    assert found.path == ("noi_nhan", "luu") and 'luu: "VT, VP"' in found.hint
    assert not findings(archive_line_starts_with_the_records_office,
                        noi_nhan={"danh_sach": ["UBND huyện"], "luu": "VT, VP"})


def test_an_archive_line_the_format_check_would_refuse_is_refused_first() -> None:
    """``luu: vt, VP`` and ``luu: VTTháng 9-10/2022`` (a fuzzed value run into "VT") passed
    the rule and failed kehoach's own format check of its output: an internal error."""
    from generator.check.front import archive_line_starts_with_the_records_office
    from tests.helpers.builders import findings

    for archive, written in (("vt, VP", "VT, VP"), ("VTTháng 9-10/2022", "VT, Tháng 9-10/2022"),
                             ("VTVP", "VT, VP")):
        [found] = findings(archive_line_starts_with_the_records_office,
                           noi_nhan={"danh_sach": ["UBND huyện"], "luu": archive})
        assert f'luu: "{written}"' in found.hint
    assert not findings(archive_line_starts_with_the_records_office,
                        noi_nhan={"danh_sach": ["UBND huyện"], "luu": "VT"})


def test_an_appendix_without_its_attached_line_is_warned() -> None:
    from generator.check.front import appendices_keep_their_attached_line
    from tests.helpers.builders import findings

    [found] = findings(appendices_keep_their_attached_line, phu_luc=[
        {"tieu_de": "P", "dong_kem_theo": False, "noi_dung": ["Một đoạn."]}])
    assert found.severity.value == "cảnh báo" and found.path == ("phu_luc", 0, "dong_kem_theo")


def test_two_appendices_printed_with_one_label_are_warned() -> None:
    """A second "Phụ lục II" (by its ``so``, or by its place after one numbered II)."""
    table = [{"bang": {"cot": [{"rong": 30}], "dong": [{"o": [{"noi_dung": "x"}]}]}}]
    found = findings(front.appendices_have_distinct_labels, phu_luc=[
        {"so": "II", "tieu_de": "A", "noi_dung": table},
        {"tieu_de": "B", "noi_dung": table}])
    assert [f.path for f in found] == [("phu_luc", 1)]
    assert "'Phụ lục II (2)'" in found[0].message
    assert not findings(front.appendices_have_distinct_labels, phu_luc=[
        {"so": "I", "tieu_de": "A", "noi_dung": table},
        {"tieu_de": "B", "noi_dung": table}])

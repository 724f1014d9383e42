"""Reading a list of units (CSV): Vietnamese or YAML headers; bad rows named by number."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.derive.spec import ChildSpec, read_children
from generator.errors import KeHoachError
from generator.reference import load_reference

REFERENCE = load_reference()


def test_headers_in_vietnamese_or_as_keys_and_any_delimiter(tmp_path: Path) -> None:
    listing = tmp_path / "ds.csv"
    listing.write_text("don_vi;cap;Người ký\nXã Ia Ake;xa;Vũ Tiến Sơn\n", encoding="utf-8-sig")
    specs, problems = read_children(listing, REFERENCE)
    assert specs == [(2, ChildSpec("Xã Ia Ake", "xa", signer="Vũ Tiến Sơn"))]
    assert problems == []


def test_bad_rows_are_reported_by_number_and_the_others_kept(tmp_path: Path) -> None:
    listing = tmp_path / "ds.csv"
    listing.write_text("Đơn vị,Cấp,Ngày\nXã A,xa\n,xa\n\nXã B,huyenn\nXã C,xa\n"
                       "Xã D,xa,06/04/2024\nXã E,xa,2024-02-30\n", encoding="utf-8")
    specs, problems = read_children(listing, REFERENCE)
    assert [(row, spec.unit) for row, spec in specs] == [(2, "Xã A"), (6, "Xã C"),
                                                         (7, "Xã D")]
    assert [(p.line, p.column, p.message) for p in problems] == [
        (3, 1, "Tên đơn vị trống (--don-vi hoặc cột 'Đơn vị')."),
        (5, 2, "Cấp 'huyenn' không có trong danh mục. Có phải ý bạn là 'huyen'? Ghi mã cấp "
         "(xa, huyen, tinh, so…) hoặc tên cấp (Xã, Phường, Huyện…)."),
        (8, 3, "Ngày '2024-02-30' không có trên lịch.")]


def test_a_list_without_the_unit_column_cannot_be_read(tmp_path: Path) -> None:
    listing = tmp_path / "ds.csv"
    listing.write_text("Tên,Cấp\nXã A,xa\n", encoding="utf-8")
    with pytest.raises(KeHoachError) as caught:
        read_children(listing, REFERENCE)
    assert "cột 'Đơn vị'" in caught.value.diagnostics[0].message


@pytest.mark.parametrize(("text", "message"), [
    ("", "Danh sách đơn vị trống."),
    ("Đơn vị,Cấp\n", "Danh sách đơn vị chưa có đơn vị nào (chỉ có dòng tiêu đề)."),
    ("Đơn vị,Cấp,don_vi\nXã A,xa,Xã B\n", "Cột 'Đơn vị' có hai lần (Đơn vị, don_vi)."),
])
def test_a_list_with_nothing_to_derive_or_an_ambiguous_column_is_an_error(
        tmp_path: Path, text: str, message: str) -> None:
    listing = tmp_path / "ds.csv"
    listing.write_text(text, encoding="utf-8")
    with pytest.raises(KeHoachError) as caught:
        read_children(listing, REFERENCE)
    assert caught.value.diagnostics[0].message == message


def test_blank_lines_before_the_header_are_skipped(tmp_path: Path) -> None:
    listing = tmp_path / "ds.csv"
    listing.write_text("\n\nĐơn vị,Cấp\nXã A,xa\n", encoding="utf-8")
    specs, _ = read_children(listing, REFERENCE)
    assert specs == [(4, ChildSpec("Xã A", "xa"))]

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
    listing.write_text("Đơn vị,Cấp\nXã A,xa\n,xa\n\nXã B,huyenn\nXã C,xa\n", encoding="utf-8")
    specs, problems = read_children(listing, REFERENCE)
    assert [(row, spec.unit) for row, spec in specs] == [(2, "Xã A"), (6, "Xã C")]
    assert [(p.line, p.message) for p in problems] == [
        (3, "Dòng thiếu tên đơn vị (cột 'Đơn vị')."),
        (5, "Cấp 'huyenn' không có trong danh mục. Có phải ý bạn là 'huyen'?")]


def test_a_list_without_the_unit_column_cannot_be_read(tmp_path: Path) -> None:
    listing = tmp_path / "ds.csv"
    listing.write_text("Tên,Cấp\nXã A,xa\n", encoding="utf-8")
    with pytest.raises(KeHoachError) as caught:
        read_children(listing, REFERENCE)
    assert "cột 'Đơn vị'" in caught.value.diagnostics[0].message

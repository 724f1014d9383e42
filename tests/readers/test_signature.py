"""The signature block and Nơi nhận, found as ``check`` finds them (typing faults too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.readers import import_file
from generator.readers.blocks import Line
from generator.readers.signature import is_signature

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


@pytest.mark.parametrize("heading", ["Nơi nhận:", "Noi nhận:", "Nơi nhân:", "Nơi nhận"])
def test_recipients_heading_with_a_typing_fault_opens_the_signature(heading: str) -> None:
    assert is_signature(Line(heading, heading, "dòng 1"))


def test_a_body_paragraph_is_not_the_signature() -> None:
    text = "Nội dung nhận xét của các đơn vị."
    assert not is_signature(Line(text, text, "dòng 1"))


def test_the_seed_with_noi_nhan_misspelt_finds_recipients_and_signer() -> None:
    """Đắk Nông 2022 (the published text) writes "**Noi nhận:**": the recipients are
    not body text, and the signer (KT. CHỦ TỊCH, PHÓ CHỦ TỊCH, over two bold lines) is
    found."""
    data = import_file(SEEDS / "dak-nong-2022-ubnd-tinh.txt").draft.data
    assert data["nguoi_ky"] == {"ky_thay": "CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH",
                                "ho_ten": "Lê Văn Chiến"}
    assert len(data["noi_nhan"]["danh_sach"]) == 11
    assert data["noi_nhan"]["luu"] == "VT, NC(La)"

"""The one YAML writer for drafts (derive now, import next): what its callers rely on."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.draft import WIDTH, Draft, draft_text
from generator.load import load_text


def test_a_draft_reads_back_as_the_same_data_in_the_same_key_order() -> None:
    data = {"trich_yeu": "Kế hoạch chuyển đổi số năm 2025", "ngay_ban_hanh": dt.date(2025, 3, 4),
            "so": 12, "noi_nhan": ["UBND huyện", "Lưu: VT"]}
    text = draft_text(Draft(data, ["Bản nháp"]))
    assert load_text(text).data == data
    assert list(load_text(text).data) == list(data)


def test_comments_stand_at_the_top_and_above_their_key() -> None:
    text = draft_text(Draft({"a": "x", "b": "y"}, ["Đọc từ tệp Word"], {"b": ["Kiểm tra lại"]}))
    lines = text.splitlines()
    assert lines[0] == "# Đọc từ tệp Word"
    assert lines[lines.index("b: y") - 1] == "# Kiểm tra lại"


def test_a_long_paragraph_is_folded_within_the_width_and_reads_back_whole() -> None:
    paragraph = " ".join(["Nâng cao nhận thức của người dân về chuyển đổi số."] * 8)
    text = draft_text(Draft({"muc_dich": paragraph}, []))
    assert max(len(line) for line in text.splitlines()) <= WIDTH
    assert load_text(text).data == {"muc_dich": paragraph}


def test_a_value_yaml_cannot_hold_is_a_bug_said_plainly() -> None:
    with pytest.raises(TypeError, match="không ghi được giá trị kiểu"):
        draft_text(Draft({"a": object()}, []))

"""Text printed as typed: Word's curly quotes around a whole value, references left raw."""

from __future__ import annotations

from generator.check import text
from tests.helpers.builders import findings


def test_curly_quotes_around_a_whole_title_are_warned_with_how_to_write_it() -> None:
    """``trich_yeu: “Tổ chức Ngày hội”``: Word's quotes are no YAML quotes, so they print."""
    [found] = findings(text.values_are_not_wrapped_in_curly_quotes,
                       trich_yeu="“Tổ chức Ngày hội chuyển đổi số”")
    assert found.path == ("trich_yeu",)
    assert found.severity == "cảnh báo"
    assert "“ ”" in found.message
    assert "trich_yeu: Tổ chức Ngày hội chuyển đổi số" in found.hint
    assert "dấu nháy thẳng" in found.hint


def test_quotes_inside_a_value_or_around_a_quotation_are_left_alone() -> None:
    """A title quoting a campaign, and a bullet quoting a whole sentence of a resolution (as
    the Ia Ake plan does), are typography, not mistakes."""
    assert not findings(text.values_are_not_wrapped_in_curly_quotes, trich_yeu=(
        "Triển khai Chiến dịch “Nâng cao hiệu quả sử dụng dịch vụ công”"))
    assert not findings(text.values_are_not_wrapped_in_curly_quotes, trich_yeu="“A” và “B”")
    assert not findings(text.values_are_not_wrapped_in_curly_quotes, phan=[{
        "tieu_de": "A", "doan": [{"gach_dau_dong": ["“Tỷ lệ số hóa hồ sơ tối thiểu 80%”"]}]}])


def test_a_reference_in_a_field_printed_as_typed_is_warned() -> None:
    [found] = findings(text.references_are_only_where_they_are_replaced,
                       trich_yeu="Đạt {muc_tieu:dvc} hồ sơ")
    assert found.message.startswith("'{muc_tieu:dvc}' sẽ được in nguyên văn")
    assert not findings(text.references_are_only_where_they_are_replaced,
                        trich_yeu="Thử {{ x }} {x}")

"""References that are not ones: every mistyped one an error, with "did you mean"."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.check import references
from generator.cli import main
from tests.conftest import EXAMPLES
from tests.helpers.builders import findings


def _found(text: str) -> list[tuple[str, str]]:
    return [(f.message, f.hint) for f in findings(
        references.references_are_well_formed, phan=[{"tieu_de": "A", "doan": [text]}])]


def test_a_misspelt_kind_is_an_error_with_the_closest_kind() -> None:
    [(message, hint)] = _found("Đạt {Muc_tieu:dvc} hồ sơ.")
    assert message == "'{Muc_tieu:dvc}' không phải một tham chiếu: không có loại tham chiếu " \
        "'Muc_tieu'."
    assert hint.startswith("Có phải ý bạn là 'muc_tieu'?")
    assert "\\{" in hint
    assert [h.split("?")[0] for _, h in _found("{muctieu:a} {chitieu:b} {cachtinh:c}")] == [
        "Có phải ý bạn là 'muc_tieu'", "Có phải ý bạn là 'chi_tieu'",
        "Có phải ý bạn là 'cach_tinh'"]


def test_a_reference_spaced_or_unclosed_says_what_to_change() -> None:
    assert [m for m, _ in _found("{muc_tieu :a} và {muc_tieu:b")] == [
        "Tham chiếu '{muc_tieu :a}' có dấu cách: viết liền {muc_tieu:…}, không có dấu cách "
        "sau '{' và trước ':'.",
        "Tham chiếu '{muc_tieu:b' chưa có dấu '}' đóng (hoặc có '{' bên trong)."]


def test_a_clerk_s_mistyped_reference_stops_validate_strict_and_build(tmp_path: Path) -> None:
    """``{Muc_tieu:…}`` passed ``validate --strict`` and ``build`` and printed raw braces."""
    plan = tmp_path / "kh.yaml"
    plan.write_text((EXAMPLES / "toi-thieu.yaml").read_text(encoding="utf-8").replace(
        "về chuyển đổi số.", "về chuyển đổi số, đạt {Muc_tieu:dvc-truc-tuyen}."),
        encoding="utf-8")
    for command in (["validate", "--strict"], ["build", "-o", str(tmp_path / "ra")]):
        result = CliRunner().invoke(main, [*command, str(plan)])
        assert result.exit_code == 1, result.output
        assert "kh.yaml:13:9: lỗi: phan[1].doan[1]: '{Muc_tieu:dvc-truc-tuyen}'" in result.stderr
    assert not (tmp_path / "ra").exists()

"""The check stage's shared parts: one "did you mean", findings located in file order."""

from __future__ import annotations

from generator.check.core import did_you_mean, error, run, warning
from generator.errors import Severity
from generator.load import load_text


def test_did_you_mean_suggests_a_close_choice() -> None:
    assert did_you_mean("nhiem_vuu", ["nhiem_vu", "phan"]) == "Có phải ý bạn là 'nhiem_vu'?"


def test_did_you_mean_does_not_point_to_another_feature() -> None:
    """"chi_tieu" (KPIs) is not a misspelt "chu_tri" (the lead unit)."""
    assert did_you_mean("chi_tieu", ["chu_tri", "phoi_hop"], listing="Các khóa") == \
        "Các khóa: chu_tri, phoi_hop."
    assert did_you_mean("doan_van", ["doan", "muc"]) == "Có phải ý bạn là 'doan'?"


def test_did_you_mean_lists_the_choices_when_none_is_close() -> None:
    assert did_you_mean("zzz", ["xa", "tinh"], listing="Các cấp") == "Các cấp: tinh, xa."
    assert did_you_mean("zzz", [], listing="Các nhóm") == "Các nhóm: (chưa có)."


def test_did_you_mean_falls_back_to_advice() -> None:
    assert did_you_mean("zzz", ["xa"], otherwise="Khai báo đầy đủ.") == "Khai báo đầy đủ."
    assert did_you_mean("zzz", ["xa"]) == ""


def test_findings_are_located_and_sorted_by_position() -> None:
    document = load_text("a: 1\nb:\n  c: 2\n", "p.yaml")

    def rule(_: object) -> list:  # type: ignore[type-arg]
        return [warning(("b", "c"), "sau"), error(("a",), "trước", "sửa")]

    found = run([rule], None, document)
    assert [(d.line, d.column, d.message, d.severity) for d in found] == [
        (1, 4, "trước", Severity.ERROR), (3, 6, "sau", Severity.WARNING)]
    assert found[0].format() == "p.yaml:1:4: lỗi: a: trước\n    gợi ý: sửa"

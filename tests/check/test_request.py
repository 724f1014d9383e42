"""Rules of a build request: --data needs du_lieu, --moc names a milestone, coverage."""

from __future__ import annotations

from pathlib import Path

from generator.check.request import Request, check_request
from generator.kpi.results import Measurement, ResultsFile
from generator.names import unit_key
from tests.builders import checked, progress_plan


def _request(**options: object) -> Request:
    done = checked(**progress_plan(target=50))
    return Request(done.plan, done.book, "p.yaml", **options)  # type: ignore[arg-type]


def test_an_unknown_milestone_is_refused_with_a_suggestion() -> None:
    [found] = check_request(_request(milestone="m"))
    assert found.message == "Không có mốc 'm' trong kế hoạch (--moc)."
    assert found.hint == "Các mốc: M."
    assert not check_request(_request(milestone="M"))


def test_data_without_a_mapping_is_an_error() -> None:
    done = checked()
    [found] = check_request(Request(done.plan, done.book, "p.yaml", data_given=True))
    assert "du_lieu" in found.message and found.file == "p.yaml"


def test_coverage_is_said_once_per_kind_against_the_results_file() -> None:
    results = ResultsFile(Path("kq.csv"), {
        unit_key(name): {"x": Measurement(1, 2, None)} for name in ("Xã B", "Xã C")},
        {unit_key("Xã B"): "Xã B", unit_key("Xã C"): "Xã C"})
    found = check_request(_request(results=results))
    assert [(d.file, d.severity.value, d.message) for d in found] == [
        ("kq.csv", "cảnh báo", "2 đơn vị có trong tệp số liệu nhưng không có trong kế hoạch: "
                              "Xã B; Xã C."),
        ("kq.csv", "cảnh báo", "1 đơn vị chưa có số liệu (bảng tiến độ ghi 'Chưa có số liệu'): "
                              "Xã A.")]

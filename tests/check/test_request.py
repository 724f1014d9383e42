"""Rules of a build request: --data needs du_lieu, --moc names a milestone, coverage."""

from __future__ import annotations

from pathlib import Path

from generator.check.request import Request, check_request
from generator.kpi.results import Measurement, ResultsFile
from generator.names import unit_key
from tests.helpers.builders import checked, progress_plan


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
        ("kq.csv", "cảnh báo", "2 đơn vị có trong tệp số liệu nhưng không có trong kế hoạch "
                              "(không đưa vào bảng tiến độ): Xã B; Xã C."),
        ("kq.csv", "cảnh báo", "1 đơn vị chưa có số liệu (bảng tiến độ ghi 'Chưa có số liệu'): "
                              "Xã A.")]


def _results(names: list[str]) -> ResultsFile:
    keys = [unit_key(name) for name in names]
    return ResultsFile(Path("kq.csv"), {k: {"x": Measurement(1, 2, None)} for k in keys},
                       dict(zip(keys, names, strict=True)),
                       rows={k: row for row, k in enumerate(keys, start=2)})


def test_hundreds_of_unknown_units_are_one_warning_cut_after_twenty() -> None:
    names = ["Xã A", *(f"Phường {n}" for n in range(500))]
    [found] = check_request(_request(results=_results(names)))
    assert found.message.startswith("500 đơn vị có trong tệp số liệu nhưng không có trong kế "
                                    "hoạch (không đưa vào bảng tiến độ): Phường 0 (dòng 3); "
                                    "Phường 1 (dòng 4);")
    assert found.message.endswith("Phường 19 (dòng 22); và 480 đơn vị khác.")
    assert found.hint == "Kiểm tra tên đơn vị trong tệp số liệu và trong kế hoạch."


def test_a_misspelt_unit_is_offered_as_the_plans_unit_without_figures() -> None:
    [unknown, missing] = check_request(_request(results=_results(["Xa A"])))
    assert "Xa A (dòng 2)" in unknown.message
    assert unknown.hint.startswith("Có phải 'Xa A' là 'Xã A'?")
    assert missing.message.endswith("Xã A.")


def test_a_plan_naming_no_unit_knows_every_unit_of_the_file() -> None:
    done = checked(**{**progress_plan(target=50), "chi_tieu": [
        {"id": "x", "ten": "Tỷ lệ X", "tu_so": "b", "mau_so": "a",
         "muc_tieu": [{"moc": "M", "gia_tri": 50}]}]})
    request = Request(done.plan, done.book, "p.yaml", results=_results(["Xã B", "Xã C"]))
    assert not check_request(request)

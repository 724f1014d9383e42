"""The preview page follows the DOCX: the same resolved layout, the same parts in order."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import BuildRequest, load_plan, resolve_for
from generator.reference import load_reference
from generator.render import RenderOptions, renderer

EXAMPLES = Path(__file__).parents[2] / "data" / "examples"


def _page(name: str) -> str:
    reference = load_reference()
    checked = load_plan(EXAMPLES / name, reference)
    resolved, _, _ = resolve_for(checked, BuildRequest(Path("output")), reference)
    return renderer("html")(resolved, RenderOptions(reference.font_metrics)).decode("utf-8")


def test_the_page_has_the_documents_parts_in_order() -> None:
    page = _page("bac-kan-2022.yaml")
    order = ["THÀNH PHỐ BẮC KẠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KẾ HOẠCH",
             "Thực hiện Kế hoạch số 439/KH-UBND", "I. MỤC ĐÍCH, YÊU CẦU", "Gửi bản điện tử:",
             "Nguyễn Thị Huệ", "appendix-label\">Phụ lục I<", "appendix-label\">Phụ lục II<"]
    places = [page.index(text) for text in order]
    assert places == sorted(places)


def test_each_appendix_is_its_own_sheet_in_its_orientation() -> None:
    page = _page("bac-kan-2022.yaml")
    assert page.count('<section class="sheet') == 3
    assert '<section class="sheet landscape">' in page


def test_text_is_escaped_and_the_page_loads_nothing() -> None:
    page = _page("toi-thieu.yaml")
    assert "<script" not in page and "http" not in page

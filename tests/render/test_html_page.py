"""The preview page follows the DOCX: the same resolved layout, the same parts in order."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from generator.pipeline import BuildRequest, load_plan, resolve_for
from generator.reference import load_reference
from generator.render import RenderOptions, renderer
from generator.resolve.layout import ResolvedPlan

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "data" / "examples"


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


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_line_of_the_docx_is_in_the_preview(name: str) -> None:
    """The preview can be trusted: each paragraph and cell the DOCX prints, it shows."""
    reference = load_reference()
    checked = load_plan(EXAMPLES / name, reference)
    resolved, _, _ = resolve_for(checked, BuildRequest(Path("output")), reference)
    options = RenderOptions(reference.font_metrics)
    document = docx.Document(io.BytesIO(renderer("docx")(resolved, options)))
    page = renderer("html")(resolved, options).decode("utf-8")
    parser = _Text()
    parser.feed(page)
    shown = _words("".join(parser.parts))
    printed = [p.text for p in document.paragraphs] + [
        p.text for table in document.tables for row in table.rows for cell in row.cells
        for p in cell.paragraphs]
    missing = [text for text in printed if _words(text) and _words(text) not in shown]
    assert missing == []


class _Text(HTMLParser):
    """The words a page shows, footnote marks left out (a DOCX paragraph's text has none)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.in_mark = False

    def handle_data(self, data: str) -> None:
        if not self.in_mark:
            self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_mark = tag == "sup"
        if tag in ("br", "p", "div", "td", "th", "li"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "sup":
            self.in_mark = False


def _resolved(name: str) -> tuple[ResolvedPlan, RenderOptions]:
    reference = load_reference()
    checked = load_plan(EXAMPLES / name, reference)
    resolved, _, _ = resolve_for(checked, BuildRequest(Path("output")), reference)
    return resolved, RenderOptions(reference.font_metrics)


def _columns(page: str) -> list[list[float]]:
    return [[float(w) for w in re.findall(r'<col style="width:([\d.]+)mm">', group)]
            for group in re.findall(r"<colgroup>(.*?)</colgroup>", page)]


def test_table_columns_are_as_wide_as_the_docx_makes_them() -> None:
    """Each appendix table's columns, in mm, are the DOCX's (its w:tblGrid), so a cell
    wraps its words where Word will."""
    resolved, options = _resolved("bac-kan-2022.yaml")
    page = renderer("html")(resolved, options).decode("utf-8")
    document = docx.Document(io.BytesIO(renderer("docx")(resolved, options)))
    printed = [[col.width.mm for col in table.columns] for table in document.tables
               if len(table.columns) > 2]  # the header and signature tables are not content
    shown = _columns(page)
    assert len(shown) == len(printed) == 2
    for preview, word in zip(shown, printed, strict=True):
        assert preview == pytest.approx(word, abs=0.1)


def test_the_sheets_have_the_templates_pages_and_margins(tmp_path: Path) -> None:
    """Page size and margins come from the DOCX template: the shipped one (A4, 20 mm top,
    bottom and right, 30 mm left; the guide after 257 mm of text), or a clerk's."""
    resolved, options = _resolved("bac-kan-2022.yaml")
    page = renderer("html")(resolved, options).decode("utf-8")
    assert ".sheet.portrait{width:210.0mm;min-height:297.0mm;padding:20.0mm 20.0mm 20.0mm " \
        "30.0mm;--h:257.0mm}" in page
    assert ".sheet.landscape{width:297.0mm;min-height:210.0mm;" in page
    assert sum(_columns(page)[1]) == pytest.approx(297 - 30 - 20, abs=0.1)

    wider = tmp_path / "le-rong.docx"
    with zipfile.ZipFile(ROOT / "templates" / "ke-hoach.docx") as source, \
            zipfile.ZipFile(wider, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b'w:right="1134"', b'w:right="851"').replace(
                    b'w:left="1701"', b'w:left="2268"')
            target.writestr(item, data)
    page = renderer("html")(resolved, replace(options, template=wider)).decode("utf-8")
    assert "padding:20.0mm 15.0mm 20.0mm 40.0mm" in page
    assert sum(_columns(page)[0]) == pytest.approx(210 - 40 - 15, abs=0.1)

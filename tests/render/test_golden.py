"""Golden OOXML: each example's parts, normalised, compared part by part.

A change of layout shows as a reviewable diff of XML instead of a silent drift: refresh
with ``pytest --update-golden`` and read the diff before committing. The files live in
``tests/golden/<example>/`` (document, styles, settings, footnotes, header parts of the
DOCX; sheets, shared strings and styles of the XLSX). Normalised: pretty-printed, revision
ids dropped; package metadata (docProps, with its timestamps) is not compared.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.pipeline import BuildRequest, build
from tests.conftest import EXAMPLES, FIXTURES, ROOT

GOLDEN = ROOT / "tests" / "golden"
CASES = {
    "toi-thieu": (EXAMPLES / "toi-thieu.yaml", None),
    "ia-ake-2024": (EXAMPLES / "ia-ake-2024.yaml", None),
    "dak-nong-2022": (EXAMPLES / "dak-nong-2022.yaml", None),
    "bac-kan-2022": (EXAMPLES / "bac-kan-2022.yaml", EXAMPLES / "bac-kan-2022-ket-qua.csv"),
    "day-du": (FIXTURES / "valid" / "day-du.yaml", None),
}
PARTS = ("word/document.xml", "word/styles.xml", "word/settings.xml", "word/footnotes.xml",
         "word/header", "word/footer", "xl/worksheets/", "xl/sharedStrings.xml", "xl/styles.xml",
         "xl/workbook.xml")
REVISION_IDS = ("rsidR", "rsidRDefault", "rsidRPr", "rsidP", "rsidTr", "rsidDel", "rsidSect")


def normalised(xml: bytes) -> str:
    """The part pretty-printed, with the revision ids Word adds and removes at will dropped."""
    root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    for element in root.iter():
        for name in list(element.attrib):
            if etree.QName(name).localname in REVISION_IDS:
                del element.attrib[name]
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def parts(package: Path) -> dict[str, str]:
    """The compared parts of a DOCX or XLSX, by name."""
    with zipfile.ZipFile(io.BytesIO(package.read_bytes())) as archive:
        return {name: normalised(archive.read(name)) for name in sorted(archive.namelist())
                if name.startswith(PARTS)}


@pytest.mark.parametrize("name", sorted(CASES))
def test_built_parts_match_the_golden_ones(name: str, tmp_path: Path, update_golden: bool,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # the document id depends on it
    plan, data = CASES[name]
    report = build(plan, BuildRequest(tmp_path, ("docx", "xlsx"), data=data))
    built = {f"{out.suffix[1:]}/{part}": text for out in report.written
             for part, text in parts(out).items()}
    folder = GOLDEN / name
    if update_golden:
        for old in folder.rglob("*.xml"):
            old.unlink()
        for part, text in built.items():
            (folder / part).parent.mkdir(parents=True, exist_ok=True)
            (folder / part).write_text(text, encoding="utf-8")
    expected = {str(p.relative_to(folder)): p.read_text(encoding="utf-8")
                for p in sorted(folder.rglob("*.xml"))}
    assert sorted(built) == sorted(expected)
    for part, text in built.items():
        assert text == expected[part], f"{name}: {part} differs (pytest --update-golden)"

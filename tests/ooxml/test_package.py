"""The package around the document: an independent validator, metadata, ids, settings.

Every DOCX and XLSX kehoach writes must pass ``openxml-audit`` (a Python port of the Open
XML SDK validator) in strict mode for Microsoft 365 with no error: a file Word refuses is
worthless to a clerk.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.ooxml.ns import W
from generator.pipeline import BuildRequest, build
from tests.conftest import EXAMPLES, FIXTURES

PLANS = [*sorted(EXAMPLES.glob("*.yaml")), FIXTURES / "valid" / "day-du.yaml"]


AUDIT = str(Path(sys.executable).parent / "openxml-audit") if (
    Path(sys.executable).parent / "openxml-audit").is_file() else shutil.which("openxml-audit")
"""The validator installed beside this Python (a venv not activated), else on the PATH."""


def audit(path: Path) -> list[str]:
    """The errors openxml-audit finds (strict, Microsoft 365)."""
    run = subprocess.run([AUDIT, "-f", "microsoft365", "--policy", "strict",
                          "-o", "json", str(path)], capture_output=True, text=True, check=False)
    [report] = json.loads(run.stdout)
    return [f"{e.get('part')}: {e.get('description')}" for e in report["errors"]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("pkg")
    written = []
    for plan in PLANS:
        data = EXAMPLES / "bac-kan-2022-ket-qua.csv" if plan.stem == "bac-kan-2022" else None
        written += build(plan, BuildRequest(out, ("docx", "xlsx"), data=data)).written
    return written


def test_every_output_passes_the_office_validator(built: list[Path]) -> None:
    assert {p.stem for p in built if p.suffix == ".docx"} == {p.stem for p in PLANS}
    assert {path.name: audit(path) for path in built} == {path.name: [] for path in built}


def test_the_validator_would_see_an_element_out_of_order(built: list[Path],
                                                         tmp_path: Path) -> None:
    broken = tmp_path / "hong.docx"
    with zipfile.ZipFile(built[0]) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = data.replace(b'<w:pStyle w:val="KHNoidung"/><w:keepNext/>',
                                    b'<w:keepNext/><w:pStyle w:val="KHNoidung"/>', 1)
            target.writestr(name, data)
    assert audit(broken)


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def test_metadata_is_the_plans_and_no_template_thumbnail(built: list[Path]) -> None:
    docx = next(p for p in built if p.name == "ia-ake-2024.docx")
    with zipfile.ZipFile(docx) as archive:
        assert not [n for n in archive.namelist() if "thumbnail" in n]
    core = _part(docx, "docProps/core.xml")
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert core.findtext(f"{dc}title", "").startswith("Triển khai Chiến dịch cao điểm 100 ngày")
    assert core.findtext(f"{dc}creator") == "Ủy ban nhân dân xã Ia Ake"
    app = _part(docx, "docProps/app.xml")
    assert "kehoach" in "".join(app.itertext()) and "Macintosh" not in "".join(app.itertext())


def _settings(path: Path) -> etree._Element:
    return _part(path, "word/settings.xml")


def test_each_plan_gets_its_own_document_id_and_word_2013_mode(built: list[Path]) -> None:
    w15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
    ids = {_settings(p).find(f"{w15}docId").get(f"{w15}val") for p in built
           if p.suffix == ".docx"}
    assert len(ids) == len(PLANS)
    modes = [s.get(f"{W}val") for s in _settings(built[0]).iter(f"{W}compatSetting")
             if s.get(f"{W}name") == "compatibilityMode"]
    assert modes == ["15"]


def test_numbering_links_only_styles_the_document_has(built: list[Path]) -> None:
    styles = {s.get(f"{W}styleId") for s in _part(built[0], "word/styles.xml").iter(f"{W}style")}
    numbering = _part(built[0], "word/numbering.xml")
    linked = {e.get(f"{W}val") for e in numbering.iter(f"{W}pStyle", f"{W}styleLink",
                                                        f"{W}numStyleLink")}
    assert linked <= styles


def test_a_reproducible_build_gives_the_same_bytes(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    plan = EXAMPLES / "ia-ake-2024.yaml"
    first = build(plan, BuildRequest(tmp_path / "a")).written
    second = build(plan, BuildRequest(tmp_path / "b")).written
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    core = _part(first[0], "docProps/core.xml")
    assert "2023-11-14T22:13:20Z" in etree.tostring(core, encoding="unicode")


def test_layouts_this_renderer_makes_pass_the_validator(tmp_path: Path) -> None:
    """Rows too tall for a page, merged headers, footnotes, a landscape last section."""
    from generator.reference import load_reference
    from generator.render import RenderOptions
    from generator.render.docx import render_docx
    from tests.helpers.builders import resolved

    table = {"cot": [{"rong": 30}, {"rong": 100}, {"rong": 40}],
             "dau_bang": [[{"noi_dung": "A", "gop_dong": 2}, {"noi_dung": "B", "gop_cot": 2}],
                          ["B1", "B2"]],
             "dong": [{"nhom": "*Nhóm*"}, ["1", "chữ " * 3000, "x"], ["2", "**đậm**", "y"]]}
    plan = resolved(phan=[{"tieu_de": "A", "doan": ["Có chú thích^[Chú *thích*.]"]}],
                    phu_luc=[{"tieu_de": "P", "huong": "ngang", "noi_dung": [{"bang": table}]}])
    docx = tmp_path / "p.docx"
    docx.write_bytes(render_docx(plan, RenderOptions(load_reference().font_metrics)))
    assert audit(docx) == []

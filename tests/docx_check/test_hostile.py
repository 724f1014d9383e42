"""``kehoach check`` (and ``--fix``) on broken documents: an element gone, an attribute
holding nonsense, bytes damaged. The answer is a report (exit 0 or 1), never an internal
error."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.cli import main
from tests.conftest import EXAMPLES
from tests.docx_check.handmade import hand_made

ODD_VALUES = ["", "abc", "-5", "1e9", "99999999999999999999", "0", "NaN", "½", " 12 ",
              "auto", "true", "\u0661\u0662"]
"""Attribute values Word never writes but a damaged or hand-edited file may hold."""


def _original() -> bytes:
    out = io.BytesIO()
    hand_made().save(out)
    return out.getvalue()


ORIGINAL = _original()
PARTS = ("word/document.xml", "word/styles.xml", "word/header1.xml")


def _rezipped(replacements: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(ORIGINAL)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, replacements.get(name, source.read(name)))
    return out.getvalue()


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """The hand-made plan with one to four elements removed or attributes changed."""
    with zipfile.ZipFile(io.BytesIO(ORIGINAL)) as archive:
        names = [n for n in PARTS if n in archive.namelist()]
        part = draw(st.sampled_from(names))
        root = etree.fromstring(archive.read(part))
    elements = list(root.iter())
    for _ in range(draw(st.integers(1, 4))):
        element = draw(st.sampled_from(elements))
        if draw(st.booleans()) and element.getparent() is not None:
            element.getparent().remove(element)
        elif element.attrib:
            key = draw(st.sampled_from(sorted(element.attrib)))
            element.set(key, draw(st.sampled_from(ODD_VALUES)))
    return _rezipped({part: etree.tostring(root)})


def _answers(data: bytes, folder: Path) -> None:
    document = folder / "hong.docx"
    document.write_bytes(data)
    for arguments in (["check", str(document)],
                      ["check", "--fix", str(document), "-o", str(folder / "sua.docx")]):
        result = CliRunner().invoke(main, ["--debug", *arguments])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code in (0, 1), result.output


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=damaged())
def test_a_damaged_document_is_reported_not_a_crash(data: bytes, tmp_path: Path) -> None:
    _answers(data, tmp_path)


@settings(max_examples=50, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(0, len(ORIGINAL) - 1), value=st.integers(0, 255))
def test_damaged_bytes_are_reported_not_a_crash(position: int, value: int,
                                                tmp_path: Path) -> None:
    data = bytearray(ORIGINAL)
    data[position] = value
    _answers(bytes(data), tmp_path)


def test_an_encrypted_or_oddly_compressed_document_is_the_clerks_error(tmp_path: Path) -> None:
    for flag, method in ((1, 8), (0, 99)):  # an encrypted entry; AES-style compression
        data = bytearray(ORIGINAL)
        position = data.find(b"PK\x01\x02")
        while position >= 0:  # every entry of the central directory
            data[position + 8] |= flag
            data[position + 10:position + 12] = method.to_bytes(2, "little")
            position = data.find(b"PK\x01\x02", position + 4)
        document = tmp_path / "ma-hoa.docx"
        document.write_bytes(bytes(data))
        result = CliRunner().invoke(main, ["check", str(document)])
        assert result.exit_code == 1 and "Không đọc được tệp Word" in result.stderr


def test_a_plan_given_to_check_points_at_validate() -> None:
    result = CliRunner().invoke(main, ["check", str(EXAMPLES / "toi-thieu.yaml")])
    assert result.exit_code == 1
    assert "tệp kế hoạch .yaml, không phải tệp Word" in result.stderr
    assert "kehoach validate toi-thieu.yaml" in result.stderr


def test_a_file_that_is_not_a_docx_is_named_in_vietnamese(tmp_path: Path) -> None:
    cases = {"van-ban.docx": (b"chi la chu", "không phải dạng Word (.docx)"),
             "cu.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Word 97–2003"),
             "cat-cut.docx": (ORIGINAL[:len(ORIGINAL) // 2], "không phải dạng Word (.docx)")}
    for name, (data, said) in cases.items():
        document = tmp_path / name
        document.write_bytes(data)
        result = CliRunner().invoke(main, ["check", str(document)])
        assert result.exit_code == 1 and said in result.stderr, result.stderr
        assert "zip" not in result.stderr and "File" not in result.stderr

"""``kehoach check --fix``: each safe repair makes the hand-made plan pass again, keeps every
word, and opens in Word (the validator finds nothing new); what cannot be repaired safely is
left, and still reported."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli import main
from generator.docx_check import check_docx, fix_docx
from tests.docx_check.handmade import Change, hand_made
from tests.docx_check.test_rules import DEFECTS
from tests.render.test_package import audit

UNFIXABLE = {"closing mark", "archive", "bases", "appendix label"}
"""Defects that need words changed: the clerk's to fix."""


def words(path: Path) -> list[str]:
    """Every word of the body, tables and headers, in order, as a reader would compare them:
    the padding of numbers, the spacing of "Số:" and lines of underscores aside."""
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    joined = re.sub(r"_{3,}", " ", " ".join(texts))
    joined = re.sub(r"\s*([/-])\s*", r"\1", joined)
    return [re.sub(r"\b0+(\d)", r"\1", word) for word in joined.split()]


@pytest.mark.parametrize(("name", "change"), [(d[0], d[1]) for d in DEFECTS],
                         ids=[d[0] for d in DEFECTS])
def test_a_safe_repair_makes_it_pass_and_keeps_every_word(name: str, change: Change,
                                                          tmp_path: Path) -> None:
    bad = tmp_path / "sai.docx"
    hand_made(change).save(str(bad))
    fixed_bytes, repaired, left = fix_docx(bad)
    fixed = tmp_path / "da-sua.docx"
    fixed.write_bytes(fixed_bytes)
    assert words(fixed) == words(bad)
    if name in UNFIXABLE:
        assert repaired == [] and left == check_docx(bad)
    else:
        assert len(repaired) == 1 and left == [] and check_docx(fixed) == []


@pytest.mark.parametrize("name", ["font", "page numbers", "underscores",
                                  "no rule under the Tiêu ngữ", "Tiêu ngữ underlined", "date"])
def test_a_repaired_document_opens_in_word(name: str, tmp_path: Path) -> None:
    [change] = [d[1] for d in DEFECTS if d[0] == name]
    bad = tmp_path / "sai.docx"
    hand_made(change).save(str(bad))
    fixed = tmp_path / "da-sua.docx"
    fixed.write_bytes(fix_docx(bad)[0])
    assert set(audit(fixed)) <= set(audit(bad))  # python-docx's own template has a few


CLASHING = {"page number size", "no rule under the Tiêu ngữ", "underlined blanks"}
"""Defects of a part another defect removes or replaces (kept apart in the test of all)."""


def test_every_fix_at_once_and_the_rest_of_the_package_untouched(tmp_path: Path) -> None:
    def everything(document: object) -> None:
        for name, change, *_ in DEFECTS:
            if name not in UNFIXABLE | CLASHING:
                change(document)  # type: ignore[arg-type]

    bad = tmp_path / "sai.docx"
    hand_made(everything).save(str(bad))
    assert len(check_docx(bad)) > 15
    fixed = tmp_path / "da-sua.docx"
    fixed.write_bytes(fix_docx(bad)[0])
    assert [f for f in check_docx(fixed) if f.severity == "lỗi"] == []
    assert words(fixed) == words(bad)
    with zipfile.ZipFile(bad) as before, zipfile.ZipFile(fixed) as after:
        untouched = [n for n in before.namelist() if not n.startswith(("word/", "[Content"))]
        assert all(before.read(n) == after.read(n) for n in untouched)


def test_the_command_writes_a_copy_and_never_the_original(tmp_path: Path) -> None:
    bad = tmp_path / "ke-hoach.docx"
    hand_made(DEFECTS[0][1]).save(str(bad))
    original = bad.read_bytes()
    result = CliRunner().invoke(main, ["check", "--fix", str(bad)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ke-hoach.da-sua.docx").exists() and bad.read_bytes() == original
    assert "đã sửa 1 chỗ" in result.stderr
    assert "đúng thể thức" in result.stdout
    same = CliRunner().invoke(main, ["check", "--fix", str(bad), "-o", str(bad)])
    assert same.exit_code == 1 and "ghi đè lên tệp gốc" in same.stderr
    assert bad.read_bytes() == original
    left = CliRunner().invoke(main, ["check", "--fix", str(tmp_path / "ke-hoach.docx"),
                                     "-o", str(tmp_path / "ra.docx")])
    assert left.exit_code == 0
    usage = CliRunner().invoke(main, ["check", str(bad), "-o", str(tmp_path / "x.docx")])
    assert usage.exit_code == 1 and "--fix" in usage.output  # usage errors are the clerk's: 1

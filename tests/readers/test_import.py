"""``kehoach import`` on real plans no one here wrote (tests/readers/cases and plans, their
sources in SOURCES.md): import → build → the words of the rebuilt DOCX against the source's,
in order (``tests.helpers.fidelity.docx_ratio``); every word of the source in the YAML; the rebuild
passes ``kehoach check``; the structure is recognised, not left as paragraphs."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from pathlib import Path

import pytest

from generator.docx_check import check_docx
from generator.pipeline import load_plan
from generator.readers.blocks import Line
from generator.readers.docx import read
from generator.readers.grounds import KINDS
from generator.readers.sections import marker
from generator.readers.signature import is_signature
from tests.conftest import build_docx
from tests.helpers.fidelity import document_words, docx_ratio, words
from tests.readers.imported import PLANS, imported, printed_by_the_tool, yaml_words

EACH, MEDIAN = 0.98, 0.98
"""The rebuilt words of each plan (the issue asks ≥ 0.95 each; all reach 0.98), and their
median."""
SHARE = 0.9
_RATIOS: dict[str, float] = {}


def _rebuilt(path: Path, out: Path) -> Path:
    _, text = imported(path)
    out.mkdir(parents=True, exist_ok=True)
    plan = out / f"{path.stem}.yaml"
    plan.write_text(text, encoding="utf-8")
    load_plan(plan)  # validates with no error on the first try
    return build_docx(plan, out)


def test_there_are_at_least_twelve_real_plans_from_two_sources() -> None:
    assert len(PLANS) >= 12
    assert {p.stem.split("-")[0] for p in PLANS} >= {"sct", "ubnd"}
    listed = "".join(p.read_text(encoding="utf-8") for p in
                     {path.parent / "SOURCES.md" for path in PLANS})
    assert all(f"`{p.name}`" in listed for p in PLANS)


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_imported_plan_rebuilds_its_source(path: Path, tmp_path: Path) -> None:
    built = _rebuilt(path, tmp_path)
    _RATIOS[path.stem] = value = docx_ratio(built, path)
    print(f"{path.stem}: {value:.4f}")
    assert value >= EACH
    errors = [f for f in check_docx(built) if f.severity == "lỗi"]
    assert not errors, errors


def test_median_of_rebuilt_words(tmp_path: Path) -> None:
    ratios = [_RATIOS.get(p.stem) or docx_ratio(_rebuilt(p, tmp_path / p.stem), p)
              for p in PLANS]
    print(f"median {statistics.median(ratios):.4f}, lowest {min(ratios):.4f}")
    assert statistics.median(ratios) >= MEDIAN and min(ratios) >= 0.95


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_every_word_of_the_source_is_in_the_yaml(path: Path) -> None:
    """Nothing lost: each word of the source (as many times as it shows) is in the YAML's
    values, but for those the rebuild prints itself (``printed_by_the_tool``)."""
    found, text = imported(path)
    mine = yaml_words(text)
    issuer = set(words(found.draft.data["co_quan"].get("ten_day_du", "")))
    source = Counter(document_words(path))
    missing = {w: n - mine[w] for w, n in source.items()
               if n > mine[w] and not printed_by_the_tool(w) and w not in issuer}
    assert not missing


def _numbered_headings(path: Path) -> tuple[int, int]:
    """Numbered lines of the body ("I.", "1.", "1.1.", "a)") in the source, and how many
    the import made sections of."""
    blocks = read(path, path.read_bytes()).blocks
    end = next((i for i, b in enumerate(blocks) if is_signature(b)), len(blocks))
    numbered = sum(isinstance(b, Line) and marker(b) is not None and
                   not b.plain.startswith(("Căn cứ", "Thực hiện")) for b in blocks[:end])
    found, _ = imported(path)
    return numbered, found.notes.counts.get("mục đánh số", 0)


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_numbered_sections_are_imported_as_sections(path: Path) -> None:
    numbered, sections = _numbered_headings(path)
    assert sections >= SHARE * numbered


DOCUMENT = re.compile(r"(?:" + "|".join(KINDS) + r")\s+(?:số\s+)?\d")


def test_share_of_grounds_imported_as_citations() -> None:
    """Căn cứ paragraphs that cite documents, over all plans: the share whose documents
    became citations (the others keep their words, with a line in the summary: a footnote
    or italics inside, a summary kehoach would word otherwise; the one left is Đề án 08's
    "Thực hiện Đề án số 08 …" broken over several paragraphs)."""
    citing = cited = 0
    for path in PLANS:
        found, _ = imported(path)
        for basis in found.draft.data.get("can_cu", []):
            text = basis.get("noi_dung", "")
            if basis.get("dong_tu", "Căn cứ") not in ("Căn cứ", "Thực hiện"):
                continue  # "Xét đề nghị của … tại Văn bản số …": a ground, not a document
            if "van_ban" in basis or DOCUMENT.search(text) or text.startswith("Luật"):
                citing += 1
                cited += "van_ban" in basis
    print(f"căn cứ as citations: {cited}/{citing}")
    assert cited / citing >= 0.95  # measured 42/43 = 0.977 (the issue asks 0.9)


SEEDS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.txt"))
SEED_WORDS = 0.99


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_text_imports_and_rebuilds(seed: Path, tmp_path: Path) -> None:
    """The three published plans as text (the PDF's words): import → build → against the
    text (``tests.helpers.fidelity.ratio``), measured 0.9926 (Ia Ake, since its unclosed "(Kèm
    theo …" no longer swallows the appendix), 0.9953 (Bắc Kạn), 0.9960 (Đắk Nông, since its
    "Noi nhận" and two-line bold signer are read); the issue asks 0.97."""
    from tests.helpers.fidelity import ratio

    assert ratio(_rebuilt(seed, tmp_path), seed) >= SEED_WORDS


def _task_rows(path: Path) -> int:
    """Rows numbered 1, 2, 3 under a heading row "STT/TT … Nội dung/Nhiệm vụ …" in the
    source's tables, before the signature's: the task-table rows."""
    from generator.readers.blocks import Grid
    from generator.readers.tasks import STT

    count = 0
    for block in read(path, path.read_bytes()).blocks:
        if not isinstance(block, Grid) or not block.rows or not block.rows[0]:
            continue
        head = block.rows[0]
        if STT.match(head[0].plain.strip()) and any(
                re.search(r"nội dung|nhiệm vụ", c.plain, re.IGNORECASE) for c in head[1:]):
            count += sum(bool(row) and row[0].plain.strip(" .").isdigit()
                         for row in block.rows[1:])
    return count


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_task_table_rows_are_imported_as_tasks(path: Path) -> None:
    """Each task-table row a task (``nhom_nhiem_vu``), the table written back from them."""
    found, _ = imported(path)
    assert found.notes.counts.get("nhiệm vụ", 0) >= SHARE * _task_rows(path)

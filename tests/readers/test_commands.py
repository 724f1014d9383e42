"""``kehoach import`` as a clerk runs it, and ``derive``/``diff`` given Word files: what is
written, what the terminal says, and the clerk's errors (exit 1, never 2)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main

CASES = Path(__file__).resolve().parent / "cases"
PLANS = Path(__file__).resolve().parent / "plans"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_import_writes_a_plan_that_validates_and_a_report(tmp_path: Path) -> None:
    source = shutil.copy(CASES / "sct-lao-cai-2026-pccc.docx", tmp_path / "KH.docx")
    result = run("import", source, "--report", tmp_path / "nhap.json")
    assert result.exit_code == 0, result.output
    assert "Nhận ra" in result.output and "căn cứ" in result.output
    assert run("validate", tmp_path / "KH.yaml").exit_code == 0
    report = json.loads((tmp_path / "nhap.json").read_text(encoding="utf-8"))
    assert report["nhan_ra"]["mục đánh số"] >= 10


def test_import_marks_guesses_in_the_yaml(tmp_path: Path) -> None:
    source = shutil.copy(CASES / "sct-lao-cai-2026-pccc.docx", tmp_path / "KH.docx")
    assert run("import", source, "--report", tmp_path / "nhap.md").exit_code == 0
    text = (tmp_path / "KH.yaml").read_text(encoding="utf-8")
    assert "# Kiểm tra:" in text
    assert "KH.yaml:" in (tmp_path / "nhap.md").read_text(encoding="utf-8")


def test_import_never_overwrites_a_plan_without_ghi_de(tmp_path: Path) -> None:
    source = shutil.copy(CASES / "sct-lao-cai-2026-pccc.docx", tmp_path / "KH.docx")
    (tmp_path / "KH.yaml").write_text("giu: nguyen\n", encoding="utf-8")
    result = run("import", source)
    assert result.exit_code == 1 and "--ghi-de" in result.output
    assert (tmp_path / "KH.yaml").read_text(encoding="utf-8") == "giu: nguyen\n"


@pytest.mark.parametrize(("name", "data", "said"), [
    ("KH.docx", b"PK\x03\x04 not really a zip", "Không đọc được tệp Word"),
    ("KH.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Không đọc được tệp Word"),
    ("KH.doc", b"\xd0\xcf\x11\xe0", ".docx"),
    ("KH.txt", "Kế hoạch".encode("utf-16"), "UTF-8"),
    ("KH.pdf", b"%PDF-1.4\n%%EOF\n", "PDF"),
])
def test_a_damaged_or_foreign_file_is_the_clerks_error(tmp_path: Path, name: str,
                                                          data: bytes, said: str) -> None:
    """A broken zip, an encrypted (OLE) Word file, an old .doc, a text not in UTF-8, a PDF
    with nothing to read: exit 1 with a message, nothing written."""
    (tmp_path / name).write_bytes(data)
    result = run("import", tmp_path / name)
    assert result.exit_code == 1, result.output
    assert said in result.output
    assert not (tmp_path / "KH.yaml").exists()


def test_diff_compares_two_word_plans_item_by_item(tmp_path: Path) -> None:
    old = shutil.copy(PLANS / "sct-lao-cai-2026-kiem-tra-19-don-vi.docx", tmp_path / "cu.docx")
    new = shutil.copy(PLANS / "sct-lao-cai-2026-kiem-tra-28-don-vi.docx", tmp_path / "moi.docx")
    result = run("diff", old, new, "--docx", tmp_path / "so-sanh.docx")
    assert result.exit_code == 0, result.output
    assert "Xét đề nghị của 28 đơn vị" in result.output
    assert (tmp_path / "so-sanh.docx").stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cu.docx", "moi.docx",
                                                           "so-sanh.docx"]


def test_derive_from_a_word_parent_imports_it_beside_it(tmp_path: Path) -> None:
    parent = shutil.copy(CASES / "ubnd-lam-dong-2026-cchc.docx", tmp_path / "tinh.docx")
    result = run("derive", parent, "--don-vi", "Xã Đạ Huoai", "--cap", "xa")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "tinh.yaml").exists()
    child = next(tmp_path.glob("xa-*.yaml"))
    assert "tinh.yaml" in child.read_text(encoding="utf-8")
    assert run("validate", child).exit_code == 0


def test_a_damaged_text_layer_imports_without_its_control_characters(tmp_path: Path) -> None:
    """A PDF whose text layer is garbled (corpus: laocai-kh-1105…pdf) gave control
    characters the YAML writer could not write back: an internal error. They are no words."""
    seed = Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "ia-ake-2024-ubnd-xa.txt"
    text = seed.read_text(encoding="utf-8").replace("Mục đích", "Mục\x10 đích\x1a\ufffd")
    (tmp_path / "KH.txt").write_text(text, encoding="utf-8")
    result = run("import", tmp_path / "KH.txt")
    assert result.exit_code == 0, result.output
    assert run("validate", tmp_path / "KH.yaml").exit_code == 0
    assert "Mục đích" in (tmp_path / "KH.yaml").read_text(encoding="utf-8")


def test_the_summary_tells_repairs_of_format_apart_from_text_kept_as_it_was() -> None:
    """'thêm và' in a citation is a repair the rebuild makes on purpose, not text kehoach
    failed to read: it was listed under 'Giữ nguyên lời'."""
    from generator.readers.guesses import Notes
    from generator.readers.summary import as_text, report

    notes = Notes(plain=["đoạn 3: căn cứ giữ nguyên lời (chưa tách được văn bản)"],
                  repaired=["đoạn 13: thể thức trích dẫn được sửa (thêm 'và')"])
    text = as_text(report("KH.docx", "KH.yaml", notes, []))
    kept, repaired = text.split("Giữ nguyên lời")[1].split("Thể thức được sửa khi dựng lại")
    assert "đoạn 3" in kept and "đoạn 13" not in kept
    assert "đoạn 13" in repaired


def test_rules_typed_as_underscores_are_taken_out_of_the_imported_plan() -> None:
    """Real letters (laocai-thong-bao-ket-luan-ubnd, the decree's own Phụ lục III) carry a
    line of '____' under a heading or in a table: imported as text, the plan did not
    validate ('Dòng chỉ có dấu gạch dưới'). A section left with nothing goes too."""
    from generator.readers import _without_typed_rules

    data = {"loi_dan": "____________", "trich_yeu": "Về việc X\n_______",
            "phan": [{"tieu_de": "A", "doan": ["Một.", "_____"]}, {"doan": ["  ______ "]}],
            "bang": {"dau_bang": [["STT", "______"]]}}
    assert _without_typed_rules(data)
    assert data == {"trich_yeu": "Về việc X", "phan": [{"tieu_de": "A", "doan": ["Một."]}],
                    "bang": {"dau_bang": [["STT", ""]]}}
    assert not _without_typed_rules({"doan": ["Giá 3_000 đồng"]})


def test_a_letter_imported_as_a_plan_is_said_to_be_perhaps_no_plan(tmp_path: Path) -> None:
    """A công văn (real, from the check fixtures) has no 'KẾ HOẠCH' title: the import still
    writes a plan, and says the document may not be one (no real plan of the fixtures is
    flagged: 38 of 38 read without it)."""
    from tests.conftest import ROOT

    letter = ROOT / "tests" / "docx_check" / "corpus" / "cong-van" / \
        "lamdong-giao-1783-so-tnmt-tc.docx"
    source = shutil.copy(letter, tmp_path / "CV.docx")
    result = run("import", source)
    assert result.exit_code == 0, result.output
    assert "không thấy tên loại 'KẾ HOẠCH'" in result.output
    plan = run("import", shutil.copy(CASES / "sct-lao-cai-2026-pccc.docx", tmp_path / "KH.docx"))
    assert "không thấy tên loại" not in plan.output

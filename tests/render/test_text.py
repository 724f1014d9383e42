"""The terminal's progress table: aligned columns, units without figures left out."""

from __future__ import annotations

from pathlib import Path

from generator.kpi.results import Measurement, ResultsFile
from generator.names import unit_key
from generator.reference import load_reference
from generator.render.text import progress_text
from generator.resolve import Context
from generator.resolve.progress import progress_lines
from tests.helpers.builders import checked, progress_plan


def test_progress_table_lines_up_and_skips_units_without_figures() -> None:
    keys = progress_plan(target=50)
    keys["chi_tieu"][0]["muc_tieu"].append({"don_vi": "Xã B", "moc": "M", "gia_tri": 50})
    done = checked(**keys)
    results = ResultsFile(Path("kq.csv"), {unit_key("Xã A"): {"x": Measurement(15, 20, None)}},
                          {unit_key("Xã A"): "Xã A"})
    lines = list(progress_lines(done.plan, Context(done.book, load_reference(), results, "M")))
    text = progress_text(lines).splitlines()
    assert text[0].split() == ["Đơn", "vị", "Chỉ", "tiêu", "a", "b", "Kết", "quả", "Chỉ", "tiêu",
                               "giao", "Đánh", "giá"]
    assert set(text[1]) <= {"-", " "}
    assert text[2].split() == ["Xã", "A", "Tỷ", "lệ", "X", "20", "15", "75%", "50%", "Đạt"]
    assert len(text) == 3  # Xã B has no figures: said once in a warning, not here
    assert text[0].index("Chỉ tiêu giao") == text[2].index("50%")

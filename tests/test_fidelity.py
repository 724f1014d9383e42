"""Each built seed example says what its seed says, in order (ratio ≥ 0.95)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, build_docx
from tests.fidelity import PAIRS, SEEDS, THRESHOLD, ratio, words


@pytest.mark.parametrize("stem", sorted(PAIRS))
def test_built_example_matches_its_seed(stem: str, tmp_path: Path) -> None:
    docx = build_docx(EXAMPLES / f"{stem}.yaml", tmp_path)
    value = ratio(docx, SEEDS / PAIRS[stem])
    print(f"{stem}: {value:.4f}")
    assert value >= THRESHOLD


def test_normalisation_ignores_markup_and_punctuation() -> None:
    assert words("## **KẾ HOẠCH** $15/20=75\\%$;") == ["kế", "hoạch", "15", "20", "75"]

"""Each bad input gets a clear Vietnamese diagnostic with file, line and field, and exit 1.

Every fixture ``tests/fixtures/invalid/NAME.yaml`` sits beside ``NAME.expected``: the exact
text ``kehoach validate`` must print for it. Refresh with ``pytest --update-golden`` after
a deliberate wording change, and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import FIXTURES

INVALID = FIXTURES / "invalid"
CASES = sorted(p.stem for p in INVALID.glob("*.yaml"))


def run_validate(name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(INVALID)
    result = CliRunner().invoke(main, ["validate", f"{name}.yaml"])
    return result.exit_code, result.stderr


@pytest.mark.parametrize("name", CASES)
def test_invalid_fixture_gives_exact_diagnostics(name: str, update_golden: bool,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    code, stderr = run_validate(name, monkeypatch)
    expected = INVALID / f"{name}.expected"
    if update_golden:
        expected.write_text(stderr, encoding="utf-8")
    assert code == 1
    assert "Traceback" not in stderr
    assert f"{name}.yaml:" in stderr
    assert stderr == expected.read_text(encoding="utf-8")


def test_python_tag_constructs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "pwned"
    plan = tmp_path / "x.yaml"
    plan.write_text(f'trich_yeu: !!python/object/apply:os.system ["touch {marker}"]\n',
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(plan)])
    assert result.exit_code == 1
    assert not marker.exists()


def test_missing_file_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["validate", "khong-co-tep-nay.yaml"])
    assert result.exit_code == 1
    assert "Không tìm thấy tệp" in result.stderr

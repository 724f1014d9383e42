"""Where a plan's text comes from: a file, or ``REV:path`` through git, never an option."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.render.test_diff import _committed


def test_a_revision_starting_with_a_dash_never_reaches_git_as_an_option(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``kehoach diff -- '--output=DIR/x:KH.yaml' KH.yaml``: git took the revision for its
    ``--output`` option and wrote a file where kehoach was never asked to write."""
    _committed(tmp_path)
    monkeypatch.chdir(tmp_path)
    elsewhere = tmp_path / "ngoai"
    elsewhere.mkdir()
    result = CliRunner().invoke(main, ["diff", "--", f"--output={elsewhere}/x:ke-hoach.yaml",
                                       "ke-hoach.yaml"])
    assert result.exit_code == 1
    assert "không bắt đầu bằng dấu '-'" in result.stderr
    assert not list(elsewhere.iterdir())


def test_git_reads_a_revision_after_the_end_of_its_options(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The revision goes to ``git show`` after ``--end-of-options``, so that nothing in it
    is read as an option, and a real revision still reads."""
    import subprocess

    from generator.load import sources

    plan = _committed(tmp_path)
    monkeypatch.chdir(tmp_path)
    seen: list[list[str]] = []
    real = subprocess.run

    def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        seen.append(command)
        return real(command, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(sources.subprocess, "run", run)
    source = sources.read_source(f"HEAD:{plan.name}")
    assert source.document is not None and source.path == Path(plan.name)
    assert seen[0][1:] == ["show", "--end-of-options", "HEAD:./ke-hoach.yaml"]

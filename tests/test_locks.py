"""A lock one process holds at a time, let go when its holder ends however it ends."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.locks import Busy, held, is_held
from tests.conftest import ROOT

HOLDER = ("import sys, pathlib\n"
          "from generator.locks import held\n"
          "with held(pathlib.Path(sys.argv[1]), 5):\n"
          "    print('held', flush=True)\n"
          "    sys.stdin.readline()\n")
"""A second process that holds the lock until it reads a line (or is killed)."""


@pytest.fixture
def other_holder(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    """Another process holding ``tmp_path/.kehoach.lock``."""
    path = tmp_path / ".kehoach.lock"
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    try:
        yield process, path
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)


def test_a_lock_is_held_inside_the_block_and_its_file_gone_after(tmp_path: Path) -> None:
    path = tmp_path / ".kehoach.lock"
    with held(path, 1):
        assert path.exists()
    assert not path.exists() and not is_held(path)


def test_a_missing_lock_file_is_not_held(tmp_path: Path) -> None:
    assert not is_held(tmp_path / "khong-co.lock")


def test_a_lock_file_left_by_no_live_process_is_not_held(tmp_path: Path) -> None:
    path = tmp_path / ".kehoach.lock"
    path.write_bytes(b"")
    assert not is_held(path)
    with held(path, 1):
        pass


def test_another_process_holding_it_makes_a_waiter_busy(
        other_holder: tuple[subprocess.Popen[str], Path]) -> None:
    _, path = other_holder
    assert is_held(path)
    started = time.monotonic()
    with pytest.raises(Busy), held(path, 0.2):
        pass
    assert time.monotonic() - started >= 0.2


def test_a_waiter_gets_the_lock_once_its_holder_lets_go(
        other_holder: tuple[subprocess.Popen[str], Path]) -> None:
    process, path = other_holder
    assert process.stdin is not None
    process.stdin.write("\n")
    process.stdin.flush()
    with held(path, 10):
        assert is_held(path), "held by this process now"


def test_a_killed_holder_lets_go_of_the_lock(
        other_holder: tuple[subprocess.Popen[str], Path]) -> None:
    process, path = other_holder
    process.kill()
    process.wait(timeout=30)
    assert not is_held(path)
    with held(path, 1):
        pass

"""A plan's set stays whole under concurrency and kills: two builds of one plan into one
folder at once, and builds killed between any two renames of their set.

Each build is stamped by ``SOURCE_DATE_EPOCH`` (the creation time in the DOCX's and the
XLSX's core properties), so a set is whole when both files carry the same stamp.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from generator.outputs import recover, set_lock
from generator.pipeline import FORMATS, BuildRequest, prepare, targets, write_plan
from tests.conftest import FIXTURES, ROOT

PLAN = FIXTURES / "valid" / "day-du.yaml"
"""A plan with appendix tables: its set is a DOCX and an XLSX."""
OLD, KILLED, NEXT = 1_700_000_000, 1_750_000_000, 1_800_000_000
"""Build stamps (SOURCE_DATE_EPOCH) of the set in place, the build killed, the next one."""


def stamp(path: Path) -> str:
    """When the build that made a DOCX or XLSX ran, from its core properties."""
    with zipfile.ZipFile(path) as package:
        core = package.read("docProps/core.xml").decode("utf-8")
    found = re.search(r"<dcterms:created[^>]*>([^<]{19})", core)
    assert found, core
    return found.group(1)


def stamps(folder: Path) -> set[str]:
    """The stamps of the plan's set in ``folder``: one when the set is whole. Each file is
    opened whole first (python-docx, openpyxl), as Word and Excel would: a set of two
    stamps, or a file that does not open, is what a kill or a race must never leave."""
    import docx
    import openpyxl

    document, workbook = (folder / f"{PLAN.stem}.{fmt}" for fmt in ("docx", "xlsx"))
    assert docx.Document(str(document)).paragraphs
    assert openpyxl.load_workbook(workbook).sheetnames
    return {stamp(document), stamp(workbook)}


def epoch_stamp(epoch: int) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- Two builds at once -----------------------------------------------------------------------


def _build_at(out: Path, epoch: int, start: Any) -> None:
    """A build process: renders, waits for the other one, then both write at once."""
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    request = BuildRequest(out)
    prepared = prepare(PLAN, request)
    start.wait(30)
    write_plan(PLAN, request, prepared.files, prepared.report.removed)


ROUNDS = 50


def test_two_builds_of_one_plan_into_one_folder_never_mix_their_sets(tmp_path: Path) -> None:
    """Both builds of each round render, then write at the same moment: without the set's
    lock one round in a few ended with one build's DOCX beside the other's XLSX."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    out = tmp_path / "out"
    prepare(PLAN, BuildRequest(out))  # forked builds start with the reference data loaded
    for round_ in range(ROUNDS):
        start = context.Barrier(2)
        epochs = (OLD + 2 * round_, OLD + 2 * round_ + 1)
        builds = [context.Process(target=_build_at, args=(out, e, start)) for e in epochs]
        for build in builds:
            build.start()
        for build in builds:
            build.join(60)
        assert [b.exitcode for b in builds] == [0, 0], f"round {round_}"
        found = stamps(out)
        assert len(found) == 1 and found <= {epoch_stamp(e) for e in epochs}, \
            f"round {round_}: a mixed set {found}"
        assert leftovers(out) == [], f"round {round_}"


def test_a_set_locked_too_long_is_refused_in_vietnamese_and_nothing_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second build that waits longer than its limit for the first gives up, saying why;
    the set in place is untouched."""
    from generator import outputs
    from generator.errors import KeHoachError

    out = tmp_path / "out"
    request = BuildRequest(out)
    prepared = prepare(PLAN, request)
    write_plan(PLAN, request, prepared.files)
    before = stamps(out)
    monkeypatch.setattr(outputs, "SET_WAIT_SECONDS", 0.2)
    with subprocess.Popen(
            [sys.executable, "-c", "import sys, time\nfrom pathlib import Path\n"
             "from generator.outputs import set_lock\n"
             f"with set_lock([Path({str(out / 'day-du.docx')!r})]):\n"
             "    print('held', flush=True)\n    time.sleep(60)\n"],
            stdout=subprocess.PIPE, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)}) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
            with pytest.raises(KeHoachError) as info:
                write_plan(PLAN, request, prepared.files)
        finally:
            holder.kill()
    [said] = info.value.diagnostics
    assert said.message.startswith(f"Một lệnh kehoach khác đang ghi các tệp '{out / 'day-du'}.*'")
    assert stamps(out) == before


# --- Killed between two renames ---------------------------------------------------------------

PAUSING_BUILD = """
import os, sys, time
out, pause_at = sys.argv[1], int(sys.argv[2])
calls = []
def paused(real):
    def call(*args, **kwargs):
        if str(args[0]).startswith(out):
            calls.append(args[0])
            if len(calls) == pause_at:
                print("paused", flush=True)
                time.sleep(600)
        return real(*args, **kwargs)
    return call
os.replace, os.unlink = paused(os.replace), paused(os.unlink)
from generator.cli import main
sys.argv = ["kehoach", "build", sys.argv[3], "-o", out]
main()
"""
"""A build that stops before the given rename or removal in its output folder, says so,
and waits there to be killed. A set of two files over an old one: the old DOCX set aside
(1), the new one in (2), the same for the XLSX (3, 4), the old files removed (5, 6), the
set's lock file removed (7)."""

STEPS = range(1, 8)


def _killed_at(tmp_path: Path, step: int, how: signal.Signals) -> Path:
    """The old set built, then a build paused at ``step`` and killed by ``how``."""
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": str(OLD)}
    subprocess.run([sys.executable, "-m", "generator", "build", str(PLAN), "-o", str(out)],
                   check=True, env=env, cwd=ROOT, capture_output=True)
    with subprocess.Popen([sys.executable, "-c", PAUSING_BUILD, str(out), str(step), str(PLAN)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                          env={**env, "SOURCE_DATE_EPOCH": str(KILLED)}) as build:
        assert build.stdout is not None and build.stderr is not None
        line = build.stdout.readline()
        if line != b"paused\n":
            build.kill()
            raise AssertionError(build.stderr.read().decode())
        build.send_signal(how)
        build.wait(60)
    return out


def _next_build_recovers_and_cleans(out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": str(NEXT)}
    subprocess.run([sys.executable, "-m", "generator", "build", str(PLAN), "-o", str(out)],
                   check=True, env=env, cwd=ROOT, capture_output=True)
    assert stamps(out) == {epoch_stamp(NEXT)}
    assert leftovers(out) == []


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_between_two_renames_leaves_a_whole_set_once_recovered(
        tmp_path: Path, step: int) -> None:
    """SIGKILL (``docker stop`` after its grace, the OOM killer): nothing of kehoach runs,
    so the folder can hold a half-replaced set; what the next build does first under the
    set's lock (:func:`recover`) leaves it whole, old or new; then the next build writes
    its own set and nothing hidden is left."""
    out = _killed_at(tmp_path, step, signal.SIGKILL)
    every = targets(PLAN, BuildRequest(out, FORMATS)).values()
    with set_lock(every):
        recover(every)
    assert stamps(out) in ({epoch_stamp(OLD)}, {epoch_stamp(KILLED)}), step
    assert [n for n in leftovers(out) if not n.endswith(".lock")] == []
    _next_build_recovers_and_cleans(out)


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM and SIGHUP are sent this way on POSIX")
@pytest.mark.parametrize("how", [signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)])
@pytest.mark.parametrize("step", STEPS)
def test_a_build_terminated_between_two_renames_puts_its_set_back_itself(
        tmp_path: Path, step: int, how: signal.Signals) -> None:
    """SIGTERM (``docker stop``, a CI cancel, ``timeout``) and SIGHUP (the terminal closed)
    are Ctrl+C: the build undoes its commit before it ends (or, once every file was
    placed, finishes it), leaving no hidden file."""
    out = _killed_at(tmp_path, step, how)
    assert stamps(out) == {epoch_stamp(OLD) if step <= 4 else epoch_stamp(KILLED)}, step
    assert [n for n in leftovers(out) if not n.endswith(".lock")] == []  # reused, see below
    _next_build_recovers_and_cleans(out)

"""Worker processes: the same files by fork and by spawn, workers that end with their parent,
and an interrupted batch that stops its workers."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.batch import build_many, plan_files
from generator.pipeline import BuildRequest
from tests.conftest import EXAMPLES, ROOT

linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="reads processes from /proc")


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    source = (EXAMPLES / "ia-ake-2024.yaml").read_text(encoding="utf-8")
    for n in range(count):
        (folder / f"xa-{n:03d}.yaml").write_text(source.replace("Ia Ake", f"Ia {n}"),
                                                 encoding="utf-8")
    return folder


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="compares spawn with fork")
@pytest.mark.windows_macos
def test_spawned_workers_write_the_same_files_as_forked_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows and macOS start workers by spawn: nothing is inherited, everything a worker
    needs is passed to it. Byte for byte the same files (SOURCE_DATE_EPOCH: a reproducible
    build) as the workers Linux forks."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1712345678")
    folder = _folder(tmp_path, 6)
    made = {}
    for method in ("fork", "spawn"):
        out = tmp_path / method
        outcomes = build_many(plan_files([folder]), BuildRequest(out), jobs=2, method=method)
        assert not any(o.failed for o in outcomes), [o.diagnostics for o in outcomes]
        made[method] = _digests(out)
    assert len(made["fork"]) == 12 and made["fork"] == made["spawn"]  # DOCX and XLSX


def _children(pid: int) -> set[int]:
    """The live (not zombie) processes whose parent is ``pid``."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.add(pid)
    return out


SPAWNED_BATCH = """
import sys
from pathlib import Path
from generator.batch import build_many, plan_files
from generator.pipeline import BuildRequest
if __name__ == "__main__":
    build_many(plan_files([Path(sys.argv[1])]), BuildRequest(Path(sys.argv[2])), jobs=2,
               method="spawn")
"""


@linux_only
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_end_when_their_parent_is_killed(tmp_path: Path, method: str) -> None:
    """Killing the main build process (SIGKILL: nothing of it runs) left its pool workers
    alive, 12 times in 32, still there 90 s later: each worker now watches its parent."""
    folder = _folder(tmp_path, 80)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if method == "fork":
        command = [sys.executable, "-m", "generator", "build", str(folder), "-j", "2", "-o",
                   str(out)]
    else:
        script = tmp_path / "batch.py"
        script.write_text(SPAWNED_BATCH, encoding="utf-8")
        command = [sys.executable, str(script), str(folder), str(out)]
    with subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL) as main:
        deadline = time.monotonic() + 60
        while not (out.exists() and any(out.glob("*.docx"))) and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = _children(main.pid)
        assert len(workers) >= 2, "no worker started"
        main.send_signal(signal.SIGKILL)
        main.wait()
    deadline = time.monotonic() + 20
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(workers)


@linux_only
def test_an_interrupted_batch_stops_its_workers_and_leaves_whole_sets(tmp_path: Path) -> None:
    """SIGTERM to the main process only (``docker stop``, ``timeout``): it stops its
    workers, each puts back the set it was writing, and nothing hidden is left."""
    folder = _folder(tmp_path, 80)
    out = tmp_path / "out"
    with subprocess.Popen([sys.executable, "-m", "generator", "build", str(folder), "-j", "2",
                           "-o", str(out)], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as main:
        deadline = time.monotonic() + 60
        while not (out.exists() and len(list(out.glob("*.docx"))) > 4) \
                and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = _children(main.pid)
        main.send_signal(signal.SIGTERM)
        _, said = main.communicate(timeout=30)
    assert main.returncode == 1 and "Đã dừng." in said.decode()
    assert not _alive(workers)
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    built = {p.stem for p in out.glob("*.docx")}
    assert built == {p.stem for p in out.glob("*.xlsx")}  # each plan's set whole
    assert len(built) < 80  # stopped, not run to the end


def test_a_worker_dying_between_two_questions_still_has_its_plan_tried_again() -> None:
    """The root of a flaky test: asked twice whether a worker was alive (yes, then no), the
    pool dropped it without handing its plan on, and the batch ended with a plan missing."""
    from collections import deque
    from typing import Any

    from generator.processes import _Batch, _collect, _Worker

    class Dying:
        exitcode = 9

        def __init__(self) -> None:
            self.answers = [True, False]

        def is_alive(self) -> bool:
            return self.answers.pop(0)

        def join(self, timeout: float | None = None) -> None:
            pass

    class Quiet:
        def poll(self) -> bool:
            return False

    batch: _Batch[str, Any] = _Batch(["a", "b"], deque(), lambda r: None, lambda i, c: i)
    worker = _Worker(Dying(), Quiet(), pending=[1])  # type: ignore[arg-type]
    while _collect(worker, batch):
        pass
    assert list(batch.queue) == [([1], True)]  # tried again, alone


def _slow_echo(item: int) -> int:
    time.sleep(0.2 if item < 2 else 0)
    return item


def _warm() -> None:
    pass


def _never(item: int, code: int | None) -> int:
    raise AssertionError(f"item {item} lost (exit code {code})")


def test_more_idle_workers_than_tasks_left_leaves_the_extra_workers_waiting(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The root of another flaky test: when both workers finished in the same round with one
    task left, the pool tried to give a task to each and took from an empty queue. Here the
    wait always lasts until every busy worker is done, so the round always comes."""
    from multiprocessing.connection import wait as real_wait

    import generator.processes as processes

    def wait_for_all(objects: list[object], timeout: float | None = None) -> list[object]:
        if timeout is not None:  # a forked worker watching its parent: the real wait
            return real_wait(objects, timeout)  # type: ignore[arg-type]
        pending = list(objects[:len(objects) // 2])  # the connections, then the sentinels
        while pending:
            ready = real_wait(pending)
            pending = [p for p in pending if p not in ready]
        return list(objects)

    monkeypatch.setattr(processes, "wait", wait_for_all)
    assert processes.run_tasks([0, 1, 2], _slow_echo, 2, 1, warm=_warm, died=_never) == [0, 1, 2]


IDLE_WORKER = """
import sys, time
from generator import processes

processes.GRACE_SECONDS = 600  # in spawned workers too: this module is run again in each


def work(item: int) -> int:
    print("busy" if item == 0 else "idle", flush=True)
    while item == 0:
        time.sleep(0.05)
    return item


def warm() -> None:
    pass


def died(item: int, code: object) -> int:
    return -1


if __name__ == "__main__":
    processes.run_tasks([0, 1], work, jobs=2, chunk=1, warm=warm, died=died,
                        method=sys.argv[1])
"""
"""Two workers: one busy for ever, the other done with its only task and waiting for the
next one; each given 600 s to put back what it was writing once told to stop."""


@linux_only
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_an_idle_worker_ends_with_its_parent_not_when_its_grace_runs_out(
        tmp_path: Path, method: str) -> None:
    """A worker waiting for its next task reads a pipe that its forked sibling also holds
    open: when the parent was killed no end of file came, and the Ctrl+C the worker sent
    itself (``_thread.interrupt_main``) waited for that read, so the worker lived out its
    whole grace (6-8 s after each SIGKILL of ``build -j 2``; here 600 s). It is now
    interrupted in the read (SIGTERM to its main thread)."""
    script = tmp_path / "idle.py"
    script.write_text(IDLE_WORKER, encoding="utf-8")
    with subprocess.Popen([sys.executable, str(script), method], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)},
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as main:
        assert main.stdout is not None
        try:
            said = {main.stdout.readline().strip() for _ in range(2)}
            time.sleep(0.5)  # the idle worker sends its result and waits for the next task
            workers = _children(main.pid)  # spawn: and its resource tracker
        finally:
            main.kill()
        main.wait()
    assert said == {b"busy", b"idle"}, said
    assert len(workers) >= 2, workers
    deadline = time.monotonic() + 60
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _alive(workers)
    for pid in left:  # never leave them running for their 600 s
        os.kill(pid, signal.SIGKILL)
    assert not left

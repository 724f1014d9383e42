"""Processes: stopping cleanly when asked to, and the worker processes of a batch.

A build is stopped by Ctrl+C (SIGINT) and also by SIGTERM (``docker stop``, a CI cancel,
``timeout``) and SIGHUP (the terminal closed): all three raise :class:`KeyboardInterrupt`,
so the set of files being written is put back as it was (:mod:`generator.outputs`).

Worker processes (:func:`run_tasks`) are started the same way on every system: by the start
method asked for (by default the system's: fork on Linux, spawn on Windows and macOS), with
everything they need passed to them, nothing left to be inherited. Each takes a task (a few
items) at a time and sends back each item's result as it is done, so the parent always
knows which item a worker was on. A worker that dies loses only that item: it is tried
again alone, and given up (``died``) only if it kills its process again; the worker's other
items go to the others. Workers end when their parent does, however it ends, and an
interrupted parent stops and waits for every worker.
"""

from __future__ import annotations

import _thread
import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

TERMINATING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGBREAK")
                    if hasattr(signal, name))
"""Signals that end a program when nobody handles them: each is handled as Ctrl+C."""
GRACE_SECONDS = 5.0
"""How long a worker told to stop (or whose parent died) has to undo what it was writing."""
WATCH_SECONDS = 1.0
"""How often a worker looks whether its parent is still there."""


def _as_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def terminating_as_interrupt() -> Iterator[None]:
    """SIGTERM, SIGHUP (and Windows' Ctrl+Break) raise :class:`KeyboardInterrupt` for the
    ``with`` block, as Ctrl+C does; the handlers before are put back after. Outside the
    main thread (where signals cannot be handled) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {number: signal.signal(number, _as_interrupt) for number in TERMINATING}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def start_method() -> str:
    """The system's own way of starting workers: fork on Linux (they start with the parent's
    loaded data), spawn on Windows and macOS (where fork is unsafe); the code is the same for
    every way."""
    return multiprocessing.get_context().get_start_method()


@dataclass
class _Worker:
    """A worker process, the pipe to it, and the items of its task not yet done."""

    process: BaseProcess
    connection: Connection
    pending: list[int] = field(default_factory=list)
    alone: bool = False
    """Whether its task is one item tried again alone after a worker died on it."""


@dataclass
class _Batch(Generic[Item, Result]):
    """The run of :func:`run_tasks`: what is left to give out and what has come back."""

    items: Sequence[Item]
    queue: deque[tuple[list[int], bool]]
    done: Callable[[Result], object]
    died: Callable[[Item, int | None], Result]
    results: dict[int, Result] = field(default_factory=dict)

    def record(self, index: int, result: Result) -> None:
        self.results[index] = result
        self.done(result)

    def lost(self, worker: _Worker) -> None:
        """A worker died on ``pending[0]``: tried again alone, or given up if it was."""
        first, rest = worker.pending[0], worker.pending[1:]
        if rest:
            self.queue.appendleft((rest, False))
        if worker.alone:
            self.record(first, self.died(self.items[first], worker.process.exitcode))
        else:
            self.queue.append(([first], True))
        worker.pending = []


def run_tasks(items: Sequence[Item], work: Callable[[Item], Result], jobs: int, chunk: int,
              *, warm: Callable[[], object], died: Callable[[Item, int | None], Result],
              done: Callable[[Result], object] = lambda result: None,
              method: str | None = None) -> list[Result]:
    """``work`` of every item on ``jobs`` worker processes, ``chunk`` items a task; results
    in the order of ``items``, each also given to ``done`` as it comes. ``warm`` runs once
    in each worker first. ``work``, ``warm`` and the items must be picklable (functions of
    a module, or :func:`functools.partial` of them): spawned workers get them that way."""
    context = multiprocessing.get_context(method or start_method())
    indexes = list(range(len(items)))
    batch: _Batch[Item, Result] = _Batch(items, deque(
        (indexes[i:i + chunk], False) for i in range(0, len(indexes), chunk)), done, died)
    workers: list[_Worker] = []
    try:
        while batch.queue or any(w.pending for w in workers):
            idle = sum(not w.pending for w in workers)
            for _ in range(min(jobs - len(workers), len(batch.queue) - idle)):
                workers.append(_start(context, warm, work))
            for worker in [w for w in workers if not w.pending]:
                if not batch.queue:  # more idle workers than tasks left: the rest wait
                    break
                if not _give(worker, batch):
                    workers.remove(worker)
                    _end(worker, 0)
            busy = [w for w in workers if w.pending]
            wait([w.connection for w in busy] + [w.process.sentinel for w in busy])
            for worker in busy:
                if not _collect(worker, batch):
                    workers.remove(worker)
                    _end(worker, 0)
    except BaseException:
        for worker in workers:
            worker.process.terminate()  # SIGTERM: what it was writing is put back
        for worker in workers:
            _end(worker, GRACE_SECONDS)
        raise
    for worker in workers:
        with contextlib.suppress(OSError):
            worker.connection.send(None)
        _end(worker, GRACE_SECONDS)
    return [batch.results[i] for i in indexes]


def _start(context: Any, warm: Callable[[], object], work: Callable[[Any], Any]) -> _Worker:
    mine, theirs = context.Pipe()
    process = context.Process(target=_serve, args=(theirs, warm, work), daemon=True,
                              name="kehoach-worker")
    process.start()
    theirs.close()  # the worker's end: the pipe ends when the worker does
    return _Worker(process, mine)


def _give(worker: _Worker, batch: _Batch[Any, Any]) -> bool:
    """The next task sent to an idle worker; ``False`` if it is gone (died idle, or as it
    started: its task then counts as lost by it, so a worker that cannot start at all
    cannot keep the batch going round)."""
    worker.pending, worker.alone = batch.queue.popleft()
    try:
        worker.connection.send([batch.items[i] for i in worker.pending])
    except OSError:
        worker.process.join(GRACE_SECONDS)
        batch.lost(worker)
        return False
    return True


def _collect(worker: _Worker, batch: _Batch[Any, Any]) -> bool:
    """The results a worker has sent; ``False`` when it has died (its lost item handled)."""
    try:
        while worker.pending and worker.connection.poll():
            result = worker.connection.recv()
            batch.record(worker.pending.pop(0), result)
    except (EOFError, OSError):  # its end of the pipe closed: it is ending, wait for it
        worker.process.join(GRACE_SECONDS)
    alive = worker.process.is_alive()  # asked once: it may die between two questions
    if worker.pending and not alive:
        batch.lost(worker)
    return alive


def _end(worker: _Worker, patience: float) -> None:
    """The worker waited for (``patience`` seconds at most), then killed if still there."""
    worker.process.join(patience)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join()
    worker.connection.close()


def _serve(connection: Connection, warm: Callable[[], object],
           work: Callable[[Any], Any]) -> None:
    """A worker's life: ready itself, then do task after task until told to stop (``None``),
    interrupted, or left alone by its parent."""
    _end_with_parent()
    for number in TERMINATING:
        signal.signal(number, _as_interrupt)
    try:
        warm()
        while (task := connection.recv()) is not None:
            for item in task:
                connection.send(work(item))
    except (KeyboardInterrupt, EOFError, BrokenPipeError):
        pass  # stopped: what it was writing is already put back
    finally:
        connection.close()


def _end_with_parent() -> None:
    """A thread that ends this worker when its parent is gone (killed, even by SIGKILL):
    the parent's sentinel says so (a pipe on POSIX, a process handle on Windows), and on
    POSIX also a new parent process id (the sentinel of a forked worker can be held open
    by its siblings). The worker is interrupted as by Ctrl+C, so what it was writing is put
    back, and ends at the latest :data:`GRACE_SECONDS` later."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel, first = parent.sentinel, os.getppid()

    def watch() -> None:
        while not wait([sentinel], WATCH_SECONDS):
            if sys.platform != "win32" and os.getppid() != first:
                break
        _interrupt_main()
        time.sleep(GRACE_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="kehoach-parent-watch").start()


def _interrupt_main() -> None:
    """Ctrl+C for the main thread, even while it waits in a blocking read: an idle worker
    waits for its next task on a pipe that its forked siblings still hold open, so no end
    of file comes, and :func:`_thread.interrupt_main` alone only takes effect once the read
    returns (the worker then lived out its whole grace). On POSIX, SIGTERM sent to the
    main thread breaks the read and its handler raises :class:`KeyboardInterrupt`."""
    if hasattr(signal, "pthread_kill"):
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGTERM)
    else:
        _thread.interrupt_main()

"""Run a batch's documents: in this process, or in a pool of worker processes.

Rule checks are CPU-bound Python, so threads would not help: documents go to a
``ProcessPoolExecutor`` sized to the machine. Workers ignore SIGINT, so Ctrl-C
reaches only this process, which stops handing out documents, lets the ones in
flight finish and returns what finished.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from types import FrameType, TracebackType

from prereview.batch import gctune
from prereview.batch.board import Row
from prereview.batch.discover import Item
from prereview.batch.worker import Options, is_cached, review_one

OnRow = Callable[[Row], None]
FINISH_TIMEOUT = 30.0
"""Seconds to let documents already in a worker finish after Ctrl-C."""


def default_workers() -> int:
    """The CPUs this process may use (cgroup/affinity aware where the OS says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _start_worker() -> None:
    """Each worker process: Ctrl-C is the parent's to handle (it lets the
    documents in flight finish), and the collector tuned for reviewing."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gctune.tune()


def _ready() -> None:
    """Nothing: submitted once per worker by ``DocumentPool.start`` (the pool
    starts a process for each task it cannot give an idle one)."""


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where available: a fork of a clean server that has already
    imported the engine and the history store and loaded the rubrics
    (``prereview.batch.preload``), so no worker pays for that itself (cheap, and
    safe when the parent runs threads, as Prefect does); spawn elsewhere."""
    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["prereview.batch.worker", "prereview.batch.preload"])
        return ctx
    return multiprocessing.get_context("spawn")


@dataclass
class Outcome:
    rows: list[Row] = field(default_factory=list)
    interrupted: bool = False
    not_reviewed: int = 0


def _size(item: Item) -> int:
    try:
        return os.path.getsize(item.path)
    except OSError:
        return 0


def largest_first(items: Sequence[Item]) -> list[Item]:
    """The order documents are handed to the workers: the longest first (by
    bytes), so the last ones to finish are short and no worker idles long at
    the end while another reviews a long document (the corpus's longest is
    eight times its median)."""
    return sorted(items, key=_size, reverse=True)


def _crashed(item: Item, exc: BaseException) -> Row:
    return Row(path=item.rel, file=item.path, status="error",
               error=f"worker process failed: {type(exc).__name__}: {exc}"[:300])


class DocumentPool:
    """A pool of ``workers`` processes (none for 1: documents run in this process),
    shared by every group of a batch; a context manager."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._futures: set[Future[Row]] = set()
        self._starter: threading.Thread | None = None

    def _executor(self) -> ProcessPoolExecutor:
        """The worker processes, started on first need (a re-run over unchanged
        documents never needs them)."""
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=self.workers,
                                                 mp_context=_context(),
                                                 initializer=_start_worker)
            return self._pool

    def start(self) -> None:
        """Start the worker processes now, in the background, instead of at the
        first document: the flow path starts them while Prefect's temporary
        server boots and Prefect is imported (starting the forkserver blocks
        until it has imported the engine). Nothing for one worker (its
        documents are reviewed in this process)."""
        if self.workers == 1 or self._stop.is_set() or self._starter is not None:
            return
        self._starter = threading.Thread(target=self._spawn, name="prereview-pool-start",
                                         daemon=True)
        self._starter.start()

    def _spawn(self) -> None:
        with contextlib.suppress(Exception):  # a pool that cannot start fails its first review
            pool = self._executor()
            for _ in range(self.workers):
                pool.submit(_ready)

    def __enter__(self) -> DocumentPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close(cancel=kind is not None)

    def stop(self) -> None:
        """Hand out no more documents (Ctrl-C from another thread, as in the flow):
        groups under way return what finished."""
        self._stop.set()
        with self._lock:
            for future in self._futures:
                future.cancel()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def close(self, cancel: bool = False) -> None:
        if self._starter is not None:
            self._starter.join()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)
            self._pool = None

    def review(self, items: Sequence[Item], options: Options,
               on_row: OnRow | None = None) -> Outcome:
        """Review ``items``; ``on_row`` is called (in this process, in completion
        order) as each finishes. Ctrl-C returns what finished, marked interrupted."""
        if self.workers == 1:
            with _sigint_stops(self._stop), gctune.tuned():
                return _sequential(items, options, on_row, self._stop)
        outcome = Outcome()
        futures: dict[Future[Row], Item] = {}
        seen: set[Future[Row]] = set()
        with _sigint_stops(self._stop):
            try:
                # reused reviews are cheaper here than a trip to a worker
                hits = [is_cached(item, options) for item in items]
                misses = [item for item, hit in zip(items, hits, strict=True) if not hit]
                if misses and not self._stop.is_set():
                    pool = self._executor()
                    with self._lock:
                        if not self._stop.is_set():
                            for item in largest_first(misses):
                                futures[pool.submit(review_one, item, options)] = item
                            self._futures.update(futures)
                for item, hit in zip(items, hits, strict=True):
                    if self._stop.is_set():
                        break
                    if hit:
                        outcome.rows.append(review_one(item, options))
                        if on_row is not None:
                            on_row(outcome.rows[-1])
                if not self._stop.is_set():
                    for future in as_completed(futures):
                        seen.add(future)
                        if not future.cancelled():
                            outcome.rows.append(_result(future, futures[future]))
                            if on_row is not None:
                                on_row(outcome.rows[-1])
                        if self._stop.is_set():
                            break
                if self._stop.is_set():
                    _finish_running(futures, seen, outcome)
                outcome.interrupted = self._stop.is_set()
            except KeyboardInterrupt:
                outcome.interrupted = True
                _finish_running(futures, seen, outcome)
        outcome.not_reviewed = len(items) - len(outcome.rows)
        return outcome


@contextlib.contextmanager
def _sigint_stops(stop: threading.Event) -> Iterator[None]:
    """On the main thread (the in-process batch), the first Ctrl-C only sets
    ``stop``: the loop above sees it after the next document and returns what
    finished. A KeyboardInterrupt raised wherever the main thread happened to be
    could land in the executor's bookkeeping or in a finaliser, which swallows
    it (the batch then ran to the end and exited 0). A second Ctrl-C raises as
    usual. Elsewhere (a flow's task thread) nothing changes."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _finish_running(futures: dict[Future[Row], Item], seen: set[Future[Row]],
                    outcome: Outcome) -> None:
    """Cancel what has not started; the documents already in a worker finish (a
    second or so, at most FINISH_TIMEOUT): keep them."""
    for future in futures:
        future.cancel()
    running = [f for f in futures if f not in seen and not f.cancelled()]
    wait(running, timeout=FINISH_TIMEOUT)
    for future in running:
        if future.done() and not future.cancelled():
            outcome.rows.append(_result(future, futures[future]))


def answer_reused(items: Sequence[Item], options: Options,
                  ) -> tuple[list[Row], list[Item], bool]:
    """Answer the documents whose review is in the result cache here, in the
    caller (a cache read: no worker, no Prefect task): their ``reused`` rows, the
    documents still to review, and whether Ctrl-C stopped the look-up (then
    nothing is left to review: the board is of what was answered)."""
    rows: list[Row] = []
    todo: list[Item] = []
    try:
        for item in items:
            if is_cached(item, options):
                rows.append(review_one(item, options))
            else:
                todo.append(item)
    except KeyboardInterrupt:
        return rows, [], True
    return rows, todo, False


def _result(future: Future[Row], item: Item) -> Row:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        return _crashed(item, exc)
    except Exception as exc:  # pickling trouble, a worker killed by the OS
        return _crashed(item, exc)


def _sequential(items: Sequence[Item], options: Options, on_row: OnRow | None,
                stop: threading.Event | None = None) -> Outcome:
    outcome = Outcome()
    try:
        for item in items:
            if stop is not None and stop.is_set():
                outcome.interrupted = True
                outcome.not_reviewed = len(items) - len(outcome.rows)
                break
            outcome.rows.append(review_one(item, options))
            if on_row is not None:
                on_row(outcome.rows[-1])
        if stop is not None and stop.is_set():  # Ctrl-C during the last document
            outcome.interrupted = True
    except KeyboardInterrupt:
        outcome.interrupted = True
        outcome.not_reviewed = len(items) - len(outcome.rows)
    return outcome

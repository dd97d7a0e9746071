"""The ``review_batch`` flow: many documents, one readiness board.

Tasks are coarse (one ``review-group`` task per group of documents: one per
worker locally, a few per Dask worker), so 500 documents cost a handful of task
runs, not thousands: the
temporary server's SQLite database stays idle enough never to lock. Locally the
groups run on a thread pool and each hands its documents to one shared process
pool (rule checks are CPU-bound); with a Dask address the groups run on the
cluster's workers through prefect-dask, each reviewing its documents in the
worker's process. The board goes out as a table and a Markdown artifact, and a
progress artifact follows the documents as they finish.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any
from uuid import UUID

from prefect import flow, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from prereview.batch import (
    Board,
    DocumentPool,
    Item,
    Options,
    Progress,
    Row,
    UsageError,
    build_board,
    default_workers,
    discover,
)
from prereview.batch.render import change_text, render_board_markdown, verdict_text
from prereview.batch.runner import Outcome, answer_reused
from prereview.batch.worker import prepared
from prereview.reviewer import load_settings
from prereview_flows.team import (
    SHARED_FORMATS,
    finish_batch,
    materialized_batch,
    run_folder,
    shared_reports_dir,
)

BOARD_KEY = "review-batch-board"
PROGRESS_KEY = "review-batch-progress"
MAX_GROUP = 50
MAX_LOCAL_GROUP = 250
_UPDATE_EVERY = 3.0
"""Seconds between progress artifact updates (each one is an API call the
server answers; the last one is always sent)."""


class _Tracker:
    """Counts finished documents for the Rich bar and the progress artifact (at
    most one artifact update every _UPDATE_EVERY seconds, and the last, from
    whichever thread finishes one)."""

    def __init__(self, total: int, bar: Progress, artifact_id: UUID | None) -> None:
        self.total, self.bar, self.artifact_id = total, bar, artifact_id
        self.done = 0
        self._lock = threading.Lock()
        self._last = 0.0

    def advance(self, row: Row) -> None:
        with self._lock:
            self.done += 1
            self.bar.advance(row)
            now = time.monotonic()
            due = now - self._last >= _UPDATE_EVERY or self.done == self.total
            if due:
                self._last = now
        if due:
            self.publish()

    def publish(self) -> None:
        if self.artifact_id is None:
            return
        with contextlib.suppress(Exception):  # progress is a courtesy, never a failure
            update_progress_artifact(self.artifact_id, 100.0 * self.done / max(1, self.total),
                                     description=f"{self.done} of {self.total} documents")


_POOL: DocumentPool | None = None
"""The flow's shared process pool (only in the flow's own process; a Dask worker
sees None and reviews in its own process)."""
_TRACKER: _Tracker | None = None
_OFFERED: DocumentPool | None = None
"""A pool started before the flow run (``offer_pool``), for the next local batch."""


def offer_pool(pool: DocumentPool) -> None:
    """Hand the next local batch a process pool started before its flow run (the
    CLI starts the workers while Prefect's temporary server boots); a batch that
    needs another number of workers closes it and starts its own."""
    global _OFFERED
    _OFFERED = pool


def _local_pool(count: int) -> DocumentPool:
    global _OFFERED
    offered, _OFFERED = _OFFERED, None
    if offered is not None:
        if offered.workers == count and not offered.stopped:
            return offered
        offered.close()
    return DocumentPool(count)


@task(name="review-group", cache_policy=NO_CACHE)
def review_group(items: list[Item], options: Options) -> Outcome:
    """Review a group of documents; each finished one is counted at once."""
    tracker = _TRACKER
    on_row = tracker.advance if tracker is not None else None
    if _POOL is not None:
        return _POOL.review(items, options, on_row)
    with DocumentPool(1) as pool:
        return pool.review(items, options, on_row)


def group_size(count: int, workers: int) -> int:
    """On a Dask cluster, about four groups per worker (each group is a worker's
    unit of work there, so a slow group must not leave the others idle at the
    end), at most MAX_GROUP documents each."""
    return max(1, min(MAX_GROUP, math.ceil(count / (workers * 4))))


def local_group_size(count: int, workers: int) -> int:
    """On this machine every group feeds the one shared process pool, so a slow
    group leaves no worker idle: one group per worker (each task run costs the
    temporary server CPU the workers need), at most MAX_LOCAL_GROUP documents."""
    return max(1, min(MAX_LOCAL_GROUP, math.ceil(count / workers)))


def board_table(board: Board) -> list[dict[str, Any]]:
    return [
        {
            "document": row.path, "title": row.title or "", "type": row.type or "",
            "rubric": row.rubric or "", "score": row.score if row.score is not None else "",
            "verdict": verdict_text(row), "status": row.status,
            "blockers": ", ".join(row.blockers), "top actions": " | ".join(row.actions),
            "words": row.words if row.words is not None else "", "change": change_text(row),
            "error": row.error or "",
        }
        for row in board.rows
    ]


@task(name="publish-board", cache_policy=NO_CACHE)
def publish(board: Board) -> None:
    """The board as a table artifact and a Markdown artifact (one key each, so the
    UI keeps every batch's version)."""
    description = f"{len(board.rows)} documents: " + ", ".join(
        f"{v} {k}" for k, v in board.totals.items() if k in ("not-ready", "needs-work",
                                                               "ready", "error"))
    create_table_artifact(table=board_table(board), key=BOARD_KEY, description=description)
    create_markdown_artifact(markdown=render_board_markdown(board), key=f"{BOARD_KEY}-md",
                             description=description)


def _api_for_workers() -> contextlib.AbstractContextManager[Any]:
    """Dask workers are other processes: with no API URL configured each would
    start a temporary server of its own (and record its task runs there). Hand
    them this run's temporary server instead, through the settings Prefect
    serialises with each submitted task."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        return contextlib.nullcontext()
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    if not server.running:
        return contextlib.nullcontext()
    return temporary_settings(updates={PREFECT_API_URL: server.api_url})


def _dask_runner(address: str) -> Any:
    from prefect_dask.task_runners import DaskTaskRunner

    return DaskTaskRunner(address=address)


@flow(name="review-batch", log_prints=False, validate_parameters=False)
def review_batch(
    paths: Sequence[str] = (),
    rubric: str | None = None,
    out_dir: str | None = None,
    formats: Sequence[str] | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    workers: int | None = None,
    dask_address: str | None = None,
    use_cache: bool = True,
    only_wb: bool = False,
    concise: bool = False,
    llm: bool = False,
    model: str | None = None,
    artifact: bool = True,
    progress: bool = False,
    documents: Sequence[dict[str, str]] | None = None,
    force: bool = False,
    history: bool = True,
) -> Board:
    """Review every document the paths name and return the readiness board.
    ``dask_address`` (``tcp://host:port``) runs the groups on that Dask cluster;
    without it nothing Dask-related is imported. ``documents`` (from
    ``prereview submit``: ``{"name", "content"}`` with base64 bytes) are reviewed
    instead of paths, in a temp folder of the worker's; their reports go to
    ``out_dir`` or the shared folder (see ``prereview_flows.team``)."""
    args = (rubric, formats, include, exclude, workers, dask_address, use_cache, only_wb,
            concise, llm, model, artifact, progress)
    if not documents:
        board = _review(list(paths), out_dir, *args, force=force, history=history)
        finish_batch(board, None, artifact)
        return board
    target = out_dir or (str(d) if (d := shared_reports_dir()) is not None else None)
    if target is not None and formats is None:  # each row links its review page
        args = (rubric, SHARED_FORMATS, *args[2:])
    with run_folder() as root:
        doc_ids = materialized_batch(documents, root)
        board = _review([str(root)], target, *args, doc_ids=doc_ids, force=force,
                        history=history)
    finish_batch(board, target, artifact)
    return board


def _review(
    paths: list[str], out_dir: str | None, rubric: str | None, formats: Sequence[str] | None,
    include: Sequence[str], exclude: Sequence[str], workers: int | None,
    dask_address: str | None, use_cache: bool, only_wb: bool, concise: bool, llm: bool,
    model: str | None, artifact: bool, progress: bool, doc_ids: dict[str, str] | None = None,
    force: bool = False, history: bool = True,
) -> Board:
    """The batch itself (the flow's body), over paths on this machine."""
    global _POOL, _TRACKER
    started = time.perf_counter()
    found = discover(list(paths), list(include), list(exclude), out_dir)
    if not found.items:
        raise UsageError(f"no reviewable file in {', '.join(paths)}")
    options = prepared(Options(
        rubric=rubric, out_dir=out_dir, formats=tuple(formats or ("md", "json")),
        use_cache=use_cache, only_wb=only_wb, concise=concise, force=force,
        record_history=history, llm=load_settings(model=model) if llm else None,
        doc_ids=tuple(sorted((doc_ids or {}).items())),
    ))
    items = found.items
    # unchanged documents are answered from the result cache here, before any
    # task exists: a re-run over them creates no task run (their rows say reused)
    reused, todo, interrupted = answer_reused(items, options)
    count = max(1, min(workers or default_workers(), len(todo)))
    size = (group_size if dask_address else local_group_size)(len(todo), count)
    groups = [todo[i:i + size] for i in range(0, len(todo), size)]
    artifact_id: UUID | None = None
    if artifact:
        created = create_progress_artifact(0.0, key=PROGRESS_KEY,
                                           description=f"0 of {len(items)} documents")
        artifact_id = created if isinstance(created, UUID) else None
    outcomes: list[Outcome] = [Outcome(rows=reused)]
    with Progress(len(items), force=progress) as bar:
        tracker = _Tracker(len(items), bar, artifact_id)
        for row in reused:
            tracker.advance(row)
        if dask_address and groups:
            runner: Any = _dask_runner(dask_address)
            pool = None
        else:
            runner = ThreadPoolTaskRunner(max_workers=max(1, min(count, len(groups))))
            pool = _local_pool(count)
            _POOL, _TRACKER = pool, tracker
        try:
            with runner:
                with _api_for_workers() if dask_address else contextlib.nullcontext():
                    futures = [runner.submit(review_group, {"items": g, "options": options})
                               for g in groups]
                collected: set[int] = set()
                try:
                    for future in as_completed(futures):
                        collected.add(id(future))
                        outcome = future.result()
                        outcomes.append(outcome)
                        if pool is None:
                            for row in outcome.rows:
                                tracker.advance(row)
                except KeyboardInterrupt:
                    interrupted = True
                    if pool is not None:
                        pool.stop()  # groups under way return what finished
                    for future in futures:
                        if id(future) in collected:
                            continue
                        with contextlib.suppress(Exception):
                            outcomes.append(future.result(timeout=60))
        finally:
            _POOL, _TRACKER = None, None
            if pool is not None:
                pool.close(cancel=True)
    tracker.publish()
    rows = [r for o in outcomes for r in o.rows]
    reviewed = {r.file for r in rows}
    board = build_board(
        [r for r in rows if r.status != "skipped"], rubric=rubric,
        skipped=[p for p, _ in found.skipped] + [r.path for r in rows if r.status == "skipped"],
        interrupted=interrupted or any(o.interrupted for o in outcomes),
        not_reviewed=len([i for i in items if i.path not in reviewed]),
        elapsed=time.perf_counter() - started, out_dir=out_dir,
    )
    if artifact:
        publish(board)
    return board


@contextlib.contextmanager
def batch_run_settings() -> Iterator[None]:
    """For a batch from the CLI: no flow heartbeat (the start-up timeout and the
    one-at-a-time server start are ``prereview_flows.ephemeral``'s)."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield

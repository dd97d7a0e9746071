"""Batch review: many documents, one readiness board.

``run_batch`` is the engine entry (no Prefect): discover the files, review each
in a process pool (reusing cached reviews of unchanged documents), and build
the board; the ``review_batch`` flow runs the same pieces as coarse tasks.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from prereview.batch.board import SCHEMA, Board, Row, build_board, gate_failed
from prereview.batch.discover import Discovery, Item, UsageError, discover
from prereview.batch.progress import Progress
from prereview.batch.render import render_board, write_board
from prereview.batch.runner import DocumentPool, OnRow, default_workers
from prereview.batch.worker import Options, prepared, review_one

__all__ = [
    "SCHEMA",
    "Board",
    "Discovery",
    "DocumentPool",
    "Item",
    "Options",
    "Progress",
    "Row",
    "UsageError",
    "build_board",
    "default_workers",
    "discover",
    "gate_failed",
    "render_board",
    "review_items",
    "review_one",
    "run_batch",
    "write_board",
]


def review_items(
    discovery: Discovery, options: Options, workers: int | None = None,
    on_row: OnRow | None = None,
) -> Board:
    """Review every discovered document and build the board (Ctrl-C: the board
    of what finished, marked interrupted)."""
    started = time.perf_counter()
    options = prepared(options)
    items = discovery.items
    count = min(workers or default_workers(), max(1, len(items)))
    with DocumentPool(count) as pool:
        outcome = pool.review(items, options, on_row)
    skipped = [p for p, _ in discovery.skipped]
    skipped += [r.path for r in outcome.rows if r.status == "skipped"]
    return build_board(
        [r for r in outcome.rows if r.status != "skipped"], rubric=options.rubric,
        skipped=skipped, interrupted=outcome.interrupted, not_reviewed=outcome.not_reviewed,
        elapsed=time.perf_counter() - started, out_dir=options.out_dir,
    )


def run_batch(
    paths: Sequence[str], options: Options | None = None, workers: int | None = None,
    include: Sequence[str] = (), exclude: Sequence[str] = (), progress: bool = False,
) -> Board:
    """Discover and review: the whole batch without orchestration."""
    options = options or Options()
    found = discover(paths, include, exclude, options.out_dir)
    if not found.items:
        raise UsageError(f"no reviewable file in {', '.join(paths)}")
    with Progress(len(found.items), force=progress) as bar:
        return review_items(found, options, workers, bar.advance)

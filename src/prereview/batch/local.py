"""The batch on this machine without orchestration: discover, review in the
process pool (its workers booting while this process reads the files and the
rubrics), build the board."""

from __future__ import annotations

import time
from collections.abc import Sequence

from prereview.batch import cache
from prereview.batch.board import Board, build_board
from prereview.batch.discover import Discovery, Item, UsageError, discover
from prereview.batch.progress import Progress
from prereview.batch.runner import DocumentPool, OnRow, default_workers
from prereview.batch.worker import Options, prepared


def likely_to_review(items: Sequence[Item], options: Options) -> bool:
    """Whether some document will surely need a review, known before hashing any
    file or loading a rubric: the cache is off, or holds fewer reviews than there
    are documents. Then the workers are started at once; otherwise (a re-run)
    only when a document turns out to have changed, so an all-unchanged batch
    never starts them."""
    return not options.use_cache or cache.entry_count(limit=len(items)) < len(items)


def review_items(
    discovery: Discovery, options: Options, workers: int | None = None,
    on_row: OnRow | None = None,
) -> Board:
    """Review every discovered document and build the board (Ctrl-C: the board
    of what finished, marked interrupted)."""
    started = time.perf_counter()
    items = discovery.items
    count = min(workers or default_workers(), max(1, len(items)))
    with DocumentPool(count) as pool:
        if likely_to_review(items, options):
            pool.start()  # the forkserver imports the engine while we load the rubrics
        options = prepared(options)
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

"""A re-run over unchanged documents, answered without orchestration.

When every document of a batch has a cached review of the same bytes, rubric
versions and prereview version, there is nothing to run: the flow path would
only start Prefect's temporary server (seconds of start-up and shutdown) to
record a run nobody can look at afterwards, since that server goes away with
the command. ``answer_all_reused`` answers such a batch here, from the result
cache, and returns None as soon as one document needs a review (the caller
then runs the batch as usual). The CLI calls it only when no Prefect API is
configured; with one, the run still goes through the flow so it shows there.
"""

from __future__ import annotations

import time

from prereview.batch.board import Board, Row, build_board
from prereview.batch.discover import Discovery, Item
from prereview.batch.progress import Progress
from prereview.batch.worker import Options, _not_a_document_name, is_cached, prepared, review_one


def _answerable(item: Item, options: Options) -> bool:
    """Its row needs no review: a cached review, or (``--only-wb``) a file name
    that is never a Working-Backwards document (skipped before any reading)."""
    return (options.only_wb and _not_a_document_name(item.path)) or is_cached(item, options)


def answer_all_reused(found: Discovery, options: Options) -> Board | None:
    """The board of a batch whose every document is answered from the result
    cache (every row ``reused``, or skipped as before), or None when at least one
    document must be reviewed (or there is none, or the cache is off)."""
    started = time.perf_counter()
    if not options.use_cache or not found.items:
        return None
    options = prepared(options)
    if not all(_answerable(item, options) for item in found.items):
        return None
    rows: list[Row] = []
    interrupted = False
    with Progress(len(found.items)) as bar:
        try:
            for item in found.items:
                # reused, or skipped; reviewed here only if its cache entry went
                # away between the look above and this read
                rows.append(review_one(item, options))
                bar.advance(rows[-1])
        except KeyboardInterrupt:
            interrupted = True
    reviewed = {r.file for r in rows}
    return build_board(
        [r for r in rows if r.status != "skipped"], rubric=options.rubric,
        skipped=[p for p, _ in found.skipped] + [r.path for r in rows if r.status == "skipped"],
        interrupted=interrupted,
        not_reviewed=len([i for i in found.items if i.path not in reviewed]),
        elapsed=time.perf_counter() - started, out_dir=options.out_dir,
    )

"""The collector's tuning for batch processes: workers tuned for life, the
in-process batch only while it reviews, and the same board either way."""

from __future__ import annotations

import gc
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from prereview.batch import Options, gctune, run_batch
from prereview.batch import runner as batch_runner
from prereview.engine import review_path

from .conftest import GOOD


def _gc_state() -> tuple[tuple[int, ...], int]:
    return gc.get_threshold(), gc.get_freeze_count()


def test_tuned_restores_thresholds_and_unfreezes() -> None:
    before = gc.get_threshold()
    with gctune.tuned():
        assert gc.get_threshold() == gctune.THRESHOLDS
        assert gc.get_freeze_count() > 1000  # the imports' objects
        with gctune.tuned():  # nested: still tuned, and the inner exit changes nothing
            pass
        assert gc.get_threshold() == gctune.THRESHOLDS
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_concurrent_uses_share_one_tuning() -> None:
    """Two groups on the threads of one process: the one finishing first must
    not untune the other, and the last one restores."""
    before = gc.get_threshold()
    first_in, release = threading.Event(), threading.Event()
    seen: list[tuple[int, ...]] = []

    def group() -> None:
        with gctune.tuned():
            first_in.set()
            release.wait(5)
            seen.append(gc.get_threshold())

    other = threading.Thread(target=group)
    other.start()
    first_in.wait(5)
    with gctune.tuned():
        pass
    assert gc.get_threshold() == gctune.THRESHOLDS  # the other group is still under way
    release.set()
    other.join(5)
    assert seen == [gctune.THRESHOLDS]
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_pool_workers_are_tuned() -> None:
    with ProcessPoolExecutor(1, mp_context=batch_runner._context(),
                             initializer=batch_runner._start_worker) as pool:
        thresholds, frozen = pool.submit(_gc_state).result(timeout=120)
    assert thresholds == gctune.THRESHOLDS
    assert frozen > 1000


def test_in_process_batch_same_board_and_gc_restored(meeting: Path) -> None:
    before = gc.get_threshold()
    board = run_batch([str(meeting)], Options(use_cache=False, record_history=False),
                      workers=1)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    by_path = {r.path: r for r in board.rows}
    for rel in GOOD:
        expected = review_path(meeting / rel)
        assert (by_path[rel].score, by_path[rel].verdict) == (expected.score, expected.verdict)

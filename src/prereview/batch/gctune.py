"""The garbage collector's settings for a process that reviews many documents.

Reviewing a document allocates hundreds of thousands of short-lived objects
(tokens, blocks, matches), so with Python's default thresholds the collector
runs about ten times a document, and each older-generation pass walks every
object the imports left behind (about 90,000: the rubrics, pydantic's schemas,
SQLAlchemy). Measured on the corpus that was 10-11 ms of a 70-85 ms document
(12-16%). Freezing what exists after start-up (``gc.freeze``: those objects
live as long as the process anyway) and collecting the youngest generation
every 20,000 allocations instead of 700 brings it to about 2-3 ms. Nothing a
review decides depends on it: only when cyclic garbage is freed.

A batch's worker processes are tuned for their whole life (``tune``); the
process that reviews a batch's documents itself (one worker, the flow's own
process) only while it does (``tuned``).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (20_000, 20, 20)
"""Allocations before a young collection, and young (then middle) collections
before the next generation's: fewer, not larger, passes (a young pass only
walks the objects allocated since the last one)."""


def tune() -> None:
    """For a process that does nothing but review documents from now on."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)


_lock = threading.Lock()
_depth = 0
_previous: tuple[int, ...] = ()


@contextmanager
def tuned() -> Iterator[None]:
    """``tune`` for the documents of one batch, then the previous thresholds and
    the frozen objects given back to the collector. Nested or concurrent uses
    (groups of a flow on the threads of one Dask worker) share one tuning: the
    last to finish restores."""
    global _depth, _previous
    with _lock:
        if _depth == 0:
            _previous = gc.get_threshold()
            tune()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.set_threshold(*_previous)
                gc.unfreeze()

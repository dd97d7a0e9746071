"""The flow path's pool started before the flow run: as many workers as the flow
will use for the documents without a cached review, none when it reviews in its
own process."""

from __future__ import annotations

from pathlib import Path

from prereview.batch import Options, default_workers, discover, run_batch
from prereview.batch.cli import _started_pool


def test_sized_like_the_flows_pool(meeting: Path) -> None:
    found = discover([str(meeting)])
    pool = _started_pool(found, Options(), workers=3)
    assert pool is not None
    try:
        assert pool.workers == 3  # six documents, none cached yet
    finally:
        pool.close()
    assert pool._pool is None


def test_none_for_one_worker_or_one_document_to_review(meeting: Path) -> None:
    found = discover([str(meeting)])
    assert _started_pool(found, Options(), workers=1) is None
    run_batch([str(meeting)], Options(), workers=1)  # every good document cached now
    (meeting / "design.md").write_text("# Design\n\nChanged.\n", encoding="utf-8")
    # the changed document and the two broken ones (never cached) are left
    pool = _started_pool(discover([str(meeting)]), Options(), workers=8)
    assert pool is not None and pool.workers == 3
    pool.close()
    pool = _started_pool(discover([str(meeting)]), Options(), workers=None)
    expected = min(default_workers(), 3)  # the machine's CPUs by default
    assert (pool.workers if pool is not None else 1) == expected
    if pool is not None:
        pool.close()

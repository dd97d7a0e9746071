"""Several processes recording at once into one store: no "database is locked",
no lost or duplicated rows, exact counts after running the batch twice; and a
crash inside the recording transaction leaves nothing half-written."""

from __future__ import annotations

import importlib
import multiprocessing
from collections.abc import Callable
from pathlib import Path

import pytest

from prereview import engine
from prereview.history import Tracking
from prereview.history.store import dispose_engines

DOCS = 8
WORKERS = 4


def _review(args: tuple[str, str]) -> tuple[int, int]:
    """One worker's review: (findings, revision number)."""
    path, url = args
    run = engine.run(path, "style", tracking=Tracking(url=url))
    assert run.review.history is not None
    return len(run.review.findings), run.review.history.revision


def _documents(folder: Path) -> list[str]:
    paths = []
    for i in range(DOCS):
        path = folder / f"doc{i}.md"
        path.write_text(
            f"# Draft {i}\n\nThis is very much a draft number {i}, maybe TBD.\n\n"
            + "It is clearly quite good. " * (i % 4 + 1) + "\n",
            encoding="utf-8")
        paths.append(str(path))
    return paths


def test_parallel_writers_lose_nothing(
    store_url: str, tmp_path: Path, rows: Callable[[str], dict[str, int]],
) -> None:
    paths = _documents(tmp_path)
    dispose_engines()  # children open their own connections
    ctx = multiprocessing.get_context("fork")
    jobs = [(p, store_url) for p in paths] * 2  # every document twice, concurrently
    with ctx.Pool(WORKERS) as pool:
        results = pool.map(_review, jobs, chunksize=1)
    findings = sum(n for n, _ in results[:DOCS])
    assert findings > DOCS
    assert {rev for _, rev in results} == {1}
    expected = {"documents": DOCS, "revisions": DOCS, "reviews": DOCS, "findings": findings,
                "accepted_findings": 0}
    assert rows(store_url) == expected
    with ctx.Pool(WORKERS) as pool:  # the batch again: unchanged, nothing added
        pool.map(_review, jobs, chunksize=1)
    assert rows(store_url) == expected


def test_crash_mid_review_leaves_no_half_review(
    store_url: str, tiny_rubric: Path, write_doc: Callable[[str, str], Path],
    rows: Callable[[str], dict[str, int]], monkeypatch: pytest.MonkeyPatch,
) -> None:
    track_module = importlib.import_module("prereview.history.recorder")

    path = write_doc("# Notes\n\nPricing is TBD.\n", "notes.md")

    def boom(**_: object) -> None:
        raise RuntimeError("crash after the document and revision rows were flushed")

    original = track_module.FindingRow
    monkeypatch.setattr(track_module, "FindingRow", boom)
    with pytest.raises(RuntimeError, match="crash after"):
        engine.run(path, tiny_rubric, tracking=Tracking())
    assert rows(store_url) == {t: 0 for t in rows(store_url)}
    monkeypatch.setattr(track_module, "FindingRow", original)
    engine.run(path, tiny_rubric, tracking=Tracking())
    assert rows(store_url)["reviews"] == 1

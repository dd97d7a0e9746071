"""The batch's own process: it does not import the engine (the workers do, in
their forkserver; loading the rubrics binds their checks), and it starts the
workers before it loads the rubrics when some document surely needs a review,
never for a re-run over unchanged documents."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from prereview.batch import Options, cache, local, run_batch
from prereview.batch import runner as batch_runner


def _modules_after(code: str, env: dict[str, str] | None = None) -> dict[str, bool]:
    probe = (f"{code}\nimport json, sys\n"
             "print(json.dumps({m: m in sys.modules for m in "
             "('prereview.engine', 'prereview.checks', 'prereview.batch.runner')}))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, timeout=120, env=env)
    return dict(json.loads(done.stdout.splitlines()[-1]))


def test_cli_import_leaves_the_engine_out() -> None:
    assert _modules_after("import prereview.cli") == {
        "prereview.engine": False, "prereview.checks": False, "prereview.batch.runner": False}


def test_two_worker_batch_reviews_without_the_engine_here(meeting: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PREREVIEW_HOME": str(tmp_path / "probe-home")}
    code = ("from prereview.batch import Options, run_batch\n"
            f"board = run_batch([{str(meeting)!r}], Options(record_history=False), workers=2)\n"
            "assert sorted(r.status for r in board.rows).count('reviewed') == 4, board.rows")
    seen = _modules_after(code, env)
    assert seen["prereview.batch.runner"] is True
    assert seen["prereview.engine"] is False


def test_entry_count_stops_at_the_limit(meeting: Path) -> None:
    assert cache.entry_count(limit=10) == 0  # no cache folder yet
    run_batch([str(meeting)], Options(record_history=False), workers=1)
    assert cache.entry_count(limit=10) == 4  # the four good documents
    assert cache.entry_count(limit=2) == 2
    (cache.cache_dir() / ".key.123.tmp").write_text("half", encoding="utf-8")
    assert cache.entry_count(limit=10) == 4


@pytest.mark.parametrize("use_cache", [True, False])
def test_workers_started_early_unless_every_document_may_be_cached(
        meeting: Path, monkeypatch: pytest.MonkeyPatch, use_cache: bool) -> None:
    started: list[int] = []
    real_start = batch_runner.DocumentPool.start

    def start(self: batch_runner.DocumentPool) -> None:
        started.append(self.workers)
        real_start(self)

    monkeypatch.setattr(batch_runner.DocumentPool, "start", start)
    options = Options(record_history=False, use_cache=use_cache)
    cold = run_batch([str(meeting)], options, workers=2)
    assert started == [2]
    assert local.likely_to_review([], options) is not use_cache
    warm = run_batch([str(meeting)], options, workers=2)
    # a re-run: four cached reviews for six documents (the broken two are never
    # cached) still says "likely", so only a cache that holds as many is trusted
    assert started == [2, 2]
    assert [r.status for r in warm.rows].count("reused") == (4 if use_cache else 0)
    assert {r.path: r.score for r in warm.rows} == {r.path: r.score for r in cold.rows}


def test_largest_documents_are_handed_out_first(tmp_path: Path) -> None:
    from prereview.batch.discover import Item

    sizes = {"a.md": 10, "b.md": 300, "c.md": 20, "d.md": 300}
    for name, size in sizes.items():
        (tmp_path / name).write_text("x" * size, encoding="utf-8")
    items = [Item(path=str(tmp_path / n), rel=n) for n in (*sizes, "gone.md")]
    order = [i.rel for i in batch_runner.largest_first(items)]
    assert order == ["b.md", "d.md", "c.md", "a.md", "gone.md"]  # ties keep their order

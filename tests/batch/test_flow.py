"""The review_batch flow under a Prefect test server: the same board as the
engine, coarse tasks, the board and progress artifacts; and on a Dask cluster."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from prereview.batch import Board, Options, run_batch
from prereview_flows.batch import (
    BOARD_KEY,
    PROGRESS_KEY,
    group_size,
    local_group_size,
    review_batch,
)

from .conftest import GOOD


def comparable(board: Board) -> list[tuple[Any, ...]]:
    return [(r.path, r.status, r.score, r.verdict, r.blockers, r.actions, r.words, r.error,
             sorted(r.criteria.items())) for r in board.rows]


def read_artifacts(key: str) -> list[Any]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    with get_client(sync_client=True) as client:  # newest first: other tests' batches too
        return client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
            sort=ArtifactSort.CREATED_DESC)


def test_group_sizes() -> None:
    assert group_size(500, 2) == 50
    assert group_size(100, 2) == 13
    assert group_size(3, 8) == 1
    assert group_size(10_000, 2) == 50
    assert local_group_size(500, 2) == 250
    assert local_group_size(7, 2) == 4
    assert local_group_size(3, 8) == 1
    assert local_group_size(10_000, 2) == 250


def test_flow_board_matches_the_engine(prefect_harness: str, meeting: Path,
                                       tmp_path: Path) -> None:
    expected = run_batch([str(meeting)], Options(use_cache=False), workers=1)
    out = tmp_path / "out"
    state = review_batch([str(meeting)], out_dir=str(out), workers=2, use_cache=False,
                         return_state=True)
    board = state.result()
    assert comparable(board) == comparable(expected)
    # coarse tasks: one per group of documents (one group per worker) and the board
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(
            id=FlowRunFilterId(any_=[state.state_details.flow_run_id])))
    names = sorted(r.name.rsplit("-", 1)[0] for r in runs)
    assert names == ["publish-board"] + ["review-group"] * 2
    assert {r.state_type.value for r in runs} == {"COMPLETED"}
    assert (out / "team-b/prfaq.md/review.json").is_file()
    tables = read_artifacts(BOARD_KEY)
    assert tables and tables[0].type == "table"
    table = json.loads(str(tables[0].data))
    assert [(r["document"], r["verdict"]) for r in table] == [
        (r.path, r.verdict.value if r.verdict else "error") for r in board.rows]
    (markdown,) = read_artifacts(f"{BOARD_KEY}-md")[:1]
    assert markdown.type == "markdown"
    assert str(markdown.data).startswith("# Readiness board: 6 documents")
    progress = read_artifacts(PROGRESS_KEY)
    assert progress and progress[0].type == "progress" and float(progress[0].data) == 100.0


def test_flow_usage_error(prefect_harness: str, tmp_path: Path) -> None:
    from prereview.batch import UsageError

    with pytest.raises(UsageError, match="no such file or folder"):
        review_batch([str(tmp_path / "nope")])


def test_dask_cluster_gives_the_same_board(prefect_harness: str, meeting: Path,
                                           tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    expected = run_batch([str(meeting)], Options(use_cache=False), workers=1)
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  host="127.0.0.1", scheduler_port=0,
                                  dashboard_address="127.0.0.1:0") as cluster:
        board = review_batch([str(meeting)], out_dir=str(tmp_path / "out"),
                             dask_address=cluster.scheduler_address, use_cache=False,
                             artifact=False)
    assert comparable(board) == comparable(expected)
    assert (tmp_path / "out" / "team-a/prfaq.md/review.json").is_file()


def test_cli_through_the_flow_keeps_prefect_off_the_streams(
    prefect_harness: str, meeting: Path, tmp_path: Path
) -> None:
    """The default path (the flow, here against the test server): the JSON board
    on stdout as is, nothing from Prefect on stderr, and no Dask imported."""
    import os
    import subprocess
    import sys

    probe = ("import sys, runpy; sys.argv = ['prereview'] + sys.argv[1:];\n"
             "try:\n    runpy.run_module('prereview.cli', run_name='__main__')\n"
             "finally:\n    sys.stderr.write('DASK=%s\\n' % ('distributed' in sys.modules))")
    env = {**os.environ, "PREFECT_API_URL": prefect_harness,
           "PREREVIEW_HOME": str(tmp_path / "home")}
    proc = subprocess.run(
        [sys.executable, "-c", probe, "batch", str(meeting), "-f", "json", "-j", "2"],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    board = json.loads(proc.stdout)
    assert len(board["rows"]) == 6
    assert proc.stderr == "DASK=False\n"


def _worker_started_a_server() -> bool:
    """On a Dask worker: whether Prefect started a temporary server there."""
    import sys

    module = sys.modules.get("prefect.server.api.server")
    if module is None:
        return False
    return any(s.running for s in module.SubprocessASGIServer._instances.values())


def test_dask_workers_report_to_the_flows_temporary_server(
    prefect_harness: str, meeting: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no PREFECT_API_URL (the flow on a temporary server, as from a laptop),
    the Dask workers are handed that server's URL: their task runs are recorded
    under this flow run there, and no worker starts a temporary server of its own
    (before the fix each one did, and the flow's server saw no task run)."""
    distributed = pytest.importorskip("distributed")
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.delenv("PREFECT_API_URL", raising=False)  # the workers inherit the env
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  host="127.0.0.1", scheduler_port=0,
                                  dashboard_address="127.0.0.1:0") as cluster:
        with temporary_settings(restore_defaults={PREFECT_API_URL}):
            assert PREFECT_API_URL.value() is None
            # the flow's own temporary server (the harness registers its server as it)
            assert SubprocessASGIServer().running
            state = review_batch([str(meeting)], dask_address=cluster.scheduler_address,
                                 use_cache=False, artifact=False, return_state=True)
        board = state.result()
        with distributed.Client(cluster.scheduler_address) as client:
            started = client.run(_worker_started_a_server)
    assert len(board.rows) == 6
    assert set(started.values()) == {False} and len(started) == 2
    with get_client(sync_client=True) as prefect_client:
        runs = prefect_client.read_task_runs(flow_run_filter=FlowRunFilter(
            id=FlowRunFilterId(any_=[state.state_details.flow_run_id])))
    assert sorted(r.name.rsplit("-", 1)[0] for r in runs) == ["review-group"] * 6
    assert {r.state_type.value for r in runs} == {"COMPLETED"}


def _task_names(flow_run_id: Any) -> list[str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(
            id=FlowRunFilterId(any_=[flow_run_id])))
    return sorted(r.name.rsplit("-", 1)[0] for r in runs)


def test_unchanged_documents_create_no_task_run(prefect_harness: str, meeting: Path,
                                                tmp_path: Path) -> None:
    """A re-run answers unchanged documents from the result cache in the flow
    itself: no review-group task for them, the board says reused, and only a
    changed document (or one in error) gets a task."""
    out = tmp_path / "out"
    first = review_batch([str(meeting)], out_dir=str(out), workers=2, artifact=False,
                         return_state=True).result()
    assert {r.status for r in first.rows} == {"reviewed", "error"}
    state = review_batch([str(meeting)], out_dir=str(out), workers=2, return_state=True)
    again = state.result()
    # only the two files in error are tried again (an error is never cached)
    assert _task_names(state.state_details.flow_run_id) == ["publish-board"] + [
        "review-group"] * 2
    reused = [r.path for r in again.rows if r.status == "reused"]
    assert sorted(reused) == sorted(GOOD) and again.totals["reused"] == len(GOOD)
    assert [(r.path, r.score, r.verdict) for r in again.rows] == [
        (r.path, r.score, r.verdict) for r in first.rows]
    assert (out / "team-b/flawed.docx/flawed.reviewed.docx").is_file()
    # one document changed: one task for it, the rest still reused
    changed = meeting / "design.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n",
                       encoding="utf-8")
    (meeting / "broken.docx").unlink()
    (meeting / "empty.md").unlink()
    state = review_batch([str(meeting)], workers=2, artifact=False, return_state=True)
    third = {r.path: r.status for r in state.result().rows}
    assert third["design.md"] == "reviewed"
    assert sorted(p for p, s in third.items() if s == "reused") == sorted(
        p for p in GOOD if p != "design.md")
    assert _task_names(state.state_details.flow_run_id) == ["review-group"]


def test_the_flow_uses_a_pool_started_before_it(
        prefect_harness: str, meeting: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI starts the workers while the temporary server boots and hands the
    pool over: the flow reviews with it (no second pool) and closes it."""
    import prereview_flows.batch as flow_module
    from prereview.batch import DocumentPool

    expected = run_batch([str(meeting)], Options(use_cache=False), workers=1)
    started = DocumentPool(2)
    started.start()
    flow_module.offer_pool(started)

    def no_other_pool(count: int) -> DocumentPool:
        raise AssertionError(f"a second pool of {count} was started")

    monkeypatch.setattr(flow_module, "DocumentPool", no_other_pool)
    board = review_batch([str(meeting)], workers=2, use_cache=False)
    assert comparable(board) == comparable(expected)
    assert flow_module._OFFERED is None and started._pool is None  # used, then closed


def test_a_pool_of_another_size_is_closed_not_used(prefect_harness: str,
                                                   meeting: Path) -> None:
    import prereview_flows.batch as flow_module
    from prereview.batch import DocumentPool

    offered = DocumentPool(3)
    offered.start()
    flow_module.offer_pool(offered)
    board = review_batch([str(meeting)], workers=2, use_cache=False)
    assert {r.status for r in board.rows} <= {"reviewed", "error"}
    assert offered._pool is None and flow_module._OFFERED is None

"""prereview as a team service, for real: ``prefect server start`` on PostgreSQL,
a process work pool, the deployments of prefect.yaml, a ``prefect worker``, and
``prereview submit --wait`` from another directory whose files are deleted
before the worker runs. Results, artifacts and tags are read back through the
Prefect client, history rows from the store on PostgreSQL, and a second submit
of the same documents is served from the shared result cache.

Marker ``team`` (and ``postgres``): skipped without PostgreSQL
(``PREREVIEW_TEST_POSTGRES_URL``, which ``.ci/run`` sets), never in CI.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from prereview.submission import batch_run_name, run_name

pytestmark = [pytest.mark.team, pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SAMPLES = ROOT / "samples"
MEETING = ("prfaq-strong.md", "design-doc.md", "prfaq-flawed.docx")


def _postgres_url() -> str:
    url = os.environ.get("PREREVIEW_TEST_POSTGRES_URL", "").strip()
    if not url:
        reason = ("PostgreSQL unavailable: PREREVIEW_TEST_POSTGRES_URL is not set "
                  "(source .ci/postgres.sh && pg_start)")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI must run the team-service test")
        pytest.skip(reason)
    return url


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """The process and everything it started (its own process group), by id."""
    if proc.poll() is not None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # stragglers of a group whose leader ended
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=20)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@dataclass
class Service:
    api: str
    tmp: Path
    env: dict[str, str]
    """For the submitter: only PREFECT_API_URL and a home of its own."""
    worker_env: dict[str, str]
    history_url: str
    shared: Path
    procs: list[subprocess.Popen[bytes]]
    worker: subprocess.Popen[bytes] | None = None

    def prefect(self, *args: str, cwd: Path | None = None) -> str:
        done = subprocess.run([str(BIN / "prefect"), *args], env=self.worker_env,
                              cwd=cwd or self.tmp, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def start(self, name: str, args: list[str], env: dict[str, str], cwd: Path
              ) -> subprocess.Popen[bytes]:
        log = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(args, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        log.close()
        self.procs.append(proc)
        return proc

    def submit(self, cwd: Path, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen([str(BIN / "prereview"), "submit", *args], env=self.env,
                                cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, start_new_session=True)


def _wait_healthy(api: str, proc: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"prefect server exited ({proc.returncode}):\n{_tail(log)}")
        with (contextlib.suppress(OSError),
              urllib.request.urlopen(f"{api}/health", timeout=2) as reply):
            if reply.status == 200:
                return
        time.sleep(0.5)
    pytest.fail(f"prefect server not healthy after {seconds:.0f} s:\n{_tail(log)}")


@contextlib.contextmanager
def _databases(url: str) -> Iterator[tuple[str, str]]:
    """A database for Prefect's server and one for the history store."""
    import psycopg

    plain = url.replace("postgresql+psycopg://", "postgresql://", 1)
    suffix = uuid.uuid4().hex[:8]
    names = (f"prefect_{suffix}", f"prereview_{suffix}")
    with psycopg.connect(plain, autocommit=True) as conn:
        for name in names:
            conn.execute(f"CREATE DATABASE {name}")
    base = plain.rsplit("/", 1)[0]
    try:
        yield (f"{base.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{names[0]}",
               f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{names[1]}")
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            for name in names:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("PREFECT_", "PREREVIEW_", "OPENAI_"))}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    pg = _postgres_url()
    tmp = tmp_path_factory.mktemp("team")
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    with _databases(pg) as (prefect_db, history_db):
        base = {**_clean_env(), "PREFECT_API_URL": api,
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING"}
        server_env = {**base, "PREFECT_HOME": str(tmp / "server-home"),
                      "PREFECT_API_DATABASE_CONNECTION_URL": prefect_db,
                      "PREFECT_UI_ENABLED": "false"}
        shared = tmp / "shared"
        shared.mkdir()
        worker_env = {**base, "PREFECT_HOME": str(tmp / "worker-home"),
                      "PREREVIEW_HOME": str(tmp / "worker-prereview"),
                      "PREREVIEW_DATABASE_URL": history_db, "PREREVIEW_SHARED_DIR": str(shared),
                      "PREFECT_WORKER_QUERY_SECONDS": "1"}
        submit_env = {**base, "PREFECT_HOME": str(tmp / "submit-home"),
                      "PREREVIEW_HOME": str(tmp / "submit-prereview")}
        svc = Service(api=api, tmp=tmp, env=submit_env, worker_env=worker_env,
                      history_url=history_db, shared=shared, procs=[])
        try:
            server = svc.start("server", [str(BIN / "prefect"), "server", "start", "--host",
                                          "127.0.0.1", "--port", str(port)], server_env, tmp)
            _wait_healthy(api, server, tmp / "server.log", 180)
            svc.prefect("work-pool", "create", "prereview", "--type", "process")
            svc.prefect("--no-prompt", "deploy", "--all", cwd=ROOT)
            yield svc
        finally:
            for proc in reversed(svc.procs):
                _stop(proc)


def _client(api: str) -> Any:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    @contextlib.contextmanager
    def client() -> Iterator[Any]:
        with (temporary_settings(updates={PREFECT_API_URL: api}),
              get_client(sync_client=True) as c):
            yield c

    return client()


def _runs(api: str, deployment: str) -> list[Any]:
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    with _client(api) as client:
        dep = client.read_deployment_by_name(deployment)
        runs = client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[dep.id])))
    return list(runs)


def _artifacts(api: str, flow_run_id: Any) -> dict[str, Any]:
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with _client(api) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
    return {a.key: a for a in found if a.key}


def _table(artifact: Any) -> list[dict[str, Any]]:
    data = artifact.data
    return list(json.loads(data) if isinstance(data, str) else data)


def _finish(proc: subprocess.Popen[str], svc: Service, seconds: float) -> tuple[str, str]:
    try:
        out, errs = proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        out, errs = proc.communicate()
        pytest.fail(f"submit did not finish in {seconds:.0f} s:\n{errs}\nworker log:\n"
                    f"{_tail(svc.tmp / 'worker.log')}")
    assert proc.returncode == 0, f"{errs}\nworker log:\n{_tail(svc.tmp / 'worker.log', 60)}"
    return out, errs


def _meeting(folder: Path) -> Path:
    meeting = folder / "meeting"
    meeting.mkdir(parents=True)
    for name in MEETING:
        shutil.copyfile(SAMPLES / name, meeting / name)
    return meeting


def test_submit_wait_worker_artifacts_history_and_shared_cache(service: Service) -> None:
    svc = service
    submitter = svc.tmp / "alice"
    meeting = _meeting(submitter)

    # 1. submit --wait while no worker runs; the run exists before any worker does
    first = svc.submit(submitter, "meeting", "--wait")
    deadline = time.monotonic() + 90
    while not _runs(svc.api, "review-batch/team"):
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline, "submit created no flow run"
        time.sleep(0.5)
    shutil.rmtree(meeting)  # the worker can only have the bytes that travelled with the run
    worker_cwd = svc.tmp / "worker-cwd"
    worker_cwd.mkdir()
    svc.worker = svc.start("worker", [str(BIN / "prefect"), "worker", "start", "--pool",
                                      "prereview", "--limit", "2"], svc.worker_env, worker_cwd)
    out, errs = _finish(first, svc, 300)

    assert "review-batch/team" in errs and "Completed" in errs  # progress on stderr
    assert out.startswith("# Readiness board"), out[:300]
    for name in MEETING:
        assert name in out
    [run] = _runs(svc.api, "review-batch/team")
    assert run.state.is_completed()
    assert str(submitter) not in json.dumps(run.parameters, default=str)
    assert {d["name"] for d in run.parameters["documents"]} == set(MEETING)
    assert run.name == batch_run_name(MEETING)
    assert {"batch", "type:prfaq", "type:design-doc"} <= set(run.tags)
    artifacts = _artifacts(svc.api, run.id)
    board = {row["document"]: row for row in _table(artifacts["review-batch-board"])}
    assert set(board) == set(MEETING)
    assert {row["status"] for row in board.values()} == {"reviewed"}
    assert board["prfaq-strong.md"]["type"] == "prfaq"
    assert board["design-doc.md"]["type"] == "design-doc"
    assert {f"verdict:{row['verdict']}" for row in board.values()} <= set(run.tags)
    assert artifacts["review-batch-board-md"].data.startswith("# Readiness board")
    link = artifacts["review-batch-board-html"].data
    board_html = Path(link.removeprefix("[readiness board (HTML)](").split(")")[0]
                      .removeprefix("file://"))
    assert board_html.is_file() and svc.shared in board_html.parents
    assert "<html" in board_html.read_text(encoding="utf-8")[:500].lower()

    # history rows, on PostgreSQL, under the submitted names (not the worker's temp paths)
    import sqlalchemy as sa

    engine = sa.create_engine(svc.history_url)
    try:
        with engine.connect() as conn:
            keys = {r[0] for r in conn.execute(sa.text("SELECT doc_key FROM documents"))}
            revisions = conn.execute(sa.text("SELECT count(*) FROM revisions")).scalar_one()
    finally:
        engine.dispose()
    assert keys == set(MEETING)
    assert revisions == 3

    # 2. the same documents again (another submitter, another folder): the shared cache
    bob = svc.tmp / "bob"
    _meeting(bob)
    out2, _ = _finish(svc.submit(bob, "meeting", "--wait"), svc, 240)
    runs = _runs(svc.api, "review-batch/team")
    assert len(runs) == 2
    second = next(r for r in runs if r.id != run.id)
    rows = _table(_artifacts(svc.api, second.id)["review-batch-board"])
    assert {r["status"] for r in rows} == {"reused"}
    assert "reused" in second.tags
    assert [line for line in out2.splitlines() if "prfaq-strong.md" in line]

    # 3. one document: the report on stdout, named and tagged; a cache hit too
    out3, _ = _finish(svc.submit(bob / "meeting", "prfaq-strong.md", "--wait"), svc, 240)
    assert out3.startswith("# "), out3[:200]
    assert "prfaq-strong.md" in out3
    [single] = _runs(svc.api, "review-document/team")
    sha = hashlib.sha256((SAMPLES / "prfaq-strong.md").read_bytes()).hexdigest()
    title = "Tidewell Fill Texts Your Waitlist the Minute a Patient Cancels"
    assert single.name == run_name(title, "prfaq-strong.md", sha)
    assert single.name.startswith("review-tidewell-fill-texts-") and single.name.endswith(sha[:8])
    assert {"type:prfaq", "reused"} <= set(single.tags)
    assert any(t.startswith("verdict:") for t in single.tags)
    keys3 = _artifacts(svc.api, single.id)
    assert any(k.startswith("review-prfaq-strong-") and k.endswith("-criteria") for k in keys3)
    assert any(k.endswith("-html") for k in keys3)

    # 4. `prereview serve` instead of the worker: the same deployments from one process
    assert svc.worker is not None
    _stop(svc.worker)
    serve_env = {**svc.worker_env, "PREREVIEW_HOME": str(svc.tmp / "serve-prereview")}
    served = svc.start("serve", [str(BIN / "prereview"), "serve"], serve_env, svc.tmp)
    out5, _ = _finish(svc.submit(bob / "meeting", "design-doc.md", "--wait"), svc, 240)
    assert served.poll() is None
    assert out5.startswith("# Pre-review: "), out5[:200]
    [doc_run] = [r for r in _runs(svc.api, "review-document/team") if r.id != single.id]
    assert "reused" in doc_run.tags  # the batch reviewed these bytes: served from the cache
    assert "serving review-document/team, review-batch/team" in (
        svc.tmp / "serve.log").read_text(errors="replace")

    # 5. without --wait: the run's UI address, at once
    nowait = svc.submit(bob / "meeting", "prfaq-flawed.docx")
    out4, errs4 = nowait.communicate(timeout=120)
    assert nowait.returncode == 0, errs4
    assert out4.strip().startswith(svc.api.removesuffix("/api") + "/runs/flow-run/")

"""``prereview submit`` and ``serve`` failing cleanly, and the deployments they
rely on (prefect.yaml and ``prereview serve`` declare the same ones)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PRER = str(Path(sys.executable).parent / "prereview")
SAMPLE = ROOT / "samples" / "prfaq-strong.md"


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PRER, *args], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({"PREFECT_HOME": str(tmp_path / "prefect"),
                "PREREVIEW_HOME": str(tmp_path / "home"), **extra})
    return env


def test_no_api_url_is_exit_2(tmp_path: Path) -> None:
    for args in (["submit", str(SAMPLE), "--wait"], ["serve"]):
        done = _run(args, _env(tmp_path), tmp_path)
        assert done.returncode == 2, done.stderr
        assert done.stdout == ""
        assert done.stderr.startswith("prereview: error: PREFECT_API_URL is not set")
        assert len(done.stderr.splitlines()) == 1


def test_unreachable_server_is_exit_3(tmp_path: Path) -> None:
    with socket.socket() as sock:  # bound, never listening: connections are refused
        sock.bind(("127.0.0.1", 0))
        api = f"http://127.0.0.1:{sock.getsockname()[1]}/api"
        done = _run(["submit", str(SAMPLE), "--wait"], _env(tmp_path, PREFECT_API_URL=api),
                    tmp_path)
    assert done.returncode == 3, done.stderr
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert lines == [f"prereview: error: cannot reach the Prefect API at {api}: is the server "
                     "running ('prefect server start')?"]


def test_oversized_and_missing_files_are_exit_2_before_prefect(tmp_path: Path) -> None:
    env = _env(tmp_path, PREFECT_API_URL="http://127.0.0.1:9/api",
               PREREVIEW_SUBMIT_MAX_BYTES="1000")
    done = _run(["submit", str(SAMPLE)], env, tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"prereview: error: {SAMPLE}: too large to submit (")
    assert len(done.stderr.splitlines()) == 1
    done = _run(["submit", "nope.md"], env, tmp_path)
    assert (done.returncode, done.stderr) == (
        2, "prereview: error: nope.md: no such file or folder\n")
    env.pop("PREREVIEW_SUBMIT_MAX_BYTES")
    done = _run(["submit", str(SAMPLE), str(SAMPLE.with_name("design-doc.md")),
                 "--deployment", "review-document/team"], env, tmp_path)
    assert done.returncode == 2
    assert "reviews one document; 2 given" in done.stderr


def test_prefect_yaml_and_serve_declare_the_same_deployments() -> None:
    from prefect.flows import load_flow_from_entrypoint

    from prereview_flows.deployments import LIMITS, deployments

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    assert spec["pull"] == []  # workers import the installed package, no code to pull
    declared = {}
    for dep in spec["deployments"]:
        flow = load_flow_from_entrypoint(dep["entrypoint"])
        declared[f"{flow.name}/{dep['name']}"] = dep
        assert dep["work_pool"]["name"] == "prereview"
    served = {f"{d.flow_name}/{d.name}": d for d in deployments()}
    assert set(declared) == set(served) == {
        "review-document/team", "review-batch/team", "review-batch/nightly",
        "track-revisions/team"}
    for name, dep in declared.items():
        flow_name = name.split("/")[0]
        limit = served[name].concurrency_limit
        assert dep["concurrency_limit"]["limit"] == (getattr(limit, "limit", limit))
        if name.endswith("/team"):
            assert dep["concurrency_limit"]["limit"] == LIMITS[flow_name]
    [cron] = declared["review-batch/nightly"]["schedules"]
    assert cron["active"] is False and cron["cron"] == "0 2 * * 1-5"
    [schedule] = served["review-batch/nightly"].schedules
    assert schedule.active is False
    assert schedule.schedule.cron == "0 2 * * 1-5"


def test_help_lists_the_team_commands(tmp_path: Path) -> None:
    done = _run(["--help"], _env(tmp_path), tmp_path)
    assert done.returncode == 0
    assert "submit" in done.stdout and "serve" in done.stdout


@pytest.mark.parametrize("args", [["submit", "--help"], ["serve", "--help"]])
def test_team_commands_help_never_imports_prefect(args: list[str], tmp_path: Path) -> None:
    code = ("import sys; from prereview.cli import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
            "assert 'prefect' not in sys.modules, 'prefect imported'\n")
    done = subprocess.run([sys.executable, "-c", code], env=_env(tmp_path),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr

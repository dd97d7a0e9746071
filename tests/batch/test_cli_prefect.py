"""``prereview batch`` on the flow path when Prefect fails: one line on stderr,
exit 3 (the review command's Prefect-failure code), no traceback, nothing on
stdout; Prefect's own output kept in the log file that line names."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from prereview.cli_flow import EXIT_PREFECT

SCRIPT = Path(sys.executable).with_name("prereview")


def _closed_port() -> int:
    """A port nothing listens on: bound, noted, closed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def _batch(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    if not SCRIPT.exists():
        pytest.skip(f"console script not installed at {SCRIPT}")
    return subprocess.run([str(SCRIPT), "batch", *args], capture_output=True, text=True,
                          env=env, timeout=180, check=False)


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PREREVIEW_"))}
    env.update(PREREVIEW_HOME=str(tmp_path / "home"), PREFECT_HOME=str(tmp_path / "prefect"))
    env.update(extra)
    return env


def test_unreachable_prefect_api_is_one_line_exit_3(meeting: Path, tmp_path: Path) -> None:
    api = f"http://127.0.0.1:{_closed_port()}/api"
    out = tmp_path / "out"
    proc = _batch(str(meeting), "-f", "json", "-o", str(out),
                  env=_env(tmp_path, PREFECT_API_URL=api))
    assert proc.returncode == EXIT_PREFECT and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(
        f"prereview: error: cannot reach the Prefect API at {api}: start it ('prefect server "
        "start') or unset PREFECT_API_URL to review without Prefect (Prefect's output: ")
    log = Path(proc.stderr.rsplit("(Prefect's output: ", 1)[1].rstrip(")\n"))
    assert log.is_file()  # kept for the user to read (Prefect's stderr during the run)
    log.unlink()
    assert not (out / "board.json").exists()


def test_bad_path_on_the_flow_path_is_still_exit_2(tmp_path: Path) -> None:
    """The document's fault, not Prefect's: exit 2 even with a server unreachable
    (the path is refused before any flow run)."""
    api = f"http://127.0.0.1:{_closed_port()}/api"
    proc = _batch(str(tmp_path / "nowhere"), env=_env(tmp_path, PREFECT_API_URL=api))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "no such file or folder" in proc.stderr

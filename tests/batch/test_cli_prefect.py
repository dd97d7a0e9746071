"""``prereview batch`` on the flow path when Prefect fails: one line on stderr,
exit 3 (the review command's Prefect-failure code), no traceback, nothing on
stdout; Prefect's own output kept in the log file that line names."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("prereview")
Env = Callable[..., dict[str, str]]
Unreachable = tuple[str, Callable[[subprocess.CompletedProcess[str]], None]]


def _batch(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    if not SCRIPT.exists():
        pytest.skip(f"console script not installed at {SCRIPT}")
    return subprocess.run([str(SCRIPT), "batch", *args], capture_output=True, text=True,
                          env=env, timeout=180, check=False)


def test_unreachable_prefect_api_is_one_line_exit_3(
        meeting: Path, tmp_path: Path, isolated_env: Env, unreachable_prefect: Unreachable,
) -> None:
    api, check = unreachable_prefect
    out = tmp_path / "out"
    check(_batch(str(meeting), "-f", "json", "-o", str(out),
                 env=isolated_env(PREFECT_API_URL=api)))
    assert not (out / "board.json").exists()


def test_bad_path_on_the_flow_path_is_still_exit_2(
        tmp_path: Path, isolated_env: Env, unreachable_prefect: Unreachable) -> None:
    """The document's fault, not Prefect's: exit 2 even with a server unreachable
    (the path is refused before any flow run)."""
    api, _ = unreachable_prefect
    proc = _batch(str(tmp_path / "nowhere"), env=isolated_env(PREFECT_API_URL=api))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "no such file or folder" in proc.stderr

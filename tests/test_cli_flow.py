"""Which path ``prereview review`` takes, and Prefect failures on the flow path:
one line, exit 3, never a traceback; bad usage refused before Prefect is imported."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from prereview.cli_flow import EXIT_PREFECT, use_flow

SCRIPT = Path(sys.executable).with_name("prereview")
DOC = "# Notes\n\nLatency dropped significantly last week.\n"
Env = Callable[..., dict[str, str]]
Unreachable = tuple[str, Callable[[subprocess.CompletedProcess[str]], None]]


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    if not SCRIPT.exists():
        pytest.skip(f"console script not installed at {SCRIPT}")
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env,
                          timeout=180, check=False)


def test_use_flow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert (use_flow(False, False), use_flow(True, False), use_flow(True, True)) == (
        False, True, False)
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    assert (use_flow(False, False), use_flow(False, True)) == (True, False)


def _prefect_imported(_tmp: Path, args: list[str], env: dict[str, str]) -> tuple[int, str]:
    code = (
        "import sys\nfrom prereview.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, 'PREFECT' if any(m.split('.')[0] == 'prefect' for m in sys.modules) "
        "else 'NONE', file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=60, check=False)
    status, imported = proc.stderr.strip().splitlines()[-1].split()
    return int(status), imported


def test_default_review_is_in_process_and_never_imports_prefect(
        tmp_path: Path, isolated_env: Env) -> None:
    doc = tmp_path / "notes.md"
    doc.write_text(DOC, encoding="utf-8")
    assert _prefect_imported(tmp_path, ["review", str(doc), "--rubric", "style"],
                             isolated_env()) == (0, "NONE")


def test_bad_usage_on_the_flow_path_is_refused_before_prefect(
        tmp_path: Path, isolated_env: Env) -> None:
    doc = tmp_path / "notes.md"
    doc.write_text(DOC, encoding="utf-8")
    env = isolated_env()
    assert _prefect_imported(tmp_path, ["review", str(doc), "--flow", "-r", "nope"], env) == (
        2, "NONE")
    assert _prefect_imported(tmp_path, ["review", str(tmp_path / "no.md"), "--flow"], env) == (
        2, "NONE")


def test_unreachable_prefect_api_is_one_line_exit_3(
        tmp_path: Path, isolated_env: Env, unreachable_prefect: Unreachable) -> None:
    doc = tmp_path / "notes.md"
    doc.write_text(DOC, encoding="utf-8")
    api, check = unreachable_prefect
    check(_run("review", str(doc), "--rubric", "style", "--format", "json",
               env=isolated_env(PREFECT_API_URL=api)))
    # --fast keeps the review in-process even so
    proc = _run("review", str(doc), "--rubric", "style", "--format", "json", "--fast",
                env=isolated_env(PREFECT_API_URL=api))
    assert proc.returncode == 0 and json.loads(proc.stdout)["schema"] == "prereview.review/1"


def test_temporary_server_too_slow_is_one_line_exit_3(
        tmp_path: Path, isolated_env: Env) -> None:
    doc = tmp_path / "notes.md"
    doc.write_text(DOC, encoding="utf-8")
    proc = _run("review", str(doc), "--rubric", "style", "--flow",
                env=isolated_env(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="1"))
    assert proc.returncode == EXIT_PREFECT and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(
        "prereview: error: Prefect's temporary server did not start within 1 s (")
    assert "or PREFECT_API_URL to a running server" in proc.stderr
    Path(proc.stderr.rsplit("(Prefect's output: ", 1)[1].rstrip(")\n")).unlink()

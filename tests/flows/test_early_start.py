"""The temporary server launched before Prefect is imported: only when nothing
but the environment decides Prefect's settings, and stopped (its start lock
released) when the flow never got to use it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from prereview_flows.ephemeral import _NOT_FROM_ENV_ALONE, _surely_ephemeral


@pytest.fixture
def clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder and a Prefect home without profiles."""
    for name in _NOT_FROM_ENV_ALONE:
        monkeypatch.delenv(name, raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    return work


def test_only_the_environment_and_prefects_defaults(clean: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert _surely_ephemeral()
    (clean / "pyproject.toml").write_text("[project]\nname = 'x'\ndependencies = ['prefect']\n")
    assert _surely_ephemeral()  # a project that only depends on Prefect


@pytest.mark.parametrize("name", _NOT_FROM_ENV_ALONE)
def test_a_prefect_variable_leaves_it_to_prefect(clean: Path, name: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(name, "http://127.0.0.1:4200/api")
    assert not _surely_ephemeral()


@pytest.mark.parametrize(("file", "text"), [
    (".env", "PREFECT_API_URL=http://127.0.0.1:4200/api\n"),
    ("prefect.toml", "[api]\nurl = 'http://127.0.0.1:4200/api'\n"),
    ("pyproject.toml", "[tool.prefect.api]\nurl = 'http://127.0.0.1:4200/api'\n"),
])
def test_a_prefect_settings_file_leaves_it_to_prefect(clean: Path, file: str, text: str) -> None:
    (clean / file).write_text(text)
    assert not _surely_ephemeral()


def test_a_profiles_file_leaves_it_to_prefect(clean: Path, tmp_path: Path) -> None:
    home = tmp_path / "prefect"
    home.mkdir()
    (home / "profiles.toml").write_text('active = "local"\n')
    assert not _surely_ephemeral()


EARLY = """
import fcntl, os, sys
from prereview_flows.ephemeral import LOCK_NAME, start_early
early = start_early()
assert early is not None, "no early start"
assert "prefect.settings" not in sys.modules
process = early.server.process
early.close()  # the flow never started: the server goes, the lock is free
assert process.poll() is not None, "server still running"
with open(os.path.join(os.environ["PREFECT_HOME"], LOCK_NAME), "a+b") as lock:
    fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
print("OK", process.pid)
"""


def test_an_early_server_the_flow_never_used_is_stopped(
        tmp_path: Path, isolated_env: Callable[..., dict[str, str]]) -> None:
    env = isolated_env()
    Path(env["PREFECT_HOME"]).mkdir(parents=True)
    proc = subprocess.run([sys.executable, "-c", EARLY], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("OK ")

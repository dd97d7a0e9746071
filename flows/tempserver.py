"""Prefect's temporary server, launched the way Prefect launches it, for less.

``prefect.server.api.server.SubprocessASGIServer`` runs ``uvicorn`` on
``prefect.server.api.server:create_app`` in a subprocess and polls its health
endpoint; but to get at that class the CLI process imports the whole server
(FastAPI, the ORM models, the API routers: about 2.5 s of CPU here, on top of
the server process importing the same). ``start_server`` runs the same command
with the same environment from this process's already-imported client modules
(measured: the CLI process of a one-document batch through the flow went from
6.3 s to 3.3 s of CPU).

``launch`` only starts the process (it needs no Prefect import), so the CLI can
launch the server first and import Prefect, discover the files and start the
worker processes while it boots; ``wait_ready`` then waits for its health.

The server is stopped at exit, after Prefect's own exit handlers have sent the
run's last events and logs (atexit runs later registrations first).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

_PROCESSES: list[subprocess.Popen[bytes]] = []


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def stop_all() -> None:
    """Terminate the servers this process started (waits a few seconds each)."""
    while _PROCESSES:
        process = _PROCESSES.pop()
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def stop(server: Launch) -> None:
    """Terminate one server this process launched (a start that is not needed
    after all)."""
    if server.process in _PROCESSES:
        _PROCESSES.remove(server.process)
    server.process.terminate()
    try:
        server.process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def server_env(settings_env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The server process's environment: this one's, the temporary-server flags
    Prefect sets, and ``settings_env`` (the settings this process resolved)."""
    return {
        **os.environ,
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
        **(settings_env or {}),
    }


def start_server(timeout: float) -> str:
    """Start a temporary server (on the database Prefect's settings name), wait
    until it answers, and return its API URL. Raises RuntimeError when it does not answer
    within ``timeout`` seconds (or exits first)."""
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    return wait_ready(launch(server_env(settings.to_environment_variables(exclude_unset=True))),
                      timeout)


@dataclass
class Launch:
    """A server process started and not yet known to answer."""

    process: subprocess.Popen[bytes]
    port: int
    env: dict[str, str]
    started: float

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"


def _app_dir() -> str:
    """Where the ``prefect`` package lives (what Prefect passes as ``--app-dir``),
    found without importing it."""
    spec = importlib.util.find_spec("prefect")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the prefect package is not installed")
    return str(Path(next(iter(spec.submodule_search_locations))).parent)


def launch(env: dict[str, str]) -> Launch:
    """Start the server process on a free port and return at once (needs no
    Prefect import: a caller can import Prefect while the server boots)."""
    port = _free_port()
    process = subprocess.Popen([
        sys.executable, "-m", "uvicorn", "--app-dir", _app_dir(),
        "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
        "--port", str(port), "--log-level", "error", "--lifespan", "on",
    ], env=env)
    if not _PROCESSES:
        atexit.register(stop_all)
    _PROCESSES.append(process)
    return Launch(process, port, env, time.monotonic())


def wait_ready(server: Launch, timeout: float) -> str:
    """Wait until the launched server answers (``timeout`` seconds from its
    launch) and return its API URL; a server that lost its port to another
    process first is launched again (three tries in all, each with its own
    ``timeout``)."""
    for attempt in range(3):  # another process may take the free port first
        try:
            return _poll(server, timeout)
        except _PortTaken:
            if attempt == 2:
                raise RuntimeError("no free port to listen on") from None
            server = launch(server.env)
    raise AssertionError("unreachable")


class _PortTaken(Exception):
    pass


def _poll(server: Launch, timeout: float) -> str:
    import httpx

    process, port, api_url = server.process, server.port, server.api_url
    with httpx.Client() as client:
        while True:
            if process.poll() is not None:
                _PROCESSES.remove(process)
                if not _port_free(port):
                    raise _PortTaken
                raise RuntimeError(f"the server process exited with code {process.returncode}")
            with contextlib.suppress(httpx.HTTPError):
                if client.get(f"{api_url}/health", timeout=5).status_code == 200:
                    return api_url
            if time.monotonic() - server.started > timeout:
                stop_all()
                raise RuntimeError("timed out while waiting for it to answer")
            time.sleep(0.1)


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True

"""Prefect's temporary server, launched the way Prefect launches it, for less.

``prefect.server.api.server.SubprocessASGIServer`` runs ``uvicorn`` on
``prefect.server.api.server:create_app`` in a subprocess and polls its health
endpoint; but to get at that class the CLI process imports the whole server
(FastAPI, the ORM models, the API routers: about 2.5 s of CPU here, on top of
the server process importing the same). ``start_server`` runs the same command
with the same environment from this process's already-imported client modules
(measured: the CLI process of a one-document batch through the flow went from
6.3 s to 3.3 s of CPU).

The server is stopped at exit, after Prefect's own exit handlers have sent the
run's last events and logs (atexit runs later registrations first).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import socket
import subprocess
import sys
import time

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


def start_server(timeout: float) -> str:
    """Start a temporary server (on the database Prefect's settings name), wait
    until it answers, and return its API URL. Raises RuntimeError when it does not answer
    within ``timeout`` seconds (or exits first)."""
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    env = {
        **os.environ,
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
        **settings.to_environment_variables(exclude_unset=True),
    }
    api_url = ""
    for attempt in range(3):  # another process may take the free port first
        try:
            api_url = _launch(env, timeout)
            break
        except _PortTaken:
            if attempt == 2:
                raise RuntimeError("no free port to listen on") from None
    return api_url


class _PortTaken(Exception):
    pass


def _launch(env: dict[str, str], timeout: float) -> str:
    import httpx
    import prefect

    port = _free_port()
    started = time.monotonic()
    process = subprocess.Popen([
        sys.executable, "-m", "uvicorn", "--app-dir", str(prefect.__module_path__.parent),
        "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
        "--port", str(port), "--log-level", "error", "--lifespan", "on",
    ], env=env)
    if not _PROCESSES:
        atexit.register(stop_all)
    _PROCESSES.append(process)
    api_url = f"http://127.0.0.1:{port}/api"
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
            if time.monotonic() - started > timeout:
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

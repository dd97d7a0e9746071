"""Prefect's temporary (ephemeral) server, made safe for concurrent reviews.

With no ``PREFECT_API_URL``, every flow run starts a temporary Prefect server
on the SQLite database under ``PREFECT_HOME``. Eight reviews started at once on
one home used to fail: eight servers migrating one fresh database at the same
time (tracebacks), and start-ups slower than Prefect's 20 s default under load.
Here, before the flow runs:

- ``check_prefect_home``: a ``PREFECT_HOME`` whose folder does not exist, or that
  cannot be created or written, is one line and exit 2, not Prefect's traceback;
- ``prepare_startup_timeout``: a start-up timeout that fits a loaded machine
  (``PREREVIEW_PREFECT_STARTUP_TIMEOUT``, default 180 s), unless the user set
  Prefect's own ``PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS``;
- ``serialized_start``: the server is started while holding an exclusive file
  lock in ``PREFECT_HOME``, so the first run migrates the database alone and the
  others start on a migrated one; the flow then uses that running server, whose
  own log (service errors, shutdown tracebacks) goes to
  ``$PREFECT_HOME/prereview-server.log`` instead of the user's terminal.

The server is the one Prefect would start, launched by
``prereview_flows.tempserver`` without importing Prefect's server modules into
this process (seconds of CPU on 2 busy cores, on every run).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from prereview.errors import PrefectUnavailable, PrereviewError
from prereview_flows.tempserver import start_server

STARTUP_ENV = "PREREVIEW_PREFECT_STARTUP_TIMEOUT"
PREFECT_STARTUP_ENV = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
DEFAULT_STARTUP_TIMEOUT = 180
LOCK_NAME = ".prereview-server-start.lock"
SERVER_LOG = "prereview-server.log"
"""Where the temporary server's own stderr goes (not the user's terminal)."""
SERVER_LOG_MAX = 5 * 1024 * 1024


def _home() -> Path:
    raw = os.environ.get("PREFECT_HOME")
    return Path(raw).expanduser() if raw else Path.home() / ".prefect"


def check_prefect_home() -> Path:
    """``PREFECT_HOME`` exists (created if only it is missing) and is writable."""
    home = _home()
    shown = f"PREFECT_HOME={home}"
    if not home.exists():
        if not home.parent.is_dir():
            raise PrereviewError(f"{shown}: the folder {home.parent} does not exist "
                                 "(create it, or point PREFECT_HOME elsewhere)")
        try:
            home.mkdir()
        except FileExistsError:
            pass
        except OSError as exc:
            raise PrereviewError(f"{shown}: cannot create it "
                                 f"({(exc.strerror or str(exc)).lower()})") from None
    if not home.is_dir():
        raise PrereviewError(f"{shown}: is not a folder")
    if not os.access(home, os.W_OK | os.X_OK):
        raise PrereviewError(f"{shown}: not writable")
    return home


def prepare_startup_timeout() -> None:
    """Prefect's start-up timeout for the temporary server; call before Prefect
    reads its settings (before ``import prefect``)."""
    if os.environ.get(PREFECT_STARTUP_ENV):
        return
    raw = os.environ.get(STARTUP_ENV, "")
    try:
        seconds = int(float(raw)) if raw else DEFAULT_STARTUP_TIMEOUT
    except ValueError:
        raise PrereviewError(f"{STARTUP_ENV}={raw!r}: not a number of seconds") from None
    os.environ[PREFECT_STARTUP_ENV] = str(max(1, seconds))


def _ephemeral() -> bool:
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    return not settings.api.url and bool(settings.server.ephemeral.enabled)


@contextlib.contextmanager
def serialized_start() -> Iterator[None]:
    """Start the temporary server (if one is needed) under an exclusive lock in
    ``PREFECT_HOME`` and point this process's Prefect client at it for the block;
    a start-up that fails is one line, not a traceback."""
    if not _ephemeral():
        yield
        return
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    home = Path(get_current_settings().home)
    home.mkdir(parents=True, exist_ok=True)
    timeout = int(get_current_settings().server.ephemeral.startup_timeout_seconds)
    log_path = home / SERVER_LOG
    with open(home / LOCK_NAME, "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            with _stderr_to(log_path):  # the server process inherits this stderr
                api_url = start_server(timeout)
        except Exception as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
            raise PrefectUnavailable(
                f"Prefect's temporary server did not start within {timeout} s ({first}; "
                f"its log: {log_path}); set {STARTUP_ENV} higher, or PREFECT_API_URL to a "
                "running server, or use --fast") from None
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        yield


@contextlib.contextmanager
def _stderr_to(path: Path) -> Iterator[None]:
    """File descriptor 2 pointed at ``path`` while the server process is spawned:
    its service logs and shutdown tracebacks go there, not to the user's terminal
    (the log is started afresh once it passes SERVER_LOG_MAX bytes)."""
    try:
        fresh = path.stat().st_size > SERVER_LOG_MAX
    except OSError:
        fresh = True
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(path, "wb" if fresh else "ab") as log:
            os.dup2(log.fileno(), 2)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)

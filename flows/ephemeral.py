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

- ``start_early``: when the environment alone says a temporary server will be
  needed, it is launched before Prefect is imported, so its start-up overlaps
  with the imports and the worker processes' start (``serialized_start(early)``
  then only waits for it).

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
from typing import BinaryIO

from prereview.errors import PrefectUnavailable, PrereviewError
from prereview_flows.tempserver import Launch, launch, server_env, start_server, stop, wait_ready

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


_NOT_FROM_ENV_ALONE = (
    "PREFECT_API_URL", "PREFECT_PROFILE", "PREFECT_PROFILES_PATH",
    "PREFECT_SERVER_EPHEMERAL_ENABLED", "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE",
    "PREFECT_TEST_MODE", "PREFECT_UNIT_TEST_MODE",
)
"""Variables that can name an API, pick a profile or turn the temporary server
off: with any of them set, only Prefect's settings can say whether a temporary
server is needed."""
_MAX_PYPROJECT = 1 << 20


def _surely_ephemeral() -> bool:
    """Whether this run will need a temporary server, known without importing
    Prefect: no variable in _NOT_FROM_ENV_ALONE and no file Prefect reads its
    settings from (``.env``, ``prefect.toml``, a ``pyproject.toml`` with a
    ``tool.prefect`` table here, ``profiles.toml`` in the Prefect home), so
    Prefect's defaults apply: no API URL, the temporary server enabled. The
    server process, started from this folder with this environment, then
    resolves the same settings as this process will."""
    if any(os.environ.get(name, "").strip() for name in _NOT_FROM_ENV_ALONE):
        return False
    if Path(".env").exists() or Path("prefect.toml").exists():
        return False
    with contextlib.suppress(OSError), open("pyproject.toml", "rb") as handle:
        if b"tool.prefect" in handle.read(_MAX_PYPROJECT):
            return False
    return not (_home() / "profiles.toml").exists()


class EarlyStart:
    """The temporary server launched before Prefect is imported (``start_early``),
    holding the start lock until it answers or is given up."""

    def __init__(self, lock: BinaryIO, log_path: Path, server: Launch) -> None:
        self.lock, self.log_path, self.server = lock, log_path, server
        self.ready = False

    def wait(self, timeout: float) -> str:
        """Its API URL once it answers (see ``tempserver.wait_ready``)."""
        try:
            with _stderr_to(self.log_path):  # a second launch inherits this stderr
                api_url: str = wait_ready(self.server, timeout)
            self.ready = True
            return api_url
        finally:
            self.release()

    def release(self) -> None:
        if not self.lock.closed:
            fcntl.flock(self.lock.fileno(), fcntl.LOCK_UN)
            self.lock.close()

    def close(self) -> None:
        """Stop the server unless the flow is using it, and release the lock
        (after the run, or when it never started: an error, Ctrl-C)."""
        if not self.ready:
            stop(self.server)
        self.release()


def start_early() -> EarlyStart | None:
    """Launch the temporary server now, before this process imports Prefect,
    when ``_surely_ephemeral`` says one will be needed: the caller imports Prefect
    and the flow, and starts the worker processes, while it boots, and
    ``serialized_start(early)`` waits for it. None when that cannot be known yet
    (Prefect already imported, a Prefect configuration of the user's) or the
    launch failed: ``serialized_start`` then starts it as before."""
    if "prefect.settings" in sys.modules or not _surely_ephemeral():
        return None
    home = _home()
    log_path = home / SERVER_LOG
    lock = open(home / LOCK_NAME, "a+b")  # noqa: SIM115 (held past this function)
    try:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        with _stderr_to(log_path):  # the server process inherits this stderr
            server = launch(server_env())
    except Exception:
        fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
        lock.close()
        return None
    return EarlyStart(lock, log_path, server)


@contextlib.contextmanager
def serialized_start(early: EarlyStart | None = None) -> Iterator[None]:
    """Start the temporary server (if one is needed) under an exclusive lock in
    ``PREFECT_HOME`` and point this process's Prefect client at it for the block;
    a start-up that fails is one line, not a traceback. With ``early`` (launched
    by ``start_early``, under the same lock), wait for that one instead."""
    if not _ephemeral():
        if early is not None:
            early.close()
        yield
        return
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    home = Path(get_current_settings().home)
    home.mkdir(parents=True, exist_ok=True)
    timeout = int(get_current_settings().server.ephemeral.startup_timeout_seconds)
    log_path = home / SERVER_LOG
    if early is not None and early.log_path != log_path:  # not the home it guessed
        early.close()
        early = None
    try:
        api_url = early.wait(timeout) if early is not None else _start(home, log_path, timeout)
    except Exception as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
        raise PrefectUnavailable(
            f"Prefect's temporary server did not start within {timeout} s ({first}; "
            f"its log: {log_path}); set {STARTUP_ENV} higher, or PREFECT_API_URL to a "
            "running server, or use --fast") from None
    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        yield


def _start(home: Path, log_path: Path, timeout: float) -> str:
    with open(home / LOCK_NAME, "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            with _stderr_to(log_path):  # the server process inherits this stderr
                api_url: str = start_server(timeout)
            return api_url
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


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

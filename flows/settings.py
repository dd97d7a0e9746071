"""Local settings for the Prefect layer, applied before Prefect is first imported.

A single review is a second of work; Prefect must not make it noisy or slow.
Everything here only sets *defaults*: a variable the user already exported wins.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from prereview.errors import PrereviewError
from prereview.home import prereview_home
from prereview.reviewer.client import LLMError


def _user_has_prefect_config() -> bool:
    """A Prefect setup of the user's own (a home, an API, or a profile file) is
    respected as is: runs then appear where the user expects them."""
    if os.environ.get("PREFECT_HOME") or os.environ.get("PREFECT_API_URL"):
        return True
    return (Path.home() / ".prefect" / "profiles.toml").exists()


def configure_prefect_env() -> None:
    """Defaults for Prefect's environment; call before ``import prefect``.

    - logging at WARNING, and Prefect's console handler writes to stderr (its
      default), so stdout carries only the report;
    - with no Prefect configuration of the user's own, Prefect's local state
      (the ephemeral server's SQLite database) goes under ``$PREREVIEW_HOME/prefect``
      instead of ~/.prefect.
    """
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_INTERNAL_LEVEL", "ERROR")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    # the local server would try to phone home at start-up (and log an error offline)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if not _user_has_prefect_config():
        home = prereview_home() / "prefect"
        with contextlib.suppress(OSError):
            home.mkdir(parents=True, exist_ok=True)
        os.environ["PREFECT_HOME"] = str(home)


@contextlib.contextmanager
def local_run_settings() -> Iterator[None]:
    """Settings for one review run from the CLI: no flow heartbeat (a review ends
    long before the first beat would be useful; it costs a thread and an event)."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


class DropUserErrors(logging.Filter):
    """Keep Prefect from printing a traceback for a bad document or rubric, or for an
    LLM request that failed for good: the CLI already reports those as one line
    (the run still records the failure)."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, (PrereviewError, LLMError)):
            return False
        message = record.getMessage() if record.levelno >= logging.ERROR else ""
        return not any(name in message for name in _USER_ERROR_NAMES)


_USER_ERROR_NAMES = ("PrereviewError", "InputError", "RubricError", "LLMError", "OutputError")


def quiet_user_errors() -> None:
    """Attach ``DropUserErrors`` to the console handlers Prefect configured, and
    hush the events worker's "still processing items" note at exit."""
    logging.getLogger("EventsWorker").setLevel(logging.ERROR)
    seen: set[int] = set()
    loggers = [logging.getLogger(), *(logging.getLogger(n) for n in _PREFECT_LOGGERS)]
    for logger in loggers:
        for handler in logger.handlers:
            if id(handler) in seen or not isinstance(handler, logging.StreamHandler):
                continue
            seen.add(id(handler))
            if not any(isinstance(f, DropUserErrors) for f in handler.filters):
                handler.addFilter(DropUserErrors())


_PREFECT_LOGGERS = ("prefect", "prefect.flow_runs", "prefect.task_runs")

"""Which path ``prereview review`` takes, and the flow path made dependable.

With no Prefect API configured (no ``PREFECT_API_URL``) and no ``--flow``, the
engine runs in-process: the same functions the flow's tasks call, answered in
well under a second after imports, with nothing to start and nothing to time out.
With ``PREFECT_API_URL`` or ``--flow`` the review runs as the ``review_document``
flow, so it shows in that server's UI. There a Prefect failure (a server that
cannot be reached, a temporary server too slow to start) is one line on stderr
naming what failed and what to do, and exit code 3, never a traceback and never
1 (the gate's code). The temporary server starts under a lock with a start-up
timeout that fits a loaded machine (``prereview_flows.ephemeral``); Prefect's own
stderr during the run (cancelled-task tracebacks, notices) goes to a log file,
named in that line when something failed.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from prereview.errors import PrefectUnavailable, PrereviewError

if TYPE_CHECKING:
    from prereview.engine import ReviewRun
    from prereview.history import Tracking
    from prereview.reviewer import ReviewerSettings

EXIT_PREFECT = 3
"""The flow path could not run because of Prefect (not the document, not the gate)."""


class PrefectFailure(Exception):
    """Prefect, not the document, stopped the review; ``str()`` is the one line."""


def use_flow(flow: bool, fast: bool) -> bool:
    """The flow path when asked for (``--flow``) or when a Prefect API is
    configured; ``--fast`` always keeps the review in-process."""
    if fast:
        return False
    return flow or bool(os.environ.get("PREFECT_API_URL", "").strip())


@contextlib.contextmanager
def _stderr_to(log: Path) -> Iterator[None]:
    """Point file descriptor 2 at ``log`` (the temporary server, a child process,
    inherits it), and back afterwards."""
    sys.stderr.flush()
    saved = os.dup(2)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.dup2(fd, 2)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.close(fd)


def _what_failed(exc: BaseException, api_url: str, flow_name: str = "review_document") -> str:
    text = " ".join(str(exc).split())
    if "ephemeral" in text.lower() and "timed out" in text.lower():
        wait = os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "?")
        return (f"Prefect's temporary server did not start within {wait} s: run without "
                "--flow (no Prefect needed), raise PREREVIEW_PREFECT_STARTUP_TIMEOUT, "
                "or start one with 'prefect server start' and set PREFECT_API_URL")
    names = {type(e).__name__ for e in _chain(exc)}
    if api_url and names & {"ConnectError", "ConnectTimeout", "ConnectionRefusedError",
                            "ConnectionError", "PrefectHTTPStatusError", "ReadTimeout"}:
        return (f"cannot reach the Prefect API at {api_url}: start it ('prefect server "
                "start') or unset PREFECT_API_URL to review without Prefect")
    first = text[:160] or type(exc).__name__
    return (f"the {flow_name} flow failed in Prefect ({type(exc).__name__}: {first}): "
            "run without --flow and PREFECT_API_URL to review without Prefect")


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    node: BaseException | None = exc
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        yield node
        node = node.__cause__ or node.__context__


@contextlib.contextmanager
def prefect_errors(flow_name: str) -> Iterator[None]:
    """Run a flow-path block with Prefect's stderr in a log file: a bad document,
    rubric or ``PREFECT_HOME`` still raises PrereviewError (exit 2); anything else
    Prefect did becomes PrefectFailure (one line, exit 3) naming that log."""
    handle, name = tempfile.mkstemp(prefix="prereview-prefect-", suffix=".log")
    os.close(handle)
    log = Path(name)
    api_url = os.environ.get("PREFECT_API_URL", "").strip()
    ok = False
    try:
        with _stderr_to(log):
            yield
        ok = True
    except PrefectUnavailable as exc:  # the temporary server did not start
        raise PrefectFailure(f"{exc} (Prefect's output: {log})") from None
    except PrereviewError:
        ok = True  # the document's fault, reported as one line by the caller
        raise
    except Exception as exc:  # anything else on this path is Prefect's doing
        raise PrefectFailure(f"{_what_failed(exc, api_url, flow_name)} "
                             f"(Prefect's output: {log})") from None
    finally:
        if ok:
            with contextlib.suppress(OSError):
                log.unlink()


def review_flow(
    file: Path, rubric: str | None, out: Path | None, formats: list[str] | None,
    llm: ReviewerSettings | None, force: bool = False, tracking: Tracking | None = None,
) -> ReviewRun:
    """Through the ``review_document`` flow. Raises PrereviewError for a bad
    document, rubric or ``PREFECT_HOME`` (exit 2) and PrefectFailure for anything
    Prefect did (exit 3)."""
    with prefect_errors("review_document"):
        return _run(file, rubric, out, formats, llm, force, tracking)
    raise AssertionError("unreachable")  # pragma: no cover (mypy: the block returns)


def _run(
    file: Path, rubric: str | None, out: Path | None, formats: list[str] | None,
    llm: ReviewerSettings | None, force: bool, tracking: Tracking | None,
) -> ReviewRun:
    from prereview_flows.ephemeral import (  # lazily: Prefect
        check_prefect_home,
        prepare_startup_timeout,
        serialized_start,
    )
    from prereview_flows.settings import configure_prefect_env

    prepare_startup_timeout()
    configure_prefect_env()
    check_prefect_home()
    from prefect.logging.configuration import ensure_logging_setup

    from prereview_flows.review import review_document
    from prereview_flows.settings import local_run_settings, quiet_user_errors

    ensure_logging_setup()
    quiet_user_errors()
    with local_run_settings(), serialized_start():
        result: ReviewRun = review_document(
            path=str(file), rubric=rubric, out_dir=str(out) if out is not None else None,
            formats=formats, artifact=True, llm=llm is not None,
            model=llm.model if llm is not None else None, force=force,
            history=tracking.record if tracking is not None else True,
            doc_id=tracking.doc_id if tracking is not None else None,
            since=tracking.since if tracking is not None else None,
        )
    return result

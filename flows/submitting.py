"""The client side of ``prereview submit``: start a deployment's run on the
team's server, follow it, and read its report back from its artifacts (the
Markdown report of a review, the Markdown board of a batch), which live in the
server's database: the submitter needs no access to any worker's disk.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any
from uuid import UUID

from prereview_flows.batch import BOARD_KEY

REVIEW_DEPLOYMENT = "review-document/team"
BATCH_DEPLOYMENT = "review-batch/team"
POLL_SECONDS = 1.0


class SubmitFailure(Exception):
    """The server, the deployment or the run failed; ``str()`` is the one line."""


def _api_url() -> str:
    from prefect.settings import PREFECT_API_URL

    return str(PREFECT_API_URL.value() or "")


def _why(exc: BaseException) -> str:
    names: set[str] = set()
    node: BaseException | None = exc
    while node is not None and len(names) < 20:
        names.add(type(node).__name__)
        node = node.__cause__ or node.__context__
    if names & {"ConnectError", "ConnectTimeout", "ConnectionRefusedError", "ReadTimeout",
                "ConnectionError", "RemoteProtocolError"}:
        return (f"cannot reach the Prefect API at {_api_url()}: is the server running "
                "('prefect server start')?")
    first = (" ".join(str(exc).split()) or type(exc).__name__)[:200]
    return f"the Prefect API at {_api_url()} failed ({type(exc).__name__}: {first})"


def start(deployment: str, parameters: dict[str, Any], run_name: str | None) -> Any:
    """Create the flow run (it waits for a worker or ``prereview serve``)."""
    from prefect.deployments import run_deployment
    from prefect.exceptions import ObjectNotFound

    try:
        return run_deployment(deployment, parameters=parameters, timeout=0,
                              flow_run_name=run_name, as_subflow=False)
    except ObjectNotFound:
        raise SubmitFailure(
            f"no deployment '{deployment}' on {_api_url()}: deploy them ('prefect deploy "
            "--all' in the prereview checkout) or start 'prereview serve'") from None
    except Exception as exc:
        raise SubmitFailure(_why(exc)) from None


def ui_url(flow_run: Any) -> str:
    from prefect.utilities.urls import url_for

    try:
        url = url_for(flow_run)
    except Exception:
        url = None
    if url:
        return str(url)
    base = _api_url().rstrip("/").removesuffix("/api")
    return f"{base}/runs/flow-run/{flow_run.id}"


def follow(flow_run_id: UUID, on_state: Callable[[Any], None], timeout: float) -> Any:
    """Poll the run until it ends (or ``timeout`` seconds), reporting each new
    state; returns the finished flow run."""
    from prefect.client.orchestration import get_client

    deadline = time.monotonic() + timeout
    last: tuple[str, str] | None = None
    try:
        with get_client(sync_client=True) as client:
            while True:
                run = client.read_flow_run(flow_run_id)
                state = run.state
                seen = (str(state.type.value) if state else "", (state.name or "") if state else "")
                if seen != last:
                    last = seen
                    on_state(run)
                if state is not None and state.is_final():
                    return run
                if time.monotonic() > deadline:
                    raise SubmitFailure(f"run {run.name} is still {seen[1] or 'pending'} "
                                        f"after {timeout:g} s: follow it at {ui_url(run)}")
                time.sleep(POLL_SECONDS)
    except SubmitFailure:
        raise
    except Exception as exc:
        raise SubmitFailure(_why(exc)) from None


def read_markdown(flow_run_id: UUID, batch: bool) -> str:
    """The run's Markdown artifact: the board for a batch, else the report."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        ArtifactFilterType,
    )

    wanted = ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]),
                            type=ArtifactFilterType(any_=["markdown"]))
    try:
        with get_client(sync_client=True) as client:
            artifacts = client.read_artifacts(artifact_filter=wanted)
    except Exception as exc:
        raise SubmitFailure(_why(exc)) from None
    for artifact in artifacts:  # a link artifact is Markdown too: ``<key>-html``
        key = artifact.key or ""
        report = key.startswith("review-") and not re.search(r"-html(-\d+)?$", key)
        if (key == f"{BOARD_KEY}-md") if batch else report:
            return str(artifact.data or "")
    raise SubmitFailure(f"run {flow_run_id} finished without a "
                        f"{'board' if batch else 'report'} artifact")

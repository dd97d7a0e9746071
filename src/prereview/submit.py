"""``prereview submit`` and ``prereview serve``: prereview as a team service.

``submit`` sends the documents' bytes (never a path of the submitter's disk) as
a run of the team's deployment on the server at ``PREFECT_API_URL``: one file to
``review-document/team``, several (or a folder) to ``review-batch/team``. With
``--wait`` it follows the run on stderr and prints the report (or the board) on
stdout; without, it prints the run's UI address. ``serve`` runs the same
deployments from one process, for a team that runs no workers.

Prefect is imported only inside the commands. Exit codes: 0 done, 2 bad usage
(no ``PREFECT_API_URL``, a missing or oversized file), 3 the server, the
deployment or the run failed (one line).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from prereview.cli_common import EXIT_USAGE, emit, err, user_errors

EXIT_PREFECT = 3
DEFAULT_TIMEOUT = 3600.0


def _api_url_or_exit() -> str:
    url = os.environ.get("PREFECT_API_URL", "").strip()
    if not url:
        err("PREFECT_API_URL is not set: point it at the team's Prefect server "
            "(e.g. export PREFECT_API_URL=http://prefect.example:4200/api)")
        raise typer.Exit(EXIT_USAGE)
    return url


def _prefect_quiet() -> None:
    from prereview_flows.settings import configure_prefect_env  # lazily: Prefect

    configure_prefect_env()


def _progress(started: float) -> Any:
    def report(run: Any) -> None:
        state = run.state.name if run.state is not None else "Pending"
        sys.stderr.write(f"prereview: {run.name}: {state} ({time.monotonic() - started:.0f} s)\n")
        sys.stderr.flush()

    return report


def submit_command(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH...", show_default=False,
        help="Documents (.md, .docx), folders or globs; their bytes travel with the run.")],
    deployment: Annotated[str | None, typer.Option(
        "--deployment", "-d", metavar="FLOW/NAME",
        help="The deployment to run (default review-document/team for one file, "
             "review-batch/team for several or a folder; env PREREVIEW_DEPLOYMENT).",
    )] = None,
    wait: Annotated[bool, typer.Option(
        "--wait", help="Follow the run (states on stderr) and print the report, or the "
        "board of a batch, on stdout.")] = False,
    rubric: Annotated[str | None, typer.Option(
        "--rubric", "-r", metavar="ID", help="A rubric id known to the workers.")] = None,
    llm: Annotated[bool, typer.Option(
        "--llm", help="Also the LLM reviewer (the workers' OPENAI_* settings).")] = False,
    model: Annotated[str | None, typer.Option("--model", metavar="NAME")] = None,
    doc_id: Annotated[str | None, typer.Option(
        "--doc-id", metavar="ID", help="One document's id across drafts (default: its "
        "front matter or .docx property, else its name).")] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Review again even when these bytes were reviewed before.")] = False,
    timeout: Annotated[float, typer.Option(
        "--timeout", metavar="SECONDS", help="With --wait: give up after this long.",
    )] = DEFAULT_TIMEOUT,
) -> None:
    """Review documents on the team's Prefect server (PREFECT_API_URL)."""
    _api_url_or_exit()
    with user_errors():
        from prereview.batch.discover import UsageError
        from prereview.submission import batch_run_name, collect, run_name

        documents = collect(paths)
        chosen = deployment or os.environ.get("PREREVIEW_DEPLOYMENT", "").strip() or None
        single_arg = len(paths) == 1 and Path(paths[0]).is_file()
        batch = (chosen.startswith("review-batch/") if chosen
                 else not (single_arg and len(documents) == 1))
        if not batch and len(documents) != 1:
            raise UsageError(f"{chosen}: reviews one document; {len(documents)} given "
                             "(use a review-batch deployment)")
        if doc_id and batch:
            raise UsageError("--doc-id names one document; a batch keeps each one's own")
    _prefect_quiet()
    from prereview_flows.submitting import (
        BATCH_DEPLOYMENT,
        REVIEW_DEPLOYMENT,
        SubmitFailure,
        follow,
        read_markdown,
        start,
        ui_url,
    )

    common: dict[str, Any] = {"rubric": rubric, "llm": llm, "model": model,
                              "use_cache": not no_cache}
    if batch:
        target = chosen or BATCH_DEPLOYMENT
        parameters = {**common, "documents": [d.as_parameter() for d in documents]}
        name = batch_run_name([d.name for d in documents])
    else:
        target = chosen or REVIEW_DEPLOYMENT
        doc = documents[0]
        parameters = {**common, "content": doc.content, "name": doc.name, "doc_id": doc_id}
        name = run_name(None, doc.name, doc.sha256)
    started = time.monotonic()
    try:
        flow_run = start(target, parameters, name)
        if not wait:
            emit(ui_url(flow_run))
            return
        sys.stderr.write(f"prereview: submitted {len(documents)} document(s) to {target}: "
                         f"{ui_url(flow_run)}\n")
        done = follow(flow_run.id, _progress(started), timeout)
        state = done.state
        if state is None or not state.is_completed():
            message = " ".join(((state.message if state else None) or "").split())[:200]
            err(f"run {done.name} ended {state.name if state else 'without a state'}"
                f"{': ' + message if message else ''} ({ui_url(done)})")
            raise typer.Exit(EXIT_PREFECT)
        emit(read_markdown(done.id, batch))
    except SubmitFailure as exc:
        err(str(exc))
        raise typer.Exit(EXIT_PREFECT) from None


def serve_command(
    limit: Annotated[int | None, typer.Option(
        "--limit", metavar="N", help="Runs at once in this process (default: no limit "
        "beyond each deployment's own).")] = None,
) -> None:
    """Serve the team's deployments from this process (no work pool, no worker)."""
    _api_url_or_exit()
    _prefect_quiet()
    from prereview_flows.deployments import deployments, serve_all

    names = ", ".join(f"{d.flow_name}/{d.name}" for d in deployments())
    sys.stderr.write(f"prereview: serving {names} on {os.environ['PREFECT_API_URL']} "
                     "(Ctrl-C stops)\n")
    try:
        serve_all(limit)
    except Exception as exc:
        from prereview_flows.submitting import _why

        err(_why(exc))
        raise typer.Exit(EXIT_PREFECT) from None


def register(app: typer.Typer) -> None:
    app.command("submit")(submit_command)
    app.command("serve")(serve_command)

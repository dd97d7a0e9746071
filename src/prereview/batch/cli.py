"""``prereview batch PATH...``: the readiness board of a folder, a list of files or
a glob, registered on the main Typer app by ``register``.

In-process through the engine's process pool by default, like ``review``;
through the ``review_batch`` Prefect flow with ``--flow``, when ``PREFECT_API_URL``
is set, or with ``--dask-address``. Exit codes: 0 done (whatever the verdicts), 1 a
``--fail-on`` gate was not met (or a document is in error), 2 bad usage, 130
interrupted (the board of what finished is still printed and written), and 3 on
the flow path when Prefect failed (a server that cannot be reached: one line).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from prereview.cli_common import reviewer_settings
from prereview.errors import PrereviewError

if TYPE_CHECKING:
    from prereview.batch.board import Board
    from prereview.batch.discover import Discovery
    from prereview.batch.runner import DocumentPool
    from prereview.batch.worker import Options
    from prereview.reviewer import ReviewerSettings

EXIT_GATE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def _err(message: str) -> None:
    sys.stderr.write(f"prereview: error: {message}\n")
    sys.stderr.flush()


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    sys.stdout.flush()


def parse_board_formats(values: list[str] | None) -> list[str]:
    """``-f md,json`` or repeated; a typo is a usage error before any work."""
    from prereview.batch.render import BOARD_FORMATS

    formats: list[str] = []
    for value in values or []:
        for fmt in (v.strip().lower() for v in value.split(",")):
            if fmt not in BOARD_FORMATS:
                raise typer.BadParameter(f"'{fmt}' is not one of {', '.join(BOARD_FORMATS)}",
                                         param_hint="--format")
            if fmt not in formats:
                formats.append(fmt)
    return formats


def document_formats(board_formats: list[str]) -> tuple[str, ...]:
    """Each document's own files under --out: md and json, and its HTML page when
    the board is asked for as HTML (the board links to it)."""
    return ("md", "json", "html") if "html" in board_formats else ("md", "json")


def _check_rubric(rubric: str | None) -> None:
    if rubric is not None:
        from prereview.rubrics import load_rubric

        load_rubric(rubric)


def run_fast(paths: list[str], options: Options, workers: int | None,
             include: list[str], exclude: list[str]) -> Board:
    from prereview.batch import run_batch

    return run_batch(paths, options, workers, include, exclude)


def run_flow(paths: list[str], options: Options, workers: int | None,
             include: list[str], exclude: list[str], dask_address: str | None,
             llm: bool, model: str | None, settings: ReviewerSettings | None = None) -> Board:
    """Through the ``review_batch`` flow, with Prefect's noise kept off stderr
    (in a log file; the progress bar still goes to the terminal). A Prefect
    failure raises PrefectFailure (exit 3), a bad path PrereviewError (exit 2).
    With no Prefect API configured and every document unchanged, the board is
    answered from the result cache without starting Prefect (one line says so)."""
    from prereview.batch.discover import UsageError, discover
    from prereview.cli_flow import prefect_errors

    found = discover(paths, include, exclude, options.out_dir)
    if not found.items:  # before Prefect starts
        raise UsageError(f"no reviewable file in {', '.join(paths)}")
    if not os.environ.get("PREFECT_API_URL", "").strip():
        from prereview.batch.reuse import answer_all_reused

        board = answer_all_reused(found, replace(options, llm=settings))
        if board is not None:
            sys.stderr.write(
                f"prereview: all {len(found.items)} documents unchanged since their last "
                "review: answered from the result cache without starting Prefect's "
                "temporary server (set PREFECT_API_URL to record such runs)\n")
            return board
    with _terminal_for_progress(), prefect_errors("review_batch"):
        return _run_flow(paths, options, workers, include, exclude, dask_address, llm, model,
                         found, settings)
    raise AssertionError("unreachable")  # pragma: no cover (mypy: the block returns)


@contextlib.contextmanager
def _terminal_for_progress() -> Iterator[None]:
    """Keep a handle on the user's terminal for the progress bar while stderr
    (file descriptor 2) points at Prefect's log."""
    from prereview.batch import progress

    if not sys.stderr.isatty():
        yield
        return
    terminal = os.fdopen(os.dup(sys.stderr.fileno()), "w", encoding="utf-8")
    progress.TERMINAL = terminal
    try:
        yield
    finally:
        progress.TERMINAL = None
        terminal.close()


def _run_flow(paths: list[str], options: Options, workers: int | None,
              include: list[str], exclude: list[str], dask_address: str | None,
              llm: bool, model: str | None, found: Discovery | None = None,
              settings: ReviewerSettings | None = None) -> Board:
    """The flow run. Prefect's temporary server is launched first (when the
    environment alone says one is needed) and the worker processes started,
    so both boot while this process imports Prefect and the flow; the documents
    are still all reviewed inside the flow run."""
    from prereview_flows.ephemeral import (  # lazily: Prefect
        check_prefect_home,
        prepare_startup_timeout,
        serialized_start,
        start_early,
    )
    from prereview_flows.settings import configure_prefect_env

    prepare_startup_timeout()  # a loaded laptop needs more than Prefect's 20 s
    configure_prefect_env()
    check_prefect_home()
    early = start_early()
    pool = (_started_pool(found, replace(options, llm=settings), workers)
            if found is not None and not dask_address else None)
    try:
        import prefect.flow_engine  # noqa: F401 (else the flow call imports it, after the wait)
        from prefect.logging.configuration import ensure_logging_setup

        import prereview.batch.preload  # noqa: F401 (with one worker, reviews run here)
        from prereview_flows.batch import batch_run_settings, offer_pool, review_batch
        from prereview_flows.settings import quiet_user_errors

        ensure_logging_setup()
        quiet_user_errors()
        if pool is not None:
            offer_pool(pool)
        with batch_run_settings(), serialized_start(early):
            board: Board = review_batch(
                paths=paths, rubric=options.rubric, out_dir=options.out_dir,
                formats=list(options.formats), include=include, exclude=exclude,
                workers=workers, dask_address=dask_address, use_cache=options.use_cache,
                only_wb=options.only_wb, concise=options.concise, llm=llm, model=model,
                force=options.force, history=options.record_history,
            )
    finally:
        if early is not None:
            early.close()
        if pool is not None:
            pool.close(cancel=True)
    return board


def _started_pool(found: Discovery, options: Options, workers: int | None,
                  ) -> DocumentPool | None:
    """The process pool the flow will want (as many workers as it will use for
    the documents without a cached review), its workers started; None when the
    flow reviews in its own process (one worker, or one document to review)."""
    from prereview.batch.runner import DocumentPool, default_workers
    from prereview.batch.worker import is_cached, prepared

    options = prepared(options)
    todo = sum(1 for item in found.items if not is_cached(item, options))
    count = max(1, min(workers or default_workers(), todo))
    if count == 1:
        return None
    pool = DocumentPool(count)
    pool.start()
    return pool


def emit(board: Board, formats: list[str], out: Path | None, force: bool = False) -> None:
    """The board on stdout in the first format (default md), and every format
    asked (default md and json) as files under --out."""
    from prereview.batch.render import render_board, write_board

    if out is not None:
        written = write_board(board, out, formats or ["md", "json"], force=force)
        sys.stderr.write("prereview: board written to "
                         + ", ".join(str(p) for p in written) + "\n")
    _out(render_board(board, formats[0] if formats else "md"))


def batch_command(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH...", show_default=False,
        help="Folders (searched recursively), .md/.docx files or globs.")],
    fmt: Annotated[list[str] | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="The board as md (default), json (prereview.batch/1), html or concise "
             "(path:line:col: severity criterion message). The first goes to stdout; with "
             "--out every one asked is written there too (default md and json).")] = None,
    rubric: Annotated[str | None, typer.Option(
        "--rubric", "-r", metavar="ID|PATH",
        help="One rubric for every document (default: detected per document).")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="DIR",
        help="Write each document's review files into DIR/<its relative path>/ and the "
             "board as DIR/board.*.")] = None,
    include: Annotated[list[str] | None, typer.Option(
        "--include", metavar="GLOB", help="Review only files matching (repeatable).")] = None,
    exclude: Annotated[list[str] | None, typer.Option(
        "--exclude", metavar="GLOB", help="Leave out files matching (repeatable).")] = None,
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", metavar="not-ready|needs-work",
        help="Exit 1 when any document is at or below this verdict, or in error.")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-j", min=1, help="Worker processes (default: the machine's CPUs).")
    ] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Review every document again, even unchanged ones.")] = False,
    no_history: Annotated[bool, typer.Option(
        "--no-history", help="Do not record the reviews in the history store.")] = False,
    only_wb: Annotated[bool, typer.Option(
        "--only-wb", "--skip-non-docs",
        help="Skip files that are not Working-Backwards documents (README, CHANGELOG, "
             "files without any known document heading) instead of reviewing them.")
    ] = False,
    fast: Annotated[bool, typer.Option(
        "--fast", envvar="PREREVIEW_FAST",
        help="Always run the engine's process pool in-process, even with PREFECT_API_URL "
             "set.")] = False,
    flow: Annotated[bool, typer.Option(
        "--flow", help="Run as the review_batch Prefect flow (the default when "
        "PREFECT_API_URL is set or with --dask-address).")] = False,
    dask_address: Annotated[str | None, typer.Option(
        "--dask-address", metavar="tcp://HOST:PORT",
        help="Run the per-document work on this existing Dask cluster (through Prefect).")
    ] = None,
    llm: Annotated[bool, typer.Option(
        "--llm", help="Also assess judgment criteria with the LLM reviewer.")] = False,
    model: Annotated[str | None, typer.Option(
        "--model", metavar="NAME", help="The model for --llm.")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace existing files under --out that are not earlier prereview "
                        "outputs.")] = False,
) -> None:
    """Review many documents: the readiness board, least ready first."""
    from prereview.batch.board import gate_failed
    from prereview.batch.worker import Options
    from prereview.cli_flow import EXIT_PREFECT, PrefectFailure, use_flow
    from prereview.review import Verdict

    formats = parse_board_formats(fmt)
    gate: Verdict | None = None
    if fail_on is not None:
        try:
            gate = Verdict(fail_on)
        except ValueError:
            raise typer.BadParameter("must be not-ready or needs-work",
                                     param_hint="--fail-on") from None
    if fast and dask_address:
        raise typer.BadParameter("--dask-address runs through Prefect; drop --fast",
                                 param_hint="--dask-address")
    try:
        _check_rubric(rubric)
        settings = reviewer_settings(model) if llm or model else None
        options = Options(
            rubric=rubric, out_dir=str(out) if out is not None else None,
            formats=document_formats(formats), use_cache=not no_cache, only_wb=only_wb,
            force=force,
            record_history=not no_history,
            concise="concise" in formats,
            llm=settings if not (dask_address or use_flow(flow, fast)) else None,
        )
        if not (dask_address or use_flow(flow, fast)):
            board = run_fast(paths, options, workers, include or [], exclude or [])
        else:
            board = run_flow(paths, options, workers, include or [], exclude or [],
                             dask_address, llm or model is not None, model, settings)
        emit(board, formats, out, force)
    except PrereviewError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    except PrefectFailure as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_PREFECT) from None
    if board.interrupted:
        sys.stderr.write(f"prereview: interrupted: {board.not_reviewed} document(s) not "
                         "reviewed\n")
        raise typer.Exit(EXIT_INTERRUPTED)
    if gate_failed(board, gate):
        raise typer.Exit(EXIT_GATE)


def register(app: typer.Typer) -> None:
    """Add ``batch`` to the ``prereview`` app."""
    app.command("batch")(batch_command)


def review_many(files: list[Path], fmt: list[str] | None, rubric: str | None,
                out: Path | None, fail_on: str | None, fast: bool, llm: bool,
                model: str | None, flow: bool = False) -> None:
    """``prereview review a.md b.md``: several files are a batch (the board on
    stdout in md, json or concise; each document's files under --out)."""
    batch_command(
        paths=[str(f) for f in files], fmt=fmt, rubric=rubric, out=out, include=None,
        exclude=None, fail_on=fail_on, workers=None, no_cache=False, only_wb=False,
        fast=fast, flow=flow, dask_address=None, llm=llm, model=model,
    )

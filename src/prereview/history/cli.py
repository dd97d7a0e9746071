"""``prereview accept`` and ``prereview history``, registered on the main Typer
app by ``register`` (the CLI module keeps only that line)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from prereview.errors import PrereviewError

EXIT_USAGE = 2


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"
    html = "html"


def _fail(message: str) -> typer.Exit:
    sys.stderr.write(f"prereview: error: {message}\n")
    return typer.Exit(EXIT_USAGE)


def history_files(ref: str, out: Path) -> list[Path]:
    """history.json, history.html (chart inline) and score-trend.svg into ``out``."""
    from prereview.history.chart import trend_svg
    from prereview.history.page import render_history_html, render_history_json
    from prereview.history.queries import document_history
    from prereview.outputs import Output, ensure_dir, write_set

    history = document_history(ref)
    svg = trend_svg(history)
    folder = ensure_dir(out)
    texts = {"history.json": render_history_json(history),
             "history.html": render_history_html(history, svg), "score-trend.svg": svg}
    # Whole or not at all, never through a symlink (prereview.outputs); these
    # names are prereview's own, so a second run replaces them.
    return write_set([Output(folder / name, _encoder(text)) for name, text in texts.items()],
                     force=True, notify=None)


def _encoder(text: str) -> Callable[[], bytes]:
    data = (text.rstrip("\n") + "\n").encode("utf-8")
    return lambda: data


def history_command(
    document: Annotated[str, typer.Argument(
        metavar="PATH|DOC_ID", help="A reviewed file, or its doc_id.")],
    fmt: Annotated[HistoryFormat, typer.Option(
        "--format", "-f", help="table (default), json, or html (the page with the chart).",
    )] = HistoryFormat.table,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="DIR",
        help="Write history.json, history.html and score-trend.svg into DIR and print "
             "their paths.",
    )] = None,
) -> None:
    """Every recorded review of a document: score, verdict, resolved/new/persisting
    per revision, criterion status over time, the score trend."""
    from prereview.history.page import render_history_json, render_table
    from prereview.history.queries import document_history

    try:
        if out is not None:
            paths = history_files(document, out)
            sys.stdout.write("\n".join(str(p) for p in paths) + "\n")
            return
        history = document_history(document)
        if fmt == HistoryFormat.json:
            text = render_history_json(history)
        elif fmt == HistoryFormat.html:
            from prereview.history.chart import trend_svg
            from prereview.history.page import render_history_html

            text = render_history_html(history, trend_svg(history))
        else:
            text = render_table(history)
    except PrereviewError as exc:
        raise _fail(str(exc)) from None
    sys.stdout.write(text.rstrip("\n") + "\n")


def accept_command(
    fingerprint: Annotated[str, typer.Argument(
        metavar="FINGERPRINT", help="The finding's fingerprint (in every report).")],
    reason: Annotated[str, typer.Option(
        "--reason", metavar="TEXT", help="How the finding was answered (required).",
    )],
    doc: Annotated[str | None, typer.Option(
        "--doc", metavar="PATH|DOC_ID",
        help="The document (default: every document whose latest review has it).",
    )] = None,
) -> None:
    """Settle a finding: later reviews show it as accepted and leave it out of the
    score while its fingerprint persists."""
    from prereview.history.queries import accept

    try:
        settled = accept(fingerprint, reason, doc)
    except PrereviewError as exc:
        raise _fail(str(exc)) from None
    for item in settled:
        sys.stdout.write(f"accepted {item.fingerprint} {item.criterion} in {item.doc_id}: "
                         f"{item.message}\n")


def register(app: typer.Typer) -> None:
    """Add ``accept`` and ``history`` to the ``prereview`` app."""
    app.command("history")(history_command)
    app.command("accept")(accept_command)

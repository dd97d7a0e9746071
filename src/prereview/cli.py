"""The ``prereview`` command line.

``review`` calls the engine in-process unless a Prefect API is configured
(``PREFECT_API_URL``) or ``--flow`` is given; then it runs the ``review_document``
flow (see ``prereview.cli_flow``). Prefect is imported lazily, only on the flow
path, so the default review, ``rubrics ...`` and ``--help`` stay quick.

Exit codes: 0 the command did its job (whatever the verdict), 1 a ``--fail-on``
gate was not met, 2 bad input or usage (one line on stderr, no traceback),
3 Prefect failed on the flow path (one line naming what failed and what to do).
"""

from __future__ import annotations

import contextlib
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from prereview import __version__
from prereview.batch.cli import register as register_batch
from prereview.cli_common import EXIT_GATE, emit, err, reviewer_settings, user_errors, warn
from prereview.cli_flow import EXIT_PREFECT, PrefectFailure, review_flow, use_flow
from prereview.cli_rubrics import kinds_command, rubrics_app
from prereview.history.cli import register as register_history
from prereview.submit import register as register_team

if TYPE_CHECKING:
    from prereview.engine import ReviewRun
    from prereview.history import Tracking
    from prereview.review import Review
    from prereview.reviewer import ReviewerSettings


class FailOn(StrEnum):
    not_ready = "not-ready"
    needs_work = "needs-work"


app = typer.Typer(
    name="prereview",
    help="Pre-review Working-Backwards documents (PR/FAQs, narratives, design docs).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(rubrics_app, name="rubrics")
app.command("kinds")(kinds_command)
register_batch(app)
register_history(app)  # prereview history, prereview accept
register_team(app)  # prereview submit, prereview serve


def _version(value: bool) -> None:
    if value:
        emit(f"prereview {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    """Pre-review Working-Backwards documents (PR/FAQs, narratives, design docs)."""


# --------------------------------------------------------------------------- review


def _review_fast(
    file: Path, rubric: str | None, out: Path | None, formats: list[str] | None,
    llm: ReviewerSettings | None, tracking: Tracking, force: bool = False,
) -> ReviewRun:
    """The engine in-process (the functions the flow's tasks call): no Prefect
    import at all."""
    from prereview.engine import run
    from prereview.reports import formats_for, write_report_set

    result = run(file, rubric, llm, tracking=tracking)
    if out is not None:
        written = write_report_set(result.review, out,
                                   formats_for(formats, result.document.format), result.document,
                                   force=force)
        result.reports = [str(p) for p in written.paths]
        result.unplaced = written.unplaced
    return result


def _parse_formats(values: list[str] | None) -> list[str] | None:
    """``--format md --format json`` or ``--format md,json``; checked here so a typo
    is a usage error (exit 2) before any work."""
    from prereview.reports import FORMATS

    if not values:
        return None
    formats: list[str] = []
    for value in values:
        for fmt in (v.strip().lower() for v in value.split(",")):
            if fmt not in FORMATS:
                raise typer.BadParameter(
                    f"'{fmt}' is not one of {', '.join(FORMATS)}", param_hint="--format"
                )
            if fmt not in formats:
                formats.append(fmt)
    return formats


def _gate_failed(review: Review, fail_on: FailOn | None) -> bool:
    from prereview.review import VERDICT_ORDER, Verdict

    if fail_on is None:
        return False
    return VERDICT_ORDER[review.verdict] >= VERDICT_ORDER[Verdict(fail_on.value)]


@app.command()
def review(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE...", show_default=False, readable=False,
        help="The .md or .docx document to review (several: reviewed as a batch, "
             "like 'prereview batch').")],
    fmt: Annotated[list[str] | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="md (default), json, html, sarif, concise (path:line:col: severity criterion "
             "message) or docx (the annotated Word file). Repeat or "
             "comma-separate for several; several need --out, except docx alone, which is "
             "written beside FILE.",
    )] = None,
    rubric: Annotated[str | None, typer.Option(
        "--rubric", "-r", metavar="ID|PATH",
        help="A built-in rubric id or a YAML rubric file (default: detected from headings).",
    )] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="DIR",
        help="Write the reports into DIR (default report.md and review.json; the annotated "
             "<stem>.reviewed.docx too for .docx input) and print their paths.",
    )] = None,
    fail_on: Annotated[FailOn | None, typer.Option(
        "--fail-on", help="Exit 1 when the verdict is this or worse (not-ready is worst).",
    )] = None,
    fast: Annotated[bool, typer.Option(
        "--fast", envvar="PREREVIEW_FAST",
        help="Always run the engine in-process, even with PREFECT_API_URL set "
             "(env PREREVIEW_FAST=1).",
    )] = False,
    flow: Annotated[bool, typer.Option(
        "--flow", help="Run as the review_document Prefect flow (the default when "
        "PREFECT_API_URL is set); without a server Prefect starts a temporary one.",
    )] = False,
    llm: Annotated[bool, typer.Option(
        "--llm", help="Also assess the judgment criteria with the LLM reviewer "
        "(OPENAI_API_KEY, OPENAI_BASE_URL, PREREVIEW_MODEL or the config file).",
    )] = False,
    model: Annotated[str | None, typer.Option(
        "--model", metavar="NAME", help="The model for --llm (default: PREREVIEW_MODEL).",
    )] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace existing files that are not earlier prereview outputs.",
    )] = False,
    follow_symlinks: Annotated[bool, typer.Option(
        "--follow-symlinks", help="Review FILE even when it is a symbolic link to a file "
        "outside the working tree.",
    )] = False,
    no_history: Annotated[bool, typer.Option(
        "--no-history", help="Do not record this review in the history store "
        "(also PREREVIEW_HISTORY=0).",
    )] = False,
    doc_id: Annotated[str | None, typer.Option(
        "--doc-id", metavar="ID", help="The document's id across drafts (default: front "
        "matter doc_id, the .docx property, else the file's path).",
    )] = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="REF", help="Show in full only the findings in text changed "
        "since git REF (or PREVIOUS: the last recorded revision); count the rest.",
    )] = None,
) -> None:
    """Review one document: a report on stdout, or files with --out."""
    from prereview.reports import REGISTRY, render

    if len(files) > 1:
        from prereview.batch.cli import review_many

        review_many(files, fmt, rubric, out, fail_on.value if fail_on else None, fast, llm,
                    model, flow)
        return
    file = files[0]

    formats = _parse_formats(fmt)
    stdout_format: str | None = None
    if out is None:
        if formats and all(REGISTRY[f].render is None for f in formats):
            out = file.parent  # files only (the .docx): the author's folder, beside the draft
        elif formats is None or len(formats) == 1:
            stdout_format = formats[0] if formats else "md"
        else:
            raise typer.BadParameter(
                "several formats need --out DIR (stdout carries one report)",
                param_hint="--format",
            )
    with user_errors():
        from prereview.ingest import check_path
        from prereview.inputs import check_input

        check_input(file, follow_symlinks=follow_symlinks)
        check_path(file)
        settings = reviewer_settings(model) if llm or model else None
        from prereview.history import Tracking

        tracking = Tracking.from_env(record=not no_history, doc_id=doc_id, since=since)
        if use_flow(flow, fast):
            if rubric is not None:
                from prereview.rubrics import shared_rubric

                shared_rubric(rubric)  # a bad rubric is refused before Prefect starts
            try:
                run = review_flow(file, rubric, out, formats, settings, force, tracking)
            except PrefectFailure as exc:
                err(str(exc))
                raise typer.Exit(EXIT_PREFECT) from None
        else:
            run = _review_fast(file, rubric, out, formats, settings, tracking, force)
        if run.review.llm.error:
            err(f"{file}: {run.review.llm.error} (judgment criteria not assessed)")
        for path, unplaced in run.unplaced.items():
            warn(f"{path}: {len(unplaced)} finding(s) not anchored on their text "
                 f"({'; '.join(unplaced[:3])}{'; ...' if len(unplaced) > 3 else ''})")
        if stdout_format is None:
            emit("\n".join(run.reports))
        else:
            emit(render(run.review, stdout_format, run.document))
    result = run.review
    if _gate_failed(result, fail_on):
        raise typer.Exit(EXIT_GATE)


# --------------------------------------------------------------------------- entry


def _silence_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null so the interpreter's final
    flush does not print 'Exception ignored ... BrokenPipeError'."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: list[str] | None = None) -> None:
    """Console-script entry: exit codes as documented, never a traceback for a
    closed pipe or Ctrl-C."""
    code: int | str | None = 0
    try:
        app(args=argv, prog_name="prereview")
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:
        sys.stderr.write("prereview: interrupted\n")
        code = 130
    except BrokenPipeError:
        _silence_stdout()
        code = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        code = code or 1
    except (OSError, ValueError):
        pass
    sys.exit(code)


if __name__ == "__main__":
    main()

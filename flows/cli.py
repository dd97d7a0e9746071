"""The ``prereview`` command line.

``review`` runs through the ``review_document`` Prefect flow by default, or with
``--fast`` (or ``PREREVIEW_FAST=1``) calls the same engine functions directly
without importing Prefect, for editors and pre-commit hooks. Prefect is imported
lazily so ``--fast``, ``rubrics ...`` and ``--help`` stay quick.

Exit codes: 0 the command did its job (whatever the verdict), 1 a ``--fail-on``
gate was not met, 2 bad input or usage (one line on stderr, no traceback).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from prereview import __version__
from prereview.errors import PrereviewError

if TYPE_CHECKING:
    from prereview.engine import ReviewRun
    from prereview.review import Review
    from prereview.reviewer import ReviewerSettings
    from prereview.rubrics import Criterion, Rubric

EXIT_GATE = 1
EXIT_USAGE = 2


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
rubrics_app = typer.Typer(
    help="List, show and validate rubrics.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(rubrics_app, name="rubrics")


def _err(message: str) -> None:
    sys.stderr.write(f"prereview: error: {message}\n")
    sys.stderr.flush()


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@contextlib.contextmanager
def _user_errors() -> Iterator[None]:
    """A PrereviewError (bad document, bad rubric) is one line and exit code 2."""
    try:
        yield
    except PrereviewError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_USAGE) from None


def _version(value: bool) -> None:
    if value:
        _out(f"prereview {__version__}")
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
    llm: ReviewerSettings | None,
) -> ReviewRun:
    """The engine directly: no Prefect import at all."""
    from prereview.engine import run
    from prereview.reports import formats_for, write_reports

    result = run(file, rubric, llm)
    if out is not None:
        written = write_reports(result.review, out,
                                formats_for(formats, result.document.format), result.document)
        result.reports = [str(p) for p in written]
    return result


def _review_flow(
    file: Path, rubric: str | None, out: Path | None, formats: list[str] | None,
    llm: ReviewerSettings | None,
) -> ReviewRun:
    """Through the ``review_document`` flow (Prefect local mode, or the server in
    ``PREFECT_API_URL``)."""
    from prereview_flows.settings import configure_prefect_env

    configure_prefect_env()
    from prefect.logging.configuration import ensure_logging_setup

    from prereview_flows.review import review_document
    from prereview_flows.settings import local_run_settings, quiet_user_errors

    ensure_logging_setup()
    quiet_user_errors()
    with local_run_settings():
        result: ReviewRun = review_document(
            path=str(file), rubric=rubric, out_dir=str(out) if out is not None else None,
            formats=formats, artifact=True, llm=llm is not None,
            model=llm.model if llm is not None else None,
        )
    return result


def _reviewer_settings(model: str | None) -> ReviewerSettings:
    """Reviewer settings checked before any work: a bad value is a usage error."""
    from pydantic import ValidationError

    from prereview.reviewer import load_settings

    try:
        return load_settings(model=model)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "settings"
        raise PrereviewError(f"LLM reviewer settings: {where}: {err['msg']}") from None


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
    file: Annotated[Path, typer.Argument(metavar="FILE", show_default=False,
                                         help="The .md or .docx document to review.")],
    fmt: Annotated[list[str] | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="md (default), json, html, sarif or docx (the annotated Word file). Repeat or "
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
        help="Run the engine directly, without Prefect (sub-second; env PREREVIEW_FAST=1).",
    )] = False,
    llm: Annotated[bool, typer.Option(
        "--llm", help="Also assess the judgment criteria with the LLM reviewer "
        "(OPENAI_API_KEY, OPENAI_BASE_URL, PREREVIEW_MODEL or the config file).",
    )] = False,
    model: Annotated[str | None, typer.Option(
        "--model", metavar="NAME", help="The model for --llm (default: PREREVIEW_MODEL).",
    )] = None,
) -> None:
    """Review one document: a report on stdout, or files with --out."""
    from prereview.reports import render

    formats = _parse_formats(fmt)
    stdout_format: str | None = None
    if out is None:
        if formats == ["docx"]:
            out = file.parent  # the author's own folder, beside the draft
        elif formats is None or len(formats) == 1:
            stdout_format = formats[0] if formats else "md"
        else:
            raise typer.BadParameter(
                "several formats need --out DIR (stdout carries one report)",
                param_hint="--format",
            )
    with _user_errors():
        from prereview.ingest import check_path

        check_path(file)
        settings = _reviewer_settings(model) if llm or model else None
        run = (_review_fast if fast else _review_flow)(file, rubric, out, formats, settings)
        if run.review.llm.error:
            _err(f"{file}: {run.review.llm.error} (judgment criteria not assessed)")
        if stdout_format is None:
            _out("\n".join(run.reports))
        else:
            _out(render(run.review, stdout_format, run.document))
    result = run.review
    if _gate_failed(result, fail_on):
        raise typer.Exit(EXIT_GATE)


# --------------------------------------------------------------------------- rubrics


@rubrics_app.command("list")
def rubrics_list() -> None:
    """Every rubric found (built-in and on PREREVIEW_RUBRIC_PATH)."""
    from prereview.rubrics import available, load_rubric

    rows: list[tuple[str, str, str]] = []
    broken = 0
    for rid in available():
        try:
            rubric = load_rubric(rid)
        except PrereviewError as exc:
            _err(str(exc))
            broken += 1
            continue
        rules = sum(1 for c in rubric.active if c.check is not None)
        counts = f"{len(rubric.active)} ({rules} rule)"
        title = rubric.title + (f" (extends {', '.join(rubric.extends)})" if rubric.extends else "")
        rows.append((rubric.id, counts, title))
    width = max([len("ID"), *(len(r[0]) for r in rows)])
    cwidth = max([len("CRITERIA"), *(len(r[1]) for r in rows)])
    lines = [f"{'ID':<{width}}  {'CRITERIA':<{cwidth}}  TITLE"]
    lines.extend(f"{rid:<{width}}  {counts:<{cwidth}}  {title}" for rid, counts, title in rows)
    _out("\n".join(lines))
    if broken:
        raise typer.Exit(EXIT_USAGE)


def _params_text(params: dict[str, Any]) -> str:
    return ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in params.items())


def _indent(text: str, prefix: str) -> list[str]:
    return [f"{prefix}{line}".rstrip() for line in text.strip("\n").splitlines()]


def _criterion_text(c: Criterion) -> list[str]:
    head = f"{c.id}  {c.title}" + ("  [disabled]" if not c.enabled else "")
    meta = f"  severity: {c.severity.value}   weight: {c.weight:g}   kind: {c.kind}"
    lines = [head, meta]
    if c.check is not None:
        params = _params_text(c.check.params)
        lines.append(f"  check: {c.check.kind}" + (f" ({params})" if params else ""))
    if c.guidance:
        lines.append(f"  guidance: {' '.join(c.guidance.split())}")
    if c.suggestion:
        lines.append(f"  suggestion: {' '.join(c.suggestion.split())}")
    for label, examples in (("pass", c.examples.pass_), ("fail", c.examples.fail)):
        for example in examples:
            lines.append(f"  {label} example:")
            lines.extend(_indent(example, "    | "))
    return lines


def rubric_text(rubric: Rubric) -> str:
    """``rubrics show``: the rubric header, then every criterion in full."""
    lines = [
        f"{rubric.id}: {rubric.title}".rstrip(": "),
        f"version: {rubric.version}   threshold: {rubric.threshold:g}",
    ]
    if rubric.extends:
        lines.append(f"extends: {', '.join(rubric.extends)}")
    if rubric.source:
        lines.append(f"source: {rubric.source}")
    if rubric.description:
        lines.append(" ".join(rubric.description.split()))
    if rubric.sections:
        lines.append("sections:")
        for sid, spec in rubric.sections.items():
            extra = f" (else before {spec.before})" if spec.before else ""
            extra += " [appendix]" if spec.appendix else ""
            lines.append(f"  {sid}: {' | '.join(spec.headings)}{extra}")
    active = len(rubric.active)
    lines.append(f"criteria: {active}" + (
        f" ({len(rubric.criteria) - active} disabled)" if active != len(rubric.criteria) else ""
    ))
    for c in rubric.criteria:
        lines.append("")
        lines.extend(_criterion_text(c))
    return "\n".join(lines)


@rubrics_app.command("show")
def rubrics_show(
    rubric: Annotated[str, typer.Argument(metavar="ID|PATH", help="Rubric id or YAML file.")],
) -> None:
    """Every criterion: severity, weight, rule or judgment, check, guidance, examples."""
    from prereview.rubrics import load_rubric

    with _user_errors():
        loaded = load_rubric(rubric)
    _out(rubric_text(loaded))


@rubrics_app.command("validate")
def rubrics_validate(
    file: Annotated[Path, typer.Argument(metavar="FILE", show_default=False,
                                         help="A YAML rubric file.")],
) -> None:
    """Load a rubric file (with what it extends): OK and its version, or the error."""
    from prereview.rubrics import load_rubric

    with _user_errors():
        loaded = load_rubric(file)
    _out(f"OK {loaded.id} version {loaded.version} ({len(loaded.active)} criteria)")


# --------------------------------------------------------------------------- kinds


@app.command("kinds")
def kinds_command(
    kind: Annotated[str | None, typer.Argument(metavar="[KIND]", show_default=False,
                                               help="One check kind (default: all).")] = None,
    markdown: Annotated[bool, typer.Option(
        "--markdown", help="All kinds as Markdown (docs/check-kinds.md).")] = False,
    schema: Annotated[bool, typer.Option(
        "--schema", help="JSON Schema of rubric YAML (docs/rubric.schema.json).")] = False,
) -> None:
    """Every check kind a rubric can use: its purpose and parameters (types,
    defaults, descriptions)."""
    from prereview.checks.docs import kinds_markdown, kinds_text, rubric_schema_json

    if markdown or schema:
        sys.stdout.write(kinds_markdown() if markdown else rubric_schema_json())
        return
    try:
        text = kinds_text(kind)
    except KeyError as exc:
        _err(str(exc.args[0]))
        raise typer.Exit(EXIT_USAGE) from None
    _out(text)


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

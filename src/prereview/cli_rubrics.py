"""``prereview rubrics list|show|validate`` and ``prereview kinds``: the rubrics and
check kinds as a reader sees them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from prereview.cli_common import EXIT_USAGE, emit, err, user_errors, warn
from prereview.errors import PrereviewError

if TYPE_CHECKING:
    from prereview.rubrics import Criterion, Rubric

rubrics_app = typer.Typer(
    help="List, show and validate rubrics.", no_args_is_help=True, rich_markup_mode=None
)


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
            err(str(exc))
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
    emit("\n".join(lines))
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

    with user_errors():
        loaded = load_rubric(rubric)
    emit(rubric_text(loaded))


@rubrics_app.command("validate")
def rubrics_validate(
    file: Annotated[Path, typer.Argument(metavar="FILE", show_default=False, readable=False,
                                         help="A YAML rubric file.")],
) -> None:
    """Load a rubric file (with what it extends): OK and its version, or the error;
    a warning for each pattern that can backtrack catastrophically."""
    from prereview.regexes import PATTERN_TIMEOUT, risky_patterns
    from prereview.rubrics import load_rubric

    with user_errors():
        loaded = load_rubric(file)
    found = [hit for c in loaded.active if c.check is not None
             for hit in risky_patterns(c.check.params, c.id)]
    for sid, spec in loaded.sections.items():
        found.extend(risky_patterns(list(spec.headings), f"sections.{sid}.headings"))
    for where, pattern, why in found:
        warn(f"{file}: {where}: pattern {pattern!r} can backtrack catastrophically ({why}); "
             f"it runs with a {PATTERN_TIMEOUT:g} s limit per match")
    emit(f"OK {loaded.id} version {loaded.version} ({len(loaded.active)} criteria)")


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
        err(str(exc.args[0]))
        raise typer.Exit(EXIT_USAGE) from None
    emit(text)

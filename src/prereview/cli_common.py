"""What every ``prereview`` command shares: exit codes and the two output streams.

Stdout carries only what was asked for; errors are one line on stderr.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import typer

from prereview.errors import PrereviewError
from prereview.terminal import strip_controls

if TYPE_CHECKING:
    from prereview.reviewer import ReviewerSettings

EXIT_GATE = 1
"""A ``--fail-on`` gate was not met."""
EXIT_USAGE = 2
"""Bad input or usage (one line on stderr, no traceback)."""


def err(message: str) -> None:
    """One line on stderr, in the form tools and people both parse."""
    sys.stderr.write(strip_controls(f"prereview: error: {message}") + "\n")
    sys.stderr.flush()


def warn(message: str) -> None:
    """One line on stderr for what was done only in part (the command still succeeds)."""
    sys.stderr.write(strip_controls(f"prereview: warning: {message}") + "\n")
    sys.stderr.flush()


def emit(text: str) -> None:
    """What was asked for, on stdout, newline-terminated; the document's control
    characters never reach the terminal raw (see ``prereview.terminal``)."""
    text = strip_controls(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """A PrereviewError (bad document, bad rubric) is one line and exit code 2."""
    try:
        yield
    except PrereviewError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_USAGE) from None


def reviewer_settings(model: str | None) -> ReviewerSettings:
    """Reviewer settings checked before any work: a bad value is a usage error."""
    from pydantic import ValidationError

    from prereview.reviewer import load_settings

    try:
        return load_settings(model=model)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        raise PrereviewError(f"LLM reviewer settings: {where}: {first['msg']}") from None
    except ValueError as exc:  # a config file that cannot be read or parsed
        raise PrereviewError(str(exc).splitlines()[0] if str(exc) else "invalid config") from None

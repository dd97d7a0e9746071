"""Errors that reach the user as one line (exit code 2), never as a traceback."""

from __future__ import annotations


class PrereviewError(Exception):
    """Base: anything the CLI turns into one line on stderr and exit code 2."""


class InputError(PrereviewError):
    """A document that cannot be reviewed: names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class RubricError(PrereviewError):
    """A rubric that does not load: names the file, the line where known, the field."""


class PrefectUnavailable(PrereviewError):
    """Prefect could not run the review (its temporary server did not start): the
    CLI's flow path reports it as one line with an exit code of its own (3)."""

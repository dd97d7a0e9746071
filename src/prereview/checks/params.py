"""Parameter types of the check kinds: every kind's parameters are a ``Params``
model, validated when the rubric loads, so a typo or a bad regular expression is
an error with its field's name before any document is read."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from prereview.document import PROSE_KINDS, BlockKind

FLAGS = re.IGNORECASE | re.MULTILINE


class Params(BaseModel):
    """Base of every kind's parameter model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, FLAGS)


def compile_all(patterns: list[str]) -> list[re.Pattern[str]]:
    """Case-insensitive, multi-line; compiled once per process (rubrics are many
    patterns, more than ``re``'s own cache holds)."""
    return [_compiled(p) for p in patterns]


def check_regexes(value: Any) -> Any:
    """Validator body: a rubric's bad regular expression is an error at load time."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        pattern = item.get("pattern") if isinstance(item, dict) else item
        if isinstance(pattern, str):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    return value


class Requirement(Params):
    """Something a section or paragraph must also contain, e.g. a number."""

    pattern: str
    what: str
    """How a reader would name it in a message: "a number", "dates or owners"."""

    @field_validator("pattern")
    @classmethod
    def _valid(cls, value: str) -> str:
        check_regexes(value)
        return value

    def found_in(self, text: str) -> bool:
        return _compiled(self.pattern).search(text) is not None


PROSE = sorted(PROSE_KINDS)
"""Default block kinds for style checks: the author's prose, never code, tables
or headings."""


class ProseParams(Params):
    """Where a style kind reads (the blocks of a scope, prose by default) and how
    many findings it tolerates before the criterion fails."""

    scope: str = "body"
    kinds: list[BlockKind] = Field(default_factory=lambda: list(PROSE))
    max_findings: int = Field(default=0, ge=0)
    """How many findings are tolerated before the criterion fails."""
    suggestion: str | None = None


class PatternSpec(BaseModel):
    """A regular expression with its own case rule (``TK`` only in capitals) and,
    optionally, its own message."""

    model_config = ConfigDict(extra="forbid")

    regex: str
    case_sensitive: bool = False
    message: str | None = None


Pattern = str | PatternSpec
"""A bare string is a case-insensitive regular expression."""


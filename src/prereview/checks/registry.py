"""The registry of check kinds: a criterion in YAML names a kind and its parameters.

Each kind is a function plus a pydantic model of its parameters, so a rubric's
typo is caught when the rubric loads, with the field's name. The registry is
filled by importing :mod:`prereview.checks.kinds`; it imports no kind itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from prereview.checks.params import Params

if TYPE_CHECKING:
    from prereview.checks.context import CheckContext
    from prereview.review import Finding, Severity
    from prereview.rubric.model import Criterion


@dataclass
class Outcome:
    """What a check decided for one criterion on one document."""

    passed: bool
    findings: list[Finding] = field(default_factory=list)
    note: str | None = None
    """One line a reader can act on: the measured value and the limit."""
    score: float | None = None
    """Share of the weight earned (0-1); defaults to 1 when passed, else 0. A warning
    (e.g. a press release over the soft length limit) passes with a lower score."""
    confident: bool = True
    """A failure the rule is sure of. A blocker fails as a blocker only when it is:
    a section found but thin, or missing only by its heading (no content search),
    fails as major (the catalogue: "a blocker fails only on confidence")."""
    severity: Severity | None = None
    """A failure milder than the criterion's own (a customer quote that is there,
    but outside the press release, fails as minor): findings and result take it.
    Never raises the severity."""
    found: bool | None = None
    """Whether the part the rule looks for (a section) is in the document, whatever
    the verdict: a thin section is found, an empty heading is not. None: the rule
    reads no part (a kind that only gives ``found_at`` found it when it does)."""
    found_at: str | None = None
    """Where it was found ("'Motivation'", "the text under 'Summary' (line 12)", a
    problem paragraph with no number: still there)."""
    still_fails: Callable[[int], bool] | None = None
    """For a failure that is a count over a tolerance: whether it still fails
    once ``n`` of its findings (empty headings) are counted under the criterion
    that judges their part (:mod:`prereview.checks.once`). None: it passes only
    when no finding is left."""


P = TypeVar("P", bound=Params)
CheckFn = Callable[["CheckContext", "Criterion", Any], Outcome]


@dataclass(frozen=True)
class Kind:
    name: str
    params: type[Params]
    fn: CheckFn
    doc: str


_KINDS: dict[str, Kind] = {}


def check_kind(name: str, params: type[P]) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the check kind ``name`` with parameter model ``params``."""

    def register(fn: CheckFn) -> CheckFn:
        if name in _KINDS:
            raise ValueError(f"check kind '{name}' registered twice")
        _KINDS[name] = Kind(name=name, params=params, fn=fn, doc=(fn.__doc__ or "").strip())
        return fn

    return register


def kinds() -> dict[str, Kind]:
    """Every registered kind (``prereview.checks.kinds`` registers the built-in ones)."""
    return dict(_KINDS)


def get_kind(name: str) -> Kind:
    if name not in _KINDS:
        raise KeyError(f"unknown check kind '{name}' (known: {', '.join(sorted(_KINDS))})")
    return _KINDS[name]

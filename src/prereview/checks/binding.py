"""Binding a rubric's checks: every criterion's parameters validated against its
kind's model once, with the rubric's sections known, so a reference to a section
it does not define or a bad regular expression is an error when the rubric loads
(``prereview rubrics validate`` meets everything ``review`` would), and the
runner reads the bound parameters instead of validating again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from prereview.checks.params import Params, validation_context
from prereview.checks.registry import Kind, get_kind
from prereview.errors import RubricError
from prereview.rubric.model import CheckSpec, Criterion, Rubric


@dataclass(frozen=True)
class BoundCheck:
    """A criterion's kind with its validated parameters."""

    kind: Kind
    params: Params
    raw: dict[str, Any]
    """The parameters as the rubric gave them: a criterion changed in code since
    it was bound (a test, a team's tweak) is bound again."""


class BindError(RubricError):
    """A criterion whose check does not bind: where (criterion index and id, the
    field inside ``check``) and why. The loader turns it into ``file:line: field``;
    raised by the runner only for a rubric built in code."""

    def __init__(self, index: int, criterion: str, loc: tuple[int | str, ...], message: str):
        super().__init__(f"criteria[{index}] ({criterion}).check: {message}")
        self.index = index
        self.criterion = criterion
        self.loc = loc
        self.message = message


LOCATE = ":locate"
"""Suffix of the key a judgment-only criterion's ``locate`` rule is bound under."""


def _bind_one(rubric: Rubric, index: int, criterion: Criterion,
              spec: CheckSpec | None = None) -> BoundCheck:
    spec = spec if spec is not None else criterion.check
    assert spec is not None
    raw = spec.params
    try:
        kind = get_kind(spec.kind)
    except KeyError as exc:
        raise BindError(index, criterion.id, ("kind",), str(exc.args[0])) from None
    try:
        params = kind.params.model_validate(raw, context=validation_context(rubric.sections))
    except ValidationError as exc:
        err = exc.errors()[0]
        raise BindError(index, criterion.id, tuple(err["loc"]), err["msg"]) from None
    return BoundCheck(kind=kind, params=params, raw=raw)


def bind(rubric: Rubric) -> dict[str, BoundCheck]:
    """Bind every criterion with a check (the first that does not raises
    :class:`BindError`) and keep the result on the rubric for the runner."""
    bound = {
        c.id: _bind_one(rubric, i, c) for i, c in enumerate(rubric.criteria) if c.check is not None
    }
    bound.update({
        c.id + LOCATE: _bind_one(rubric, i, c, c.locate)
        for i, c in enumerate(rubric.criteria) if c.locate is not None
    })
    rubric.keep_bound(bound)
    return bound


def bound_check(rubric: Rubric, criterion: Criterion, *, locate: bool = False) -> BoundCheck:
    """The bound check of ``criterion`` (its ``locate`` rule with ``locate``);
    bound now when the rubric was built in code or the criterion changed since it
    was bound."""
    spec = criterion.locate if locate else criterion.check
    assert spec is not None
    key = criterion.id + (LOCATE if locate else "")
    entry = rubric.bound_checks.get(key)
    if (
        isinstance(entry, BoundCheck)
        and entry.kind.name == spec.kind
        and entry.raw == spec.params
    ):
        return entry
    index = next((i for i, c in enumerate(rubric.criteria) if c.id == criterion.id), 0)
    entry = _bind_one(rubric, index, criterion, spec)
    rubric.keep_bound({**rubric.bound_checks, key: entry})
    return entry

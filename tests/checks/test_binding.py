"""bind(rubric): every check validated once when the rubric loads; the runner
reads the bound parameters and validates again only a criterion changed since."""

from __future__ import annotations

from typing import Any

import pytest

from prereview.checks import run_checks
from prereview.checks.binding import BindError, bind, bound_check
from prereview.checks.kinds.press import HeadlineParams
from prereview.ingest.markdown import parse_markdown
from prereview.review import Status
from prereview.rubrics import Criterion, Rubric, load_rubric

DOC = "# Acme launches Acme Pay, a wallet for small shops\n\nSEATTLE — Acme today launched it.\n"


def test_loading_binds_every_check_with_typed_params() -> None:
    rubric = load_rubric("prfaq")
    with_checks = [c for c in rubric.criteria if c.check is not None]
    located = [c for c in rubric.criteria if c.locate is not None]
    assert sorted(rubric.bound_checks) == sorted(
        [c.id for c in with_checks] + [c.id + ":locate" for c in located])
    assert [c.id for c in located] == ["pr.solution"]
    assert rubric.bound_checks["pr.solution:locate"].kind.name == "solution"
    headline = rubric.bound_checks["pr.headline"]
    assert headline.kind.name == "headline" and isinstance(headline.params, HeadlineParams)
    assert (headline.params.scope, headline.params.warn_above) == ("press-release", 15)


def test_the_runner_does_not_validate_bound_params_again(monkeypatch: pytest.MonkeyPatch) -> None:
    rubric = load_rubric("prfaq")

    def refuse(cls: type, *args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"{cls.__name__} validated at run time")

    monkeypatch.setattr(HeadlineParams, "model_validate", classmethod(refuse))
    results = {r.id: r for r in run_checks(parse_markdown(DOC, "d.md"), rubric)}
    assert results["pr.headline"].status == Status.PASSED


def test_a_criterion_changed_in_code_is_bound_again() -> None:
    rubric = load_rubric("prfaq")
    index = next(i for i, c in enumerate(rubric.criteria) if c.id == "pr.headline")
    changed = Criterion.model_validate({"id": "pr.headline", "title": "Headline",
                                        "severity": "blocker",
                                        "check": {"kind": "headline", "warn_above": 3}})
    rubric.criteria[index] = changed
    params = bound_check(rubric, changed).params
    assert isinstance(params, HeadlineParams) and params.warn_above == 3
    assert rubric.bound_checks["pr.headline"].params is params


def test_bind_names_the_criterion_and_field() -> None:
    rubric = Rubric.model_validate({"id": "t", "criteria": [
        {"id": "t.a", "title": "A", "severity": "minor",
         "check": {"kind": "order", "first": "goals", "then": "risks"}}]})
    with pytest.raises(BindError) as caught:
        bind(rubric)
    assert (caught.value.index, caught.value.criterion, caught.value.loc) == (0, "t.a", ("first",))
    assert caught.value.message == "unknown section 'goals' (sections of this rubric: none defined)"

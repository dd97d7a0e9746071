"""Rule checks: every criterion with a ``check`` is decided here, without a model.

Importing this package registers the check kinds (``structure``, ``style``).
"""

from __future__ import annotations

from prereview.checks import structure, style  # noqa: F401  (registers the kinds)
from prereview.checks.context import CheckContext
from prereview.checks.registry import Outcome, get_kind
from prereview.document import Document
from prereview.review import CriterionResult, Status
from prereview.rubrics import Criterion, Rubric

NOT_ASSESSED_NOTE = "judgment criterion: needs the LLM reviewer (run with --llm)"

__all__ = ["CheckContext", "Outcome", "run_checks", "run_criterion"]


def run_criterion(context: CheckContext, criterion: Criterion) -> CriterionResult:
    """Decide one criterion by its rule; judgment-only criteria are not assessed."""
    base = CriterionResult(
        id=criterion.id,
        title=criterion.title,
        severity=criterion.severity,
        weight=criterion.weight,
        guidance=criterion.guidance,
        status=Status.NOT_ASSESSED,
        source="llm",
        note=NOT_ASSESSED_NOTE,
    )
    if criterion.check is None:
        return base
    kind = get_kind(criterion.check.kind)
    params = kind.params.model_validate(criterion.check.params)
    outcome: Outcome = kind.fn(context, criterion, params)
    score = outcome.score if outcome.score is not None else (1.0 if outcome.passed else 0.0)
    return base.model_copy(update=dict(
        status=Status.PASSED if outcome.passed else Status.FAILED,
        score=max(0.0, min(1.0, score)),
        source="rule",
        findings=outcome.findings,
        note=outcome.note,
    ))


def run_checks(document: Document, rubric: Rubric) -> list[CriterionResult]:
    context = CheckContext(document, rubric)
    return [run_criterion(context, c) for c in rubric.active]

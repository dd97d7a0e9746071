"""Score and verdict, exactly as the rubric catalogue defines them."""

from __future__ import annotations

from prereview.review import CriterionResult, Severity, Status, Verdict


def overall_score(results: list[CriterionResult]) -> float:
    """Weighted share (0-100) of assessed criteria earned; not-assessed and
    not-applicable criteria leave the denominator. No assessed weight scores 0."""
    assessed = [r for r in results
                if r.status not in (Status.NOT_ASSESSED, Status.NOT_APPLICABLE)]
    total = sum(r.weight for r in assessed)
    if total <= 0:
        return 0.0
    return round(100.0 * sum(r.weight * r.score for r in assessed) / total, 1)


def verdict(results: list[CriterionResult], score: float, threshold: float) -> Verdict:
    if any(r.status == Status.FAILED and r.severity == Severity.BLOCKER for r in results):
        return Verdict.NOT_READY
    if score < threshold:
        return Verdict.NEEDS_WORK
    return Verdict.READY

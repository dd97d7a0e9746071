"""Settled findings (accepted by the author or suppressed inline) are shown but
not counted: a failed criterion whose findings are all settled passes, and the
score and verdict are computed again."""

from __future__ import annotations

from prereview.document import Document
from prereview.history.suppress import Suppressions
from prereview.review import CriterionResult, Review, Status
from prereview.scoring import overall_score, verdict


def settle(
    review: Review, document: Document, suppressions: Suppressions,
    accepted: dict[str, str],
) -> Review:
    """A copy of ``review`` with findings marked and score/verdict re-computed;
    ``accepted`` maps fingerprints to the author's reason."""
    if not suppressions.rules and not accepted:
        return review
    criteria: list[CriterionResult] = []
    changed = False
    for result in review.criteria:
        findings = []
        for finding in result.findings:
            if finding.fingerprint in accepted:
                finding = finding.model_copy(update={
                    "settled": "accepted", "settled_reason": accepted[finding.fingerprint]})
            else:
                rule = suppressions.match(finding, document)
                if rule is not None:
                    finding = finding.model_copy(update={
                        "settled": "suppressed",
                        "settled_reason": f"<!-- prereview: {rule.directive} "
                                          f"{' '.join(rule.ids)} --> at line {rule.first_line}"
                                          .replace("  ", " ")})
            findings.append(finding)
        update: dict[str, object] = {"findings": findings}
        settled = sum(1 for f in findings if f.settled)
        if settled:
            changed = True
        if result.status == Status.FAILED and findings and settled == len(findings):
            update.update(status=Status.PASSED, score=1.0,
                          note=f"all {settled} finding{'s' if settled != 1 else ''} settled "
                               "(accepted or suppressed)")
        criteria.append(result.model_copy(update=update))
    if not changed:
        return review
    score = overall_score(criteria)
    return review.model_copy(update={
        "criteria": criteria, "score": score,
        "verdict": verdict(criteria, score, review.rubric.threshold),
    })

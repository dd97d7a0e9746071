"""A percentage that is a setting's value is not a claimed change (issue 8, blind
reading 8: cdk-0499's "10% growth factor over 20 minutes", a deployment
strategy's parameter, was flagged as an improvement with no baseline).

A growth factor, a step percentage, a rollout that "increases the traffic by 20%
at each step", a retry delay "doubled after each failed attempt" describe how
something is configured; a change the document claims ("rollbacks fell by 30%")
still needs its baseline. Layout document written here: a CDK RFC whose README
lists a construct's rollout strategies."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

CDK = "proposal-cdk-rollout-settings.md"


def _baseline(name: str, text: str | None = None) -> tuple[Status, list[tuple[str | None,
                                                                             int | None]]]:
    result = by_id(review_layout(name, text))["style.baseline"]
    return result.status, [(f.quote, f.location.line if f.location else None)
                           for f in result.findings]


def test_settings_are_not_changes_and_a_claimed_change_still_needs_its_baseline() -> None:
    assert _baseline(CDK) == (Status.FAILED, [("fell by 30%", 39)])


def test_the_same_percentages_as_claims_are_findings() -> None:
    text = edited_layout(CDK, "deploys exponentially using a\n  10% growth factor over 20 "
                         "minutes, then bakes for 10 minutes.", "saw a 10% growth in deployments.")
    text = text.replace("increases the traffic by\n  20% at each step, one step every 5 minutes.",
                        "increases the traffic by\n  20%.")
    text = text.replace("the retry delay is doubled after each failed attempt,\nup to five "
                        "attempts.", "the number of retries doubled.")
    status, found = _baseline("claims.md", text)
    assert status == Status.FAILED
    assert [q for q, _ in found] == ["10% growth", "increases the traffic by\n20%", "doubled",
                                     "fell by 30%"]

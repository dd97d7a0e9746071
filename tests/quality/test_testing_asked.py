"""Why a test plan is asked of this document (issue 8, blind reading 8: cdk-0605,
cdk-0499).

The labels want a CDK RFC's missing test plan failed (it plans code the CDK team
ships), while its Goals are not applicable (its template has none). The action
said only "Where the template asks for it: what is tested and how", which a
reader took for a contradiction: the CDK RFC template has no Test plan section.
The action now says why this document owes one, from the family's data (a KEP:
its template asks for a Test Plan; a CDK RFC: it plans code the CDK team ships),
the reading map's row says it is asked of every document of the family, and a
Rust RFC is still not asked. Layout document written here: a CDK RFC for an L2
construct with no word on tests."""

from __future__ import annotations

from prereview.lead import top_actions
from prereview.review import Status

from .support import by_id, edited_layout, review_layout

CDK = "proposal-cdk-untested-construct.md"
WHY_CDK = ("A CDK RFC plans code the CDK team ships and maintains: say how it is tested "
           "(unit, integration, snapshot tests), in the project plan or a Test plan section.")


def test_a_cdk_rfc_is_told_why_it_owes_a_test_plan() -> None:
    review = review_layout(CDK)
    got = by_id(review)
    assert got["proposal.goals"].status == Status.NOT_APPLICABLE
    testing = got["proposal.testing"]
    assert (testing.status, testing.note) == (Status.FAILED,
                                              "test plan: missing; asked of every CDK RFC")
    assert [(f.message, f.suggestion) for f in testing.findings] == [
        ("No test plan section found.", WHY_CDK)]
    action = next(a for a in top_actions(review) if a.criterion == "proposal.testing")
    assert action.text == WHY_CDK
    assert "Where the template asks" not in (testing.guidance or "")


def test_a_kep_is_told_its_template_asks_for_one() -> None:
    text = ("# KEP-9601: Drain nodes before the kubelet restarts\n\n## Summary\n\n"
            "The kubelet drains its node before a restart it initiates.\n\n"
            "## Motivation\n\nRestarts kill running pods without notice today.\n\n"
            "## Proposal\n\nThe kubelet cordons its node and evicts pods first.\n\n"
            "## Graduation Criteria\n\nAlpha: behind the `DrainOnRestart` gate.\n\n"
            "## Implementation History\n\n- 2026-05-01: KEP created.\n")
    testing = by_id(review_layout("kep-untested.md", text))["proposal.testing"]
    assert testing.note == "test plan: missing; asked of every KEP"
    assert [f.suggestion for f in testing.findings] == [
        "The KEP template asks for a Test Plan: say what is tested (unit, integration, e2e "
        "tests) and how."]


def test_a_cdk_rfc_that_says_how_it_is_tested_passes() -> None:
    text = edited_layout(CDK, "One pull request for the method and the queue target",
                         "Unit tests and integration tests cover each target; one pull "
                         "request for the method and the queue target")
    assert by_id(review_layout("cdk-tested.md", text))["proposal.testing"].status == (
        Status.PASSED)

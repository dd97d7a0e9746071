"""A proposal that names itself an RFC is read as one, whatever design-doc headings
it uses (issue 8, a fresh reading: a CDK support-policy RFC with "Background",
"Policy Proposal" and "Implementation Plan" headings was detected as a design doc
and failed its goals and proposal as blockers). And the parts of such an RFC are
found under its own names: the proposal under a qualifier ("Policy Proposal"),
what it leaves out said as coverage ("The following does not fall under this
RFC"), and an opening "Description" as its summary. Layout written here: a CLI's
interpreter-support policy RFC."""

from __future__ import annotations

import pytest
from tests.quality.support import by_id, edited_layout, review_layout

from prereview.review import Status, Verdict

LAYOUT = "proposal-policy-rfc.md"


def test_an_rfc_with_design_doc_headings_is_a_proposal() -> None:
    review = review_layout(LAYOUT)
    assert review.rubric.id == "proposal"
    assert review.document.detection.startswith(
        "detected as proposal: it names itself one ('this RFC')")
    got = by_id(review)
    assert got["proposal.summary"].found_at == "'Description'"
    assert got["proposal.design"].found_at == "'Policy Proposal'"
    assert got["proposal.scope"].found_at == "'The following does not fall under this RFC'"
    assert got["proposal.alternatives"].found_at == "'Rationale and Alternatives'"
    assert not review.failed_blockers
    assert review.verdict == Verdict.READY


def test_without_naming_itself_the_same_headings_read_as_a_design_doc() -> None:
    text = edited_layout(LAYOUT, "This RFC proposes", "We propose")
    text = text.replace("under this RFC", "by the policy").replace("what this RFC replaces",
                                                                  "what the policy replaces")
    review = review_layout(LAYOUT, text)
    assert review.rubric.id == "design-doc"


@pytest.mark.parametrize("heading", ["Alternative Proposal", "Previous Proposal"])
def test_another_proposal_is_not_the_design(heading: str) -> None:
    text = edited_layout(LAYOUT, "## Policy Proposal", f"## {heading}")
    result = by_id(review_layout(LAYOUT, text))["proposal.design"]
    assert result.found_at != f"'{heading}'"
    assert result.status in (Status.PASSED, Status.FAILED)

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


def test_a_go_design_titled_proposal_with_few_template_headings_is_a_proposal() -> None:
    """"Proposal: X" is the Go design template's title; with "Abstract", "Proposal"
    and "Compatibility and impact" it is a change proposal, though "Background" and
    "Alternatives to the language change" are design-doc headings too (a fresh
    reading: go-16085 read as a design doc, with goals and problem blockers)."""
    text = "\n".join([
        "# Proposal: Ignore tags in struct conversions", "",
        "## Abstract", "",
        "Let a conversion between two struct types ignore their field tags.", "",
        "## Background", "",
        "Two struct types that differ only in tags cannot be converted today, so code "
        "copies every field by hand to move a value between JSON and database types.", "",
        "## Proposal", "",
        "A conversion `T(x)` of a struct value ignores the tags of both types when "
        "deciding whether the types are identical for the conversion. " * 6, "",
        "## Compatibility and impact", "",
        "Every program that compiles today compiles and behaves the same: the change "
        "only accepts conversions that were errors.", "",
        "## Alternatives to the language change", "",
        "A `reflect` helper that copies fields by name was considered; it is slow and "
        "loses type checking, so we prefer the conversion.", ""])
    review = review_layout("go-tags.md", text)
    assert review.rubric.id == "proposal"
    assert "it names itself one ('Proposal:')" in review.document.detection
    assert by_id(review)["proposal.compatibility"].found_at == "'Compatibility and impact'"
    assert not review.failed_blockers

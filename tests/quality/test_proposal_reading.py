"""Change-proposal classes of issue 8, each on a layout document written here
(tests/quality/layouts/): what a proposal's template asks for (a KEP's test
plan; no Unresolved questions in a KEP), a sub-spec that defers to its parent,
and a security surface that is more than the word "security"."""

from __future__ import annotations

import tempfile
from pathlib import Path

from prereview.engine import run
from prereview.review import Review, Status, Verdict

from .support import LAYOUTS, edited_layout, review_layout


def _by_id(review: Review) -> dict[str, tuple[Status, str]]:
    return {c.id: (c.status, c.note or "") for c in review.criteria}


def test_kep_template_asks_for_a_test_plan_not_for_unresolved_questions() -> None:
    """Class: criteria of a template. A KEP (Release Signoff Checklist, Graduation
    Criteria) is asked for its test plan; it has no Unresolved questions section."""
    review = review_layout("proposal-kep-no-test-plan.md")
    assert review.rubric.id == "proposal"
    got = _by_id(review)
    assert got["proposal.testing"] == (Status.FAILED, "test plan: missing; asked of every KEP")
    testing = next(c for c in review.criteria if c.id == "proposal.testing")
    assert testing.severity.value == "major" and testing.weight == 8
    assert review.verdict == Verdict.NEEDS_WORK  # one substantive gap
    status, note = got["proposal.open-questions"]
    assert status == Status.NOT_APPLICABLE
    assert "no Unresolved questions section" in note
    # every KEP is asked about security (its Risks and Mitigations asks); with
    # nothing at stake the rules can see, its silence is a minor warning
    security = next(c for c in review.criteria if c.id == "proposal.security")
    assert (security.status, security.severity.value, security.found) == (
        Status.PASSED, "minor", False)
    assert got["proposal.design"][0] == Status.PASSED


def test_language_rfc_is_never_asked_for_a_test_plan() -> None:
    """A Rust-style RFC plans no implementation: no test plan is asked of it."""
    got = _by_id(review_layout("proposal-rfc-template.md"))
    assert got["proposal.testing"][0] == Status.NOT_APPLICABLE
    assert got["proposal.open-questions"][0] == Status.PASSED


def test_sub_spec_that_defers_to_its_parent_is_not_asked_for_motivation() -> None:
    """Class 6/12: a vendor KEP 'inherits all the contents from its parent KEP':
    its motivation and design live there, never a failed blocker."""
    review = review_layout("proposal-derived-subspec.md")
    got = _by_id(review)
    # its test plan and rollout too (blind reading 11: kep-1489), whether or not
    # it says a word of its own on them (the reading map still shows where)
    for cid in ("proposal.motivation", "proposal.design", "proposal.testing",
                "proposal.operations"):
        status, note = got[cid]
        assert status == Status.NOT_APPLICABLE, cid
        assert "defers it to a parent document" in note
    testing = next(c for c in review.criteria if c.id == "proposal.testing")
    assert (testing.found, testing.found_at) == (True, "'Test Plan'")
    bare = review_layout("derived-no-test-plan.md", edited_layout(
        "proposal-derived-subspec.md", "## Test Plan\n\nThe migration tests of the parent KEP "
        "run against the ExampleCloud driver in the\nprovider's e2e job, with both gates on "
        "and off.\n\n", ""))
    assert _by_id(bare)["proposal.testing"][0] == Status.NOT_APPLICABLE
    assert review.verdict != Verdict.NOT_READY
    assert not review.failed_blockers


def test_iam_grants_and_resource_policies_are_a_security_surface() -> None:
    """Class: the security criterion applies to a construct library that grants
    IAM access and attaches resource policies, though it never says 'security'."""
    got = _by_id(review_layout("proposal-security-surface.md"))
    assert got["proposal.security"] == (Status.FAILED, (
        "security: missing; it applies: access control (line 19)"))
    # a CDK RFC with a project plan ships code: a test plan is asked
    assert got["proposal.testing"] == (Status.FAILED, "test plan: missing; asked of every CDK RFC")


def test_a_sentence_about_security_covers_it_and_the_word_in_passing_does_not() -> None:
    base = (LAYOUTS / "proposal-security-surface.md").read_text(encoding="utf-8")
    anchor = "A DRM key provider"
    assert anchor in base
    in_passing = base.replace(anchor, "The channel sits in the security group of the VPC. "
                              + anchor)
    covered = base.replace(anchor, "For security reasons the grants name one channel, "
                           "never a wildcard. " + anchor)

    def security(text: str, tmp: str) -> Status:
        path = Path(tmp)
        path.write_text(text, encoding="utf-8")
        return _by_id(run(path).review)["proposal.security"][0]

    with tempfile.TemporaryDirectory() as tmp:
        assert security(in_passing, f"{tmp}/a.md") == Status.FAILED
        assert security(covered, f"{tmp}/b.md") == Status.PASSED


def test_api_signatures_with_their_prose_are_a_complete_design() -> None:
    """Class 9: a small API addition is complete with its code block and the
    sentences that explain it, under the word floor."""
    text = """# Proposal: testing.TB.Helper

## Abstract

This proposal adds a `Helper` method to package testing so that failures are
reported at the caller of a test helper, not inside it.

## Background

Today every test helper that calls `t.Errorf` reports the helper's own file and
line, and users have to pass a `skip` count or wrap messages by hand to find the
failing call.

## Proposal

We propose to add one method in package testing:

    // Helper marks the calling function as a test helper function.
    func (t *T) Helper()

When package testing prints file and line, it walks up the stack, skipping
functions marked as helpers, and reports the first other frame.

## Rationale

A skip count breaks when a helper calls another helper, so we rejected it.

## Compatibility

The change is additive: existing tests keep working.
"""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "go-helper.md"
        path.write_text(text, encoding="utf-8")
        got = _by_id(run(path).review)
        status, note = got["proposal.design"]
        assert status == Status.PASSED
        assert "a code block with its prose is a complete design" in note
        path.write_text(text.replace("    // Helper marks the calling function as a test "
                                     "helper function.\n    func (t *T) Helper()\n", ""),
                        encoding="utf-8")
        assert _by_id(run(path).review)["proposal.design"][0] == Status.FAILED


def test_kep_with_design_doc_headings_is_read_as_a_proposal() -> None:
    """Class: genre. A KEP's Goals / Non-Goals / Risks and Mitigations / Testing
    Plan match the design-doc patterns too; its template headings make it a
    proposal, judged without service criteria (its graduation plan is its rollout)."""
    review = review_layout("proposal-kep-design-headings.md")
    assert review.rubric.id == "proposal"
    got = _by_id(review)
    assert got["proposal.testing"][0] == Status.PASSED
    assert got["proposal.goals"][0] == Status.PASSED
    # its Graduation Criteria are how it is rolled out (alpha, beta, GA): read and judged
    assert got["proposal.operations"][0] == Status.PASSED
    assert "'Graduation Criteria'" in got["proposal.operations"][1]
    assert review.verdict == Verdict.READY


def test_product_headings_of_an_embedded_readme_are_not_the_proposals() -> None:
    """Class 8 (with class 7's reading: the README heading is empty and its
    content follows as sibling headings up to the Internal FAQ): the README's
    '## Metrics' and its alarms do not make metrics or operations apply; its
    'This RFC does not yet cover:' list is the proposal's scope (class 6)."""
    review = review_layout("proposal-readme-product-headings.md")
    got = _by_id(review)
    assert got["proposal.metrics"][0] == Status.NOT_APPLICABLE
    assert got["proposal.operations"][0] == Status.NOT_APPLICABLE
    scope = next(c for c in review.criteria if c.id == "proposal.scope")
    assert scope.status == Status.NOT_APPLICABLE  # the CDK RFC template has no Non-goals
    assert (scope.found, scope.found_at) == (True, "the text under 'Constructs' (line 23)")
    # the same words outside a README are the proposal's own: operations applies
    text = (LAYOUTS / "proposal-readme-product-headings.md").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "no-readme.md"
        path.write_text(text.replace("### README", "### Operating the broker"),
                        encoding="utf-8")
        again = _by_id(run(path).review)
    assert again["proposal.operations"][0] == Status.FAILED


def test_downloading_and_running_code_is_a_security_surface() -> None:
    """Class: the security criterion applies to a design that downloads and runs
    code (a checksum check is a mechanism, not an analysis of the threat)."""
    review = review_layout("proposal-download-and-run.md")
    assert review.rubric.id == "proposal"
    got = _by_id(review)
    assert got["proposal.security"] == (Status.FAILED, (
        "security: missing; it applies: code or content it trusts (line 8)"))
    # a Go design document: its template's Open issues is optional, and it has none
    assert got["proposal.open-questions"][0] == Status.NOT_APPLICABLE
    assert review.verdict == Verdict.NEEDS_WORK


def test_alternatives_answered_n_a_are_not_alternatives() -> None:
    """Blind-reading class 4 (a heading credited though its content is 'N/A'):
    an alternatives answer that opens with N/A is no answer, whatever follows;
    an answer that merely starts with the word 'None of' still is one."""
    base = (LAYOUTS / "proposal-security-surface.md").read_text(encoding="utf-8")
    answer = "Generating the L2 from the service's resource schema"
    assert answer in base
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "na.md"
        path.write_text(base.replace(answer, "N/A - we already maintain a library. "
                                     + answer), encoding="utf-8")
        status, note = _by_id(run(path).review)["proposal.alternatives"]
        assert status == Status.FAILED
        assert note == ("alternatives (rationale): 'What alternative solutions did you "
                        "consider?' answers 'N/A', which is not an answer")
        path.write_text(base.replace(answer, "None of the other options fit: " + answer),
                        encoding="utf-8")
        assert _by_id(run(path).review)["proposal.alternatives"][0] == Status.PASSED

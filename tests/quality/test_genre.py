"""Genre classes of issue 8, each on a layout document written here
(tests/quality/layouts/): change proposals are read as proposals, service-design
criteria are not applicable to them, and a blocker fails only on confidence."""

from __future__ import annotations

from prereview.reports.markdown import render_markdown
from prereview.review import Review, Severity, Status, Verdict
from prereview.scoring import overall_score

from .support import review_layout


def _status(review: Review) -> dict[str, Status]:
    return {c.id: c.status for c in review.criteria}


def test_rfc_template_is_a_proposal_with_every_section_read() -> None:
    review = review_layout("proposal-rfc-template.md")
    assert review.rubric.id == "proposal"
    assert review.document.type == "proposal"
    status = _status(review)
    for cid in ("proposal.summary", "proposal.motivation", "proposal.design",
                "proposal.alternatives", "proposal.compatibility", "proposal.scope",
                "proposal.open-questions", "proposal.prior-art"):
        assert status[cid] == Status.PASSED, cid
    # a language change has no service to operate: not applicable, never failed
    for cid in ("proposal.security", "proposal.operations", "proposal.testing",
                "proposal.metrics", "proposal.goals", "proposal.faq-answered"):
        assert status[cid] == Status.NOT_APPLICABLE, cid
    design = next(c for c in review.criteria if c.id == "proposal.design")
    assert "'Guide-level explanation'" in (design.note or "")
    assert review.verdict != Verdict.NOT_READY


def test_not_applicable_is_left_out_of_the_score_and_listed() -> None:
    review = review_layout("proposal-rfc-template.md")
    applicable = [c for c in review.criteria if c.status != Status.NOT_APPLICABLE]
    assert review.score == overall_score(applicable)
    na = [c for c in review.criteria if c.status == Status.NOT_APPLICABLE]
    assert all(c.score == 0 and not c.findings for c in na)
    report = render_markdown(review)
    # 6 service/template criteria, and prose-not-bullets (lists are a proposal's norm)
    assert len(na) == 7 and "7 not applicable" in report
    assert "| not applicable |" in report


def test_working_backwards_rfc_is_a_proposal_not_a_prfaq() -> None:
    review = review_layout("proposal-working-backwards.md")
    assert review.rubric.id == "proposal"
    status = _status(review)
    assert status["proposal.motivation"] == Status.PASSED
    assert status["proposal.design"] == Status.PASSED
    assert status["proposal.compatibility"] == Status.PASSED
    assert status["proposal.alternatives"] == Status.PASSED
    assert status["proposal.open-questions"] == Status.PASSED
    # the CDK RFC template has no Non-goals section, nor has this one
    assert status["proposal.scope"] == Status.NOT_APPLICABLE
    assert status["proposal.operations"] == Status.NOT_APPLICABLE
    # its public and internal FAQ are read as FAQ entries
    faq = next(c for c in review.criteria if c.id == "proposal.faq-answered")
    assert faq.status == Status.PASSED and faq.note == "8 FAQ entries, 0 unanswered"


def test_a_thin_section_fails_as_major_never_as_a_blocker() -> None:
    review = review_layout("design-thin-blocker.md")
    assert review.rubric.id == "design-doc"
    problem = next(c for c in review.criteria if c.id == "design.problem")
    assert problem.status == Status.FAILED
    assert problem.severity == Severity.MAJOR
    assert all(f.severity == Severity.MAJOR for f in problem.findings)
    assert "not a blocker" in (problem.note or "")
    assert review.verdict == Verdict.NEEDS_WORK
    assert review.failed_blockers == []

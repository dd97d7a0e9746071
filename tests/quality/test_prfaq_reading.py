"""Reading a PR/FAQ as a bar raiser does (issue 8, class 6 for PR/FAQs and the
blind review's class 8): a first paragraph that opens with the date is dated; a
problem stated in two paragraphs is quantified by the number in its neighbour;
how to start or get involved, answered only in the FAQ, is a weaker pass; a
problem stated only in the FAQ fails, but not as a blocker. Layout documents
written here: an internal launch of a foundation, and a library PR/FAQ whose
problem is in the FAQ."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Severity, Status

from .support import results_of

LAYOUTS = Path(__file__).parent / "layouts"
INTERNAL = LAYOUTS / "prfaq-internal-launch.md"
PROBLEM_IN_FAQ = LAYOUTS / "prfaq-problem-in-faq.md"


def test_a_date_opening_the_first_paragraph_is_dated_but_no_dateline() -> None:
    dateline = results_of(INTERNAL)["pr.dateline"]
    assert (dateline.status, dateline.score) == (Status.FAILED, 0.5)
    assert dateline.note == "dateline: none; the date 'In June 2027' opens the first paragraph"
    assert [f.quote for f in dateline.findings] == ["In June 2027"]


def test_the_number_in_the_neighbouring_paragraph_quantifies_the_problem() -> None:
    results = results_of(INTERNAL)
    assert results["pr.problem"].status == Status.PASSED
    quantified = results["pr.problem-quantified"]
    assert quantified.status == Status.PASSED
    assert quantified.note == ("problem paragraph (line 11): quantified in the paragraph next "
                               "to it (line 8)")


def test_getting_started_and_involvement_answered_in_the_faq_are_weaker_passes() -> None:
    results = results_of(INTERNAL)
    started = results["pr.getting-started"]
    assert (started.status, started.score) == (Status.PASSED, 0.5)
    assert started.note == ("paragraph on getting started: not in the press release; the FAQ "
                            "answers it ('How can members get started with the map?', line 22)")
    action = results["pr.call-to-action"]
    assert (action.status, action.score) == (Status.PASSED, 0.5)
    assert action.note == ("closing paragraph saying where to learn more: not in the press "
                           "release; the FAQ answers it ('How can I get involved?', line 27)")


def test_a_problem_stated_only_in_the_faq_is_not_a_blocker() -> None:
    review = run(PROBLEM_IN_FAQ).review
    problem = next(c for c in review.criteria if c.id == "pr.problem")
    assert problem.status == Status.FAILED
    assert problem.severity == Severity.MAJOR
    assert [(f.quote, f.location.line if f.location else None) for f in problem.findings] == [
        ("Why another charting library?", 14)]
    assert "pr.problem" not in [c.id for c in review.failed_blockers]
    assert review.verdict.value == "needs-work"


def test_an_undivided_faq_of_stakeholder_questions_is_the_internal_faq() -> None:
    results = results_of(INTERNAL)
    internal = results["faq.internal"]
    assert (internal.status, internal.score) == (Status.PASSED, 0.5)
    assert internal.note == "internal (stakeholder) FAQ: not found; 'FAQ' stands in for it"
    # the library PR/FAQ's FAQ asks the customer's questions: no internal FAQ
    other = results_of(PROBLEM_IN_FAQ)["faq.internal"]
    assert other.status == Status.FAILED
    assert other.note == "internal (stakeholder) FAQ: missing"


def test_api_is_the_customers_word_when_the_customer_is_a_developer() -> None:
    language = results_of(PROBLEM_IN_FAQ)["pr.customer-language"]
    assert language.status == Status.PASSED
    assert language.note == ("0 internal term(s) in the press release (technical audience: "
                             "engineering terms and acronyms are its own)")


def test_api_is_jargon_for_florists(tmp_path: Path) -> None:
    doc = tmp_path / "pay.md"
    doc.write_text(
        "# Acme Pay gets florists paid the same day\n\n"
        "SEATTLE, WA — June 1, 2027 — Acme today launched Acme Pay. Its new API and "
        "backend move each card payment to the florist's bank within 2 hours.\n\n"
        "## FAQ\n\n### What does it cost?\n\nNine dollars a month per shop, with no fees.\n",
        encoding="utf-8")
    language = {c.id: c for c in run(doc).review.criteria}["pr.customer-language"]
    assert language.status == Status.FAILED
    assert [f.quote for f in language.findings] == ["API", "backend"]

"""A quote attributed to a placeholder is a placeholder, not a customer quote
(issue 8, class 10; blind review: "Sample Person, Member Organization" passed as
a customer quote, "@xxxxx" in a sign-off block passed). Layout document written
here: a member PR/FAQ with a stand-in customer quote, an illustrative "e.g. ACME
Corp" in an answer (not a placeholder) and the template's sign-off line in a
fenced block."""

from __future__ import annotations

from pathlib import Path

from prereview.checks.reading.quotes import PLACEHOLDER_SPEAKER, is_name
from prereview.engine import run
from prereview.review import CriterionResult, Status

LAYOUT = Path(__file__).parent / "layouts" / "prfaq-placeholder-speakers.md"


def _results() -> dict[str, CriterionResult]:
    return {c.id: c for c in run(LAYOUT).review.criteria}


def test_a_stand_in_speaker_is_no_customer_quote() -> None:
    result = _results()["pr.customer-quote"]
    assert result.status == Status.FAILED
    assert [(f.quote, f.location.line if f.location else None, f.message)
            for f in result.findings] == [(
        "Sample Person,\nMember Organization", 11,
        "This quote is attributed to a placeholder ('Sample Person, Member Organization'): "
        "name the real speaker, or the quote is not yet written.")]


def test_the_named_leader_still_counts() -> None:
    result = _results()["pr.leader-quote"]
    assert result.status == Status.PASSED
    assert result.note == "leader quote: Dana Reyes, Executive Director of the Harbor Foundation"


def test_an_illustrative_company_is_not_a_placeholder_but_the_sign_off_handle_is() -> None:
    results = _results()
    assert results["style.placeholders"].status == Status.PASSED
    unfinished = results["style.unfinished"]
    assert unfinished.status == Status.FAILED
    assert [(f.quote, f.location.line if f.location else None)
            for f in unfinished.findings] == [("@xxxxx", 28)]


def test_stand_in_names() -> None:
    for who in ("John Doe at ACME Corp", "Sample Person", "Mr. CTO", "Jane Doe",
                "Firstname Lastname"):
        assert PLACEHOLDER_SPEAKER.match(who), who
        assert not is_name(who.split(" at ")[0]), who
    for who in ("Dana Reyes", "John Doerr", "Sam Person"):
        assert not PLACEHOLDER_SPEAKER.match(who), who

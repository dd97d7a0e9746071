"""A one-person project's press release quotes "the author": that is the project's
own voice (the leader's quote, wanting only a name), never a missing customer's
quote; a quote that goes on in the next paragraph is one quote."""

from __future__ import annotations

from prereview.review import Severity, Status

from .support import LAYOUTS, results_of

AUTHOR = LAYOUTS / "prfaq-author-quote.md"


def test_the_authors_quote_is_the_leaders_quote_wanting_a_name() -> None:
    leader = results_of(AUTHOR)["pr.leader-quote"]
    assert (leader.status, leader.score) == (Status.PASSED, 0.75)
    assert leader.note == "leader quote: the author (no name)"
    assert [f.message for f in leader.findings] == [
        "The quote is attributed to 'the author' by role only: give the name "
        "(\"said NAME, the author\")."]
    assert leader.findings[0].quote == "the author"


def test_the_customer_quote_is_missing_not_misattributed() -> None:
    customer = results_of(AUTHOR)["pr.customer-quote"]
    assert customer.status == Status.FAILED
    assert customer.severity == Severity.MAJOR
    # one quote in two paragraphs, and it is not a customer's: no finding on it
    assert customer.note == "1 quote(s), none from a named customer (with role or place)"
    assert [f.message for f in customer.findings] == [
        "No quote from a named customer (with role or place)."]

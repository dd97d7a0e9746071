"""The voices of a solo or community open-source project's press release (fresh
reading: a tailnet messaging PR/FAQ; the labels: hofmann-elimination's "said a
principal engineer at an early-adopter organization" is its customer quote).

- A customer quoted by role alone ("said a network engineer and father of three who
  tested an early build") is the customer quote: there, wanting a name (a minor
  improvement at three quarters of the weight), never "no customer quote".
- The project's own voice ("said the Wrenfold developer", "the project's
  maintainer", "the creator of Wrenfold", "Wrenfold's author") is the leader quote,
  not a failed "NAME, ROLE at COMPANY" and not a customer quote without a name.
- A "first" inside someone's quoted words is the speaker's experience, not the
  document's market claim: style.first-claims reads only the document's own prose.

Layout written here: layouts/prfaq-solo-project-voices.md."""

from __future__ import annotations

import pytest

from prereview.review import Severity, Status

from .support import by_id, edited_layout, review_layout

LAYOUT = "prfaq-solo-project-voices.md"
CUSTOMER = "a network engineer and father of three who tested an early build"


def test_a_customer_quoted_by_role_is_the_customer_quote_wanting_a_name() -> None:
    customer = by_id(review_layout(LAYOUT))["pr.customer-quote"]
    assert (customer.status, customer.score) == (Status.PASSED, 0.75)
    assert customer.severity == Severity.MINOR
    assert customer.note == f"customer quote: {CUSTOMER} (no name)"
    assert customer.found_at == f"customer quote: {CUSTOMER} (no name) (line 21)"
    assert [(f.message, " ".join((f.quote or "").split()), f.severity)
            for f in customer.findings] == [
        (f"The customer quote is attributed to '{CUSTOMER}' by role only: give the customer "
         "a name.", CUSTOMER, Severity.MINOR)]


def test_a_named_customer_earns_the_whole_weight() -> None:
    text = edited_layout(LAYOUT, "said a\nnetwork engineer", "said Ana Ruiz, a\nnetwork engineer")
    customer = by_id(review_layout(LAYOUT, text))["pr.customer-quote"]
    assert (customer.status, customer.score, customer.findings) == (Status.PASSED, 1.0, [])
    assert customer.note == ("customer quote: Ana Ruiz, a network engineer and father of "
                             "three who tested an early build")


def test_a_template_field_is_still_no_customer() -> None:
    text = edited_layout(LAYOUT, f"said a\n{CUSTOMER.removeprefix('a ')}",
                         "said [CUSTOMER NAME], [ROLE]")
    customer = by_id(review_layout(LAYOUT, text))["pr.customer-quote"]
    assert customer.status == Status.FAILED
    assert customer.severity == Severity.MAJOR


def test_the_projects_developer_is_the_leader_quote() -> None:
    results = by_id(review_layout(LAYOUT))
    leader = results["pr.leader-quote"]
    assert (leader.status, leader.score) == (Status.PASSED, 0.75)
    assert leader.note == "leader quote: the Wrenfold developer (no name)"
    assert [f.quote for f in leader.findings] == ["the Wrenfold developer"]
    # the developer's quote is no customer quote without a name
    assert not [f for f in results["pr.customer-quote"].findings
                if "Wrenfold developer" in f.message]


@pytest.mark.parametrize("speaker", [
    "the project's maintainer", "the creator of Wrenfold", "Wrenfold's author",
    "the Wrenfold maintainers"])
def test_the_projects_own_roles_are_the_leader_quote(speaker: str) -> None:
    text = edited_layout(LAYOUT, "said the Wrenfold developer", f"said {speaker}")
    leader = by_id(review_layout(LAYOUT, text))["pr.leader-quote"]
    assert (leader.status, leader.score) == (Status.PASSED, 0.75)
    assert leader.note == f"leader quote: {speaker} (no name)"


def test_a_nameless_team_is_no_leader() -> None:
    # "said the product team": nobody's voice (the rubric's own failing example)
    text = edited_layout(LAYOUT, "said the Wrenfold developer", "said the product team")
    assert by_id(review_layout(LAYOUT, text))["pr.leader-quote"].status == Status.FAILED


def test_a_first_in_someones_quoted_words_is_not_a_market_claim() -> None:
    first = by_id(review_layout(LAYOUT))["style.first-claims"]
    assert (first.status, first.findings) == (Status.PASSED, [])


def test_the_documents_own_first_claim_is_still_read() -> None:
    text = edited_layout(LAYOUT, "Wrenfold is available today as source code",
                         "Wrenfold is the first backup tool built for home servers. "
                         "Wrenfold is available today as source code")
    first = by_id(review_layout(LAYOUT, text))["style.first-claims"]
    assert first.status == Status.FAILED
    assert [f.quote for f in first.findings] == ["is the first backup tool"]

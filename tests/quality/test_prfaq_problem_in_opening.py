"""The customer's problem told in the announcement's own paragraph (fresh
reading, issue 8): "Today we are launching X, a ... . Small landlords reconcile
rent by hand ...". The problem sentences after the announcement are the problem
paragraph, before the solution; a later paragraph with a problem word ("takes
about twenty minutes" to set up) is the solution's, not the problem."""

from __future__ import annotations

import pytest
from tests.quality.support import by_id, edited_layout, review_layout

from prereview.review import Status

LAYOUT = "prfaq-problem-in-opening.md"
PROBLEM = ('problem paragraph (line 9): "Small landlords reconcile rent by hand in a '
           'spreadsheet, and a missed deposit..."')
OPENING = ("BOISE, ID — May 4, 2027 — Today we are launching Ledgerline, a bookkeeping app "
           "for landlords who own one to ten rental units.")


def test_the_problem_is_read_in_the_opening_paragraph() -> None:
    results = by_id(review_layout(LAYOUT))
    assert results["pr.problem"].status == Status.PASSED
    assert results["pr.problem"].found_at == PROBLEM
    # the number is read in that paragraph, not in the setup time
    assert results["pr.problem-quantified"].status == Status.PASSED
    assert results["pr.problem-quantified"].found_at == PROBLEM
    assert results["pr.solution"].found_at == (
        'solution paragraph (line 11): "Ledgerline connects to the landlord\'s bank account, '
        'matches every deposit to..."')


def test_a_dateline_on_its_own_line_leaves_the_opening_where_it_is() -> None:
    text = edited_layout(LAYOUT, "BOISE, ID — May 4, 2027 — Today",
                         "**BOISE, ID — May 4, 2027**\n\nToday")
    results = by_id(review_layout(LAYOUT, text))
    assert results["pr.dateline"].note == "dateline: 'BOISE, ID — May 4, 2027'"
    assert results["pr.problem"].found_at == PROBLEM.replace("line 9", "line 11")


def test_a_problem_paragraph_of_its_own_comes_first() -> None:
    own = ("Owners who rent out a garage apartment lose track of deposits too: most keep "
           "them in the same account as their salary, and sort it out in April.\n\n")
    text = edited_layout(LAYOUT, "Ledgerline connects", own + "Ledgerline connects")
    results = by_id(review_layout(LAYOUT, text))
    assert results["pr.problem"].found_at == (
        'problem paragraph (line 11): "Owners who rent out a garage apartment lose track of '
        'deposits too: most keep..."')


PLACED = ("Most owners of a duplex or two keep the books in a spreadsheet they update on "
          "a Sunday evening, and a tenant who pays twice or a month that went unpaid shows "
          "up only when the accountant asks in March.\n\n")


@pytest.mark.parametrize("opening", [
    # the solution talking about the problem it removes
    OPENING + " This eliminates the manual reconciliation that costs small landlords a weekend.",
    # a sentence that describes the product announced
    "BOISE, ID — May 4, 2027 — Ledgerline, a bookkeeping app for landlords who own one to "
    "ten rental units, is available today. There is no Ledgerline account to create and no "
    "spreadsheet to keep by hand.",
])
def test_an_opening_that_describes_the_product_is_not_the_problem(opening: str) -> None:
    rest = (" Small landlords reconcile rent by hand in a spreadsheet, and a missed deposit "
            "goes unnoticed until tax season: one in four owners we surveyed learned of an "
            "error only when their accountant found it.")
    text = edited_layout(LAYOUT, OPENING + rest, opening)
    text = text.replace("Ledgerline connects", PLACED + "Ledgerline connects", 1)
    results = by_id(review_layout(LAYOUT, text))
    # the paragraph in the problem's place, between the opening and the solution
    assert results["pr.problem"].found_at == (
        'problem paragraph (line 11, by position): "Most owners of a duplex or two keep the '
        'books in a spreadsheet they update on..."')

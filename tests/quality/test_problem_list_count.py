"""A quantified problem (blind reading 3, class 1): the count of the document's own
list ("three compounding challenges:", "two key capabilities") is not a quantity of
the problem; a number of customers, hours or dollars is."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Status

HEAD = (
    "# Ledgerly Launches Same-Day Payouts\n\n"
    "SEATTLE, WA — June 1, 2027 — Ledgerly today launched Same-Day Payouts.\n\n"
)
SOLUTION = "Same-Day Payouts now deposits every card payment on the day of the sale.\n\n"


def _quantified(tmp_path: Path, problem: str) -> Status:
    doc = tmp_path / "prfaq.md"
    doc.write_text(HEAD + problem + "\n\n" + SOLUTION
                   + "## FAQ\n\n### What does it cost?\n\n1% of each payout.\n", encoding="utf-8")
    c = next(c for c in run(doc).review.criteria if c.id == "pr.problem-quantified")
    return c.status


def test_the_count_of_a_list_is_not_a_quantity(tmp_path: Path) -> None:
    assert _quantified(tmp_path, "Florists face three compounding challenges: they wait for "
                       "card payments, struggle to pay suppliers and chase 2 key problems "
                       "of refunds.") == Status.FAILED


def test_a_number_of_customers_or_days_is(tmp_path: Path) -> None:
    assert _quantified(tmp_path, "Florists wait three days for card payments and struggle to "
                       "pay suppliers on time.") == Status.PASSED
    assert _quantified(tmp_path, "Florists face 2 problems: 4,000 shops wait for card payments "
                       "and struggle to pay suppliers.") == Status.PASSED

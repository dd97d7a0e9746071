"""FAQ entry shapes (issue 8, class 3) on a layout document written here: bold
labelled questions ("C1.", "I1.", "Q3.") with the answer on the next line of the
same paragraph, under compound qualifiers ("Customer & Partner FAQ",
"Internal/Technical FAQ")."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Status

LAYOUT = Path(__file__).parent / "layouts" / "prfaq-faq-shapes.md"


def test_labelled_questions_with_answers_on_the_next_line_are_entries() -> None:
    review = run(LAYOUT).review
    by_id = {c.id: c for c in review.criteria}
    assert by_id["faq.answered"].note == "4 FAQ entries, 0 unanswered"
    assert by_id["faq.answered"].status == Status.PASSED


def test_compound_qualifiers_name_the_external_and_internal_faq() -> None:
    review = run(LAYOUT).review
    by_id = {c.id: c for c in review.criteria}
    assert "'Customer & Partner FAQ'" in (by_id["faq.external"].note or "")
    assert "'Internal/Technical FAQ'" in (by_id["faq.internal"].note or "")

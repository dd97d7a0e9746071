"""FAQ entries written as a bold question alone on a line with the answer on the
next line of the same paragraph (no "Q" prefix), under FAQ subsections headed by
audience ("For the person using it", "For the people deciding whether to build
it"): blind reading 4, the Workshop's "0 FAQ entries" for 12 such questions."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Status

LAYOUT = Path(__file__).parent / "layouts" / "prfaq-bold-questions.md"


def test_bold_questions_with_the_answer_on_the_next_line_are_entries() -> None:
    by_id = {c.id: c for c in run(LAYOUT).review.criteria}
    assert by_id["faq.answered"].note == "4 FAQ entries, 0 unanswered"
    assert by_id["faq.answered"].status == Status.PASSED


def test_audience_headings_name_the_external_and_internal_faq() -> None:
    by_id = {c.id: c for c in run(LAYOUT).review.criteria}
    assert "'For the person using it'" in (by_id["faq.external"].note or "")
    assert by_id["faq.internal"].status == Status.PASSED
    assert "'For the people deciding whether to build it'" in (by_id["faq.internal"].note or "")

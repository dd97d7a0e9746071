"""Open questions left in the author's prose (issue 8, new rule, block-kind
aware): a doubt in parentheses ("(or ten?)", "(..., shared-team?)") and a bullet
that is only "?" are unfinished; a question in a table cell, a question that is
answered in its paragraph and a parenthesis that is not a question are not.
Layout document written here: a short narrative plan."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Status

LAYOUT = Path(__file__).parent / "layouts" / "narrative-open-doubts.md"


def test_doubts_in_prose_and_a_bare_question_bullet_are_unfinished() -> None:
    review = run(LAYOUT, rubric_ref="narrative").review
    unfinished = next(c for c in review.criteria if c.id == "style.unfinished")
    assert unfinished.status == Status.FAILED
    assert [(f.quote, f.location.line if f.location else None)
            for f in unfinished.findings] == [
        ("or ten?", 5), ("shared-team?", 6), ("?", 8)]
    assert unfinished.findings[0].message == (
        "An open question left in the text ('or ten?'): answer it, or move it to the open "
        "questions.")

"""Style rules by genre (issue 8, section 2) on a layout document written here: a
proposal's normative "should", "some"/"most" as determiners, comparisons between
designs, lists in a design and the project's acronyms are not findings; the same
words in a PR/FAQ still are."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Review

LAYOUT = Path(__file__).parent / "layouts" / "proposal-spec-style.md"


def _quotes(review: Review, criterion: str) -> list[str]:
    result = next(c for c in review.criteria if c.id == criterion)
    return [f.quote or "" for f in result.findings]


def test_a_proposal_is_read_with_the_genres_style_rules() -> None:
    review = run(LAYOUT).review
    assert review.rubric.id == "proposal"
    assert _quotes(review, "style.hedging") == []
    assert _quotes(review, "style.weasel-words") == []
    # the pitch in the summary is a claim; "simpler", "easier" compare designs
    assert _quotes(review, "style.unquantified-claims") == ["faster"]
    assert _quotes(review, "style.bullets") == []
    assert _quotes(review, "style.acronyms") == []  # KEP, SIG, CRI, GA, CI, E2E


def test_the_same_text_in_a_prfaq_is_still_flagged() -> None:
    review = run(LAYOUT, rubric_ref="prfaq").review
    assert _quotes(review, "style.hedging") == ["should", "should"]
    assert set(_quotes(review, "style.weasel-words")) >= {"some", "most"}
    assert "simpler" in _quotes(review, "style.unquantified-claims")

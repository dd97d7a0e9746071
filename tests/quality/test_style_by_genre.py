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


def _note(review: Review, criterion: str) -> str:
    """The figure a style criterion reports (its findings show only when it fails)."""
    result = next(c for c in review.criteria if c.id == criterion)
    return result.note or ""


def test_a_proposal_is_read_with_the_genres_style_rules() -> None:
    review = run(LAYOUT).review
    assert review.rubric.id == "proposal"
    assert _note(review, "style.hedging").startswith("no occurrences found")
    assert _note(review, "style.weasel-words").startswith("no occurrences found")
    # the pitch in the summary is a claim; "simpler", "easier" compare designs
    assert _note(review, "style.unquantified-claims").startswith("1 unquantified claims found")
    assert _quotes(review, "style.bullets") == []
    assert _quotes(review, "style.acronyms") == []  # KEP, SIG, CRI, GA, CI, E2E


def test_the_same_text_in_a_prfaq_is_still_flagged() -> None:
    review = run(LAYOUT, rubric_ref="prfaq").review
    assert _note(review, "style.hedging").startswith("2 occurrences found")
    assert not _note(review, "style.weasel-words").startswith("no occurrences")
    assert not _note(review, "style.unquantified-claims").startswith(
        ("no ", "1 unquantified"))

"""A press release whose headline is a paragraph set wholly in bold, wrapped over two
lines and ending with a full stop, and whose subheading is the italic paragraph
under it (issue 8, fresh reading 3: two real PR/FAQs failed pr.headline as a
blocker on this shape, and every position-based check then read one paragraph
off). Layout written here: a memory tool's PR/FAQ."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

LAYOUT = "prfaq-bold-paragraph-headline.md"


def test_a_bold_paragraph_is_the_headline_and_the_italic_one_the_subheading() -> None:
    got = by_id(review_layout(LAYOUT))
    assert got["pr.headline"].status == Status.PASSED
    assert got["pr.headline"].note == "headline: 17 words (warn above 15, fail above 25)"
    assert got["pr.subheading"].status == Status.PASSED
    assert got["pr.dateline"].status == Status.PASSED


def test_a_long_bold_paragraph_is_not_a_headline() -> None:
    """Over 40 words in bold is a paragraph set in bold, not a headline."""
    long = ("**Threadkeeper keeps a topic of work alive across agent sessions, and across "
            "the people working on it, by writing each decision, each open question and "
            "each file it touched to one topic file that the next session loads before "
            "the operator types a word, so nothing is explained twice.**")
    text = edited_layout(LAYOUT, "**Threadkeeper keeps a topic of work alive across agent "
                         "sessions, and across the\npeople working on it.**", long)
    assert by_id(review_layout(LAYOUT, text))["pr.headline"].status == Status.FAILED

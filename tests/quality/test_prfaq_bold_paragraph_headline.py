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


def test_the_tagline_under_the_title_names_the_announcing_side() -> None:
    """"*Fernway Labs — Available now, self-hosted.*" under the document's title: a
    quote "said Tom Ade of Fernway Labs" is the leader's, not a customer's (a fresh
    reading: a founder's quote filed as the customer quote)."""
    text = edited_layout(LAYOUT, "> Status: **v1 shipped**. This document describes what "
                         "exists today.", "*Fernway Labs — Available now, self-hosted.*")
    text = text.replace("said Tom Ade,\nThreadkeeper's founder.", "said Tom Ade of\nFernway Labs.")
    text = text.replace("said Rosa Vance, an\noperations lead at Fernway.",
                        "said Rosa Vance, an\noperations lead at Brightmill.")
    got = by_id(review_layout(LAYOUT, text))
    assert got["pr.leader-quote"].note == "leader quote: Tom Ade of Fernway Labs"
    assert got["pr.customer-quote"].status == Status.PASSED

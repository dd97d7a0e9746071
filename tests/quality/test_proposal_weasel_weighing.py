"""In the parts of a proposal that weigh options (rationale, drawbacks,
alternatives), vague quantifiers are argument ("very different from a trait
object", "significant downsides"), not claims wanting a number; elsewhere they
still count."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, review_layout

VAGUE = ("This is very different, with significant downsides for many users and very "
         "little precedent; several crates would need substantial changes, and a lot of "
         "code would be very hard to migrate. ")

RFC = """- Feature Name: `wide_loops`
- Start Date: 2026-01-01

# Summary

{summary}

# Motivation

Loops over two iterators need a zip and a tuple pattern today, which hides the
loop's intent behind plumbing.

# Guide-level explanation

`for (a, b) in wide(xs, ys)` walks both iterators and stops at the shorter one.

# Reference-level explanation

`wide` is a function of the standard library returning an iterator of pairs; the
loop desugars to the same code as `zip`, so it costs nothing at run time.

# Drawbacks

{weighing}

# Rationale and alternatives

{weighing}

# Unresolved questions

None.
"""


def _weasel(summary: str, weighing: str) -> Status:
    text = RFC.format(summary=summary, weighing=weighing)
    return by_id(review_layout("rust-wide.md", text, rubric="proposal"))[
        "style.weasel-words"].status


def test_vague_words_weighing_options_are_argument() -> None:
    assert _weasel("This RFC adds `wide`, a loop over two iterators.", VAGUE * 2) \
        == Status.PASSED


def test_vague_words_in_the_summary_still_count() -> None:
    assert _weasel("This RFC adds `wide`. " + VAGUE * 2, "Another name to learn.") \
        == Status.FAILED

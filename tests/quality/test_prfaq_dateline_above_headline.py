"""A press release whose boilerplate comes before its headline (fresh reading,
issue 8): "## Press Release", "**FOR IMMEDIATE RELEASE**", a dateline on a line
of its own ("**Portland, OR — March 3, 2027**"), then the headline as a lower
heading ("### Larkspur Keeps ...") and an italic subheading. The dateline line
is the dateline, the heading after it the headline; the first paragraph, which
repeats the city, is the opening."""

from __future__ import annotations

import pytest
from tests.quality.support import by_id, edited_layout, review_layout

from prereview.review import Status

LAYOUT = "prfaq-dateline-above-headline.md"
DATELINE = "**Portland, OR — March 3, 2027**"


def test_the_heading_after_the_dateline_is_the_headline() -> None:
    results = by_id(review_layout(LAYOUT))
    assert results["pr.headline"].status == Status.PASSED
    assert results["pr.headline"].found_at == "headline: 14 words (warn above 15, fail above 25)"
    assert results["pr.subheading"].status == Status.PASSED
    assert results["pr.subheading"].found_at == "subheading: 17 words (at most 40)"


def test_the_dateline_line_is_the_dateline_and_the_next_paragraph_the_opening() -> None:
    results = by_id(review_layout(LAYOUT))
    assert results["pr.dateline"].status == Status.PASSED
    assert results["pr.dateline"].note == "dateline: 'Portland, OR — March 3, 2027'"
    # the problem is the paragraph after the opening one, not the opening
    assert results["pr.problem"].status == Status.PASSED
    assert "(line 17)" in (results["pr.problem"].found_at or "")


@pytest.mark.parametrize(("old", "new"), [
    ("# Larkspur — PR/FAQ", "# Larkspur"),  # a title that is not a label
    ("**FOR IMMEDIATE RELEASE**\n\n", ""),  # no release line
    (DATELINE, "**PORTLAND, OR — March 3, 2027 —**"),  # capitals, a closing dash
])
def test_the_shape_holds_without_its_variants(old: str, new: str) -> None:
    results = by_id(review_layout(LAYOUT, edited_layout(LAYOUT, old, new)))
    assert results["pr.headline"].found_at == "headline: 14 words (warn above 15, fail above 25)"
    assert results["pr.subheading"].status == Status.PASSED
    assert results["pr.dateline"].status == Status.PASSED


def test_a_long_headline_after_the_dateline_is_quoted_on_its_heading() -> None:
    heading = ("### Larkspur Keeps the Family Photo Archive at Home: Self-Hosted Albums With "
               "No Cloud Account")
    longer = heading + (", No Monthly Fee, No Upload Limit, No Tracking, And No Company "
                        "Standing Between Families And Their Own Pictures")
    review = review_layout(LAYOUT, edited_layout(LAYOUT, heading, longer))
    assert by_id(review)["pr.headline"].status == Status.FAILED
    finding = next(f for f in review.findings if f.criterion == "pr.headline")
    assert finding.location is not None and finding.location.line == 11
    assert finding.quote == longer.removeprefix("### ")


def test_a_dateline_line_with_no_headline_after_it_is_not_skipped() -> None:
    # with a paragraph after the dateline line, there is no headline to find
    heading = ("### Larkspur Keeps the Family Photo Archive at Home: Self-Hosted Albums With "
               "No Cloud Account\n\n")
    results = by_id(review_layout(LAYOUT, edited_layout(LAYOUT, heading, "")))
    assert results["pr.headline"].status == Status.FAILED
    assert results["pr.dateline"].status == Status.PASSED

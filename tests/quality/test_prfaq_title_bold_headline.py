"""A PR/FAQ with no press-release heading whose headline is a bold line under the
document's title and whose subheading is an italic line right under it, in the
same paragraph (fresh reading, issue 8: "# PR/FAQ: Product", "**Product
Energizes ...**", "*Open-source toolkit treats ...*"): the bold line is the
headline, the italic line the subheading, and the release starts after them."""

from __future__ import annotations

import pytest
from tests.quality.support import by_id, edited_layout, review_layout

from prereview.review import Status

LAYOUT = "prfaq-title-bold-headline.md"
HEADLINE = "**Tidemark Catches Schema Drift Before Dashboards Break**"
SUBHEADING = "*Open-source checker reads every dbt model change as a contract with its readers*"


def test_the_bold_line_is_the_headline_and_the_italic_line_the_subheading() -> None:
    results = by_id(review_layout(LAYOUT))
    assert results["pr.headline"].status == Status.PASSED
    assert results["pr.headline"].found_at == "headline: 7 words (warn above 15, fail above 25)"
    assert results["pr.subheading"].status == Status.PASSED
    assert results["pr.subheading"].found_at == "subheading: 13 words (at most 40)"


@pytest.mark.parametrize("title", ["# Tidemark PRFAQ", "# Tidemark PR/FAQ (draft)"])
def test_the_title_may_name_the_document_either_way(title: str) -> None:
    text = edited_layout(LAYOUT, "# PR/FAQ: Tidemark", title)
    results = by_id(review_layout(LAYOUT, text))
    assert results["pr.headline"].status == Status.PASSED
    assert results["pr.subheading"].status == Status.PASSED


def test_the_release_opens_after_them_with_no_dateline() -> None:
    results = by_id(review_layout(LAYOUT))
    # "Today we are releasing ..." names no place or date: a real gap, read in
    # the paragraph after the subheading
    assert results["pr.dateline"].status == Status.FAILED
    assert results["pr.dateline"].note == "dateline: missing"
    assert results["pr.solution"].found_at == (
        'solution paragraph (line 8): "Tidemark reads the compiled models of a project, '
        'records which columns every..."')


def test_a_long_headline_is_quoted_as_its_own_line() -> None:
    long = ("**Tidemark Catches Schema Drift In Every Staging Model Before Finance, Sales, "
            "Support And Operations Dashboards Break During The Quarter-End Close Each "
            "Year**")
    review = review_layout(LAYOUT, edited_layout(LAYOUT, HEADLINE, long))
    headline = by_id(review)["pr.headline"]
    assert headline.note == "headline: 22 words (warn above 15, fail above 25)"
    assert headline.status == Status.PASSED and headline.score == 0.5
    finding = next(f for f in review.findings if f.criterion == "pr.headline")
    assert finding.quote == long.strip("*")
    assert finding.location is not None and finding.location.line == 3


def test_a_long_subheading_is_quoted_as_its_own_line() -> None:
    long = ("*Open-source checker reads every dbt model change as a contract with its "
            "readers, lists each dashboard, report, export and scheduled extract that "
            "would change, and comments on the pull request before anyone merges it into "
            "the main branch of the analytics repository*")
    review = review_layout(LAYOUT, edited_layout(LAYOUT, SUBHEADING, long))
    assert by_id(review)["pr.subheading"].status == Status.FAILED
    finding = next(f for f in review.findings if f.criterion == "pr.subheading")
    assert finding.quote == long.strip("*")
    assert finding.location is not None and finding.location.line == 4


def test_a_plain_second_line_is_not_a_subheading() -> None:
    # the bold line then a sentence of the release in the same paragraph: not
    # a headline set apart over a subheading
    text = edited_layout(LAYOUT, SUBHEADING, "Open-source checker reads every dbt model change.")
    results = by_id(review_layout(LAYOUT, text))
    assert results["pr.subheading"].status == Status.FAILED

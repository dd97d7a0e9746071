"""What is not a subheading (issue 8, PR/FAQ reading): a release line in any
case ("**For immediate release**") is the form's boilerplate; a one-sentence
paragraph that states the launch ("Today we're announcing ...") is the opening;
and with no headline there is nothing for a subheading to sit under, so a
one-sentence first paragraph is the opening too."""

from __future__ import annotations

from pathlib import Path

import pytest

from prereview.engine import run
from prereview.review import CriterionResult, Status

FAQ = "\n\n## FAQ\n\n### What does it cost?\n\nNothing: it is free for every household.\n"
PROBLEM = ("Most people forget what happened in their tax return the day they file it, and "
           "cannot say why they owed more last year.\n\n")


def _results(tmp_path: Path, text: str) -> dict[str, CriterionResult]:
    path = tmp_path / "d.md"
    path.write_text(text + FAQ, encoding="utf-8")
    return {c.id: c for c in run(path).review.criteria}


@pytest.mark.parametrize("opening", [
    "**For immediate release**\n\nToday we're announcing Ledgerly, a web app that shows a "
    "household its tax history.\n\n",
    "Embargoed until June 1, 2027\n\nLedgerly today launched its web app that shows a "
    "household its tax history.\n\n",
    # a launch dated in the telling is the lead paragraph's sentence
    "In response to demand from filers, in January 2027, the Ledgerly team released "
    "the first version of its web app for households.\n\n",
])
def test_release_lines_and_the_launch_sentence_are_not_the_subheading(
        tmp_path: Path, opening: str) -> None:
    results = _results(tmp_path, "# Ledgerly: your tax history, privately\n\n" + opening + PROBLEM)
    assert results["pr.headline"].status == Status.PASSED
    sub = results["pr.subheading"]
    assert sub.status == Status.FAILED and sub.found_at is None


def test_a_subheading_under_the_headline_is_still_read(tmp_path: Path) -> None:
    results = _results(tmp_path, "# Ledgerly: your tax history, privately\n\n"
                                 "*Households see every return they filed, on one page.*\n\n"
                                 "Today we're announcing Ledgerly.\n\n" + PROBLEM)
    sub = results["pr.subheading"]
    assert sub.status == Status.PASSED and sub.found_at == "subheading: 9 words (at most 40)"


def test_with_no_headline_there_is_no_subheading(tmp_path: Path) -> None:
    results = _results(tmp_path, "# PR FAQ for Ledgerly\n"
                                 "A tax history is table stakes for every household that files.\n\n"
                                 + PROBLEM)
    assert results["pr.headline"].status == Status.FAILED
    sub = results["pr.subheading"]
    assert sub.status == Status.FAILED and sub.found_at is None

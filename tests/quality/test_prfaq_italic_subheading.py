"""An italic line directly under the headline is the subheading even when it
runs to several sentences, and the dateline is then read in the paragraph after
it; an online launch names its site instead of a city (blind reading 4,
chordio: "**github.com/chordio/px-skills — September 2026.**")."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Status

LAYOUT = Path(__file__).parent / "layouts" / "prfaq-italic-subheading.md"


def test_an_italic_paragraph_under_the_headline_is_the_subheading() -> None:
    by_id = {c.id: c for c in run(LAYOUT).review.criteria}
    assert by_id["pr.subheading"].status == Status.PASSED
    assert by_id["pr.subheading"].note == "subheading: 37 words (at most 40)"


def test_a_site_and_a_month_after_the_subheading_is_the_dateline() -> None:
    by_id = {c.id: c for c in run(LAYOUT).review.criteria}
    assert by_id["pr.dateline"].status == Status.PASSED
    assert by_id["pr.dateline"].note == "dateline: 'github.com/loomnotes/loom — October 2026'"
    assert "line 11" in (by_id["pr.problem"].note or "")

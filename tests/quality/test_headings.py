"""Prefixed section headings (issue 8, class 1) on a layout document written
here: "Part 1 — Press Release", "Section A: Customer FAQ" are read by detection
and section mapping alike, through one normaliser."""

from __future__ import annotations

from pathlib import Path

import pytest

from prereview.checks.reading.headings import normalise_heading
from prereview.engine import run
from prereview.review import Status

LAYOUT = Path(__file__).parent / "layouts" / "prfaq-prefixed-headings.md"


@pytest.mark.parametrize(("heading", "read"), [
    ("Part 1 — Press Release", "Press Release"),
    ("part 2: FAQ", "FAQ"),
    ("Section A: Customer FAQ", "Customer FAQ"),
    ("Chapter 2. Motivation", "Motivation"),
    ("SECTION 3 - Internal FAQ", "Internal FAQ"),
    ("3.2 Non-Goals [optional]:", "Non-Goals"),
    ("Partners", "Partners"),
    ("Section headings", "Section headings"),
    ("a. lower", "a. lower"),
])
def test_one_normaliser_strips_numbering_and_part_prefixes(heading: str, read: str) -> None:
    assert normalise_heading(heading) == read


def test_prefixed_headings_are_read_as_their_sections() -> None:
    review = run(LAYOUT).review
    assert review.rubric.id == "prfaq"
    assert "Press Release" in review.document.detection
    status = {c.id: c for c in review.criteria}
    assert status["faq.external"].status == Status.PASSED
    assert "'Section A: Customer FAQ'" in (status["faq.external"].note or "")
    assert status["faq.internal"].status == Status.PASSED
    assert status["pr.headline"].status == Status.PASSED
    assert status["pr.dateline"].status == Status.PASSED


def test_the_press_release_ends_at_the_next_part() -> None:
    from prereview.checks.context import CheckContext
    from prereview.ingest import load_document
    from prereview.rubrics import load_rubric

    ctx = CheckContext(load_document(LAYOUT), load_rubric("prfaq"))
    (section,) = ctx.sections_named("press-release")
    assert section.title == "Part 1 — Press Release"
    text = " ".join(b.text for b in ctx.scope("press-release"))
    assert "Jo Park" in text
    assert "Shops get their money first" not in text  # "Part 2 — Tenets" ends it


def test_the_headline_is_the_first_heading_under_a_wrapper_heading() -> None:
    from prereview.checks.context import CheckContext
    from prereview.checks.reading.press import press_release
    from prereview.ingest import load_document
    from prereview.rubrics import load_rubric

    layout = LAYOUT.with_name("prfaq-release-banner.md")
    ctx = CheckContext(load_document(layout), load_rubric("prfaq"))
    (wrapper,) = ctx.sections_named("press-release")
    assert wrapper.title == "Future Press Release"
    pr = press_release(ctx, "press-release")
    assert pr.headline is not None and pr.subheading is not None
    assert pr.headline.text == "Acme Announces Acme Pay: Florists Get Paid the Same Day"
    assert pr.subheading.text == "Small shops no longer wait a week for card payments."
    assert pr.body[0].text.startswith("SEATTLE, WA")  # the banner is neither

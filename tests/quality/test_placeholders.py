"""Placeholders in every form (issue 8, class 10) on a layout document written
here: bracketed template fields in capitals and by role, a question-mark name, a
placeholder handle, template prompts as headings and empty headings; none inside
code spans."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Review, Severity, Status

LAYOUT = Path(__file__).parent / "layouts" / "prfaq-template-placeholders.md"


def _quotes(review: Review, criterion: str) -> list[str]:
    result = next(c for c in review.criteria if c.id == criterion)
    return [f.quote or "" for f in result.findings]


def test_every_bracketed_field_and_marker_is_a_placeholder() -> None:
    review = run(LAYOUT).review
    assert _quotes(review, "style.placeholders") == [
        "[CITY, STATE]", "[DATE]", "[SPOKESPERSON NAME]", "[TITLE]", "WHO?", "@xxxxx",
        "[Contact Name]", "[Email]",
    ]
    placeholders = next(c for c in review.criteria if c.id == "style.placeholders")
    assert placeholders.status == Status.FAILED


def test_template_prompts_and_empty_headings_are_unfinished() -> None:
    review = run(LAYOUT).review
    assert _quotes(review, "style.unfinished") == [
        "Describe the opportunity or problem", "Call to action",
    ]
    unfinished = next(c for c in review.criteria if c.id == "style.unfinished")
    assert unfinished.status == Status.FAILED
    assert unfinished.severity.value == "major"


def test_a_heading_whose_content_is_an_embedded_document_is_not_empty(tmp_path: Path) -> None:
    doc = tmp_path / "rfc.md"
    doc.write_text(
        "# Faster uploads\n\n## Working Backwards\n\n### README\n\n"
        "# Uploads Library\n\nThe library uploads assets in parallel.\n\n"
        "## Alternatives\n\n## Option A: uploads from a worker process\n\n"
        "It would outlive the command on failure.\n",
        encoding="utf-8",
    )
    review = run(doc).review
    assert _quotes(review, "style.unfinished") == []


def test_a_dateline_of_placeholders_is_a_dateline_with_placeholders() -> None:
    review = run(LAYOUT).review
    dateline = next(c for c in review.criteria if c.id == "pr.dateline")
    # one element, one reading: the dateline is there, its values are placeholders
    # (a minor failure at half the weight), the same placeholders that
    # style.placeholders reports
    assert (dateline.status, dateline.severity, dateline.score) == (
        Status.FAILED, Severity.MINOR, 0.5)
    assert dateline.note == "dateline: placeholder '[CITY, STATE] – [DATE]'"
    assert "[DATE]" in _quotes(review, "style.placeholders")


def test_an_all_capitals_release_banner_does_not_hide_the_dateline() -> None:
    review = run(LAYOUT.with_name("prfaq-release-banner.md")).review
    dateline = next(c for c in review.criteria if c.id == "pr.dateline")
    assert dateline.status == Status.PASSED
    assert dateline.note == "dateline: 'SEATTLE, WA — June 1, 2027'"

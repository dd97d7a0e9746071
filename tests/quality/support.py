"""What the quality tests share: the layout documents and one way to review them,
so each test reads as the class of document it checks."""

from __future__ import annotations

import tempfile
from pathlib import Path

from prereview.engine import run
from prereview.review import CriterionResult, Review

LAYOUTS = Path(__file__).parent / "layouts"
"""Test documents, each written in the shape of a class of real documents."""


def review_layout(name: str, text: str | None = None, rubric: str | None = None) -> Review:
    """The review of ``layouts/NAME``, or of ``text`` written under that name (the
    name picks the format and, for proposals, the template family)."""
    if text is None:
        return run(LAYOUTS / name, rubric_ref=rubric).review
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(text, encoding="utf-8")
        return run(path, rubric_ref=rubric).review


def edited_layout(name: str, old: str, new: str) -> str:
    """The text of ``layouts/NAME`` with ``old`` replaced by ``new`` (which must be
    there: an edit that changes nothing would test the unedited document)."""
    base = (LAYOUTS / name).read_text(encoding="utf-8")
    assert old in base, (name, old)
    return base.replace(old, new)


def by_id(review: Review) -> dict[str, CriterionResult]:
    """The review's criteria by id."""
    return {c.id: c for c in review.criteria}


def results_of(path: Path, rubric: str | None = None) -> dict[str, CriterionResult]:
    """The criteria of the review of the file at ``path``, by id."""
    return by_id(run(path, rubric_ref=rubric).review)

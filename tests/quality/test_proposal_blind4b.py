"""Blind reading 4 (set B): what a change proposal's template asks for and what
its text covers decide a criterion, not the heading alone. Each test is a small
document of the shape the blind reader found misjudged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from prereview.engine import run
from prereview.review import CriterionResult, Review, Status

LAYOUTS = Path(__file__).parent / "layouts"


def _review(name: str, text: str | None = None) -> Review:
    if text is None:
        return run(LAYOUTS / name).review
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(text, encoding="utf-8")
        return run(path).review


def _got(review: Review) -> dict[str, CriterionResult]:
    return {c.id: c for c in review.criteria}


def test_go_design_without_open_issues_heading_is_not_asked_for_them() -> None:
    """go-40276: the Go template's "Open issues (if applicable)" is optional."""
    got = _got(_review("proposal-b4-go-install.md"))
    oq = got["proposal.open-questions"]
    assert (oq.status, oq.note) == (
        Status.NOT_APPLICABLE, "not applicable: the Go design document template has no "
        "Unresolved questions section, and the document no such heading")


def test_go_design_with_open_issues_heading_is_judged_on_it() -> None:
    base = (LAYOUTS / "proposal-b4-go-install.md").read_text(encoding="utf-8")
    got = _got(_review("go-open.md", base + "\n## Open issues\n\n"
                       "Whether `-json` output should group diagnostics by package.\n"))
    assert got["proposal.open-questions"].status == Status.PASSED
    empty = _got(_review("go-open-empty.md", base + "\n## Open issues\n"))
    assert empty["proposal.open-questions"].status == Status.FAILED


def test_tentative_weighing_of_options_is_not_hedging_in_a_proposal() -> None:
    """rust-2151: "might", "perhaps", "I think" in Drawbacks, Rationale and
    alternatives, Unresolved questions are the genre's register."""
    got = _got(_review("proposal-b4-rust-raw.md"))
    hedging = got["style.hedging"]
    assert hedging.status == Status.PASSED
    assert hedging.note == ("no occurrences found (0.0 per 1,000 of 137 words; "
                            "tolerance 4 per 1,000 words, at least 2: 2)")


def test_hedges_in_a_proposals_design_still_count() -> None:
    base = (LAYOUTS / "proposal-b4-rust-raw.md").read_text(encoding="utf-8")
    text = base.replace(
        "The token's name is the identifier without the prefix.",
        "The token's name might perhaps be the identifier without the prefix; maybe "
        "the prefix is kept, possibly not, I think.")
    assert text != base
    review = _review("rust-hedged.md", text)
    hedging = _got(review)["style.hedging"]
    assert hedging.status == Status.FAILED
    # the same words under a heading that weighs nothing count
    text = base.replace("# Rationale and alternatives", "# Notes")
    assert _got(_review("rust-notes.md", text))["style.hedging"].status == Status.FAILED
    lines = {f.location.line for f in review.findings
             if f.criterion == "style.hedging" and f.location is not None}
    assert lines == {25}

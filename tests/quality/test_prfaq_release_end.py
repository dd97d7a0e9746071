"""Where a press release without a heading of its own ends (blind reading 4,
mxfuse): at the first reference section of a README-style launch ("##
Limitations", "## Usage"), not at the FAQ. Its length and bullets are the
release's own, and a getting started or call to action said only in the "##
Usage" after it is a weaker pass."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Status

LAYOUT = Path(__file__).parent / "layouts" / "prfaq-readme-release.md"


def test_the_release_ends_at_the_first_reference_section() -> None:
    by_id = {c.id: c for c in run(LAYOUT).review.criteria}
    assert by_id["pr.length"].note == (
        "press release: 59 words (warn above 500, fail above 800)")
    assert by_id["style.bullets"].status == Status.PASSED
    assert by_id["style.bullets"].note == "list items: 0% of 2 prose blocks (max 0%)"


def test_usage_after_the_release_is_a_weaker_getting_started_and_call_to_action() -> None:
    by_id = {c.id: c for c in run(LAYOUT).review.criteria}
    for cid in ("pr.getting-started", "pr.call-to-action"):
        assert by_id[cid].status == Status.PASSED
        assert by_id[cid].score == 0.5
        assert "not in the press release; 'Usage' (line 18) says it" in (by_id[cid].note or "")

"""style.bullets counts the items of one list once (blind reading 4: chordio's
4-item list was reported as "1 item" and "2 items", mxfuse's 11-item list as
"6" and "4"): an item the check skips (one opening with inline code) does not
split the list."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run

LAYOUT = Path(__file__).parent / "layouts" / "prfaq-list-count.md"


def test_one_list_is_one_finding_with_all_its_items() -> None:
    review = run(LAYOUT).review
    bullets = [f for f in review.findings if f.criterion == "style.bullets"]
    assert len(bullets) == 1
    assert bullets[0].message.startswith("A bulleted list of 4 item(s) in the press release")
    assert bullets[0].location.line == 11

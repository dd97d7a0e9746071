"""An empty heading counted under the part it leaves empty is taken off the
unfinished rule's count too (issue 8, blind reading 10: a KEP with three empty
headings against a tolerance of two, two of them its empty Alternatives and
Drawbacks, failed ``style.unfinished`` as well, and led with "Fill in or delete
the empty 'Implementation History' section" on one leftover within tolerance).

Layout document: the KEP of tests/quality/test_lead_empty_parts.py with its unit
tests written, so its empty headings are 'Version Skew Strategy', 'Implementation
History' (the unfinished rule's) and 'Drawbacks' (proposal.compatibility's)."""

from __future__ import annotations

from prereview.lead import top_actions
from prereview.review import Status

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-empty-drawbacks.md"
UNIT = "##### Unit tests\n"
WRITTEN = ("##### Unit tests\n\nThe rotation budget is unit tested in pkg/kubelet/logs "
           "against a fake clock and a fake filesystem.\n")


def test_what_is_left_within_the_tolerance_passes() -> None:
    review = review_layout("kep-counted-elsewhere.md", edited_layout(KEP, UNIT, WRITTEN))
    results = by_id(review)
    assert results["proposal.compatibility"].status == Status.FAILED
    unfinished = results["style.unfinished"]
    assert unfinished.status == Status.PASSED and unfinished.score == 1.0
    assert "3 empty section(s) or template prompt(s) (tolerance 2)" in (unfinished.note or "")
    assert "the empty heading 'Drawbacks' is counted under proposal.compatibility" in (
        unfinished.note or "")
    assert (unfinished.note or "").endswith("within the tolerance without them")
    # the leftovers (and the optional heading's note) are still shown, as
    # findings of a passed rule
    assert [f.quote for f in unfinished.findings] == [
        "Prerequisite testing updates", "Version Skew Strategy", "Implementation History"]
    assert [a.criterion for a in top_actions(review)] == ["proposal.compatibility"]


def test_over_the_tolerance_without_them_it_still_fails() -> None:
    review = review_layout(KEP)
    unfinished = by_id(review)["style.unfinished"]
    assert unfinished.status == Status.FAILED
    assert [f.quote for f in unfinished.findings] == [
        "Prerequisite testing updates", "Unit tests", "Version Skew Strategy",
        "Implementation History"]

"""Top actions lead with what matters (issue 8, blind reading 10: the classes
"Delete the empty optional heading" as a KEP's first or only action, and an empty
Drawbacks downgraded to a pass that leaves "Nothing to fix before the meeting").

- A KEP's "Drawbacks" (why the change should not be made) is asked apart from its
  "Risks and Mitigations": left empty beside answered risks it fails
  proposal.compatibility for half its weight, and leads the actions; the same
  heading marked "[optional]" by an older template is the author's choice (it
  passes for the share of an empty sibling, as before).
- An action is worded from the findings that make its criterion fail: a rule's
  notes on what it does not count (an optional heading left empty, the first by
  position) never lead it; the empty headings it counts are named in one line.

Layout document written here: a KEP of that shape (answered risks, empty
Drawbacks, an empty optional test heading before empty required ones)."""

from __future__ import annotations

from prereview.lead import top_actions
from prereview.review import Severity, Status

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-empty-drawbacks.md"


def test_an_empty_drawbacks_beside_answered_risks_fails_the_part() -> None:
    review = review_layout(KEP)
    compat = by_id(review)["proposal.compatibility"]
    assert compat.status == Status.FAILED
    assert compat.score == 0.5
    assert compat.note == ("drawbacks and compatibility: 'Risks and Mitigations' and 2 more "
                           "headings (43 words); 'Drawbacks' of the same part left empty")
    assert [(f.quote, f.severity) for f in compat.findings] == [("Drawbacks", Severity.MAJOR)]
    # one defect, one finding: the unfinished rule no longer lists it
    unfinished = by_id(review)["style.unfinished"]
    assert "Drawbacks" not in [f.quote for f in unfinished.findings]
    assert "the empty heading 'Drawbacks' is counted under proposal.compatibility" in (
        unfinished.note or "")


def test_the_drawbacks_leads_and_the_optional_heading_never_does() -> None:
    actions = top_actions(review_layout(KEP))
    assert [(a.criterion, a.text) for a in actions] == [
        ("proposal.compatibility",
         "Fill in the empty 'Drawbacks' section (or say 'None' and why)."),
        ("style.unfinished",
         "Fill in or delete the empty 'Unit tests', 'Version Skew Strategy' and "
         "'Implementation History' sections."),
    ]
    # the examples of the figure are the counted ones, not the optional note
    assert actions[1].detail.endswith(
        "e.g. 'Unit tests', 'Version Skew Strategy', 'Implementation History'")
    assert all("optional" not in a.text.lower() for a in actions)


def test_an_optional_drawbacks_left_empty_still_passes() -> None:
    text = edited_layout(KEP, "## Drawbacks\n", "## Drawbacks [optional]\n")
    review = review_layout("kep-optional-drawbacks.md", text)
    compat = by_id(review)["proposal.compatibility"]
    # the author's to leave out: no finding of the part, no share lost (blind
    # reading 12); the unfinished rule notes it, not counted
    assert compat.status == Status.PASSED
    assert (compat.score, compat.findings) == (1.0, [])
    assert "proposal.compatibility" not in [a.criterion for a in top_actions(review)]


def test_a_single_counted_leftover_is_the_action_not_the_note_before_it() -> None:
    # only the open question counts: the optional heading before it is a note
    text = edited_layout(KEP, "##### Unit tests\n\n", "##### Unit tests\n\n- (flaky?)\n\n")
    text = text.replace("### Version Skew Strategy\n\n<!--", "### Version Skew Strategy\n\n"
                        "The change is local to the kubelet.\n\n<!--")
    text = text.replace("## Implementation History\n\n",
                        "## Implementation History\n\n- 2026-04-01: provisional.\n\n")
    review = review_layout("kep-one-doubt.md", text)
    unfinished = by_id(review)["style.unfinished"]
    assert unfinished.status == Status.FAILED
    assert unfinished.findings[0].quote == "Prerequisite testing updates"
    action = next(a for a in top_actions(review) if a.criterion == "style.unfinished")
    assert action.text == ("Answer the open question 'flaky?' left in the text, or move it "
                           "to the open questions.")

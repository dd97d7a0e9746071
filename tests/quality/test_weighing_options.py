"""Where a proposal weighs options and names its risks, "might" and "perhaps" are
the register, not hedges (issue 8, blind reading 11: the hedging and weasel-word
rules fired on an option's cons, "Users might be hesitant to use an API with a
prefix in its name", and on "might break some scripts" under Risks and
Mitigations). The options' headings ("Option 2: ...", "Pros and cons", "Trade-offs"),
a Risks section and discarded solutions are weighing sections; the author's own
claims elsewhere are still read.

Layout document written here: an RFC weighing two options with pros and cons, a
Risks and Mitigations section and an appendix of discarded solutions."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

RFC = "proposal-options-weighed.md"


def test_hedges_in_options_risks_and_discarded_solutions_are_not_counted() -> None:
    hedging = by_id(review_layout(RFC))["style.hedging"]
    assert hedging.status == Status.PASSED
    assert hedging.findings == []


def test_the_same_hedges_in_the_proposal_itself_still_count() -> None:
    text = edited_layout(RFC, "versioned apart from the main library. The main library "
                         "re-exports none of them.",
                         "versioned apart from the main library. We think this might "
                         "perhaps help, and maybe it possibly will.")
    hedging = by_id(review_layout("proposal-hedged-design.md", text))["style.hedging"]
    assert hedging.status == Status.FAILED
    assert [f.quote.lower() for f in hedging.findings] == [
        "we think", "might", "perhaps", "maybe", "possibly"]

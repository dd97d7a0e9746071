"""What a report leads with (issue 8, section 3): at most five actions, blockers
first and de-duplicated, style collapsed to one line with its figure; and the
"how the document was read" map, on layout documents written here."""

from __future__ import annotations

import html
from pathlib import Path

from prereview.engine import run
from prereview.lead import reading_map, rules_only_caveat, top_actions
from prereview.reports.markdown import render_markdown
from prereview.review import CriterionResult, Severity, Status

LAYOUTS = Path(__file__).parent / "layouts"


def test_actions_lead_with_blockers_and_stop_at_five() -> None:
    review = run(LAYOUTS / "prfaq-template-placeholders.md").review
    actions = top_actions(review)
    assert 1 <= len(actions) <= 5
    failed_blockers = {c.id for c in review.failed_blockers}
    assert failed_blockers  # the placeholders
    blockers_first = [a.criterion for a in actions[: len(failed_blockers)]]
    assert set(blockers_first) == failed_blockers
    assert all(a.severity == Severity.BLOCKER for a in actions[: len(failed_blockers)])
    assert len({a.text.lower() for a in actions}) == len(actions)
    placeholders = next(a for a in actions if a.criterion == "style.placeholders")
    # one line for the rule: its figure and up to three examples
    assert placeholders.detail.startswith("8 occurrences found (tolerance 0); e.g. ")
    assert placeholders.detail.count("'") == 6


def test_the_reading_map_says_where_each_part_was_found() -> None:
    review = run(LAYOUTS / "proposal-rfc-template.md").review
    where = {r.criterion: (r.status, r.where) for r in reading_map(review)}
    assert where["proposal.motivation"] == (
        Status.PASSED, "motivation: 'Motivation' (52 words, at least 12)")
    assert where["proposal.compatibility"][1].startswith("drawbacks and compatibility: 'Drawbacks'")
    assert where["proposal.operations"][0] == Status.NOT_APPLICABLE
    assert where["proposal.operations"][1].startswith("not applicable: the proposal is not about")
    assert "style.passive-voice" not in where  # metrics measure text, they find no part
    report = render_markdown(review)
    head = report.split("## Blockers")[0]
    assert "## How the document was read" in head
    assert "| Motivation (`proposal.motivation`) | yes | motivation: 'Motivation'" in head


def test_ready_on_the_rules_says_which_blockers_wait_for_the_llm() -> None:
    review = run(LAYOUTS / "proposal-rfc-template.md").review
    assert review.verdict.value == "ready"
    assert rules_only_caveat(review) is None  # every blocker was decided by a rule
    pending = CriterionResult(id="x.judged", title="Judged", severity=Severity.BLOCKER,
                              weight=3, status=Status.NOT_ASSESSED)
    waiting = review.model_copy(update={"criteria": [*review.criteria, pending]})
    assert rules_only_caveat(waiting) == "ready on the rules; 1 blocker needs the LLM reviewer"
    assert ("(ready): no blocker failed and the score reaches the threshold 90 "
            "(ready on the rules; 1 blocker needs the LLM reviewer).") in render_markdown(waiting)


def test_the_html_page_opens_with_the_actions_and_the_reading() -> None:
    from prereview.reports.html import render_html

    run_ = run(LAYOUTS / "prfaq-template-placeholders.md")
    page = render_html(run_.review, run_.document)
    actions, reading, scorecard = (page.index(f'id="{i}"')
                                   for i in ("actions", "reading", "scorecard"))
    assert actions < reading < scorecard
    first = top_actions(run_.review)[0]
    assert html.escape(first.text).replace("&#x27;", "&#39;") in page[actions:reading]
    assert '<code>pr.headline</code>' in page[reading:scorecard]

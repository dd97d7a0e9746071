"""A placeholder in a section the KEP template leaves for a later stage is not
due yet, and a "TBD" that says when it is settled is a deferral (issue 8, blind
reading 12: three KEPs called not-ready by their beta sections' TBDs, "Event
Reason: TBD (will be added in Beta)", "TBD / Completed before beta graduation";
the unfinished rule already read those sections as not due). A bare TBD in a
section due now still blocks.

Layout document: an alpha KEP whose questionnaire leaves Monitoring Requirements
for beta."""

from __future__ import annotations

from prereview.review import Severity, Status

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-alpha-questionnaire.md"
MONITORING = ("### Monitoring Requirements\n\n_This section must be completed when "
              "targeting beta graduation to a release._\n")
BETA_TBD = MONITORING + "\n- Event Reason: TBD\n- Metric name: TBD\n"
TEST_PLAN = "### Test Plan\n\n"


def _placeholders(text: str, name: str) -> tuple[Status, Severity, str, list[str]]:
    c = by_id(review_layout(name, text))["style.placeholders"]
    return c.status, c.severity, c.note or "", [f.quote for f in c.findings]


def test_a_tbd_in_a_section_due_at_beta_is_not_counted_in_an_alpha_kep() -> None:
    status, _, note, quotes = _placeholders(edited_layout(KEP, MONITORING, BETA_TBD),
                                            "kep-beta-tbd.md")
    assert (status, quotes) == (Status.PASSED, [])
    assert note.endswith("2 in section(s) the template leaves for a later stage than "
                         "alpha, not counted")


def test_the_same_tbd_in_a_beta_kep_counts() -> None:
    text = edited_layout(KEP, MONITORING, BETA_TBD).replace(
        "- 2026-02-10: KEP merged as implementable, targeting alpha in v1.40.",
        "- 2026-02-10: KEP merged as implementable, targeting alpha in v1.40.\n"
        "- 2026-06-01: KEP updated to target beta in v1.41.")
    status, _, _, quotes = _placeholders(text, "kep-beta-stage-tbd.md")
    assert status == Status.FAILED and quotes == ["TBD", "TBD"]


def test_a_tbd_that_says_when_it_is_settled_is_a_deferral() -> None:
    text = edited_layout(KEP, TEST_PLAN, TEST_PLAN + "Load test thresholds: TBD (will be "
                         "added in Beta). Objects per cluster: TBD; eventually up to "
                         "150000.\n\n")
    assert _placeholders(text, "kep-dated-tbd.md")[0] == Status.PASSED


def test_a_bare_tbd_in_a_section_due_now_still_blocks() -> None:
    text = edited_layout(KEP, TEST_PLAN, TEST_PLAN + "Load test thresholds: TBD.\n\n")
    status, _, _, quotes = _placeholders(text, "kep-bare-tbd.md")
    assert (status, quotes) == (Status.FAILED, ["TBD"])

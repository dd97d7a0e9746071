"""A KEP's SLO questions under a Monitoring Requirements that the template leaves
for beta are not due in an alpha KEP (issue 8, blind reading 13: an alpha KEP
failed proposal.metrics on its empty SLO question, under "This section must be
completed when targeting beta to a release", while the unfinished rule read the
same KEP at alpha). Read with the unfinished rule's stages: at beta the same
empty question fails.

Layout document: the alpha KEP of tests/quality/test_placeholders_not_due.py with
the questionnaire's SLO question left empty under Monitoring Requirements."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-alpha-questionnaire.md"
MONITORING = ("### Monitoring Requirements\n\n_This section must be completed when "
              "targeting beta graduation to a release._\n")
SLO = MONITORING + ("\n###### What are the reasonable SLOs (Service Level Objectives) for "
                    "the enhancement?\n\n###### What are the SLIs (Service Level "
                    "Indicators) an operator can use to determine the health of the "
                    "service?\n")
ALPHA = "- 2026-02-10: KEP merged as implementable, targeting alpha in v1.40."


def _metrics(text: str, name: str) -> tuple[Status, str]:
    c = by_id(review_layout(name, text))["proposal.metrics"]
    return c.status, c.note or ""


def test_empty_slo_questions_left_for_beta_are_not_due_in_an_alpha_kep() -> None:
    status, note = _metrics(edited_layout(KEP, MONITORING, SLO), "kep-slo-later.md")
    assert status == Status.PASSED
    assert note.endswith("not due yet: the template leaves it for a later stage than alpha")


def test_at_beta_the_same_empty_questions_fail() -> None:
    text = edited_layout(KEP, MONITORING, SLO).replace(
        ALPHA, ALPHA + "\n- 2026-06-01: KEP updated to target beta in v1.41.")
    status, note = _metrics(text, "kep-slo-due.md")
    assert status == Status.FAILED
    assert "not due yet" not in note

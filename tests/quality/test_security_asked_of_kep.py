"""Security is asked of every KEP by its own template (issue 8).

The KEP template's "Risks and Mitigations" asks "How will security be reviewed,
and by whom?": every KEP owes the answer, whatever it exposes, the way every KEP
owes a test plan. A KEP that names no security surface and says nothing fails as
minor (a sentence is owed, not a security design: measured on the labels, as a
major failure the overall Spearman falls under its floor); one with a surface
fails as major; an explicit answer passes wherever it stands ("No security
implications: ...", "From a security perspective ...", a sentence of the
author's in Risks and Mitigations); the template's own question kept in the text
does not. A Rust RFC is still asked only where it exposes something, and a
sub-KEP that inherits its design from a parent KEP inherits its security review.
Layout document written here: a KEP about a restart back-off ceiling, with no
word on security and no surface.
"""

from __future__ import annotations

from prereview.lead import top_actions
from prereview.review import Severity, Status, Verdict

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-silent-security.md"
RISKS = "node. The field accepts no value under 10 seconds, and the kubelet keeps its\n"
DESIGN = "The kubelet reads the field when it computes the next back-off of a container\n"
WHY = ('The KEP template\'s Risks and Mitigations asks "How will security be reviewed, and '
       'by whom?": answer it in one or two sentences (who may do what with the change and '
       'what it exposes, or "No security implications:" and why).')
SILENT = ("security: not answered; asked of every KEP (the template asks it; no security "
          "surface is seen, a warning: one sentence answers it)")


def _security(text: str | None = None, name: str = KEP) -> tuple[Status, Severity, float, str]:
    c = by_id(review_layout(name, text))["proposal.security"]
    return c.status, c.severity, c.score, c.note or ""


def test_a_kep_with_no_surface_and_no_answer_is_a_minor_warning() -> None:
    """Shown, half its weight lost, not failed (blind reading 11)."""
    review = review_layout(KEP)
    security = by_id(review)["proposal.security"]
    assert (security.status, security.severity, security.weight, security.score) == (
        Status.PASSED, Severity.MINOR, 8.0, 0.5)
    assert security.found is False
    assert security.note == SILENT
    assert [(f.message, f.severity, f.suggestion) for f in security.findings] == [
        ("No security section found.", Severity.MINOR, WHY)]
    # shown in the findings, never an action before the meeting; a sentence owed
    # does not make a complete KEP need work
    assert "proposal.security" not in [a.criterion for a in top_actions(review)]
    assert (review.verdict, review.score) == (Verdict.READY, 95.3)


def test_no_security_implications_answers_it() -> None:
    text = edited_layout(KEP, DESIGN, "No security implications: the field only changes "
                         "when a container is restarted, never who may create the pod.\n\n"
                         + DESIGN)
    status, _, score, note = _security(text)
    assert (status, score) == (Status.PASSED, 1.0)
    assert note == "security: no heading; covered in the text (line 46)"


def test_from_a_security_perspective_answers_it_anywhere_in_the_design() -> None:
    text = edited_layout(KEP, DESIGN, "From a security perspective nothing changes: the "
                         "field is set by whoever may already create the pod.\n\n" + DESIGN)
    assert _security(text)[0] == Status.PASSED


def test_a_security_sentence_in_risks_and_mitigations_answers_it() -> None:
    text = edited_layout(KEP, RISKS, RISKS + "Only users who may already update the pod "
                         "can set the field: RBAC on pods is unchanged.\n")
    status, _, _, note = _security(text)
    assert status == Status.PASSED
    assert note == ("security: no heading; 'Risks and Mitigations', where the template asks "
                    "for it, covers it (line 42)")


def test_the_templates_question_left_in_the_text_is_no_answer() -> None:
    text = edited_layout(KEP, RISKS, RISKS + "How will security be reviewed, and by whom?\n")
    assert _security(text)[:3] == (Status.PASSED, Severity.MINOR, 0.5)  # the warning


def test_a_kep_with_a_surface_and_no_answer_fails_as_major() -> None:
    surface = ("The kubelet reads the ceiling with its own service account token; the "
               "field's RBAC permissions follow the pod's, and a privileged container "
               "restarts as fast as any other.\n\n")
    status, severity, score, note = _security(edited_layout(KEP, DESIGN, surface + DESIGN))
    assert (status, severity, score) == (Status.FAILED, Severity.MAJOR, 0.0)
    assert note.startswith("security: missing; asked of every KEP; it applies: ")


def test_a_rust_rfc_with_no_surface_is_still_not_asked() -> None:
    text = ("# Restart back-off in the test harness\n\n- Feature Name: `retry_ceiling`\n"
            "- Start Date: 2026-06-01\n\n## Summary\n\nA test can cap its retry back-off.\n\n"
            "## Motivation\n\nFlaky tests wait minutes between attempts today.\n\n"
            "## Guide-level explanation\n\nWrite `#[retry(ceiling = 30)]` on the test.\n\n"
            "## Reference-level explanation\n\nThe harness doubles the wait up to the "
            "ceiling.\n\n## Drawbacks\n\nOne more attribute to learn.\n\n"
            "## Rationale and alternatives\n\nA global flag cannot tell tests apart.\n\n"
            "## Prior art\n\nJUnit has a retry extension.\n\n"
            "## Unresolved questions\n\nNone.\n")
    assert _security(text, "rust-retry.md")[0] == Status.NOT_APPLICABLE


def test_a_sub_kep_inheriting_from_its_parent_is_not_asked_again() -> None:
    text = edited_layout(KEP, "The kubelet restarts a crashing container",
                         "This KEP inherits all the contents from its parent KEP, "
                         "KEP-9700.\nThe kubelet restarts a crashing container")
    status, _, _, note = _security(text)
    assert status == Status.NOT_APPLICABLE
    assert note == "not applicable: the document defers it to a parent document it links"

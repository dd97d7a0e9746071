"""Security coverage is read where the proposal speaks for itself (issue 8).

A security sentence in a rejected alternative's pros and cons ("Cons: security
concerns: a compromised sidecar could reach the runtime") weighs another design:
it does not cover the proposal's own security, by a phrase (``or_patterns``) or
by a subsection full of security terms (``or_about``). Security material spread
across the proposal's own parts (a sentence on authentication in the Proposal,
one on authorization in the Design Details, one on a compromised controller
under Drawbacks) covers it together, though no one section says enough
(``or_about_across``). Layout document written here: the KEP about a restart
back-off ceiling (no word on security of its own).
"""

from __future__ import annotations

from prereview.review import Severity, Status

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-silent-security.md"
ALTERNATIVES = "so one kind of workload would get the wrong back-off.\n"
PROPOSAL = "every container of the pod. The default stays 300 seconds.\n"
DESIGN = "and takes the lower of the field and the node's setting."
AUTHN = "The kubelet authenticates updates of the ceiling with the pod's service account."
AUTHZ = ("Only users authorized to update the pod may change the field, and the kubelet "
         "verifies the signature of the admission response.")
ABUSE = ("A compromised controller could lower every ceiling of the namespace, and an "
         "attacker who holds its credentials could restart pods in a loop.")


def _security(text: str) -> tuple[Status, Severity, str]:
    c = by_id(review_layout(KEP, text))["proposal.security"]
    return c.status, c.severity, c.note or ""


def test_a_rejected_alternatives_security_cons_do_not_cover_the_proposal() -> None:
    text = edited_layout(KEP, ALTERNATIVES, ALTERNATIVES + "\nA sidecar that restarts "
                         "containers was considered. Cons: security concerns: a compromised "
                         "sidecar could reach the container runtime of the node.\n")
    status, _, note = _security(text)
    assert status == Status.PASSED  # the minor warning of a KEP with nothing said
    assert note.startswith("security: not answered; asked of every KEP")


def test_an_alternative_full_of_security_terms_does_not_cover_it_either() -> None:
    text = edited_layout(KEP, ALTERNATIVES, ALTERNATIVES + "\n### Alternative: a restart "
                         f"controller\n\n{AUTHN} {AUTHZ} {ABUSE}\n")
    status, severity, note = _security(text)
    # the alternative's words still show that security is at stake: major
    assert (status, severity) == (Status.FAILED, Severity.MAJOR)
    assert note.startswith("security: missing; asked of every KEP; it applies: ")


def test_security_spread_across_the_proposals_own_parts_covers_it() -> None:
    text = edited_layout(KEP, PROPOSAL, PROPOSAL + AUTHN + "\n")
    text = text.replace(DESIGN, DESIGN + " " + AUTHZ)
    text = text.replace("## Implementation History",
                        f"## Drawbacks\n\n{ABUSE}\n\n## Implementation History")
    status, _, note = _security(text)
    assert status == Status.PASSED
    assert note == ("security: no heading; the proposal's own parts ('Proposal', 'Design "
                    "Details', 'Drawbacks') are about it together (7 terms)")


def test_one_of_those_parts_alone_is_not_enough() -> None:
    text = edited_layout(KEP, DESIGN, DESIGN + " " + AUTHZ)
    assert _security(text)[0] == Status.PASSED
    assert _security(text)[2].startswith("security: not answered")

"""Security covered without a Security section (issue 8, blind reading 8: kep-2413
"Enable seccomp by default" and kep-3299 "KMS v2 Improvements" failed "No
security section found").

- A proposal whose subject is a security control (its title or summary names
  seccomp, AppArmor, SELinux, encryption, KMS, TLS, authentication, RBAC,
  secrets, redaction...) and whose prose weighs threats or risks is its security
  argument from end to end: the criterion passes with a note saying so and where.
  The word alone is not enough (no risks weighed: it still fails), a heading named
  after the topic with nothing under it does not hide the subject, and one with
  words ("TBD") is judged by them. A file-permission or ownership change is not
  a security control (the labels rule kep-695 "security absent").
- The KEP template's "Risks and Mitigations" asks "How will security be reviewed,
  and by whom?": the author's sentence about security there is the KEP's
  security part; the template's question kept in the text is not.

Layout document written here: a KEP enabling an AppArmor profile by default."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-security-subject.md"
TITLE = "# KEP-9522: Confine containers with the AppArmor runtime profile by default"
SUMMARY = ("The kubelet applies the container runtime's default AppArmor profile to every\n"
           "container that does not name a profile, instead of running it unconfined.")
MOTIVATION = ("attacks behind several container escapes (two of last year's CVEs among them);\n"
              "enabling the profile by default hardens the node for every workload that did not\n"
              "opt in.")


def test_a_security_control_as_the_subject_is_the_security_argument() -> None:
    security = by_id(review_layout(KEP))["proposal.security"]
    assert security.status == Status.PASSED
    assert security.findings == []
    assert security.note == (
        "security: the proposal's subject ('AppArmor' in the title) is a security control, "
        "and the document weighs its risks (first at line 12): the whole document is the "
        "security argument")
    assert security.found_at == "the text under 'Motivation' (line 12)"


def test_the_subject_in_the_summary_counts_too() -> None:
    text = edited_layout(KEP, TITLE, "# KEP-9522: Confine containers by default")
    security = by_id(review_layout("kep-summary-subject.md", text))["proposal.security"]
    assert security.status == Status.PASSED
    assert "('AppArmor' in the summary)" in (security.note or "")


def test_a_subject_without_its_risks_weighed_is_not_enough() -> None:
    text = edited_layout(KEP, MOTIVATION, "so their processes can do whatever the user may do.")
    security = by_id(review_layout("kep-no-risks.md", text))["proposal.security"]
    assert security.status == Status.FAILED
    assert security.note is not None and security.note.startswith("security: missing")


def test_an_ownership_change_is_not_a_security_control() -> None:
    text = edited_layout(KEP, TITLE, "# KEP-9522: Skip the recursive ownership change of volumes")
    text = text.replace(SUMMARY, "The kubelet skips the recursive `chown` of a volume whose\n"
                        "root already has the pod's `fsGroup`, and changes file permissions\n"
                        "only where they differ.")
    security = by_id(review_layout("kep-ownership.md", text))["proposal.security"]
    assert security.status == Status.FAILED


def test_an_empty_heading_named_after_the_topic_does_not_hide_the_subject() -> None:
    empty = edited_layout(KEP, "### Test Plan", "### Encryption of the profile cache\n\n"
                          "### Test Plan")
    security = by_id(review_layout("kep-empty-heading.md", empty))["proposal.security"]
    assert security.status == Status.PASSED
    assert "is a security control" in (security.note or "")
    # a section with words is judged by them
    thin = edited_layout(KEP, "### Test Plan", "### Security\n\nTBD.\n\n### Test Plan")
    security = by_id(review_layout("kep-thin-section.md", thin))["proposal.security"]
    assert security.status == Status.FAILED
    assert (security.note or "").startswith("security: 'Security' (")
    assert "security control" not in (security.note or "")


NO_SUBJECT = (TITLE, "# KEP-9522: Let the kubelet pick a container's runtime profile")


def _no_subject(risks: str) -> str:
    text = edited_layout(KEP, *NO_SUBJECT).replace(SUMMARY, "The kubelet picks the profile.")
    return text.replace(
        "A workload that relies on an operation the profile denies fails once the default\n"
        "is on.", risks)


def test_security_in_risks_and_mitigations_is_the_keps_security_part() -> None:
    text = _no_subject("From a security perspective, only cluster administrators can change "
                       "the kubelet flag.")
    security = by_id(review_layout("kep-risks.md", text))["proposal.security"]
    assert security.status == Status.PASSED
    # "From a security perspective" answers the template's question wherever it
    # stands (tests/quality/test_security_asked_of_kep.py); here it is in Risks
    assert security.note == "security: no heading; covered in the text (line 31)"
    assert security.found_at == "the text under 'Risks and Mitigations' (line 31)"
    # the template's own question kept there is no answer
    text = _no_subject("How will security be reviewed, and by whom?")
    security = by_id(review_layout("kep-risks-prompt.md", text))["proposal.security"]
    assert security.status == Status.FAILED

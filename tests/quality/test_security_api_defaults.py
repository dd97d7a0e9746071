"""A CDK L2-construct RFC's API states its security defaults (issue 8).

A construct library drafts its API in the README's code: the doc comments say
what the construct does when the user leaves a prop out (``@default - Service
managed encryption (AWS owned KMS key)``, ``@default - A new security group is
created``) and its ``grant*`` methods say how access is opened
(``grantConnect(grantee: iam.IGrantable)``). Where the default lines themselves
state the security behaviour, that is the construct's security coverage (the
labels read a CDK L2 RFC so), quoted in the note; a description that names
encryption over ``@default undefined`` states no default, and grant methods
alone are no stated default. Layout document written here: a CDK RFC for a
cache L2 construct with no security heading.
"""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

CDK = "proposal-cdk-construct-defaults.md"
KMS = "@default - Service managed encryption (AWS owned KMS key)"
SG = "@default - A new security group is created"


def _security(text: str | None = None) -> tuple[Status, str, str | None]:
    c = by_id(review_layout(CDK if text is None else "cdk-defaults.md", text))[
        "proposal.security"]
    return c.status, c.note or "", c.found_at


def test_the_apis_stated_security_defaults_cover_it() -> None:
    assert _security() == (
        Status.PASSED,
        "security: no heading; the API's doc comments state its security defaults "
        f"(line 30: '{KMS}'; 4 in all)",
        "the text under 'Construct props' (line 30)")


def test_a_description_over_an_undefined_default_states_nothing() -> None:
    text = edited_layout(CDK, KMS, "@default undefined").replace(SG, "@default - none")
    status, note, _ = _security(text)
    # the grant methods are there, but no default says what is locked down
    assert status == Status.FAILED
    assert note.startswith("security: missing; it applies: ")


def test_one_stated_default_alone_is_not_enough() -> None:
    text = edited_layout(CDK, SG, "@default - none")
    for grant in ("cache.grantConnect(handler);\n",
                  "  grantConnect(grantee: iam.IGrantable): iam.Grant;\n"):
        text = text.replace(grant, "")
    assert _security(text)[0] == Status.FAILED


def test_a_type_named_in_the_default_line_is_read_as_words() -> None:
    text = edited_layout(CDK, SG, "@default - a new OriginAccessControl is created")
    status, note, _ = _security(text)
    assert status == Status.PASSED
    assert note.endswith(f"(line 30: '{KMS}'; 4 in all)")

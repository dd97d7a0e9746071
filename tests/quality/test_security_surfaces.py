"""Security applies where the change exposes a surface (issue 8, blind reading 6).

Whether a proposal owes a security discussion is read from what its text and
code touch (access control, secrets, privileged execution, traffic at the edge,
code it fetches and trusts, its own word that security is at stake), never from
the word "security" in a name: "security group", ``SecurityTagAspect``,
"Security Hub", or an example that "enforces encryption", nor from quota (which
is resource management). Layout documents written here: a CDK RFC about the
order of tag policies whose README names those things, and a KEP whose
"Admission Controller" subsection is about quota.
"""

from __future__ import annotations

from prereview.review import Status

from .support import LAYOUTS, by_id, edited_layout, review_layout

CDK = "proposal-cdk-security-names.md"
KEP = "proposal-kep-quota-admission.md"
NONE = ("not applicable: the proposal exposes no security surface (no security section; "
        "its text and code name no access control, secrets, privileged execution, edge "
        "traffic or untrusted code)")
UNEXPOSED = ("security: not answered; asked of every KEP (the template asks it; no "
             "security surface is seen, a warning: one sentence answers it)")
"""A KEP is asked about security by its template whatever it exposes: with no
surface, its silence is the minor failure, not a security design owed."""


JOB_API = ("### API\n\n```ts\ninterface JobDefinitionProps {\n"
           "  readonly jobRole?: iam.IRole;\n"
           "  readonly secrets?: { [key: string]: ecs.Secret };\n"
           "  readonly privileged?: boolean;\n}\n\n"
           "jobDefinition.grantSubmitJob(grantee);\n```\n\n")
"""cdk-0485's class: an L2 construct's API (code only) that takes IAM roles, grants
access, mounts secrets and runs privileged containers."""


def _inserted(layout: str, before: str, text: str) -> str:
    """The layout document with ``text`` inserted before the heading ``before``."""
    return edited_layout(layout, before, text + before)


def _security(name: str, text: str | None = None) -> tuple[Status, str]:
    c = by_id(review_layout(name, text))["proposal.security"]
    return c.status, c.note or ""


def test_names_and_examples_are_no_security_surface() -> None:
    text = (LAYOUTS / CDK).read_text(encoding="utf-8")
    for name in ("security group", "Security Hub", "SecurityTagAspect", "encryption"):
        assert name in text
    assert _security(CDK) == (Status.NOT_APPLICABLE, NONE)


def test_quota_under_an_admission_controller_heading_is_no_security_surface() -> None:
    assert "### Admission Controller" in (LAYOUTS / KEP).read_text(encoding="utf-8")
    assert _security(KEP) == (Status.PASSED, UNEXPOSED)


def test_iam_roles_grants_secrets_and_privileged_containers_in_the_api_code_apply() -> None:
    """cdk-0485's class: an L2 construct whose API (code only) takes IAM roles,
    grants access, mounts secrets and runs privileged containers."""
    text = _inserted(CDK, "## Public FAQ", JOB_API)
    assert _security("cdk-api.md", text) == (Status.FAILED, (
        "security: missing; it applies: data protection (line 15), access control (line 32), "
        "secrets (line 33), privileged execution (line 34)"))


def test_an_edge_api_with_wildcard_hosts_applies() -> None:
    """kep-1453's class: an API at the cluster's edge (load balancers, hostname
    wildcards) whose Risks say no security tests were run."""
    edge = ("### Hostname wildcards\n\nA rule's host may start with a wildcard label "
            "(`*.example.com`); the load balancer of each ingress controller matches "
            "it against the request's host.\n\n### Risks and Mitigations\n\n"
            "No additional security tests have been conducted; wildcard matching is "
            "tested by the conformance suite.\n\n")
    text = _inserted(KEP, "## Design Details", edge)
    assert _security("kep-edge.md", text) == (Status.FAILED, (
        "security: missing; asked of every KEP; it applies: traffic at the edge (line 36), "
        "its own word on "
        "security (line 42)"))


def test_code_it_downloads_and_runs_applies_alone() -> None:
    """A strong surface needs no second kind: the toolchain the change downloads
    and runs (go-57001's class)."""
    fetch = ("### Toolchain switching\n\nThe scheduler plugin binary is downloaded and "
             "executed by each node agent at start; a newer agent downloads and runs the "
             "plugin of its own version.\n\n")
    text = _inserted(KEP, "## Design Details", fetch)
    assert _security("kep-fetch.md", text)[0] == Status.FAILED


def test_a_section_on_who_may_do_what_is_the_security_discussion() -> None:
    """cdk-0474's class (and the labels' cdk-0456): an L2 construct's README
    covers its surface in its own sections ("Specifying Execution Role",
    "Encryption key", "Granting application access to X"): that is the security
    part, found under that heading."""
    role = ("### Specifying Execution Role\n\n"
            "Each job runs with a role the construct creates with least privilege: it may "
            "only pull the job's image and write its logs. Pass `jobRole` to use your own, "
            "and `grantSubmitJob` gives a principal the right to submit jobs, nothing "
            "more.\n\n")
    text = _inserted(CDK, "## Public FAQ", JOB_API + role)
    status, note = _security("cdk-role.md", text)
    assert status == Status.PASSED
    assert note.startswith("security: 'Specifying Execution Role' ("), note


def test_a_table_of_contents_entry_is_no_evidence() -> None:
    """kep-563's class: a KEP opens with its table of contents; an entry repeats a
    heading read where it stands, so the evidence names the heading's line."""
    body = ("### Load balancer traffic\n\nExternal clients reach the service through "
            "a load balancer over TLS, and the firewall opens one port. The "
            "certificate's private key is kept in a secret, and its credentials rotate "
            "every month.\n\n")
    toc = ("## Table of Contents\n\n- [Summary](#summary)\n- [Motivation](#motivation)\n"
           "- [Load balancer traffic](#load-balancer-traffic)\n\n")
    text = (LAYOUTS / KEP).read_text(encoding="utf-8")
    first_heading = text.index("\n## ")
    text = text[:first_heading + 1] + toc + text[first_heading + 1:]
    text = text.replace("### Admission Controller", body + "### Admission Controller")
    c = by_id(review_layout("kep-toc.md", text))["proposal.security"]
    lines = text.splitlines()
    line = lines.index("### Load balancer traffic") + 1
    toc_line = next(n for n, row in enumerate(lines, 1)
                    if row.startswith("- [Load balancer traffic]"))
    assert c.status == Status.FAILED
    assert f"traffic at the edge (line {line})" in (c.note or ""), c.note
    assert f"(line {toc_line})" not in (c.note or "")

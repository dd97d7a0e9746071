"""A field name is not the author saying the change runs privileged (issue 8,
blind reading 9: a KEP's `securityContext.sysctls` link and its "not using
HostNetwork or HostIPC" were read as privileged execution). On the KEP layout
written here: the API fields a change touches, named in a link's text, a code
span, a code block or CamelCase in the prose (``securityContext``,
``hostNetwork``, ``runAsUser``, ``HostIPC``), and words inside a bare URL, are
no security surface; the author's own words ("runs as root", "a privileged
container", "the host network") still are."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-quota-admission.md"
BEFORE = "## Design Details"

FIELDS = (
    "### Pod fields\n\n"
    "The reservation is copied into each pod, next to the values set via the "
    "[securityContext.sysctls](https://kubernetes.io/docs/tasks/administer-cluster/"
    "sysctl-cluster/) field; pods that share the node's namespaces (not using "
    "HostNetwork or HostIPC) get it too. The controller never reads "
    "`spec.securityContext.runAsUser`, `spec.hostNetwork` or `hostPath` volumes; "
    "see https://kubernetes.io/docs/concepts/security/pod-security-standards/#privileged "
    "for how those are restricted.\n\n"
    "```yaml\nspec:\n  hostNetwork: false\n  securityContext:\n    runAsUser: 1000\n"
    "    runAsNonRoot: true\n```\n\n"
)


def _security(text: str) -> tuple[Status, str]:
    """Status and severity: a surface makes the KEP's silence a major failure."""
    c = by_id(review_layout(KEP, text))["proposal.security"]
    return c.status, c.severity.value


def test_field_names_links_and_urls_are_no_privileged_execution() -> None:
    # a KEP is asked by its template: with no surface its silence is a minor warning
    assert _security(edited_layout(KEP, BEFORE, FIELDS + BEFORE)) == (Status.PASSED, "minor")


def test_the_authors_words_on_privilege_still_apply() -> None:
    words = ("The reservation agent runs as root in a privileged container on the host "
             "network, with host path mounts of the kubelet's directory and the "
             "CAP_SYS_ADMIN capability.\n\n")
    assert _security(edited_layout(KEP, BEFORE, FIELDS + words + BEFORE)) == (Status.FAILED,
                                                                      "major")


def test_workloads_setting_kernel_parameters_is_privileged_execution() -> None:
    """Letting pods set the node's kernel parameters is a surface in the words
    (blind reading 9: a KEP injecting sysctls into every pod, its only security
    words field names, was asked for security and the reader ruled it right)."""
    words = ("Node administrators define kernel parameters that the kubelet applies "
             "to every pod; unsafe sysctls stay behind the allow-list, and each "
             "pod's kernel parameters are validated before the sandbox starts. Kernel "
             "parameters set this way outlive the pod, so the kubelet resets the "
             "kernel parameters it changed, and unsafe sysctls are refused.\n\n")
    assert _security(edited_layout(KEP, BEFORE, FIELDS + words + BEFORE)) == (Status.FAILED,
                                                                      "major")

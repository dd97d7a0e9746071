"""Blind reading 4 (set B): what a change proposal's template asks for and what
its text covers decide a criterion, not the heading alone. Each test is a small
document of the shape the blind reader found misjudged."""

from __future__ import annotations

from prereview.review import Status

from .support import LAYOUTS, by_id, review_layout


def test_go_design_without_open_issues_heading_is_not_asked_for_them() -> None:
    """go-40276: the Go template's "Open issues (if applicable)" is optional."""
    got = by_id(review_layout("proposal-b4-go-install.md"))
    oq = got["proposal.open-questions"]
    assert (oq.status, oq.note) == (
        Status.NOT_APPLICABLE, "not applicable: the Go design document template has no "
        "Unresolved questions section, and the document no such heading")


def test_go_design_with_open_issues_heading_is_judged_on_it() -> None:
    base = (LAYOUTS / "proposal-b4-go-install.md").read_text(encoding="utf-8")
    got = by_id(review_layout("go-open.md", base + "\n## Open issues\n\n"
                       "Whether `-json` output should group diagnostics by package.\n"))
    assert got["proposal.open-questions"].status == Status.PASSED
    empty = by_id(review_layout("go-open-empty.md", base + "\n## Open issues\n"))
    assert empty["proposal.open-questions"].status == Status.FAILED


def test_tentative_weighing_of_options_is_not_hedging_in_a_proposal() -> None:
    """rust-2151: "might", "perhaps", "I think" in Drawbacks, Rationale and
    alternatives, Unresolved questions are the genre's register."""
    got = by_id(review_layout("proposal-b4-rust-raw.md"))
    hedging = got["style.hedging"]
    assert hedging.status == Status.PASSED
    assert hedging.note == ("no occurrences found (0.0 per 1,000 of 137 words; "
                            "tolerance 4 per 1,000 words, at least 2: 2)")


def test_hedges_in_a_proposals_design_still_count() -> None:
    base = (LAYOUTS / "proposal-b4-rust-raw.md").read_text(encoding="utf-8")
    text = base.replace(
        "The token's name is the identifier without the prefix.",
        "The token's name might perhaps be the identifier without the prefix; maybe "
        "the prefix is kept, possibly not, I think.")
    assert text != base
    review = review_layout("rust-hedged.md", text)
    hedging = by_id(review)["style.hedging"]
    assert hedging.status == Status.FAILED
    # the same words under a heading that weighs nothing count
    text = base.replace("# Rationale and alternatives", "# Notes")
    assert by_id(review_layout("rust-notes.md", text))["style.hedging"].status == Status.FAILED
    lines = {f.location.line for f in review.findings
             if f.criterion == "style.hedging" and f.location is not None}
    assert lines == {25}


def test_cdk_project_plan_that_says_how_it_is_tested_is_its_test_plan() -> None:
    """cdk-0929: the CDK template has no test-plan section; "Unit tests and
    integration test" in the project plan says how the construct is tested."""
    got = by_id(review_layout("proposal-b4-cdk-plan.md"))
    testing = got["proposal.testing"]
    assert (testing.status, testing.note) == (
        Status.PASSED, "test plan: no heading; covered in the text (line 50)")


def test_cdk_rfc_is_still_asked_for_its_test_plan() -> None:
    """Testing stays applicable to every CDK RFC: one that never says how it is
    tested fails it, and so does one that only mentions tests in passing."""
    base = (LAYOUTS / "proposal-b4-cdk-plan.md").read_text(encoding="utf-8")
    for replacement in ("* Documentation", "* Unit tests are out of scope for the L1"):
        text = base.replace("* Unit tests and integration test", replacement)
        assert text != base
        testing = by_id(review_layout("cdk-untested.md", text))["proposal.testing"]
        assert (testing.status, testing.note) == (
            Status.FAILED, "test plan: missing; asked of every CDK RFC")
    for said in ("We will add snapshot tests for the rendered rule.",
                 "The integ tests deploy both buckets.",
                 "Unit and integration tests cover each destination."):
        text = base.replace("* Unit tests and integration test", said)
        testing = by_id(review_layout("cdk-tested.md", text))["proposal.testing"]
        assert testing.status == Status.PASSED, said


_COMPARED = ("Backticks, like Kotlin, Scala and Swift, are annoying to write in\n"
             "markdown. C# allows Unicode escapes in identifiers; Java also allows them,\n"
             "but they don't avoid keywords.\n\n")


def test_comparisons_with_other_languages_in_the_rationale_are_prior_art() -> None:
    """rust-2151: Rationale and alternatives compares the syntax with Kotlin,
    Scala, Swift, C# and Java; that is the prior art, though no heading says so."""
    base = (LAYOUTS / "proposal-b4-rust-raw.md").read_text(encoding="utf-8")
    plain = by_id(review_layout("rust-plain.md", base))["proposal.prior-art"]
    assert (plain.status, plain.note) == (Status.FAILED, "prior art: missing")
    anchor = "# Unresolved questions"
    text = base.replace(anchor, _COMPARED + anchor)
    got = by_id(review_layout("rust-compared.md", text))["proposal.prior-art"]
    assert (got.status, got.note) == (
        Status.PASSED, "prior art: no heading; covered in the text (line 40)")
    for said in ("In Haskell, this is done by a language pragma.",
                 "Python's keyword module lists them, as Go does."):
        got = by_id(review_layout("rust-said.md", base.replace(anchor, said + "\n\n" + anchor)))
        assert got["proposal.prior-art"].status == Status.PASSED, said


def test_names_are_whole_and_case_sensitive() -> None:
    """"go" the verb, "Option C has" and "Javascripting" are no other language."""
    base = (LAYOUTS / "proposal-b4-rust-raw.md").read_text(encoding="utf-8")
    anchor = "# Unresolved questions"
    for said in ("Labels like go and stop read well; option C has no sigil.",
                 "Generators like Javascripting tools use labels heavily."):
        got = by_id(review_layout("rust-not.md", base.replace(anchor, said + "\n\n" + anchor)))
        assert got["proposal.prior-art"].status == Status.FAILED, said


def test_download_authentication_under_another_heading_is_the_security_discussion() -> None:
    """go-40276: "Should go.sum files be checked?" under Rationale weighs how
    downloads are authenticated, tampering and trust in the proxy."""
    got = by_id(review_layout("proposal-b4-go-install.md"))
    security = got["proposal.security"]
    assert (security.status, security.note) == (
        Status.PASSED, "security: no heading; 'Should go.sum files be checked?' is about "
        "it (6 terms)")
    assert security.found_at == "'Should go.sum files be checked?'"


def test_a_checksum_named_in_passing_is_no_security_discussion() -> None:
    base = (LAYOUTS / "proposal-b4-go-install.md").read_text(encoding="utf-8")
    start = base.index("### Should go.sum files be checked?")
    end = base.index("## Compatibility")
    text = (base[:start] + base[end:]).replace(
        "through\nthe module proxy,", "through\nthe module proxy, downloads and runs the "
        "analyzers it names, checked against the checksum database and their signatures,")
    assert "checksum database and" in text
    security = by_id(review_layout("go-passing.md", text))["proposal.security"]
    assert (security.status, security.note) == (Status.FAILED, (
        "security: missing; it applies: code or content it trusts (line 22)"))


def test_secrets_discussed_under_another_heading_count() -> None:
    base = (LAYOUTS / "proposal-b4-go-install.md").read_text(encoding="utf-8")
    start = base.index("### Should go.sum files be checked?")
    end = base.index("## Compatibility")
    text = base[:start] + (
        "### Where does the proxy token live?\n\n"
        "The token that authenticates the user to a private proxy is a secret: it is\n"
        "read from the credentials file, never logged so that it cannot leak, and an\n"
        "attacker who reads the\n"
        "build log learns nothing. Only the owner of the file can read it, so another\n"
        "user on the machine cannot authenticate as them.\n\n") + base[end:]
    security = by_id(review_layout("go-secret.md", text))["proposal.security"]
    assert security.status == Status.PASSED
    assert security.found_at == "'Where does the proxy token live?'"

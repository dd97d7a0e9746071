"""Blind reading 8 classes of proposals: where a part's content really is.

- an empty umbrella heading whose content follows as sibling headings (a CDK
  RFC's "## Working Backwards", then "## README", "## Quick start" ...) holds
  them: its design is there, and the heading is not empty;
- a heading that holds only a diagram is content, but a sibling with the
  analysis is where the part is read;
- a section that holds only the template's "must be completed when targeting
  beta" note is not the part (nor asked yet), one that only says TODO is not the
  part and fails;
- a README's "Testing Your Custom Templates" is the product's, not the test plan;
- the words of every heading of a part are counted, and the note says so; an
  alternative's "Limitations of X" is not the proposal's scope;
- "the version of Go to use for building" is the proposal's own mechanics, not
  prior art.
"""

from __future__ import annotations

from prereview.lead import reading_map
from prereview.review import Status

from .support import by_id, edited_layout, review_layout

FLAT = "proposal-cdk-flat-readme.md"
README_TESTING = "proposal-cdk-readme-testing.md"
KEP = "proposal-kep-diagram-parts.md"


# ------------------------------------------- 1. an empty umbrella over a README


def test_an_empty_working_backwards_holds_the_readme_that_follows_as_siblings() -> None:
    got = by_id(review_layout(FLAT))
    design = got["proposal.design"]
    assert design.status == Status.PASSED
    assert design.found is True
    assert design.found_at == "'Working Backwards'"
    # README, Quick start and Architecture; "Permissions and Security" names
    # another part and ends what the umbrella holds
    assert design.note == ("detailed design: 'Working Backwards' and 3 more headings "
                           "(144 words, at least 120)")
    assert not design.findings
    unfinished = got["style.unfinished"]
    assert "empty section" not in (unfinished.note or "")
    assert not any("Working Backwards" in f.message for f in unfinished.findings)


def test_an_empty_draft_before_the_readme_is_still_empty() -> None:
    # an empty CHANGELOG draft is a draft left unwritten, not an umbrella
    text = edited_layout(FLAT, "## Working Backwards\n\n## README\n",
                         "## Working Backwards\n\n## CHANGELOG\n\n## README\n")
    got = by_id(review_layout(FLAT, text))
    assert got["proposal.design"].status == Status.PASSED
    messages = [f.message for f in got["style.unfinished"].findings]
    assert messages == ["The heading 'CHANGELOG' has nothing under it: write the section "
                        "or remove the heading."]


def test_an_umbrella_followed_by_another_part_holds_nothing() -> None:
    # the heading after it names another part (the motivation), not a README
    text = edited_layout(FLAT, "## Working Backwards\n\n## README\n",
                         "## Working Backwards\n\n## Motivation\n")
    got = by_id(review_layout(FLAT, text))
    design = got["proposal.design"]
    assert design.status == Status.FAILED
    assert design.found is False
    assert [f.message for f in design.findings] == ["The detailed design section is empty."]


# ------------------------------------- 2. a diagram-only heading and its sibling


def test_the_part_is_read_at_the_sibling_with_the_analysis_not_the_diagram() -> None:
    got = by_id(review_layout(KEP))
    security = got["proposal.security"]
    assert security.status == Status.PASSED
    assert security.found_at == "'Cryptography Details'"


def test_a_heading_with_only_a_diagram_is_content_not_an_empty_section() -> None:
    text = edited_layout(KEP, "#### Cryptography Details", "#### Derivation notes")
    text = text.replace("#### Limitations of client-side encryption",
                        "#### Limitations of client-side sealing")
    # a KEP whose subject is encryption is its security argument from end to end
    # (q5b, tests/quality/test_security_subject.py): here the subject is another
    text = text.replace("# KEP-9002: Envelope encryption for config blobs",
                        "# KEP-9002: A new write path for config blobs")
    text = text.replace(
        "This KEP adds envelope encryption to the config store: each blob is encrypted\n"
        "with a data key, and data keys are wrapped by a key the operator's key service\n"
        "holds.", "This KEP changes how the config store writes blobs.")
    got = by_id(review_layout(KEP, text))
    security = got["proposal.security"]
    assert security.status == Status.FAILED
    assert security.found is True
    assert security.found_at == "'Generate Data Encryption Key Seed'"
    assert [f.message for f in security.findings] == [
        "The security section holds only a code block or diagram, no prose."]


# ------------------------------------------------ 3. a section left to a later stage


def test_a_section_holding_only_the_templates_deferral_note_is_not_the_part() -> None:
    review = review_layout(KEP)
    metrics = by_id(review)["proposal.metrics"]
    # not there, and not asked yet: the template leaves it for beta
    assert metrics.status == Status.PASSED
    assert metrics.found is False
    assert metrics.found_at is None
    assert metrics.findings == []
    assert metrics.note == ("success metrics: 'Monitoring Requirements' holds only the "
                            "template's note that it is written at a later stage: not "
                            "there, and not asked yet")
    (row,) = [r for r in reading_map(review) if r.criterion == "proposal.metrics"]
    assert row.found_label == "not yet"


def test_a_section_that_only_says_todo_is_not_the_part_and_fails() -> None:
    text = edited_layout(
        KEP, "_This section must be completed when targeting beta graduation to a release._",
        "TODO: list the metrics that show the encryption works, with their targets.")
    metrics = by_id(review_layout(KEP, text))["proposal.metrics"]
    assert metrics.status == Status.FAILED
    assert metrics.found is False
    assert [f.message for f in metrics.findings] == [
        "The success metrics section only says it is still to be written."]


def test_the_same_section_answered_is_the_part() -> None:
    text = edited_layout(
        KEP, "### Monitoring Requirements\n\n_This section must be completed when "
        "targeting beta graduation to a release._",
        "### Monitoring Requirements\n\nThe `config_store_encrypted_writes_total` "
        "metric counts encrypted writes; beta needs 99% of writes encrypted.")
    got = by_id(review_layout(KEP, text))
    assert got["proposal.metrics"].status == Status.PASSED
    assert got["proposal.metrics"].found_at == "'Monitoring Requirements'"


# ------------------------------------------------ 4. a README's product headings


def test_a_readme_heading_on_testing_templates_is_no_test_plan() -> None:
    got = by_id(review_layout(README_TESTING))
    testing = got["proposal.testing"]
    assert testing.status == Status.FAILED
    assert testing.found is False
    assert testing.found_at is None


def test_the_project_plans_own_tests_are_the_test_plan() -> None:
    text = edited_layout(README_TESTING,
                         "* Phase 1: local, Git and npm template sources in every CLI language",
                         "* Phase 1: local, Git and npm template sources in every CLI language\n"
                         "* Develop unit and integration tests for each template source")
    got = by_id(review_layout(README_TESTING, text))
    testing = got["proposal.testing"]
    assert testing.status == Status.PASSED
    assert testing.found_at is not None
    assert testing.found_at.startswith("the text under 'What is the high-level project plan?'")


def test_a_test_plan_heading_at_the_readmes_own_level_is_the_proposals() -> None:
    text = edited_layout(README_TESTING, "## Public FAQ",
                         "### Test plan\n\nUnit tests cover each template source; an "
                         "integration test creates a project from a Git template.\n\n"
                         "## Public FAQ")
    got = by_id(review_layout(README_TESTING, text))
    assert got["proposal.testing"].status == Status.PASSED
    assert got["proposal.testing"].found_at == "'Test plan'"


# ------------------------------------------ 5. a part read under several headings


def test_an_alternatives_limitations_are_not_the_proposals_scope() -> None:
    got = by_id(review_layout(KEP))
    # "Limitations of client-side encryption" under Alternatives is the
    # alternative's: the scope is the Non-Goals alone
    assert got["proposal.scope"].note == "scope (non-goals, future work): 'Non-Goals' (16 words)"
    text = edited_layout(KEP, "#### Limitations of client-side encryption",
                         "#### Limitations of this proposal")
    got = by_id(review_layout(KEP, text))
    assert got["proposal.scope"].note == \
        "scope (non-goals, future work): 'Non-Goals' and 1 more heading (86 words)"
    assert got["proposal.scope"].found_at == "'Non-Goals'"


# --------------------------------------------- 6. the proposal's own mechanics


def test_the_tool_the_proposal_builds_with_is_not_prior_art() -> None:
    got = by_id(review_layout(KEP))
    prior = got["proposal.prior-art"]
    assert prior.status == Status.NOT_APPLICABLE
    assert prior.found is False
    # a comparison with the same language is
    text = edited_layout(KEP, "The version of Go to use for building",
                         "Go already uses envelope encryption for its module proxy. "
                         "The version of Go to use for building")
    got = by_id(review_layout(KEP, text))
    assert got["proposal.prior-art"].found is True


def test_a_readme_heading_on_monitoring_is_not_where_the_rollout_is() -> None:
    text = edited_layout(README_TESTING, "### Authoring custom templates",
                         "#### Monitoring\n\nEach `example init` run emits a "
                         "`ProjectCreated` metric with the template source as a "
                         "dimension, so you can alarm on failed project creations.\n\n"
                         "### Authoring custom templates")
    got = by_id(review_layout(README_TESTING, text))
    operations = got["proposal.operations"]
    assert operations.status == Status.PASSED
    assert operations.found_at == "'What is the high-level project plan?'"


def test_other_projects_with_an_auxiliary_verb_are_not_prior_art() -> None:
    """"it will still appear on other projects when you run any commands, unless you
    have suppressed it" names other projects of the user's, not other tools doing
    the same (a fresh reading: a CDK RFC's prior art "found" there); "other tools
    have a similar command" still is prior art."""
    text = edited_layout(KEP, "The version of Go to use for building",
                         "An acknowledgement made in one project will still appear on "
                         "other projects when you run any command, unless you have "
                         "suppressed it. The version of Go to use for building")
    assert by_id(review_layout(KEP, text))["proposal.prior-art"].found is False
    text = edited_layout(KEP, "The version of Go to use for building",
                         "Other build tools have a similar switch for the toolchain. "
                         "The version of Go to use for building")
    assert by_id(review_layout(KEP, text))["proposal.prior-art"].found is True

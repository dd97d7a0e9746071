"""Blind reading 6 classes of proposals: how a part is located and judged.

- a word in passing is not the part ("the current e2e tests cover", "not covered
  by this fairshare policy", "we'll consider to migrate");
- a heading is a part by what it is, not by a word it shares ("Alternative backend
  types", a use case "Pod migration across nodes"), and the reader is pointed to
  the heading that is most the part's name;
- goals stated as "requirements";
- a document that defers its design defers what travels with it;
- empty headings: code is content, content may follow as flat siblings, a title
  set at the level of the sections is the title;
- a CDK RFC's project plan that validates the change has a test plan.
"""

from __future__ import annotations

from prereview.review import Status

from .support import LAYOUTS, by_id, review_layout


def _text(name: str) -> str:
    return (LAYOUTS / name).read_text(encoding="utf-8")


# -------------------------------------------------- 1. one keyword in passing


def test_a_word_in_passing_is_no_test_plan_scope_or_compatibility() -> None:
    got = by_id(review_layout("proposal-kep-keywords-in-passing.md"))
    # the motivation's "current e2e tests cover", a user story's "creation of e2e
    # tests", the KEP checklist's "e2e Tests for all Beta API Operations" and a
    # drawback's "the test suite" are not a test plan
    assert got["proposal.testing"].status == Status.FAILED
    assert got["proposal.testing"].found is False
    # "not covered by this fairshare policy" is the product's semantics
    assert got["proposal.scope"].status == Status.FAILED
    assert got["proposal.scope"].found is False


def test_migrate_in_passing_is_no_compatibility_but_a_migration_path_is() -> None:
    text = _text("proposal-kep-keywords-in-passing.md")
    start = text.index("## Drawbacks")
    text = text[:start] + text[text.index("## Alternatives"):]
    got = by_id(review_layout("proposal-kep-keywords-in-passing.md", text))
    assert got["proposal.compatibility"].status == Status.FAILED
    assert got["proposal.compatibility"].found is False
    fixed = text.replace(
        "we'll consider to migrate when\nthe above features are finished and stable.",
        "existing clusters can migrate\nby adding one share per team to their queue.")
    got = by_id(review_layout("proposal-kep-keywords-in-passing.md", fixed))
    assert got["proposal.compatibility"].status == Status.PASSED
    assert got["proposal.compatibility"].found_at == \
        "the text under 'Graduation Criteria' (line 51)"


def test_a_planned_test_stated_in_the_design_is_the_test_plan() -> None:
    text = _text("proposal-kep-keywords-in-passing.md").replace(
        "A job that is larger than",
        "Unit tests will verify the reservation for one to five shares. A job that is larger than")
    got = by_id(review_layout("proposal-kep-keywords-in-passing.md", text))
    assert got["proposal.testing"].status == Status.PASSED
    assert got["proposal.testing"].found_at.startswith("the text under 'Shares'")


# ------------------------------------------- 2. headings by what they are


def test_a_part_is_read_at_the_heading_that_is_its_name() -> None:
    got = by_id(review_layout("proposal-kep-shared-words.md"))
    assert got["proposal.alternatives"].found_at == "'Alternatives'"
    assert got["proposal.compatibility"].found_at == "'Risks and Mitigations'"
    assert got["proposal.operations"].found_at == "'Graduation Criteria'"


def test_a_design_subsection_named_alternative_is_not_the_alternatives() -> None:
    text = _text("proposal-kep-shared-words.md")
    text = text[:text.rindex("## Alternatives")]
    got = by_id(review_layout("proposal-kep-shared-words.md", text))
    assert got["proposal.alternatives"].status == Status.FAILED
    assert got["proposal.alternatives"].found is False
    # a use case's "migration" is the product's word, not a migration plan
    text = text.replace("### Risks and Mitigations", "### Snapshot storage").replace(
        "### Upgrade / Downgrade Strategy", "### Rolling it out")
    got = by_id(review_layout("proposal-kep-shared-words.md", text))
    assert got["proposal.compatibility"].found is False


def test_an_faq_about_the_users_dependencies_is_not_the_rollout() -> None:
    got = by_id(review_layout("proposal-cdk-plan-validation.md"))
    assert got["proposal.operations"].found_at == "'What is the high-level project plan?'"
    # "abstract class ReleaseLine" over its code is an API listing, not a summary
    assert got["proposal.summary"].findings == []
    assert got["proposal.summary"].score == 1.0


# ------------------------------------------------ 3. goals as requirements


def test_requirements_identified_are_the_goals() -> None:
    got = by_id(review_layout("proposal-kep-requirements.md"))
    assert got["proposal.goals"].status == Status.PASSED
    assert got["proposal.goals"].found_at == "the text under 'API Definition' (line 14)"
    assert got["proposal.compatibility"].found_at == "'Feature Interaction'"


def test_a_requirements_heading_is_the_goals() -> None:
    text = _text("proposal-kep-requirements.md").replace(
        "The following requirements are identified during the discussion of this feature:",
        "### Requirements\n")
    got = by_id(review_layout("proposal-kep-requirements.md", text))
    assert got["proposal.goals"].status == Status.PASSED
    assert got["proposal.goals"].found_at == "'Requirements'"


# ------------------------------------------------ 4. deferral, applied evenly


def test_what_travels_with_a_deferred_design_is_deferred_too() -> None:
    review = review_layout("proposal-kep-ga-deferred.md")
    got = by_id(review)
    for cid in ("proposal.motivation", "proposal.design", "proposal.alternatives",
                "proposal.goals", "proposal.scope", "proposal.compatibility"):
        assert got[cid].status == Status.NOT_APPLICABLE, cid
        assert "defers it to a parent document" in (got[cid].note or ""), cid
    # its own statement of what it covers is read where it is
    assert got["proposal.scope"].found is True
    assert got["proposal.scope"].found_at == "the text under 'Summary' (line 18)"
    assert got["proposal.testing"].status == Status.PASSED
    assert not review.failed_blockers
    assert review.score == 100.0


# ------------------------------------------------ 5. empty-heading judgement


def test_a_heading_over_flat_sibling_headings_is_not_empty() -> None:
    got = by_id(review_layout("proposal-kep-flat-graduation.md"))
    operations = got["proposal.operations"]
    assert operations.status == Status.PASSED
    assert operations.score == 1.0
    assert not [f for f in operations.findings if "nothing under it" in f.message]
    assert "empty heading" not in (operations.note or "")
    unfinished = got["style.unfinished"]
    assert not [f for f in unfinished.findings if f.quote == "Graduation Criteria"]


def test_a_heading_over_only_a_code_block_is_not_empty() -> None:
    got = by_id(review_layout("proposal-cdk-plan-validation.md"))
    alternatives = got["proposal.alternatives"]
    assert alternatives.score == 1.0
    assert alternatives.findings == []
    assert "empty heading" not in (alternatives.note or "")


def test_a_title_set_at_the_level_of_the_sections_is_the_title() -> None:
    got = by_id(review_layout("proposal-rust-title-heading.md"))
    unfinished = got["style.unfinished"]
    assert not [f for f in unfinished.findings
                if f.quote == "Checking feature names at compile time"]
    assert unfinished.status == Status.PASSED


# ------------------------------------------------ 6. a CDK plan's validation


def test_a_cdk_plan_row_that_validates_is_the_test_plan() -> None:
    got = by_id(review_layout("proposal-cdk-plan-validation.md"))
    testing = got["proposal.testing"]
    assert testing.status == Status.PASSED
    assert testing.note == "test plan: no heading; a step of the plan (line 87)"
    assert testing.found_at == "the text under 'What is the high-level project plan?' (line 87)"


def test_a_cdk_plan_without_a_validation_step_still_lacks_a_test_plan() -> None:
    text = _text("proposal-cdk-plan-validation.md").replace(
        "| Validate the package registry support | 3 days     |                   |\n", "")
    got = by_id(review_layout("proposal-cdk-plan-validation.md", text))
    assert got["proposal.testing"].status == Status.FAILED
    assert got["proposal.testing"].found is False

"""Template families of change proposals (KEP, CDK RFC, Rust RFC, Go design
document): a criterion tied to a template section is asked of every document of
a family whose template has it, and of no other unless the document has the
section; a part that is not scored is still read (``found``/``found_at``) and the
reading map says where it is."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from prereview.checks.context import CheckContext
from prereview.engine import run
from prereview.ingest.markdown import parse_markdown
from prereview.lead import reading_map
from prereview.reports.markdown import render_markdown
from prereview.review import Status
from prereview.rubrics import load_rubric

from .support import LAYOUTS, by_id, review_layout

ROOT = Path(__file__).resolve().parents[2]


def test_family_is_read_from_the_templates_headings_and_metadata() -> None:
    rubric = load_rubric("proposal")
    for name, family in (("kep", "kep"), ("cdk", "cdk-rfc"), ("rust", "rust-rfc"),
                         ("go", "go-design"), ("inline-scope", "go-design")):
        path = LAYOUTS / (f"proposal-family-{name}.md" if name != "inline-scope"
                          else "proposal-inline-scope.md")
        document = run(path).document
        found = CheckContext(document, rubric).family()
        assert found is not None and found[0] == family, (name, found)


def test_kep_is_asked_for_non_goals_and_test_plan_not_open_questions() -> None:
    got = by_id(review_layout("proposal-family-kep.md"))
    assert (got["proposal.scope"].status, got["proposal.scope"].note) == (
        Status.FAILED, "scope (non-goals, future work): missing")
    assert (got["proposal.testing"].status, got["proposal.testing"].note) == (
        Status.FAILED, "test plan: missing; asked of every KEP")
    assert got["proposal.goals"].status == Status.PASSED
    for cid, what in (("proposal.open-questions", "Unresolved questions"),
                      ("proposal.prior-art", "Prior art")):
        assert got[cid].status == Status.NOT_APPLICABLE
        assert got[cid].note == (f"not applicable: the KEP template has no {what} section, "
                                 "and the document no such heading")


def test_two_keps_are_judged_alike_whatever_words_they_use() -> None:
    """blind3: open questions N/A for one KEP and failed in another. Words such as
    'open questions' or 'prior art' in the text do not make a KEP's template have
    the section; a heading does."""
    base = (LAYOUTS / "proposal-family-kep.md").read_text(encoding="utf-8")
    wordy = base.replace(
        "## Alternatives\n",
        "Open questions about the default are tracked in the issue; prior art is the\n"
        "similar setting of containerd.\n\n## Alternatives\n")
    assert wordy != base
    got = by_id(review_layout("kep-wordy.md", wordy))
    assert got["proposal.open-questions"].status == Status.NOT_APPLICABLE
    assert got["proposal.prior-art"].status == Status.NOT_APPLICABLE
    headed = base + "\n## Open questions\n\nWhether the cap should count bytes.\n"
    got = by_id(review_layout("kep-headed.md", headed))
    assert got["proposal.open-questions"].status == Status.PASSED


def test_cdk_rfc_is_asked_for_open_issues_and_test_plan_not_non_goals() -> None:
    review = review_layout("proposal-family-cdk.md")
    got = by_id(review)
    assert got["proposal.open-questions"].status == Status.PASSED
    assert got["proposal.testing"].status == Status.FAILED
    scope = got["proposal.scope"]
    assert scope.status == Status.NOT_APPLICABLE
    assert scope.note == ("not applicable: the CDK RFC template has no Non-goals section, "
                          "and the document no such heading")


def test_rust_rfc_is_asked_for_prior_art_not_test_plan_or_goals() -> None:
    review = review_layout("proposal-family-rust.md")
    got = by_id(review)
    assert (got["proposal.prior-art"].status, got["proposal.prior-art"].note) == (
        Status.FAILED, "prior art: missing")
    assert got["proposal.testing"].status == Status.NOT_APPLICABLE
    assert got["proposal.scope"].status == Status.NOT_APPLICABLE
    # the goal stated in prose is read, though goals are not scored in a Rust RFC
    goals = got["proposal.goals"]
    assert goals.status == Status.NOT_APPLICABLE
    assert (goals.found, goals.found_at) == (True, "the text under 'Motivation' (line 13)")
    row = next(r for r in reading_map(review) if r.criterion == "proposal.goals")
    assert row.where == ("not applicable: the Rust RFC template has no Goals section, and the "
                         "document no such heading; found at the text under 'Motivation' "
                         "(line 13)")
    assert row.found_label == "yes (not scored)"
    assert ("| Goals (`proposal.goals`) | yes (not scored) | not applicable: the Rust RFC "
            "template has no Goals section") in render_markdown(review)
    # a Future possibilities section is the document's own scope: then it is judged
    text = (LAYOUTS / "proposal-family-rust.md").read_text(encoding="utf-8")
    text += "\n# Future possibilities\n\nA `drain_while` could follow.\n"
    assert by_id(review_layout("rust-future.md", text))["proposal.scope"].status == Status.PASSED


def test_go_design_is_asked_for_neither_open_issues_nor_prior_art() -> None:
    """Its template's "Open issues (if applicable)" is optional (blind reading 4)."""
    got = by_id(review_layout("proposal-family-go.md"))
    assert (got["proposal.open-questions"].status, got["proposal.open-questions"].note) == (
        Status.NOT_APPLICABLE, "not applicable: the Go design document template has no "
        "Unresolved questions section, and the document no such heading")
    assert got["proposal.prior-art"].status == Status.NOT_APPLICABLE
    assert got["proposal.testing"].status == Status.NOT_APPLICABLE


def test_bullets_are_not_applicable_to_any_proposal() -> None:
    for name in ("kep", "cdk", "rust", "go"):
        got = by_id(review_layout(f"proposal-family-{name}.md"))
        bullets = got["style.bullets"]
        assert bullets.status == Status.NOT_APPLICABLE
        assert bullets.note == ("not applicable: lists are the norm in change proposals "
                                "(their templates ask for them)")


def _quality() -> object:
    spec = importlib.util.spec_from_file_location("quality_bench", ROOT / "benchmarks" /
                                                  "quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["quality_bench"] = module
    spec.loader.exec_module(module)
    return module


def test_benchmark_role_reading_uses_found_whether_or_not_scored() -> None:
    quality = _quality()
    read = quality.role_reading(review_layout("proposal-family-rust.md"))  # type: ignore[attr-defined]
    assert read["goals"] == "present"        # not applicable, found in the Motivation
    assert read["alternatives"] == "present"
    assert "testing" not in read             # not applicable and not there: not "missing"
    read = quality.role_reading(review_layout("proposal-family-kep.md"))  # type: ignore[attr-defined]
    assert read["testing"] == "missing" and read["non_goals"] == "missing"


def test_an_empty_heading_is_not_the_part_though_a_neighbour_is_answered() -> None:
    """blind3 (cdk-0789): 'Why should we not do this?' with nothing under it was
    read as the drawbacks, because 'Is this a breaking change?' was answered."""
    got = by_id(review_layout("proposal-family-cdk.md"))
    compat = got["proposal.compatibility"]
    assert compat.status == Status.PASSED and compat.score == 0.75
    assert compat.found_at == "'Is this a breaking change?'"
    assert [f.quote for f in compat.findings] == ["Why should we not do this?"]
    # only an HTML comment under the answered heading: both are empty, the part is not there
    text = (LAYOUTS / "proposal-family-cdk.md").read_text(encoding="utf-8").replace(
        "No: the property is new and optional.", "<!-- Describe the breaking changes. -->")
    compat = by_id(review_layout("cdk-empty.md", text))["proposal.compatibility"]
    assert compat.found is False and compat.status == Status.FAILED


def test_a_section_saying_only_todo_is_not_read_as_the_part() -> None:
    """kep-2394's class: a KEP skeleton whose sections say 'TODO for SIG-X'."""
    text = (LAYOUTS / "proposal-family-kep.md").read_text(encoding="utf-8")
    text = text.replace("## Design Details\n", "### Test Plan\n\nTODO for SIG-Node\n\n"
                        "## Design Details\n")
    testing = by_id(review_layout("kep-todo.md", text))["proposal.testing"]
    assert testing.found is False and testing.found_at is None
    row = "missing"
    quality = _quality()
    read = quality.role_reading(review_layout("kep-todo.md", text))  # type: ignore[attr-defined]
    assert read["testing"] == row


def test_go_implementation_is_rollout_only_when_it_plans_the_work() -> None:
    """go-17280's class: a Go design's 'Implementation' naming who sends the CL for
    which release is its rollout plan; one about the runtime's internals is not."""
    got = by_id(review_layout("proposal-family-go.md"))
    assert (got["proposal.operations"].found, got["proposal.operations"].found_at) == (
        True, "'Implementation'")
    text = (LAYOUTS / "proposal-family-go.md").read_text(encoding="utf-8").replace(
        "The author will send a CL for Go 1.30.",
        "The comparison folds each rune with the tables of the unicode package and\n"
        "compares the folded runes; the fast path handles ASCII bytes.")
    operations = by_id(review_layout("go-internals.md", text))["proposal.operations"]
    assert operations.status == Status.NOT_APPLICABLE
    assert operations.found is False


def test_graduation_and_phased_adoption_headings_are_the_rollout() -> None:
    """kep-2539 / rust-1685 classes: 'Graduation Criteria', 'Roll Back Process',
    'Deprecation strategy' and 'Gradual adoption' say how a change is rolled out."""
    got = by_id(review_layout("proposal-family-kep.md"))
    assert got["proposal.operations"].status == Status.PASSED
    assert got["proposal.operations"].found_at == "'Graduation Criteria'"
    base = (LAYOUTS / "proposal-family-rust.md").read_text(encoding="utf-8")
    for heading in ("## Deprecation strategy", "## Gradual adoption", "## Roll Back Process"):
        text = base.replace("# Drawbacks\n", f"{heading}\n\nThe method lands unstable "
                            "behind a feature flag for one release, then is stabilised.\n\n"
                            "# Drawbacks\n")
        operations = by_id(review_layout("rust-rollout.md", text))["proposal.operations"]
        assert operations.status == Status.PASSED, heading
        assert operations.found_at == f"'{heading.lstrip('# ')}'"


def test_alternate_option_headings_are_the_alternatives() -> None:
    """cdk-0693's class: 'Update X - Alternate Option' next to '- Preferred Option'."""
    text = (LAYOUTS / "proposal-family-cdk.md").read_text(encoding="utf-8").replace(
        "### What alternative solutions did you consider?",
        "### Render the rule in the stack - Alternate Option")
    alternatives = by_id(review_layout("cdk-alternate.md", text))["proposal.alternatives"]
    assert alternatives.status == Status.PASSED
    assert alternatives.found_at == "'Render the rule in the stack - Alternate Option'"


def test_telemetry_and_a_success_metric_in_prose_are_read_as_metrics() -> None:
    """cdk-0886 / go-48409 classes: 'Our primary metric for success is ...' in an
    FAQ answer, or a 'Telemetry' section, is how the change is measured."""
    base = (LAYOUTS / "proposal-family-cdk.md").read_text(encoding="utf-8")
    text = base.replace("Replication is the most upvoted",
                        "Our primary metric for success is a 50% drop in replication\n"
                        "issues. Replication is the most upvoted")
    metrics = by_id(review_layout("cdk-metric.md", text))["proposal.metrics"]
    assert metrics.status == Status.NOT_APPLICABLE
    assert (metrics.found, metrics.found_at) == (
        True, "the text under 'Why are we doing this?' (line 19)")
    go = (LAYOUTS / "proposal-family-go.md").read_text(encoding="utf-8")
    go += ("\n## Telemetry\n\nA counter of calls that fold non-ASCII runes is added to\n"
           "runtime/metrics, so users see how often the slow path runs.\n")
    metrics = by_id(review_layout("go-telemetry.md", go))["proposal.metrics"]
    assert metrics.status == Status.PASSED and metrics.found_at == "'Telemetry'"


def test_rust_rfc_of_the_2014_template_is_not_asked_for_prior_art() -> None:
    """The Rust template before 2017 (Detailed design, Drawbacks, Alternatives,
    Unresolved questions) had no Prior art section; the later one has."""
    text = (LAYOUTS / "proposal-family-rust.md").read_text(encoding="utf-8")
    text = text.replace("# Guide-level explanation", "# Detailed design").replace(
        "# Rationale and alternatives", "# Alternatives")
    review = review_layout("rust-2014.md", text)
    rubric = load_rubric("proposal")
    family = CheckContext(run(LAYOUTS / "proposal-family-rust.md").document, rubric).family()
    assert family is not None and family[0] == "rust-rfc"
    got = by_id(review)
    assert got["proposal.prior-art"].status == Status.NOT_APPLICABLE
    assert "the 2014 Rust RFC template has no Prior art" in (
        got["proposal.prior-art"].note or "")
    assert got["proposal.open-questions"].status == Status.PASSED


def test_goals_listed_as_what_it_lets_users_do_and_impact_in_prose_are_read() -> None:
    """go-48409 / kep-2448 classes: 'It empowers users to:' over a list states the
    goals; 'we will also recommend users to reboot their nodes' when they switch
    is the change's impact on users (its compatibility), without a heading."""
    base = (LAYOUTS / "proposal-family-go.md").read_text(encoding="utf-8")
    text = base.replace("## Background", "It lets users to:\n\n- parse headers without "
                        "allocating.\n\n## Background").replace(
        "It lets users to:", "It empowers users to:")
    goals = by_id(review_layout("go-goals.md", text))["proposal.goals"]
    assert (goals.found, goals.found_at) == (True, "the text under 'Abstract' (line 9)")
    kep = (LAYOUTS / "proposal-family-kep.md").read_text(encoding="utf-8")
    start = kep.index("### Risks and Mitigations")
    kep = kep[:start] + kep[kep.index("## Design Details"):]
    kep = kep.replace("## Design Details\n", "## Design Details\n\nWe will also recommend "
                      "users to restart the kubelet when they turn the cap on.\n")
    compat = by_id(review_layout("kep-impact.md", kep))["proposal.compatibility"]
    assert compat.status == Status.PASSED
    assert compat.found_at == "the text under 'Design Details' (line 33)"


def test_an_enabling_heading_is_the_rollout() -> None:
    """rust-0560's class: 'Enabling overflow checking' says how the change is
    switched on."""
    text = (LAYOUTS / "proposal-family-rust.md").read_text(encoding="utf-8").replace(
        "# Drawbacks\n", "## Enabling the method\n\nIt is unstable behind the "
        "`vec_take_while` feature for one release.\n\n# Drawbacks\n")
    operations = by_id(review_layout("rust-enabling.md", text))["proposal.operations"]
    assert operations.status == Status.PASSED
    assert operations.found_at == "'Enabling the method'"


def test_rust_rfc_of_the_2017_template_is_not_asked_for_prior_art() -> None:
    """Blind reading 5 (rust-2229 class): a Rust RFC with the guide- and
    reference-level layout, neither Prior art nor Future possibilities, started
    before 2018 follows the 2017 template, which had no Prior art section; a later
    start date, or either heading, is the later template, asked for it."""
    later = (LAYOUTS / "proposal-family-rust.md").read_text(encoding="utf-8")
    assert "- Start Date: 2027-02-01" in later and "# Prior art" not in later
    text = later.replace("- Start Date: 2027-02-01", "- Start Date: 2017-11-28")
    review = review_layout("rust-2017.md", text)
    rubric = load_rubric("proposal")
    family = CheckContext(run(LAYOUTS / "proposal-family-rust.md").document, rubric).family()
    assert family is not None and family[0] == "rust-rfc"
    got = by_id(review)
    assert got["proposal.prior-art"].status == Status.NOT_APPLICABLE
    assert "the 2017 Rust RFC template has no Prior art" in (got["proposal.prior-art"].note or "")
    assert got["proposal.open-questions"].status == Status.PASSED
    assert by_id(review_layout("rust-undated.md", text.replace("- Start Date: 2017-11-28\n", "")))[
        "proposal.prior-art"].status == Status.NOT_APPLICABLE
    future = text + "\n# Future possibilities\n\nThe same method on slices of owned data.\n"
    prior_art = by_id(review_layout("rust-2018.md", future))["proposal.prior-art"]
    assert prior_art.status == Status.FAILED


@pytest.mark.parametrize("heading", ["## Alternate proposals", "## Alternate syntax"])
def test_alternate_proposals_and_syntax_are_the_alternatives(heading: str) -> None:
    """A Go design's "Alternate proposals" and "Alternate syntax" sections (a fresh
    reading: go-36606 failed Alternatives with both there)."""
    text = (LAYOUTS / "proposal-family-go.md").read_text(encoding="utf-8").replace(
        "## Compatibility",
        f"{heading}\n\nA `runtime.Aligned` field type instead of a directive was considered; "
        "it changes the struct's type identity, so we chose the directive.\n\n"
        "## Compatibility")
    alternatives = by_id(review_layout("go-alternate.md", text))["proposal.alternatives"]
    assert alternatives.status == Status.PASSED
    assert alternatives.found_at is not None and heading.lstrip("# ") in alternatives.found_at


@pytest.mark.parametrize("heading", ["## A new proposal: per-app replication buckets",
                                     "### How it will work in practice",
                                     "### What the API looks like"])
def test_the_design_under_the_authors_own_heading(heading: str) -> None:
    """A CDK RFC that writes its design under its own headings (a fresh reading:
    cdk-0513's "A new proposal: ...", "How it will work in practice", "What the API
    looks like" read as no design, a blocker)."""
    text = (LAYOUTS / "proposal-family-cdk.md").read_text(encoding="utf-8").replace(
        "### What is the technical solution (design) of this feature?", heading)
    context = CheckContext(parse_markdown(text, "cdk-own-design.md"), load_rubric("proposal"))
    assert heading.lstrip("# ") in [s.title for s in context.sections_named("design")]
    assert by_id(review_layout("cdk-own-design.md", text))["proposal.design"].status == \
        Status.PASSED


@pytest.mark.parametrize("heading", ["# Proposed additions",
                                     "# Full reference of the proposed additions"])
def test_a_library_rfcs_proposed_additions_are_its_design(heading: str) -> None:
    """A library RFC names what it proposes (a fresh reading: rust-3184's "Proposed
    additions" read as no design, a blocker)."""
    text = (LAYOUTS / "proposal-family-rust.md").read_text(encoding="utf-8").replace(
        "# Guide-level explanation", heading)
    context = CheckContext(parse_markdown(text, "rust-additions.md"), load_rubric("proposal"))
    assert heading.lstrip("# ") in [s.title for s in context.sections_named("design")]


def test_a_template_question_answered_under_the_authors_sibling_headings() -> None:
    """"### What alternative solutions did you consider?" answered in one sentence,
    then under the author's "### Explicit exporting" (a fresh reading: cdk-0309's
    alternatives failed at 12 words); the template's next question ends it."""
    base = (LAYOUTS / "proposal-family-cdk.md").read_text(encoding="utf-8")
    start = base.index("### What alternative solutions did you consider?")
    end = base.index("### What is the high-level project plan?")
    text = base[:start] + (
        "### What alternative solutions did you consider?\n\nWe looked at two ways.\n\n"
        "### Explicit exporting\n\nUsers could export each value by hand and import it in "
        "the consuming stack; we rejected it because every rename breaks the import.\n\n"
    ) + base[end:]
    alternatives = by_id(review_layout("cdk-sibling-answer.md", text))["proposal.alternatives"]
    assert alternatives.status == Status.PASSED
    assert alternatives.note is not None and alternatives.note.startswith(
        "alternatives (rationale): 'What alternative solutions did you consider?' and 1 more "
        "heading")
    alone = base[:start] + (
        "### What alternative solutions did you consider?\n\nWe looked at two ways.\n\n"
    ) + base[end:]
    alternatives = by_id(review_layout("cdk-short-answer.md", alone))["proposal.alternatives"]
    assert alternatives.status == Status.FAILED

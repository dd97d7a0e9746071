"""Parts are read by what the section holds, not by a word in its heading (issue 8,
blind reading 10: a "Rationale" that argues for the design read as the
alternatives; a "Beta Graduation Criteria" checklist read as the rollout).

- A bare "Rationale" (a Go design's, a 2020 CDK RFC's) is the alternatives only
  when it weighs another way: an alternative, the status quo, "instead", a choice
  between options. One that only justifies the design chosen is not.
- A KEP's "Graduation Criteria" is its rollout when its text says how the change
  graduates (a stage, a feature gate, a release, a default); one that lists only
  tests and manifests is a checklist. Every KEP is asked how it rolls out (its
  template's upgrade/downgrade, version skew and PRR), so a KEP with no rollout
  fails proposal.operations rather than leaving it "not applicable".

Layout documents written here: a Go design whose Rationale only justifies, and a
2018-style KEP whose only graduation section is a beta checklist."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

GO = "proposal-go-rationale-only.md"
KEP = "proposal-kep-beta-checklist.md"


def test_a_rationale_that_only_justifies_is_not_the_alternatives() -> None:
    alternatives = by_id(review_layout(GO))["proposal.alternatives"]
    assert alternatives.status == Status.FAILED
    assert alternatives.note == "alternatives (rationale): missing"
    assert alternatives.found is False


def test_a_rationale_that_weighs_another_way_is_the_alternatives() -> None:
    text = edited_layout(
        GO, "cleared so that long sessions are not cut off.",
        "cleared so that long sessions are not cut off. A `Timeout` field on `Client` "
        "was considered instead; it cannot bound the greeting, which `Dial` reads "
        "before the caller holds a client.")
    alternatives = by_id(review_layout("go-rationale-weighs.md", text))["proposal.alternatives"]
    assert alternatives.status == Status.PASSED
    assert alternatives.found_at == "'Rationale'"


def test_a_beta_checklist_is_not_the_rollout_and_a_kep_owes_one() -> None:
    operations = by_id(review_layout(KEP))["proposal.operations"]
    assert operations.status == Status.FAILED
    assert operations.note == "rollout and operations: missing"


def test_graduation_criteria_that_say_how_it_graduates_are_the_rollout() -> None:
    text = edited_layout(
        KEP, "* Deployment\n",
        "* Rollout\n  * beta: the compactor is enabled by default in 1.34; turning "
        "the `EventCompaction` feature gate off stops it.\n* Deployment\n")
    operations = by_id(review_layout("kep-beta-rollout.md", text))["proposal.operations"]
    assert operations.status == Status.PASSED
    assert operations.found_at == "'Beta Graduation Criteria'"


def test_an_explicit_short_answer_under_graduation_is_read() -> None:
    # "N/A (...)" is the author's answer, as written: the heading is the part
    start = "## Beta Graduation Criteria\n\n"
    base = edited_layout(KEP, start, start)
    body = base[base.index(start) + len(start):base.index("## Implementation History")]
    text = base.replace(body, "N/A (an add-on outside the release): install it from the "
                        "example manifests, remove it by deleting them.\n\n")
    operations = by_id(review_layout("kep-graduation-na.md", text))["proposal.operations"]
    assert operations.status == Status.PASSED
    assert operations.found_at == "'Beta Graduation Criteria'"

"""Template instructions left in the body, and one empty heading counted once
(issue 8, blind reading 6: cdk-0374, kep-1453).

- A template's instructions to the author kept above the author's answers (the
  CDK RFC's quoted "This section should include answers to questions readers will
  likely ask..." under Public FAQ; the 2020 KEP PRR questionnaire's "_This
  section must be completed when targeting beta graduation to a release._" and
  "Try to be as paranoid as possible") are reported: a passage of instructions
  above the answer is one minor finding (a quoted prompt of two paragraphs is
  one), shown but not counted (the section is written: delete them); a prompt
  inside the author's answer is a leftover, counted; a section holding only the
  instructions is empty. A quoted *question* of the template above an answer ("> What is the
  motivation for this change?") restates the heading: the template's norm.
- An empty "Are there any open issues that need to be addressed later?" heading
  is the unresolved-questions part left empty, an unanswered FAQ question and an
  unfinished section at once: one defect, reported by the criterion that judges
  that part (proposal.open-questions); the FAQ and unfinished rules say where it
  is counted instead of failing on it again.

Layout documents written here: a CDK RFC and a KEP of those shapes.
"""

from __future__ import annotations

from prereview.review import CriterionResult, Severity, Status

from .support import LAYOUTS, by_id, review_layout

CDK = "proposal-cdk-faq-leftovers.md"
KEP = "proposal-kep-prr-prompts.md"
HEADING = "Are there any open issues that need to be addressed later?"


def _found(result: CriterionResult) -> list[tuple[str | None, int | None]]:
    return [(f.quote, f.location.line if f.location else None) for f in result.findings]


def test_the_cdk_faq_instructions_are_one_finding_shown_not_counted() -> None:
    unfinished = by_id(review_layout(CDK))["style.unfinished"]
    # the instructions (one passage of two paragraphs) are shown; the empty heading
    # is proposal.open-questions' finding
    assert unfinished.status == Status.PASSED
    assert _found(unfinished) == [
        ("This section should include answers to questions readers will likely ask about\n"
         "this release. Similar to the \"working backwards\", this section should be\n"
         "written in a language as if the feature is now released.", 19)]
    finding = unfinished.findings[0]
    assert finding.severity == Severity.MINOR
    assert finding.message == (
        "The CDK RFC template's instructions to the author are left in the text: remove "
        "them.")
    assert unfinished.note == (
        "0 unfinished part(s) (tolerance 0); 1 empty section(s) or template prompt(s) "
        "(tolerance 2); 1 passage(s) of the template's instructions left above the "
        f"answers (remove them), not counted; the empty heading '{HEADING}' is counted "
        "under proposal.open-questions")


def test_each_passage_of_instructions_is_one_finding() -> None:
    text = (LAYOUTS / CDK).read_text(encoding="utf-8").replace(
        "## Internal FAQ\n", "## Internal FAQ\n\n> The goal of this section is to help "
        "decide if this RFC should be implemented.\n")
    unfinished = by_id(review_layout("cdk-more.md", text))["style.unfinished"]
    assert unfinished.status == Status.PASSED  # instructions to delete: not counted
    assert [q for q, _ in _found(unfinished)] == [
        "This section should include answers to questions readers will likely ask about\n"
        "this release. Similar to the \"working backwards\", this section should be\n"
        "written in a language as if the feature is now released.",
        "The goal of this section is to help decide if this RFC should be implemented.",
    ]


def test_a_section_holding_only_instructions_is_empty() -> None:
    text = (LAYOUTS / CDK).read_text(encoding="utf-8").replace(
        "### Why should we _not_ do this?\n\nUsers must pick a line, and the documentation "
        "must say which line compiles\nwhich schema.\n",
        "### Why should we _not_ do this?\n\n> The goal of this section is to help decide "
        "if this RFC should be implemented.\n")
    unfinished = by_id(review_layout("cdk-only.md", text))["style.unfinished"]
    assert ("The goal of this section is to help decide if this RFC should be implemented.",
            46) in _found(unfinished)
    held = next(f for f in unfinished.findings if f.location and f.location.line == 46)
    assert held.message == (
        "The section 'Why should we not do this?' holds only the CDK RFC template's prompt "
        "(unfinished): write the section, or remove it.")


def test_the_empty_open_issues_heading_is_one_failure() -> None:
    review = review_layout(CDK)
    got = by_id(review)
    assert got["proposal.open-questions"].status == Status.FAILED
    assert _found(got["proposal.open-questions"]) == [(HEADING, 69)]
    faq = got["proposal.faq-answered"]
    assert faq.status == Status.PASSED and faq.findings == []
    assert faq.note == (f"9 FAQ entries, 1 unanswered; the empty heading '{HEADING}' is "
                        "counted under proposal.open-questions")
    assert [f.criterion for f in review.findings if f.quote == HEADING] == [
        "proposal.open-questions"]


def test_an_answered_open_issues_heading_fails_nothing() -> None:
    text = (LAYOUTS / CDK).read_text(encoding="utf-8").rstrip() + "\n\nNone.\n"
    got = by_id(review_layout("cdk-answered.md", text))
    for cid in ("proposal.open-questions", "proposal.faq-answered", "style.unfinished"):
        assert got[cid].status == Status.PASSED, cid


def test_the_kep_prr_instructions_left_as_text_are_reported() -> None:
    # blind reading 8 (kep-1753): the KEP template's stage notes ("This section
    # must be completed when targeting beta graduation", "For beta, this section
    # is required") are its markers, kept in merged KEPs: not reported; a PRR
    # prompt above an answered question is a minor note, not counted
    # (tests/quality/test_kep_questionnaire_stages.py)
    unfinished = by_id(review_layout(KEP))["style.unfinished"]
    assert [(q.split("\n")[0] if q else q, line, f.severity)
            for (q, line), f in zip(_found(unfinished), unfinished.findings, strict=True)] == [
        ("Try to be as paranoid as possible", 40, Severity.MINOR),
    ]
    assert unfinished.status == Status.PASSED
    assert unfinished.note == (
        "0 unfinished part(s) (tolerance 0); 1 template prompt(s) kept above answered "
        "questions, not counted")

"""An explicit short answer is the author's test plan (issue 8 item 9, blind
reading 12: a documentation-only KEP answered its Test Plan "N/A (docs)" and
failed on the word count, while the same answer under its Graduation Criteria
passed). A few words that are no answer still fail.

Layout document: the alpha KEP of tests/quality/test_placeholders_not_due.py with
its test plan replaced."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-alpha-questionnaire.md"
PLAN = ("Unit tests log every registered token format and check that the marker replaces\n"
        "it; an e2e test runs the kubelet with the flag and searches its log for a token.\n")


def _testing(answer: str, name: str) -> tuple[Status, str]:
    c = by_id(review_layout(name, edited_layout(KEP, PLAN, answer)))["proposal.testing"]
    return c.status, c.note or ""


def test_n_a_docs_is_the_authors_answer() -> None:
    status, note = _testing("N/A (docs)\n", "kep-docs-only.md")
    assert status == Status.PASSED
    assert note.endswith("'N/A (docs)' is the author's explicit answer")


def test_a_few_words_that_answer_nothing_still_fail() -> None:
    status, note = _testing("Some tests.\n", "kep-thin-plan.md")
    assert status == Status.FAILED
    assert note == "test plan: 'Test Plan' (2 words, at least 10)"

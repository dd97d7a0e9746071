"""The template's one-paragraph summary under the title is the summary (issue 8,
blind reading 10: two CDK RFCs opening with a "> We are reworking ..." or "> The
L2 Construct delivers ..." blockquote were read as having no summary, or as one
of the 7-word "What are we launching today?" answer). On the CDK RFC layout
written here: the prose between the title and the first section heading stands
for the summary when it has the words, as a paragraph or a quote, beside a short
FAQ answer too; the metadata list alone, or no opening, does not."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

CDK = "proposal-cdk-flat-readme.md"
OPENING = ("The `example-cache` module is re-written as a new module, `example-cache-v2`,\n"
           "with a smaller API and no custom resource for the cluster.\n")
ANSWER = "A new ExampleCache module with a smaller API and faster deployments.\n"
SHORT = "ExampleCache, new L2 module.\n"


def _summary(text: str) -> tuple[Status, str]:
    result = by_id(review_layout(CDK, text))["proposal.summary"]
    return result.status, result.note or ""


def test_the_opening_paragraph_stands_beside_a_short_faq_answer() -> None:
    status, note = _summary(edited_layout(CDK, ANSWER, SHORT))
    assert status == Status.PASSED
    assert note.startswith("summary: the opening under the title (line 7) (21 words")


def test_an_opening_quote_is_the_summary() -> None:
    quoted = "> " + OPENING.replace("\n", "\n> ", 1)
    text = edited_layout(CDK, ANSWER, SHORT).replace(OPENING, quoted)
    status, note = _summary(text)
    assert status == Status.PASSED
    assert "the opening under the title" in note


def test_no_opening_and_a_short_answer_is_a_short_summary() -> None:
    text = edited_layout(CDK, ANSWER, SHORT).replace(OPENING, "")
    status, note = _summary(text)
    assert status == Status.FAILED
    assert note.startswith("summary: 'What are we launching today?' (4 words")


def test_a_long_enough_faq_answer_is_still_read_where_it_is() -> None:
    result = by_id(review_layout(CDK))["proposal.summary"]
    status, note = result.status, result.note or ""
    assert status == Status.PASSED
    assert note.startswith("summary: 'What are we launching today?'")

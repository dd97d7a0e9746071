"""Three PR/FAQ shapes of fresh reading 4: an FAQ headed "# FAQ" over "## External"
and "## Internal" (read as no internal FAQ); run-in questions, a bold question and
its answer on one line ("**How do I connect?** Add the URL ..."; read as no FAQ
entries); and a customer described by an organisation that is not named ("Nina
Patel, founder of an early-stage software company"; read as the company's leader,
so no customer quote). Layout: the memory tool's PR/FAQ of
test_prfaq_bold_paragraph_headline.py."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

LAYOUT = "prfaq-bold-paragraph-headline.md"
FAQ = ("## FAQ\n\n### Does my data leave my machine?\n\nNo. Threadkeeper keeps every topic "
       "in a local file.")


def _faq(faq: str) -> dict[str, tuple[Status, str]]:
    text = edited_layout(LAYOUT, FAQ, faq)
    return {k: (v.status, v.note or "") for k, v in by_id(review_layout(LAYOUT, text)).items()}


def test_external_and_internal_under_an_faq_heading() -> None:
    got = _faq("# FAQ\n\n## External\n\n### Does my data leave my machine?\n\nNo. "
               "Threadkeeper keeps every topic in a local file on your disk.\n\n## Internal\n\n"
               "### Why build it now?\n\nAgent sessions doubled this year, and every one of them "
               "starts from nothing.\n")
    assert got["faq.external"][1].startswith("external (customer) FAQ: 'External'")
    assert got["faq.internal"][1].startswith("internal (stakeholder) FAQ: 'Internal'")


def test_run_in_bold_questions_are_faq_entries() -> None:
    got = _faq("## FAQ\n\n**Does my data leave my machine?** No. Threadkeeper keeps every "
               "topic in a local file.\n\n**What does it cost?** Nothing: it is open source.\n")
    assert got["faq.answered"] == (Status.PASSED, "2 FAQ entries, 0 unanswered")


def test_a_founder_of_an_unnamed_company_is_a_customer() -> None:
    text = edited_layout(LAYOUT, "said Rosa Vance, an\noperations lead at Fernway.",
                         "said Rosa Vance,\nfounder of an early-stage software company.")
    got = by_id(review_layout(LAYOUT, text))
    assert got["pr.customer-quote"].status == Status.PASSED
    assert got["pr.customer-quote"].note == (
        "customer quote: Rosa Vance, founder of an early-stage software company")

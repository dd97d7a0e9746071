"""Placeholders in proportion (issue 8, class 10, and the blind reading's class 4),
on PR/FAQs written here: a release line with a condition for its date, quotes
attributed to stand-ins, links to the template's address; one placeholder in the
body fails as major, placeholders in the headline, dateline or quotes (or several)
stay a blocker."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Review, Severity, Status, Verdict

HEAD = (
    "# Ledgerly Launches Same-Day Payouts for Florists\n\n"
    "*Florists get paid the day they sell*\n\n"
)
DATELINE = (
    "SEATTLE, WA — June 1, 2027 — Ledgerly today launched Same-Day Payouts. Florists "
    "who sell through Ledgerly see the money in their bank by 6 pm.\n\n"
)
BODY = (
    "Florists wait 6.2 days for card payments, according to the 2026 FloristTech "
    "survey of 400 shops. Same-Day Payouts pays them the day of the sale.\n\n"
    '"We used to float a week of stock on a credit card," said Ana Ruiz, owner of '
    'Petal & Stem in Tucson. "Now the day\'s sales pay for tomorrow\'s roses."\n\n'
    "Start today at [ledgerly.example/payouts](https://ledgerly.example/payouts).\n\n"
    "## FAQ\n\n### How much does it cost?\n\n1% of each payout, $0.25 at least.\n\n"
)


def _write(tmp_path: Path, text: str) -> Path:
    doc = tmp_path / "prfaq.md"
    doc.write_text(text, encoding="utf-8")
    return doc


def _placeholders(review: Review) -> tuple[Status, Severity, list[str]]:
    c = next(c for c in review.criteria if c.id == "style.placeholders")
    return c.status, c.severity, [f.quote or "" for f in c.findings]


def test_one_honest_unknown_in_an_answer_is_major_not_a_blocker(tmp_path: Path) -> None:
    review = run(_write(tmp_path, HEAD + DATELINE + BODY
                        + "### Which languages?\n\nEnglish first; other languages TBD.\n")).review
    assert _placeholders(review) == (Status.FAILED, Severity.MAJOR, ["TBD"])
    assert review.verdict != Verdict.NOT_READY
    c = next(c for c in review.criteria if c.id == "style.placeholders")
    assert all(f.severity == Severity.MAJOR for f in c.findings)
    assert c.note is not None and "not a blocker" in c.note


def test_one_missing_url_in_the_body_is_major(tmp_path: Path) -> None:
    review = run(_write(tmp_path, HEAD + DATELINE + BODY.replace(
        "Start today at", "The code is at [repository URL]. Start today at"))).review
    assert _placeholders(review) == (Status.FAILED, Severity.MAJOR, ["[repository URL]"])


def test_two_placeholders_stay_a_blocker(tmp_path: Path) -> None:
    review = run(_write(tmp_path, HEAD + DATELINE + BODY
                        + "### Which languages?\n\nLanguages TBD, and regions TBD.\n")).review
    assert _placeholders(review) == (Status.FAILED, Severity.BLOCKER, ["TBD", "TBD"])
    assert review.verdict == Verdict.NOT_READY


def test_a_release_line_with_a_condition_is_a_placeholder_in_the_opening(tmp_path: Path) -> None:
    text = ("**FOR WORLDWIDE RELEASE AS SOON AS THE PILOT CONCLUDES**\n\n" + HEAD + DATELINE
            + BODY)
    review = run(_write(tmp_path, text)).review
    assert _placeholders(review) == (
        Status.FAILED, Severity.BLOCKER, ["FOR WORLDWIDE RELEASE AS SOON AS THE PILOT CONCLUDES"])
    c = next(c for c in review.criteria if c.id == "style.placeholders")
    assert c.findings[0].message.startswith("The release line has a condition, not a date")
    for line in ("For immediate release: TBD", "FOR IMMEDIATE RELEASE WHEN READY"):
        review = run(_write(tmp_path, f"**{line}**\n\n" + HEAD + DATELINE + BODY)).review
        assert _placeholders(review)[2] == [line]
    review = run(_write(tmp_path, "**FOR IMMEDIATE RELEASE**\n\n" + HEAD + DATELINE + BODY)).review
    assert _placeholders(review) == (Status.PASSED, Severity.BLOCKER, [])


def test_one_placeholder_in_the_dateline_stays_a_blocker(tmp_path: Path) -> None:
    review = run(_write(tmp_path, HEAD + DATELINE.replace("June 1, 2027", "[DATE]")
                        + BODY)).review
    assert _placeholders(review) == (Status.FAILED, Severity.BLOCKER, ["[DATE]"])


def test_quotes_attributed_to_stand_ins_are_placeholders_and_a_blocker(tmp_path: Path) -> None:
    quotes = (
        '"Training our staff took a day instead of a month," - CEO, Consultancy ABC\n\n'
        '"Every course should teach this from the first week of class." - Academic Quote.\n\n'
        '"Payouts arrive before the shop closes," said Customer Name, Title.\n\n'
    )
    review = run(_write(tmp_path, HEAD + DATELINE + quotes + BODY)).review
    assert _placeholders(review) == (
        Status.FAILED, Severity.BLOCKER,
        ["Consultancy ABC", "Academic Quote", "Customer Name, Title"])
    # a section named for its quote is a heading, not a stand-in attribution
    review = run(_write(tmp_path, HEAD + DATELINE + "## Customer Quote\n\n" + BODY)).review
    assert _placeholders(review)[2] == []


def test_links_to_the_templates_address_are_placeholders(tmp_path: Path) -> None:
    faq = ("### Who runs it?\n\nThe payouts team, see [the team page](http://Link).\n\n"
           "### Where are the docs?\n\nIn the handbook (url).\n")
    review = run(_write(tmp_path, HEAD + DATELINE + BODY + faq)).review
    status, severity, quotes = _placeholders(review)
    assert (status, severity, quotes) == (Status.FAILED, Severity.BLOCKER,
                                          ["the team page", "(url)"])
    c = next(c for c in review.criteria if c.id == "style.placeholders")
    assert c.findings[0].message == (
        "The link 'the team page' points at a placeholder ('http://Link'): put the real "
        "address.")


def test_one_placeholder_in_a_tagline_under_the_headline_stays_a_blocker(tmp_path: Path) -> None:
    review = run(_write(tmp_path, HEAD + "*Petal & Stem, Rootly and XXX among the first shops*\n\n"
                        + DATELINE + BODY)).review
    assert _placeholders(review) == (Status.FAILED, Severity.BLOCKER, ["XXX"])

"""Press-release kinds: headline, subheading, dateline, paragraph-match,
launch-voice, internal-language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from prereview.checks import CheckContext, run_criterion
from prereview.checks.reading.press import press_release
from prereview.ingest.markdown import parse_markdown
from prereview.review import CriterionResult, Finding, Status
from prereview.rubrics import Rubric, load_rubric

SECTIONS: dict[str, Any] = {
    "press-release": {"headings": [r"^(the\s+)?press[\s-]*release\b"], "before": "faq"},
    "faq": {"headings": [r"^(?!.*\bpr\s*[/&+-]?\s*faq)(?=.*\bfaqs?\b)"]},
}
PRFAQ = load_rubric("prfaq")


def make_rubric(check: dict[str, Any]) -> Rubric:
    return Rubric.model_validate({
        "id": "t", "sections": SECTIONS,
        "criteria": [{"id": "t.x", "title": "T", "severity": "major", "check": check}],
    })


def run(md: str, check: dict[str, Any]) -> CriterionResult:
    rubric = make_rubric(check)
    return run_criterion(CheckContext(parse_markdown(md, "doc.md"), rubric), rubric.criteria[0])


def run_builtin(md: str, criterion_id: str) -> CriterionResult:
    doc = parse_markdown(md, "doc.md")
    return run_criterion(CheckContext(doc, PRFAQ), PRFAQ.criterion(criterion_id))


def where(f: Finding) -> tuple[str | None, int | None, int | None, int | None]:
    if f.location is None:
        return (f.quote, None, None, None)
    return (f.quote, f.location.line, f.location.start, f.location.end)


RELEASE = """\
# Acme Pay lets florists get paid the same day

Independent florists get card payments in their bank account within hours.

SEATTLE, WA — June 1, 2027 — Acme today launched Acme Pay.

## FAQ

### Is it free?

No.
"""


# ------------------------------------------------------------------ parts


def test_press_release_parts() -> None:
    rubric = make_rubric({"kind": "headline"})
    pr = press_release(CheckContext(parse_markdown(RELEASE, "d.md"), rubric), "press-release")
    assert pr.headline is not None and pr.headline.text.startswith("Acme Pay lets")
    assert pr.subheading is not None and pr.subheading.text.startswith("Independent")
    assert [b.text[:7] for b in pr.body] == ["SEATTLE"]


def test_label_headings_are_not_headlines() -> None:
    md = "# Press Release\n\nNow data scientists can chart. It is quick. Try it.\n\n# FAQ\n\nx\n"
    rubric = make_rubric({"kind": "headline"})
    pr = press_release(CheckContext(parse_markdown(md, "d.md"), rubric), "press-release")
    assert pr.headline is None and pr.subheading is None


# ------------------------------------------------------------------ headline

HEADLINE = {"kind": "headline", "warn_above": 9, "fail_above": 12}


def test_headline_passes() -> None:
    result = run(RELEASE, HEADLINE)
    assert result.status == Status.PASSED and result.score == 1.0
    assert result.note == "headline: 9 words (warn above 9, fail above 12)"


def test_headline_as_a_short_first_paragraph_with_label() -> None:
    md = "Title: Acme launches Acme Pay for florists\n\nSubtitle: Paid the same day.\n\n" \
         "Body text here. More text.\n"
    result = run(md, HEADLINE)
    assert result.status == Status.PASSED
    assert result.note == "headline: 6 words (warn above 9, fail above 12)"


def test_headline_long_warns_then_fails() -> None:
    warn = run("# Acme Pay lets every independent florist get paid the same day\n\nx y.\n",
               HEADLINE)
    assert warn.status == Status.PASSED and warn.score == 0.5
    (f,) = warn.findings
    assert where(f) == ("Acme Pay lets every independent florist get paid the same day", 1, 0,
                        61)
    assert f.message == "The headline is 11 words long; aim for 9 or fewer."
    fail = run("# Acme Pay lets every independent florist in the whole country get paid the "
               "same day\n\nx y.\n", HEADLINE)
    assert fail.status == Status.FAILED


def test_headline_missing() -> None:
    result = run("# Press release\n\nAcme Pay pays florists. It is fast.\n\n## FAQ\n\nx\n",
                 HEADLINE)
    assert result.status == Status.FAILED
    assert [where(f) for f in result.findings] == [(None, None, None, None)]
    assert result.findings[0].message == "The press release has no headline."


# ------------------------------------------------------------------ subheading


def test_subheading_passes() -> None:
    result = run(RELEASE, {"kind": "subheading"})
    assert result.status == Status.PASSED
    assert result.note == "subheading: 11 words (at most 40)"


def test_subheading_as_a_heading() -> None:
    md = "# Acme launches Pay\n\n## Florists get paid the same day\n\nSEATTLE — text. More.\n"
    assert run(md, {"kind": "subheading"}).status == Status.PASSED


def test_subheading_missing_points_at_the_headline() -> None:
    md = "# Acme Pay for florists\n\nSEATTLE, WA — June 1, 2027 — Acme launched Pay. It is " \
         "fast.\n"
    result = run(md, {"kind": "subheading"})
    assert result.status == Status.FAILED
    assert [where(f) for f in result.findings] == [("Acme Pay for florists", 1, 0, 21)]


def test_subheading_too_long() -> None:
    md = "# Acme Pay\n\nFlorists who sell flowers by card in any of the fifty states get " \
         "their money the same day.\n\nBody. More body.\n"
    result = run(md, {"kind": "subheading", "max_words": 10})
    assert result.status == Status.FAILED
    (f,) = result.findings
    assert f.quote is not None and f.quote.startswith("Florists who sell")
    assert f.location is not None and f.location.line == 3


# ------------------------------------------------------------------ dateline


def test_dateline_passes() -> None:
    result = run(RELEASE, {"kind": "dateline"})
    assert result.status == Status.PASSED
    assert result.note == "dateline: 'SEATTLE, WA — June 1, 2027'"


def test_dateline_variants() -> None:
    for opening in ("London, UK, 1 June 2027 – Acme launched Pay.",
                    "NEW YORK (March 3, 2026) — Acme launched Pay.",
                    "Intro paragraph: SEATTLE — 2027-06-01 — Acme launched Pay."):
        md = f"# Acme launches Pay\n\nFlorists get paid today.\n\n{opening}\n"
        assert run(md, {"kind": "dateline"}).status == Status.PASSED, opening


def test_dateline_missing_quotes_the_opening() -> None:
    md = "# Acme launches Pay\n\nFlorists get paid today.\n\nAcme launched Acme Pay for " \
         "florists in June 2027.\n"
    result = run(md, {"kind": "dateline"})
    assert result.status == Status.FAILED
    assert [where(f) for f in result.findings] == [
        ("Acme launched Acme Pay for florists in June", 5, 0, 43)]


def test_a_first_paragraph_opening_with_the_date_is_dated_not_a_dateline() -> None:
    md = "# Acme launches Pay\n\nFlorists get paid today.\n\nIn June 2027, Acme launched " \
         "Acme Pay for florists.\n"
    result = run(md, {"kind": "dateline"})
    assert (result.status, result.score) == (Status.FAILED, 0.5)  # dated, but no dateline
    assert result.note == "dateline: none; the date 'In June 2027' opens the first paragraph"
    today = run(md.replace("In June 2027", "Today"), {"kind": "dateline"})
    assert (today.status, today.score) == (Status.FAILED, 0.0)  # "Today," names no date
    dashed = run(md.replace("In June 2027,", "Q2 2027 —"), {"kind": "dateline"})
    assert (dashed.status, dashed.note) == (Status.PASSED, "dateline: 'Q2 2027 —' (no place)")


# ------------------------------------------------------------------ paragraph-match

PROBLEM = {"kind": "paragraph-match", "scope": "press-release", "label": "problem paragraph",
           "patterns": [r"\bstruggle\b", r"\bwait\b"]}


def test_paragraph_match_passes_with_the_sentence_in_the_note() -> None:
    md = "# Acme launches Pay\n\nIntro.\n\nFlorists wait a week. They struggle.\n"
    result = run(md, PROBLEM)
    assert result.status == Status.PASSED
    assert result.note == 'problem paragraph (line 5): "Florists wait a week."'


def test_paragraph_match_missing() -> None:
    result = run("# Acme launches Pay\n\nIntro.\n", PROBLEM)
    assert result.status == Status.FAILED
    assert [where(f) for f in result.findings] == [(None, None, None, None)]
    assert result.findings[0].message == "No problem paragraph in the press release."


def test_paragraph_match_min_hits() -> None:
    md = "# A\n\nFlorists wait a week.\n"
    assert run(md, {**PROBLEM, "min_hits": 2}).status == Status.FAILED
    assert run(md + "\nThey wait and struggle.\n", {**PROBLEM, "min_hits": 2}).status == \
        Status.PASSED


def test_paragraph_match_contains() -> None:
    check = {**PROBLEM, "contains": [{"what": "number", "pattern": r"\d"}]}
    md = "# Acme launches Pay\n\nIntro.\n\nToday florists wait a week for payments.\n"
    result = run(md, check)
    assert result.status == Status.FAILED
    assert [where(f) for f in result.findings] == [
        ("Today florists wait a week for payments.", 5, 0, 40)]
    assert result.findings[0].message == "The problem paragraph has no number."
    assert run(md.replace("a week", "7 days"), check).status == Status.PASSED


def test_paragraph_match_followed_by() -> None:
    check = {**PROBLEM, "followed_by": [r"\bnow\b"]}
    good = "# A\n\nFlorists wait a week.\n\nAcme Pay now pays them in 2 hours.\n"
    assert run(good, check).status == Status.PASSED
    bad = "# A\n\nAcme Pay now pays them in 2 hours.\n\nFlorists wait a week.\n"
    result = run(bad, check)
    assert result.status == Status.FAILED
    assert [where(f) for f in result.findings] == [("Florists wait a week.", 5, 0, 21)]


def test_paragraph_match_last_paragraphs_only() -> None:
    check = {"kind": "paragraph-match", "scope": "press-release", "last": 1,
             "label": "call to action", "patterns": [r"\blearn more\b"]}
    assert run("# A\n\nLearn more at x.\n\nEnd.\n", check).status == Status.FAILED
    assert run("# A\n\nEnd.\n\nLearn more at x.\n", check).status == Status.PASSED


# ------------------------------------------------------------------ launch-voice


def test_launch_voice_passes() -> None:
    result = run_builtin(RELEASE, "pr.launch-voice")
    assert result.status == Status.PASSED
    assert result.note == "0 plan phrase(s) (tolerance 0); launch stated"


def test_launch_voice_flags_every_plan_phrase_outside_quotes() -> None:
    md = "# Acme launches Pay\n\nAcme will launch Acme Pay in June. We plan to add\n" \
         "refunds. \"We plan to use it daily,\" said Ana Ruiz, a florist.\n"
    result = run_builtin(md, "pr.launch-voice")
    assert result.status == Status.FAILED
    assert [where(f) for f in result.findings] == [
        ("will launch", 3, 5, 16), ("plan to", 3, 38, 45)]
    assert result.findings[0].message == (
        "'will launch' describes a plan: write as if the product launched today.")


def test_launch_voice_needs_a_launch_statement() -> None:
    md = "# Acme Pay for florists\n\nFlorists get paid within two hours. It is simple.\n"
    result = run_builtin(md, "pr.launch-voice")
    assert result.status == Status.FAILED
    assert [where(f) for f in result.findings] == [
        ("Florists get paid within two hours.", 3, 0, 35)]


# ------------------------------------------------------------------ internal-language


def test_internal_language_terms_and_code_names() -> None:
    md = "# Acme launches Pay\n\nProject FALCON moves the backend to microservices, built\n" \
         "by the Payments Platform team. FALCON ships in sprint 4.\n"
    result = run_builtin(md, "pr.customer-language")
    assert result.status == Status.FAILED
    assert [where(f) for f in result.findings] == [
        ("Project FALCON", 3, 0, 14), ("backend", 3, 25, 32), ("microservices", 3, 36, 49),
        ("Payments Platform team", 4, 64, 86), ("sprint", 4, 104, 110)]
    # The bare "FALCON" later on is the same code name: counted, not a finding of its own.
    assert result.findings[0].message == (
        "'Project FALCON' is internal or engineering language (2 times): say it in the "
        "customer's words.")


def test_internal_language_allows_known_spelled_out_and_named_acronyms() -> None:
    md = "# THE ACME GROUP RELEASES PAY FOR US FLORISTS\n\n" \
         "SEATTLE, WA — June 1, 2027 — Acme today launched Acme Pay in the US and UK. " \
         "The Florist Payment Network (FPN) and the National Florists Association (NFA) " \
         "back it.\n\n\"I get paid before the shop closes,\" said Ana Ruiz, owner, ROSA Flowers.\n"
    result = run_builtin(md, "pr.customer-language")
    assert result.status == Status.PASSED, [f.quote for f in result.findings]


def test_docx_headline_above_the_press_release_heading(tmp_path: Path) -> None:
    import docx

    from prereview.ingest import load_document

    d = docx.Document()
    d.add_paragraph("Acme Pay lets florists get paid the same day", style="Title")
    d.add_heading("Press Release", level=1)
    d.add_paragraph("Florists get card payments in their bank account within hours.")
    d.add_paragraph("SEATTLE, WA — June 1, 2027 — Acme today launched Acme Pay. It plans to add "
                    "refunds.")
    d.add_heading("FAQ", level=1)
    d.add_heading("Is it free?", level=2)
    d.add_paragraph("No, $9 a month.")
    path = tmp_path / "pr.docx"
    d.save(str(path))
    document = load_document(path)
    ctx = CheckContext(document, PRFAQ)
    pr = press_release(ctx, "press-release")
    assert pr.headline is not None and pr.headline.anchor.paragraph == 0
    assert pr.subheading is not None and pr.subheading.anchor.paragraph == 2
    result = run_criterion(ctx, PRFAQ.criterion("pr.launch-voice"))
    assert result.status == Status.FAILED
    (f,) = result.findings
    assert f.quote == "plans to"
    assert f.location is not None
    assert (f.location.paragraph, f.location.start, f.location.end) == (3, 62, 70)


def _title_docx(tmp_path: Path, headline: str, subtitle: str | None = None,
                title_style: str = "Title") -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph(headline, style=title_style)
    if subtitle is not None:
        d.add_paragraph(subtitle, style="Subtitle")
    d.add_heading("Press Release", level=1)
    d.add_paragraph("SEATTLE, WA — June 1, 2027 — Acme today launched Acme Pay.")
    d.add_heading("FAQ", level=1)
    d.add_heading("Is it free?", level=2)
    d.add_paragraph("No, $9 a month.")
    path = tmp_path / "pr.docx"
    d.save(str(path))
    return path


LONG_HEADLINE = (
    "Acme Announces Project Falcon, a Next-Generation Payments Platform That Helps Small "
    "and Medium-Sized Florists Everywhere Get Paid Faster and Grow Their Revenue in Every "
    "Single Shop"
)


def test_docx_title_headline_over_the_limit_fails_with_a_quote(tmp_path: Path) -> None:
    from prereview.ingest import load_document

    document = load_document(_title_docx(tmp_path, LONG_HEADLINE, "Florists get paid today."))
    ctx = CheckContext(document, PRFAQ)
    pr = press_release(ctx, "press-release")
    assert pr.subheading is not None and pr.subheading.text == "Florists get paid today."
    result = run_criterion(ctx, PRFAQ.criterion("pr.headline"))
    assert result.status == Status.FAILED
    (f,) = result.findings
    assert f.quote == LONG_HEADLINE
    assert f.location is not None and f.location.paragraph == 0
    assert result.note == "headline: 26 words (warn above 15, fail above 25)"


def test_flawed_sample_headline_fails_for_length() -> None:
    from prereview.ingest import load_document

    sample = Path(__file__).resolve().parents[2] / "samples" / "prfaq-flawed.docx"
    ctx = CheckContext(load_document(sample), PRFAQ)
    result = run_criterion(ctx, PRFAQ.criterion("pr.headline"))
    assert result.status == Status.FAILED
    (f,) = result.findings
    assert f.quote is not None and f.quote.startswith("Harborline Announces Project HALIBUT")
    assert f.message == "The headline is 26 words long; aim for 15 or fewer."


def test_a_title_styled_paragraph_is_a_headline_too() -> None:
    # A Title in a text box reads as a paragraph with the Title style.
    from prereview.document import Anchor, Block, BlockKind, Document, build_sections

    texts = [(BlockKind.PARAGRAPH, "Acme Pay lets florists get paid the same day", "Title"),
             (BlockKind.HEADING, "Press Release", "Heading 1"),
             (BlockKind.PARAGRAPH, "SEATTLE, WA — June 1, 2027 — Acme today launched Pay.",
              "Normal"),
             (BlockKind.PARAGRAPH, "Florists get paid within two hours.", "Normal")]
    blocks = [Block(index=i, kind=kind, text=text, anchor=Anchor(paragraph=i), style=style,
                    level=1 if kind == BlockKind.HEADING else None)
              for i, (kind, text, style) in enumerate(texts)]
    document = Document(path="d.docx", format="docx", title="d", blocks=blocks,
                        sections=build_sections(blocks), sha256="0")
    pr = press_release(CheckContext(document, PRFAQ), "press-release")
    assert pr.headline is blocks[0]
    assert [b.index for b in pr.body] == [2, 3]


def test_metadata_line_between_title_and_press_release_is_not_a_subtitle() -> None:
    md = "# Acme Pay for florists\n\nAuthor: Jo Park\n\n## Press release\n\n" \
         "SEATTLE, WA — June 1, 2027 — Acme today launched Acme Pay. It is fast.\n"
    pr = press_release(CheckContext(parse_markdown(md, "d.md"), PRFAQ), "press-release")
    assert pr.headline is None


# ------------------------------------------------------------------ getting started


STRONG_CLOSE = """\
# Tidewell Fill texts your waitlist

SEATTLE, WA — March 2, 2027 — Tidewell Software today launched Tidewell Fill.

A clinic loses 9 appointments a week. At $120 an hour, those empty slots cost the clinic \
$56,000 a year.

Clinics can start today at tidewell.com/fill. Fill costs $79 a month for each clinic.

"We used to lose $900 a week," said Dana Ruiz, owner of Harbor Street Physical Therapy.

To start a free 30-day trial, visit https://www.tidewell.com/fill.
"""


def test_getting_started_needs_getting_started_wording_not_any_price() -> None:
    result = run_builtin(STRONG_CLOSE, "pr.getting-started")
    assert result.status == Status.PASSED
    assert result.note == ('paragraph on getting started (line 7): "Clinics can start today at '
                           'tidewell.com/fill."')
    price_only = STRONG_CLOSE.split("Clinics can")[0]
    assert run_builtin(price_only, "pr.getting-started").status == Status.FAILED


def test_call_to_action_points_at_the_closing_link() -> None:
    result = run_builtin(STRONG_CLOSE, "pr.call-to-action")
    assert result.status == Status.PASSED
    assert result.note == ('closing paragraph saying where to learn more (line 11): "To start '
                           'a free 30-day trial, visit https://www.tidewell.com/fill."')


def test_paragraph_match_pick_last() -> None:
    check = {"kind": "paragraph-match", "scope": "press-release", "label": "link",
             "patterns": [r"\.com\b"], "pick": "last"}
    result = run("# A\n\nGo to a.com now.\n\nOr b.com later.\n", check)
    assert result.note == 'link (line 5): "Or b.com later."'
    first = run("# A\n\nGo to a.com now.\n\nOr b.com later.\n", {**check, "pick": "first"})
    assert first.note == 'link (line 3): "Go to a.com now."'


# ------------------------------------------------------------------ customer language


def test_code_names_of_any_length_and_case_are_flagged() -> None:
    md = "# Acme launches Pay\n\nAcme Pay comes out of Project HALIBUT and Project Halibut.\n" \
         "It replaces OMNIPAYMENTS for florists.\n"
    result = run_builtin(md, "pr.customer-language")
    assert [where(f) for f in result.findings] == [
        ("Project HALIBUT", 3, 22, 37), ("OMNIPAYMENTS", 4, 71, 83)]
    assert result.findings[0].message.startswith("'Project HALIBUT' is internal or engineering "
                                                 "language (2 times)")


def test_the_team_is_not_a_team_name() -> None:
    md = "# How The Team Behind Acme Pay Gets Florists Paid\n\nThe team at Acme built it. " \
         "Meet The Team in Seattle.\n"
    result = run_builtin(md, "pr.customer-language")
    assert result.status == Status.PASSED, [f.quote for f in result.findings]
    named = run_builtin("# Acme launches Pay\n\nThe Payments Platform team built it.\n",
                        "pr.customer-language")
    assert [f.quote for f in named.findings] == ["Payments Platform team"]


def test_an_acronym_spelled_out_only_in_passing_is_still_internal() -> None:
    # "Small and Medium Businesses" appears, but nothing says it is "SMB".
    md = "# Acme Pay helps Small and Medium Businesses\n\nAcme Pay pays SMB owners today.\n"
    result = run_builtin(md, "pr.customer-language")
    assert [f.quote for f in result.findings] == ["SMB"]
    defined = md.replace("Small and Medium Businesses", "Small and Medium Businesses (SMB)")
    assert run_builtin(defined, "pr.customer-language").status == Status.PASSED


def test_getting_started_picks_the_paragraph_with_the_most_evidence() -> None:
    # "installs" alone is weaker evidence than a sign-up with a price.
    md = ("# Cartwheel launches Lockers\n\nDENVER, CO — June 15, 2027 — Cartwheel today "
          "launched Cartwheel Lockers.\n\nFor building owners, Cartwheel installs each locker "
          "bank at no cost.\n\nResidents sign up in the Cartwheel app. Locker delivery costs "
          "$2.99 per order.\n")
    result = run_builtin(md, "pr.getting-started")
    assert result.status == Status.PASSED
    assert result.note == ('paragraph on getting started (line 7): "Residents sign up in the '
                           'Cartwheel app."')
    check = {"kind": "paragraph-match", "scope": "press-release", "label": "x", "pick": "best",
             "patterns": [r"\bsign up\b|\binstalls\b", r"\$\d"]}
    assert run(md, check).note == 'x (line 7): "Residents sign up in the Cartwheel app."'
    # equals: the first one
    assert run(md, {**check, "patterns": [r"\bsign up\b|\binstalls\b"]}).note == (
        'x (line 5): "For building owners, Cartwheel installs each locker bank at no cost."')


# ------------------------------------------------------------------ problem

OPENING = ("# Tilebook Quotes gets homeowners three remodel quotes\n\n"
           "PHOENIX, AZ — June 1, 2027 — Tilebook today launched Tilebook Quotes, firm "
           "remodel quotes from a phone scan of the kitchen.\n\n")
SOLUTION = "With Tilebook Quotes, homeowners scan the kitchen with a phone.\n"


@pytest.mark.parametrize("problem", [
    "A homeowner calls contractors, waits for site visits and takes time off work.",
    "It took 23 days on average to collect three quotes. Many gave up after one.",
    "Homeowners dislike the process: it is too much work for one quote.",
    "A bad quote costs a homeowner $4,000, and a visit can cost an afternoon.",
    "Most homeowners end up hiring the first contractor who calls back.",
    "Contractors miss visits, and homeowners spend 6 hours on the phone.",
])
def test_problem_words(problem: str) -> None:
    result = run_builtin(f"{OPENING}{problem}\n\n{SOLUTION}", "pr.problem")
    assert result.status == Status.PASSED, problem
    assert result.note is not None and result.note.startswith("problem paragraph (line 5): ")


def test_a_price_or_a_negated_problem_word_is_not_a_problem() -> None:
    # "costs $9 a month" is a price; "no longer wait" is the solution talking
    md = (f"{OPENING}Tilebook Quotes costs $9 a month. Homeowners no longer wait for "
          "visits.\n\nQuotes arrive in 72 hours, itemized line by line.\n")
    result = run_builtin(md, "pr.problem")
    assert result.status == Status.FAILED
    assert result.note == "problem paragraph: not found"
    assert [where(f) for f in result.findings] == [(None, None, None, None)]
    assert result.findings[0].message == (
        "No problem paragraph in the press release: nothing between the opening paragraph "
        "and the solution states what the customer struggles with today.")


POSITIONAL = ("A florist sells $900 of flowers on a Friday and sees the money on the next "
              "Wednesday, while the wholesaler asks for cash at every 5 am delivery.")


def test_problem_by_position_after_the_opening_and_before_the_solution() -> None:
    md = f"{OPENING}{POSITIONAL}\n\n{SOLUTION}"
    result = run_builtin(md, "pr.problem")
    assert result.status == Status.PASSED
    assert result.note == ('problem paragraph (line 5, by position): "A florist sells $900 of '
                           'flowers on a Friday and sees the money on the next We..."')
    # the same paragraph is the one pr.problem-quantified reads: it has a number
    assert run_builtin(md, "pr.problem-quantified").status == Status.PASSED
    unquantified = md.replace("$900", "a lot").replace("5 am", "dawn")
    quantified = run_builtin(unquantified, "pr.problem-quantified")
    assert quantified.status == Status.FAILED
    assert quantified.findings[0].location is not None
    assert quantified.findings[0].location.line == 5


@pytest.mark.parametrize("before", [
    # the paragraph after the opening is the solution, a quote or a list
    SOLUTION,
    "Tilebook Quotes sends the scan to three licensed contractors, who bid on the job "
    "within 72 hours, line by line, with no visit to the house.\n",
    '"Homeowners can finally see three prices side by side, for the same job, without '
    'a visit," said Elena Vasquez, founder and CEO of Tilebook.\n',
    "- Scan the kitchen with a phone in ten minutes, with no tape measure at all.\n"
    "- Compare three quotes side by side, line by line, and book the contractor.\n",
    # or too short to state a problem
    "Here is how it works.\n",
])
def test_no_problem_paragraph_by_position(before: str) -> None:
    md = f"{OPENING}{before}\n{POSITIONAL}\n"
    assert run_builtin(md, "pr.problem").status == Status.FAILED


def test_a_problem_after_the_solution_is_a_finding_on_it() -> None:
    md = f"{OPENING}{SOLUTION}\nHomeowners wait 23 days for three quotes.\n"
    result = run_builtin(md, "pr.problem")
    assert result.status == Status.FAILED
    assert result.note == "problem paragraph: not before the solution"
    assert [where(f) for f in result.findings] == [
        ("Homeowners wait 23 days for three quotes.", 7, 0, 41)]


def test_problem_words_in_a_quote_or_the_summary_count_last() -> None:
    # the paragraph after the opening is read first, even without problem words
    quote = ('"I used to lose a day a month chasing contractors," said Ana Ruiz, a '
             'homeowner in Tempe.\n')
    md = f"{OPENING}{POSITIONAL}\n\n{SOLUTION}\n{quote}"
    assert run_builtin(md, "pr.problem").note == (
        'problem paragraph (line 5, by position): "A florist sells $900 of flowers on a '
        'Friday and sees the money on the next We..."')
    only_quote = f"{OPENING}{SOLUTION}\n{quote}\nIt is available today at tilebook.com.\n"
    assert run_builtin(only_quote, "pr.problem").note == (
        'problem paragraph (line 7): ""I used to lose a day a month chasing contractors," '
        'said Ana Ruiz, a homeowne..."')


# ------------------------------------------------------------------ bullets in a PR/FAQ


@pytest.mark.parametrize("expect", ["pass", "fail"])
def test_prfaq_bullets_read_the_press_release_only(expect: str) -> None:
    # style.bullets is overridden in prfaq.yaml: its examples are tested here
    crit = PRFAQ.criterion("style.bullets")
    for snippet in crit.examples.pass_ if expect == "pass" else crit.examples.fail:
        result = run_builtin(snippet, "style.bullets")
        assert result.status == (Status.PASSED if expect == "pass" else Status.FAILED)


def test_prfaq_bullets_flag_each_list_of_the_press_release() -> None:
    md = (f"{OPENING}With Tilebook Quotes, homeowners can:\n\n- scan the kitchen;\n"
          "- compare quotes.\n\nOne item:\n\n- alone.\n\n## FAQ\n\n### Which contractors?\n\n"
          "- licensed;\n- insured;\n- local.\n")
    result = run_builtin(md, "style.bullets")
    assert result.status == Status.FAILED
    assert [where(f) for f in result.findings] == [
        ("scan the kitchen;", 7, 0, 17), ("alone.", 12, 0, 6)]
    assert result.findings[0].message == (
        "A bulleted list of 2 item(s) in the press release: a press release is prose; write "
        "the points as sentences, or move the detail to the FAQ.")
    single = md.split("\n- compare quotes.")[0] + "\n\n## FAQ\n\n- a;\n- b.\n"
    assert run_builtin(single, "style.bullets").status == Status.PASSED

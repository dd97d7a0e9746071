"""Style rules judge the document, not sentences (issue 8, blind review: style
criteria were right 4 times of 51 failures). Layout document written here: a
short internal PR/FAQ with two long sentences, a few passives in a process
description, vague words inside a quote and a recommendation and a hedge in the
FAQ. None of it is a bar raiser's issue; the same words in the press release's
own claims, or a long average, are."""

from __future__ import annotations

from pathlib import Path

from prereview.checks import CheckContext, run_criterion
from prereview.engine import run
from prereview.ingest.markdown import parse_markdown
from prereview.review import CriterionResult, Status
from prereview.rubrics import load_rubric

LAYOUT = Path(__file__).parent / "layouts" / "prfaq-style-document-level.md"
PRFAQ = load_rubric("prfaq")
STYLE = load_rubric("style")


def _results() -> dict[str, CriterionResult]:
    return {c.id: c for c in run(LAYOUT).review.criteria}


def test_document_level_figures_pass_with_no_findings() -> None:
    results = _results()
    for rule in ("style.sentence-length", "style.passive-voice", "style.readability",
                 "style.weasel-words", "style.hedging", "style.unquantified-claims"):
        assert results[rule].status == Status.PASSED, (rule, results[rule].note)
        assert results[rule].findings == [], rule
    assert results["style.sentence-length"].note == (
        "average 15.9 words per sentence (limit 20); 2 of 14 sentences over 30 words "
        "(14%, limit 20%)")
    assert results["style.passive-voice"].note == (
        "3 of 14 sentences passive (21%; limit 30%) (at least 5 tolerated)")
    assert results["style.readability"].note == (
        "Flesch-Kincaid press-release grade 8.9 (limit 14); rest of the document grade 7.9 "
        "(limit 18)")


def test_quoted_speech_and_faq_answers_are_not_press_release_claims() -> None:
    results = _results()
    # "Many ... some" are in the director's quote, "best" and "might" in the FAQ
    assert results["style.weasel-words"].note is not None
    assert results["style.weasel-words"].note.startswith("no occurrences found")
    assert results["style.hedging"].note is not None
    assert results["style.hedging"].note.startswith("no occurrences found")


def _check(md: str, criterion: str) -> CriterionResult:
    document = parse_markdown(md, "doc.md")
    return run_criterion(CheckContext(document, PRFAQ), PRFAQ.criterion(criterion))


def test_the_same_words_in_the_press_release_claims_fail() -> None:
    md = ("# Harbor launches Ledger\n\nSEATTLE, WA — June 1, 2027 — Harbor launched Ledger. "
          "Many shops see very slow books. Several owners mostly complain, and some of them "
          "really leave.\n\n## FAQ\n\n### Why?\n\nMany reasons.\n")
    result = _check(md, "style.weasel-words")
    assert result.status == Status.FAILED
    assert [(f.quote, f.location.line if f.location else None) for f in result.findings] == [
        ("Many", 3), ("very", 3), ("Several", 3), ("mostly", 3), ("some", 3), ("really", 3)]


def test_a_long_average_fails_sentence_length_with_one_finding() -> None:
    sentence = ("The council reviews every chapter of the handbook in the last week of each "
                "quarter and publishes the changes to every member on the same day. ")
    md = "# Handbook\n\n" + sentence * 4 + "\n"
    result = run_criterion(CheckContext(parse_markdown(md, "doc.md"), STYLE),
                           STYLE.criterion("style.sentence-length"))
    assert result.status == Status.FAILED
    assert len(result.findings) == 1
    assert result.note == ("average 26.0 words per sentence (limit 20); 0 of 4 sentences over "
                           "30 words (0%, limit 20%)")


def test_three_long_sentences_in_a_long_document_pass() -> None:
    short = "The council meets every quarter. " * 30
    long = ("When a member opens the handbook after a long break and wants the rule for a "
            "vote, they find it in the chapter on voting, with the date of the decision. ")
    md = "# Handbook\n\n" + short + long * 3 + "\n"
    result = run_criterion(CheckContext(parse_markdown(md, "doc.md"), STYLE),
                           STYLE.criterion("style.sentence-length"))
    assert result.status == Status.PASSED, result.note

"""Style rules fail on a habit, not on one slip (issue 8, blind review: style
criteria failed on every document): a style criterion tolerates occurrences by the
document's size with a floor, and shows its findings only when it fails. And the
audience's acronyms, acronyms the document explains anywhere (also as a name in
capitalised words) and words in capitals are not findings. Layout documents
written here: a narrative with ordinary slips, a PR/FAQ with the common acronym
shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from prereview.checks import CheckContext, run_criterion
from prereview.checks.params import tolerated
from prereview.engine import run
from prereview.ingest import load_document
from prereview.ingest.markdown import parse_markdown
from prereview.review import CriterionResult, Status
from prereview.rubrics import Rubric, load_rubric

LAYOUTS = Path(__file__).parent / "layouts"
SLIPS = LAYOUTS / "narrative-style-slips.md"
ACRONYMS = LAYOUTS / "prfaq-acronyms-audience.md"
ZERO = load_rubric(Path(__file__).parents[1] / "checks" / "zero-tolerance.yaml")
STYLE = load_rubric("style")
DENSITY_RULES = ("style.weasel-words", "style.hedging", "style.jargon",
                 "style.unquantified-claims", "style.sentence-length", "style.passive-voice",
                 "style.acronyms")


def _check(md: str, criterion: str, rubric: Rubric = STYLE) -> CriterionResult:
    document = parse_markdown(md, "doc.md")
    return run_criterion(CheckContext(document, rubric), rubric.criterion(criterion))


def test_a_few_slips_in_a_narrative_fail_no_style_rule() -> None:
    review = run(SLIPS, rubric_ref="narrative").review
    results = {c.id: c for c in review.criteria}
    for rule in DENSITY_RULES:
        assert results[rule].status == Status.PASSED, (rule, results[rule].note)
        assert results[rule].findings == [], rule
    # the occurrences are there, and counted in the note
    weasel = results["style.weasel-words"].note
    assert weasel is not None and weasel.startswith("3 occurrences found (8.8 per 1,000 of 342")
    hedging = results["style.hedging"].note
    assert hedging is not None and hedging.startswith("1 occurrences found")


def test_the_same_slips_fail_at_zero_tolerance() -> None:
    """The layout has the occurrences: only the tolerance makes them pass."""
    document = load_document(SLIPS)
    result = run_criterion(CheckContext(document, ZERO), ZERO.criterion("style.weasel-words"))
    assert result.status == Status.FAILED
    assert [f.quote for f in result.findings] == ["most", "Most", "most"]


def test_a_habit_fails_and_lists_every_occurrence() -> None:
    md = ("Many teams see very slow reports. Several customers mostly complain, and some "
          "of them really leave.\n")
    result = _check(md, "style.weasel-words")
    assert result.status == Status.FAILED
    assert [f.quote for f in result.findings] == ["Many", "very", "Several", "mostly", "some",
                                                  "really"]


@pytest.mark.parametrize(("floor", "per_1000", "words", "expected"), [
    (3, 6.0, 200, 3),     # a short document: the floor
    (3, 6.0, 1000, 6),    # the density over the floor
    (3, 6.0, 5000, 30),
    (0, None, 5000, 0),   # no density: zero tolerance (placeholders)
])
def test_tolerance_scales_with_the_document(floor: int, per_1000: float | None, words: int,
                                            expected: int) -> None:
    assert tolerated(floor, per_1000, words) == expected


def test_three_long_sentences_fail_a_short_document_not_a_long_one() -> None:
    long = ("When a shop opens the console after a long weekend and wants the numbers for "
            "the Monday meeting, it copies each table by hand into a sheet and mails it "
            "every Friday. ")
    short = "Ledger files the bill. The owner checks it. The books close. "
    md_short = long * 3 + short * 2
    assert _check(md_short, "style.sentence-length").status == Status.FAILED
    md_long = long * 3 + short * 120
    result = _check(md_long, "style.sentence-length")
    assert result.status == Status.PASSED
    assert result.findings == []


def test_audience_acronyms_expansions_and_capitals_are_not_findings() -> None:
    review = run(ACRONYMS, rubric_ref="prfaq").review
    result = next(c for c in review.criteria if c.id == "style.acronyms")
    assert result.status == Status.PASSED
    assert result.findings == []
    assert result.note is not None and result.note.startswith("no acronyms not spelled out")


@pytest.mark.parametrize("md", [
    "# Green Software Foundation patterns\n\nThe GSF reviews every pattern.",
    "The GSF (Green Software Foundation) reviews patterns. The GSF meets weekly.",
    "The GSF meets weekly. The Green Software Foundation (GSF) reviews patterns.",
    "NOTES, WARNING and TIP boxes mark the limits. ACME Corp adopted it.",
    "Call the API over HTTP from the CLI; IAM roles guard the SQL store on AWS.",
])
def test_acronyms_that_are_explained_or_not_acronyms(md: str) -> None:
    result = _check(md, "style.acronyms")
    assert result.findings == [], [f.message for f in result.findings]
    assert result.status == Status.PASSED


def test_one_unexplained_acronym_passes_several_fail() -> None:
    one = _check("Each shop keeps its WAL for a day.", "style.acronyms")
    assert one.status == Status.PASSED and one.findings == []
    two = _check("Each shop keeps its WAL for a day, and the RPO is an hour.", "style.acronyms")
    assert two.status == Status.PASSED and two.findings == []
    several = _check("Each BLT keeps its WAL, and the RPO is an hour.", "style.acronyms")
    assert several.status == Status.FAILED
    assert [f.quote for f in several.findings] == ["BLT", "WAL", "RPO"]

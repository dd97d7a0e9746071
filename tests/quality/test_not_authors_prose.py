"""Not the author's prose (issue 8, class 5): a table of contents (list items
naming the document's headings), a checklist, a blockquote of someone else's
words and a flag listing (items opening with a code identifier) are left out of
the style rules. Layout document written here: a short narrative with all four."""

from __future__ import annotations

from pathlib import Path

from prereview.checks import CheckContext, run_criterion
from prereview.checks.reading.prose import not_authors_prose
from prereview.engine import run
from prereview.ingest import load_document
from prereview.review import CriterionResult, Status
from prereview.rubrics import load_rubric

LAYOUT = Path(__file__).parent / "layouts" / "narrative-not-authors-prose.md"


def _results() -> dict[str, CriterionResult]:
    return {c.id: c for c in run(LAYOUT, rubric_ref="narrative").review.criteria}


def test_only_the_authors_sentences_are_measured() -> None:
    results = _results()
    assert results["style.passive-voice"].note == (
        "0 of 6 sentences passive (0%; limit 30%) (at least 5 tolerated)")
    assert results["style.sentence-length"].note == (
        "average 14.0 words per sentence (limit 20); 0 of 6 sentences over 30 words "
        "(0%, limit 20%)")
    assert results["style.bullets"].status == Status.PASSED
    assert results["style.weasel-words"].note is not None
    assert results["style.weasel-words"].note.startswith("no occurrences found (0.0 per 1,000 "
                                                          "of 84 words")


def test_the_left_out_blocks_are_the_toc_checklist_quote_and_flags() -> None:
    rubric = load_rubric("narrative")
    document = load_document(LAYOUT)
    skipped = not_authors_prose(CheckContext(document, rubric))
    lines = sorted(document.blocks[i].anchor.line or 0 for i in skipped)
    assert lines == [3, 4, 5, 6, 8, 9, 10, 23, 34, 35, 36]


def test_read_with_them_the_quote_is_a_weasel_habit(tmp_path: Path) -> None:
    """The exclusion is what passes the layout: read as prose, the quote fails."""
    rubric_path = tmp_path / "all.yaml"
    rubric_path.write_text(
        "id: all\nextends: narrative\ncriteria:\n  - id: style.weasel-words\n"
        "    check: {kind: word-list, authors_prose_only: false, max_findings: 2,\n"
        "            max_per_1000_words: null}\n", encoding="utf-8")
    rubric = load_rubric(rubric_path)
    result = run_criterion(CheckContext(load_document(LAYOUT), rubric),
                           rubric.criterion("style.weasel-words"))
    assert result.status == Status.FAILED
    assert [f.quote for f in result.findings] == ["Many", "some", "several"]

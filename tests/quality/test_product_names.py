"""One product spelled several ways (issue 8, new rule): "Plot Kit" in the press
release and "plotkit"/"Plotkit" in the FAQ. Case alone ("Green Software" and
"green software"), hyphens ("open source", "open-source") and the package name in
code (`pip install plotkit`) are not different spellings. Layout document written
here: a library PR/FAQ."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Status

from .support import by_id, review_layout

LAYOUT = Path(__file__).parent / "layouts" / "prfaq-product-names.md"


def test_a_name_split_differently_is_one_finding_at_the_odd_form() -> None:
    result = next(c for c in run(LAYOUT).review.criteria if c.id == "style.consistent-names")
    assert result.status == Status.FAILED
    assert [(f.quote, f.location.line if f.location else None, f.message)
            for f in result.findings] == [(
        "plotkit", 14,
        "'plotkit' is also written 'Plot Kit' (3 times; other forms: 'Plotkit', 'plotkit'): "
        "spell the name one way.")]


def test_two_words_of_a_title_cased_headline_are_no_respelling() -> None:
    """"MarkdownEditor: A Mac-Native Markdown Editor for People Who Think in Plain
    Text": title case capitalises the plain phrase, it does not respell the name (a
    fresh reading: a markdown editor's PR/FAQ); the same two words in the prose are
    still a second spelling."""
    body = ("Today we release PlotKit, a charting library for notebooks. PlotKit "
            "draws a chart from one call, and PlotKit keeps its style.\n")
    headline = "# PlotKit: A Fast Plot Kit for People Who Chart Data\n\n"
    result = by_id(review_layout("prfaq-title-case.md", headline + body, "prfaq"))[
        "style.consistent-names"]
    assert result.status == Status.PASSED, result.note
    prose = headline + body + "\nThe Plot Kit ships weekly.\n"
    result = by_id(review_layout("prfaq-title-case.md", prose, "prfaq"))["style.consistent-names"]
    assert result.status == Status.FAILED

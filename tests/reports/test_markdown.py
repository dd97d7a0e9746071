"""The Markdown report: order, locations, and quotes that cannot break it."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from prereview.engine import review_path
from prereview.reports import format_location, render_markdown
from prereview.reports.markdown import code_span, md_text
from prereview.review import (
    CriterionResult,
    DocumentInfo,
    Finding,
    Location,
    Review,
    RubricInfo,
    Severity,
    Status,
    Verdict,
)

NASTY = "A `tick` and ``two`` *stars* <script>x</script> | [link](http://x) # not a heading"


def _review(fmt: str = "markdown", quote: str = "significantly") -> Review:
    docx = fmt == "docx"

    def loc(line: int, col: int, para: int, start: int, end: int) -> Location:
        return Location(section="Press <b>release</b>", block=3,
                        line=None if docx else line, column=None if docx else col,
                        paragraph=para if docx else None, start=start, end=end)

    def finding(cid: str, sev: Severity, msg: str, q: str | None, where: Location | None,
                suggestion: str | None = None) -> Finding:
        return Finding(criterion=cid, severity=sev, message=msg, quote=q, location=where,
                       suggestion=suggestion)

    criteria = [
        CriterionResult(
            id="style.weasel-words", title="Weasel words", severity=Severity.MINOR, weight=1,
            status=Status.FAILED, note="2 weasel words (limit 0)", guidance="Use a number.",
            findings=[
                finding("style.weasel-words", Severity.MINOR, '"significantly" is vague', quote,
                        loc(12, 5, 4, 10, 23), "Say by how much."),
                finding("style.weasel-words", Severity.MINOR, '"many" is vague', "many",
                        loc(14, 1, 6, 0, 4), "Use a number."),
            ]),
        CriterionResult(
            id="pr.headline", title="Headline", severity=Severity.BLOCKER, weight=3,
            status=Status.FAILED, note="headline has 22 words (limit 15)",
            guidance="Name the product.",
            findings=[finding("pr.headline", Severity.BLOCKER, "headline too long", NASTY,
                              loc(1, 3, 0, 0, 40))]),
        CriterionResult(
            id="pr.length", title="Length", severity=Severity.MAJOR, weight=2,
            status=Status.PASSED, score=0.5, note="612 words (warn above 500)",
            findings=[finding("pr.length", Severity.MAJOR, "press release is long", None, None)]),
        CriterionResult(id="faq.present", title="FAQ", severity=Severity.BLOCKER, weight=3,
                        status=Status.PASSED, score=1.0, note="found"),
        CriterionResult(id="pr.solution", title="Solution", severity=Severity.BLOCKER, weight=3,
                        status=Status.NOT_ASSESSED, source="llm",
                        note="judgment criterion: needs the LLM reviewer"),
    ]
    return Review(
        document=DocumentInfo(path="drafts/launch.md", title="Launch *Foo* <img src=x>",
                              type="prfaq", sha256="ab" * 32, words=1234, format=fmt,
                              detection='detected as prfaq: 2 heading(s) matched ("FAQ")'),
        rubric=RubricInfo(id="prfaq", version="abc123def456", title="PR/FAQ", threshold=80),
        score=55.6, verdict=Verdict.NOT_READY, criteria=criteria,
    )


def _tokens(markdown: str) -> list[tuple[str, str]]:
    """Every (token type, content) of the rendered report, inline children included."""
    out: list[tuple[str, str]] = []
    for tok in MarkdownIt("commonmark").enable("table").parse(markdown):
        out.append((tok.type, tok.content))
        out.extend((child.type, child.content) for child in tok.children or [])
    return out


def test_sections_come_in_reading_order() -> None:
    report = render_markdown(_review())
    heads = [line for line in report.splitlines() if line.startswith("#")]
    assert heads[0].startswith("# Pre-review: ")
    assert [h for h in heads if h.startswith("## ")] == [
        "## Top actions", "## Blockers", "## Findings (4)", "## Criteria",
        "## Not assessed (1)",
    ]
    first = report.split("## Top actions")[0]
    assert "**Verdict: NOT READY** (not-ready): 1 blocker failed." in first
    assert "**Score: 55.6 / 100** (threshold 80)" in first
    assert "- Type: prfaq (detected as prfaq: 2 heading(s) matched (\"FAQ\"))" in first
    assert "- Rubric: prfaq (PR/FAQ), version `abc123def456`" in first


def test_findings_grouped_by_criterion_worst_severity_first() -> None:
    report = render_markdown(_review())
    groups = [line for line in report.splitlines() if line.startswith("### ")]
    assert groups == [
        "### pr.headline: Headline (blocker)",
        "### pr.length: Length (major, passed)",
        "### style.weasel-words: Weasel words (minor)",
    ]


def test_blockers_list_the_failed_blockers_only() -> None:
    blockers = render_markdown(_review()).split("## Blockers")[1].split("## Findings")[0]
    assert "**pr.headline** Headline: headline has 22 words (limit 15) (1 finding)" in blockers
    assert "faq.present" not in blockers and "pr.solution" not in blockers


def test_markdown_locations_are_line_and_column() -> None:
    report = render_markdown(_review())
    assert ("- **line 12, col 5** in *Press \\<b\\>release\\</b\\>*: "
            '"significantly" is vague \\') in report
    assert "  `significantly` \\\n  Suggestion: Say by how much." in report
    # a suggestion equal to the criterion's guidance is not repeated per finding
    assert "**line 14, col 1**" in report
    assert report.count("Use a number.") == 1
    assert "- **whole document**: press release is long" in report


def test_docx_locations_are_paragraph_and_chars() -> None:
    report = render_markdown(_review("docx"))
    assert "**paragraph 4, chars 10-23**" in report
    assert "line 12" not in report


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        (Location(line=12, column=5), "line 12, col 5"),
        (Location(line=3), "line 3"),
        (Location(paragraph=4, start=10, end=23), "paragraph 4, chars 10-23"),
        (Location(paragraph=0), "paragraph 0"),
        (Location(block=7), "block 7"),
        (Location(), "whole document"),
        (None, "whole document"),
    ],
)
def test_format_location(location: Location | None, expected: str) -> None:
    assert format_location(location) == expected


def test_criteria_table_and_not_assessed() -> None:
    report = render_markdown(_review())
    table = report.split("## Criteria")[1].split("## Not assessed")[0]
    assert "| pr.headline (Headline) | blocker | 3 | **failed** | 0.00 | 1 |" in table
    assert "| pr.length (Length) | major | 2 | passed | 0.50 | 1 |" in table
    assert "| pr.solution (Solution) | blocker | 3 | not assessed |  | 0 |" in table
    tail = report.split("## Not assessed (1)")[1]
    assert ("- **pr.solution** Solution (blocker): "
            "judgment criterion: needs the LLM reviewer") in tail


def test_document_text_cannot_change_the_report_structure() -> None:
    report = render_markdown(_review())
    tokens = _tokens(report)
    assert not [t for t in tokens if t[0] in ("html_inline", "html_block", "link_open")]
    assert ("code_inline", NASTY) in tokens  # the quote survives verbatim
    headings = [c for t, c in tokens if t == "inline" and c.startswith("Pre-review")]
    assert headings == ["Pre-review: Launch \\*Foo\\* \\<img src=x\\>"]
    # the table still has exactly 7 columns on every row
    rows = [line for line in report.splitlines() if line.startswith("| ")]
    assert all(line.replace("\\|", "").count("|") == 8 for line in rows)


def test_multiline_and_backtick_quotes_go_in_a_longer_fence() -> None:
    quote = "first ```fenced``` line\n# second line"
    report = render_markdown(_review(quote=quote))
    assert "  ````text\n  first ```fenced``` line\n  # second line\n  ````" in report
    fences = [(t, c) for t, c in _tokens(report) if t == "fence"]
    assert fences == [("fence", quote + "\n")]


def test_long_quotes_are_clipped_in_the_report_only() -> None:
    quote = "word " * 300
    review = _review(quote=quote)
    report = render_markdown(review)
    assert quote.strip() not in report
    assert "…" in report
    assert review.findings[0].quote == quote


def test_code_span_and_md_text() -> None:
    assert code_span("plain") == "`plain`"
    assert code_span("a `b` c") == "``a `b` c``"
    assert code_span("`edge`") == "`` `edge` ``"
    assert md_text("a *b* <c>\n# d_e") == "a \\*b\\* \\<c\\> \\# d\\_e"
    assert md_text(None) == ""


def test_clean_review_says_so() -> None:
    review = _review()
    review.criteria = [c for c in review.criteria if c.id == "faq.present"]
    review.verdict, review.score = Verdict.READY, 100.0
    report = render_markdown(review)
    assert ("**Verdict: READY** (ready): "
            "no blocker failed and the score reaches the threshold 80.") in report
    assert "No blocker failed." in report
    assert "## Findings (0)\n\nNo findings." in report
    assert "Every criterion was assessed." in report


def test_engine_review_renders_with_source_locations(
    tiny_rubric: Path, docs: dict[str, Path]
) -> None:
    report = render_markdown(review_path(docs["very"], tiny_rubric))
    assert "**Verdict: NEEDS WORK** (needs-work): score 66.7 is under the threshold 80." in report
    assert "### tiny.no-very: No \"very\" (minor)" in report
    assert '- **line 3, col 30** in *Launch notes*: "very" found \\\n  `very` \\\n' in report
    assert "  Suggestion: Replace \"very\" with a number." in report
    assert "- **tiny.judgment** Needs judgment (major)" in report

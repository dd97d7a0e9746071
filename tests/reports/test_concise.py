"""``-f concise``: one ``path:line:col: severity criterion message`` line per finding."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import review_path
from prereview.reports import render
from prereview.reports.concise import concise_lines, error_line

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_markdown_lines_use_line_and_column(tiny_rubric: Path, docs: dict[str, Path]) -> None:
    review = review_path(docs["tbd"], tiny_rubric)
    assert render(review, "concise") == (
        f"{docs['tbd']}:3:12: blocker tiny.no-tbd \"TBD\" found\n"
        f"{docs['tbd']}:3:35: minor tiny.no-very \"very\" found")


def test_docx_lines_count_paragraphs_and_characters_from_one() -> None:
    review = review_path(SAMPLES / "prfaq-flawed.docx")
    lines = concise_lines(review)
    assert len(lines) == len(review.findings)
    located = [f for f in review.findings
               if f.location is not None and f.location.paragraph is not None
               and f.location.start is not None]
    assert located
    f = located[0]
    assert f.location is not None and f.location.paragraph is not None
    expected = (f"{review.document.path}:{f.location.paragraph + 1}:"
                f"{(f.location.start or 0) + 1}: {f.severity.value} {f.criterion} ")
    assert any(line.startswith(expected) for line in lines)
    assert all("\n" not in line for line in lines)


def test_error_line() -> None:
    assert error_line("a b.md", "empty document\n(no text)") == (
        "a b.md:1:1: error load empty document (no text)")

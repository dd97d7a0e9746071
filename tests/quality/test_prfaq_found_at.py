"""Where a PR/FAQ's parts were found, as a structured field (issue 8, the reading
map): ``found_at`` on every criterion that reads a part, whatever its judgment;
the solution paragraph is located by the rules while its quality stays a
judgment for the LLM reviewer; a problem stated only in the FAQ is found there.
Layout documents written here: a bakery invoicing launch (problem, then
solution) and a library PR/FAQ whose press release is one line and whose
problem is an FAQ answer."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from prereview.engine import run
from prereview.lead import reading_map
from prereview.review import Review, Status

from .support import LAYOUTS, by_id, review_layout

AFTER_PROBLEM = LAYOUTS / "prfaq-solution-after-problem.md"
IN_FAQ = LAYOUTS / "prfaq-solution-in-faq.md"
_SPEC = importlib.util.spec_from_file_location(
    "quality_benchmark", Path(__file__).resolve().parents[2] / "benchmarks" / "quality.py")
assert _SPEC is not None and _SPEC.loader is not None
_QUALITY = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = _QUALITY  # its dataclasses look their module up
_SPEC.loader.exec_module(_QUALITY)
role_reading = _QUALITY.role_reading


def _review(path: Path) -> Review:
    return run(path).review


def test_the_solution_paragraph_after_the_problem_is_located_not_judged() -> None:
    review = _review(AFTER_PROBLEM)
    solution = by_id(review)["pr.solution"]
    assert solution.status == Status.NOT_ASSESSED
    assert solution.kind == "solution"
    assert solution.found_at == ('solution paragraph (line 10): "With Tidewell Ledger, the '
                                 'bakery photographs the delivery note and the invoic..."')
    row = next(r for r in reading_map(review) if r.criterion == "pr.solution")
    assert row.where == solution.found_at + "; not judged (needs the LLM reviewer)"
    assert role_reading(review)["solution"] == "present"


def test_parts_found_say_where_and_parts_missing_do_not() -> None:
    results = {c.id: c for c in _review(AFTER_PROBLEM).criteria}
    assert results["pr.problem"].found_at is not None
    assert "(line 7)" in (results["pr.problem"].found_at or "")
    assert results["pr.dateline"].found_at == "dateline: 'PORTLAND, OR — March 2, 2027'"
    assert "(line 13)" in (results["pr.call-to-action"].found_at or "")
    assert results["pr.leader-quote"].found_at is None
    assert results["pr.leader-quote"].status == Status.FAILED


def test_a_one_line_press_release_states_the_solution_and_the_faq_the_problem() -> None:
    review = _review(IN_FAQ)
    results = {c.id: c for c in review.criteria}
    assert results["pr.solution"].found_at == (
        'solution paragraph (line 3): "Now analysts can draw the five charts they use every '
        'day in one line of code."')
    problem = results["pr.problem"]
    assert problem.status == Status.FAILED and problem.severity.value == "major"
    assert problem.found_at == ("problem paragraph: stated only in the FAQ ('Q: Why another "
                                "charting library?', line 5)")
    read = role_reading(review)
    assert (read["problem"], read["solution"], read["headline"]) == (
        "present", "present", "missing")


def test_the_faq_states_the_solution_when_the_press_release_does_not() -> None:
    review = review_layout("d.md",
        "## PR/FAQ\n\nCharts for analysts.\n\n**Q: Why another charting library?**\n\n"
        "Analysts copy the same thirty lines of plotting code from one notebook to the next "
        "and every copy drifts.\n\n**Q: What is quickchart?**\n\nQuickchart wraps the plotting "
        "calls analysts repeat, so each common chart takes one call.\n")
    solution = by_id(review)["pr.solution"]
    assert solution.found_at == ("solution paragraph: not in the press release; the FAQ states "
                                 "it ('Q: What is quickchart?', line 9)")


def test_no_solution_anywhere_is_not_found() -> None:
    review = review_layout("d.md", "# Acme Pay for florists\n\nFlorists wait a week for their "
                           "money.\n\n## FAQ\n\n### Is it free?\n\nIt costs nine dollars a "
                           "month per shop.\n")
    solution = by_id(review)["pr.solution"]
    assert solution.status == Status.NOT_ASSESSED and solution.found_at is None
    assert role_reading(review)["solution"] == "missing"


def test_an_empty_solution_heading_means_no_solution() -> None:
    review = review_layout("d.md",
        "# Tidewell announces Quickchart\n\n## Describe the problem\n\nAnalysts copy the same "
        "thirty lines of plotting code from one notebook to the next.\n\n"
        "## Explain the approach or solution\n\n## Call to action\n\nVisit quickchart.example "
        "to start.\n\n## FAQ\n\n### Is it free?\n\nYes, for everyone who draws charts.\n")
    solution = by_id(review)["pr.solution"]
    assert solution.found_at is None
    assert role_reading(review)["solution"] == "missing"


def test_the_paragraph_under_a_solution_heading_is_the_solution() -> None:
    review = review_layout("d.md",
        "# Tidewell announces Quickchart\n\n### The Problem\n\nAnalysts copy the same thirty "
        "lines of plotting code from one notebook to the next.\n\n### The Solution\n\n"
        "Each of the five common charts takes one call with sensible defaults.\n\n"
        "## FAQ\n\n### Is it free?\n\nYes, for everyone who draws charts.\n")
    solution = by_id(review)["pr.solution"]
    assert solution.found_at == ('solution paragraph (line 9): "Each of the five common charts '
                                 'takes one call with sensible defaults."')


def test_a_paragraph_about_the_problem_is_not_the_solution() -> None:
    review = review_layout("d.md",
        "# Quickchart draws an analyst's charts in one line\n\n"
        "*Analysts stop copying plotting code between notebooks.*\n\n"
        "SEATTLE, WA — June 1, 2027 — Tidewell today launched Quickchart.\n\n"
        "Analysts waste an afternoon copying plotting code into every notebook.\n\n"
        "It does not end there: every copy drifts, and analysts struggle to match charts.\n\n"
        "Quickchart now wraps the plotting calls analysts repeat, one call per chart.\n\n"
        "## FAQ\n\n### Is it free?\n\nYes, for everyone who draws charts.\n")
    solution = by_id(review)["pr.solution"]
    assert (solution.found_at or "").startswith(
        'solution paragraph (line 11): "Quickchart now wraps')

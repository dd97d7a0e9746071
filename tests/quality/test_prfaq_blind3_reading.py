"""PR/FAQ parts as the third blind reading read them (issue 8, classes 1, 2 and
4): an event that dates the launch ("Ahead of the Summit in May 2027, X
released ...") opens a dated first paragraph; a closing "Availability" section
("available now at ...") is the call to action and says how to get started;
getting started points at a place to go (a link, a command, a store, a sign-up
step), so a sentence on availability ("Freely available training ...") or an
install with nowhere to install from is not it. Layout written here: an
open-source lab notebook's launch closing with an Availability section."""

from __future__ import annotations

from pathlib import Path

import pytest

from prereview.review import CriterionResult, Status

from .support import results_of

CLOSE = Path(__file__).parent / "layouts" / "prfaq-availability-close.md"
HEAD = ("# Tidewell Notes keeps a lab's notebooks searchable\n\n"
        "*Research labs find any experiment in seconds*\n\n")
FAQ = "\n\n## FAQ\n\n### What does it cost?\n\nNothing: it is free for every lab.\n"


def _doc(tmp_path: Path, body: str) -> dict[str, CriterionResult]:
    path = tmp_path / "d.md"
    path.write_text(HEAD + body + FAQ, encoding="utf-8")
    return results_of(path)


def test_an_event_with_its_month_dates_the_launch_but_is_no_dateline() -> None:
    """The labels' reading: a first sentence dated in its prose ("At COP27 in
    November 2022, GSF announced ...") has no dateline; it earns half."""
    dateline = results_of(CLOSE)["pr.dateline"]
    assert (dateline.status, dateline.score) == (Status.FAILED, 0.5)
    assert dateline.note == ("dateline: none; the date 'Ahead of the Open Science Summit in "
                             "May 2027' opens the first paragraph")
    assert dateline.found_at is None


@pytest.mark.parametrize("opening", [
    "Since the Open Science Summit in May 2027, labs have asked for searchable notebooks, "
    "and the Tidewell project released Tidewell Notes.",
    "At the Open Science Summit, labs asked for searchable notebooks; the Tidewell project "
    "released Tidewell Notes.",
])
def test_a_background_date_or_an_undated_event_is_no_dateline(tmp_path: Path,
                                                              opening: str) -> None:
    dateline = _doc(tmp_path, opening)["pr.dateline"]
    assert dateline.status == Status.FAILED and dateline.found_at is None


def test_a_closing_availability_section_is_the_call_to_action_and_the_start() -> None:
    results = results_of(CLOSE)
    expected = ('(line 18): "Tidewell Notes is open source and available now at [repository '
                'URL], with a g..."')
    assert results["pr.call-to-action"].status == Status.PASSED
    assert results["pr.call-to-action"].found_at == (
        "closing paragraph saying where to learn more " + expected)
    assert results["pr.getting-started"].status == Status.PASSED
    assert results["pr.getting-started"].found_at == "paragraph on getting started " + expected


@pytest.mark.parametrize("line", [
    "Freely available training and certification for lab managers accompanies it.",
    "Then you install it and run your first notebook.",
    "Reference: https://example.org/press/notebooks-for-labs",
])
def test_getting_started_needs_a_place_to_go(tmp_path: Path, line: str) -> None:
    started = _doc(tmp_path, "Labs lose weeks searching paper notebooks.\n\n" + line)[
        "pr.getting-started"]
    assert started.status == Status.FAILED and started.found_at is None


@pytest.mark.parametrize("line", [
    "Labs can start today: install it with `pip install tidewell-notes`.",
    "Tidewell Notes is available now on GitHub, with a guide to the first notebook.",
    "Get started by signing up at tidewell.example/notes.",
])
def test_a_link_a_command_or_a_store_is_a_place_to_go(tmp_path: Path, line: str) -> None:
    started = _doc(tmp_path, "Labs lose weeks searching paper notebooks.\n\n" + line)[
        "pr.getting-started"]
    assert started.status == Status.PASSED and started.found_at is not None


def test_the_faq_says_how_someone_becomes_a_member(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    path.write_text(HEAD + "Labs lose weeks searching paper notebooks." + FAQ +
                    "\n### How does a lab become a member?\n\nIt fills in the form on the "
                    "project's page and gets an invitation within a day.\n", encoding="utf-8")
    started = results_of(path)["pr.getting-started"]
    assert started.status == Status.PASSED and started.score == 0.5
    assert started.found_at == ("paragraph on getting started: not in the press release; the "
                                "FAQ answers it ('How does a lab become a member?', line 13)")


@pytest.mark.parametrize("body", [
    # the count of the points that follow is not a quantity
    "Labs face three compounding challenges: lost notebooks, unreadable handwriting and "
    "no search.\n\nWith Tidewell Notes, every entry is searchable the moment it is written.",
    # the neighbour that quantifies is the solution, not the problem
    "Labs lose track of old experiments and struggle to find past results.\n\n"
    "Tidewell Notes provides two key capabilities for labs: search and scanning.",
    # a number in a later paragraph with a problem word is not the problem's number
    "Labs lose track of old experiments and struggle to find past results.\n\n"
    "With Tidewell Notes, setup takes less than 5 minutes and every entry is searchable.",
])
def test_a_problem_with_no_number_of_its_own_is_not_quantified(tmp_path: Path,
                                                               body: str) -> None:
    results = _doc(tmp_path, "SEATTLE, WA — May 3, 2027 — The Tidewell project released "
                             "Tidewell Notes.\n\n" + body)
    assert results["pr.problem"].status == Status.PASSED
    quantified = results["pr.problem-quantified"]
    assert quantified.status == Status.FAILED
    assert quantified.note == "problem paragraph: no number (how many customers, how much time " \
                              "or money)"
    assert (quantified.found_at or "").startswith("problem paragraph (line 7)")


def test_a_problem_with_its_own_number_is_quantified() -> None:
    quantified = results_of(CLOSE)["pr.problem-quantified"]
    assert quantified.status == Status.PASSED
    assert (quantified.found_at or "").startswith("problem paragraph (line 8)")

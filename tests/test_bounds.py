"""Hostile shapes answered in bounded time: no rule, splitter or pattern is
quadratic or backtracks catastrophically, and reports stay linear in findings.

The bounds are generous upper limits, not speed targets: speed is measured by
benchmarks/bench.py. They are on this process's CPU time, not the wall clock, so
other work on a loaded 2-core machine cannot fail them while a quadratic path
(seconds of CPU on these shapes) still does. Each test makes its input.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from prereview import text
from prereview.engine import ReviewRun, run
from prereview.errors import InputError
from prereview.reports.annotate import read_comment_anchors, write_reviewed_docx
from prereview.reports.html import render_html, segments

BOUND_S = 2.0

SHAPES: dict[str, str] = {
    "100k !": "!" * 100_000,
    "100k .": "." * 100_000,
    "100k ?": "?" * 100_000,
    "dots between letters": "a" + "." * 100_000 + "b",
    "dots after a sentence": "Done. " + "." * 100_000 + "x",
    "200k capitals": "A" * 200_000,
    "dotted capitals": "A." * 50_000,
    "run of www. dots": "www." * 50_000,
    "www. then dots": "www." + "." * 100_000 + "x",
    "scheme-like run": "a." * 50_000 + "://",
    "abbreviations": "Dr. " * 25_000,
    "closing brackets": "end." + ")" * 100_000 + "x",
    "ellipses": "…" * 100_000,
    "marks before a long token": "Hi. " + "!" * 100_000 + "x",
}
BIG_SHAPES: dict[str, str] = {
    "2 MB line": "word " * 400_000,
    "2 MB of short lines": "ab cd\n" * 350_000,
    "TODO repeated": "TODO " * 100_000,
}


def _timed(fn: Callable[[], object]) -> float:
    started = time.process_time()
    fn()
    return time.process_time() - started


@pytest.mark.parametrize("name", [*SHAPES, *BIG_SHAPES])
def test_text_utilities_are_linear_on_hostile_shapes(name: str) -> None:
    body = SHAPES.get(name) or BIG_SHAPES[name]
    for fn in (text.sentences, text.words, text.word_count, text.reading_counts):
        text.reading_counts.cache_clear()
        text._sentence_spans.cache_clear()
        assert _timed(lambda: fn(body)) < BOUND_S, fn.__name__  # noqa: B023


@pytest.mark.parametrize("name", list(SHAPES))
def test_engine_reviews_hostile_shapes_in_bounded_time(name: str, tmp_path: Path) -> None:
    path = tmp_path / "shape.md"
    path.write_text("# Shape\n\n" + SHAPES[name] + "\n", encoding="utf-8")
    started = time.process_time()
    result = run(path)
    assert time.process_time() - started < BOUND_S
    assert result.review.document.words >= 1


@pytest.mark.parametrize("name", list(BIG_SHAPES))
def test_engine_refuses_big_shapes_quickly(name: str, tmp_path: Path) -> None:
    path = tmp_path / "shape.md"
    path.write_text("# Shape\n\n" + BIG_SHAPES[name] + "\n", encoding="utf-8")
    started = time.process_time()
    with pytest.raises(InputError, match=r"too large to review \([\d,]+ words; the limit is"):
        run(path)
    assert time.process_time() - started < BOUND_S


def test_sentences_still_split_after_the_bounds() -> None:
    body = "See www.example.com/a. Then Dr. Ruiz left… Why?! " + "X" + "x" * 99 + ". The end"
    assert [body[s:e] for s, e in text.sentences(body)] == [
        "See www.example.com/a.", "Then Dr. Ruiz left…", "Why?!", "X" + "x" * 99 + ".", "The end"]
    assert text.URL_RE.findall("go to https://a.example/x, or www.b.example.") == [
        "https://a.example/x", "www.b.example"]


def test_nearest_occurrence() -> None:
    body = "ab ab ab ab"
    assert text.nearest_occurrence(body, "ab", 0) == 0
    assert text.nearest_occurrence(body, "ab", 4) == 3  # 3 is one away, 6 two
    assert text.nearest_occurrence(body, "ab", 5) == 6  # 6 is one away, 3 two
    assert text.nearest_occurrence(body, "ab", 100) == 9
    assert text.nearest_occurrence(body, "zz", 3) == -1
    assert text.nearest_occurrence("xab", "ab", 2) == 1


def _many_findings(tmp_path: Path, n: int) -> ReviewRun:
    """A review with ``n`` findings in one paragraph, one per "TODO" (the rules
    list at most 50 per criterion, so the rest are copies of the first at each
    further occurrence)."""
    path = tmp_path / f"todo{n}.md"
    path.write_text("# Plan\n\n" + "TODO: write this. " * n + "\n", encoding="utf-8")
    result = run(path)
    criterion = next(c for c in result.review.criteria
                     if any(f.quote == "TODO" for f in c.findings))
    first = next(f for f in criterion.findings if f.quote == "TODO")
    assert first.location is not None and first.location.block is not None
    text = result.document.blocks[first.location.block].text
    starts = [i for i in range(len(text)) if text.startswith("TODO", i)]
    criterion.findings = [
        first.model_copy(update={"location": first.location.model_copy(
            update={"start": s, "end": s + 4, "column": None})}) for s in starts]
    return result


def test_annotation_and_html_are_linear_in_findings(tmp_path: Path) -> None:
    """500 then 2,000 findings in one paragraph: four times the findings may cost
    at most about four times as long (quadratic placement cost sixteen)."""
    costs: dict[int, float] = {}
    for n in (500, 2000):
        result = _many_findings(tmp_path, n)
        assert sum(1 for f in result.review.findings if f.quote == "TODO") == n
        out = tmp_path / f"todo{n}.reviewed.docx"
        best = float("inf")
        for _ in range(3):  # best of three: one slow run on a loaded machine is noise
            started = time.perf_counter()
            annotation = write_reviewed_docx(result.document, result.review, out)
            render_html(result.review, result.document)
            best = min(best, time.perf_counter() - started)
        costs[n] = best
        assert annotation.anchored_quotes >= n
        anchors = read_comment_anchors(out)
        assert sum(1 for a in anchors if a.anchored == "TODO") == n
    assert costs[2000] < 8 * max(costs[500], 0.05), costs
    assert costs[2000] < 30


def test_segments_sweep_matches_overlaps_and_hidden() -> None:
    severity = {"a": "major", "b": "minor", "c": "blocker"}
    got = segments("0123456789", [("a", 0, 5), ("b", 3, 8), ("c", 4, 4)], severity,
                   hidden=[(7, 12)])
    assert [(s.text, s.ids, s.severity, s.hidden) for s in got] == [
        ("012", ["a"], "major", False),
        ("34", ["a", "b"], "major", False),
        ("56", ["b"], "minor", False),
        ("7", ["b"], "minor", True),
        ("89", [], None, True),
    ]

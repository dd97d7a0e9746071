"""The ``review_document`` flow: one document, end to end, as coarse tasks.

It reads like a table of contents; each task calls one plain engine step (the
same steps ``prereview.engine.review_path`` and ``prereview review --fast`` run),
so orchestration overhead stays a few tasks per document, never per rule.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from prereview import engine
from prereview.checks import run_checks
from prereview.document import Document
from prereview.ingest import load_document
from prereview.reports import FORMATS, render_markdown, write_reports
from prereview.review import CriterionResult, Review
from prereview.rubrics import Rubric


@task(name="load", cache_policy=NO_CACHE)
def load(path: str, rubric: str | None) -> tuple[Document, Rubric, str]:
    """Ingest the file (after the input guards) and pick its rubric."""
    document = load_document(path)
    chosen, detection = engine.choose_rubric(document, rubric)
    return document, chosen, detection


@task(name="checks", cache_policy=NO_CACHE)
def checks(document: Document, rubric: Rubric) -> list[CriterionResult]:
    """Every rule criterion of the rubric; judgment ones come back not assessed."""
    return run_checks(document, rubric)


@task(name="score", cache_policy=NO_CACHE)
def score(
    document: Document, rubric: Rubric, detection: str, results: list[CriterionResult],
    timings: dict[str, float],
) -> Review:
    """Score, verdict and the Review record."""
    return engine.assemble(document, rubric, detection, results, timings)


@task(name="write-reports", cache_policy=NO_CACHE)
def write(review: Review, out_dir: str, formats: Sequence[str]) -> list[str]:
    """Report files into ``out_dir``."""
    return [str(p) for p in write_reports(review, out_dir, formats)]


@task(name="publish-artifact", cache_policy=NO_CACHE)
def publish(review: Review) -> None:
    """The Markdown report as a Prefect artifact, readable in the UI."""
    create_markdown_artifact(
        markdown=render_markdown(review),
        key="prereview-report",
        description=f"{review.document.path}: {review.verdict.value} ({review.score:g})",
    )


@flow(name="review-document", log_prints=False, validate_parameters=False)
def review_document(
    path: str | Path,
    rubric: str | None = None,
    out_dir: str | Path | None = None,
    formats: Sequence[str] = FORMATS,
    artifact: bool = False,
) -> Review:
    """Review one .md or .docx file; write reports to ``out_dir`` when given."""
    started = time.perf_counter()
    document, chosen, detection = load(str(path), rubric)
    loaded = time.perf_counter()
    results = checks(document, chosen)
    checked = time.perf_counter()
    review = score(document, chosen, detection, results,
                   {"ingest": loaded - started, "checks": checked - loaded})
    review.timings["scoring"] = time.perf_counter() - checked
    if out_dir is not None:
        write(review, str(out_dir), list(formats))
    if artifact:
        publish(review)
    return review

"""The review pipeline as plain functions: ingest, rubric, checks, scoring.

The Prefect flows call these same steps as tasks; editors, hooks and notebooks
call ``review_path`` directly and never pay for orchestration.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from prereview.checks import run_checks
from prereview.detect import detect_type
from prereview.document import Document
from prereview.ingest import load_document
from prereview.review import CriterionResult, DocumentInfo, Review, RubricInfo
from prereview.rubrics import Rubric, document_types, load_rubric
from prereview.scoring import overall_score, verdict

if TYPE_CHECKING:
    from prereview.reviewer import Executor, ReviewerSettings

def choose_rubric(document: Document, rubric_ref: str | Path | None) -> tuple[Rubric, str]:
    """The rubric asked for, or the one the document's headings point to."""
    if rubric_ref is not None:
        rubric = load_rubric(rubric_ref)
        return rubric, f"rubric '{rubric.id}' chosen with --rubric"
    candidates = [load_rubric(r) for r in document_types()]
    rid, why = detect_type(document, candidates)
    return next(r for r in candidates if r.id == rid), why


def assemble(
    document: Document,
    rubric: Rubric,
    detection: str,
    results: list[CriterionResult],
    timings: dict[str, float] | None = None,
) -> Review:
    """Score the criterion results and wrap them with what was reviewed."""
    score = overall_score(results)
    return Review(
        document=DocumentInfo(
            path=document.path,
            title=document.title,
            type=rubric.doc_type,
            sha256=document.sha256,
            words=document.words,
            format=document.format,
            detection=detection,
        ),
        rubric=RubricInfo(id=rubric.id, version=rubric.version, title=rubric.title,
                          threshold=rubric.threshold),
        score=score,
        verdict=verdict(results, score, rubric.threshold),
        criteria=results,
        timings=dict(timings or {}),
    )


def review_document(
    document: Document,
    rubric: Rubric,
    detection: str = "",
    llm: ReviewerSettings | None = None,
    execute: Executor | None = None,
) -> Review:
    """Rules, then (with ``llm`` settings) the LLM reviewer on the judgment
    criteria, then scoring. ``execute`` runs the reviewer's requests: the plain
    pool by default, the Prefect task runner in the flow."""
    started = time.perf_counter()
    results = run_checks(document, rubric)
    checked = time.perf_counter()
    timings = {"checks": checked - started}
    usage = None
    if llm is not None:
        from prereview.reviewer import llm_review

        judged = llm_review(document, rubric, results, llm, execute)
        results, usage = judged.criteria, judged.usage
        timings["llm"] = time.perf_counter() - checked
    scoring = time.perf_counter()
    review = assemble(document, rubric, detection, results, timings)
    if usage is not None:
        review.llm = usage
    review.timings["scoring"] = time.perf_counter() - scoring
    return review


class ReviewRun(BaseModel):
    """One review with what it read and what it wrote: the reports that show the
    document's text (HTML, SARIF, the annotated .docx) need the Document too."""

    document: Document
    review: Review
    reports: list[str] = Field(default_factory=list)


def load(path: str | Path, rubric_ref: str | Path | None = None) -> tuple[Document, Rubric, str]:
    """Ingest (after the input guards) and pick the rubric."""
    document = load_document(path)
    rubric, detection = choose_rubric(document, rubric_ref)
    return document, rubric, detection


def run(
    path: str | Path,
    rubric_ref: str | Path | None = None,
    llm: ReviewerSettings | None = None,
) -> ReviewRun:
    """Review one file: the whole pipeline without orchestration (rules only
    unless ``llm`` settings are given)."""
    started = time.perf_counter()
    document, rubric, detection = load(path, rubric_ref)
    loaded = time.perf_counter()
    review = review_document(document, rubric, detection, llm)
    review.timings["ingest"] = loaded - started
    return ReviewRun(document=document, review=review)


def review_path(path: str | Path, rubric_ref: str | Path | None = None) -> Review:
    """The Review alone, for notebooks and scripts."""
    return run(path, rubric_ref).review

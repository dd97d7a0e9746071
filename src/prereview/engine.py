"""The review pipeline as plain functions, one per step: load, check, judge, score.

``run`` chains them and keeps the bookkeeping (step timings, LLM usage) in one
place. The Prefect flow passes the same steps wrapped as tasks (``Steps``), so
the flow is those steps and nothing more; editors, hooks and notebooks call
``run`` or ``review_path`` directly and never pay for orchestration.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from prereview.checks import Checked, check_document
from prereview.detect import detect_type
from prereview.document import Document
from prereview.ingest import load_document
from prereview.review import (
    CriterionResult,
    DocumentInfo,
    LLMUsage,
    Review,
    RubricInfo,
    assign_fingerprints,
)
from prereview.rubrics import Rubric, document_types, shared_rubric
from prereview.scoring import overall_score, verdict

if TYPE_CHECKING:
    from prereview.history import Tracking
    from prereview.reviewer import Executor, ReviewerSettings


def choose_rubric(document: Document, rubric_ref: str | Path | None) -> tuple[Rubric, str]:
    """The rubric asked for, or the one the document's headings point to."""
    if rubric_ref is not None:
        rubric = shared_rubric(rubric_ref)
        return rubric, f"rubric '{rubric.id}' chosen with --rubric"
    candidates = [shared_rubric(r) for r in document_types()]  # read-only
    rid, why = detect_type(document, candidates)
    return next(r for r in candidates if r.id == rid), why


def score(
    document: Document,
    rubric: Rubric,
    detection: str,
    results: list[CriterionResult],
    timings: dict[str, float] | None = None,
) -> Review:
    """Step 4: score the criterion results, the verdict, and the Review record
    (fingerprints numbered first: equal quotes of a criterion get their
    occurrence)."""
    assign_fingerprints(results)
    total = overall_score(results)
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
        score=total,
        verdict=verdict(results, total, rubric.threshold),
        criteria=results,
        timings=dict(timings or {}),
    )


def load(path: str | Path, rubric_ref: str | Path | None = None) -> tuple[Document, Rubric, str]:
    """Step 1: ingest (after the input guards) and pick the rubric; the third
    value says why that rubric."""
    document = load_document(path)
    rubric, detection = choose_rubric(document, rubric_ref)
    return document, rubric, detection


def check(document: Document, rubric: Rubric) -> Checked:
    """Step 2: every rule criterion (judgment ones come back not assessed), and
    the redactions the reviewer needs."""
    return check_document(document, rubric)


def judge(
    document: Document,
    rubric: Rubric,
    checked: Checked,
    settings: ReviewerSettings,
    execute: Executor | None = None,
) -> tuple[list[CriterionResult], LLMUsage]:
    """Step 3 (with ``--llm``): the LLM reviewer on the judgment criteria. It never
    raises; a failed reviewer leaves a rule-only review and says why in the usage.
    ``execute`` runs the requests: the plain pool by default, Prefect tasks in the
    flow."""
    from prereview.reviewer import llm_review

    judged = llm_review(document, rubric, checked.results, settings, execute,
                        redactions=checked.redactions)
    return judged.criteria, judged.usage


def history(document: Document, review: Review, tracking: Tracking) -> Review:
    """Step 5, after scoring: settled findings (accepted, suppressed inline), the
    delta from the previous review, recorded in one transaction
    (``prereview.history``); ``--since`` keeps the findings in changed text."""
    from prereview.history import track

    return track(document, review, tracking)


LoadStep = Callable[[str, "str | None"], tuple[Document, Rubric, str]]
CheckStep = Callable[[Document, Rubric], Checked]
JudgeStep = Callable[
    [Document, Rubric, Checked, "ReviewerSettings"],
    tuple[list[CriterionResult], LLMUsage],
]
ScoreStep = Callable[[Document, Rubric, str, list[CriterionResult]], Review]
HistoryStep = Callable[[Document, Review, "Tracking"], Review]


@dataclass(frozen=True)
class Steps:
    """The steps ``run`` chains: these plain functions by default; the flow
    passes the same functions as Prefect tasks."""

    load: LoadStep = load
    check: CheckStep = check
    judge: JudgeStep = judge
    score: ScoreStep = score
    history: HistoryStep = history


class ReviewRun(BaseModel):
    """One review with what it read and what it wrote: the reports that show the
    document's text (HTML, SARIF, the annotated .docx) need the Document too."""

    document: Document
    review: Review
    reports: list[str] = Field(default_factory=list)
    unplaced: dict[str, list[str]] = Field(default_factory=dict)
    """Per report file, the findings it could not place on their text (the
    annotated .docx comments them at their heading or title instead)."""


def run(
    path: str | Path,
    rubric_ref: str | Path | None = None,
    llm: ReviewerSettings | None = None,
    steps: Steps | None = None,
    tracking: Tracking | None = None,
) -> ReviewRun:
    """Review one file: load, check, judge (only with ``llm`` settings), score,
    then (with ``tracking``) the history step, timing each step (``ingest``,
    ``checks``, ``llm``, ``scoring``, ``history``) and keeping the reviewer's
    usage on the Review."""
    steps = steps or Steps()
    clock = time.perf_counter
    started = clock()
    document, rubric, detection = steps.load(str(path), None if rubric_ref is None
                                             else str(rubric_ref))
    loaded = clock()
    checked = steps.check(document, rubric)
    results = checked.results
    checks_done = clock()
    timings = {"ingest": loaded - started, "checks": checks_done - loaded}
    usage: LLMUsage | None = None
    if llm is not None:
        results, usage = steps.judge(document, rubric, checked, llm)
        timings["llm"] = clock() - checks_done
    scoring = clock()
    review = steps.score(document, rubric, detection, results)
    review.timings = {**timings, "scoring": clock() - scoring}
    if usage is not None:
        review.llm = usage
    if tracking is not None:
        tracked = clock()
        review = steps.history(document, review, tracking)
        review.timings["history"] = clock() - tracked
    return ReviewRun(document=document, review=review)


def review_path(path: str | Path, rubric_ref: str | Path | None = None) -> Review:
    """The Review alone, for notebooks and scripts."""
    return run(path, rubric_ref).review

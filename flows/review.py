"""The ``review_document`` flow: one document, end to end, as coarse tasks.

It reads like a table of contents: the engine's steps (load, check, judge,
score) as tasks, chained by ``prereview.engine.run`` (which also keeps the
timings and the LLM usage, as it does for ``prereview review --fast``), then the
reports and artifacts. Orchestration overhead stays a few tasks per document,
never per rule.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from prereview import engine
from prereview.checks import Checked
from prereview.document import Document
from prereview.engine import ReviewRun
from prereview.errors import PrereviewError
from prereview.history import Tracking
from prereview.reports import ReportsWritten, formats_for, render_markdown, write_report_set
from prereview.review import CriterionResult, LLMUsage, Review
from prereview.reviewer import ReviewerSettings, load_settings
from prereview.rubrics import Rubric
from prereview_flows.llm import run_requests_prefect
from prereview_flows.team import label_review, review_submitted


@task(name="load", cache_policy=NO_CACHE)
def load(path: str, rubric: str | None) -> tuple[Document, Rubric, str]:
    """Ingest the file (after the input guards) and pick its rubric."""
    return engine.load(path, rubric)


@task(name="checks", cache_policy=NO_CACHE)
def checks(document: Document, rubric: Rubric) -> Checked:
    """Every rule criterion of the rubric (judgment ones come back not assessed),
    with the redactions the reviewer needs."""
    return engine.check(document, rubric)


def judge(
    document: Document, rubric: Rubric, checked: Checked, settings: ReviewerSettings,
) -> tuple[list[CriterionResult], LLMUsage]:
    """The LLM reviewer on the judgment criteria: one ``llm-request`` task per
    chunk (retried, cached on chunk text + criteria + prompt version + model,
    concurrency-limited). Runs in the flow itself so those tasks are its
    children; it never raises, a failed reviewer leaves a rule-only review."""
    return engine.judge(document, rubric, checked, settings, execute=run_requests_prefect)


@task(name="score", cache_policy=NO_CACHE)
def score(
    document: Document, rubric: Rubric, detection: str, results: list[CriterionResult],
) -> Review:
    """Score, verdict and the Review record."""
    return engine.score(document, rubric, detection, results)


@task(name="history", cache_policy=NO_CACHE)
def history_step(document: Document, review: Review, tracking: Tracking) -> Review:
    """Settle, record and compare with the previous review (the history store)."""
    return engine.history(document, review, tracking)


STEPS = engine.Steps(load=load, check=checks, judge=judge, score=score, history=history_step)
"""The engine's steps, as this flow runs them."""


@task(name="write-reports", cache_policy=NO_CACHE)
def write(
    review: Review, out_dir: str, formats: Sequence[str], document: Document | None = None,
    force: bool = False,
) -> ReportsWritten:
    """Report files into ``out_dir`` (written whole; see ``prereview.outputs``); a
    finding the annotated .docx could not anchor on its text is a warning in the
    flow run's log."""
    written = write_report_set(review, out_dir, formats, document, force=force)
    for path, unplaced in written.unplaced.items():
        get_run_logger().warning("%s: %d finding(s) not anchored on their text: %s",
                                 path, len(unplaced), "; ".join(unplaced))
    return written


def artifact_key(document_path: str, resolve: bool = True) -> str:
    """One key per document (Prefect keeps every version under it): the file's stem
    made key-safe, plus a hash of its absolute path so two drafts named alike in
    different folders stay apart (of the name as given with ``resolve=False``: a
    submitted document's display name, whichever worker reviews it)."""
    resolved = str(Path(document_path).resolve()) if resolve else document_path
    stem = re.sub(r"[^a-z0-9]+", "-", Path(document_path).stem.lower()).strip("-")[:48]
    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:8]
    return f"review-{stem or 'document'}-{digest}"


def criteria_table(review: Review) -> list[dict[str, str | float | int]]:
    return [
        {
            "criterion": c.id,
            "title": c.title,
            "severity": c.severity.value,
            "status": c.status.value,
            "score": round(c.score, 3),
            "weight": c.weight,
            "findings": len(c.findings),
            "note": c.note or "",
        }
        for c in review.criteria
    ]


@task(name="publish-artifacts", cache_policy=NO_CACHE)
def publish(review: Review, key: str | None = None) -> None:
    """The Markdown report and the criterion table as Prefect artifacts, keyed by
    the document (``key``, default from its path) so the UI keeps each
    document's history."""
    key = key or artifact_key(review.document.path)
    summary = f"{review.document.path}: {review.verdict.value} ({review.score:g})"
    create_markdown_artifact(markdown=render_markdown(review), key=key, description=summary)
    create_table_artifact(table=criteria_table(review), key=f"{key}-criteria",
                          description=summary)


@flow(name="review-document", log_prints=False, validate_parameters=False)
def review_document(
    path: str | Path | None = None,
    rubric: str | None = None,
    out_dir: str | Path | None = None,
    formats: Sequence[str] | None = None,
    artifact: bool = True,
    llm: bool = False,
    model: str | None = None,
    force: bool = False,
    history: bool = True,
    doc_id: str | None = None,
    since: str | None = None,
    content: str | None = None,
    name: str | None = None,
    use_cache: bool = True,
) -> ReviewRun:
    """Review one .md or .docx file; write reports to ``out_dir`` when given (the
    formats asked for, default Markdown and JSON, and the annotated copy of a
    .docx). ``llm`` turns on the LLM reviewer (settings from OPENAI_API_KEY,
    OPENAI_BASE_URL, PREREVIEW_MODEL or the config file; ``model`` overrides);
    the key is read here, never passed as a parameter, so it is not recorded.
    ``force`` replaces existing files that are not earlier prereview outputs.
    ``history`` records the review (unless PREREVIEW_HISTORY=0) and adds the
    delta from the previous one; ``doc_id`` and ``since`` as in the CLI.

    For a team's server (``prereview submit``): ``content`` is the document's
    bytes (base64) and ``name`` its display name, instead of ``path``; the
    review is reused from the shared result cache when ``use_cache`` and the
    bytes were reviewed before (see ``prereview_flows.team``)."""
    if content is not None:
        submitted: ReviewRun = review_submitted(content, name or "document.md", rubric, formats,
                                None if out_dir is None else str(out_dir), llm, model, history,
                                doc_id, use_cache, artifact)
        return submitted
    if path is None:
        raise PrereviewError("review_document needs a path or submitted content")
    settings = load_settings(model=model) if llm else None
    tracking = Tracking.from_env(record=history, doc_id=doc_id, since=since)
    result = engine.run(path, rubric, settings, steps=STEPS, tracking=tracking)
    document, review = result.document, result.review
    if out_dir is not None:
        written = write(review, str(out_dir), formats_for(formats, document.format), document,
                        force)
        result.reports = [str(p) for p in written.paths]
        result.unplaced = written.unplaced
    if artifact:
        publish(review)
        label_review(review)
    return result

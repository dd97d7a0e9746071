"""The ``track_revisions`` flow: a document's recorded reviews as Prefect
artifacts (the revision table and the score-trend chart), and the history files
(JSON, HTML page, SVG) when ``out_dir`` is given."""

from __future__ import annotations

import base64
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from prereview.history.chart import trend_svg
from prereview.history.cli import history_files
from prereview.history.queries import DocumentHistory, document_history
from prereview_flows.review import artifact_key


@task(name="load-history", cache_policy=NO_CACHE)
def load_history(document: str) -> DocumentHistory:
    """Every recorded review of the document, oldest first."""
    return document_history(document)


def revision_table(history: DocumentHistory) -> list[dict[str, str | float | int]]:
    return [
        {
            "revision": e.revision,
            "date": e.reviewed_at.strftime("%Y-%m-%d %H:%M"),
            "score": e.score,
            "verdict": e.verdict,
            "resolved": e.resolved,
            "new": e.new,
            "persisting": e.persisting,
            "rubric": f"{e.rubric} {e.rubric_version}",
            "findings": e.findings,
        }
        for e in history.reviews
    ]


@task(name="publish-history", cache_policy=NO_CACHE)
def publish(history: DocumentHistory, svg: str) -> str:
    """The revision table and the trend chart (an inline SVG image) as artifacts;
    returns the artifact key."""
    key: str = artifact_key(history.reviews[-1].path if history.reviews else history.doc_id)
    key = key.replace("review-", "history-", 1)
    last = history.reviews[-1]
    summary = (f"{history.doc_id}: {len(history.reviews)} reviews, "
               f"latest {last.score:g} ({last.verdict})")
    create_table_artifact(table=revision_table(history), key=f"{key}-revisions",
                          description=summary)
    image = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    create_markdown_artifact(
        markdown=f"# Score trend\n\n![score trend](data:image/svg+xml;base64,{image})\n",
        key=f"{key}-trend", description=summary)
    return key


@flow(name="track-revisions", log_prints=False, validate_parameters=False)
def track_revisions(document: str, out_dir: str | Path | None = None) -> DocumentHistory:
    """Publish a document's history (``document``: a reviewed path or its doc_id)."""
    history = load_history(document)
    svg = trend_svg(history)
    publish(history, svg)
    if out_dir is not None:
        history_files(document, Path(out_dir))
    return history

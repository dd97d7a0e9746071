"""The flows as a team service: documents that arrive as bytes, results every
worker can reuse, and runs that say what they reviewed.

- A submitted document (``prereview submit``) is written to a fresh temp folder
  of the worker's, reviewed there and deleted; reports and history show its
  display name, never the worker's temp path, and its history continues under
  its own doc_id (front matter, .docx property) or that name.
- Results are the batch's result cache (``prereview.batch.cache``) under
  ``$PREREVIEW_SHARED_DIR/reviews``: the same bytes under the same rubric
  versions, reviewed by any worker before, are not reviewed again.
- With ``PREREVIEW_SHARED_DIR`` set, reports go to
  ``$PREREVIEW_SHARED_DIR/reports/<flow run id>/`` and the run links them.
- At the end each run is renamed ``review-<title>-<short hash>`` and tagged
  ``type:<document type>`` and ``verdict:<verdict>`` (``reused`` when served from
  the cache), so the UI's filters answer "which PR/FAQs are not ready".
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from prereview import engine
from prereview.batch import Board, cache
from prereview.batch.versions import rubric_versions
from prereview.engine import ReviewRun
from prereview.history import Tracking
from prereview.home import SHARED_ENV, shared_dir
from prereview.reports import formats_for
from prereview.review import Review
from prereview.reviewer import load_settings
from prereview.submission import (
    Submitted,
    batch_run_name,
    materialize,
    recorded_as,
    run_name,
    submitted_doc_id,
)

log = logging.getLogger("prereview.team")
SHARED_FORMATS = ("md", "json", "html")
"""What a submitted run writes to shared storage by default."""


def as_submitted(documents: Iterable[dict[str, str] | Submitted]) -> list[Submitted]:
    return [d if isinstance(d, Submitted) else Submitted(name=str(d["name"]),
                                                        content=str(d["content"]))
            for d in documents]


@contextlib.contextmanager
def run_folder() -> Iterator[Path]:
    """A private, fresh folder for this run's documents, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="prereview-run-") as name:
        yield Path(name)


def _flow_run() -> Any:
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    return context.flow_run if context is not None else None


def shared_reports_dir() -> Path | None:
    """``$PREREVIEW_SHARED_DIR/reports/<flow run id>`` when a shared folder is
    configured (else None: nothing is written unless ``out_dir`` is asked for)."""
    if not os.environ.get(SHARED_ENV, "").strip():
        return None
    run = _flow_run()
    ident = str(run.id) if run is not None else hashlib.sha256(os.urandom(8)).hexdigest()[:16]
    return shared_dir() / "reports" / ident


def label_run(name: str | None, tags: Iterable[str]) -> None:
    """Rename the current flow run and add tags (a finished review knows its
    title, type and verdict; the run was named before). Never fails the run."""
    run = _flow_run()
    if run is None:
        return
    try:
        from prefect.client.orchestration import get_client

        merged = sorted(set(run.tags or []) | set(tags))
        with get_client(sync_client=True) as client:
            client.update_flow_run(run.id, name=name, tags=merged)
    except Exception as exc:  # labels are a courtesy
        log.warning("could not rename or tag flow run %s: %s", run.id, exc)


def review_tags(review: Review, reused: bool = False) -> list[str]:
    tags = [f"type:{review.document.type}", f"verdict:{review.verdict.value}"]
    return [*tags, "reused"] if reused else tags


def label_review(review: Review, reused: bool = False) -> None:
    label_run(run_name(review.document.title, review.document.path, review.document.sha256),
              review_tags(review, reused))


def board_tags(board: Board) -> list[str]:
    rows = [r for r in board.rows if r.status != "skipped"]
    tags = {"batch"} | {f"type:{r.type}" for r in rows if r.type}
    tags |= {f"verdict:{r.verdict.value}" for r in rows if r.verdict is not None}
    if rows and all(r.status == "reused" for r in rows):
        tags.add("reused")
    if any(r.status == "error" for r in rows):
        tags.add("errors")
    return sorted(tags)


def link_reports(key: str, paths: Sequence[str], what: str) -> None:
    """A link artifact per HTML report written to shared storage."""
    from prefect.artifacts import create_link_artifact

    for i, path in enumerate(p for p in paths if p.endswith(".html")):
        create_link_artifact(link=Path(path).resolve().as_uri(), link_text=f"{what} (HTML)",
                             key=f"{key}-html" if i == 0 else f"{key}-html-{i}",
                             description=str(path))


def review_submitted(
    content: str, name: str, rubric: str | None, formats: Sequence[str] | None,
    out_dir: str | None, llm: bool, model: str | None, history: bool, doc_id: str | None,
    use_cache: bool, artifact: bool,
) -> ReviewRun:
    """One submitted document: reused from the shared result cache when its
    bytes were reviewed before, else reviewed by the flow's steps; reports to
    ``out_dir`` or shared storage; artifacts, name and tags."""
    from prereview_flows.review import STEPS, artifact_key, publish, write

    settings = load_settings(model=model) if llm else None
    with run_folder() as root:
        [(path, shown)] = materialize(as_submitted([{"name": name, "content": content}]),
                                      root)
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        key = cache.cache_key(sha, rubric_versions(rubric),
                              settings.model if settings is not None else None)
        cached = cache.load_cached(key, need_document=True) if use_cache else None
        if cached is not None and cached.document is not None:
            run = ReviewRun(document=cached.document, review=cached.review)
            run.document.path = str(path)
        else:
            tracking = Tracking.from_env(record=history,
                                         doc_id=doc_id or submitted_doc_id(path, shown))
            steps = replace(STEPS, history=recorded_as(shown, STEPS.history))
            run = engine.run(path, rubric, settings, steps=steps, tracking=tracking)
            run.review.document.path = shown
            if use_cache and not run.review.llm.error:
                cache.store(key, run.review, run.document)
        run.review.document.path = shown
        target = out_dir or shared_reports_dir()
        if target is not None:
            asked = formats or (SHARED_FORMATS if out_dir is None else None)
            written = write(run.review, str(target),
                            formats_for(list(asked) if asked else None, run.document.format),
                            run.document, False)
            run.reports = [str(p) for p in written.paths]
            run.unplaced = written.unplaced
        run.document.path = shown
    if artifact:
        key = artifact_key(shown, resolve=False)
        publish(run.review, key)
        link_reports(key, run.reports, shown)
    label_review(run.review, reused=cached is not None)
    return run


def materialized_batch(documents: Sequence[dict[str, str]], root: Path) -> dict[str, str]:
    """Write a submitted batch under ``root``; (path, doc_id) for each."""
    written = materialize(as_submitted(documents), root)
    return {str(path): submitted_doc_id(path, shown) for path, shown in written}


def finish_batch(board: Board, out_dir: str | None, artifact: bool) -> None:
    """The board's HTML page next to the documents' reports on shared storage
    (linked from the run), and the run's name and tags."""
    if out_dir is not None and artifact:
        from prereview.batch import write_board

        written = write_board(board, out_dir, ["html", "md", "json"])
        link_reports("review-batch-board", [str(p) for p in written], "readiness board")
    rows = [r for r in board.rows if r.status != "skipped"]
    label_run(batch_run_name([r.path for r in rows]), board_tags(board))

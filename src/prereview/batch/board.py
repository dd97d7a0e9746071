"""The readiness board: one row per document of a batch, least ready first, with
totals per verdict and the criteria that fail most often.

Rows are small (no findings, no document text) so they travel cheaply from
worker processes and Dask workers; the full review stays in its JSON file.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Literal

from pydantic import BaseModel, Field

from prereview import __version__
from prereview.review import SEVERITY_ORDER, VERDICT_ORDER, Review, Severity, Status, Verdict

SCHEMA = "prereview.batch/1"

RowStatus = Literal["reviewed", "reused", "error", "skipped"]
"""``reused``: the cached review of unchanged bytes, rubric and prereview version;
``skipped``: not a Working-Backwards document (``--only-wb``)."""

MAX_ACTIONS = 3
_ACTION_CHARS = 200


class Row(BaseModel):
    path: str
    """Display path, relative to the batch's common folder."""
    file: str
    """The path as opened."""
    status: RowStatus
    error: str | None = None
    """One-line reason for an ``error`` (or ``skipped``) row."""
    title: str | None = None
    type: str | None = None
    rubric: str | None = None
    rubric_version: str | None = None
    score: float | None = None
    verdict: Verdict | None = None
    blockers: list[str] = Field(default_factory=list)
    """Ids of the failed blocker criteria."""
    actions: list[str] = Field(default_factory=list)
    """The top three things to fix, worst first."""
    words: int | None = None
    findings: int = 0
    criteria: dict[str, Status] = Field(default_factory=dict)
    """Criterion id -> status, for the most-failed list and the heat map."""
    previous_score: float | None = None
    change: float | None = None
    """Score now minus the previous review's, when a history store knows it."""
    review_json: str | None = None
    review_html: str | None = None
    reports: list[str] = Field(default_factory=list)
    seconds: float = 0.0
    titles: dict[str, str] = Field(default_factory=dict, exclude=True)
    """Criterion id -> title (for the board's lists; not repeated in each row)."""
    lines: list[str] = Field(default_factory=list, exclude=True)
    """The review's findings as ``-f concise`` lines, when asked for."""


class FailingCriterion(BaseModel):
    id: str
    title: str
    failed: int
    of: int
    """Documents where the criterion was assessed."""


class Board(BaseModel):
    schema_: str = Field(default=SCHEMA, alias="schema")
    prereview: str = __version__
    generated: str = Field(
        default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    )
    rubric: str | None = None
    """The ``--rubric`` asked for (None: detected per document)."""
    out_dir: str | None = None
    """Where each document's review files were written (``--out``)."""
    rows: list[Row] = Field(default_factory=list)
    totals: dict[str, int] = Field(default_factory=dict)
    failing: list[FailingCriterion] = Field(default_factory=list)
    criterion_titles: dict[str, str] = Field(default_factory=dict)
    skipped: list[str] = Field(default_factory=list)
    """Files left out on purpose (lock/temp files, --exclude, not a document)."""
    interrupted: bool = False
    not_reviewed: int = 0
    """Documents never reached because the run was interrupted."""
    elapsed: float = 0.0

    model_config = {"populate_by_name": True}


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    cut = text.find(". ")
    text = text[: cut + 1] if 0 < cut < _ACTION_CHARS else text
    return text if len(text) <= _ACTION_CHARS else text[: _ACTION_CHARS - 1].rstrip() + "…"


def actions_of(review: Review) -> list[str]:
    """What to fix first: failed criteria by severity, then weight, each as its
    title and the first suggestion (or the rubric's guidance)."""
    failed = [c for c in review.criteria if c.status == Status.FAILED]
    failed.sort(key=lambda c: (SEVERITY_ORDER[c.severity], -c.weight, c.id))
    out: list[str] = []
    for c in failed[:MAX_ACTIONS]:
        advice = next((f.suggestion for f in c.findings if f.suggestion), None) or c.guidance
        out.append(f"{c.title}: {_first_sentence(advice)}" if advice else c.title)
    return out


def row_from_review(
    review: Review, path: str, file: str, status: RowStatus, seconds: float = 0.0,
    previous_score: float | None = None,
) -> Row:
    blockers = [c.id for c in review.criteria
                if c.status == Status.FAILED and c.severity == Severity.BLOCKER]
    if previous_score is None and review.history is not None:
        previous_score = review.history.previous_score
    return Row(
        path=path, file=file, status=status, title=review.document.title,
        type=review.document.type, rubric=review.rubric.id,
        rubric_version=review.rubric.version, score=review.score, verdict=review.verdict,
        blockers=blockers, actions=actions_of(review), words=review.document.words,
        findings=len(review.findings), criteria={c.id: c.status for c in review.criteria},
        previous_score=previous_score,
        change=None if previous_score is None else round(review.score - previous_score, 1),
        seconds=seconds,
    )


def criterion_titles(review: Review) -> dict[str, str]:
    return {c.id: c.title for c in review.criteria}


def _readiness(row: Row) -> tuple[int, float, str]:
    """Errors first (someone must look), then not-ready, needs-work, ready; the
    lowest score first within a verdict; skipped rows last."""
    if row.status == "error":
        rank = -len(VERDICT_ORDER)
    elif row.status == "skipped" or row.verdict is None:
        rank = 9
    else:
        rank = -VERDICT_ORDER[row.verdict]
    return rank, row.score if row.score is not None else 0.0, row.path


def build_board(
    rows: list[Row], titles: dict[str, str] | None = None, rubric: str | None = None,
    skipped: list[str] | None = None, interrupted: bool = False, not_reviewed: int = 0,
    elapsed: float = 0.0, out_dir: str | None = None,
) -> Board:
    """Sort the rows and compute the totals and the most-failed criteria."""
    ordered = sorted(rows, key=_readiness)
    totals: Counter[str] = Counter({v.value: 0 for v in Verdict})
    totals.update({"error": 0, "reused": 0})
    for row in ordered:
        if row.status == "error":
            totals["error"] += 1
        elif row.verdict is not None:
            totals[row.verdict.value] += 1
        if row.status == "reused":
            totals["reused"] += 1
        if row.status == "skipped":
            totals["skipped"] += 1
    failed: Counter[str] = Counter()
    assessed: Counter[str] = Counter()
    for row in ordered:
        for cid, status in row.criteria.items():
            if status != Status.NOT_ASSESSED:
                assessed[cid] += 1
            if status == Status.FAILED:
                failed[cid] += 1
    names = dict(titles or {})
    for row in ordered:
        for cid, title in row.titles.items():
            names.setdefault(cid, title)
    failing = [
        FailingCriterion(id=cid, title=names.get(cid, cid), failed=n, of=assessed[cid])
        for cid, n in sorted(failed.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    totals["documents"] = len(ordered)
    return Board(
        rubric=rubric, out_dir=out_dir, rows=ordered, totals=dict(totals), failing=failing,
        criterion_titles=names, skipped=list(skipped or []), interrupted=interrupted,
        not_reviewed=not_reviewed, elapsed=round(elapsed, 3),
    )


def gate_failed(board: Board, fail_on: Verdict | None) -> bool:
    """``--fail-on``: any document at or below the gate, or any error."""
    if fail_on is None:
        return False
    if any(r.status == "error" for r in board.rows):
        return True
    gate = VERDICT_ORDER[fail_on]
    return any(r.verdict is not None and VERDICT_ORDER[r.verdict] >= gate for r in board.rows)

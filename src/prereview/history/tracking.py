"""How a review meets the history (light: no SQLAlchemy import until a review
is recorded, so ``--no-history`` and ``--help`` stay fast)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from prereview.document import Document
from prereview.errors import PrereviewError
from prereview.review import Review

HISTORY_ENV = "PREREVIEW_HISTORY"
PREVIOUS = "PREVIOUS"


def history_enabled() -> bool:
    """``PREREVIEW_HISTORY=0`` turns recording off like ``--no-history``."""
    return os.environ.get(HISTORY_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


@dataclass(frozen=True)
class Tracking:
    """``record`` off is ``--no-history``; ``doc_id`` is ``--doc-id``; ``since``
    is ``--since REF|PREVIOUS``; ``url`` overrides ``PREREVIEW_DATABASE_URL``."""

    record: bool = True
    doc_id: str | None = None
    since: str | None = None
    url: str | None = None

    @classmethod
    def from_env(cls, record: bool = True, doc_id: str | None = None,
                 since: str | None = None) -> Tracking:
        return cls(record=record and history_enabled(), doc_id=doc_id, since=since)


def track(document: Document, review: Review, tracking: Tracking | None = None) -> Review:
    """The history step of every ``prereview review``, after scoring: the review
    as reported (settled, classified, with its ``history`` delta, filtered by
    ``--since``)."""
    from prereview.history.settle import settle
    from prereview.history.since import filter_since, git_block_hashes
    from prereview.history.suppress import parse_suppressions

    tracking = tracking or Tracking()
    old_blocks: list[str] | None = None
    if tracking.record:
        from prereview.history.recorder import record

        review, previous_blocks = record(document, review, tracking.doc_id, tracking.url)
        if tracking.since == PREVIOUS:
            old_blocks = previous_blocks
    else:
        if tracking.since == PREVIOUS:
            raise PrereviewError("--since PREVIOUS needs the history store (not --no-history)")
        review = settle(review, document, parse_suppressions(document), {})
    if tracking.since:
        if tracking.since != PREVIOUS:
            old_blocks = git_block_hashes(document, tracking.since)
        review = filter_since(review, document, tracking.since, old_blocks or [])
    return review

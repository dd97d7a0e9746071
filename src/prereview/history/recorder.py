"""Recording a review: settle its findings (inline suppressions and accepted
fingerprints), store it in one transaction and classify every finding against
the previous review of the same document under the same rubric version."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, and_, case, func, insert, select
from sqlalchemy.orm import Session

from prereview import __version__
from prereview.document import Document
from prereview.history.identity import doc_identity
from prereview.history.models import (
    AcceptedRow,
    Base,
    DocumentRow,
    FindingRow,
    ReviewRow,
    RevisionRow,
    utcnow,
)
from prereview.history.settle import settle
from prereview.history.since import block_hashes
from prereview.history.store import get_engine, transact
from prereview.history.suppress import Suppressions, parse_suppressions
from prereview.review import HistoryInfo, ResolvedFinding, Review


def _table(model: type[Base]) -> Table:
    """A model's table, for Core inserts (no unit of work, no identity map)."""
    return cast(Table, model.__table__)


_FINDINGS = _table(FindingRow)
_FINDING_COLUMNS = tuple(c.key for c in _FINDINGS.columns if not c.primary_key)


def _model(review: Review) -> str:
    return review.llm.model or "" if review.llm.used else ""


def _document(session: Session, key: str, source: str) -> tuple[int, bool]:
    """The document's id, and whether this transaction created it (then it has
    no revision, review or accepted finding yet: nothing to look up)."""
    found = session.scalar(select(DocumentRow.id).where(DocumentRow.doc_key == key))
    if found is not None:
        return found, False
    table = _table(DocumentRow)
    return session.execute(insert(table).values(doc_key=key, key_source=source)
                           .returning(table.c.id)).scalar_one(), True


def revision_values(document: Document) -> dict[str, Any]:
    """A new revision's columns (block hashes and words: computed before the
    transaction, not while holding the store's write lock)."""
    return {"sha256": document.sha256, "path": document.path, "title": document.title,
            "author": document.metadata.get("author") or None, "words": document.words,
            "blocks": block_hashes(document)}


def _revision(session: Session, doc_id: int, values: dict[str, Any],
              new_document: bool) -> tuple[int, int, bool]:
    """(id, number, created) of the document's revision with these bytes."""
    last = 0
    if not new_document:
        found = session.execute(select(RevisionRow.id, RevisionRow.number).where(
            RevisionRow.document_id == doc_id, RevisionRow.sha256 == values["sha256"])).first()
        if found is not None:
            return found.id, found.number, False
        last = session.scalar(select(func.max(RevisionRow.number))
                              .where(RevisionRow.document_id == doc_id)) or 0
    table = _table(RevisionRow)
    new_id = session.execute(insert(table).values(document_id=doc_id, number=last + 1, **values)
                             .returning(table.c.id)).scalar_one()
    return new_id, last + 1, True


def _previous(session: Session, doc_id: int, same: tuple[str, str]) -> ReviewRow | None:
    """The latest review of the document under the same rubric version, else its
    latest under any (one query)."""
    other = case((and_(ReviewRow.rubric_id == same[0], ReviewRow.rubric_version == same[1]), 0),
                 else_=1)
    return session.scalar(select(ReviewRow).join(RevisionRow)
                          .where(RevisionRow.document_id == doc_id)
                          .order_by(other, ReviewRow.id.desc()).limit(1))


def _accepted(session: Session, doc_id: int) -> list[AcceptedRow]:
    """The document's findings accepted and not lapsed."""
    return list(session.scalars(select(AcceptedRow).where(
        AcceptedRow.document_id == doc_id, AcceptedRow.lapsed_at.is_(None))))


def _classify(review: Review, previous: ReviewRow | None, rubric: tuple[str, str],
              info: HistoryInfo) -> Review:
    """Mark each finding new/persisting and list the resolved ones."""
    if previous is None:
        return review
    info.previous_score = previous.score
    if (previous.rubric_id, previous.rubric_version) != rubric:
        info.rubric_changed = (f"{previous.rubric_id} {previous.rubric_version} -> "
                               f"{rubric[0]} {rubric[1]}")
        return review
    before = {f.fingerprint: f for f in previous.findings}
    now = {f.fingerprint for f in review.findings}
    # A finding about a place rather than words (the first paragraph has no
    # dateline) quotes whatever text is there now: same criterion, same message,
    # no exact match on either side is the same finding, persisting, not a
    # resolved one plus a new one.
    unmatched: dict[tuple[str, str], list[FindingRow]] = {}
    for fp, row in before.items():
        if fp not in now:
            unmatched.setdefault((row.criterion, row.message), []).append(row)
    paired: set[str] = set()
    criteria = []
    persisting = new = 0
    for result in review.criteria:
        findings = []
        for f in result.findings:
            change = "persisting"
            if f.fingerprint not in before:
                twins = unmatched.get((f.criterion, f.message))
                if twins:
                    paired.add(twins.pop(0).fingerprint)
                else:
                    change = "new"
            persisting += change == "persisting"
            new += change == "new"
            findings.append(f.model_copy(update={"change": change}))
        criteria.append(result.model_copy(update={"findings": findings}))
    info.new, info.persisting = new, persisting
    gone = [f for fp, f in before.items() if fp not in now and fp not in paired]
    info.resolved = len(gone)
    info.resolved_findings = [ResolvedFinding(criterion=f.criterion, message=f.message,
                                              quote=f.quote, fingerprint=f.fingerprint)
                              for f in gone]
    return review.model_copy(update={"criteria": criteria})


def _record(session: Session, review: Review, suppressions: Suppressions,
            document: Document, revision: dict[str, Any], key: str,
            source: str) -> tuple[Review, list[str]]:
    """Everything the store learns from one review, in the caller's transaction.
    Returns the settled, classified review and the previous revision's blocks.
    A document or revision this transaction created has nothing recorded under
    it, so it is not looked up; new rows are Core inserts (one statement each,
    the findings one executemany: the ORM's flush inserts those one by one on
    SQLite, to read back each new id, which nothing here needs)."""
    doc_id, new_document = _document(session, key, source)
    revision_id, number, new_revision = _revision(session, doc_id, revision, new_document)
    rubric = (review.rubric.id, review.rubric.version)
    accepted = [] if new_document else _accepted(session, doc_id)
    review = settle(review, document, suppressions, {a.fingerprint: a.reason for a in accepted})
    existing = None if new_revision else session.scalar(select(ReviewRow).where(
        ReviewRow.revision_id == revision_id, ReviewRow.rubric_id == rubric[0],
        ReviewRow.rubric_version == rubric[1], ReviewRow.model == _model(review)))
    info = HistoryInfo(revision=number, doc_id=key, doc_id_source=source,
                       recorded=existing is None)
    previous: ReviewRow | None = None
    if existing is not None:
        previous = (session.get(ReviewRow, existing.previous_review_id)
                    if existing.previous_review_id is not None else None)
    elif not new_document:
        previous = _previous(session, doc_id, rubric)
    if previous is not None:
        info.previous_revision = previous.revision.number
    review = _classify(review, previous, rubric, info)
    info.accepted = sum(1 for f in review.findings if f.settled == "accepted")
    info.suppressed = sum(1 for f in review.findings if f.settled == "suppressed")
    review = review.model_copy(update={"history": info})
    old_blocks: list[str] = []
    if info.previous_revision is not None and previous is not None:
        old_blocks = list(previous.revision.blocks)
    if existing is not None:
        # The same draft again: no second row, but a settlement made since (an
        # accepted finding) shows in the recorded score.
        existing.score, existing.verdict = review.score, review.verdict.value
        existing.criteria = {c.id: c.status.value for c in review.criteria}
        settled = {f.fingerprint: f.settled for f in review.findings}
        for stored in existing.findings:
            stored.settled = settled.get(stored.fingerprint, stored.settled)
        return review, old_blocks
    reviews = _table(ReviewRow)
    review_id = session.execute(insert(reviews).values(
        revision_id=revision_id, rubric_id=rubric[0], rubric_version=rubric[1],
        prereview_version=__version__, model=_model(review), score=review.score,
        verdict=review.verdict.value, criteria={c.id: c.status.value for c in review.criteria},
        previous_review_id=previous.id if previous is not None else None,
        resolved=info.resolved, new=info.new, persisting=info.persisting,
        delta={"rubric_changed": info.rubric_changed,
               "resolved": [r.model_dump() for r in info.resolved_findings]},
    ).returning(reviews.c.id)).scalar_one()
    findings = [
        FindingRow(review_id=review_id, position=i, criterion=f.criterion,
                   severity=f.severity.value, source=f.source, message=f.message, quote=f.quote,
                   anchor=f.location.model_dump(exclude_none=True) if f.location else None,
                   fingerprint=f.fingerprint, change=f.change, settled=f.settled)
        for i, f in enumerate(review.findings)
    ]
    if findings:  # one executemany of the rows' columns, not the ORM's flush
        session.execute(insert(_FINDINGS), [{k: getattr(row, k) for k in _FINDING_COLUMNS}
                                            for row in findings])
    present = {f.fingerprint for f in review.findings}
    for acc in accepted:
        if acc.fingerprint not in present:
            acc.lapsed_at = utcnow()
    return review, old_blocks


def record(document: Document, review: Review, doc_id: str | None,
           url: str | None) -> tuple[Review, list[str]]:
    """Record one review in one transaction (retried on a concurrent insert):
    the settled, classified review and the previous revision's block hashes."""
    key, source = doc_identity(document, doc_id)
    # what only needs the document (its file read again, hashed blocks): before
    # the transaction, so not while holding the store's write lock
    suppressions = parse_suppressions(document)
    revision = revision_values(document)
    return transact(get_engine(url), lambda s: _record(s, review, suppressions, document,
                                                       revision, key, source))

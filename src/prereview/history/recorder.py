"""Recording a review: settle its findings (inline suppressions and accepted
fingerprints), store it in one transaction and classify every finding against
the previous review of the same document under the same rubric version."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prereview import __version__
from prereview.document import Document
from prereview.history.identity import doc_identity
from prereview.history.models import (
    AcceptedRow,
    DocumentRow,
    FindingRow,
    ReviewRow,
    RevisionRow,
    utcnow,
)
from prereview.history.settle import settle
from prereview.history.since import block_hashes
from prereview.history.store import get_engine, transact
from prereview.history.suppress import parse_suppressions
from prereview.review import HistoryInfo, ResolvedFinding, Review


def _model(review: Review) -> str:
    return review.llm.model or "" if review.llm.used else ""


def _document(session: Session, key: str, source: str) -> DocumentRow:
    row = session.scalar(select(DocumentRow).where(DocumentRow.doc_key == key))
    if row is None:
        row = DocumentRow(doc_key=key, key_source=source)
        session.add(row)
        session.flush()
    return row


def _revision(session: Session, doc: DocumentRow, document: Document) -> tuple[RevisionRow, bool]:
    row = session.scalar(select(RevisionRow).where(
        RevisionRow.document_id == doc.id, RevisionRow.sha256 == document.sha256))
    if row is not None:
        return row, False
    last = session.scalar(select(func.max(RevisionRow.number))
                          .where(RevisionRow.document_id == doc.id)) or 0
    row = RevisionRow(document_id=doc.id, number=last + 1, sha256=document.sha256,
                      path=document.path, title=document.title,
                      author=document.metadata.get("author") or None, words=document.words,
                      blocks=block_hashes(document))
    session.add(row)
    session.flush()
    return row, True


def _previous(session: Session, doc: DocumentRow,
              same: tuple[str, str] | None) -> ReviewRow | None:
    query = (select(ReviewRow).join(RevisionRow)
             .where(RevisionRow.document_id == doc.id))
    if same is not None:
        query = query.where(ReviewRow.rubric_id == same[0], ReviewRow.rubric_version == same[1])
    return session.scalar(query.order_by(ReviewRow.id.desc()).limit(1))


def _accepted(session: Session, doc: DocumentRow) -> dict[str, str]:
    rows = session.scalars(select(AcceptedRow).where(
        AcceptedRow.document_id == doc.id, AcceptedRow.lapsed_at.is_(None)))
    return {r.fingerprint: r.reason for r in rows}


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


def _record(session: Session, review: Review, document: Document,
            key: str, source: str) -> tuple[Review, list[str]]:
    """Everything the store learns from one review, in the caller's transaction.
    Returns the settled, classified review and the previous revision's blocks."""
    doc = _document(session, key, source)
    revision, _ = _revision(session, doc, document)
    rubric = (review.rubric.id, review.rubric.version)
    suppressions = parse_suppressions(document)
    review = settle(review, document, suppressions, _accepted(session, doc))
    existing = session.scalar(select(ReviewRow).where(
        ReviewRow.revision_id == revision.id, ReviewRow.rubric_id == rubric[0],
        ReviewRow.rubric_version == rubric[1], ReviewRow.model == _model(review)))
    info = HistoryInfo(revision=revision.number, doc_id=key, doc_id_source=source,
                       recorded=existing is None)
    previous: ReviewRow | None
    if existing is not None:
        previous = (session.get(ReviewRow, existing.previous_review_id)
                    if existing.previous_review_id is not None else None)
    else:
        previous = (_previous(session, doc, rubric)
                    or _previous(session, doc, None))
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
    row = ReviewRow(
        revision_id=revision.id, rubric_id=rubric[0], rubric_version=rubric[1],
        prereview_version=__version__, model=_model(review), score=review.score,
        verdict=review.verdict.value, criteria={c.id: c.status.value for c in review.criteria},
        previous_review_id=previous.id if previous is not None else None,
        resolved=info.resolved, new=info.new, persisting=info.persisting,
        delta={"rubric_changed": info.rubric_changed,
               "resolved": [r.model_dump() for r in info.resolved_findings]},
    )
    row.findings = [
        FindingRow(position=i, criterion=f.criterion, severity=f.severity.value,
                   source=f.source, message=f.message, quote=f.quote,
                   anchor=f.location.model_dump(exclude_none=True) if f.location else None,
                   fingerprint=f.fingerprint, change=f.change, settled=f.settled)
        for i, f in enumerate(review.findings)
    ]
    session.add(row)
    present = {f.fingerprint for f in review.findings}
    for acc in session.scalars(select(AcceptedRow).where(
            AcceptedRow.document_id == doc.id, AcceptedRow.lapsed_at.is_(None))):
        if acc.fingerprint not in present:
            acc.lapsed_at = utcnow()
    return review, old_blocks


def record(document: Document, review: Review, doc_id: str | None,
           url: str | None) -> tuple[Review, list[str]]:
    """Record one review in one transaction (retried on a concurrent insert):
    the settled, classified review and the previous revision's block hashes."""
    key, source = doc_identity(document, doc_id)
    return transact(get_engine(url), lambda s: _record(s, review, document, key, source))

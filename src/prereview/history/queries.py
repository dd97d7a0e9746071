"""Reading the history back: a document's reviews over time, its previous score
(for the batch board), and settling a finding (``prereview accept``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session, selectinload

from prereview.errors import PrereviewError
from prereview.history.models import AcceptedRow, DocumentRow, FindingRow, ReviewRow, RevisionRow
from prereview.history.store import get_engine, read, transact
from prereview.review import Review

if TYPE_CHECKING:
    from prereview.document import Document


class ReviewEntry(BaseModel):
    """One row of ``prereview history``."""

    revision: int
    reviewed_at: datetime
    sha256: str
    path: str
    title: str
    author: str | None
    rubric: str
    rubric_version: str
    model: str
    score: float
    verdict: str
    resolved: int
    new: int
    persisting: int
    findings: int
    rubric_changed: str | None = None
    criteria: dict[str, str] = Field(default_factory=dict)


class DocumentHistory(BaseModel):
    doc_id: str
    doc_id_source: str
    reviews: list[ReviewEntry]

    @property
    def criterion_ids(self) -> list[str]:
        """Every criterion seen, in first-seen order."""
        seen: dict[str, None] = {}
        for entry in self.reviews:
            seen.update(dict.fromkeys(entry.criteria))
        return list(seen)


def _find_document(session: Session, ref: str,
                   identity: str | None = None) -> DocumentRow | None:
    """A document by its doc_id, by a file's identity (front matter, .docx
    property, resolved path; ``identity`` when the caller has read the file
    already, else the file is read again), or by a path it was reviewed at."""
    row = session.scalar(select(DocumentRow).where(DocumentRow.doc_key == ref))
    if row is not None:
        return row
    path = Path(ref)
    if identity is not None:
        if identity != ref:
            row = session.scalar(select(DocumentRow).where(DocumentRow.doc_key == identity))
            if row is not None:
                return row
    elif path.is_file():
        key = _file_identity(path)
        row = session.scalar(select(DocumentRow).where(DocumentRow.doc_key == key))
        if row is not None:
            return row
    resolved = str(path.resolve())
    return session.scalar(
        select(DocumentRow).join(RevisionRow)
        .where(RevisionRow.path.in_([ref, resolved]))
        .order_by(RevisionRow.id.desc()).limit(1))


def _file_identity(path: Path) -> str:
    """The identity a file is recorded under (front matter, .docx property,
    resolved path), read from the file; its resolved path when it cannot be read."""
    from prereview.history.identity import doc_identity
    from prereview.ingest import load_document

    try:
        return doc_identity(load_document(path))[0]
    except PrereviewError:
        return str(path.resolve())


def document_history(ref: str, url: str | None = None) -> DocumentHistory:
    """Every recorded review of a document, oldest first; unknown: PrereviewError."""
    def work(session: Session) -> DocumentHistory:
        doc = _find_document(session, ref)
        if doc is None:
            raise PrereviewError(f"{ref}: no recorded review of this document")
        rows = session.scalars(
            select(ReviewRow).join(RevisionRow).where(RevisionRow.document_id == doc.id)
            .options(selectinload(ReviewRow.revision), selectinload(ReviewRow.findings))
            .order_by(ReviewRow.id)).all()
        entries = [
            ReviewEntry(
                revision=r.revision.number, reviewed_at=r.created_at, sha256=r.revision.sha256,
                path=r.revision.path, title=r.revision.title, author=r.revision.author,
                rubric=r.rubric_id, rubric_version=r.rubric_version, model=r.model,
                score=r.score, verdict=r.verdict, resolved=r.resolved, new=r.new,
                persisting=r.persisting, findings=len(r.findings),
                rubric_changed=(r.delta or {}).get("rubric_changed"), criteria=dict(r.criteria),
            )
            for r in rows
        ]
        return DocumentHistory(doc_id=doc.doc_key, doc_id_source=doc.key_source,
                               reviews=entries)

    return transact(get_engine(url), work)


def previous_score(doc_key: str | Review, current_sha256: str | None = None,
                   url: str | None = None, document: Document | None = None) -> float | None:
    """The score of the latest recorded review of ``doc_key`` (a doc_id or a
    file's path), or None: the batch board's change column. With
    ``current_sha256`` (the draft just reviewed), the latest review of another
    revision, so calling it after recording still gives the previous draft.
    Given a Review (the batch board's provider call), its doc_id or path and its
    bytes' hash are used; with the reviewed ``document`` too, its identity is
    taken from it instead of reading and parsing the file again (the board asks
    once per document: the second parse was most of a batch's overhead)."""
    identity: str | None = None
    known = False  # doc_key is the store's own key (a recorded review's doc_id)
    if isinstance(doc_key, Review):
        review = doc_key
        current_sha256 = current_sha256 or review.document.sha256
        known = bool(review.history and review.history.doc_id)
        doc_key = (review.history.doc_id if review.history and review.history.doc_id
                   else review.document.path)
        if document is not None and not known:
            from prereview.history.identity import doc_identity

            identity = doc_identity(document)[0]
    ref: str = doc_key
    keys = [ref] if identity is None or identity == ref else [ref, identity]
    # a path alone: the file's own identity, read only when the path is no key
    from_file = identity is None and not known and Path(ref).is_file()
    return read(get_engine(url), lambda connection: _previous(
        connection, keys, ref, current_sha256, from_file))


def _previous(connection: Connection, keys: list[str], ref: str,
              current_sha256: str | None, from_file: bool = False) -> float | None:
    """``previous_score`` in Core statements, found as ``_find_document`` finds a
    document: by its keys (the first that matches wins), with ``from_file`` then
    by the identity read from the file at ``ref``, else by a path it was reviewed
    at; then its latest review of another revision."""
    docs, revisions, reviews = (DocumentRow.__table__, RevisionRow.__table__,
                                ReviewRow.__table__)

    def by_keys(wanted: list[str]) -> int | None:
        found = connection.execute(
            select(docs.c.id, docs.c.doc_key).where(docs.c.doc_key.in_(wanted))).all()
        ids = {row.doc_key: row.id for row in found}
        return next((ids[k] for k in wanted if k in ids), None)

    doc_id = by_keys(keys)
    if doc_id is None and from_file:
        doc_id = by_keys([_file_identity(Path(ref))])
    if doc_id is None:
        doc_id = connection.execute(
            select(revisions.c.document_id)
            .where(revisions.c.path.in_([ref, str(Path(ref).resolve())]))
            .order_by(revisions.c.id.desc()).limit(1)).scalar()
    if doc_id is None:
        return None
    query = (select(reviews.c.score).join(revisions, reviews.c.revision_id == revisions.c.id)
             .where(revisions.c.document_id == doc_id))
    if current_sha256 is not None:
        query = query.where(revisions.c.sha256 != current_sha256)
    score = connection.execute(query.order_by(reviews.c.id.desc()).limit(1)).scalar()
    return None if score is None else float(score)


class Accepted(BaseModel):
    doc_id: str
    fingerprint: str
    criterion: str
    message: str
    reason: str


def accept(fingerprint: str, reason: str, doc: str | None = None,
           url: str | None = None) -> list[Accepted]:
    """Record that the author answered the finding ``fingerprint`` (in ``doc``,
    else in every document whose latest review has it): later reviews show it as
    accepted and leave it out of the score while it persists."""
    fingerprint = fingerprint.strip().lower()
    if not reason.strip():
        raise PrereviewError("accept: --reason must say why the finding is settled")

    def work(session: Session) -> list[Accepted]:
        docs: list[DocumentRow]
        if doc is not None:
            found = _find_document(session, doc)
            if found is None:
                raise PrereviewError(f"{doc}: no recorded review of this document")
            docs = [found]
        else:
            docs = list(session.scalars(
                select(DocumentRow).join(RevisionRow).join(ReviewRow).join(FindingRow)
                .where(FindingRow.fingerprint == fingerprint).distinct()))
        out: list[Accepted] = []
        for d in docs:
            latest = session.scalar(
                select(ReviewRow).join(RevisionRow).where(RevisionRow.document_id == d.id)
                .order_by(ReviewRow.id.desc()).limit(1))
            finding = next((f for f in (latest.findings if latest else [])
                            if f.fingerprint == fingerprint), None)
            if finding is None:
                continue
            row = session.scalar(select(AcceptedRow).where(
                AcceptedRow.document_id == d.id, AcceptedRow.fingerprint == fingerprint))
            if row is None:
                row = AcceptedRow(document_id=d.id, fingerprint=fingerprint,
                                  criterion=finding.criterion, reason=reason.strip())
                session.add(row)
            else:
                row.reason, row.lapsed_at = reason.strip(), None
            out.append(Accepted(doc_id=d.doc_key, fingerprint=fingerprint,
                                criterion=finding.criterion, message=finding.message,
                                reason=reason.strip()))
        if not out:
            where = f" of {doc}" if doc else ""
            raise PrereviewError(
                f"accept: no finding {fingerprint} in the latest recorded review{where}")
        return out

    return transact(get_engine(url), work)

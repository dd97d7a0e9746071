"""The history store's tables as SQLAlchemy 2 models.

The Alembic migrations in ``migrations/versions`` are the schema's source of truth
(each frozen as written); these models must match the head revision, which
``tests/history/test_migrations.py`` checks.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    """One document across its drafts, found again by ``doc_key``."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_key: Mapped[str] = mapped_column(String(1024), unique=True)
    key_source: Mapped[str] = mapped_column(String(32))
    """Where the key came from: option, front-matter, docx-property, docx-identifier, path."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revisions: Mapped[list[RevisionRow]] = relationship(
        back_populates="document", order_by="RevisionRow.number")


class RevisionRow(Base):
    """One draft: the bytes' hash, and the normalised text of each block (hashed)
    so ``--since PREVIOUS`` can tell changed text from unchanged."""

    __tablename__ = "revisions"
    __table_args__ = (
        UniqueConstraint("document_id", "sha256", name="uq_revisions_document_sha256"),
        UniqueConstraint("document_id", "number", name="uq_revisions_document_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    number: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(Text, nullable=True)
    words: Mapped[int] = mapped_column(default=0)
    blocks: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    document: Mapped[DocumentRow] = relationship(back_populates="revisions")
    reviews: Mapped[list[ReviewRow]] = relationship(back_populates="revision")


class ReviewRow(Base):
    """One review of one revision under one rubric version (and model): the
    score, verdict, per-criterion status and the delta from the previous one."""

    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("revision_id", "rubric_id", "rubric_version", "model",
                         name="uq_reviews_revision_rubric_model"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    rubric_id: Mapped[str] = mapped_column(String(200))
    rubric_version: Mapped[str] = mapped_column(String(100))
    prereview_version: Mapped[str] = mapped_column(String(50))
    model: Mapped[str] = mapped_column(String(200), default="")
    """The LLM model name, '' for a rules-only review (never a key or a URL)."""
    score: Mapped[float] = mapped_column(Float)
    verdict: Mapped[str] = mapped_column(String(20))
    criteria: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    """Criterion id -> status."""
    previous_review_id: Mapped[int | None] = mapped_column(
        ForeignKey("reviews.id", ondelete="SET NULL"), nullable=True)
    resolved: Mapped[int] = mapped_column(default=0)
    new: Mapped[int] = mapped_column(default=0)
    persisting: Mapped[int] = mapped_column(default=0)
    delta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """What the counts summarise: the resolved findings, a rubric change."""
    revision: Mapped[RevisionRow] = relationship(back_populates="reviews")
    findings: Mapped[list[FindingRow]] = relationship(
        back_populates="review", order_by="FindingRow.position", cascade="all, delete-orphan")


class FindingRow(Base):
    __tablename__ = "findings"
    __table_args__ = (Index("ix_findings_fingerprint", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    criterion: Mapped[str] = mapped_column(String(200))
    severity: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(10), default="rule")
    message: Mapped[str] = mapped_column(Text)
    quote: Mapped[str | None] = mapped_column(Text, nullable=True)
    anchor: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    change: Mapped[str | None] = mapped_column(String(20), nullable=True)
    """new / persisting against the previous review; None without one."""
    settled: Mapped[str | None] = mapped_column(String(20), nullable=True)
    """accepted / suppressed."""
    review: Mapped[ReviewRow] = relationship(back_populates="findings")


class AcceptedRow(Base):
    """A finding the author answered (``prereview accept``): kept out of the score
    while its fingerprint persists; ``lapsed_at`` set once a review no longer has it."""

    __tablename__ = "accepted_findings"
    __table_args__ = (
        UniqueConstraint("document_id", "fingerprint", name="uq_accepted_document_fingerprint"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    fingerprint: Mapped[str] = mapped_column(String(64))
    criterion: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text)
    accepted_at: Mapped[datetime] = mapped_column(default=utcnow)
    lapsed_at: Mapped[datetime | None] = mapped_column(nullable=True)

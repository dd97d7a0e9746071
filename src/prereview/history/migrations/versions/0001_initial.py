"""Schema revision 1: documents, revisions, reviews, findings.

Frozen as first shipped: never edit; add a revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_key", sa.String(1024), nullable=False, unique=True),
        sa.Column("key_source", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer,
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=True),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("blocks", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("document_id", "sha256", name="uq_revisions_document_sha256"),
        sa.UniqueConstraint("document_id", "number", name="uq_revisions_document_number"),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("revision_id", sa.Integer,
                  sa.ForeignKey("revisions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("rubric_id", sa.String(200), nullable=False),
        sa.Column("rubric_version", sa.String(100), nullable=False),
        sa.Column("prereview_version", sa.String(50), nullable=False),
        sa.Column("model", sa.String(200), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("criteria", sa.JSON, nullable=False),
        sa.Column("previous_review_id", sa.Integer,
                  sa.ForeignKey("reviews.id", ondelete="SET NULL"), nullable=True),
        sa.Column("resolved", sa.Integer, nullable=False),
        sa.Column("new", sa.Integer, nullable=False),
        sa.Column("persisting", sa.Integer, nullable=False),
        sa.Column("delta", sa.JSON, nullable=False),
        sa.UniqueConstraint("revision_id", "rubric_id", "rubric_version", "model",
                            name="uq_reviews_revision_rubric_model"),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("review_id", sa.Integer,
                  sa.ForeignKey("reviews.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("criterion", sa.String(200), nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("quote", sa.Text, nullable=True),
        sa.Column("anchor", sa.JSON, nullable=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("change", sa.String(20), nullable=True),
        sa.Column("settled", sa.String(20), nullable=True),
    )
    op.create_index("ix_findings_review_id", "findings", ["review_id"])
    op.create_index("ix_findings_fingerprint", "findings", ["fingerprint"])


def downgrade() -> None:
    op.drop_table("findings")
    op.drop_table("reviews")
    op.drop_table("revisions")
    op.drop_table("documents")

"""Schema revision 2: accepted findings (``prereview accept``).

Frozen as shipped: never edit; add a revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accepted_findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer,
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("criterion", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("accepted_at", sa.DateTime, nullable=False),
        sa.Column("lapsed_at", sa.DateTime, nullable=True),
        sa.UniqueConstraint("document_id", "fingerprint",
                            name="uq_accepted_document_fingerprint"),
    )


def downgrade() -> None:
    op.drop_table("accepted_findings")

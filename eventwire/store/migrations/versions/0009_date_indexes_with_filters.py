"""canonical_events: the date and (type, date) indexes also hold n_sources and confidence

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28

Counting the events of a date range (and types) with a minimum of sources or confidence visited every
row of the range to test those two columns; with them in the index the count reads the index alone.
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("canonical_events", schema=None) as batch_op:
        batch_op.drop_index("ix_canonical_date")
        batch_op.drop_index("ix_canonical_type_date")
        batch_op.create_index("ix_canonical_date_filters", ["date", "n_sources", "confidence"], unique=False)
        batch_op.create_index(
            "ix_canonical_type_date_filters", ["type", "date", "n_sources", "confidence"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("canonical_events", schema=None) as batch_op:
        batch_op.drop_index("ix_canonical_type_date_filters")
        batch_op.drop_index("ix_canonical_date_filters")
        batch_op.create_index("ix_canonical_type_date", ["type", "date"], unique=False)
        batch_op.create_index("ix_canonical_date", ["date"], unique=False)

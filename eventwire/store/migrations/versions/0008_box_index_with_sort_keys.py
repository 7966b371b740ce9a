"""canonical_events: the (lat, lon) index also holds date and id

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28

A bounding box read through this index used to fetch every matching row to sort it by date; with the
sort keys in the index, the page is sorted from the index and only its own records are read.
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("canonical_events", schema=None) as batch_op:
        batch_op.drop_index("ix_canonical_lat_lon")
        batch_op.create_index("ix_canonical_lat_lon_date_id", ["lat", "lon", "date", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("canonical_events", schema=None) as batch_op:
        batch_op.drop_index("ix_canonical_lat_lon_date_id")
        batch_op.create_index("ix_canonical_lat_lon", ["lat", "lon"], unique=False)

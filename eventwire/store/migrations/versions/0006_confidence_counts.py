"""canonical_confidence: counts per day, week and month, type and confidence band; (confidence, date, type) index

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28

A timeline filtered by `min_confidence` grouped every matching event (half a second on a million).
canonical_confidence counts the dated canonical events of every country per grain (day, week, month),
band (int(confidence * 20), clamped to 0..20), bucket start and type, and the part of one band above
or below a threshold is counted from a covering index on canonical_events (confidence, date, type).
The table is derived data, filled here from canonical_events with the SQL of `confidence.rebuild`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _sql(postgres: bool) -> tuple[str, str, str]:
    """The band of `confidence`, and the week and month of `start`, per dialect."""
    if postgres:
        return (
            "CAST(floor(least(greatest(confidence * 20, 0), 20)) AS INTEGER)",
            "CAST(date_trunc('week', start) AS DATE)",
            "CAST(date_trunc('month', start) AS DATE)",
        )
    return (
        "CAST(min(max(confidence * 20, 0), 20) AS INTEGER)",
        "date(start, 'weekday 0', '-6 days')",
        "date(start, 'start of month')",
    )


def upgrade() -> None:
    op.create_table(
        "canonical_confidence",
        sa.Column("grain", sa.String(length=8), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("grain", "band", "start", "type"),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("canonical_events", schema=None) as batch_op:
        batch_op.create_index("ix_canonical_confidence_date_type", ["confidence", "date", "type"])
    band, week, month = _sql(op.get_bind().dialect.name == "postgresql")
    op.execute(
        "INSERT INTO canonical_confidence (grain, band, start, type, n) "
        f"SELECT 'day', {band}, date, type, count(*) FROM canonical_events "
        f"WHERE date IS NOT NULL GROUP BY {band}, date, type"
    )
    for grain, start in (("week", week), ("month", month)):
        op.execute(
            "INSERT INTO canonical_confidence (grain, band, start, type, n) "
            f"SELECT '{grain}', band, {start}, type, sum(n) FROM canonical_confidence "
            f"WHERE grain = 'day' GROUP BY band, {start}, type"
        )


def downgrade() -> None:
    with op.batch_alter_table("canonical_events", schema=None) as batch_op:
        batch_op.drop_index("ix_canonical_confidence_date_type")
    op.drop_table("canonical_confidence")

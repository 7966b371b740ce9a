"""daily, weekly and monthly counts per country; indexes for sorting one type by confidence or sources

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28

canonical_daily gains a country column ("" counts every event) and the week and month of its day, so
a country's timeline and total read its daily rows instead of every event of the country, and weekly
or monthly buckets are grouped without computing a date per row; canonical_periods keeps the same counts
per week and month, so a timeline of whole weeks or months over years reads thousands of rows, not
tens of thousands. Both are derived data, recreated and refilled from canonical_events and
canonical_countries.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _buckets(postgres: bool) -> tuple[str, str]:
    if postgres:
        return "CAST(date_trunc('week', date) AS DATE)", "CAST(date_trunc('month', date) AS DATE)"
    return "date(date, 'weekday 0', '-6 days')", "date(date, 'start of month')"


def upgrade() -> None:
    op.drop_table("canonical_daily")
    op.create_table(
        "canonical_daily",
        sa.Column("country", sa.String(length=8), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("country", "date", "type"),
    )
    op.create_index("ix_canonical_daily_cover", "canonical_daily", ["country", "date", "type", "week", "month", "n"])
    week, month = _buckets(op.get_bind().dialect.name == "postgresql")
    op.execute(
        "INSERT INTO canonical_daily (country, date, type, week, month, n) "
        f"SELECT country, date, type, {week}, {month}, n FROM ("
        "SELECT '' AS country, date, type, count(*) AS n FROM canonical_events "
        "WHERE date IS NOT NULL GROUP BY date, type "
        "UNION ALL SELECT country, date, type, count(*) FROM canonical_countries "
        "WHERE date IS NOT NULL GROUP BY country, date, type) per_day"
    )
    op.create_table(
        "canonical_periods",
        sa.Column("country", sa.String(length=8), nullable=False),
        sa.Column("grain", sa.String(length=8), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("country", "grain", "start", "type"),
        sqlite_with_rowid=False,
    )
    op.execute(
        "INSERT INTO canonical_periods (country, grain, start, type, n) "
        "SELECT country, 'week', week, type, sum(n) FROM canonical_daily GROUP BY country, week, type "
        "UNION ALL SELECT country, 'month', month, type, sum(n) FROM canonical_daily GROUP BY country, month, type"
    )
    with op.batch_alter_table("canonical_events", schema=None) as batch_op:
        batch_op.create_index("ix_canonical_type_confidence_id", ["type", "confidence", "id"])
        batch_op.create_index("ix_canonical_type_n_sources_id", ["type", "n_sources", "id"])


def downgrade() -> None:
    with op.batch_alter_table("canonical_events", schema=None) as batch_op:
        batch_op.drop_index("ix_canonical_type_n_sources_id")
        batch_op.drop_index("ix_canonical_type_confidence_id")
    op.drop_table("canonical_periods")
    op.rename_table("canonical_daily", "canonical_daily_by_country")
    op.create_table(
        "canonical_daily",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("date", "type"),
    )
    op.execute(
        "INSERT INTO canonical_daily (date, type, n) SELECT date, type, n FROM canonical_daily_by_country "
        "WHERE country = ''"
    )
    op.drop_table("canonical_daily_by_country")

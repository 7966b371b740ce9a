"""deduplication state (LSH bands of articles, blocking keys of events) and what the watcher processed

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28

The dedup tables are derived data: a database upgraded from 0002 starts with them empty, so
articles ingested from then on find no near-duplicate candidates among older ones until
`eventwire dedup --rebuild` fills them from the stored articles and events.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_bands",
        sa.Column("article_id", sa.String(length=128), nullable=False),
        sa.Column("band", sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "band"),
    )
    with op.batch_alter_table("article_bands", schema=None) as batch_op:
        batch_op.create_index("ix_article_bands_band", ["band"], unique=False)

    op.create_table(
        "dedup_keys",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=False),
        sa.Column("article_id", sa.String(length=128), nullable=False),
        sa.Column("family", sa.String(length=16), nullable=False),
        sa.Column("lo", sa.Integer(), nullable=True),
        sa.Column("hi", sa.Integer(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("cell", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("event_id", "country"),
    )
    with op.batch_alter_table("dedup_keys", schema=None) as batch_op:
        batch_op.create_index("ix_dedup_keys_block", ["family", "country", "lo"], unique=False)
        batch_op.create_index("ix_dedup_keys_family_lo", ["family", "lo"], unique=False)
        batch_op.create_index("ix_dedup_keys_article_id", ["article_id"], unique=False)

    op.create_table(
        "watch_files",
        sa.Column("path", sa.String(length=1024), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("mtime_ns", sa.BigInteger(), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("path"),
    )
    op.create_table(
        "watch_feeds",
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("polled_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("url"),
    )


def downgrade() -> None:
    op.drop_table("watch_feeds")
    op.drop_table("watch_files")
    with op.batch_alter_table("dedup_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_dedup_keys_article_id")
        batch_op.drop_index("ix_dedup_keys_family_lo")
        batch_op.drop_index("ix_dedup_keys_block")
    op.drop_table("dedup_keys")
    with op.batch_alter_table("article_bands", schema=None) as batch_op:
        batch_op.drop_index("ix_article_bands_band")
    op.drop_table("article_bands")

"""dedup_keys: one row per blocking key ("c:" country or "g:" grid cell) instead of per country

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28

Events are now filed under every country and 1° grid cell their account may be at, so candidates are
found with one `key IN (...)` lookup. The table holds derived data: it is recreated empty, and
`eventwire dedup --rebuild` refills it (until then, articles ingested later are compared only with
each other and with what they reach through the stored canonical events).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dedup_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_dedup_keys_article_id")
        batch_op.drop_index("ix_dedup_keys_family_lo")
        batch_op.drop_index("ix_dedup_keys_block")
    op.drop_table("dedup_keys")
    op.create_table(
        "dedup_keys",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=24), nullable=False),
        sa.Column("article_id", sa.String(length=128), nullable=False),
        sa.Column("family", sa.String(length=16), nullable=False),
        sa.Column("lo", sa.Integer(), nullable=True),
        sa.Column("hi", sa.Integer(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("event_id", "key"),
    )
    with op.batch_alter_table("dedup_keys", schema=None) as batch_op:
        batch_op.create_index("ix_dedup_keys_block", ["family", "key", "lo"], unique=False)
        batch_op.create_index("ix_dedup_keys_article_id", ["article_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("dedup_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_dedup_keys_article_id")
        batch_op.drop_index("ix_dedup_keys_block")
    op.drop_table("dedup_keys")
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

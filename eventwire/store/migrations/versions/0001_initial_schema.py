"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27
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
        "articles",
        sa.Column("id", sa.String(length=128), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("duplicate_of", sa.String(length=128), nullable=True),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index("ix_articles_content_hash", ["content_hash"], unique=False)
        batch_op.create_index("ix_articles_duplicate_of", ["duplicate_of"], unique=False)
        batch_op.create_index("ix_articles_published", ["published"], unique=False)

    op.create_table(
        "canonical_events",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=False),
        sa.Column("actor_code", sa.String(length=8), nullable=True),
        sa.Column("actor_sector", sa.String(length=8), nullable=True),
        sa.Column("recipient_code", sa.String(length=8), nullable=True),
        sa.Column("recipient_sector", sa.String(length=8), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("loc_country", sa.String(length=3), nullable=True),
        sa.Column("loc_feature", sa.String(length=16), nullable=True),
        sa.Column("dead", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("cameo", sa.String(length=8), nullable=True),
        sa.Column("acled_event_type", sa.String(length=64), nullable=True),
        sa.Column("acled_sub_event_type", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("first_reported", sa.Date(), nullable=True),
        sa.Column("last_reported", sa.Date(), nullable=True),
        sa.Column("story_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("canonical_events", schema=None) as batch_op:
        batch_op.create_index("ix_canonical_actor_code_date", ["actor_code", "date"], unique=False)
        batch_op.create_index("ix_canonical_date", ["date"], unique=False)
        batch_op.create_index("ix_canonical_lat_lon", ["lat", "lon"], unique=False)
        batch_op.create_index("ix_canonical_loc_country_date", ["loc_country", "date"], unique=False)
        batch_op.create_index("ix_canonical_n_sources", ["n_sources"], unique=False)
        batch_op.create_index("ix_canonical_story_id", ["story_id"], unique=False)
        batch_op.create_index("ix_canonical_type_date", ["type", "date"], unique=False)

    op.create_table(
        "canonical_sources",
        sa.Column("canonical_id", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("canonical_id", "event_id"),
    )
    with op.batch_alter_table("canonical_sources", schema=None) as batch_op:
        batch_op.create_index("ix_canonical_sources_article_id", ["article_id"], unique=False)
        batch_op.create_index("ix_canonical_sources_event_id", ["event_id"], unique=False)

    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("command", sa.String(length=32), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("n_read", sa.Integer(), nullable=False),
        sa.Column("n_stored", sa.Integer(), nullable=False),
        sa.Column("n_skipped", sa.Integer(), nullable=False),
        sa.Column("n_failed", sa.Integer(), nullable=False),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "counts",
        sa.Column("article_id", sa.String(length=128), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("what", sa.String(length=32), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("qualifier", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "ordinal"),
    )
    with op.batch_alter_table("counts", schema=None) as batch_op:
        batch_op.create_index("ix_counts_what", ["what"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.String(length=128), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=False),
        sa.Column("actor_code", sa.String(length=8), nullable=True),
        sa.Column("actor_sector", sa.String(length=8), nullable=True),
        sa.Column("recipient_code", sa.String(length=8), nullable=True),
        sa.Column("recipient_sector", sa.String(length=8), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("loc_country", sa.String(length=3), nullable=True),
        sa.Column("loc_feature", sa.String(length=16), nullable=True),
        sa.Column("dead", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("cameo", sa.String(length=8), nullable=True),
        sa.Column("acled_event_type", sa.String(length=64), nullable=True),
        sa.Column("acled_sub_event_type", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("canonical_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_article_id", ["article_id"], unique=False)
        batch_op.create_index("ix_events_canonical_id", ["canonical_id"], unique=False)
        batch_op.create_index("ix_events_date", ["date"], unique=False)
        batch_op.create_index("ix_events_type_date", ["type", "date"], unique=False)

    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["ingest_runs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ingest_errors", schema=None) as batch_op:
        batch_op.create_index("ix_ingest_errors_run_id", ["run_id"], unique=False)

    op.create_table(
        "places",
        sa.Column("article_id", sa.String(length=128), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geonames_id", sa.Integer(), nullable=True),
        sa.Column("country_code", sa.String(length=3), nullable=True),
        sa.Column("feature", sa.String(length=16), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "ordinal"),
    )
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.create_index("ix_places_country_code", ["country_code"], unique=False)
        batch_op.create_index("ix_places_name", ["name"], unique=False)

    op.create_table(
        "quotes",
        sa.Column("article_id", sa.String(length=128), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("speaker_start", sa.Integer(), nullable=True),
        sa.Column("speaker_end", sa.Integer(), nullable=True),
        sa.Column("speaker_code", sa.String(length=8), nullable=True),
        sa.Column("speaker_sector", sa.String(length=8), nullable=True),
        sa.Column("verb", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "ordinal"),
    )


def downgrade() -> None:
    op.drop_table("quotes")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_index("ix_places_name")
        batch_op.drop_index("ix_places_country_code")

    op.drop_table("places")
    with op.batch_alter_table("ingest_errors", schema=None) as batch_op:
        batch_op.drop_index("ix_ingest_errors_run_id")

    op.drop_table("ingest_errors")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_type_date")
        batch_op.drop_index("ix_events_date")
        batch_op.drop_index("ix_events_canonical_id")
        batch_op.drop_index("ix_events_article_id")

    op.drop_table("events")
    with op.batch_alter_table("counts", schema=None) as batch_op:
        batch_op.drop_index("ix_counts_what")

    op.drop_table("counts")
    op.drop_table("stories")
    op.drop_table("ingest_runs")
    with op.batch_alter_table("canonical_sources", schema=None) as batch_op:
        batch_op.drop_index("ix_canonical_sources_event_id")
        batch_op.drop_index("ix_canonical_sources_article_id")

    op.drop_table("canonical_sources")
    with op.batch_alter_table("canonical_events", schema=None) as batch_op:
        batch_op.drop_index("ix_canonical_type_date")
        batch_op.drop_index("ix_canonical_story_id")
        batch_op.drop_index("ix_canonical_n_sources")
        batch_op.drop_index("ix_canonical_loc_country_date")
        batch_op.drop_index("ix_canonical_lat_lon")
        batch_op.drop_index("ix_canonical_date")
        batch_op.drop_index("ix_canonical_actor_code_date")

    op.drop_table("canonical_events")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_published")
        batch_op.drop_index("ix_articles_duplicate_of")
        batch_op.drop_index("ix_articles_content_hash")

    op.drop_table("articles")

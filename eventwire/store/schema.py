"""The database schema (SQLAlchemy 2 Core). Alembic migrations in `migrations/` create and evolve it.

Filterable fields of events are denormalised into columns (with indexes for every API filter);
the full record is kept as JSON in `record`, so what goes in comes out unchanged.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

ID = String(128)

articles = Table(
    "articles",
    metadata,
    Column("id", ID, primary_key=True),
    Column("title", Text),
    Column("url", Text),
    Column("published", Date),
    Column("text", Text, nullable=False),
    Column("source", Text),
    Column("language", String(8)),
    Column("flags", JSON, nullable=False, default=list),
    Column("content_hash", String(64), nullable=False),
    # Set by deduplication when this article is a near-copy (syndication, correction) of another.
    Column("duplicate_of", ID),
    Column("n_events", Integer, nullable=False, default=0),
    Column("warnings", JSON, nullable=False, default=list),
    Column("run_id", Integer),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_articles_published", "published"),
    Index("ix_articles_content_hash", "content_hash"),
    Index("ix_articles_duplicate_of", "duplicate_of"),
)


def _event_columns() -> list[Column]:
    """Columns shared by per-article events and canonical events (the filterable part of a record)."""
    return [
        Column("type", String(16), nullable=False),
        Column("date", Date),
        Column("date_precision", String(16), nullable=False),
        Column("actor_code", String(8)),
        Column("actor_sector", String(8)),
        Column("recipient_code", String(8)),
        Column("recipient_sector", String(8)),
        Column("lat", Float),
        Column("lon", Float),
        Column("loc_country", String(3)),
        Column("loc_feature", String(16)),
        Column("dead", Integer),
        Column("injured", Integer),
        Column("confidence", Float, nullable=False),
        Column("cameo", String(8)),
        Column("acled_event_type", String(64)),
        Column("acled_sub_event_type", String(64)),
        Column("text", Text, nullable=False),
        Column("record", JSON, nullable=False),
    ]


events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    *_event_columns(),
    Column("canonical_id", String(64)),
    Index("ix_events_article_id", "article_id"),
    Index("ix_events_canonical_id", "canonical_id"),
    Index("ix_events_type_date", "type", "date"),
    Index("ix_events_date", "date"),
)

places = Table(
    "places",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonames_id", Integer),
    Column("country_code", String(3)),
    Column("feature", String(16)),
    Column("score", Float, nullable=False),
    Index("ix_places_name", "name"),
    Index("ix_places_country_code", "country_code"),
)

counts = Table(
    "counts",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("what", String(32), nullable=False),
    Column("n", Integer, nullable=False),
    Column("qualifier", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Index("ix_counts_what", "what"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_code", String(8)),
    Column("speaker_sector", String(8)),
    Column("verb", String(32)),
)

canonical_events = Table(
    "canonical_events",
    metadata,
    Column("id", String(64), primary_key=True),
    *_event_columns(),
    Column("n_sources", Integer, nullable=False),
    Column("first_reported", Date),
    Column("last_reported", Date),
    Column("story_id", String(64)),
    # With the number of sources and the confidence, a capped count of dates and types filtered by
    # them reads the index alone.
    Index("ix_canonical_date_filters", "date", "n_sources", "confidence"),
    Index("ix_canonical_type_date_filters", "type", "date", "n_sources", "confidence"),
    Index("ix_canonical_loc_country_date", "loc_country", "date"),
    Index("ix_canonical_actor_code_date", "actor_code", "date"),
    Index("ix_canonical_story_id", "story_id"),
    Index("ix_canonical_n_sources", "n_sources"),
    # With the sort keys, a box's page is sorted from the index alone.
    Index("ix_canonical_lat_lon_date_id", "lat", "lon", "date", "id"),
)

canonical_sources = Table(
    "canonical_sources",
    metadata,
    Column("canonical_id", String(64), primary_key=True),
    Column("event_id", String(64), primary_key=True),
    Column("article_id", ID, nullable=False),
    Index("ix_canonical_sources_event_id", "event_id"),
    Index("ix_canonical_sources_article_id", "article_id"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text, nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("n_events", Integer, nullable=False),
    Column("record", JSON, nullable=False),
)

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(32), nullable=False),
    Column("sources", JSON, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(16), nullable=False),
    Column("n_read", Integer, nullable=False, default=0),
    Column("n_stored", Integer, nullable=False, default=0),
    Column("n_skipped", Integer, nullable=False, default=0),
    Column("n_failed", Integer, nullable=False, default=0),
    Column("n_events", Integer, nullable=False, default=0),
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("ingest_runs.id", ondelete="CASCADE")),
    Column("source", Text, nullable=False),
    Column("line", Integer),
    Column("kind", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_ingest_errors_run_id", "run_id"),
)

# -- deduplication state (eventwire/dedup): derived from the rows above, rebuilt by `eventwire dedup --rebuild`.

# LSH band keys of each article's MinHash: articles sharing a key are near-duplicate candidates.
article_bands = Table(
    "article_bands",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("band", String(24), primary_key=True),
    Index("ix_article_bands_band", "band"),
)

# Blocking keys of each per-article event as last clustered: one row per key ("c:" and a country it is
# filed under, "g:" and the 1° grid cell of a place it may be at, with that place's coordinates).
# No foreign key to events on purpose: when a re-ingest replaces an article's events, the old keys
# tell the incremental update which neighbours to recluster.
dedup_keys = Table(
    "dedup_keys",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("key", String(24), primary_key=True),
    Column("article_id", ID, nullable=False),
    Column("family", String(16), nullable=False),
    Column("lo", Integer),
    Column("hi", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Index("ix_dedup_keys_block", "family", "key", "lo"),
    Index("ix_dedup_keys_article_id", "article_id"),
)

# What `eventwire ingest --watch` has processed, so a restart does not redo it.
watch_files = Table(
    "watch_files",
    metadata,
    Column("path", String(1024), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("mtime_ns", BigInteger, nullable=False),
    Column("processed_at", DateTime(timezone=True), nullable=False),
)

watch_feeds = Table(
    "watch_feeds",
    metadata,
    Column("url", String(2048), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("polled_at", DateTime(timezone=True), nullable=False),
)

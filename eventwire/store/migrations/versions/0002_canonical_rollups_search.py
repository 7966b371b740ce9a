"""derived tables for the API: daily counts, per-country index, full-text search; keyset indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

See eventwire/store/rollup.py for what each table answers. The full-text index is dialect-specific
(FTS5 on SQLite, tsvector + GIN on PostgreSQL), so it is written in SQL here. Existing canonical
events are indexed at the end; the statements are spelled out rather than imported so that this
revision keeps meaning the same thing when the code moves on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SQLITE_ACTORS = " || ' ' || ".join(
    f"""(SELECT coalesce(group_concat(coalesce(json_extract(a.value, '$.entity_text'), '') || ' ' ||
    coalesce(json_extract(a.value, '$.code'), ''), ' '), '') FROM json_each(canonical_events.record, '$.{role}') a)"""
    for role in ("actor", "recipient")
)
_PG_ACTORS = " || ' ' || ".join(
    f"""(SELECT coalesce(string_agg(coalesce(a ->> 'entity_text', '') || ' ' || coalesce(a ->> 'code', ''), ' '), '')
    FROM json_array_elements(canonical_events.record -> '{role}') a)"""
    for role in ("actor", "recipient")
)


def upgrade() -> None:
    op.create_table(
        "canonical_daily",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("date", "type"),
    )
    op.create_table(
        "canonical_countries",
        sa.Column("canonical_id", sa.String(length=64), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("canonical_id", "country"),
    )
    with op.batch_alter_table("canonical_countries", schema=None) as batch_op:
        batch_op.create_index("ix_canonical_countries_date", ["country", "date", "canonical_id", "type"])
        batch_op.create_index("ix_canonical_countries_type_date", ["country", "type", "date", "canonical_id"])
    with op.batch_alter_table("canonical_events", schema=None) as batch_op:
        batch_op.create_index("ix_canonical_date_id", ["date", "id"])
        batch_op.create_index("ix_canonical_type_date_id", ["type", "date", "id"])
        batch_op.create_index("ix_canonical_confidence_id", ["confidence", "id"])
        batch_op.create_index("ix_canonical_n_sources_id", ["n_sources", "id"])

    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("CREATE TABLE canonical_search (canonical_id VARCHAR(64) PRIMARY KEY, document TSVECTOR NOT NULL)")
        op.execute("CREATE INDEX ix_canonical_search_document ON canonical_search USING gin (document)")
    else:
        op.execute(
            "CREATE TABLE canonical_search_keys (key INTEGER PRIMARY KEY, canonical_id VARCHAR(64) NOT NULL UNIQUE)"
        )
        # porter: "killed" finds "kill"; remove_diacritics: "Bogota" finds "Bogotá".
        op.execute(
            "CREATE VIRTUAL TABLE canonical_search USING fts5("
            "evidence, actors, tokenize = 'porter unicode61 remove_diacritics 2')"
        )

    op.execute(
        "INSERT INTO canonical_daily (date, type, n) SELECT date, type, count(*) FROM canonical_events "
        "WHERE date IS NOT NULL GROUP BY date, type"
    )
    op.execute(
        "INSERT INTO canonical_countries (canonical_id, country, type, date) "
        "SELECT id, actor_code, type, date FROM canonical_events WHERE actor_code IS NOT NULL "
        "UNION SELECT id, recipient_code, type, date FROM canonical_events WHERE recipient_code IS NOT NULL "
        "UNION SELECT id, loc_country, type, date FROM canonical_events WHERE loc_country IS NOT NULL"
    )
    if postgres:
        op.execute(
            "INSERT INTO canonical_search (canonical_id, document) SELECT id, "
            f"setweight(to_tsvector('simple', {_PG_ACTORS}), 'A') || setweight(to_tsvector('english', text), 'B') "
            "FROM canonical_events"
        )
    else:
        op.execute("INSERT INTO canonical_search_keys (canonical_id) SELECT id FROM canonical_events")
        op.execute(
            "INSERT INTO canonical_search (rowid, evidence, actors) "
            f"SELECT k.key, canonical_events.text, {_SQLITE_ACTORS} "
            "FROM canonical_events JOIN canonical_search_keys k ON k.canonical_id = canonical_events.id"
        )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS canonical_search")
    op.execute("DROP TABLE IF EXISTS canonical_search_keys")
    with op.batch_alter_table("canonical_events", schema=None) as batch_op:
        batch_op.drop_index("ix_canonical_n_sources_id")
        batch_op.drop_index("ix_canonical_confidence_id")
        batch_op.drop_index("ix_canonical_type_date_id")
        batch_op.drop_index("ix_canonical_date_id")
    op.drop_table("canonical_countries")
    op.drop_table("canonical_daily")

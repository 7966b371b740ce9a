"""canonical_search (SQLite): full-text rowids in date order

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28

An event's FTS5 rowid (its canonical_search_keys.key) becomes its date's ordinal times 2**32 plus its
number within the day, undated events from 0: the index then hands out matches newest (or oldest)
first, and a date-sorted search list reads one page of matches instead of collecting all of them.
The index is filled again with the new keys. PostgreSQL's tsvector table has no rowids: unchanged.
The statements are spelled out so this revision keeps meaning the same thing when the code moves on.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_SQLITE_ACTORS = " || ' ' || ".join(
    f"""(SELECT coalesce(group_concat(coalesce(json_extract(a.value, '$.entity_text'), '') || ' ' ||
    coalesce(json_extract(a.value, '$.code'), ''), ' '), '') FROM json_each(canonical_events.record, '$.{role}') a)"""
    for role in ("actor", "recipient")
)


def _refill(keys: str) -> None:
    op.execute("DELETE FROM canonical_search")
    op.execute("DELETE FROM canonical_search_keys")
    op.execute(f"INSERT INTO canonical_search_keys (key, canonical_id) {keys}")
    op.execute(
        "INSERT INTO canonical_search (rowid, evidence, actors) "
        f"SELECT k.key, canonical_events.text, {_SQLITE_ACTORS} "
        "FROM canonical_events JOIN canonical_search_keys k ON k.canonical_id = canonical_events.id"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _refill(
        "SELECT coalesce(CAST(julianday(date) - 1721424.5 AS INTEGER) << 32, 0) "
        "+ row_number() OVER (PARTITION BY date ORDER BY id) - 1, id FROM canonical_events"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _refill("SELECT row_number() OVER (ORDER BY id), id FROM canonical_events")

"""Tables derived from canonical events, kept in step with them inside every canonical write.

A million canonical events cannot be counted, grouped by week or searched row by row within a
dashboard's patience, so these structures answer those questions instead:

- `canonical_daily` counts dated canonical events per (country, date, type), with the day's week and
  month beside it, and country "" counting every event: the timeline and the `total` of any filter
  made only of dates, types and a country read at most a few tens of thousands of rows instead of a
  million, grouped by a stored bucket rather than a date computed per row;
- `canonical_periods` holds the same counts per week and per month, so a timeline of whole weeks or
  months reads a few thousand rows however many years it spans (partial buckets at the edges of a
  date range come from the daily rows);
- `canonical_confidence` (in `confidence.py`) counts dated events of every country per day, week or
  month, type and confidence band (twentieths), so a timeline with `min_confidence` reads counts plus
  at most half a band of a (confidence, date, type) index;
- `canonical_countries` has one row per (event, country it involves — first actor, first recipient
  or location, the same three columns as `EventFilter.country`), with its type and date, so a country
  filter walks an index in date order instead of OR-ing three columns;
- `canonical_search` is the full-text index over the evidence sentence and the actors' names and
  codes: an FTS5 table on SQLite (with `canonical_search_keys` mapping its integer rowids to event
  ids) and a tsvector table with a GIN index on PostgreSQL. On SQLite the rowid of an event is its
  date's ordinal times 2**32 plus a number within the day (`search_key_base`), so the index itself
  hands out matches newest first and a search list stops after one page instead of sorting every
  match. Being dialect-specific it is created by
  the migration in SQL and left out of the SQLAlchemy model.

`Store.replace_canonical` calls `apply` before it deletes and inserts, in the same transaction, so the
derived rows can never disagree with the events. `rebuild` recomputes everything set-wise after a bulk
load that bypassed the Store.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Connection,
    Date,
    Index,
    Integer,
    String,
    Table,
    and_,
    bindparam,
    cast,
    column,
    delete,
    func,
    literal,
    literal_column,
    select,
    table,
    text,
    union,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from eventwire.store import confidence, schema
from eventwire.store.rows import chunks

ce = schema.canonical_events

ALL_COUNTRIES = ""  # the country of canonical_daily rows that count every event

canonical_daily = Table(
    "canonical_daily",
    schema.metadata,
    Column("country", String(8), primary_key=True),
    Column("date", Date, primary_key=True),
    Column("type", String(16), primary_key=True),
    Column("week", Date, nullable=False),  # Monday of the ISO week
    Column("month", Date, nullable=False),  # first day of the month
    Column("n", Integer, nullable=False),
    # Every column, so a country's rows are read from the index alone (they lie all over the table).
    Index("ix_canonical_daily_cover", "country", "date", "type", "week", "month", "n"),
)

Grain = Literal["week", "month"]

canonical_periods = Table(
    "canonical_periods",
    schema.metadata,
    Column("country", String(8), primary_key=True),
    Column("grain", String(8), primary_key=True),  # week | month
    Column("start", Date, primary_key=True),  # the bucket's first day
    Column("type", String(16), primary_key=True),
    Column("n", Integer, nullable=False),
    # Clustered on the key on SQLite, so a country's buckets are read in one sweep.
    sqlite_with_rowid=False,
)

canonical_countries = Table(
    "canonical_countries",
    schema.metadata,
    Column("canonical_id", String(64), primary_key=True),
    Column("country", String(8), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("date", Date),
    # Both indexes end in the keyset tie-breaker and cover the type, so lists, counts and timelines
    # of a country never touch canonical_events except for the rows they return.
    Index("ix_canonical_countries_date", "country", "date", "canonical_id", "type"),
    Index("ix_canonical_countries_type_date", "country", "type", "date", "canonical_id"),
)

# Keyset pagination orders by (key, id): these indexes let every sort stop after one page.
Index("ix_canonical_date_id", ce.c.date, ce.c.id)
Index("ix_canonical_type_date_id", ce.c.type, ce.c.date, ce.c.id)
Index("ix_canonical_confidence_id", ce.c.confidence, ce.c.id)
Index("ix_canonical_n_sources_id", ce.c.n_sources, ce.c.id)
# "The most confident / most reported events of one type" would otherwise sort every event of it.
Index("ix_canonical_type_confidence_id", ce.c.type, ce.c.confidence, ce.c.id)
Index("ix_canonical_type_n_sources_id", ce.c.type, ce.c.n_sources, ce.c.id)

SEARCH_TABLE = "canonical_search"
# FTS5 keeps shadow tables named after its table: every name with this prefix belongs to the index.
SEARCH_PREFIX = "canonical_search"

SearchField = Literal["evidence", "actors"]
_TOKEN = re.compile(r"\w+\*?")


def search_terms(query: str) -> list[str]:
    """Words of a user's query (a trailing * asks for a prefix); everything else is dropped."""
    return _TOKEN.findall(query)


def actor_document(record: dict[str, Any]) -> str:
    """What the actor filter searches: names and codes of every actor and recipient of an event."""
    parts: list[str] = []
    for role in ("actor", "recipient"):
        for actor in record.get(role) or []:
            parts.extend(p for p in (actor.get("entity_text"), actor.get("code")) if p)
    return " ".join(parts)


def event_countries(row: dict[str, Any]) -> set[str]:
    return {c for c in (row["actor_code"], row["recipient_code"], row["loc_country"]) if c}


def week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def start_of(day: dt.date, grain: Grain) -> dt.date:
    return week_of(day) if grain == "week" else month_of(day)


def next_start(start: dt.date, grain: Grain) -> dt.date:
    """The first day of the bucket after the one starting on `start`."""
    if grain == "week":
        return start + dt.timedelta(days=7)
    return (start + dt.timedelta(days=32)).replace(day=1)


def unindexed(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """`+column` (SQLite): the same value, but no index on the column is considered for the term, to
    keep SQLite's planner off an index that would read far more rows than another. PostgreSQL has no
    unary plus for dates or text."""
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


def bucket_pieces(
    start: dt.date | None, end: dt.date | None, grain: Grain
) -> list[tuple[Literal["whole", "day"], dt.date | None, dt.date | None]]:
    """How stored counts answer [start, end] per week or month: ("whole", first, last) names the whole
    buckets starting from first to last, read from per-bucket counts; ("day", first, last) the days of
    the partial buckets at the edges, read from per-day counts. Open ends stay None."""
    # Whole buckets start in [first, stop): from the first bucket starting on or after `start` to the
    # bucket holding the day after `end`.
    first = None if start is None else start_of(start, grain)
    if start is not None and first is not None and first != start:
        first = next_start(first, grain)
    stop = None if end is None else start_of(end + dt.timedelta(days=1), grain)
    if first is not None and stop is not None and first >= stop:
        return [("day", start, end)]  # no whole bucket: every day is at an edge
    pieces: list[tuple[Literal["whole", "day"], dt.date | None, dt.date | None]] = [
        ("whole", first, None if stop is None else stop - dt.timedelta(days=1))
    ]
    if first is not None and start is not None and start < first:
        pieces.append(("day", start, first - dt.timedelta(days=1)))
    if stop is not None and end is not None and stop <= end:
        pieces.append(("day", stop, end))
    return pieces


def bucket(column: ColumnElement[Any], interval: str, dialect: str) -> ColumnElement[Any]:
    """SQL for the first day of the week (Monday) or month of a date column, per dialect."""
    if dialect == "postgresql":
        return cast(func.date_trunc(literal_column(f"'{interval}'"), column), Date)
    if interval == "week":
        # 'weekday 0' moves to the coming Sunday (or stays on one); six days back is that week's Monday.
        return func.date(column, literal_column("'weekday 0'"), literal_column("'-6 days'"))
    return func.date(column, literal_column("'start of month'"))


# -- the full-text match, one clause compiled per dialect -------------------------------------------


class SearchMatch(ColumnElement[bool]):
    """`canonical_events.id` is among the events whose `field` matches every word of `query`."""

    type = Boolean()
    # The SQL differs per dialect and the words are bound at compile time: no statement caching.
    inherit_cache = False

    def __init__(self, field: SearchField, query: str) -> None:
        self.field = field
        self.terms = search_terms(query)
        if not self.terms:
            raise ValueError("the search has no words")


# FTS5 rowids of one day lie in [base, base + KEYS_PER_DAY); undated events have base 0.
KEYS_PER_DAY = 1 << 32


def search_key_base(day: dt.date | None) -> int:
    """The first FTS5 rowid of a day's events (SQLite): keys sort by date, undated ones first."""
    return 0 if day is None else day.toordinal() * KEYS_PER_DAY


def search_key_range(start: dt.date | None, end: dt.date | None) -> tuple[int, int]:
    """[low, high) of the FTS5 rowids of dated events from `start` to `end` (both inclusive)."""
    low = search_key_base(start) if start else KEYS_PER_DAY
    high = search_key_base(end or dt.date.max) + KEYS_PER_DAY
    return low, high


search_index = table("canonical_search", column("rowid", Integer), column("canonical_search", String))
search_keys = table("canonical_search_keys", column("key", Integer), column("canonical_id", String))


def fts5_match(evidence: str | None, actors: str | None) -> str:
    """One FTS5 query for the evidence and actor searches of a filter (each given one is required)."""
    searches: tuple[tuple[SearchField, str | None], ...] = (("evidence", evidence), ("actors", actors))
    parts = []
    for field, query in searches:
        if query:
            terms = search_terms(query)
            if not terms:
                raise ValueError("the search has no words")
            parts.append(_fts5_query(field, terms))
    return " AND ".join(parts)


def _fts5_query(field: SearchField, terms: Sequence[str]) -> str:
    # Each word becomes a quoted FTS5 string (\w never holds a quote), so no query syntax survives.
    phrases = " AND ".join(f'"{t.rstrip("*")}"' + ("*" if t.endswith("*") else "") for t in terms)
    return f"{{{field}}} : ({phrases})"


def _tsquery(field: SearchField, terms: Sequence[str]) -> str:
    weight = "A" if field == "actors" else "B"
    return " & ".join(f"{t.rstrip('*')}:{'*' if t.endswith('*') else ''}{weight}" for t in terms)


@compiles(SearchMatch, "sqlite")
def _compile_sqlite(element: SearchMatch, compiler: Any, **kw: Any) -> str:
    match = compiler.process(bindparam(None, _fts5_query(element.field, element.terms), String), **kw)
    return (
        f"canonical_events.id IN (SELECT canonical_id FROM canonical_search_keys WHERE key IN "
        f"(SELECT rowid FROM canonical_search WHERE canonical_search MATCH {match}))"
    )


@compiles(SearchMatch, "postgresql")
def _compile_postgresql(element: SearchMatch, compiler: Any, **kw: Any) -> str:
    config = "simple" if element.field == "actors" else "english"
    query = compiler.process(bindparam(None, _tsquery(element.field, element.terms), String), **kw)
    return (
        "canonical_events.id IN (SELECT canonical_id FROM canonical_search "
        f"WHERE document @@ to_tsquery('{config}', {query}))"
    )


# -- keeping the derived tables in step --------------------------------------------------------------


def apply(conn: Connection, replaced_ids: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    """Retract the derived rows of `replaced_ids` (still in canonical_events) and add those of `rows`.

    Called before the canonical rows themselves are deleted and inserted, in the same transaction.
    """
    _retract(conn, list(replaced_ids))
    if rows:
        _add(conn, rows)


def _retract(conn: Connection, ids: list[str]) -> None:
    if not ids:
        return
    confidence.retract(conn, ids)
    gone: Counter[tuple[str, dt.date, str]] = Counter()
    cc = canonical_countries.c
    for chunk in chunks(ids):
        for date, event_type, n in conn.execute(
            select(ce.c.date, ce.c.type, func.count())
            .where(ce.c.id.in_(chunk), ce.c.date.is_not(None))
            .group_by(ce.c.date, ce.c.type)
        ):
            gone[(ALL_COUNTRIES, date, event_type)] += n
        for country, date, event_type, n in conn.execute(
            select(cc.country, cc.date, cc.type, func.count())
            .where(cc.canonical_id.in_(chunk), cc.date.is_not(None))
            .group_by(cc.country, cc.date, cc.type)
        ):
            gone[(country, date, event_type)] += n
        conn.execute(delete(canonical_countries).where(cc.canonical_id.in_(chunk)))
        _delete_search(conn, chunk)
    take_counts(conn, canonical_daily, _DAILY_KEY, gone)
    _count_periods(conn, gone, sign=-1)


_DAILY_KEY = ("country", "date", "type")
_PERIOD_KEY = ("country", "grain", "start", "type")


def add_counts(conn: Connection, table: Table, key: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    """Add each row's `n` to the count stored under its `key` columns; keys not counted yet are inserted
    with the row's other columns."""
    if not rows:
        return
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = dialect_insert(table)
    conn.execute(
        stmt.on_conflict_do_update(index_elements=list(key), set_={"n": table.c.n + stmt.excluded.n}), list(rows)
    )


def take_counts(conn: Connection, table: Table, key: Sequence[str], counts: Mapping[tuple[Any, ...], int]) -> None:
    """Take each count from the row under its `key` values; the rows that reach zero are deleted (only
    rows just decremented can: no scan of the table)."""
    if not counts:
        return
    match = and_(*(table.c[name] == bindparam(f"b_{name}") for name in key))
    keys = [{f"b_{name}": value for name, value in zip(key, values, strict=True)} for values in counts]
    conn.execute(
        update(table).where(match).values(n=table.c.n - bindparam("b_n")),
        [{**k, "b_n": n} for k, n in zip(keys, counts.values(), strict=True)],
    )
    conn.execute(delete(table).where(match, table.c.n <= 0), keys)


def _count_periods(conn: Connection, daily: Counter[tuple[str, dt.date, str]], sign: int) -> None:
    """Add (sign 1) or take away (sign -1) daily counts from their weeks and months."""
    periods: Counter[tuple[str, str, dt.date, str]] = Counter()
    for (country, date, event_type), n in daily.items():
        for grain in ("week", "month"):
            periods[(country, grain, start_of(date, grain), event_type)] += n
    if sign < 0:
        take_counts(conn, canonical_periods, _PERIOD_KEY, periods)
    else:
        rows = [dict(zip(_PERIOD_KEY, k, strict=True), n=n) for k, n in sorted(periods.items())]
        add_counts(conn, canonical_periods, _PERIOD_KEY, rows)


def _add(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    confidence.add(conn, rows)
    daily: Counter[tuple[str, dt.date, str]] = Counter()
    for row in rows:
        if row["date"] is not None:
            for country in (ALL_COUNTRIES, *event_countries(row)):
                daily[(country, row["date"], row["type"])] += 1
    add_counts(
        conn,
        canonical_daily,
        _DAILY_KEY,
        [
            {"country": c, "date": date, "type": t, "week": week_of(date), "month": month_of(date), "n": n}
            for (c, date, t), n in sorted(daily.items())
        ],
    )
    _count_periods(conn, daily, sign=1)
    countries = [
        {"canonical_id": row["id"], "country": country, "type": row["type"], "date": row["date"]}
        for row in rows
        for country in sorted(event_countries(row))
    ]
    for chunk in chunks(countries, 1000):
        conn.execute(canonical_countries.insert(), chunk)
    docs = [
        {"id": row["id"], "date": row["date"], "evidence": row["text"], "actors": actor_document(row["record"])}
        for row in rows
    ]
    _insert_search(conn, docs)


def _delete_search(conn: Connection, ids: Sequence[str]) -> None:
    params = {"ids": list(ids)}
    if conn.dialect.name == "postgresql":
        conn.execute(text("DELETE FROM canonical_search WHERE canonical_id IN :ids").bindparams(_expanding()), params)
        return
    conn.execute(
        text(
            "DELETE FROM canonical_search WHERE rowid IN "
            "(SELECT key FROM canonical_search_keys WHERE canonical_id IN :ids)"
        ).bindparams(_expanding()),
        params,
    )
    conn.execute(text("DELETE FROM canonical_search_keys WHERE canonical_id IN :ids").bindparams(_expanding()), params)


def _expanding() -> Any:
    return bindparam("ids", expanding=True)


def _insert_search(conn: Connection, docs: list[dict[str, Any]]) -> None:
    if not docs:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "INSERT INTO canonical_search (canonical_id, document) VALUES (:id, "
                "setweight(to_tsvector('simple', :actors), 'A') || setweight(to_tsvector('english', :evidence), 'B'))"
            ),
            docs,
        )
        return
    # Each event takes the next free key of its day.
    conn.execute(
        text(
            "INSERT INTO canonical_search_keys (key, canonical_id) VALUES ((SELECT coalesce(max(key) + 1, :base) "
            "FROM canonical_search_keys WHERE key >= :base AND key < :base + :per_day), :id)"
        ),
        [{"id": doc["id"], "base": search_key_base(doc["date"]), "per_day": KEYS_PER_DAY} for doc in docs],
    )
    conn.execute(
        text(
            "INSERT INTO canonical_search (rowid, evidence, actors) "
            "SELECT key, :evidence, :actors FROM canonical_search_keys WHERE canonical_id = :id"
        ),
        docs,
    )


# -- rebuilding from scratch --------------------------------------------------------------------------

# SQL twins of `actor_document`, for rebuilding a million rows without a round trip through Python.
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


# Keys of every canonical event, numbered within each day in id order.
# `search_key_base` in SQL (julianday less 1721424.5 is `date.toordinal()`).
_SQLITE_SEARCH_KEYS = (
    "SELECT coalesce(CAST(julianday(date) - 1721424.5 AS INTEGER) << 32, 0) "
    "+ row_number() OVER (PARTITION BY date ORDER BY id) - 1, id FROM canonical_events"
)


def rebuild(conn: Connection) -> None:
    """Recompute every derived table from canonical_events (after a bulk load, or to repair).

    Written for a million rows: SQLite gets a large page cache for the duration (the inserts touch
    index pages all over), PostgreSQL builds the GIN index once after the insert instead of per row.
    """
    sqlite_cache = None
    if conn.dialect.name == "sqlite":
        sqlite_cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        conn.exec_driver_sql("PRAGMA cache_size = -262144")  # 256 MiB
    try:
        _rebuild(conn)
    finally:
        if sqlite_cache is not None:
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(sqlite_cache)}")


def _rebuild(conn: Connection) -> None:
    confidence.rebuild(conn)
    conn.execute(delete(canonical_countries))
    parts = [
        select(ce.c.id, column, ce.c.type, ce.c.date).where(column.is_not(None))
        for column in (ce.c.actor_code, ce.c.recipient_code, ce.c.loc_country)
    ]
    conn.execute(canonical_countries.insert().from_select(["canonical_id", "country", "type", "date"], union(*parts)))
    conn.execute(delete(canonical_daily))
    cc = canonical_countries.c
    per_day = union_all(
        select(literal(ALL_COUNTRIES).label("country"), ce.c.date, ce.c.type, func.count().label("n"))
        .where(ce.c.date.is_not(None))
        .group_by(ce.c.date, ce.c.type),
        select(cc.country, cc.date, cc.type, func.count())
        .where(cc.date.is_not(None))
        .group_by(cc.country, cc.date, cc.type),
    ).subquery()
    dialect = conn.dialect.name
    conn.execute(
        canonical_daily.insert().from_select(
            ["country", "date", "type", "week", "month", "n"],
            select(
                per_day.c.country,
                per_day.c.date,
                per_day.c.type,
                bucket(per_day.c.date, "week", dialect),
                bucket(per_day.c.date, "month", dialect),
                per_day.c.n,
            ),
        )
    )
    conn.execute(delete(canonical_periods))
    d = canonical_daily.c
    conn.execute(
        canonical_periods.insert().from_select(
            ["country", "grain", "start", "type", "n"],
            union_all(
                *(
                    select(d.country, literal(grain), column, d.type, func.sum(d.n)).group_by(d.country, column, d.type)
                    for grain, column in (("week", d.week), ("month", d.month))
                )
            ),
        )
    )
    if conn.dialect.name == "postgresql":
        conn.execute(text("DROP INDEX IF EXISTS ix_canonical_search_document"))
        conn.execute(text("TRUNCATE canonical_search"))
        conn.execute(
            text(
                "INSERT INTO canonical_search (canonical_id, document) SELECT id, "
                f"setweight(to_tsvector('simple', {_PG_ACTORS}), 'A') || setweight(to_tsvector('english', text), 'B') "
                "FROM canonical_events"
            )
        )
        conn.execute(text("CREATE INDEX ix_canonical_search_document ON canonical_search USING gin (document)"))
        return
    conn.execute(text("DELETE FROM canonical_search"))
    conn.execute(text("DELETE FROM canonical_search_keys"))
    conn.execute(text(f"INSERT INTO canonical_search_keys (key, canonical_id) {_SQLITE_SEARCH_KEYS}"))
    conn.execute(
        text(
            "INSERT INTO canonical_search (rowid, evidence, actors) "
            f"SELECT k.key, canonical_events.text, {_SQLITE_ACTORS} "
            "FROM canonical_events JOIN canonical_search_keys k ON k.canonical_id = canonical_events.id"
        )
    )


def modelled(name: str | None, type_: str, _parents: Iterable[Any] | dict[str, Any]) -> bool:
    """`include_name` hook for schema comparisons: the search index lives outside the model."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_PREFIX))

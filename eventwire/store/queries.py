"""Read queries over canonical events, shared by the HTTP API, the dashboard and exports.

Every function takes a Store and an `EventFilter` and returns plain JSON-ready values; the API is a
thin shell over them. They are written for a million canonical events:

- lists page with a keyset cursor on (sort key, id) — never OFFSET — so page 500 costs what page 1 does;
- a country filter reads `canonical_countries` (one indexed row per event and country) instead of OR-ing
  three columns of canonical_events;
- totals and timelines of filters made only of dates, types and a country are read from the derived
  tables of `rollup.py`; any other filter counts at most `COUNT_CAP` rows and says so.

All SQL is built with SQLAlchemy: values reach the database as bound parameters only.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    FromClause,
    Integer,
    Select,
    and_,
    cast,
    desc,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)

from eventwire.records import Count, Place, Quote, Speaker
from eventwire.store import confidence, rollup, schema
from eventwire.store.filters import EventFilter
from eventwire.store.store import Store

ce = schema.canonical_events
cc = rollup.canonical_countries
daily = rollup.canonical_daily
periods = rollup.canonical_periods

Sort = Literal["date_desc", "date_asc", "confidence", "n_sources"]
Interval = Literal["day", "week", "month"]
SORTS: tuple[Sort, ...] = ("date_desc", "date_asc", "confidence", "n_sources")
INTERVALS: tuple[Interval, ...] = ("day", "week", "month")
# Counting stops here for filters the derived tables cannot answer (each match may cost a row read).
COUNT_CAP = 1_000
# Below this many events any plan is fast: planner statistics are not worth gathering.
STATISTICS_FROM = 10_000
MAX_ZOOM = 18


class CursorError(ValueError):
    """A cursor that was not made by `list_events` for the same filters and sort."""


# -- which rows a filter selects, and from where ----------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """The FROM clause and WHERE clause for a filter, and the columns to order and bucket by."""

    source: FromClause
    where: ColumnElement[bool]
    date: ColumnElement[Any]
    type: ColumnElement[Any]
    id: ColumnElement[Any]


def _only_dates_types_country(f: EventFilter) -> bool:
    """True when every filter but dates, types and country is unset: the derived tables answer it."""
    rest = dataclasses.replace(f, start=None, end=None, types=[], country=None)
    return rest == EventFilter()


def _plan(f: EventFilter, *, need_events: bool = True, box_by_index: bool = True) -> _Plan:
    """`box_by_index=False` checks the bounding box on each row instead of reading the (lat, lon)
    index: a box holding thousands of events is better found walking the sort order than sorted."""
    if f.bbox and not box_by_index:
        inner = _plan(dataclasses.replace(f, bbox=None), need_events=need_events)
        return dataclasses.replace(inner, where=and_(inner.where, _box_check(f.bbox)))
    if not f.country:
        return _Plan(ce, f.where(), ce.c.date, ce.c.type, ce.c.id)
    # Dates, types and the country are read from canonical_countries, whose indexes are in (country,
    # date, id) and (country, type, date, id) order; the other filters apply to the joined event.
    clauses = [cc.c.country == f.country]
    if f.start:
        clauses.append(cc.c.date >= f.start)
    if f.end:
        clauses.append(cc.c.date <= f.end)
    if f.types:
        clauses.append(cc.c.type.in_(f.types))
    rest = dataclasses.replace(f, start=None, end=None, types=[], country=None)
    if not need_events and rest == EventFilter():
        return _Plan(cc, and_(*clauses), cc.c.date, cc.c.type, cc.c.canonical_id)
    source = cc.join(ce, ce.c.id == cc.c.canonical_id)
    return _Plan(source, and_(*clauses, rest.where()), cc.c.date, cc.c.type, cc.c.canonical_id)


def _box_check(bbox: tuple[float, float, float, float]) -> ColumnElement[bool]:
    # Used on SQLite only (see `_rows`), which then cannot choose the (lat, lon) index for the box.
    min_lon, min_lat, max_lon, max_lat = bbox
    lat, lon = rollup.unindexed(ce.c.lat), rollup.unindexed(ce.c.lon)
    return and_(lat.between(min_lat, max_lat), lon.between(min_lon, max_lon))


def _searches_first(dialect: str, f: EventFilter, sort: Sort | None = None) -> bool:
    """Whether a text or actor search on SQLite is read from the full-text index, joined to the events.

    FTS5 hands out its matches in rowid order, and rowids are in date order (`rollup.search_key_base`):
    a date-sorted page and a capped count stop after the rows they need instead of collecting every
    match first. Other sorts and aggregates test membership in the set of matches."""
    return dialect == "sqlite" and bool(f.q or f.actor) and sort in (None, "date_desc", "date_asc")


def _search_source(f: EventFilter) -> tuple[FromClause, ColumnElement[bool]]:
    s, k = rollup.search_index, rollup.search_keys
    source = s.join(k, k.c.key == s.c.rowid).join(ce, ce.c.id == k.c.canonical_id)
    match = s.c.canonical_search.match(rollup.fts5_match(f.q, f.actor))
    return source, and_(match, dataclasses.replace(f, q=None, actor=None).where())


def _search_page(
    conn: Connection, f: EventFilter, sort: Sort, segment: int, after: _Position | None, limit: int
) -> list[Any]:
    """A date-sorted page of a search on SQLite, read from the full-text index in rowid order.

    Rowids follow dates but not ids within a day, so every row of the page's last day is read and the
    page is sorted by (date, id) here, as `_page_query` sorts."""
    descending = sort == "date_desc"
    if segment == 1:
        low, high = 0, rollup.KEYS_PER_DAY
    else:
        low, high = rollup.search_key_range(f.start, f.end)
        if after is not None and descending:
            high = min(high, rollup.search_key_base(after.key) + rollup.KEYS_PER_DAY)
        elif after is not None:
            low = max(low, rollup.search_key_base(after.key))
    source, where = _search_source(f)
    rowid = rollup.search_index.c.rowid
    query = (
        select(ce.c.record, ce.c.date.label("k"), ce.c.id.label("i"))
        .select_from(source)
        .where(where, rowid >= low, rowid < high)
        .order_by(desc(rowid) if descending else rowid)
    )
    found: list[Any] = []
    result = conn.execute(query)
    try:
        for row in result:
            if after is not None and row.k == after.key and not (row.i < after.id if descending else row.i > after.id):
                continue  # on the cursor's day, at or before the cursor
            if len(found) >= limit and row.k != found[-1].k:
                break
            found.append(row)
    finally:
        result.close()
    # One segment holds only dates or only None: the tuples never compare a date with None.
    found.sort(key=lambda row: (row.k, row.i), reverse=descending)
    return found[:limit]


def ensure_statistics(store: Store) -> bool:
    """Give SQLite's planner statistics for the tables the API reads, when they are missing or stale.

    Without them SQLite guesses, and on a million events a guess between the date index and the type
    index is the difference between milliseconds and seconds. Statistics are gathered again when an
    index has none (a migration added it) or the number of events has changed more than twofold; a full
    ANALYZE of a million events takes seconds. PostgreSQL's autovacuum keeps its own statistics.
    Returns whether it analysed."""
    if store.dialect != "sqlite":
        return False
    tables = ("canonical_events", "canonical_countries", "canonical_daily")
    with store.engine.begin() as conn:
        n_events = conn.execute(select(func.count()).select_from(ce)).scalar_one()
        if n_events < STATISTICS_FROM:
            return False
        listed = ", ".join(f"'{name}'" for name in tables)
        indexes = (
            conn.exec_driver_sql(f"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({listed})")
            .scalars()
            .all()
        )
        has_stats = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").scalar()
        stats = conn.exec_driver_sql("SELECT tbl, idx, stat FROM sqlite_stat1").all() if has_stats else []
        analysed = {idx for _, idx, _ in stats}
        counted = [int(stat.split()[0]) for tbl, idx, stat in stats if tbl == "canonical_events" and idx]
        stale = not counted or not n_events / 2 <= max(counted) <= n_events * 2
        if not stale and all(name in analysed for name in indexes):
            return False
        for name in tables:
            conn.exec_driver_sql(f"ANALYZE {name}")
    return True


# -- keyset pagination -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Position:
    """Where a page ended: the segment (dated, then undated events), the sort key and the id; and the
    total counted for the first page, which later pages repeat instead of counting again."""

    segment: int
    key: Any
    id: str
    total: int | None = None
    exact: bool = True


def _filter_digest(f: EventFilter, sort: Sort) -> str:
    described = json.dumps([dataclasses.asdict(f), sort], sort_keys=True, default=str)
    return hashlib.sha256(described.encode()).hexdigest()[:12]


def encode_cursor(position: _Position, f: EventFilter, sort: Sort) -> str:
    key = position.key.isoformat() if isinstance(position.key, dt.date) else position.key
    payload = {
        "g": position.segment,
        "k": key,
        "i": position.id,
        "t": position.total,
        "x": position.exact,
        "f": _filter_digest(f, sort),
    }
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, f: EventFilter, sort: Sort) -> _Position:
    """The position a cursor encodes, checked against the filters and sort it is used with."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError):
        raise CursorError("the cursor is not one this API returned") from None
    if not isinstance(payload, dict) or set(payload) != {"g", "k", "i", "t", "x", "f"}:
        raise CursorError("the cursor is not one this API returned")
    if payload["f"] != _filter_digest(f, sort):
        raise CursorError("the cursor belongs to other filters or another sort: start again without it")
    segment, key, event_id, total, exact = (payload[k] for k in ("g", "k", "i", "t", "x"))
    counted = total is None or (isinstance(total, int) and not isinstance(total, bool) and total >= 0)
    if segment not in (0, 1) or not isinstance(event_id, str) or not counted or not isinstance(exact, bool):
        raise CursorError("the cursor is not one this API returned")
    try:
        key = _check_key(sort, segment, key)
    except (TypeError, ValueError):
        raise CursorError("the cursor is not one this API returned") from None
    return _Position(segment, key, event_id, total, exact)


def _check_key(sort: Sort, segment: int, key: Any) -> Any:
    if segment == 1:
        if key is not None:
            raise ValueError("undated events have no date key")
        return None
    if sort in ("date_desc", "date_asc"):
        return dt.date.fromisoformat(key)
    if sort == "confidence" and isinstance(key, int | float) and not isinstance(key, bool):
        return float(key)
    if sort == "n_sources" and isinstance(key, int) and not isinstance(key, bool):
        return key
    raise ValueError(f"bad key for sort {sort}")


def _sort_key(sort: Sort, plan: _Plan) -> ColumnElement[Any]:
    return {"confidence": ce.c.confidence, "n_sources": ce.c.n_sources}.get(sort, plan.date)


def _segments(sort: Sort, f: EventFilter) -> tuple[int, ...]:
    """Sorting by date lists dated events first, then undated ones (none match a date range)."""
    if sort in ("date_desc", "date_asc") and not (f.start or f.end):
        return (0, 1)
    return (0,)


def _page_query(
    plan: _Plan, sort: Sort, segment: int, after: _Position | None, limit: int, *, deferred: bool = False
) -> Select[Any]:
    """`deferred`: find the page's ids first and read the records of those alone, for plans that sort
    the matches (a box read through its index) and would otherwise carry every match's record."""
    key = _sort_key(sort, plan)
    descending = sort != "date_asc"
    columns = [key.label("k"), plan.id.label("i")]
    query = select(*columns if deferred else [ce.c.record, *columns]).select_from(plan.source).where(plan.where)
    by_date = sort in ("date_desc", "date_asc")
    if by_date:
        query = query.where(key.is_(None) if segment else key.is_not(None))
    if after is not None:
        if segment == 1:
            query = query.where(plan.id < after.id if descending else plan.id > after.id)
        elif descending:
            query = query.where(key <= after.key, or_(key < after.key, plan.id < after.id))
        else:
            query = query.where(key >= after.key, or_(key > after.key, plan.id > after.id))
    order = [plan.id] if segment == 1 else [key, plan.id]
    query = query.order_by(*(desc(c) if descending else c for c in order)).limit(limit)
    if not deferred:
        return query
    page = query.subquery()
    order = [page.c.i] if segment == 1 else [page.c.k, page.c.i]
    return (
        select(ce.c.record, page.c.k, page.c.i)
        .join_from(page, ce, ce.c.id == page.c.i)
        .order_by(*(desc(c) if descending else c for c in order))
    )


@dataclass
class Page:
    events: list[dict[str, Any]]
    next: str | None
    total: int | None = None
    # False when `total` stopped counting at COUNT_CAP.
    total_exact: bool = True


def _rows(
    conn: Connection, f: EventFilter, sort: Sort, limit: int, after: _Position | None, *, crowded_box: bool = False
) -> list[tuple[int, Any]]:
    """Up to `limit` rows after `after`, each with its segment. `crowded_box`: the bounding box holds
    more events than a page can sort cheaply (SQLite then walks the sort order instead)."""
    by_search = _searches_first(conn.dialect.name, f, sort)
    box_by_index = not (crowded_box and conn.dialect.name == "sqlite")
    plan = _plan(f, box_by_index=box_by_index)
    # PostgreSQL reads any box through its index, which holds the sort keys: only the page's records are read.
    deferred = bool(f.bbox) and box_by_index
    rows: list[tuple[int, Any]] = []
    for segment in _segments(sort, f):
        if after is not None and segment < after.segment:
            continue
        start = after if after is not None and after.segment == segment else None
        if by_search:
            rows.extend((segment, row) for row in _search_page(conn, f, sort, segment, start, limit - len(rows)))
        else:
            result = conn.execute(_page_query(plan, sort, segment, start, limit - len(rows), deferred=deferred))
            rows.extend((segment, row) for row in result)
        if len(rows) >= limit:
            break
    return rows


def list_events(
    store: Store,
    f: EventFilter,
    *,
    sort: Sort = "date_desc",
    limit: int = 50,
    cursor: str | None = None,
    with_total: bool = True,
) -> Page:
    """One page of canonical events (stored records) and the cursor of the next page.

    The total is counted for the first page and carried in the cursor to the following ones."""
    after = decode_cursor(cursor, f, sort) if cursor else None
    with store.engine.connect() as conn:
        total: int | None = None
        exact = True
        if with_total:
            if after is not None and after.total is not None:
                total, exact = after.total, after.exact
            else:
                total, exact = _count(conn, f, COUNT_CAP)
        # Counted first: a box with more events than COUNT_CAP is crowded.
        rows = _rows(conn, f, sort, limit + 1, after, crowded_box=bool(f.bbox) and not exact)
        page = Page([row.record for _, row in rows[:limit]], None, total, exact)
        if len(rows) > limit:
            segment, last = rows[limit - 1]
            position = _Position(segment, last.k, last.i, page.total, page.total_exact)
            page.next = encode_cursor(position, f, sort)
    return page


def iter_events(store: Store, f: EventFilter, sort: Sort = "date_asc", batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every matching canonical event, page by page (memory stays flat however many match)."""
    after: _Position | None = None
    while True:
        with store.engine.connect() as conn:
            rows = _rows(conn, f, sort, batch, after)
        for _, row in rows:
            yield row.record
        if len(rows) < batch:
            return
        segment, last = rows[-1]
        after = _Position(segment, last.k, last.i)


# -- counts ------------------------------------------------------------------------------------------


def count_events(store: Store, f: EventFilter, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """(number of matching events, exact?) — inexact means at least `cap`."""
    with store.engine.connect() as conn:
        return _count(conn, f, cap)


def _count(conn: Connection, f: EventFilter, cap: int) -> tuple[int, bool]:
    if _only_dates_types_country(f):
        n = conn.execute(select(func.coalesce(func.sum(daily.c.n), 0)).where(*_daily_clauses(f))).scalar_one()
        if not (f.start or f.end):
            # Undated events are in no daily row: count them from the events (few, and indexed).
            plan = _plan(f, need_events=False)
            n += conn.execute(
                select(func.count()).select_from(plan.source).where(plan.where, plan.date.is_(None))
            ).scalar_one()
        return int(n), True
    if _searches_first(conn.dialect.name, f):
        source, where = _search_source(f)
    else:
        plan = _plan(f, need_events=False)
        source, where = plan.source, plan.where
    limited = select(literal(1)).select_from(source).where(where).limit(cap + 1).subquery()
    n = int(conn.execute(select(func.count()).select_from(limited)).scalar_one())
    return (cap, False) if n > cap else (n, True)


def _daily_clauses(f: EventFilter) -> list[ColumnElement[bool]]:
    clauses = [daily.c.country == (f.country or rollup.ALL_COUNTRIES)]
    if f.start:
        clauses.append(daily.c.date >= f.start)
    if f.end:
        clauses.append(daily.c.date <= f.end)
    if f.types:
        clauses.append(daily.c.type.in_(f.types))
    return clauses


# -- timeline ----------------------------------------------------------------------------------------


def timeline(store: Store, f: EventFilter, interval: Interval = "day") -> list[dict[str, Any]]:
    """Counts of dated events per bucket and type: [{"date", "type", "n"}] in date, type order.

    Filters of dates, types and a country read the derived counts: whole weeks and months from
    canonical_periods, days (and the partial buckets at the edges of a date range) from canonical_daily.
    A confidence threshold with dates and types reads the counts per confidence band (`confidence.py`).
    Any other filter groups the matching events themselves."""
    with store.engine.connect() as conn:
        if confidence.answers(f):
            rows = confidence.timeline(conn, f, interval)
        elif not _only_dates_types_country(f):
            rows = _timeline_of_events(conn, f, interval, store.dialect)
        elif interval == "day":
            rows = _daily_buckets(conn, f, "day")
        else:
            rows = _period_buckets(conn, f, interval)
    counts: Counter[tuple[str, str]] = Counter()
    for bucket, event_type, n in rows:
        counts[(_iso(bucket), event_type)] += int(n)
    # Counts read from several tables may add up to nothing (the confidence counts subtract a slice).
    return [{"date": date, "type": t, "n": n} for (date, t), n in sorted(counts.items()) if n > 0]


def _timeline_of_events(conn: Connection, f: EventFilter, interval: Interval, dialect: str) -> list[Any]:
    plan = _plan(f, need_events=False)
    day = plan.date
    bucket = (day if interval == "day" else rollup.bucket(day, interval, dialect)).label("bucket")
    query = (
        select(bucket, plan.type, func.count())
        .select_from(plan.source)
        .where(plan.where, day.is_not(None))
        .group_by(bucket, plan.type)
    )
    return list(conn.execute(query))


def _daily_buckets(conn: Connection, f: EventFilter, interval: Interval) -> list[Any]:
    column = {"day": daily.c.date, "week": daily.c.week, "month": daily.c.month}[interval]
    query = select(column, daily.c.type, func.sum(daily.c.n)).where(*_daily_clauses(f)).group_by(column, daily.c.type)
    return list(conn.execute(query))


def _period_buckets(conn: Connection, f: EventFilter, grain: rollup.Grain) -> list[Any]:
    """Whole buckets inside [start, end] from the period counts, the partial ones from daily counts."""
    rows: list[Any] = []
    for piece, first, last in rollup.bucket_pieces(f.start, f.end, grain):
        if piece == "day":
            rows += _daily_buckets(conn, dataclasses.replace(f, start=first, end=last), grain)
            continue
        p = periods.c
        clauses = [p.country == (f.country or rollup.ALL_COUNTRIES), p.grain == grain]
        if first is not None:
            clauses.append(p.start >= first)
        if last is not None:
            clauses.append(p.start <= last)
        if f.types:
            clauses.append(p.type.in_(f.types))
        rows += conn.execute(select(p.start, p.type, p.n).where(*clauses)).all()
    return rows


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


# -- map ---------------------------------------------------------------------------------------------


def cell_size(zoom: int) -> float:
    """Grid cell edge in degrees: 45° at zoom 0, halving with every zoom level."""
    return 45.0 / (2**zoom)


def _grid(value: ColumnElement[Any], size: float, dialect: str) -> ColumnElement[Any]:
    # `value` is shifted to be non-negative, so SQLite's truncating cast is a floor.
    scaled = value / literal(size, Float)
    return func.floor(scaled) if dialect == "postgresql" else cast(scaled, Integer)


def map_cells(store: Store, f: EventFilter, zoom: int) -> dict[str, Any]:
    """Located events aggregated on a grid: per cell the count, per-type counts, summed sources and
    casualties, the centroid of its events, and the event's id when it holds one. The dashboard draws
    these, never the rows."""
    size = cell_size(zoom)
    plan = _plan(f)
    located = and_(ce.c.lat.is_not(None), ce.c.lon.is_not(None))
    cells = (
        select(
            _grid(ce.c.lon + 180.0, size, store.dialect).label("cx"),
            _grid(ce.c.lat + 90.0, size, store.dialect).label("cy"),
            ce.c.id,
            ce.c.type,
            ce.c.lat,
            ce.c.lon,
            ce.c.n_sources,
            func.coalesce(ce.c.dead, 0).label("dead"),
            func.coalesce(ce.c.injured, 0).label("injured"),
        )
        .select_from(plan.source)
        .where(plan.where, located)
        .subquery()
    )
    query = select(
        cells.c.cx,
        cells.c.cy,
        cells.c.type,
        func.count().label("n"),
        func.sum(cells.c.lat).label("lat"),
        func.sum(cells.c.lon).label("lon"),
        func.sum(cells.c.n_sources).label("sources"),
        func.sum(cells.c.dead).label("dead"),
        func.sum(cells.c.injured).label("injured"),
        func.min(cells.c.id).label("event_id"),
    ).group_by(cells.c.cx, cells.c.cy, cells.c.type)
    merged: dict[tuple[int, int], dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(query):
            cell = merged.setdefault(
                (int(row.cx), int(row.cy)),
                {"n": 0, "lat": 0.0, "lon": 0.0, "sources": 0, "dead": 0, "injured": 0, "types": {}},
            )
            cell["n"] += row.n
            cell["lat"] += row.lat
            cell["lon"] += row.lon
            cell["sources"] += int(row.sources)
            cell["dead"] += int(row.dead)
            cell["injured"] += int(row.injured)
            cell["types"][row.type] = int(row.n)
            cell["event_id"] = row.event_id
    out = []
    for cell in merged.values():
        cell["lat"] = round(cell["lat"] / cell["n"], 4)
        cell["lon"] = round(cell["lon"] / cell["n"], 4)
        cell["types"] = dict(sorted(cell["types"].items(), key=lambda kv: (-kv[1], kv[0])))
        # A cell of one event can open its evidence directly.
        if cell["n"] != 1:
            cell["event_id"] = None
        out.append(cell)
    out.sort(key=lambda c: (-c["n"], c["lat"], c["lon"]))
    return {"cell_size": size, "n": sum(c["n"] for c in out), "cells": out}


# -- top lists ---------------------------------------------------------------------------------------


def top_actors(store: Store, f: EventFilter, limit: int = 20) -> list[dict[str, Any]]:
    """Actors and recipients by (code, sector), with how many events involve them and one name."""
    plan = _plan(f)
    roles = (
        (ce.c.actor_code, ce.c.actor_sector, ce.c.record[("actor", 0, "entity_text")]),
        (ce.c.recipient_code, ce.c.recipient_sector, ce.c.record[("recipient", 0, "entity_text")]),
    )
    parts = [
        select(code.label("code"), sector.label("sector"), name.as_string().label("name"))
        .select_from(plan.source)
        .where(plan.where, or_(code.is_not(None), sector.is_not(None)))
        for code, sector, name in roles
    ]
    both = union_all(*parts).subquery()
    n = func.count().label("n")
    query = (
        select(both.c.code, both.c.sector, n, func.max(both.c.name).label("example"))
        .group_by(both.c.code, both.c.sector)
        .order_by(desc(n), both.c.code, both.c.sector)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [{"code": r.code, "sector": r.sector, "n": int(r.n), "example": r.example} for r in conn.execute(query)]


def top_places(store: Store, f: EventFilter, limit: int = 20) -> list[dict[str, Any]]:
    """Event locations by name and country, with their event counts and mean coordinates."""
    plan = _plan(f)
    name = func.coalesce(
        ce.c.record[("event_loc", "name")].as_string(), ce.c.record[("event_loc", "text")].as_string()
    ).label("name")
    n = func.count().label("n")
    query = (
        select(
            name, ce.c.loc_country.label("country"), n, func.avg(ce.c.lat).label("lat"), func.avg(ce.c.lon).label("lon")
        )
        .select_from(plan.source)
        .where(plan.where, ce.c.lat.is_not(None))
        .group_by(name, ce.c.loc_country)
        .order_by(desc(n), name)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [
            {"name": r.name, "country": r.country, "n": int(r.n), "lat": round(r.lat, 4), "lon": round(r.lon, 4)}
            for r in conn.execute(query)
        ]


def top_countries(store: Store, f: EventFilter, limit: int = 50) -> list[dict[str, Any]]:
    """Countries (actor, recipient or location) by number of events."""
    other = cc.alias("other")
    if f.country or not _only_dates_types_country(f):
        # Countries that co-occur in the matching events.
        plan = _plan(f)
        source: FromClause = plan.source.join(other, other.c.canonical_id == plan.id)
        where = plan.where
    else:
        source, where = other, and_(true(), *_country_clauses(other, f))
    n = func.count().label("n")
    query = (
        select(other.c.country, n)
        .select_from(source)
        .where(where)
        .group_by(other.c.country)
        .order_by(desc(n), other.c.country)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [{"code": r.country, "n": int(r.n)} for r in conn.execute(query)]


def _country_clauses(table: FromClause, f: EventFilter) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if f.start:
        clauses.append(table.c.date >= f.start)
    if f.end:
        clauses.append(table.c.date <= f.end)
    if f.types:
        clauses.append(table.c.type.in_(f.types))
    return clauses


# -- one event, one article --------------------------------------------------------------------------


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """A canonical event with, per source, the article's title and the per-article event (its evidence
    sentence and labelled spans); None when there is no such event."""
    ev, art = schema.events, schema.articles
    with store.engine.connect() as conn:
        record = conn.execute(select(ce.c.record).where(ce.c.id == event_id)).scalar_one_or_none()
        if record is None:
            return None
        ids = [s["event_id"] for s in record.get("sources", [])]
        found = {
            row.id: row
            for row in conn.execute(
                select(ev.c.id, ev.c.record, art.c.title, art.c.url, art.c.published)
                .select_from(ev.join(art, art.c.id == ev.c.article_id))
                .where(ev.c.id.in_(ids))
            )
        }
    evidence = []
    for source in record.get("sources", []):
        row = found.get(source["event_id"])
        evidence.append(
            {
                "article_id": source["article_id"],
                "title": row.title if row else None,
                "url": (row.url if row else None) or source.get("url"),
                "published": _iso(row.published) if row and row.published else source.get("published"),
                "event": row.record if row else None,
            }
        )
    return {**record, "evidence": evidence}


def get_article(store: Store, article_id: str) -> dict[str, Any] | None:
    """An article's text with everything extracted from it, offsets indexing that text."""
    a, ev = schema.articles, schema.events
    with store.engine.connect() as conn:
        article = conn.execute(select(a).where(a.c.id == article_id)).one_or_none()
        if article is None:
            return None
        events = conn.execute(
            select(ev.c.record, ev.c.canonical_id).where(ev.c.article_id == article_id).order_by(ev.c.start, ev.c.id)
        ).all()
        places = _children(conn, schema.places, article_id)
        counts = _children(conn, schema.counts, article_id)
        quotes = _children(conn, schema.quotes, article_id)
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "published": _iso(article.published) if article.published else None,
        "text": article.text,
        "events": [row.record for row in events],
        "quotes": [_quote(q) for q in quotes],
        "places": [Place(**{k: v for k, v in p.items() if k in Place.model_fields}).to_json_dict() for p in places],
        "counts": [Count(**{k: v for k, v in c.items() if k in Count.model_fields}).to_json_dict() for c in counts],
        "duplicate_of": article.duplicate_of,
        "canonical_ids": {row.record["id"]: row.canonical_id for row in events if row.canonical_id},
    }


def _children(conn: Connection, table: Any, article_id: str) -> list[dict[str, Any]]:
    query = select(table).where(table.c.article_id == article_id).order_by(table.c.ordinal)
    return [dict(row._mapping) for row in conn.execute(query)]


def _quote(row: dict[str, Any]) -> dict[str, Any]:
    speaker = None
    if row["speaker_text"] is not None:
        speaker = Speaker(
            entity_text=row["speaker_text"],
            start=row["speaker_start"],
            end=row["speaker_end"],
            code=row["speaker_code"],
            sector=row["speaker_sector"],
        )
    quote = Quote(text=row["text"], start=row["start"], end=row["end"], speaker=speaker, verb=row["verb"])
    return quote.to_json_dict()

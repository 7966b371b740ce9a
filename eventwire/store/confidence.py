"""Counts of canonical events per confidence band, so a timeline with `min_confidence` reads counts.

`canonical_confidence` counts the dated canonical events of every country per (grain, band, start,
type): grain is day, week or month, start the day, the Monday of its ISO week or the first of its
month, and band `int(confidence * 20)` clamped to 0..20, computed with the same IEEE arithmetic in
Python and in both dialects' SQL. A threshold `t` falls in band b = band(t): every event of a higher
band has a confidence above `t`, every event of a lower band one below it, so the matching events are
the counted bands above b plus the part of band b at or above `t`. That part is counted from the
events through the covering index on (confidence, date, type), from whichever side of `t` is the
narrower slice of band b: added when it is the slice above `t`, subtracted from band b's counts when
it is the slice below (for a threshold on a band's edge such as 0.9 that slice is empty, and a single
index probe says so). So a filtered timeline reads a few thousand counted rows and at most half a
band of index entries, instead of grouping every matching event.

`rollup.apply` and `rollup.rebuild` call `retract`, `add` and `rebuild` here, in the transaction of
every canonical write, so the counts never disagree with the events.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Date,
    Float,
    Index,
    Integer,
    String,
    Table,
    cast,
    delete,
    func,
    literal,
    literal_column,
    select,
)

# rollup imports this module for its maintenance hooks: only its attributes are used, at call time.
from eventwire.store import rollup, schema
from eventwire.store.rows import chunks

if TYPE_CHECKING:  # filters imports rollup, which imports this module
    from eventwire.store.filters import EventFilter

ce = schema.canonical_events

Grain = Literal["day", "week", "month"]
GRAINS: tuple[Grain, ...] = ("day", "week", "month")
BANDS = 20  # bands per unit of confidence; band 20 holds confidence 1 and above

canonical_confidence = Table(
    "canonical_confidence",
    schema.metadata,
    Column("grain", String(8), primary_key=True),  # day | week | month
    # The band before the date: a threshold reads only the bands above it, one index range each.
    Column("band", Integer, primary_key=True),
    Column("start", Date, primary_key=True),  # the bucket's first day
    Column("type", String(16), primary_key=True),
    Column("n", Integer, nullable=False),
    sqlite_with_rowid=False,
)
KEY = ("grain", "band", "start", "type")

# The part of one band above or below a threshold is counted from this index alone.
CONFIDENCE_INDEX = "ix_canonical_confidence_date_type"
Index(CONFIDENCE_INDEX, ce.c.confidence, ce.c.date, ce.c.type)


def band(confidence: float) -> int:
    """The band of a confidence: int(confidence * 20), clamped to 0..20 (as `band_sql` computes it)."""
    return int(min(max(confidence * BANDS, 0.0), float(BANDS)))


def band_sql(column: ColumnElement[Any], dialect: str) -> ColumnElement[Any]:
    """`band` in SQL: the same double multiplication, clamped, then truncated (floored: it is >= 0)."""
    scaled = column * literal_column(str(BANDS))
    if dialect == "postgresql":
        clamped = func.least(func.greatest(scaled, literal_column("0")), literal_column(str(BANDS)))
        return cast(func.floor(clamped), Integer)
    return cast(func.min(func.max(scaled, literal_column("0")), literal_column(str(BANDS))), Integer)


def _lowest(k: int) -> float:
    """The smallest double whose band is at least k (1..20): k / 20 or, where the product rounds up,
    a double or two below it (int(0.8999999999999999 * 20) is 18)."""
    x = k / BANDS
    while band(math.nextafter(x, -math.inf)) >= k:
        x = math.nextafter(x, -math.inf)
    while band(x) < k:
        x = math.nextafter(x, math.inf)
    return x


# EDGES[b] <= confidence < EDGES[b + 1] exactly for the events of band b.
EDGES: tuple[float, ...] = (-math.inf, *(_lowest(k) for k in range(1, BANDS + 1)), math.inf)


# -- keeping the counts in step ----------------------------------------------------------------------


def _buckets(day: dt.date) -> list[tuple[Grain, dt.date]]:
    return [("day", day), ("week", rollup.week_of(day)), ("month", rollup.month_of(day))]


def _counts(rows: Sequence[tuple[dt.date | None, str, float]]) -> Counter[tuple[str, int, dt.date, str]]:
    counts: Counter[tuple[str, int, dt.date, str]] = Counter()
    for day, event_type, confidence in rows:
        if day is not None:
            b = band(confidence)
            for grain, start in _buckets(day):
                counts[(grain, b, start, event_type)] += 1
    return counts


def retract(conn: Connection, ids: Sequence[str]) -> None:
    """Take the events `ids` (still in canonical_events) out of the counts."""
    gone: Counter[tuple[str, int, dt.date, str]] = Counter()
    for chunk in chunks(ids):
        rows = conn.execute(
            select(ce.c.date, ce.c.type, ce.c.confidence).where(ce.c.id.in_(chunk), ce.c.date.is_not(None))
        ).all()
        gone.update(_counts([tuple(row) for row in rows]))
    rollup.take_counts(conn, canonical_confidence, KEY, gone)


def add(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Count canonical_events rows (dicts of its columns) about to be inserted."""
    counts = _counts([(row["date"], row["type"], row["confidence"]) for row in rows])
    counted = [dict(zip(KEY, k, strict=True), n=n) for k, n in sorted(counts.items())]
    rollup.add_counts(conn, canonical_confidence, KEY, counted)


def rebuild(conn: Connection) -> None:
    """Recompute the counts set-wise from canonical_events: days from the events, weeks and months
    from the days."""
    dialect = conn.dialect.name
    c = canonical_confidence.c
    conn.execute(delete(canonical_confidence))
    banded = band_sql(ce.c.confidence, dialect)
    conn.execute(
        canonical_confidence.insert().from_select(
            ["grain", "band", "start", "type", "n"],
            select(literal("day"), banded, ce.c.date, ce.c.type, func.count())
            .where(ce.c.date.is_not(None))
            .group_by(banded, ce.c.date, ce.c.type),
        )
    )
    days = select(c.band, c.start, c.type, c.n).where(c.grain == "day").subquery()
    for grain in ("week", "month"):
        start = rollup.bucket(days.c.start, grain, dialect)
        conn.execute(
            canonical_confidence.insert().from_select(
                ["grain", "band", "start", "type", "n"],
                select(literal(grain), days.c.band, start, days.c.type, func.sum(days.c.n)).group_by(
                    days.c.band, start, days.c.type
                ),
            )
        )


# -- answering a timeline ------------------------------------------------------------------------------


def answers(f: EventFilter) -> bool:
    """True when a filter is a confidence threshold with at most dates and types beside it."""
    if f.min_confidence is None or math.isnan(f.min_confidence):
        return False
    return dataclasses.replace(f, start=None, end=None, types=[], min_confidence=None) == type(f)()


def timeline(conn: Connection, f: EventFilter, interval: Grain) -> list[tuple[Any, str, int]]:
    """(bucket, type, n) rows whose sums per bucket and type are the dated events matching `f` (see
    `answers`); a row may subtract (n < 0) and a sum may be 0."""
    assert f.min_confidence is not None
    threshold = f.min_confidence
    b = band(threshold)
    below, above = threshold - EDGES[b], EDGES[b + 1] - threshold
    if b == BANDS or above <= below:
        # Bands above b from the counts, the slice of band b from the threshold up from the events.
        bands, sign, low, high = list(range(b + 1, BANDS + 1)), 1, threshold, EDGES[b + 1]
    else:
        # Bands from b up from the counts, less the slice of band b below the threshold.
        bands, sign, low, high = list(range(b, BANDS + 1)), -1, EDGES[b], threshold
    rows = _counted(conn, f, interval, bands) if bands else []
    rows += [(bucket, event_type, sign * int(n)) for bucket, event_type, n in _slice(conn, f, interval, low, high)]
    return rows


def _counted(conn: Connection, f: EventFilter, interval: Grain, bands: list[int]) -> list[tuple[Any, str, int]]:
    """Counts of `bands` per bucket and type: whole weeks or months inside [start, end] from their own
    rows, the partial buckets at the edges (and days) from the day rows (`rollup.bucket_pieces`)."""
    if interval == "day":
        return _rows(conn, "day", bands, f.start, f.end, f.types)
    rows: list[tuple[Any, str, int]] = []
    for piece, first, last in rollup.bucket_pieces(f.start, f.end, interval):
        if piece == "day":
            rows += _days_in(conn, interval, bands, first, last, f.types)
        else:
            rows += _rows(conn, interval, bands, first, last, f.types)
    return rows


def _rows(
    conn: Connection,
    grain: Grain,
    bands: list[int],
    start: dt.date | None,
    end: dt.date | None,
    types: list[str],
) -> list[tuple[Any, str, int]]:
    c = canonical_confidence.c
    clauses = [c.grain == grain, c.band.in_(bands)]
    if start is not None:
        clauses.append(c.start >= start)
    if end is not None:
        clauses.append(c.start <= end)
    if types:
        clauses.append(c.type.in_(types))
    query = select(c.start, c.type, func.sum(c.n)).where(*clauses).group_by(c.start, c.type)
    return [tuple(row) for row in conn.execute(query)]


def _days_in(
    conn: Connection,
    grain: rollup.Grain,
    bands: list[int],
    start: dt.date | None,
    end: dt.date | None,
    types: list[str],
) -> list[tuple[Any, str, int]]:
    """Day counts from `start` to `end`, each under the week or month it belongs to."""
    return [(rollup.start_of(day, grain), t, n) for day, t, n in _rows(conn, "day", bands, start, end, types)]


def _slice(conn: Connection, f: EventFilter, interval: Grain, low: float, high: float) -> list[Any]:
    """Dated events matching `f`'s dates and types with low <= confidence < high, per bucket and type,
    read from the covering (confidence, date, type) index alone: at most half a band of its entries,
    where a date or type index would read every event of the dates or types (SQLite's planner picks
    those unless kept off them)."""
    dialect = conn.dialect.name
    day, event_type = ce.c.date, ce.c.type
    if dialect == "sqlite":
        day, event_type = rollup.unindexed(day), rollup.unindexed(event_type)
    bucket = (day if interval == "day" else rollup.bucket(day, interval, dialect)).label("bucket")
    clauses = [day.is_not(None)]
    if low > -math.inf:
        clauses.append(ce.c.confidence >= literal(low, Float))
    if high < math.inf:
        clauses.append(ce.c.confidence < literal(high, Float))
    if f.start:
        clauses.append(day >= f.start)
    if f.end:
        clauses.append(day <= f.end)
    if f.types:
        clauses.append(event_type.in_(f.types))
    query = select(bucket, event_type, func.count()).where(*clauses).group_by(bucket, event_type)
    return list(conn.execute(query))

"""Timelines with a confidence threshold, read from the counts per confidence band (store/confidence.py),
against grouping the events themselves, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from conftest import DATE_RANGES
from sqlalchemy import inspect, select

from eventwire.records import CanonicalEvent
from eventwire.store import Store, confidence, queries, rollup
from eventwire.store.filters import EventFilter
from eventwire.store.store import MIGRATIONS
from eventwire.store.synthetic import fill_store

N_EVENTS = 240
# Thresholds on a band's edge and inside one, at the ends of the scale and beyond them.
THRESHOLDS = [0.9, 0.5, 0.93, 0.001, 0.0, 0.95, 0.97, 0.62, 1.0, 1.5, -0.2, math.nextafter(0.9, 0)]
# Confidences on and next to the edges of bands, where int(c * 20) rounds the product: the band of
# 0.8999999999999999 is 18, like that of 0.9.
EDGY = [math.nextafter(0.9, 0), 0.9, 0.95, math.nextafter(0.45, 0), 0.45, 0.35, 1.0, 0.999, 0.93, 0.5]
# The synthetic data's date ranges, and one that ends before it starts.
RANGES = [*DATE_RANGES, (dt.date(2022, 6, 1), dt.date(2022, 5, 1))]


@pytest.fixture
def filled(db_url: str) -> tuple[Store, list[CanonicalEvent]]:
    store = Store.from_url(db_url)
    events = fill_store(store, N_EVENTS, seed=11, batch=80)
    edgy = [e.model_copy(update={"confidence": c}) for e, c in zip(events[::20], EDGY, strict=False)]
    store.replace_canonical(edgy)
    replaced = {e.id: e for e in edgy}
    return store, [replaced.get(e.id, e) for e in events]


def _counted(store: Store, f: EventFilter, interval: queries.Interval) -> list[dict[str, Any]]:
    """The timeline of `f` by grouping the matching events (`queries._timeline_of_events`)."""
    with store.engine.connect() as conn:
        rows = queries._timeline_of_events(conn, f, interval, store.dialect)
    counts: Counter[tuple[str, str]] = Counter()
    for bucket, event_type, n in rows:
        counts[(queries._iso(bucket), event_type)] += int(n)
    return [{"date": d, "type": t, "n": n} for (d, t), n in sorted(counts.items())]


def _from_counts(store: Store, f: EventFilter, interval: queries.Interval, monkeypatch) -> list[dict[str, Any]]:
    """`queries.timeline`, made to fail if it grouped the events instead of reading the counts."""
    with monkeypatch.context() as patched:
        patched.setattr(queries, "_timeline_of_events", None)
        return queries.timeline(store, f, interval)


def _assert_timelines_match(store: Store, monkeypatch, thresholds=THRESHOLDS, ranges=RANGES) -> None:
    for threshold in thresholds:
        for types in ([], ["ASSAULT", "PROTEST"]):
            for start, end in ranges:
                f = EventFilter(start=start, end=end, types=types, min_confidence=threshold)
                assert confidence.answers(f)
                for interval in queries.INTERVALS:
                    assert _from_counts(store, f, interval, monkeypatch) == _counted(store, f, interval), (f, interval)


def _table(store: Store) -> list[Any]:
    with store.engine.connect() as conn:
        return sorted(conn.execute(select(confidence.canonical_confidence)).all())


def test_bands_and_their_edges() -> None:
    for k in range(1, confidence.BANDS + 1):
        edge = confidence.EDGES[k]
        assert confidence.band(edge) == k
        assert confidence.band(math.nextafter(edge, -math.inf)) == k - 1
    assert confidence.band(math.nextafter(0.9, 0)) == 18 == int(math.nextafter(0.9, 0) * 20)
    assert confidence.band(-0.5) == 0
    assert confidence.band(7.0) == 20


def test_which_filters_the_counts_answer() -> None:
    assert confidence.answers(EventFilter(min_confidence=0.9, types=["AID"], start=dt.date(2020, 1, 1)))
    assert not confidence.answers(EventFilter())
    assert not confidence.answers(EventFilter(types=["AID"]))
    assert not confidence.answers(EventFilter(min_confidence=0.9, country="VEN"))
    assert not confidence.answers(EventFilter(min_confidence=0.9, min_sources=2))
    assert not confidence.answers(EventFilter(min_confidence=0.9, q="aid"))
    assert not confidence.answers(EventFilter(min_confidence=math.nan))


def test_timelines_from_the_counts_match_counting_the_events(filled, monkeypatch) -> None:
    store, events = filled
    assert any(e.date and e.confidence == math.nextafter(0.9, 0) for e in events)
    _assert_timelines_match(store, monkeypatch)
    # The counts are those a rebuild computes in SQL from the events.
    counted = _table(store)
    with store.engine.begin() as conn:
        rollup.rebuild(conn)
    assert _table(store) == counted


def test_counts_follow_replacements_removals_and_rebuilds(filled, monkeypatch) -> None:
    store, events = filled
    # New confidences (across bands and onto edges) and dates (into other weeks and months, out of the
    # dates, undated), one event removed.
    changed = [
        events[1].model_copy(update={"confidence": 0.97, "date": dt.date(2021, 3, 1)}),
        events[2].model_copy(update={"confidence": math.nextafter(0.9, 0), "date": dt.date(2023, 1, 1)}),
        events[3].model_copy(update={"confidence": 0.9, "date": None}),
        events[4].model_copy(update={"confidence": 0.36, "event": ["AID"], "date": dt.date(2018, 5, 5)}),
        events[5].model_copy(update={"confidence": 1.0}),
    ]
    store.replace_canonical(changed, remove_ids=[events[6].id])
    thresholds = [0.9, 0.93, 0.35, 1.0, math.nextafter(0.9, 0)]
    _assert_timelines_match(store, monkeypatch, thresholds)
    assert _from_counts(store, EventFilter(end=dt.date(2018, 12, 31), min_confidence=0.3), "month", monkeypatch) == [
        {"date": "2018-05-01", "type": "AID", "n": 1}
    ]
    incremental = _table(store)
    assert all(row.n > 0 for row in incremental)
    with store.engine.begin() as conn:
        rollup.rebuild(conn)
    assert _table(store) == incremental
    _assert_timelines_match(store, monkeypatch, thresholds)
    # Removing every event leaves no counts behind.
    store.replace_canonical([], remove_ids=[e.id for e in events])
    assert _table(store) == []


def _alembic(store: Store, action: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        getattr(command, action)(config, revision)


def test_the_migration_fills_the_counts_of_existing_events(filled, monkeypatch) -> None:
    store, _ = filled
    counted = _table(store)
    assert counted
    _alembic(store, "downgrade", "0005")
    names = inspect(store.engine)
    assert "canonical_confidence" not in names.get_table_names()
    assert confidence.CONFIDENCE_INDEX not in {ix["name"] for ix in names.get_indexes("canonical_events")}
    store.migrate()  # back to the newest revision: 0006 fills the counts from the events
    assert _table(store) == counted
    assert confidence.CONFIDENCE_INDEX in {ix["name"] for ix in inspect(store.engine).get_indexes("canonical_events")}
    _assert_timelines_match(store, monkeypatch, [0.9, 0.93], RANGES[:3])

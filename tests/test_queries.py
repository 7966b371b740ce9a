"""The query functions behind the API and dashboard, on SQLite and PostgreSQL, over synthetic events."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

import pytest
from alembic import command
from alembic.config import Config
from conftest import DATE_RANGES
from sqlalchemy import select

from eventwire.records import CanonicalEvent
from eventwire.store import Store, queries, rollup
from eventwire.store.filters import EventFilter
from eventwire.store.store import MIGRATIONS
from eventwire.store.synthetic import fill_store

N_EVENTS = 240


@pytest.fixture
def filled(db_url: str) -> tuple[Store, list[CanonicalEvent]]:
    store = Store.from_url(db_url)
    return store, fill_store(store, N_EVENTS, seed=11, batch=80)


def _expected(store: Store, f: EventFilter) -> list[str]:
    """The ids `EventFilter.where` selects: the one definition the faster query plans must agree with."""
    return sorted(e.id for e in store.iter_canonical(f.where()))


def _walk(store: Store, f: EventFilter, sort: queries.Sort, limit: int) -> list[dict]:
    events, cursor = [], None
    while True:
        page = queries.list_events(store, f, sort=sort, limit=limit, cursor=cursor, with_total=False)
        events.extend(page.events)
        if page.next is None:
            return events
        cursor = page.next


FILTERS = {
    "none": EventFilter(),
    "type": EventFilter(types=["ASSAULT"]),
    "types + dates": EventFilter(types=["PROTEST", "COERCE"], start=dt.date(2021, 1, 1), end=dt.date(2023, 6, 30)),
    "country": EventFilter(country="COL"),
    "country + type + start": EventFilter(country="VEN", types=["CONSULT", "ASSAULT"], start=dt.date(2020, 1, 1)),
    "confidence + sources": EventFilter(min_confidence=0.6, min_sources=2),
    "bbox": EventFilter(bbox=(-80.0, 0.0, -60.0, 15.0)),
    "actor": EventFilter(actor="Syrian"),
    "q": EventFilter(q="corridors"),
    "country + q": EventFilter(country="SYR", q="killing"),
}


@pytest.mark.parametrize("name", FILTERS)
def test_pages_walk_exactly_the_filtered_events(filled, name: str) -> None:
    store, _ = filled
    f = FILTERS[name]
    expected = _expected(store, f)
    assert expected, "the synthetic data should exercise every filter"
    for sort in queries.SORTS:
        walked = _walk(store, f, sort, limit=17)
        ids = [e["id"] for e in walked]
        assert len(ids) == len(set(ids)), f"repeats when sorting by {sort}"
        assert sorted(ids) == expected, sort
    assert queries.count_events(store, f) == (len(expected), True)


def test_sort_orders(filled) -> None:
    store, _ = filled
    newest = _walk(store, EventFilter(), "date_desc", 50)
    dated = [e["date"] for e in newest if e["date"]]
    assert dated == sorted(dated, reverse=True)
    # Undated events come after the dated ones, in both directions.
    assert all(e["date"] is None for e in newest[len(dated) :])
    oldest = _walk(store, EventFilter(), "date_asc", 50)
    assert [e["date"] for e in oldest if e["date"]] == sorted(dated)
    confident = [e["confidence"] for e in _walk(store, EventFilter(), "confidence", 50)]
    assert confident == sorted(confident, reverse=True)
    sourced = [e["n_sources"] for e in _walk(store, EventFilter(), "n_sources", 50)]
    assert sourced == sorted(sourced, reverse=True)


def test_a_cursor_only_continues_its_own_query(filled) -> None:
    store, _ = filled
    f = EventFilter(types=["ASSAULT"])
    page = queries.list_events(store, f, limit=5)
    assert page.next
    with pytest.raises(queries.CursorError, match="other filters"):
        queries.list_events(store, EventFilter(types=["PROTEST"]), limit=5, cursor=page.next)
    with pytest.raises(queries.CursorError, match="other filters"):
        queries.list_events(store, f, sort="confidence", limit=5, cursor=page.next)
    for forged in ("", "not base64!", "eyJ4IjoxfQ", page.next[:-3]):
        if forged:
            with pytest.raises(queries.CursorError):
                queries.list_events(store, f, limit=5, cursor=forged)


def test_counts_stop_at_the_cap_for_other_filters(filled, monkeypatch) -> None:
    store, _ = filled
    f = EventFilter(min_confidence=0.0)
    assert queries.count_events(store, f, cap=10) == (10, False)
    assert queries.count_events(store, f, cap=10_000) == (N_EVENTS, True)
    # The first page counts; the pages after it carry that count in their cursor.
    monkeypatch.setattr(queries, "COUNT_CAP", 10)
    first = queries.list_events(store, f, limit=20)
    assert (first.total, first.total_exact) == (10, False)
    monkeypatch.setattr(queries, "COUNT_CAP", 10_000)
    second = queries.list_events(store, f, limit=20, cursor=first.next)
    assert (second.total, second.total_exact) == (10, False)
    assert queries.list_events(store, f, limit=20).total == N_EVENTS


def test_timeline_buckets_add_up(filled) -> None:
    store, events = filled
    dated = [e for e in events if e.date]
    daily = queries.timeline(store, EventFilter(), "day")
    assert sum(b["n"] for b in daily) == len(dated)
    assert Counter(b["type"] for b in daily for _ in range(b["n"])) == Counter(e.type for e in dated)
    for interval in ("week", "month"):
        buckets = queries.timeline(store, EventFilter(country="VEN"), interval)
        days = [dt.date.fromisoformat(b["date"]) for b in buckets]
        assert all(d.weekday() == 0 for d in days) if interval == "week" else all(d.day == 1 for d in days)
        expected = _expected(store, EventFilter(country="VEN"))
        undated = {e.id for e in events if e.date is None}
        assert sum(b["n"] for b in buckets) == len(set(expected) - undated)
    # A confidence threshold is read from the counts per confidence band, another filter from the events.
    for f in (EventFilter(min_confidence=0.8), EventFilter(min_confidence=0.8, min_sources=1)):
        buckets = queries.timeline(store, f, "month")
        assert sum(b["n"] for b in buckets) == len([e for e in dated if e.confidence >= 0.8])


def test_timelines_from_the_rollups_match_counting_the_events(filled) -> None:
    store, _ = filled
    for country in (None, "VEN"):
        for types in ([], ["ASSAULT", "PROTEST"]):
            for start, end in DATE_RANGES:
                f = EventFilter(start=start, end=end, country=country, types=types)
                # min_sources 0 keeps every event but makes the query count the events themselves.
                counted = dataclasses.replace(f, min_sources=0)
                for interval in queries.INTERVALS:
                    assert queries.timeline(store, f, interval) == queries.timeline(store, counted, interval), (
                        f,
                        interval,
                    )


def test_week_buckets_start_on_monday_across_a_year_end(db_url: str) -> None:
    store = Store.from_url(db_url)
    events = fill_store(store, 30, seed=5)
    # Move one event to Sunday 2023-01-01: its ISO week starts on Monday 2022-12-26.
    moved = events[0].model_copy(update={"date": dt.date(2023, 1, 1)})
    store.replace_canonical([moved])
    weeks = queries.timeline(store, EventFilter(start=dt.date(2023, 1, 1), end=dt.date(2023, 1, 1)), "week")
    assert weeks == [{"date": "2022-12-26", "type": moved.type, "n": 1}]


def test_derived_tables_follow_replacements_and_removals(filled) -> None:
    store, events = filled
    # Change the type, date and country of one event, remove another.
    changed = events[0].model_copy(update={"event": ["AID"], "date": dt.date(2018, 5, 5), "actor": [], "recipient": []})
    store.replace_canonical([changed], remove_ids=[events[1].id])
    with store.engine.connect() as conn:
        derived = {
            "daily": sorted(conn.execute(select(rollup.canonical_daily)).all()),
            "countries": sorted(conn.execute(select(rollup.canonical_countries)).all()),
            "periods": sorted(conn.execute(select(rollup.canonical_periods)).all()),
        }
    with store.engine.begin() as conn:
        rollup.rebuild(conn)
    with store.engine.connect() as conn:
        assert sorted(conn.execute(select(rollup.canonical_daily)).all()) == derived["daily"]
        assert sorted(conn.execute(select(rollup.canonical_countries)).all()) == derived["countries"]
        assert sorted(conn.execute(select(rollup.canonical_periods)).all()) == derived["periods"]
    assert queries.timeline(store, EventFilter(end=dt.date(2018, 12, 31)), "day") == [
        {"date": "2018-05-05", "type": "AID", "n": 1}
    ]
    assert queries.count_events(store, EventFilter()) == (N_EVENTS - 1, True)
    # The search index followed too: the removed event is gone, the rebuilt index finds the same.
    removed_words = events[1].text.split()[-1].strip(".")
    found = {e["id"] for e in _walk(store, EventFilter(q=removed_words), "date_desc", 100)}
    assert events[1].id not in found
    assert sorted(found) == _expected(store, EventFilter(q=removed_words))


def test_search_matches_words_prefixes_and_actor_codes(filled) -> None:
    store, events = filled
    requests = {e.id for e in events if "corridors" in e.text}
    assert {e["id"] for e in _walk(store, EventFilter(q="corridors"), "date_desc", 100)} == requests
    assert {e["id"] for e in _walk(store, EventFilter(q="corrid*"), "date_desc", 100)} == requests
    # Every word must occur; punctuation in a query is not syntax.
    assert _walk(store, EventFilter(q='corridors "OR" ) sanctions'), "date_desc", 100) == []
    uno = {e.id for e in events if any(a.code == "UNO" for a in e.actor + e.recipient)}
    assert {e["id"] for e in _walk(store, EventFilter(actor="UNO"), "date_desc", 100)} == uno


def test_map_cells_aggregate_located_events(filled) -> None:
    store, events = filled
    located = [e for e in events if e.event_loc and e.event_loc.lat is not None]
    grid = queries.map_cells(store, EventFilter(), zoom=3)
    assert grid["cell_size"] == 45 / 8
    assert grid["n"] == sum(c["n"] for c in grid["cells"]) == len(located)
    assert sum(c["sources"] for c in grid["cells"]) == sum(e.n_sources for e in located)
    assert sum(c["dead"] for c in grid["cells"]) == sum(e.size.get("dead") or 0 for e in located)
    for cell in grid["cells"]:
        assert sum(cell["types"].values()) == cell["n"]
        assert (cell["event_id"] is not None) == (cell["n"] == 1)
    fine = queries.map_cells(store, EventFilter(types=["ASSAULT"]), zoom=9)
    assert all(set(c["types"]) == {"ASSAULT"} for c in fine["cells"])


def test_top_lists(filled) -> None:
    store, events = filled
    actors = queries.top_actors(store, EventFilter(), limit=5)
    assert len(actors) == 5 and actors == sorted(actors, key=lambda a: -a["n"])
    places = queries.top_places(store, EventFilter(country="SYR"), limit=3)
    assert places and all(p["country"] == "SYR" for p in places)
    countries = queries.top_countries(store, EventFilter(), limit=100)
    involved = Counter(
        c for e in events for c in {e.actor[0].code if e.actor else None, e.recipient[0].code if e.recipient else None,
                                    e.event_loc.country_code if e.event_loc else None} if c
    )  # fmt: skip
    assert {c["code"]: c["n"] for c in countries} == dict(involved)


def test_event_and_article_detail(filled) -> None:
    store, events = filled
    event = next(e for e in events if e.n_sources > 1)
    detail = queries.get_event(store, event.id)
    assert detail is not None and detail["id"] == event.id
    assert [s["article_id"] for s in detail["evidence"]] == [s.article_id for s in event.sources]
    for source in detail["evidence"]:
        assert source["title"] and source["event"]["spans"]
        article = queries.get_article(store, source["article_id"])
        assert article is not None
        text = article["text"]
        for span in source["event"]["spans"]:
            assert text[span["start"] : span["end"]] == span["text"]
        for place in article["places"]:
            assert text[place["start"] : place["end"]].lower() == place["text"].lower()
        quote = article["quotes"][0]
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert article["canonical_ids"] == {source["event"]["id"]: event.id}
    assert queries.get_event(store, "missing") is None
    assert queries.get_article(store, "missing") is None


def test_sqlite_planner_statistics_are_gathered_when_missing_or_stale(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(queries, "STATISTICS_FROM", 0)
    store = Store.from_url(str(tmp_path / "stats.db"))
    fill_store(store, 40, seed=2)
    assert queries.ensure_statistics(store) is True
    assert queries.ensure_statistics(store) is False  # current: nothing to do
    fill_store(store, 200, seed=3)  # five times the events: the statistics are stale
    assert queries.ensure_statistics(store) is True
    with store.engine.connect() as conn:
        stat = conn.exec_driver_sql("SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_canonical_type_date_id'").scalar()
    assert int(stat.split()[0]) == store.count_rows("canonical_events")


def _in_sort_order(store: Store, f: EventFilter, sort: queries.Sort) -> list[str]:
    """The ids of `f` in the order `_page_query` defines: dated by (date, id), then undated by id."""
    events = list(store.iter_canonical(f.where()))
    descending = sort == "date_desc"
    dated = sorted((e for e in events if e.date), key=lambda e: (e.date, e.id), reverse=descending)
    undated = sorted((e.id for e in events if not e.date), reverse=descending)
    return [e.id for e in dated] + undated


def test_search_pages_keep_the_date_order_across_crowded_days(filled) -> None:
    """Search lists on SQLite come from the full-text index in key order; ties within a day must still
    come out by id, pages must neither skip nor repeat, and keys must follow incremental writes."""
    store, events = filled
    # Crowd a third of the events onto three days, written one by one so that their keys within a day
    # are in write order, not id order; a few lose their date.
    days = [dt.date(2022, 3, d) for d in (1, 2, 3)]
    moved = [
        e.model_copy(update={"date": None if i % 10 == 9 else days[i % 3]})
        for i, e in enumerate(sorted(events[: N_EVENTS // 3], key=lambda e: e.id, reverse=True))
    ]
    for event in moved:
        store.replace_canonical([event])
    searches = [
        EventFilter(q="killing"),
        EventFilter(actor="Syrian"),
        EventFilter(q="corridors", actor="UNO"),
        EventFilter(q="killing", start=dt.date(2022, 3, 2), end=dt.date(2022, 12, 31)),
        EventFilter(q="killing", country="SYR", types=["ASSAULT", "COERCE"]),
    ]
    for f in searches:
        for sort in ("date_desc", "date_asc"):
            expected = _in_sort_order(store, f, sort)
            for limit in (1, 4, 50):
                assert [e["id"] for e in _walk(store, f, sort, limit)] == expected, (f, sort, limit)
        assert queries.count_events(store, f) == (len(expected), True)
    with store.engine.begin() as conn:
        rollup.rebuild(conn)
    for f in searches:
        assert [e["id"] for e in _walk(store, f, "date_desc", 3)] == _in_sort_order(store, f, "date_desc")


def test_search_keys_follow_the_dates(tmp_path) -> None:
    """The SQLite full-text index's rowids, written one batch at a time or rebuilt, lie in their day."""
    store = Store.from_url(str(tmp_path / "keys.db"))
    events = fill_store(store, N_EVENTS, seed=11, batch=80)

    def keys() -> dict[str, int]:
        with store.engine.connect() as conn:
            return dict(conn.execute(select(rollup.search_keys.c.canonical_id, rollup.search_keys.c.key)).all())

    written = keys()
    for event in events:
        base = rollup.search_key_base(event.date)
        assert base <= written[event.id] < base + rollup.KEYS_PER_DAY
    with store.engine.begin() as conn:
        rollup.rebuild(conn)
    rebuilt = keys()
    assert sorted(rebuilt) == sorted(written)
    assert all(rollup.search_key_base(e.date) <= rebuilt[e.id] < rollup.search_key_base(e.date) + 2**32 for e in events)


def test_a_crowded_box_pages_in_order(filled, monkeypatch) -> None:
    """A box holding more events than the count cap is read along the sort order on SQLite."""
    store, _ = filled
    f = EventFilter(bbox=(-180.0, -90.0, 180.0, 90.0))
    monkeypatch.setattr(queries, "COUNT_CAP", 5)
    for sort in ("date_desc", "date_asc"):
        events, cursor = [], None
        while True:
            page = queries.list_events(store, f, sort=sort, limit=9, cursor=cursor)
            assert page.total_exact is False
            events.extend(e["id"] for e in page.events)
            if page.next is None:
                break
            cursor = page.next
        assert events == _in_sort_order(store, f, sort)


def test_the_search_key_migration_puts_existing_indexes_in_date_order(tmp_path) -> None:
    store = Store.from_url(str(tmp_path / "migrated.db"))
    events = fill_store(store, 60, seed=3)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
    with store.engine.connect() as conn:
        keys = conn.execute(select(rollup.search_keys.c.key)).scalars().all()
    assert sorted(keys) == list(range(1, 61))  # numbered by id, as revision 0002 did
    store.migrate()
    with store.engine.connect() as conn:
        migrated = dict(conn.execute(select(rollup.search_keys.c.canonical_id, rollup.search_keys.c.key)).all())
    for event in events:
        assert 0 <= migrated[event.id] - rollup.search_key_base(event.date) < rollup.KEYS_PER_DAY
    f = EventFilter(q="killing")
    assert [e["id"] for e in _walk(store, f, "date_desc", 4)] == _in_sort_order(store, f, "date_desc")

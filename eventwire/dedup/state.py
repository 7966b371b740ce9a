"""The database side of deduplication: reading events, articles and canonical events by block, and
writing the dedup tables (`article_bands`, `dedup_keys`, `stories`, `articles.duplicate_of`).

Canonical events are written only through `Store.replace_canonical`, which keeps the API's derived
tables in step. Everything here runs on a Connection the caller opened, so one update can read and
write in as few transactions as the Store allows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from eventwire.dedup.cluster import MAX_SPAN_DAYS, CandidateIndex, cell_of, near_cells
from eventwire.dedup.features import ArticleInfo, EventFeatures, degree_window, features
from eventwire.records import CanonicalEvent, Event
from eventwire.store import schema

CHUNK = 500
ev, ar, ce = schema.events, schema.articles, schema.canonical_events
keys, bands = schema.dedup_keys, schema.article_bands


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# -- articles and near-duplicates ------------------------------------------------------------------


def article_infos(conn: Connection, article_ids: Iterable[str]) -> dict[str, ArticleInfo]:
    infos: dict[str, ArticleInfo] = {}
    for chunk in chunks(sorted(set(article_ids))):
        query = select(ar.c.id, ar.c.published, ar.c.url, ar.c.duplicate_of).where(ar.c.id.in_(chunk))
        for article_id, published, url, duplicate_of in conn.execute(query):
            infos[article_id] = ArticleInfo(published, url, duplicate_of or article_id)
    return infos


def article_texts(conn: Connection, article_ids: Iterable[str]) -> dict[str, tuple[dt.date | None, str]]:
    texts: dict[str, tuple[dt.date | None, str]] = {}
    for chunk in chunks(sorted(set(article_ids))):
        for article_id, published, text in conn.execute(
            select(ar.c.id, ar.c.published, ar.c.text).where(ar.c.id.in_(chunk))
        ):
            texts[article_id] = (published, text)
    return texts


def family_members(conn: Connection, article_ids: Iterable[str]) -> set[str]:
    """The articles in the same near-duplicate families as `article_ids` (themselves included)."""
    ids = sorted(set(article_ids))
    roots: set[str] = set(ids)
    for chunk in chunks(ids):
        roots |= {r for (r,) in conn.execute(select(ar.c.duplicate_of).where(ar.c.id.in_(chunk))) if r}
    members = set(roots)
    for chunk in chunks(sorted(roots)):
        members |= set(conn.execute(select(ar.c.id).where(ar.c.duplicate_of.in_(chunk))).scalars())
    return members


def duplicate_of(conn: Connection, article_ids: Iterable[str]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for chunk in chunks(sorted(set(article_ids))):
        found.update(dict(conn.execute(select(ar.c.id, ar.c.duplicate_of).where(ar.c.id.in_(chunk))).all()))
    return found


def set_duplicate_of(conn: Connection, links: dict[str, str | None]) -> None:
    for article_id, original in sorted(links.items()):
        conn.execute(update(ar).where(ar.c.id == article_id).values(duplicate_of=original))


def replace_bands(conn: Connection, article_bands: dict[str, list[str]]) -> None:
    ids = sorted(article_bands)
    for chunk in chunks(ids):
        conn.execute(delete(bands).where(bands.c.article_id.in_(chunk)))
    rows = [{"article_id": a, "band": b} for a in ids for b in sorted(set(article_bands[a]))]
    for chunk in chunks(rows, 2000):
        conn.execute(insert(bands), list(chunk))


def band_candidates(conn: Connection, band_keys: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(sorted(set(band_keys))):
        found |= set(conn.execute(select(bands.c.article_id).where(bands.c.band.in_(chunk))).scalars())
    return found


# -- per-article events and their blocking keys ---------------------------------------------------


def events_of_articles(conn: Connection, article_ids: Iterable[str]) -> dict[str, Event]:
    found: dict[str, Event] = {}
    for chunk in chunks(sorted(set(article_ids))):
        for (record,) in conn.execute(select(ev.c.record).where(ev.c.article_id.in_(chunk))):
            event = Event.model_validate(record)
            found[event.id] = event
    return found


def events_by_id(conn: Connection, event_ids: Iterable[str]) -> dict[str, Event]:
    found: dict[str, Event] = {}
    for chunk in chunks(sorted(set(event_ids))):
        for (record,) in conn.execute(select(ev.c.record).where(ev.c.id.in_(chunk))):
            event = Event.model_validate(record)
            found[event.id] = event
    return found


def load_features(conn: Connection, events: dict[str, Event]) -> dict[str, tuple[Event, EventFeatures, ArticleInfo]]:
    infos = article_infos(conn, {e.article_id for e in events.values()})
    loaded = {}
    for event_id, event in events.items():
        info = infos.get(event.article_id, ArticleInfo(family=event.article_id))
        loaded[event_id] = (event, features(event, info), info)
    return loaded


def old_keys(conn: Connection, article_ids: Iterable[str]) -> list[EventFeatures]:
    """The blocking keys stored for these articles' events (as they were when last clustered), as
    skeletal features that only `candidate_ids` reads."""
    rows: dict[str, list[Any]] = {}
    for chunk in chunks(sorted(set(article_ids))):
        for row in conn.execute(select(keys).where(keys.c.article_id.in_(chunk))):
            rows.setdefault(row.event_id, []).append(row)
    return [_skeleton(event_id, found) for event_id, found in sorted(rows.items())]


def _skeleton(event_id: str, rows: list[Any]) -> EventFeatures:
    first = rows[0]
    return EventFeatures(
        id=event_id,
        article_id=first.article_id,
        family=first.article_id,
        type="",
        type_family=first.family,
        modes=frozenset(),
        precision="",
        date=None,
        lo=first.lo,
        hi=first.hi,
        published=None,
        lat=first.lat,
        lon=first.lon,
        loc_rank=0,
        loc_country=None,
        admin1=None,
        place_name=None,
        country_keys=frozenset(r.country for r in rows),
        actor_codes=frozenset(),
        actor_pairs=frozenset(),
        recipient_codes=frozenset(),
        recipient_pairs=frozenset(),
        words=frozenset(),
        triggers=frozenset(),
        size=(),
        confidence=0.0,
    )


def replace_keys(conn: Connection, article_ids: Iterable[str], current: Sequence[EventFeatures]) -> None:
    """Forget the keys of these articles' events, and store (or refresh) the keys of `current`."""
    for chunk in chunks(sorted(set(article_ids))):
        conn.execute(delete(keys).where(keys.c.article_id.in_(chunk)))
    for chunk in chunks(sorted(f.id for f in current)):
        conn.execute(delete(keys).where(keys.c.event_id.in_(chunk)))
    rows = [
        {
            "event_id": f.id,
            "country": country,
            "article_id": f.article_id,
            "family": f.type_family,
            "lo": f.lo,
            "hi": f.hi,
            "lat": f.lat,
            "lon": f.lon,
            "cell": cell_of(f.lat, f.lon) if f.lat is not None and f.lon is not None else None,
        }
        for f in current
        for country in sorted(f.country_keys)
    ]
    for chunk in chunks(rows, 2000):
        conn.execute(insert(keys), list(chunk))


def candidate_ids(conn: Connection, frontier: Sequence[EventFeatures]) -> set[str]:
    """Ids of stored events that `compare` might accept with a frontier event.

    One query per type family and run of overlapping date windows fetches the keys filed under the
    frontier's countries or near its points; `CandidateIndex` then applies exactly the in-memory
    blocking to them, so the database and a rebuild see the same candidates.
    """
    by_family: dict[str, list[EventFeatures]] = defaultdict(list)
    for f in frontier:
        by_family[f.type_family].append(f)
    rows: list[Any] = []
    for family, members in sorted(by_family.items()):
        undated = [f for f in members if f.lo is None]
        if undated:
            countries = sorted({c for f in undated for c in f.country_keys})
            rows.extend(
                _key_rows(conn, and_(keys.c.family == family, keys.c.lo.is_(None), keys.c.country.in_(countries)))
            )
        for low, high, run in _date_runs([f for f in members if f.lo is not None]):
            countries = sorted({c for f in run for c in f.country_keys})
            cells = sorted({c for f in run if f.lat is not None and f.lon is not None for c in near_cells(f)})
            place = or_(keys.c.country.in_(countries), keys.c.cell.in_(cells))
            rows.extend(_key_rows(conn, and_(keys.c.family == family, keys.c.lo.between(low, high), place)))
    grouped: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row.event_id].append(row)
    index = CandidateIndex(_skeleton(event_id, found) for event_id, found in grouped.items())
    return {other.id for f in frontier for other in index.candidates(f)}


def _key_rows(conn: Connection, where: Any) -> list[Any]:
    return list(conn.execute(select(keys).where(where)))


def _date_runs(dated: list[EventFeatures]) -> Iterator[tuple[int, int, list[EventFeatures]]]:
    """Frontier events grouped into runs whose candidate windows (lo - MAX_SPAN_DAYS .. hi + 1) overlap."""
    run: list[EventFeatures] = []
    low = high = 0
    for f in sorted(dated, key=lambda f: (f.lo, f.id)):
        assert f.lo is not None and f.hi is not None
        start, end = f.lo - MAX_SPAN_DAYS, f.hi + 1
        if run and start > high:
            yield low, high, run
            run = []
        if not run:
            low, high = start, end
        run.append(f)
        high = max(high, end)
    if run:
        yield low, high, run


def events_of_canonical(conn: Connection, canonical_ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    cs = schema.canonical_sources
    for chunk in chunks(sorted(set(canonical_ids))):
        found |= set(conn.execute(select(cs.c.event_id).where(cs.c.canonical_id.in_(chunk))).scalars())
    return found


def canonical_of_events(conn: Connection, event_ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    cs = schema.canonical_sources
    for chunk in chunks(sorted(set(event_ids))):
        found |= set(conn.execute(select(cs.c.canonical_id).where(cs.c.event_id.in_(chunk))).scalars())
    return found


def canonical_of_articles(conn: Connection, article_ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    cs = schema.canonical_sources
    for chunk in chunks(sorted(set(article_ids))):
        found |= set(conn.execute(select(cs.c.canonical_id).where(cs.c.article_id.in_(chunk))).scalars())
    return found


# -- canonical events and stories -------------------------------------------------------------------


def canonical_by_id(conn: Connection, canonical_ids: Iterable[str]) -> dict[str, CanonicalEvent]:
    found: dict[str, CanonicalEvent] = {}
    for chunk in chunks(sorted(set(canonical_ids))):
        for (record,) in conn.execute(select(ce.c.record).where(ce.c.id.in_(chunk))):
            event = CanonicalEvent.model_validate(record)
            found[event.id] = event
    return found


def canonical_ids_of_stories(conn: Connection, story_ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(sorted(set(story_ids))):
        found |= set(conn.execute(select(ce.c.id).where(ce.c.story_id.in_(chunk))).scalars())
    return found


def canonical_near(conn: Connection, event: CanonicalEvent, days: int, km: float) -> set[str]:
    """Stored canonical events within `days` of `event` in its country or within `km` of it."""
    if event.date is None:
        return set()
    window = ce.c.date.between(event.date - dt.timedelta(days=days), event.date + dt.timedelta(days=days))
    loc = event.event_loc
    places = []
    if loc is not None and loc.country_code:
        places.append(ce.c.loc_country == loc.country_code)
    if loc is not None and loc.lat is not None and loc.lon is not None:
        dlat, dlon = degree_window(loc.lat, km)
        box = and_(ce.c.lat.between(loc.lat - dlat, loc.lat + dlat), ce.c.lon.between(loc.lon - dlon, loc.lon + dlon))
        places.append(box)
    if not places:
        return set()
    return set(conn.execute(select(ce.c.id).where(window, or_(*places))).scalars())


def replace_stories(conn: Connection, stories: Iterable[dict[str, Any]], remove_ids: Iterable[str]) -> None:
    rows = list(stories)
    ids = sorted({r["id"] for r in rows} | set(remove_ids))
    for chunk in chunks(ids):
        conn.execute(delete(schema.stories).where(schema.stories.c.id.in_(chunk)))
    for chunk in chunks(rows, 1000):
        conn.execute(insert(schema.stories), list(chunk))


def articles_without_canonical(store: Any) -> list[str]:
    query = select(ev.c.article_id).where(ev.c.canonical_id.is_(None)).distinct().order_by(ev.c.article_id)
    with store.engine.connect() as conn:
        return list(conn.execute(query).scalars())


# -- whole-database passes (rebuild) ----------------------------------------------------------------


def iter_articles(conn: Connection, batch_size: int = 1000) -> Iterator[tuple[str, dt.date | None, str | None, str]]:
    """(id, published, url, text) of every article."""
    result = conn.execution_options(stream_results=True).execute(
        select(ar.c.id, ar.c.published, ar.c.url, ar.c.text).order_by(ar.c.id)
    )
    for partition in result.partitions(batch_size):
        yield from ((a, p, u, t) for a, p, u, t in partition)


def iter_events(conn: Connection, batch_size: int = 1000) -> Iterator[Event]:
    result = conn.execution_options(stream_results=True).execute(select(ev.c.record).order_by(ev.c.id))
    for partition in result.partitions(batch_size):
        yield from (Event.model_validate(record) for (record,) in partition)


def all_canonical_ids(conn: Connection) -> list[str]:
    return list(conn.execute(select(ce.c.id).order_by(ce.c.id)).scalars())


def clear(conn: Connection) -> None:
    """Forget all derived dedup state (bands, keys, stories, near-duplicate links)."""
    for table in (bands, keys, schema.stories):
        conn.execute(delete(table))
    conn.execute(update(ar).where(ar.c.duplicate_of.is_not(None)).values(duplicate_of=None))


def story_ids_of(conn: Connection, canonical_ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(sorted(set(canonical_ids))):
        found |= {s for s in conn.execute(select(ce.c.story_id).where(ce.c.id.in_(chunk))).scalars() if s}
    return found

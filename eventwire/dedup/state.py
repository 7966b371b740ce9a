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

from eventwire.dedup.cluster import MAX_SPAN_DAYS
from eventwire.dedup.features import (
    ArticleInfo,
    EventFeatures,
    PlacePoint,
    block_keys,
    cell_of,
    degree_window,
    features,
    near_keys,
)
from eventwire.dedup.similarity import MAX_CROSS_BORDER_KM
from eventwire.records import CanonicalEvent, Event
from eventwire.store import schema
from eventwire.store.rows import chunks

ev, ar, ce = schema.events, schema.articles, schema.canonical_events
keys, bands = schema.dedup_keys, schema.article_bands


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


def values_where_in(conn: Connection, wanted: Any, key: Any, keys: Iterable[str]) -> set[str]:
    """The distinct values of column `wanted` in rows whose column `key` is one of `keys` (chunked IN)."""
    found: set[str] = set()
    for chunk in chunks(sorted(set(keys))):
        found |= set(conn.execute(select(wanted).where(key.in_(chunk))).scalars())
    return found


def band_candidates(conn: Connection, band_keys: Iterable[str]) -> set[str]:
    return values_where_in(conn, bands.c.article_id, bands.c.band, band_keys)


# -- per-article events and their blocking keys ---------------------------------------------------


def events_of_articles(conn: Connection, article_ids: Iterable[str]) -> dict[str, Event]:
    found: dict[str, Event] = {}
    for chunk in chunks(sorted(set(article_ids))):
        for (record,) in conn.execute(select(ev.c.record).where(ev.c.article_id.in_(chunk))):
            event = Event.model_validate(record)
            found[event.id] = event
    return found


def articles_of_events(conn: Connection, event_ids: Iterable[str]) -> set[str]:
    return values_where_in(conn, ev.c.article_id, ev.c.id, event_ids)


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
    rows: dict[str, list[Any]] = defaultdict(list)
    for chunk in chunks(sorted(set(article_ids))):
        for row in conn.execute(select(keys).where(keys.c.article_id.in_(chunk))):
            rows[row.event_id].append(row)
    return [_skeleton(event_id, found) for event_id, found in sorted(rows.items())]


def _skeleton(event_id: str, rows: list[Any]) -> EventFeatures:
    first = rows[0]
    points = tuple(
        PlacePoint(r.lat, r.lon, 3, None, None, None) for r in rows if r.key.startswith("g:") and r.lat is not None
    )
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
        sequence=0,
        places=points,
        country_keys=frozenset(r.key[2:] for r in rows if r.key.startswith("c:")),
        actor_codes=frozenset(),
        actor_pairs=frozenset(),
        recipient_codes=frozenset(),
        recipient_pairs=frozenset(),
        words=frozenset(),
        specific=frozenset(),
        triggers=frozenset(),
        size=(),
        confidence=0.0,
    )


def replace_keys(conn: Connection, article_ids: Iterable[str], units: Sequence[EventFeatures]) -> None:
    """Forget the keys of these articles' events, and store (or refresh) the keys of the events of
    `units`: each event is filed under its unit's keys."""
    for chunk in chunks(sorted(set(article_ids))):
        conn.execute(delete(keys).where(keys.c.article_id.in_(chunk)))
    event_ids = sorted(i for u in units for i in u.member_ids)
    for chunk in chunks(event_ids):
        conn.execute(delete(keys).where(keys.c.event_id.in_(chunk)))
    rows = []
    for unit in units:
        points = {
            f"g:{cell_of(p.lat, p.lon)}": (p.lat, p.lon) for p in unit.places if p.lat is not None and p.lon is not None
        }
        for key in sorted(block_keys(unit)):
            lat, lon = points.get(key, (None, None))
            for event_id in unit.member_ids:
                rows.append(
                    {
                        "event_id": event_id,
                        "key": key,
                        "article_id": unit.article_id,
                        "family": unit.type_family,
                        "lo": unit.lo,
                        "hi": unit.hi,
                        "lat": lat,
                        "lon": lon,
                    }
                )
    for chunk in chunks(rows, 2000):
        conn.execute(insert(keys), list(chunk))


def candidate_ids(conn: Connection, frontier: Sequence[EventFeatures]) -> set[str]:
    """Ids of stored events that `compare` might accept with a frontier unit: the database twin of
    `CandidateIndex.candidates` (the same type family, keys and day window), one query per type
    family and run of overlapping windows."""
    by_family: dict[str, list[EventFeatures]] = defaultdict(list)
    for f in frontier:
        by_family[f.type_family].append(f)
    found: set[str] = set()
    for family, members in sorted(by_family.items()):
        near = {f.id: near_keys(f, MAX_CROSS_BORDER_KM) for f in members}
        undated = [f for f in members if f.lo is None]
        if undated:
            wanted = sorted(set().union(*(near[f.id] for f in undated)))
            rows = _key_rows(conn, and_(keys.c.family == family, keys.c.lo.is_(None), keys.c.key.in_(wanted)))
            found |= {r.event_id for r in rows}
        for low, high, run in _date_runs([f for f in members if f.lo is not None]):
            wanted = sorted(set().union(*(near[f.id] for f in run)))
            where = and_(keys.c.family == family, keys.c.lo.between(low, high), keys.c.key.in_(wanted))
            for row in _key_rows(conn, where):
                if any(
                    row.key in near[f.id] and f.lo - MAX_SPAN_DAYS <= row.lo <= f.hi + 1 and row.hi >= f.lo - 1
                    for f in run
                ):  # type: ignore[operator]
                    found.add(row.event_id)
    return found


def _key_rows(conn: Connection, where: Any) -> list[Any]:
    return list(conn.execute(select(keys.c.event_id, keys.c.key, keys.c.lo, keys.c.hi).where(where)))


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
    cs = schema.canonical_sources
    return values_where_in(conn, cs.c.canonical_id, cs.c.article_id, article_ids)


# -- canonical events and stories -------------------------------------------------------------------


def canonical_by_id(conn: Connection, canonical_ids: Iterable[str]) -> dict[str, CanonicalEvent]:
    found: dict[str, CanonicalEvent] = {}
    for chunk in chunks(sorted(set(canonical_ids))):
        for (record,) in conn.execute(select(ce.c.record).where(ce.c.id.in_(chunk))):
            event = CanonicalEvent.model_validate(record)
            found[event.id] = event
    return found


def canonical_ids_of_stories(conn: Connection, story_ids: Iterable[str]) -> set[str]:
    return values_where_in(conn, ce.c.id, ce.c.story_id, story_ids)


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


def articles_without_canonical(conn: Connection) -> list[str]:
    query = select(ev.c.article_id).where(ev.c.canonical_id.is_(None)).distinct().order_by(ev.c.article_id)
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

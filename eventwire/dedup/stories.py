"""Stories: canonical events chained over days at one place or between the same parties.

Two canonical events are linked when they happened at most 7 days apart and either within 75 km of
each other (both located to a town or district), or in the same country between the same actor and
recipient (country and sector on both sides). A story is a connected component of these links with
at least two events — "border aid standoff" around Cúcuta and Ureña, an offensive around Goma — so a
gap of more than a week with nothing in between ends it.

The story id comes from its first event (earliest date, then id); the title names the main place,
the dominant event types and actors. Like the clustering, stories are a function of the set of
canonical events only.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import Field

from eventwire.dedup.cluster import components
from eventwire.dedup.features import LOC_RANK, haversine_km
from eventwire.records import CanonicalEvent, Record

STORY_GAP_DAYS = 7
STORY_KM = 75.0
MIN_EVENTS = 2


class Story(Record):
    id: str
    title: str
    start_date: dt.date | None
    end_date: dt.date | None
    n_events: int
    event_ids: list[str]
    types: dict[str, int] = Field(default_factory=dict)
    place: str | None = None
    countries: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)

    def row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "n_events": self.n_events,
            "record": self.to_json_dict(),
        }


def story_id_for(first_canonical_id: str) -> str:
    return "s" + hashlib.sha256(first_canonical_id.encode()).hexdigest()[:23]


def linked(a: CanonicalEvent, b: CanonicalEvent) -> bool:
    if a.date is None or b.date is None or abs((a.date - b.date).days) > STORY_GAP_DAYS:
        return False
    la, lb = a.event_loc, b.event_loc
    if _located(a) and _located(b):
        assert la is not None and lb is not None
        if haversine_km(la.lat, la.lon, lb.lat, lb.lon) <= STORY_KM:  # type: ignore[arg-type]
            return True
    if la is None or lb is None or not la.country_code or la.country_code != lb.country_code:
        return False
    return bool(_pairs(a.actor) & _pairs(b.actor)) and bool(_pairs(a.recipient) & _pairs(b.recipient))


def _located(event: CanonicalEvent) -> bool:
    loc = event.event_loc
    return loc is not None and loc.lat is not None and loc.lon is not None and LOC_RANK.get(loc.feature, 3) >= 3


def _pairs(actors: Sequence[Any]) -> set[tuple[str, str]]:
    return {(a.code, a.sector) for a in actors if a.code and a.sector}


def story_links(events: Sequence[CanonicalEvent]) -> list[tuple[str, str]]:
    """Linked pairs, found by a sweep over dates within each country and each 1° cell."""
    blocks: dict[Any, list[CanonicalEvent]] = defaultdict(list)
    for event in events:
        if event.date is None:
            continue
        loc = event.event_loc
        if loc is not None and loc.country_code:
            blocks[("country", loc.country_code)].append(event)
        if _located(event):
            assert loc is not None and loc.lat is not None and loc.lon is not None
            blocks[("cell", int(loc.lat // 1), int(loc.lon // 1))].append(event)
    found: set[tuple[str, str]] = set()
    for key, members in blocks.items():
        # Points within STORY_KM can sit in neighbouring cells: those blocks are compared too.
        pool = sorted(members if key[0] == "country" else _cell_pool(blocks, key), key=_day)
        days = [_day(e) for e in pool]
        for event in members:
            # Each pair is seen from its earlier event (both ways on the same day).
            for i in range(bisect.bisect_left(days, _day(event)), len(pool)):
                other = pool[i]
                if days[i] > _day(event) + STORY_GAP_DAYS:
                    break
                pair = (event.id, other.id) if event.id < other.id else (other.id, event.id)
                if other.id != event.id and pair not in found and linked(event, other):
                    found.add(pair)
    return sorted(found)


def _day(event: CanonicalEvent) -> int:
    assert event.date is not None
    return event.date.toordinal()


def _cell_pool(blocks: dict[Any, list[CanonicalEvent]], key: tuple[str, int, int]) -> list[CanonicalEvent]:
    _, row, col = key
    pool: list[CanonicalEvent] = []
    for dr in (-1, 0, 1):
        for dc in (-2, -1, 0, 1, 2):
            pool.extend(blocks.get(("cell", row + dr, col + dc), ()))
    return pool


def build_stories(events: Sequence[CanonicalEvent]) -> tuple[list[Story], dict[str, str | None]]:
    """The stories over these canonical events and each event's story id (None when it stands alone)."""
    by_id = {e.id: e for e in events}
    assignment: dict[str, str | None] = dict.fromkeys(by_id)
    stories = []
    for ids in components(by_id, story_links(events)):
        if len(ids) < MIN_EVENTS:
            continue
        story = make_story([by_id[i] for i in ids])
        stories.append(story)
        assignment.update(dict.fromkeys(ids, story.id))
    return sorted(stories, key=lambda s: s.id), assignment


def make_story(members: Iterable[CanonicalEvent]) -> Story:
    ordered = sorted(members, key=lambda e: (e.date or dt.date.max, e.id))
    dates = [e.date for e in ordered if e.date]
    types = Counter(e.type for e in ordered)
    places = Counter(e.event_loc.name or e.event_loc.text for e in ordered if e.event_loc is not None and _located(e))
    countries = Counter(e.event_loc.country_code for e in ordered if e.event_loc and e.event_loc.country_code)
    actors = Counter(f"{a.code} {a.sector}" if a.sector else a.code for e in ordered for a in e.actor if a.code)
    place = _top(places, 1)[0] if places else None
    country = _top(countries, 1)[0] if countries else None
    where = ", ".join(p for p in (place, country) if p) or "Unlocated"
    title = f"{where}: {', '.join(t.lower() for t in _top(types, 3))}"
    if actors:
        title += " — " + ", ".join(_top(actors, 2))
    return Story(
        id=story_id_for(ordered[0].id),
        title=title,
        start_date=min(dates, default=None),
        end_date=max(dates, default=None),
        n_events=len(ordered),
        event_ids=[e.id for e in ordered],
        types=dict(sorted(types.items())),
        place=place,
        countries=_top(countries, len(countries)),
        actors=_top(actors, 5),
    )


def _top(counts: Counter[str], n: int) -> list[str]:
    return sorted(counts, key=lambda k: (-counts[k], k))[:n]

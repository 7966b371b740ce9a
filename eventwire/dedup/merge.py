"""One canonical event from a cluster of per-article events: the record researchers see.

- id: from the cluster's earliest report (publication, article id, event id), so a later report
  joining an event leaves its id alone;
- the representative record: the best evidence among the members of the cluster's type (confidence,
  with a bonus for a precise location and date);
- location and date: the most precise among the sources (for dates, the most common day among the
  most precise ones, the earliest on a tie);
- counts: the lowest figure reported for each kind (conservative), the range in `size_range`;
- sources, n_sources (distinct articles), n_independent_sources (distinct near-duplicate families:
  a syndicated copy is the same source twice, not a confirmation), first/last_reported;
- merge_reasons: which features matched, for the evidence view.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections import Counter
from collections.abc import Sequence

from eventwire.dedup.features import DATE_RANK, ArticleInfo, EventFeatures, haversine_km
from eventwire.dedup.similarity import jaccard
from eventwire.records import CanonicalEvent, Event, Source

Member = tuple[Event, EventFeatures, ArticleInfo]


def canonical_id_for(anchor_event_id: str) -> str:
    """The canonical id of the cluster whose earliest report is `anchor_event_id`."""
    return "c" + hashlib.sha256(anchor_event_id.encode()).hexdigest()[:23]


def build_canonical(members: Sequence[Member]) -> CanonicalEvent:
    members = sorted(members, key=lambda m: m[1].sort_key())
    anchor = members[0][1]
    etype = _main_type([f for _, f, _ in members])
    rep_event, _, _ = max(
        (m for m in members if m[1].type == etype),
        key=lambda m: (_evidence(m[1]), -m[1].sort_key()[0].toordinal(), _reverse(m[1].id)),
    )
    loc_event = max(members, key=lambda m: (m[1].loc_rank, _score(m[0])))[0]
    date, precision = _best_date([f for _, f, _ in members], rep_event)
    size, size_range = _merge_sizes([e for e, _, _ in members])
    actor = rep_event.actor or next((e.actor for e, _, _ in members if e.actor), [])
    recipient = rep_event.recipient or next((e.recipient for e, _, _ in members if e.recipient), [])
    published = [info.published for _, _, info in members if info.published]
    sources = [
        Source(article_id=e.article_id, url=info.url, published=info.published, event_id=e.id) for e, _, info in members
    ]
    return CanonicalEvent(
        **rep_event.model_dump(exclude={"id", "date", "date_precision", "event_loc", "size", "actor", "recipient"}),
        id=canonical_id_for(anchor.id),
        date=date,
        date_precision=precision,
        event_loc=loc_event.event_loc if loc_event.event_loc is not None else rep_event.event_loc,
        size=size,
        actor=actor,
        recipient=recipient,
        n_sources=len({e.article_id for e, _, _ in members}),
        n_independent_sources=len({f.family for _, f, _ in members}),
        sources=sources,
        first_reported=min(published, default=None),
        last_reported=max(published, default=None),
        size_range=size_range,
        merge_reasons=merge_reasons([f for _, f, _ in members]),
    )


def _main_type(members: list[EventFeatures]) -> str:
    counts = Counter(f.type for f in members)
    return min(counts, key=lambda t: (-counts[t], t))


def _evidence(f: EventFeatures) -> float:
    return round(f.confidence + 0.05 * f.loc_rank + 0.03 * DATE_RANK.get(f.precision, 0), 9)


def _reverse(text: str) -> tuple[int, ...]:
    """A key that sorts strings backwards, so `max` picks the smallest id on ties."""
    return tuple(-ord(ch) for ch in text)


def _score(event: Event) -> float:
    return event.event_loc.score if event.event_loc else 0.0


def _best_date(members: list[EventFeatures], rep: Event) -> tuple[dt.date | None, str]:
    dated = [f for f in members if f.date is not None]
    if not dated:
        return rep.date, rep.date_precision
    best = max(DATE_RANK.get(f.precision, 0) for f in dated)
    top = [f for f in dated if DATE_RANK.get(f.precision, 0) == best]
    counts = Counter(f.date for f in top)
    date = min(counts, key=lambda d: (-counts[d], d))
    return date, top[0].precision


def _merge_sizes(events: list[Event]) -> tuple[dict[str, int | None], dict[str, list[int]]]:
    figures: dict[str, list[int]] = {}
    for event in events:
        for key, value in event.size.items():
            if value is not None:
                figures.setdefault(key, []).append(value)
    keys = sorted({k for e in events for k in e.size})
    size = {k: min(figures[k]) if k in figures else None for k in keys}
    return size, {k: [min(v), max(v)] for k, v in sorted(figures.items()) if len(set(v)) > 1}


def merge_reasons(members: list[EventFeatures]) -> list[str]:
    """Why these reports were taken for one event, summarised over the cluster."""
    if len(members) < 2:
        return []
    reasons = []
    types = sorted({f.type for f in members})
    reasons.append(f"same type {types[0]}" if len(types) == 1 else f"types {' / '.join(types)}, overlapping acts")
    dates = sorted({f.date for f in members if f.date is not None})
    if dates:
        shown = " / ".join(str(d) for d in dates[:4]) + (" …" if len(dates) > 4 else "")
        reasons.append(f"dates {shown}")
    reasons.extend(_place_reason(members))
    for label, attr in (("actors", "actor_pairs"), ("recipients", "recipient_pairs")):
        known = [getattr(f, attr) for f in members if getattr(f, attr)]
        common = frozenset.intersection(*known) if len(known) > 1 else frozenset()
        if common:
            reasons.append(f"{label} " + ", ".join(sorted(f"{c} {s}" if s else c for c, s in common)))
    cross = [(x, y) for x, y in itertools.combinations(members, 2) if x.article_id != y.article_id]
    if cross:
        mean = sum(jaccard(x.words, y.words) for x, y in cross) / len(cross)
        reasons.append(f"text similarity {mean:.2f}")
    families = Counter(f.family for f in members)
    copies = len({f.article_id for f in members}) - len(families)
    if copies:
        reasons.append(f"{copies} near-duplicate article{'s' if copies > 1 else ''} (same source family)")
    return reasons


def _place_reason(members: list[EventFeatures]) -> list[str]:
    points = [p for f in members for p in f.places[:1] if p.rank >= 3 and p.lat is not None and p.lon is not None]
    if len(points) > 1:
        widest = max(
            haversine_km(x.lat, x.lon, y.lat, y.lon)  # type: ignore[arg-type]
            for x, y in itertools.combinations(points, 2)
        )
        if widest < 1.0:
            return [f"same place {points[0].name}"]
        return [f"places within {widest:.0f} km"]
    countries = {p.country for f in members for p in f.places if p.country}
    if len(countries) == 1:
        return [f"same country {countries.pop()}"]
    return []

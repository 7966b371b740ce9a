"""One canonical event from a cluster of per-article events: the record researchers see.

- id: from the cluster's earliest report (publication, article id, event id), so a later report
  joining an event leaves its id alone;
- the representative record: the best evidence among the members of the cluster's type (confidence,
  with a bonus for a precise location and date);
- location: the one the most articles support, then the most precise (a stray resolution in one
  outlet's sentence loses to what the others agree on); date: the most precise, then the day the
  most articles give, the earliest on a tie;
- counts: each article's figure is the largest it gives (its toll, not one victim's story); the
  event's is the lowest credible one of the articles' figures (conservative; under a quarter of
  their median is taken for a misread), the range of all in `size_range`;
- sources, n_sources (distinct articles), n_independent_sources (distinct near-duplicate families:
  a syndicated copy is the same source twice, not a confirmation), first/last_reported;
- merge_reasons: which features matched — type, dates, what each account agrees on with the account
  it agrees with most (places, actors), text similarity and the particulars shared — for the
  evidence view.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import statistics
from collections import Counter
from collections.abc import Sequence

from eventwire.dedup.features import DATE_RANK, LOC_RANK, UNREAL_MODES, ArticleInfo, EventFeatures, haversine_km
from eventwire.dedup.similarity import PairScore, compare, text_similarity
from eventwire.records import CanonicalEvent, Event, Place, Source

# Places within this distance of each other support the same location.
SUPPORT_KM = 25.0

Member = tuple[Event, EventFeatures, ArticleInfo]


def canonical_id_for(anchor_event_id: str) -> str:
    """The canonical id of the cluster whose earliest report is `anchor_event_id`."""
    return "c" + hashlib.sha256(anchor_event_id.encode()).hexdigest()[:23]


def build_canonical(members: Sequence[Member], accounts: Sequence[EventFeatures] = ()) -> CanonicalEvent:
    """The canonical event of a cluster: its per-article events (`members`) and the articles'
    accounts they were grouped into (`accounts`, units.py; the events themselves when not given)."""
    members = sorted(members, key=lambda m: m[1].sort_key())
    anchor = members[0][1]
    etype = _main_type([f for _, f, _ in members])
    rep_event, _, _ = max(
        (m for m in members if m[1].type == etype),
        key=lambda m: (_evidence(m[1]), -m[1].sort_key()[0].toordinal(), _reverse(m[1].id)),
    )
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
        event_loc=_best_place([e for e, _, _ in members]) or rep_event.event_loc,
        size=size,
        actor=actor,
        recipient=recipient,
        n_sources=len({e.article_id for e, _, _ in members}),
        n_independent_sources=len({f.family for _, f, _ in members}),
        sources=sources,
        first_reported=min(published, default=None),
        last_reported=max(published, default=None),
        size_range=size_range,
        merge_reasons=merge_reasons(list(accounts) or [f for _, f, _ in members]),
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
    """The most precise date, and among those the one the most articles give (the earliest on a tie)."""
    dated = [f for f in members if f.date is not None]
    if not dated:
        return rep.date, rep.date_precision
    best = max(DATE_RANK.get(f.precision, 0) for f in dated)
    top = [f for f in dated if DATE_RANK.get(f.precision, 0) == best]
    articles: dict[dt.date, set[str]] = {}
    for f in top:
        articles.setdefault(f.date, set()).add(f.article_id)  # type: ignore[arg-type]
    date = min(articles, key=lambda d: (-len(articles[d]), d))
    return date, top[0].precision


def _best_place(events: list[Event]) -> Place | None:
    """The location the most articles support (they name it or a place within SUPPORT_KM of it),
    then the most precise: one outlet's stray resolution loses to what the others agree on."""
    places = {(p.name, p.country_code, p.lat, p.lon): p for e in events if (p := e.event_loc) is not None}
    if not places:
        return None
    by_article: dict[str, list[Place]] = {}
    for event in events:
        if event.event_loc is not None:
            by_article.setdefault(event.article_id, []).append(event.event_loc)

    def support(place: Place) -> int:
        return sum(any(_supports(other, place) for other in named) for named in by_article.values())

    return max(
        places.values(),
        key=lambda p: (support(p), LOC_RANK.get(p.feature, 1) if p.lat is not None else 0, p.score, p.name or ""),
    )


def _supports(other: Place, place: Place) -> bool:
    if other.name and other.name == place.name:
        return True
    if None not in (other.lat, other.lon, place.lat, place.lon):
        return haversine_km(other.lat, other.lon, place.lat, place.lon) <= SUPPORT_KM  # type: ignore[arg-type]
    return bool(place.feature == "country" and place.country_code and other.country_code == place.country_code)


def _merge_sizes(events: list[Event]) -> tuple[dict[str, int | None], dict[str, list[int]]]:
    """Each article's figure is the largest it gives (the toll, not one victim's story); the event's
    is the lowest credible one of the articles' figures, the range of all kept when they differ."""
    by_article: dict[str, dict[str, int]] = {}
    # Figures of denied, possible or background acts are not this event's toll.
    factual = [e for e in events if not UNREAL_MODES.intersection(e.mode)] or events
    for event in factual:
        figures = by_article.setdefault(event.article_id, {})
        for key, value in event.size.items():
            if value is not None:
                figures[key] = max(value, figures.get(key, value))
    reported: dict[str, list[int]] = {}
    for figures in by_article.values():
        for key, value in figures.items():
            reported.setdefault(key, []).append(value)
    keys = sorted({k for e in events for k in e.size})
    size = {k: min(_credible(reported[k])) if k in reported else None for k in keys}
    return size, {k: [min(v), max(v)] for k, v in sorted(reported.items()) if len(set(v)) > 1}


def _credible(figures: list[int]) -> list[int]:
    """Figures not far below the others: under a quarter of the median is a partial count or a
    misread ("two days" taken for two dead) more often than the truth."""
    floor = statistics.median(figures) / 4
    return [f for f in figures if f >= floor]


def merge_reasons(accounts: list[EventFeatures]) -> list[str]:
    """Why these accounts were taken for one event: what each agrees on with the account it agrees
    with most, summarised over the cluster."""
    if len(accounts) < 2:
        return []
    best: list[tuple[EventFeatures, EventFeatures, PairScore]] = []
    for account in accounts:
        pairs = [
            (account, other, score) for other in accounts if other is not account if (score := compare(account, other))
        ]
        if pairs:
            best.append(max(pairs, key=lambda p: (p[2].score, p[1].id)))
    types = sorted({a.type for a in accounts})
    reasons = [f"same type {types[0]}" if len(types) == 1 else f"types {' / '.join(types)}, overlapping acts"]
    dates = sorted({a.date for a in accounts if a.date is not None})
    if dates:
        reasons.append("dates " + " / ".join(str(d) for d in dates[:4]) + (" …" if len(dates) > 4 else ""))
    found = Counter(
        r for _, _, score in best for r in score.reasons if r.startswith(_SUMMARISED) or _is_place_reason(r)
    )
    reasons.extend(r for r, _ in found.most_common(4))
    if best:
        mean = sum(text_similarity(a, b) for a, b, _ in best) / len(best)
        shared = Counter(w for a, b, _ in best for w in a.specific & b.specific)
        words = ", ".join(w for w, _ in sorted(shared.items(), key=lambda x: (-x[1], x[0]))[:8])
        reasons.append(f"text similarity {mean:.2f}" + (f" (shared: {words})" if words else ""))
    copies = len({a.article_id for a in accounts}) - len({a.family for a in accounts})
    if copies:
        reasons.append(f"{copies} near-duplicate article{'s' if copies > 1 else ''} (same source family)")
    return reasons


# The per-pair reasons worth repeating in the summary: where and who.
_SUMMARISED = ("same place", "same province", "same country", "places disagree", "actors", "recipients")


def _is_place_reason(reason: str) -> bool:
    return reason.endswith("km apart")

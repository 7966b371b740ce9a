"""An article's account of an event: its per-article events of one type that tell the same story.

Event coders emit one event per trigger ("fired", "gas" and "killed" in one sentence), and an article
comes back to its main incident several times; each of those events carries its own location and
actors, resolved sentence by sentence and often inconsistently ("Venezuela" for one trigger,
"Colombia" for the next). Comparing articles event by event would let that noise veto merges, so
each article's events are first grouped into units, and articles are compared unit by unit:

- events of one sentence and type are one unit, whatever mode each trigger got ("fired ... at crowds
  trying to move a convoy" gives a real and a hypothetical ASSAULT): it is unreal only if all are;
- events of one type from different sentences join when their dates agree (to the day when both are
  dated to the day: within one article different days are different events). Their locations are
  not compared: within one article they disagree far more often by the resolver's mistakes (an
  outlet's name taken for a town, a demonym for the country) than because the article reports two
  events of one type on one day in two places; a roundup of that kind is merged (a known weakness);
- a unit keeps everything its events said: all their places (most precise first), actors, words;
  the most precise date; every figure (a pair of units agrees on a count when any two agree).

Grouping uses the same deterministic agglomeration as the clustering (complete-linkage veto on
dates), so an article's account of Saturday's attack and its mention of Monday's stay apart.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable

from eventwire.dedup.cluster import Pair, cluster_component
from eventwire.dedup.features import DATE_RANK, UNREAL_MODES, EventFeatures, country_keys
from eventwire.dedup.similarity import PairScore

UNIT_THRESHOLD = 0.6


def compare_within(a: EventFeatures, b: EventFeatures) -> PairScore | None:
    """Two sentences' accounts of one article: the same account of one event?"""
    if a.type != b.type or a.unreal != b.unreal:
        return None
    if a.dated != b.dated:
        return None
    if a.dated:
        assert a.lo is not None and a.hi is not None and b.lo is not None and b.hi is not None
        both_days = a.precision == "day" and b.precision == "day"
        if (both_days and a.lo != b.lo) or max(a.lo, b.lo) > min(a.hi, b.hi):
            return None
    return PairScore(0.9 if a.date == b.date else 0.7, ("same article",))


def article_units(events: Iterable[EventFeatures]) -> list[EventFeatures]:
    """The units of these events (whole articles must be given: a unit never spans two articles).

    Two steps, so that a sentence's stray mode cannot split an article's account: first the events
    of each sentence and type become one unit, then those join across sentences.
    """
    by_article: dict[str, list[EventFeatures]] = defaultdict(list)
    for event in events:
        by_article[event.article_id].append(event)
    units = []
    for article in sorted(by_article):
        by_sentence: dict[tuple[int, str], list[EventFeatures]] = defaultdict(list)
        for event in by_article[article]:
            by_sentence[(event.sequence, event.type)].append(event)
        sentences = sorted((consolidate(group) for group in by_sentence.values()), key=lambda f: f.id)
        edges: dict[Pair, PairScore] = {}
        for x, y in itertools.combinations(sentences, 2):
            score = compare_within(x, y)
            if score is not None:
                edges[(x.id, y.id)] = score
        groups = (
            cluster_component(sentences, edges, compare_within, UNIT_THRESHOLD) if edges else [[s] for s in sentences]
        )
        units.extend(consolidate(group) for group in groups)
    return sorted(units, key=lambda u: u.id)


def consolidate(group: list[EventFeatures]) -> EventFeatures:
    """One unit from events (or units) of one account; a lone one stands for itself."""
    if len(group) == 1:
        return group[0]
    group = sorted(group, key=lambda f: f.id)
    first = group[0]
    dating = max(group, key=lambda f: (DATE_RANK.get(f.precision, 0), _votes(group, f), -(f.lo or 0), _neg(f.id)))
    unreal = frozenset.intersection(*(f.modes for f in group)) & UNREAL_MODES
    places = sorted({p for f in group for p in f.places}, key=lambda p: (-p.rank, p.name or "", p.lat or 0, p.lon or 0))
    actor_codes = frozenset().union(*(f.actor_codes for f in group))
    recipient_codes = frozenset().union(*(f.recipient_codes for f in group))
    return EventFeatures(
        id=first.id,
        article_id=first.article_id,
        family=first.family,
        type=first.type,
        type_family=first.type_family,
        modes=frozenset().union(*(f.modes - UNREAL_MODES for f in group)) | unreal,
        precision=dating.precision,
        date=dating.date,
        lo=dating.lo,
        hi=dating.hi,
        published=first.published,
        sequence=min(f.sequence for f in group),
        places=tuple(places),
        country_keys=country_keys(tuple(places), actor_codes | recipient_codes),
        actor_codes=actor_codes,
        actor_pairs=frozenset().union(*(f.actor_pairs for f in group)),
        recipient_codes=recipient_codes,
        recipient_pairs=frozenset().union(*(f.recipient_pairs for f in group)),
        words=frozenset().union(*(f.words for f in group)),
        specific=frozenset().union(*(f.specific for f in group)),
        triggers=frozenset().union(*(f.triggers for f in group)),
        size=tuple(sorted({item for f in group for item in f.size})),
        confidence=max(f.confidence for f in group),
        members=tuple(sorted(i for f in group for i in f.member_ids)),
    )


def _votes(group: list[EventFeatures], f: EventFeatures) -> int:
    return Counter((g.date, g.precision) for g in group)[(f.date, f.precision)]


def _neg(text: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in text)

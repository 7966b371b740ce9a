"""Deterministic clustering of articles' accounts of events (units.py) into real-world events.

1. Blocking: only accounts that `compare` could link are ever scored — the same type family, days
   within reach of each other, and a country in common or points near a border. `CandidateIndex`
   files events under their countries and 1° grid cells (features.block_keys) with sorted day lists
   per (type family, key), so the work grows with the events per block and window, not with the
   square of all events.
2. Links: pairs scoring at least LINK_THRESHOLD; their connected components are the units of
   clustering.
3. Within a component, average-linkage agglomeration with a complete-linkage veto: two clusters merge
   when no cross pair is ruled out (dates, types, one article) and their cross pairs average at
   least MERGE_THRESHOLD (neutral pairs left out), best pair first, ties by member ids. These are the guards against
   chaining: a run of daily reports from one city links into one component but never into one
   cluster spanning weeks, and a stray link cannot pull an account into a cluster whose other
   members it does not agree with.

Every step is a function of the set of accounts alone (never of their order), so any input order,
and an incremental update that reclusters whole components, gives the same clusters.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from eventwire.dedup.features import EventFeatures, block_keys, near_keys
from eventwire.dedup.similarity import LINK_THRESHOLD, MAX_CROSS_BORDER_KM, MERGE_THRESHOLD, PairScore, compare

# The longest interval a dated event can have (a 31-day month) plus the one-day tolerance.
MAX_SPAN_DAYS = 32
Pair = tuple[str, str]


class CandidateIndex:
    """The events that could match a given event, found without scanning them all."""

    def __init__(self, events: Iterable[EventFeatures] = ()) -> None:
        self._dated: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
        self._undated: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.events: dict[str, EventFeatures] = {}
        self._sorted = True
        for event in events:
            self.add(event)

    def add(self, event: EventFeatures) -> None:
        if event.id in self.events:
            return
        self.events[event.id] = event
        for key in block_keys(event):
            if event.lo is None:
                self._undated[(event.type_family, key)].append(event.id)
            else:
                self._dated[(event.type_family, key)].append((event.lo, event.hi, event.id))  # type: ignore[arg-type]
                self._sorted = False

    def candidates(self, event: EventFeatures) -> Iterator[EventFeatures]:
        """Every indexed event (other than itself) that `compare` might accept with `event`; a few more."""
        if not self._sorted:
            for days in self._dated.values():
                days.sort()
            self._sorted = True
        seen = {event.id}
        keys = sorted(near_keys(event, MAX_CROSS_BORDER_KM))
        if event.lo is None or event.hi is None:
            for key in keys:
                for other_id in self._undated.get((event.type_family, key), ()):
                    if other_id not in seen:
                        seen.add(other_id)
                        yield self.events[other_id]
            return
        low, high = event.lo - MAX_SPAN_DAYS, event.hi + 1
        for key in keys:
            days = self._dated.get((event.type_family, key), [])
            # Index, not slice: a slice would copy the rest of the list for every event.
            for i in range(bisect.bisect_left(days, (low,)), len(days)):
                lo, hi, other_id = days[i]
                if lo > high:
                    break
                if hi >= event.lo - 1 and other_id not in seen:
                    seen.add(other_id)
                    yield self.events[other_id]


def links(index: CandidateIndex, events: Iterable[EventFeatures]) -> dict[Pair, PairScore]:
    """Scored pairs at or above LINK_THRESHOLD between `events` and the indexed events."""
    found: dict[Pair, PairScore] = {}
    for event in events:
        for other in index.candidates(event):
            pair = _pair(event.id, other.id)
            if pair in found:
                continue
            score = compare(event, other)
            if score is not None and score.score >= LINK_THRESHOLD:
                found[pair] = score
    return found


def components(ids: Iterable[str], edges: Iterable[Pair]) -> list[list[str]]:
    """Connected components, each sorted, in order of their first id."""
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in edges:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    groups: dict[str, list[str]] = defaultdict(list)
    for i in sorted(parent):
        groups[find(i)].append(i)
    return sorted(groups.values())


def cluster_component(
    members: list[EventFeatures],
    edges: dict[Pair, PairScore],
    scorer: Callable[[EventFeatures, EventFeatures], PairScore | None] = compare,
    threshold: float = MERGE_THRESHOLD,
) -> list[list[EventFeatures]]:
    """Average-linkage agglomeration with a complete-linkage veto inside one linked component."""
    if len(members) == 1:
        return [members]
    by_id = {m.id: m for m in members}
    scores: dict[Pair, PairScore | None] = {}

    def score(x: str, y: str) -> PairScore | None:
        pair = _pair(x, y)
        if pair not in scores:
            scores[pair] = edges.get(pair) or scorer(by_id[x], by_id[y])
        return scores[pair]

    clusters: dict[str, list[str]] = {m.id: [m.id] for m in members}  # keyed by smallest member id
    neighbours: dict[str, set[str]] = defaultdict(set)
    for x, y in edges:
        if x in by_id and y in by_id:
            neighbours[x].add(y)
            neighbours[y].add(x)

    def linkage(x: str, y: str) -> float | None:
        total, counted = 0.0, 0
        for i in clusters[x]:
            for j in clusters[y]:
                s = score(i, j)
                if s is None:
                    return None
                if not s.neutral:
                    total += s.score
                    counted += 1
        return total / counted if counted else None

    heap: list[tuple[float, str, str]] = []

    def push(x: str, y: str) -> None:
        x, y = _pair(x, y)
        value = linkage(x, y)
        if value is not None and value >= threshold:
            heapq.heappush(heap, (-round(value, 9), x, y))

    for x in sorted(neighbours):
        for y in sorted(neighbours[x]):
            if x < y:
                push(x, y)
    while heap:
        negative, x, y = heapq.heappop(heap)
        if x not in clusters or y not in clusters or y not in neighbours[x]:
            continue  # stale: one side has merged into another cluster since this entry was pushed
        current = linkage(x, y)
        if current is None or current < threshold:
            continue
        if round(current, 9) != -negative:
            heapq.heappush(heap, (-round(current, 9), x, y))  # x grew since: requeue at its new value
            continue
        merged = clusters.pop(y)
        clusters[x] = sorted(clusters[x] + merged)
        for other in neighbours.pop(y):
            neighbours[other].discard(y)
            if other != x:
                neighbours[other].add(x)
                neighbours[x].add(other)
        neighbours[x].discard(y)
        for other in sorted(neighbours[x]):
            push(x, other)
    return sorted(([by_id[i] for i in ids] for ids in clusters.values()), key=lambda c: c[0].id)


def cluster_events(events: Iterable[EventFeatures]) -> list[list[EventFeatures]]:
    """All clusters of a set of events, each sorted by id, in order of their first id."""
    index = CandidateIndex(events)
    edges = links(index, index.events.values())
    return cluster_linked(index.events, edges)


def cluster_linked(events: dict[str, EventFeatures], edges: dict[Pair, PairScore]) -> list[list[EventFeatures]]:
    """Clusters of `events` given their links (pairs outside `events` are ignored)."""
    inside = {p: s for p, s in edges.items() if p[0] in events and p[1] in events}
    groups = components(events, inside)
    group_of = {i: n for n, ids in enumerate(groups) for i in ids}
    group_edges: list[dict[Pair, PairScore]] = [{} for _ in groups]
    for pair, score in inside.items():
        group_edges[group_of[pair[0]]][pair] = score
    clusters: list[list[EventFeatures]] = []
    for ids, local in zip(groups, group_edges, strict=True):
        clusters.extend(cluster_component([events[i] for i in ids], local))
    return sorted(clusters, key=lambda c: c[0].id)


def _pair(x: str, y: str) -> Pair:
    return (x, y) if x < y else (y, x)

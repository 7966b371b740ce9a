"""Keeping near-duplicate links, canonical events and stories in step with the stored articles.

`update_canonical(store, article_ids)` runs after every stored batch. It reclusters only what the
batch can have changed, yet gives exactly what `rebuild` gives from scratch, because clusters are a
function of the linked components of accounts (units.py, cluster.py) and the update reclusters whole
components:

- seeds: the batch's events; when the batch replaced earlier versions of its articles, every stored
  event that could have been linked to an old version (found with the old blocking keys) and the
  co-members of their old canonical events; the events of articles whose near-duplicate family
  changed (their n_independent_sources changes);
- articles are always loaded whole (an account is built from all of an article's events); a
  breadth-first walk from the seeds' accounts over links, querying the database for candidates of
  each new frontier (state.candidate_ids, the twin of the in-memory blocking), collects every
  component they touch; those are reclustered and their old canonical events replaced;
- stories are recomputed the same way over canonical events: the changed ones, the stored ones they
  link to, and the whole stories either belonged to.

Writes happen in three transactions (near-duplicate links; canonical events through
`Store.replace_canonical`, which keeps the API's derived tables in step; keys and stories). Each is
recomputed from the batch, so re-running an interrupted batch repairs it, and `rebuild` recomputes
everything from the per-article events.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection

from eventwire.dedup import state
from eventwire.dedup.cluster import CandidateIndex, Pair, cluster_events, cluster_linked, links
from eventwire.dedup.features import ArticleInfo, EventFeatures, features
from eventwire.dedup.merge import build_canonical
from eventwire.dedup.neardup import band_keys, families, near_duplicates, shingles
from eventwire.dedup.similarity import PairScore
from eventwire.dedup.stories import STORY_GAP_DAYS, STORY_KM, Story, build_stories, linked
from eventwire.dedup.units import article_units
from eventwire.records import CanonicalEvent, Event
from eventwire.store import Store

Loaded = dict[str, tuple[Event, EventFeatures, ArticleInfo]]


@dataclass
class DedupSummary:
    """What an update or a rebuild wrote."""

    events: int = 0
    canonical: int = 0
    multi_source: int = 0
    removed: int = 0
    stories: int = 0
    near_duplicates: int = 0

    def line(self) -> str:
        return (
            f"{self.events} per-article events -> {self.canonical} canonical events "
            f"({self.multi_source} reported by several articles), {self.stories} stories, "
            f"{self.near_duplicates} near-duplicate articles"
        )


@dataclass
class _Plan:
    canonical: list[CanonicalEvent] = field(default_factory=list)
    remove_ids: set[str] = field(default_factory=set)
    keys: list[EventFeatures] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    remove_story_ids: set[str] = field(default_factory=set)


def update_canonical(store: Store, article_ids: Sequence[str]) -> DedupSummary:
    """Bring dedup up to date after `article_ids` were stored (new or re-ingested)."""
    batch = sorted(set(article_ids))
    if not batch:
        return DedupSummary()
    changed_families = link_near_duplicates(store, batch)
    with store.engine.connect() as conn:
        plan = _plan_update(conn, batch, changed_families)
    store.replace_canonical(plan.canonical, remove_ids=sorted(plan.remove_ids))
    with store.engine.begin() as conn:
        state.replace_keys(conn, batch, plan.keys)
        state.replace_stories(conn, [s.row() for s in plan.stories], plan.remove_story_ids)
    return DedupSummary(
        events=sum(len(u.member_ids) for u in plan.keys),
        canonical=len(plan.canonical),
        multi_source=sum(c.n_sources > 1 for c in plan.canonical),
        removed=len(plan.remove_ids),
        stories=len(plan.stories),
        near_duplicates=len(changed_families),
    )


def deduplicate_pending(store: Store, batch_size: int = 200) -> DedupSummary:
    """Deduplicate the articles that have events without a canonical event (e.g. bulk-loaded ones)."""
    with store.engine.connect() as conn:
        pending = state.articles_without_canonical(conn)
    total = DedupSummary()
    for start in range(0, len(pending), batch_size):
        done = update_canonical(store, pending[start : start + batch_size])
        total.events += done.events
        total.canonical += done.canonical
        total.multi_source += done.multi_source
        total.removed += done.removed
        total.stories += done.stories
        total.near_duplicates += done.near_duplicates
    return total


# -- near-duplicate articles -------------------------------------------------------------------------


def link_near_duplicates(store: Store, batch: Sequence[str]) -> set[str]:
    """Store the batch's LSH bands, relink the near-duplicate families they touch; return the
    articles whose `duplicate_of` changed."""
    with store.engine.begin() as conn:
        texts = state.article_texts(conn, batch)
        batch_bands = {a: band_keys(shingles(text)) for a, (_, text) in texts.items()}
        state.replace_bands(conn, batch_bands)
        candidates = state.band_candidates(conn, itertools.chain.from_iterable(batch_bands.values()))
        group = state.family_members(conn, candidates | set(texts))
        texts.update(state.article_texts(conn, group - set(texts)))
        shingle_sets = {a: shingles(text) for a, (_, text) in texts.items()}
        pairs = _verified_pairs({a: band_keys(s) for a, s in shingle_sets.items()}, shingle_sets)
        links = families({a: published for a, (published, _) in texts.items()}, pairs)
        current = state.duplicate_of(conn, links)
        changed = {a: original for a, original in links.items() if current.get(a) != original}
        state.set_duplicate_of(conn, changed)
    return set(changed)


def _verified_pairs(article_bands: dict[str, list[str]], shingle_sets: dict[str, frozenset[bytes]]) -> list[Pair]:
    """Pairs of articles sharing an LSH band whose shingles confirm they are near-duplicates."""
    by_band: dict[str, list[str]] = defaultdict(list)
    for article, keys in article_bands.items():
        for key in keys:
            by_band[key].append(article)
    candidates = {(x, y) for ids in by_band.values() for x, y in itertools.combinations(sorted(set(ids)), 2)}
    return sorted((x, y) for x, y in candidates if near_duplicates(shingle_sets[x], shingle_sets[y]))


# -- canonical events ------------------------------------------------------------------------------


def _plan_update(conn: Connection, batch: list[str], changed_families: set[str]) -> _Plan:
    current = state.events_of_articles(conn, batch)
    seeds = set(current)
    old_canonical = state.canonical_of_articles(conn, batch)
    previous_keys = state.old_keys(conn, batch)
    if previous_keys:
        seeds |= state.candidate_ids(conn, previous_keys)
    seeds |= state.events_of_canonical(conn, old_canonical)
    seeds |= set(state.events_of_articles(conn, changed_families - set(batch)))
    loaded: Loaded = {}
    units: dict[str, EventFeatures] = {}
    _load_articles(conn, state.articles_of_events(conn, seeds - set(current)) | set(batch), loaded, units)
    region, edges = _walk(conn, loaded, units, {u.id for u in units.values() if seeds & set(u.member_ids)})
    members = {i: units[i] for i in region}
    canonical = [
        build_canonical([loaded[i] for unit in cluster for i in unit.member_ids], cluster)
        for cluster in cluster_linked(members, edges)
    ]
    new_ids = {c.id for c in canonical}
    old_ids = old_canonical | state.canonical_of_events(conn, {i for u in members.values() for i in u.member_ids})
    plan = _Plan(keys=sorted(members.values(), key=lambda f: f.id))
    plan.remove_ids = old_ids - new_ids
    _plan_stories(conn, canonical, old_ids, plan)
    return plan


def _load_articles(conn: Connection, article_ids: set[str], loaded: Loaded, units: dict[str, EventFeatures]) -> None:
    """Load whole articles (a unit needs all its article's events) and form their units."""
    fresh = state.load_features(conn, state.events_of_articles(conn, article_ids))
    loaded.update(fresh)
    for unit in article_units(f for _, f, _ in fresh.values()):
        units[unit.id] = unit


def _walk(
    conn: Connection, loaded: Loaded, units: dict[str, EventFeatures], seeds: set[str]
) -> tuple[set[str], dict[Pair, PairScore]]:
    """The seed units' whole linked components: every unit reachable from them over links."""
    index = CandidateIndex(units.values())
    region = set(seeds)
    frontier = [units[i] for i in sorted(seeds)]
    edges: dict[Pair, PairScore] = {}
    while frontier:
        missing = state.candidate_ids(conn, frontier) - set(loaded)
        if missing:
            before = set(units)
            _load_articles(conn, state.articles_of_events(conn, missing), loaded, units)
            for unit_id in sorted(set(units) - before):
                index.add(units[unit_id])
        found = links(index, frontier)
        edges.update(found)
        reached = {i for pair in found for i in pair} - region
        region |= reached
        frontier = [units[i] for i in sorted(reached)]
    return region, edges


# -- stories ----------------------------------------------------------------------------------------


def _plan_stories(conn: Connection, canonical: list[CanonicalEvent], old_ids: set[str], plan: _Plan) -> None:
    new_ids = {c.id for c in canonical}
    gone = plan.remove_ids
    affected = state.story_ids_of(conn, old_ids)
    near = {
        event.id: state.canonical_near(conn, event, STORY_GAP_DAYS, STORY_KM) - new_ids - gone for event in canonical
    }
    candidates = state.canonical_by_id(conn, set().union(*near.values()))
    # Only stored events linked to a changed one join, with their whole stories: a story is a
    # connected component, so a partial one would come out wrong.
    stored: dict[str, CanonicalEvent] = {}
    for event in canonical:
        for other_id in sorted(near[event.id]):
            other = candidates[other_id]
            if linked(event, other):
                stored[other_id] = other
                if other.story_id:
                    affected.add(other.story_id)
    members = state.canonical_ids_of_stories(conn, affected) - new_ids - gone - set(stored)
    stored.update(state.canonical_by_id(conn, members))
    stories, assignment = build_stories([*canonical, *stored.values()])
    for event in canonical:
        event.story_id = assignment[event.id]
    rewritten = [
        e.model_copy(update={"story_id": assignment[e.id]}) for e in stored.values() if e.story_id != assignment[e.id]
    ]
    plan.canonical = sorted(canonical, key=lambda c: c.id) + sorted(rewritten, key=lambda c: c.id)
    plan.stories = stories
    story_ids = {s.id for s in stories}
    plan.remove_story_ids = (affected | {e.story_id for e in stored.values() if e.story_id}) - story_ids


# -- rebuild ---------------------------------------------------------------------------------------


def rebuild(store: Store) -> DedupSummary:
    """Recompute near-duplicate links, canonical events and stories from the stored articles and
    per-article events."""
    with store.engine.connect() as conn:
        meta, article_bands, duplicate_links = _all_near_duplicates(conn)
        events = list(state.iter_events(conn))
        stale = state.all_canonical_ids(conn)
    infos = {a: ArticleInfo(published, url, duplicate_links.get(a) or a) for a, (published, url) in meta.items()}
    canonical, units, stories = deduplicate(events, infos)
    new_ids = {c.id for c in canonical}
    store.replace_canonical(canonical, remove_ids=[i for i in stale if i not in new_ids])
    with store.engine.begin() as conn:
        state.clear(conn)
        state.replace_bands(conn, article_bands)
        state.set_duplicate_of(conn, {a: o for a, o in duplicate_links.items() if o})
        state.replace_keys(conn, [], units)
        state.replace_stories(conn, [s.row() for s in stories], [])
    return DedupSummary(
        events=len(events),
        canonical=len(canonical),
        multi_source=sum(c.n_sources > 1 for c in canonical),
        removed=len(set(stale) - new_ids),
        stories=len(stories),
        near_duplicates=sum(1 for o in duplicate_links.values() if o),
    )


def deduplicate(
    events: Iterable[Event], infos: Mapping[str, ArticleInfo]
) -> tuple[list[CanonicalEvent], list[EventFeatures], list[Story]]:
    """The canonical events of these per-article events (with their story ids), the accounts they
    were built from and the stories (the in-memory half of `rebuild`; `infos` by article id)."""
    with _without_cyclic_gc():
        loaded: Loaded = {}
        for event in events:
            info = infos.get(event.article_id, ArticleInfo(family=event.article_id))
            loaded[event.id] = (event, features(event, info), info)
        units = article_units(f for _, f, _ in loaded.values())
        clusters = cluster_events(units)
        canonical = [build_canonical([loaded[i] for unit in c for i in unit.member_ids], c) for c in clusters]
        stories, assignment = build_stories(canonical)
    for event in canonical:
        event.story_id = assignment[event.id]
    return canonical, units, stories


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Millions of small acyclic objects: the cycle collector would rescan all of them again and
    again as they accumulate (quadratic in total), while reference counting frees them anyway."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _all_near_duplicates(
    conn: Connection,
) -> tuple[dict[str, tuple[dt.date | None, str | None]], dict[str, list[str]], dict[str, str | None]]:
    """(published, url) and LSH bands of every article, and every article's original."""
    meta: dict[str, tuple[dt.date | None, str | None]] = {}
    article_bands: dict[str, list[str]] = {}
    for article_id, published, url, text in state.iter_articles(conn):
        meta[article_id] = (published, url)
        article_bands[article_id] = band_keys(shingles(text))
    by_band: dict[str, list[str]] = defaultdict(list)
    for article, keys in article_bands.items():
        for key in keys:
            by_band[key].append(article)
    involved = sorted({a for ids in by_band.values() if len(ids) > 1 for a in ids})
    # Only articles that share a band need their shingles again: load their texts in chunks.
    shingle_sets = {a: shingles(text) for a, (_, text) in state.article_texts(conn, involved).items()}
    pairs = _verified_pairs({a: article_bands[a] for a in involved}, shingle_sets)
    return meta, article_bands, families({a: p for a, (p, _) in meta.items()}, pairs)

"""`eventwire eval dedup PATH`: deduplication scored against a labelled cluster file.

The cluster file (eventwire/data/dedup_clusters.yaml for the sample corpus) names a corpus folder and
lists real-world incidents, each with a PLOVER type, a date and the articles that report it (as
their main subject or in passing). The scorer ingests the corpus into a throwaway SQLite database
with the full pipeline (extraction, then deduplication as `eventwire ingest` does it), maps every
extracted event of a cluster's type from a listed article, dated near the incident, to that cluster
(except events whose mode says they did not or may not happen: denials, threats and plans),
and compares the merge decisions over those labelled events pairwise: a pair is a true merge when the
system put both events in one canonical event and the labels in one cluster.

Figures: pairwise precision, recall and F1 over all labelled pairs and over pairs from different
articles only (the decision that n_sources rests on); per incident reported by several articles,
whether all its reports ended up in one canonical event. The baseline beside it merges events of the
same type, on the same day (event date, else publication) and in the same country (location, else
actor), as event datasets without deduplication models commonly do.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from eventwire.dedup.cluster import components
from eventwire.dedup.features import TYPE_FAMILY, UNREAL_MODES
from eventwire.errors import ExtractionError, InputError
from eventwire.records import Event
from eventwire.store import Store, schema

CORPUS_PATTERNS = ("*.jsonl", "html/*.html", "feeds/*.rss", "feeds/*.xml", "warc/*.warc.gz")


@dataclass(frozen=True)
class Cluster:
    incident: str
    type: str
    date: dt.date
    country: str | None
    reports: tuple[str, ...]
    mentions: tuple[str, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return self.reports + self.mentions


@dataclass(frozen=True)
class ClusterFile:
    corpus: Path
    window_days: int
    clusters: tuple[Cluster, ...]


@dataclass(frozen=True)
class StoredEvent:
    event: Event
    canonical_id: str | None
    published: dt.date | None


def read_clusters(path: Path) -> ClusterFile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        clusters = tuple(
            Cluster(
                incident=str(c["incident"]),
                type=str(c["type"]).upper(),
                date=dt.date.fromisoformat(str(c["date"])),
                country=c.get("country"),
                reports=tuple(str(a) for a in c.get("reports", [])),
                mentions=tuple(str(a) for a in c.get("mentions", [])),
            )
            for c in data["clusters"]
        )
        return ClusterFile(path.parent / str(data["corpus"]), int(data.get("window_days", 3)), clusters)
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"not a dedup cluster file: {type(exc).__name__}: {exc}", str(path)) from exc


def evaluate_dedup(path: str | Path, db_url: str | None = None) -> dict[str, Any]:
    """Ingest the cluster file's corpus (into `db_url`, else a temporary SQLite file) and score."""
    labels = read_clusters(Path(path))
    if db_url is not None:
        return score_store(Store.from_url(db_url), labels, ingest=True)
    with tempfile.TemporaryDirectory(prefix="eventwire-eval-dedup-") as folder:
        store = Store.from_url(str(Path(folder) / "eval.db"))
        try:
            return score_store(store, labels, ingest=True)
        finally:
            store.close()


def score_store(store: Store, labels: ClusterFile, *, ingest: bool) -> dict[str, Any]:
    if ingest:
        _ingest(store, labels.corpus)
    events = _stored_events(store)
    refs = _article_refs(store)
    assignment = label_events(labels, events, refs)
    system = {e.event.id: e.canonical_id or e.event.id for e in events}
    baseline = baseline_clusters(events)
    report: dict[str, Any] = {
        "dataset": "dedup",
        "corpus": str(labels.corpus),
        "articles": len({e.event.article_id for e in events}),
        "events": len(events),
        "canonical_events": len(set(system.values())),
        "labelled_events": len(assignment),
        "clusters": len(labels.clusters),
        "unresolved_articles": sorted({a for c in labels.clusters for a in c.articles if resolve(a, refs) is None}),
        "system": pairwise(assignment, system),
        "baseline": pairwise(assignment, baseline),
        "system_cross_article": pairwise(assignment, system, _article_of(events)),
        "baseline_cross_article": pairwise(assignment, baseline, _article_of(events)),
    }
    report["incidents"] = incident_report(labels, events, refs, system)
    return report


def _ingest(store: Store, corpus: Path) -> None:
    from eventwire.pipeline import Pipeline
    from eventwire.runner import ReadOptions, run_ingest

    sources = sorted(str(p) for pattern in CORPUS_PATTERNS for p in corpus.glob(pattern))
    if not sources:
        raise InputError("no articles found in the corpus folder", str(corpus))
    stats = run_ingest(sources, store, Pipeline(), ReadOptions(), command_name="eval-dedup")
    if stats.events == 0:
        # Scoring nothing would print a perfect score: say what went wrong instead.
        raise ExtractionError(
            f"no events were extracted from the corpus ({stats.failed} of {stats.read} articles failed; "
            "`eventwire extract` on the corpus shows why)"
        )


def _stored_events(store: Store) -> list[StoredEvent]:
    ev, ar = schema.events, schema.articles
    query = select(ev.c.record, ev.c.canonical_id, ar.c.published).join(ar, ar.c.id == ev.c.article_id)
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(ev.c.id)).all()
    return [
        StoredEvent(Event.model_validate(record), canonical_id, published) for record, canonical_id, published in rows
    ]


def _article_refs(store: Store) -> dict[str, str]:
    """Every name an article can be referred to by (id, url, source path) -> its id."""
    ar = schema.articles
    refs: dict[str, str] = {}
    with store.engine.connect() as conn:
        for article_id, url, source in conn.execute(select(ar.c.id, ar.c.url, ar.c.source)):
            refs[article_id] = article_id
            if url:
                refs.setdefault(url, article_id)
            if source:
                refs.setdefault(source.replace("\\", "/"), article_id)
    return refs


def resolve(ref: str, refs: Mapping[str, str]) -> str | None:
    if ref in refs:
        return refs[ref]
    # HTML pages are named relative to the corpus folder; stored sources are full paths.
    suffix = "/" + ref.lstrip("/")
    found = [article for name, article in refs.items() if name.endswith(suffix)]
    return found[0] if len(set(found)) == 1 else None


def label_events(labels: ClusterFile, events: list[StoredEvent], refs: Mapping[str, str]) -> dict[str, str]:
    """event id -> incident, for the events the cluster file speaks for (ambiguous ones left out)."""
    wanted: dict[tuple[str, str], list[Cluster]] = defaultdict(list)
    for cluster in labels.clusters:
        for ref in cluster.articles:
            article = resolve(ref, refs)
            if article is not None:
                wanted[(article, cluster.type)].append(cluster)
    assignment: dict[str, str] = {}
    for stored in events:
        event = stored.event
        if UNREAL_MODES & set(event.mode):
            continue  # a denial, a threat or a plan does not report that the incident happened
        fits = [
            c for c in wanted.get((event.article_id, event.type), []) if _near(event, stored, c, labels.window_days)
        ]
        if len(fits) == 1:
            assignment[event.id] = fits[0].incident
    return assignment


def _near(event: Event, stored: StoredEvent, cluster: Cluster, window: int) -> bool:
    date = event.date or stored.published
    if date is None:
        return True
    if event.date_precision == "month":
        return (date.year, date.month) == (cluster.date.year, cluster.date.month)
    slack = {"week": 7, "year": 366}.get(event.date_precision, 0)
    return abs((date - cluster.date).days) <= window + slack


def pairwise(
    truth: Mapping[str, str], predicted: Mapping[str, str], article_of: Mapping[str, str] | None = None
) -> dict[str, float | int]:
    """Pairwise precision/recall/F1 of merge decisions over the labelled events (pairs from different
    articles only when `article_of` is given)."""
    ids = sorted(truth)
    gold = _pairs(ids, truth, article_of)
    found = _pairs(ids, predicted, article_of)
    hits = len(gold & found)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "gold_pairs": len(gold),
        "predicted_pairs": len(found),
    }


def _pairs(ids: list[str], groups: Mapping[str, str], article_of: Mapping[str, str] | None) -> set[tuple[str, str]]:
    by_group: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        by_group[groups.get(i, i)].append(i)
    return {
        (x, y)
        for members in by_group.values()
        for x, y in itertools.combinations(members, 2)
        if article_of is None or article_of[x] != article_of[y]
    }


def _article_of(events: Iterable[StoredEvent]) -> dict[str, str]:
    return {e.event.id: e.event.article_id for e in events}


def baseline_clusters(events: list[StoredEvent]) -> dict[str, str]:
    """Same type, same day and same country: merged (transitively)."""
    keys: dict[tuple[str, dt.date, str], list[str]] = defaultdict(list)
    for stored in events:
        event = stored.event
        date = event.date or stored.published
        country = (event.event_loc.country_code if event.event_loc else None) or next(
            (a.code for a in event.actor if a.code), None
        )
        if date is not None and country:
            keys[(event.type, date, country)].append(event.id)
    edges = [(ids[0], other) for ids in keys.values() for other in ids[1:]]
    assignment: dict[str, str] = {}
    for members in components([e.event.id for e in events], edges):
        assignment.update(dict.fromkeys(members, members[0]))
    return assignment


def incident_report(
    labels: ClusterFile, events: list[StoredEvent], refs: Mapping[str, str], system: Mapping[str, str]
) -> dict[str, Any]:
    """For each incident reported by several articles: do all its reports share one canonical event?

    A report counts through its events of the incident's type family (the types deduplication may merge:
    an outlet that calls the signing of a deal AGREE reports the same act as one that calls it SUPPORT)."""
    by_article_type: dict[tuple[str, str], list[StoredEvent]] = defaultdict(list)
    for stored in events:
        if not UNREAL_MODES & set(stored.event.mode):
            family = TYPE_FAMILY.get(stored.event.type, stored.event.type)
            by_article_type[(stored.event.article_id, family)].append(stored)
    merged, details = 0, {}
    multi = [c for c in labels.clusters if len(c.reports) > 1]
    for cluster in multi:
        articles = [a for a in (resolve(r, refs) for r in cluster.reports) if a is not None]
        canonical_sets = [
            {
                system[s.event.id]
                for s in by_article_type.get((a, TYPE_FAMILY.get(cluster.type, cluster.type)), [])
                if _near(s.event, s, cluster, labels.window_days)
            }
            for a in articles
        ]
        shared = set.intersection(*canonical_sets) if canonical_sets and all(canonical_sets) else set()
        merged += bool(shared)
        details[cluster.incident] = {
            "reports": len(cluster.reports),
            "reports_with_events": sum(1 for s in canonical_sets if s),
            "all_reports_in_one_canonical_event": bool(shared),
        }
    return {"multi_report_incidents": len(multi), "merged": merged, "detail": details}

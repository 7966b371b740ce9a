"""Deduplication: near-duplicate articles, canonical events, stories; in memory and on SQLite/PostgreSQL.

The per-article events are built by hand after the sample corpus' multi-outlet incidents (Venezuela
convoy, Minova shelling, Kharkiv drone strike, Belgrade march, …) and its same-day confusers in other
countries, as the extractors would code them, with the disagreements real reports have.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.dedup import rebuild, update_canonical
from eventwire.dedup.cluster import cluster_events
from eventwire.dedup.features import ArticleInfo, EventFeatures, features
from eventwire.dedup.merge import build_canonical
from eventwire.dedup.neardup import band_keys, families, near_duplicates, shingles
from eventwire.dedup.similarity import LINK_THRESHOLD, PairScore, compare
from eventwire.dedup.stories import build_stories
from eventwire.dedup.synthetic import generate
from eventwire.eval.dedup import CORPUS_PATTERNS, evaluate_dedup, pairwise, read_clusters, resolve
from eventwire.ingest import iter_articles
from eventwire.records import Actor, Article, ArticleResult, CanonicalEvent, Event, Place, TextInfo
from eventwire.store import Store

PLACES = {
    "San Antonio del Táchira": (7.81, -72.44, "VEN"),
    "Ureña": (7.92, -72.45, "VEN"),
    "Cúcuta": (7.89, -72.51, "COL"),
    "Bogotá": (4.61, -74.08, "COL"),
    "Minova": (-1.70, 29.02, "COD"),
    "Kharkiv": (49.99, 36.23, "UKR"),
    "Saltivskyi": (50.02, 36.30, "UKR"),
    "Belgrade": (44.79, 20.45, "SRB"),
    "Tbilisi": (41.72, 44.79, "GEO"),
    "El Fasher": (13.63, 25.35, "SDN"),
    "Hodeidah": (14.80, 42.95, "YEM"),
    "Damboa": (11.15, 12.76, "NGA"),
    "Dera Ismail Khan": (31.83, 70.90, "PAK"),
    "Khan Younis": (31.35, 34.31, "PSE"),
    "Kyauktaw": (20.84, 92.98, "MMR"),
    "Djibo": (14.10, -1.63, "BFA"),
    "Mogadishu": (2.04, 45.34, "SOM"),
    "Gondar": (12.60, 37.47, "ETH"),
}


def place(name: str | None, feature: str = "city") -> Place | None:
    if name is None:
        return None
    if name in {"VEN", "COL", "UKR", "NGA"}:
        return Place(text=name, start=0, end=3, name=name, country_code=name, feature="country", score=0.8)
    lat, lon, country = PLACES[name]
    return Place(
        text=name, start=0, end=len(name), name=name, lat=lat, lon=lon, country_code=country, feature=feature, score=0.9
    )


def actors(spec: str | None) -> list[Actor]:
    if not spec:
        return []
    code, sector = spec.split()
    return [Actor(entity_text=f"{code} {sector}", code=code, sector=sector)]


def event(
    article: str,
    n: int,
    etype: str,
    date: str | None,
    where: str | None,
    text: str,
    *,
    precision: str = "day",
    actor: str | None = None,
    recipient: str | None = None,
    dead: int | None = None,
    modes: tuple[str, ...] = (),
    confidence: float = 0.8,
) -> Event:
    return Event(
        id=f"{article}-e{n}",
        article_id=article,
        date=dt.date.fromisoformat(date) if date else None,
        date_precision=precision,  # type: ignore[arg-type]
        event=[etype],
        mode=list(modes),
        actor=actors(actor),
        recipient=actors(recipient),
        event_loc=place(where),
        size={"dead": dead} if dead is not None else {},
        event_text=[text.split()[2]],
        text=text,
        text_info=TextInfo(sequence=n, start=0, end=len(text)),
        confidence=confidence,
    )


# article id -> (published, events)
CONVOY = {
    "mw-convoy": (
        "2025-03-22",
        [
            event(
                "mw-convoy", 0, "ASSAULT", "2025-03-22", "San Antonio del Táchira",
                "Venezuelan troops fired tear gas and rubber bullets at volunteers pushing aid trucks across the "
                "Simón Bolívar bridge on Saturday, killing two people.",
                actor="VEN MIL", recipient="VEN CVL", dead=2, confidence=0.86,
            ),
        ],
    ),
    "atlas-convoy": (
        "2025-03-23",
        [
            event(
                "atlas-convoy", 0, "ASSAULT", "2025-03-22", "Ureña",
                "National Guard units met the crowds with volleys of tear gas and colectivos opened fire on "
                "protesters in Ureña, killing four.",
                actor="VEN MIL", recipient="VEN CVL", dead=4, confidence=0.8,
            ),
        ],
    ),
    "cns-convoy": (
        "2025-03-24",
        [
            event(
                "cns-convoy", 0, "ASSAULT", "2025-03-22", "Cúcuta",
                "Three people were killed on the bridges on Saturday when troops fired on the aid convoy.",
                actor="VEN MIL", dead=3, confidence=0.7,
            ),
        ],
    ),
    # A syndicated copy of the Meridian Wire report: the same sentence, a day later.
    "horizon-convoy": (
        "2025-03-23",
        [
            event(
                "horizon-convoy", 0, "ASSAULT", "2025-03-22", "San Antonio del Táchira",
                "Venezuelan troops fired tear gas and rubber bullets at volunteers pushing aid trucks across the "
                "Simón Bolívar bridge on Saturday, killing two people.",
                actor="VEN MIL", recipient="VEN CVL", dead=2, confidence=0.86,
            ),
        ],
    ),
}  # fmt: skip

INCIDENTS = {
    "minova-1": ("2025-03-04", [event("minova-1", 0, "ASSAULT", "2025-03-03", "Minova",
        "At least 12 people were killed when shells struck a crowded market in the town of Minova on Monday.",
        dead=12)]),
    "minova-2": ("2025-03-05", [event("minova-2", 0, "ASSAULT", "2025-03-03", "Minova",
        "The death toll from Monday's shelling of the Minova market has risen to 15, officials said.",
        dead=15)]),
    "kharkiv-1": ("2025-03-09", [event("kharkiv-1", 0, "ASSAULT", "2025-03-09", "Kharkiv",
        "Russian drones hit two apartment blocks in Kharkiv overnight, killing four people.",
        actor="RUS MIL", recipient="UKR CVL", dead=4)]),
    "kharkiv-2": ("2025-03-10", [event("kharkiv-2", 0, "ASSAULT", "2025-03-09", "Saltivskyi",
        "Rescuers ended the search in the block hit by drones on Sunday; six people were killed.",
        actor="RUS MIL", dead=6)]),
    "kharkiv-3": ("2025-03-10", [event("kharkiv-3", 0, "ASSAULT", "2025-03-10", "Kharkiv",
        "Kharkiv buried its dead as the toll from the weekend drone strike rose to six.",
        precision="published", dead=6)]),
    "belgrade-1": ("2025-03-08", [event("belgrade-1", 0, "PROTEST", "2025-03-08", "Belgrade",
        "Tens of thousands of people marched through Belgrade on Saturday demanding accountability.",
        actor="SRB CVL", recipient="SRB GOV")]),
    "belgrade-2": ("2025-03-09", [event("belgrade-2", 0, "PROTEST", "2025-03-08", "Belgrade",
        "Students said Saturday's rally in Belgrade, which drew about 110,000 people, was only the beginning.",
        actor="SRB CVL")]),
    "tbilisi-1": ("2025-03-08", [event("tbilisi-1", 0, "PROTEST", "2025-03-08", "Tbilisi",
        "Protesters blocked Rustaveli Avenue in Tbilisi on Saturday evening, demanding new elections.",
        actor="GEO CVL", recipient="GEO GOV")]),
    "fasher-1": ("2025-03-22", [event("fasher-1", 0, "ASSAULT", "2025-03-22", "El Fasher",
        "A drone strike on the Naivasha market in El Fasher killed at least 19 people on Saturday.",
        dead=19)]),
    "hodeidah-1": ("2025-03-23", [event("hodeidah-1", 0, "ASSAULT", "2025-03-22", "Hodeidah",
        "Air strikes on Hodeidah port and the Ras Isa fuel terminal killed six people on Saturday.",
        dead=6)]),
    "damboa-1": ("2025-03-13", [event("damboa-1", 0, "ASSAULT", "2025-03-13", "Damboa",
        "A roadside bomb hit a bus on the Maiduguri-Damboa road on Thursday, killing nine passengers.",
        dead=9)]),
    "dik-1": ("2025-03-13", [event("dik-1", 0, "ASSAULT", "2025-03-13", "Dera Ismail Khan",
        "A suicide car bomb hit a police checkpoint in Dera Ismail Khan on Thursday, killing nine.",
        dead=9)]),
    "khanyounis-1": ("2025-03-29", [event("khanyounis-1", 0, "ASSAULT", "2025-03-29", "Khan Younis",
        "An Israeli strike on a house in Khan Younis killed 11 members of one family on Saturday.",
        actor="ISR MIL", dead=11)]),
    "rakhine-1": ("2025-03-30", [event("rakhine-1", 0, "ASSAULT", "2025-03-29", "Kyauktaw",
        "A military jet bombed a village school near Kyauktaw on Saturday, killing at least 14.",
        actor="MMR MIL", dead=14)]),
    "djibo-1": ("2025-04-06", [event("djibo-1", 0, "ASSAULT", "2025-04-05", "Djibo",
        "Militants overran an army post near Djibo on Saturday, killing around 40 soldiers.",
        dead=40)]),
    "mogadishu-1": ("2025-04-05", [event("mogadishu-1", 0, "ASSAULT", "2025-04-05", "Mogadishu",
        "A car bomb exploded at the KM4 checkpoint in Mogadishu on Saturday, killing at least eight.",
        dead=8)]),
    # Follow-ups in the same place, days later: different events.
    "urena-curfew": ("2025-03-26", [event("urena-curfew", 0, "COERCE", "2025-03-25", "Ureña",
        "Authorities imposed a night curfew in Ureña and San Antonio del Táchira on Tuesday.",
        actor="VEN GOV", modes=("curfew",))]),
    "gondar-curfew": ("2025-03-08", [event("gondar-curfew", 0, "COERCE", "2025-03-07", "Gondar",
        "Authorities imposed a curfew on Gondar on Friday after Fano fighters entered the outskirts.",
        actor="ETH GOV", modes=("curfew",))]),
    "gondar-lifted": ("2025-03-29", [event("gondar-lifted", 0, "CONCEDE", "2025-03-28", "Gondar",
        "The curfew on Gondar was lifted on Friday after three weeks.", actor="ETH GOV")]),
}  # fmt: skip

CORPUS = {**CONVOY, **INCIDENTS}
TRUTH = {
    "convoy": ["mw-convoy", "atlas-convoy", "cns-convoy", "horizon-convoy"],
    "minova": ["minova-1", "minova-2"],
    "kharkiv": ["kharkiv-1", "kharkiv-2", "kharkiv-3"],
    "belgrade": ["belgrade-1", "belgrade-2"],
}
FAMILIES = {"horizon-convoy": "mw-convoy"}


def info(article: str, corpus: dict = CORPUS) -> ArticleInfo:
    return ArticleInfo(
        published=dt.date.fromisoformat(corpus[article][0]),
        url=f"https://news.test/{article}",
        family=FAMILIES.get(article, article),
    )


def corpus_features(corpus: dict = CORPUS) -> dict[str, tuple[Event, EventFeatures, ArticleInfo]]:
    return {e.id: (e, features(e, info(a, corpus)), info(a, corpus)) for a, (_, evs) in corpus.items() for e in evs}


def clusters_by_article(corpus: dict = CORPUS) -> list[set[str]]:
    loaded = corpus_features(corpus)
    return [{f.article_id for f in c} for c in cluster_events(f for _, f, _ in loaded.values())]


def canonical(corpus: dict = CORPUS) -> list[CanonicalEvent]:
    loaded = corpus_features(corpus)
    return [build_canonical([loaded[f.id] for f in c], c) for c in cluster_events(f for _, f, _ in loaded.values())]


# -- pairs and clusters, in memory -------------------------------------------------------------------------


def test_multi_outlet_incidents_become_one_event_each() -> None:
    found = clusters_by_article()
    for incident, articles in TRUTH.items():
        assert set(articles) in found, incident
    singles = set(CORPUS) - {a for articles in TRUTH.values() for a in articles}
    for article in singles:
        assert {article} in found, article


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ("belgrade-1", "tbilisi-1"),
        ("fasher-1", "hodeidah-1"),
        ("damboa-1", "dik-1"),
        ("khanyounis-1", "rakhine-1"),
        ("djibo-1", "mogadishu-1"),
    ],
)
def test_same_type_same_day_in_other_countries_stays_apart(x: str, y: str) -> None:
    loaded = corpus_features()
    assert not linked(loaded[f"{x}-e0"][1], loaded[f"{y}-e0"][1])


def test_follow_ups_in_the_same_place_stay_apart() -> None:
    found = clusters_by_article()
    assert {"urena-curfew"} in found
    assert {"gondar-curfew"} in found and {"gondar-lifted"} in found


def test_the_canonical_event_keeps_the_evidence() -> None:
    convoy = next(c for c in canonical() if c.n_sources == 4)
    assert convoy.type == "ASSAULT"
    assert convoy.n_independent_sources == 3  # the Horizon Daily copy is the Meridian Wire report again
    assert convoy.size == {"dead": 2} and convoy.size_range == {"dead": [2, 4]}
    assert convoy.first_reported == dt.date(2025, 3, 22) and convoy.last_reported == dt.date(2025, 3, 24)
    assert convoy.date == dt.date(2025, 3, 22) and convoy.date_precision == "day"
    assert [s.article_id for s in convoy.sources] == ["mw-convoy", "atlas-convoy", "horizon-convoy", "cns-convoy"]
    assert convoy.sources[0].url == "https://news.test/mw-convoy"
    assert convoy.text.startswith("Venezuelan troops fired tear gas")  # the best evidence: highest confidence
    reasons = " | ".join(convoy.merge_reasons)
    for expected in ("same type ASSAULT", "dates 2025-03-22", "km", "actors VEN MIL", "text similarity", "near-dup"):
        assert expected in reasons
    kharkiv = next(c for c in canonical() if c.sources[0].article_id == "kharkiv-1")
    assert kharkiv.size_range == {"dead": [4, 6]} and kharkiv.size == {"dead": 4}


def test_any_input_order_gives_the_same_canonical_events() -> None:
    expected = [c.model_dump() for c in canonical()]
    items = list(CORPUS.items())
    for seed in range(5):
        random.Random(seed).shuffle(items)
        assert [c.model_dump() for c in canonical(dict(items))] == expected


def linked(a: EventFeatures, b: EventFeatures) -> bool:
    score = compare(a, b)
    return score is not None and score.score >= LINK_THRESHOLD


def _compared(a: Event, b: Event) -> PairScore | None:
    return compare(features(a, ArticleInfo(dt.date(2025, 3, 23))), features(b, ArticleInfo(dt.date(2025, 3, 23))))


def _pair(a: Event, b: Event) -> float | None:
    score = _compared(a, b)
    return score.score if score else None


def test_assault_and_coerce_merge_only_when_the_acts_overlap() -> None:
    gas = event("a", 0, "COERCE", "2025-03-22", "Ureña", "Troops fired tear gas at the crowd on the bridge.",
                actor="VEN MIL")  # fmt: skip
    attack = event("b", 0, "ASSAULT", "2025-03-22", "Ureña", "Soldiers attacked volunteers on the bridge.",
                   actor="VEN MIL")  # fmt: skip
    curfew = event("c", 0, "COERCE", "2025-03-22", "Ureña", "A curfew was imposed on the town.", actor="VEN MIL",
                   modes=("curfew",))  # fmt: skip
    same_article = event("b", 1, "COERCE", "2025-03-22", "Ureña", "Troops fired tear gas at the crowd.",
                         actor="VEN MIL")  # fmt: skip
    assert _pair(gas, attack) is not None
    assert _pair(curfew, attack) is None
    assert _pair(same_article, attack) is None  # two types from one article: two events the coder told apart


def test_conflicting_actors_count_against_a_pair_and_swapped_roles_do_not() -> None:
    a = event("a", 0, "ASSAULT", "2025-03-09", "Kharkiv", "Drones hit apartment blocks in Kharkiv overnight.",
              actor="RUS MIL", recipient="UKR MIL")  # fmt: skip
    other = event("b", 0, "ASSAULT", "2025-03-09", "Kharkiv", "Shelling damaged a school in the city.",
                  actor="BLR MIL")  # fmt: skip
    swapped = event("c", 0, "ASSAULT", "2025-03-09", "Kharkiv", "Drones hit apartment blocks in Kharkiv overnight.",
                    actor="UKR MIL", recipient="RUS MIL")  # fmt: skip
    unknown = event("d", 0, "ASSAULT", "2025-03-09", "Kharkiv", "Drones hit apartment blocks in Kharkiv overnight.")
    conflict = _compared(a, other)
    assert conflict is not None and "actors disagree" in conflict.reasons and conflict.score < LINK_THRESHOLD
    assert any("swapped roles" in r for r in _compared(a, swapped).reasons)  # type: ignore[union-attr]
    assert _pair(a, unknown) >= LINK_THRESHOLD  # type: ignore[operator]


def test_events_that_did_not_happen_stay_apart() -> None:
    real = event("a", 0, "ASSAULT", "2025-03-09", "Kharkiv", "Drones hit Kharkiv.", actor="RUS MIL")
    feared = event("b", 0, "ASSAULT", "2025-03-09", "Kharkiv", "Drones could hit Kharkiv.", actor="RUS MIL",
                   modes=("hypothetical",))  # fmt: skip
    assert _pair(real, feared) is None


@pytest.mark.parametrize(
    ("date", "precision", "merges"),
    [
        ("2025-03-22", "day", True),
        ("2025-03-23", "day", True),
        ("2025-03-24", "day", False),
        ("2025-03-17", "week", True),  # the Monday of that week
        ("2025-03-01", "month", True),
        ("2025-02-01", "month", False),
        ("2025-03-24", "published", True),  # within two days of publication
        ("2025-03-26", "published", False),
        (None, "published", False),  # a dated event never matches an undated one
    ],
)
def test_date_windows_follow_precision(date: str | None, precision: str, merges: bool) -> None:
    text = "Troops fired tear gas at volunteers on the Simón Bolívar bridge."
    base = event("a", 0, "ASSAULT", "2025-03-22", "Ureña", text, actor="VEN MIL")
    other = event("b", 0, "ASSAULT", date, "Ureña", text, actor="VEN MIL", precision=precision)
    a, b = features(base, ArticleInfo(dt.date(2025, 3, 22))), features(other, ArticleInfo(None))
    assert (compare(a, b) is not None) is merges


@pytest.mark.parametrize(
    ("other", "agree"),
    [
        ("San Antonio del Táchira", True),  # 12 km
        ("Cúcuta", True),  # across the border, 9 km
        ("VEN", True),  # a country-only location matches any place in it
        ("COL", False),
        (None, True),  # unknown matches, with a lower score
        ("Bogotá", False),  # 430 km
    ],
)
def test_places_must_be_near(other: str | None, agree: bool) -> None:
    a = event("a", 0, "ASSAULT", "2025-03-22", "Ureña", "Troops fired tear gas at volunteers on the bridge.",
              actor="VEN MIL")  # fmt: skip
    b = event("b", 0, "ASSAULT", "2025-03-22", other, "Soldiers attacked the aid convoy.", actor="VEN MIL")
    score = _compared(a, b)
    assert score is not None and ("places disagree" not in score.reasons) is agree


def test_a_wrong_location_is_outweighed_by_what_the_reports_share() -> None:
    """A recap placed at its dateline (Bogotá) still joins the reports that name the same bridge."""
    report = event("a", 0, "ASSAULT", "2025-03-22", "Ureña",
                   "Troops fired tear gas and rubber bullets at volunteers on the Simón Bolívar bridge.",
                   actor="VEN MIL", dead=2)  # fmt: skip
    recap = event("b", 0, "ASSAULT", "2025-03-22", "Bogotá",
                  "Two people were killed when troops fired rubber bullets on the Simón Bolívar bridge.",
                  actor="VEN MIL", dead=2)  # fmt: skip
    score = _compared(report, recap)
    assert score is not None and "places disagree" in score.reasons and score.score >= LINK_THRESHOLD


def test_events_without_dates_or_places_merge_by_text_and_actors_only() -> None:
    text = "Rebels released six soldiers they had held for three months to a humanitarian commission."
    undated = [event(x, 0, "RETREAT", None, None, text, actor="COL REB") for x in ("a", "b")]
    reworded = event("c", 0, "RETREAT", None, None, "The army said it would not negotiate with the rebels.",
                     actor="COL REB")  # fmt: skip
    no_info = [features(e, ArticleInfo(None, family=e.article_id)) for e in [*undated, reworded]]
    assert [{f.id for f in c} for c in cluster_events(no_info)] == [{"a-e0", "b-e0"}, {"c-e0"}]
    placeless = [event(x, 0, "RETREAT", "2025-04-09", None, text, actor="COL REB") for x in ("d", "e")]
    other_actor = event("f", 0, "RETREAT", "2025-04-09", None, "Troops withdrew from the town.", actor="VEN MIL")
    dated = [features(e, ArticleInfo(dt.date(2025, 4, 10))) for e in [*placeless, other_actor]]
    assert [{f.id for f in c} for c in cluster_events(dated)] == [{"d-e0", "e-e0"}, {"f-e0"}]


def test_daily_reports_from_one_city_do_not_chain_into_one_event() -> None:
    start = dt.date(2025, 3, 1)
    daily = [
        event(f"day{i}", 0, "ASSAULT", str(start + dt.timedelta(days=i)), "Kharkiv",
              "Russian drones hit apartment blocks in Kharkiv overnight.", actor="RUS MIL")
        for i in range(10)
    ]  # fmt: skip
    clusters = cluster_events(features(e, ArticleInfo(e.date)) for e in daily)
    assert len(clusters) >= 5
    for cluster in clusters:
        dates = [f.date for f in cluster]
        assert (max(dates) - min(dates)).days <= 1  # type: ignore[operator]


def test_synthetic_reports_are_clustered_well_in_any_order() -> None:
    reports = generate(3000, seed=11)
    truth = {r.event.id: r.incident for r in reports}
    feats = [features(r.event, r.article) for r in reports]
    clusters = cluster_events(feats)
    found = {f.id: c[0].id for c in clusters for f in c}

    def pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
        members = defaultdict(list)
        for k, v in groups.items():
            members[v].append(k)
        return {p for m in members.values() for p in itertools.combinations(sorted(m), 2)}

    gold, predicted = pairs(truth), pairs(found)
    precision, recall = len(gold & predicted) / len(predicted), len(gold & predicted) / len(gold)
    # A dense world (40 incidents a day over 60 cities): reports of two incidents of one type in one
    # city on one day that share none of their particulars are sometimes taken for one.
    assert precision > 0.75 and recall > 0.85
    random.Random(1).shuffle(feats)
    assert [[f.id for f in c] for c in cluster_events(feats)] == [[f.id for f in c] for c in clusters]


# -- near-duplicate articles ---------------------------------------------------------------------------

WIRE = (
    "SAN CRISTÓBAL, Venezuela (Meridian Wire) — Venezuelan troops fired tear gas and rubber bullets at volunteers "
    "pushing aid trucks across the Simón Bolívar bridge on Saturday, killing two people and injuring more than 300, "
    "Colombian officials said. The opposition leader, who had promised to bring the aid in, called the violence a "
    "crime against humanity and said he would ask foreign governments for help at a meeting in Bogotá on Monday. "
    "About 60 soldiers deserted their posts during the day and crossed into Colombia, where they asked for "
    "protection, according to the Colombian migration agency. Two trucks loaded with food and medicine were set on "
    "fire on the Francisco de Paula Santander bridge, and the border remained closed on Saturday night."
)
ADDED = (
    " The government in Caracas said the aid was a pretext for a foreign intervention and that its forces had "
    "acted to protect the border from provocateurs paid by its enemies."
)
OTHER = (
    "CÚCUTA, Colombia (Atlas Press) — National Guard units met the crowds with volleys of tear gas on Saturday and "
    "groups of armed civilians opened fire on protesters in Ureña, killing four people, witnesses told Atlas Press. "
    "Three of the dead were killed in Ureña and one in San Antonio del Táchira, according to a local rights group. "
    "By nightfall the bridges were littered with spent canisters, burned tyres and the charred remains of trucks."
)


def test_syndicated_copies_and_updates_are_near_duplicates_but_other_reports_are_not() -> None:
    wire, copy, other = shingles(WIRE), shingles("Horizon Daily — " + WIRE + ADDED), shingles(OTHER)
    assert near_duplicates(wire, copy)
    assert not near_duplicates(wire, other)
    assert set(band_keys(wire)) & set(band_keys(copy))
    assert not set(band_keys(wire)) & set(band_keys(other))
    assert band_keys(wire) == band_keys(shingles(WIRE))  # stable across calls and processes


def test_the_original_is_the_earliest_published_then_the_smallest_id() -> None:
    published = {"b": dt.date(2025, 3, 23), "a": dt.date(2025, 3, 23), "c": dt.date(2025, 3, 22), "d": None}
    assert families(published, [("a", "b"), ("b", "c")]) == {"a": "c", "b": "c", "c": None, "d": None}
    assert families(published, [("a", "b")]) == {"a": None, "b": "a", "c": None, "d": None}


# -- stories -------------------------------------------------------------------------------------------


def test_events_at_one_place_over_days_form_a_story() -> None:
    extra = {
        "deploy": ("2025-03-21", [event("deploy", 0, "MOBILIZE", "2025-03-20", "Ureña",
            "Venezuela sent armoured units to the border at Ureña.", actor="VEN MIL")]),
        "reopen": ("2025-04-12", [event("reopen", 0, "AGREE", "2025-04-11", "Cúcuta",
            "Venezuela and Colombia agreed to reopen the bridges.", actor="VEN GOV")]),
    }  # fmt: skip
    events = canonical({**CORPUS, **extra})
    stories, assignment = build_stories(events)
    by_article = {c.sources[0].article_id: assignment[c.id] for c in events}
    border = by_article["mw-convoy"]
    assert border is not None
    assert by_article["deploy"] == border and by_article["urena-curfew"] == border
    assert by_article["reopen"] is None  # seventeen days after the curfew: the story had ended
    assert by_article["minova-1"] != border and by_article["tbilisi-1"] is None
    story = next(s for s in stories if s.id == border)
    assert story.n_events == 3 and story.start_date == dt.date(2025, 3, 20) and story.end_date == dt.date(2025, 3, 25)
    assert "Ureña" in story.title and "assault" in story.title and "VEN MIL" in story.title


# -- in the store: incremental, order-independent, rebuildable ---------------------------------------------


def _batch(articles: list[str], corpus: dict = CORPUS) -> list[tuple[Article, ArticleResult]]:
    batch = []
    for article_id in articles:
        published, events = corpus[article_id]
        text = _article_text(article_id, events)
        article = Article(
            id=article_id, text=text, published=dt.date.fromisoformat(published), url=f"https://news.test/{article_id}"
        )
        batch.append((article, ArticleResult(id=article_id, published=article.published, events=events)))
    return batch


def _article_text(article_id: str, events: list[Event]) -> str:
    if article_id == "mw-convoy":
        return WIRE
    if article_id == "horizon-convoy":
        return "Horizon Daily — " + WIRE + ADDED
    return f"{article_id.upper()} — " + " ".join(e.text for e in events) + f" Reported by {article_id}."


def _ingest(store: Store, batches: list[list[str]], corpus: dict = CORPUS) -> None:
    for articles in batches:
        batch = _batch(articles, corpus)
        store.write_batch(batch)
        update_canonical(store, [a.id for a, _ in batch])


def _snapshot(store: Store) -> list[tuple]:
    return sorted(
        (
            c.id,
            tuple((s.article_id, s.event_id) for s in c.sources),
            c.n_sources,
            c.n_independent_sources,
            tuple(sorted(c.size.items())),
            tuple(sorted((k, tuple(v)) for k, v in c.size_range.items())),
            c.story_id,
        )
        for c in store.iter_canonical()
    )


def test_ingestion_order_does_not_change_the_canonical_events(db_url: str, tmp_path) -> None:
    articles = sorted(CORPUS)
    orders = [articles, list(reversed(articles))]
    random.Random(3).shuffle(orders[1])
    snapshots = []
    for n, order in enumerate(orders):
        url = db_url if n == 0 else f"sqlite:///{tmp_path / 'second.db'}"
        store = Store.from_url(url)
        size = 3 if n == 0 else 5
        _ingest(store, [order[i : i + size] for i in range(0, len(order), size)])
        snapshots.append(_snapshot(store))
        rebuild(store)
        snapshots.append(_snapshot(store))
        store.close()
    assert all(s == snapshots[0] for s in snapshots)
    multi = {tuple(a for a, _ in sources) for _, sources, n, *_ in snapshots[0] if n > 1}
    assert {tuple(sorted(a)) for a in multi} == {tuple(sorted(a)) for a in TRUTH.values()}


def test_later_reports_join_existing_events(db_url: str) -> None:
    store = Store.from_url(db_url)
    _ingest(store, [["atlas-convoy", "tbilisi-1"]])
    [first] = [c for c in store.iter_canonical() if c.sources[0].article_id == "atlas-convoy"]
    assert first.n_sources == 1
    _ingest(store, [["cns-convoy"]])
    [joined] = [c for c in store.iter_canonical() if c.n_sources > 1]
    assert joined.id == first.id and [s.article_id for s in joined.sources] == ["atlas-convoy", "cns-convoy"]
    # An earlier report arrives late: it becomes the anchor of the event, the old id goes away.
    _ingest(store, [["mw-convoy", "horizon-convoy"]])
    events = list(store.iter_canonical())
    assert len(events) == 2
    convoy = next(c for c in events if c.n_sources > 1)
    assert convoy.id != first.id and convoy.n_sources == 4 and convoy.n_independent_sources == 3
    assert convoy.sources[0].article_id == "mw-convoy"
    with store.engine.connect() as conn:
        rows = dict(conn.exec_driver_sql("SELECT id, duplicate_of FROM articles").all())
    assert rows["horizon-convoy"] == "mw-convoy" and rows["mw-convoy"] is None
    assert store.count_rows("canonical_sources") == 5


def test_reingesting_with_other_events_reclusters_the_neighbours(db_url: str) -> None:
    store = Store.from_url(db_url)
    _ingest(store, [sorted(CONVOY)])
    changed = dict(CONVOY)
    published, events = changed["atlas-convoy"]
    moved = events[0].model_copy(update={"id": "atlas-convoy-e9", "date": dt.date(2025, 3, 12)})
    changed["atlas-convoy"] = (published, [moved])
    _ingest(store, [["atlas-convoy"]], changed)
    incremental = _snapshot(store)
    rebuild(store)
    assert _snapshot(store) == incremental
    assert {tuple(a for a, _ in sources) for _, sources, *_ in incremental} == {
        ("mw-convoy", "horizon-convoy", "cns-convoy"),
        ("atlas-convoy",),
    }


def test_dedup_command_rebuilds(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    store = Store.from_url(url)
    _ingest(store, [sorted(CONVOY)])
    before = _snapshot(store)
    result = CliRunner().invoke(app, ["dedup", "--rebuild", "--db", url])
    assert result.exit_code == 0, result.output
    assert "4 per-article events -> 1 canonical events" in result.output
    assert _snapshot(store) == before


def test_dedup_command_catches_up_on_articles_stored_without_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bulk.db'}"
    store = Store.from_url(url)
    store.write_batch(_batch(sorted(CONVOY)))  # a bulk load that skipped deduplication
    assert store.count_rows("canonical_events") == 0
    result = CliRunner().invoke(app, ["dedup", "--db", url])
    assert result.exit_code == 0, result.output
    [convoy] = store.iter_canonical()
    assert convoy.n_sources == 4 and convoy.n_independent_sources == 3


# -- evaluation ------------------------------------------------------------------------------------------

CLUSTERS = Path(__file__).resolve().parents[1] / "eventwire" / "data" / "dedup_clusters.yaml"


def test_every_article_the_cluster_file_names_is_in_the_sample_corpus() -> None:
    labels = read_clusters(CLUSTERS)
    sources = sorted(str(p) for pattern in CORPUS_PATTERNS for p in labels.corpus.glob(pattern))
    refs: dict[str, str] = {}
    for article in iter_articles(sources):
        assert isinstance(article, Article)
        refs.update({article.id: article.id, article.url or article.id: article.id, article.source or "": article.id})
    named = [ref for cluster in labels.clusters for ref in cluster.articles]
    assert len(labels.clusters) == 61 and sum(len(c.reports) > 1 for c in labels.clusters) == 19
    assert [ref for ref in named if resolve(ref, refs) is None] == []
    assert {c.type for c in labels.clusters} >= {"ASSAULT", "PROTEST", "COERCE"}


def test_pairwise_scores_count_merge_decisions() -> None:
    truth = {"a1": "x", "a2": "x", "b1": "x", "c1": "y"}
    article_of = {"a1": "A", "a2": "A", "b1": "B", "c1": "C"}
    perfect = pairwise(truth, {"a1": "1", "a2": "1", "b1": "1", "c1": "2"})
    assert (perfect["precision"], perfect["recall"], perfect["gold_pairs"]) == (1.0, 1.0, 3)
    split = pairwise(truth, {"a1": "1", "a2": "1", "b1": "2", "c1": "2"}, article_of)
    assert (split["gold_pairs"], split["predicted_pairs"], split["precision"], split["recall"]) == (2, 1, 0.0, 0.0)


@pytest.mark.slow
def test_the_sample_corpus_is_deduplicated_better_than_the_baseline(tmp_path: Path) -> None:
    report = evaluate_dedup(CLUSTERS, db_url=f"sqlite:///{tmp_path / 'eval.db'}")
    assert report["unresolved_articles"] == []
    assert report["system"]["f1"] >= 0.85 and report["system"]["f1"] > report["baseline"]["f1"] + 0.2
    assert report["system_cross_article"]["precision"] >= 0.95
    # Every incident reported by several outlets ends up as one canonical event with all its reports.
    incidents = report["incidents"]
    assert incidents["multi_report_incidents"] >= 19
    assert incidents["merged"] == incidents["multi_report_incidents"], incidents["detail"]


def test_stories_are_stored_with_their_events(db_url: str) -> None:
    extra = {
        "deploy": ("2025-03-21", [event("deploy", 0, "MOBILIZE", "2025-03-20", "Ureña",
            "Venezuela sent armoured units to the border at Ureña.", actor="VEN MIL")]),
    }  # fmt: skip
    corpus = {**CONVOY, **extra, "urena-curfew": CORPUS["urena-curfew"], "tbilisi-1": CORPUS["tbilisi-1"]}
    store = Store.from_url(db_url)
    _ingest(store, [["deploy", "tbilisi-1"], ["urena-curfew"], sorted(CONVOY)], corpus)
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, title, start_date, end_date, n_events FROM stories").all()
    assert len(rows) == 1
    story_id, title, start, end, n_events = rows[0]
    assert n_events == 3 and str(start) == "2025-03-20" and str(end) == "2025-03-25"
    assert "Ureña" in title or "Táchira" in title
    by_story = {c.sources[0].article_id: c.story_id for c in store.iter_canonical()}
    assert by_story == {"deploy": story_id, "urena-curfew": story_id, "mw-convoy": story_id, "tbilisi-1": None}

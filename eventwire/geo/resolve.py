"""Choose the gazetteer entry each toponym mention refers to, using the whole article as context.

Each candidate gets a score from features of the name alone (main or alternate name, population,
kind of place) and features of the article (the countries and admin areas the other mentions
point to, the dateline, distance to the other places, and "Town, Region" containment). The same
surface form names the same place throughout an article, so mentions are grouped by name and each
group is resolved once. Two passes: the first uses the name alone plus unambiguous context
(dateline, containment), the second adds what the first pass resolved elsewhere in the article.
A softmax over the candidates' scores gives the 0-1 confidence reported as `Place.score`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from eventwire.geo.gazetteer import Candidate, Entry, Gazetteer
from eventwire.geo.names import fold

MentionKind = Literal["name", "demonym", "abbreviation", "unresolved"]

# How much each feature weighs, in units of one natural-log step of the softmax.
FEATURE_PRIOR = {"country": 2.2, "region": 1.8, "admin1": 1.4, "city": 0.0, "admin2": -0.4}
CAPITAL_BONUS = 2.5
ALTERNATE_NAME_PENALTY = 1.0
# An old or foreign name of one place ("Philadelphia" for Amman) when a large place bears it as its
# own name today: English text means the latter, whatever the former's rank. A short form of the
# place's own name ("Newcastle" for Newcastle upon Tyne) is no such name.
PRIMARY_NAME_POPULATION = 100_000
SHADOWED_ALTERNATE_PENALTY = 3.0
POPULATION_WEIGHT = 0.7  # per factor of ten
CONTAINER_BONUS = 3.0
HINT_BONUS = 2.0
NAMESAKE_PENALTY = 2.0
HINTED_FEATURES = {"admin": ("admin1", "admin2"), "city": ("city",)}
DATELINE_BONUS = 2.0
SAME_COUNTRY_WEIGHT = 2.5
SAME_ADMIN1_WEIGHT = 1.5
NEARBY_WEIGHT = 1.5
# The article names this very country by another, unambiguous name ("the Republic of Congo ...
# Congo"): a bare name two states share follows it.
SAME_COUNTRY_NAMED_BONUS = 1.5
NEARBY_KM = 250.0
# A town or province this far from every other place of the article is rarely the one meant.
FAR_KM = 2_500.0
FAR_PENALTY = 1.5
# Candidates kept per name after the name-only ranking; the rest cannot win on context alone.
MAX_CANDIDATES = 40
SAME_PLACE_KM = 30.0
EARTH_DIAMETER_KM = 12_742.0


@dataclass
class Mention:
    """A span of the article that names (or adjectivally refers to) a place."""

    start: int
    end: int
    text: str
    key: str  # folded name used for lookup
    kind: MentionKind = "name"
    # Index (in the mention list) of the place named right after "This, <that>" — its container.
    container: int | None = None
    in_dateline: bool = False
    # Recognition confidence: spaCy and the gazetteer agree, or only the gazetteer matched.
    recognition: float = 1.0
    # The word after the name says what kind of place it is: "Idlib province", "Gaza City".
    hint: Literal["admin", "city"] | None = None


@dataclass
class Resolution:
    entry: Entry
    score: float
    # The name matched only one of the entry's alternate names ("Calcutta" for Kolkata).
    alternate: bool = False


@dataclass
class _Group:
    key: str
    kind: MentionKind
    members: list[int] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    base: list[float] = field(default_factory=list)
    # Groups named right after this one ("Cairns, Queensland") and right before it.
    outers: list[_Group] = field(default_factory=list)
    inners: list[_Group] = field(default_factory=list)
    hint: Literal["admin", "city"] | None = None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return EARTH_DIAMETER_KM * math.asin(math.sqrt(min(1.0, a)))


def name_score(candidate: Candidate) -> float:
    """How likely this entry is meant by its name alone, before any context."""
    entry = candidate.entry
    score = FEATURE_PRIOR[entry.feature] + POPULATION_WEIGHT * math.log10(entry.population + 10)
    if entry.capital:
        score += CAPITAL_BONUS
    if candidate.alternate:
        score -= ALTERNATE_NAME_PENALTY
    return score


def contains(outer: Entry, inner: Entry) -> bool:
    """True when `outer` is an admin area or country that `inner` lies in."""
    if outer.row == inner.row:
        return False
    if outer.feature == "country":
        return inner.country == outer.country and inner.feature != "country"
    if outer.feature == "admin1":
        return inner.admin1 == outer.admin1 and inner.feature in ("city", "admin2")
    if outer.feature == "admin2":
        return inner.admin2 == outer.admin2 and inner.feature == "city"
    return False


def resolve_mentions(
    mentions: list[Mention], gazetteer: Gazetteer, countries: dict[str, float] | None = None
) -> list[Resolution | None]:
    """The chosen entry and its confidence for each mention (None where nothing matches).

    `countries` weighs countries the article points to without naming a place ("the sheriff's
    deputies" are American), in the same units as one certain mention; they count where the
    article's other places say nothing.
    """
    prior = countries or {}
    groups = _group(mentions, gazetteer)
    group_of = {i: group for group in groups for i in group.members}
    for i, mention in enumerate(mentions):
        outer = group_of.get(mention.container) if mention.container is not None else None
        if outer is not None and outer is not group_of[i]:
            group_of[i].outers.append(outer)
            outer.inners.append(group_of[i])
    chosen: dict[str, tuple[int, float]] = {}
    for group in groups:
        chosen[group.key] = _choose(group, mentions, group_of, chosen, prior, use_article=False)
    for group in groups:
        chosen[group.key] = _choose(group, mentions, group_of, chosen, prior, use_article=True)
    results: list[Resolution | None] = []
    for i in range(len(mentions)):
        group = group_of.get(i)
        if group is None or not group.candidates:
            results.append(None)
            continue
        best, confidence = chosen[group.key]
        candidate = group.candidates[best]
        results.append(Resolution(candidate.entry, confidence, candidate.alternate))
    return results


def _group(mentions: list[Mention], gazetteer: Gazetteer) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for i, mention in enumerate(mentions):
        # "Kharkiv" and "the Kharkiv region" in one article are the city and its province.
        group_key = f"{mention.kind}:{mention.key}:{mention.hint or ''}"
        group = groups.get(group_key)
        if group is None:
            group = groups[group_key] = _Group(key=group_key, kind=mention.kind, hint=mention.hint)
            group.candidates = _lookup(mention, gazetteer)
            shadowed = any(not c.alternate and c.entry.population >= PRIMARY_NAME_POPULATION for c in group.candidates)
            group.base = [
                name_score(c) - (SHADOWED_ALTERNATE_PENALTY if shadowed and _foreign_alternate(c, mention.key) else 0.0)
                for c in group.candidates
            ]
            order = sorted(range(len(group.base)), key=lambda j: -group.base[j])[:MAX_CANDIDATES]
            group.candidates = [group.candidates[j] for j in order]
            group.base = [group.base[j] for j in order]
        group.members.append(i)
    return list(groups.values())


def _foreign_alternate(candidate: Candidate, key: str) -> bool:
    return candidate.alternate and not fold(candidate.entry.name).startswith(key)


def _lookup(mention: Mention, gazetteer: Gazetteer) -> list[Candidate]:
    if mention.kind == "demonym":
        entry = gazetteer.demonym(mention.key)
        return [] if entry is None else [Candidate(entry, alternate=False)]
    if mention.kind == "abbreviation":
        return gazetteer.abbreviation(mention.key)
    if mention.kind == "unresolved":
        return []
    candidates = gazetteer.candidates(mention.key)
    # A country's own English name means the country; other places reach it only as a variant
    # spelling ("Mexico" for Mexico City), which English text would not use.
    if any(c.entry.feature == "country" and not c.alternate for c in candidates):
        candidates = [c for c in candidates if not c.alternate]
    return candidates


def _choose(
    group: _Group,
    mentions: list[Mention],
    group_of: dict[int, _Group],
    chosen: dict[str, tuple[int, float]],
    prior: dict[str, float],
    use_article: bool,
) -> tuple[int, float]:
    if not group.candidates:
        return (0, 0.0)
    if len(group.candidates) == 1:
        return (0, _single_confidence(group))
    context = _ArticleContext.collect(group, mentions, group_of, chosen, prior, use_article)
    seats = {c.entry.admin1 for c in group.candidates if c.entry.feature == "city" and not c.alternate}
    scores = [
        base + context.bonus(candidate.entry, group) - _namesake_penalty(candidate, group, seats)
        for candidate, base in zip(group.candidates, group.base, strict=True)
    ]
    best = max(range(len(scores)), key=scores.__getitem__)
    top = scores[best]
    weights = [math.exp(s - top) for s in scores]
    # Readings within a few km of the winner (the town and its municipality) are the same answer
    # for every use of the coordinates, so they add to the confidence instead of splitting it.
    chosen_entry = group.candidates[best].entry
    agreeing = sum(
        w
        for w, c in zip(weights, group.candidates, strict=True)
        if haversine_km(chosen_entry.lat, chosen_entry.lon, c.entry.lat, c.entry.lon) <= SAME_PLACE_KM
    )
    return (best, agreeing / sum(weights))


def _namesake_penalty(candidate: Candidate, group: _Group, seats: set[str | None]) -> float:
    """'Kharkiv': an area called after its own town by a variant name means the town.

    GeoNames names such areas formally ("Kharkivska oblast") and lists the town's name as an
    alias; the bare town name refers to the area only with a hint ("the Kharkiv region").
    """
    entry = candidate.entry
    if group.hint == "admin" or entry.feature not in ("admin1", "admin2") or not candidate.alternate:
        return 0.0
    return NAMESAKE_PENALTY if entry.admin1 in seats else 0.0


def _single_confidence(group: _Group) -> float:
    # A name with one gazetteer entry is as certain as the name is a place name at all; alternate
    # names and small towns are more often false matches on other words.
    candidate = group.candidates[0]
    if group.kind != "name" or candidate.entry.feature in ("country", "region", "admin1"):
        return 0.95
    size = min(1.0, math.log10(candidate.entry.population + 10) / 6)
    return round(0.6 + 0.3 * size - (0.1 if candidate.alternate else 0.0), 3)


@dataclass
class _ArticleContext:
    """What the rest of the article says about where it is, seen from one group."""

    countries: dict[str, float]
    admin1s: dict[str, float]
    points: list[tuple[float, float, float]]
    # Every resolved place of the article, countries and regions too: what "far away" is from.
    anchors: list[tuple[float, float]]
    total: float
    dateline: list[Entry]
    named: set[int]  # rows of the countries other mentions name

    @classmethod
    def collect(
        cls,
        group: _Group,
        mentions: list[Mention],
        group_of: dict[int, _Group],
        chosen: dict[str, tuple[int, float]],
        prior: dict[str, float],
        use_article: bool,
    ) -> _ArticleContext:
        countries: dict[str, float] = defaultdict(float)
        admin1s: dict[str, float] = defaultdict(float)
        points: list[tuple[float, float, float]] = []
        anchors: list[tuple[float, float]] = []
        dateline: list[Entry] = []
        named: set[int] = set()
        total = 0.0
        for i, mention in enumerate(mentions):
            other = group_of.get(i)
            if other is None or other is group or not other.candidates:
                continue
            pick = chosen.get(other.key)
            if mention.in_dateline:
                entry = other.candidates[pick[0] if pick else 0].entry
                dateline.append(entry)
            if not use_article or pick is None:
                continue
            entry = other.candidates[pick[0]].entry
            if other.kind == "name" and entry.feature == "country":
                named.add(entry.row)
            weight = pick[1] * mention.recognition
            total += weight
            if entry.country:
                countries[entry.country] += weight
            if entry.admin1:
                admin1s[entry.admin1] += weight
            if entry.feature in ("city", "admin2"):
                points.append((entry.lat, entry.lon, weight))
            anchors.append((entry.lat, entry.lon))
        if total == 0 and prior:
            # Words alone place the article only where its places do not.
            countries.update(prior)
            total = sum(prior.values())
        return cls(dict(countries), dict(admin1s), points, list(set(anchors)), total, dateline, named)

    def bonus(self, entry: Entry, group: _Group) -> float:
        score = 0.0
        namesake = self._country_namesake(entry, group)
        for outer in self.dateline:
            within = outer.row == entry.row or (contains(outer, entry) and outer.feature != "country")
            if within or (outer.country == entry.country and not namesake):
                score += DATELINE_BONUS
                break
        score += _container_bonus(entry, group)
        if entry.row in self.named:
            score += SAME_COUNTRY_NAMED_BONUS
        if entry.feature in HINTED_FEATURES.get(group.hint or "", ()):
            score += HINT_BONUS
        if self.total > 0 and entry.country and not namesake:
            score += SAME_COUNTRY_WEIGHT * self.countries.get(entry.country, 0.0) / self.total
            if entry.admin1 and entry.feature != "country":
                score += SAME_ADMIN1_WEIGHT * self.admin1s.get(entry.admin1, 0.0) / self.total
        if self.points and entry.feature in ("city", "admin2"):
            nearest = min(haversine_km(entry.lat, entry.lon, lat, lon) for lat, lon, _ in self.points)
            score += NEARBY_WEIGHT * math.exp(-nearest / NEARBY_KM)
        # "Gaza" beside Cairo and Israel is not the Mozambican province of that name.
        if self.anchors and entry.feature not in ("country", "region") and self._far(entry):
            score -= FAR_PENALTY
        return score

    def _far(self, entry: Entry) -> bool:
        if entry.country in self.countries:
            return False
        return not any(haversine_km(entry.lat, entry.lon, lat, lon) <= FAR_KM for lat, lon in self.anchors)

    def _country_namesake(self, entry: Entry, group: _Group) -> bool:
        """'Nigeria and Niger resume border patrols': a province bearing a country's own name gets
        nothing from the places (or the dateline) of its own country when the article has places
        of that country too; the province then needs a town or a hint of its own."""
        if entry.feature == "country":
            return False
        return any(
            c.entry.feature == "country" and not c.alternate and self.countries.get(c.entry.country or "", 0.0) > 0
            for c in group.candidates
        )


def _container_bonus(entry: Entry, group: _Group) -> float:
    # "Cairns, Queensland": the town is the reading that lies in one of the region's readings, and
    # the region is the reading that holds one of the town's readings.
    if any(contains(c.entry, entry) for outer in group.outers for c in outer.candidates):
        return CONTAINER_BONUS
    if any(contains(entry, c.entry) for inner in group.inners for c in inner.candidates):
        return CONTAINER_BONUS
    return 0.0

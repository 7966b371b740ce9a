"""`eventwire eval geo PATH`: toponym recognition and resolution against TR-News or GeoVirus XML.

Both corpora are XML lists of `<article>`s with the text and gold toponyms:
- TR-News: `<toponyms><toponym>` with `<phrase>`, `<start>`, `<end>` and a `<gaztag geonameid>` holding
  the GeoNames `<lat>`, `<lon>` and `<country geonameid>`;
- GeoVirus: `<locations><location>` with `<name>`, `<start>`, `<end>`, `<lat>`, `<lon>` and a Wikipedia
  `<page>` (no GeoNames id and no country).

Gold offsets in both are sometimes a few characters off the text, so each gold span is re-anchored at
the nearest occurrence of its phrase. Every `<location>` counts, including the few that GeoVirus nests
inside another one by mistake (2,170 toponyms where its README says 2,167).

Conventions of outside evaluations are kept: a prediction matches a gold toponym when their spans
overlap; a resolution is right within 161 km; accuracy counts every gold toponym that has coordinates,
and one not found counts as wrong. The median error is over the gold toponyms the system found and
placed. Country accuracy compares ISO alpha-3 codes; GeoVirus gives no country, so the gold country is
that of the nearest gazetteer town within 100 km of the gold point (none for continents and oceans,
which are left out of that figure).

The baseline beside each figure: spaCy GPE/LOC entities, each resolved to the most populous gazetteer
entry with that name (accents and case folded), as many simple geoparsers do.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventwire.errors import InputError
from eventwire.extract.places import find_places
from eventwire.geo import Gazetteer, TableGazetteer, load_gazetteer
from eventwire.geo.names import fold
from eventwire.geo.resolve import haversine_km
from eventwire.nlp.model import load_model, parse_many
from eventwire.records import Place

HIT_KM = 161.0
GOLD_COUNTRY_KM = 100.0
BASELINE_LABELS = frozenset({"GPE", "LOC"})


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO alpha-3


@dataclass(frozen=True)
class GoldArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]


def evaluate_geo(path: str | Path) -> dict[str, Any]:
    """Score the places extractor and the baseline on one TR-News or GeoVirus XML file."""
    path = Path(path)
    gazetteer = load_gazetteer()
    articles = list(read_gold(path, gazetteer))
    if not articles:
        raise InputError(f"{path}: no <article> with text found; expected TR-News or GeoVirus XML")
    system: list[list[Place]] = []
    baseline: list[list[Place]] = []
    for doc, _ in parse_many(((a.text, None) for a in articles), load_model()):
        system.append(find_places(doc, gazetteer))
        baseline.append(baseline_places(doc, gazetteer))
    scores = {"system": _score(articles, system), "baseline": _score(articles, baseline)}
    report: dict[str, Any] = {
        "dataset": path.stem,
        "docs": len(articles),
        "toponyms": sum(len(a.toponyms) for a in articles),
        "toponyms_with_coordinates": sum(1 for a in articles for t in a.toponyms if t.lat is not None),
    }
    for metric in scores["system"]:
        report[metric] = {"system": scores["system"][metric], "baseline": scores["baseline"][metric]}
    return report


def read_gold(path: Path, gazetteer: Gazetteer) -> Iterator[GoldArticle]:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError(f"{path}: cannot read gold XML: {exc}") from exc
    country_of = _alpha3_by_geonames_id(gazetteer)
    grid: list[_TownGrid] = []  # built on first need: TR-News never needs it

    def country_near(name: str, lat: float, lon: float) -> str | None:
        if any(c.entry.feature == "region" for c in gazetteer.candidates(fold(name))):
            return None
        if not grid:
            grid.append(_TownGrid(gazetteer))
        near = grid[0].nearest(lat, lon, GOLD_COUNTRY_KM)
        return gazetteer.alpha3(near) if near else None

    for article in root.iter("article"):
        text = article.findtext("text")
        if not text:
            continue
        toponyms: list[GoldToponym] = []
        for element in [*article.iter("toponym"), *article.iter("location")]:
            toponym = _gold_toponym(element, text, country_of, country_near)
            if toponym is not None:
                toponyms.append(toponym)
        yield GoldArticle(text, tuple(toponyms))


def _gold_toponym(
    element: ET.Element,
    text: str,
    country_of: dict[int, str],
    country_near: Callable[[str, float, float], str | None],
) -> GoldToponym | None:
    phrase = element.findtext("phrase") or element.findtext("name")
    start_text = element.findtext("start")
    if not phrase or start_text is None:
        return None
    start = _anchor(text, phrase, int(start_text))
    if start < 0:
        return None
    tag = element.find("gaztag")
    source = tag if tag is not None else element
    lat_text, lon_text = source.findtext("lat"), source.findtext("lon")
    lat = float(lat_text) if lat_text else None
    lon = float(lon_text) if lon_text else None
    country: str | None = None
    if tag is not None:
        country_element = tag.find("country")
        if country_element is not None and country_element.get("geonameid"):
            country = country_of.get(int(country_element.get("geonameid", "0")))
    elif lat is not None and lon is not None:
        country = country_near(phrase, lat, lon)
    return GoldToponym(start, start + len(phrase), phrase, lat, lon, country)


def _anchor(text: str, phrase: str, start: int) -> int:
    """The start of the occurrence of `phrase` nearest the given offset (-1 if absent)."""
    if text[start : start + len(phrase)] == phrase:
        return start
    best = -1
    at = text.find(phrase)
    while at >= 0:
        if best < 0 or abs(at - start) < abs(best - start):
            best = at
        at = text.find(phrase, at + 1)
    return best


def _alpha3_by_geonames_id(gazetteer: Gazetteer) -> dict[int, str]:
    if not isinstance(gazetteer, TableGazetteer):
        return {}
    result: dict[int, str] = {}
    for alpha2, row in gazetteer.country_rows.items():
        alpha3 = gazetteer.alpha3(alpha2)
        if alpha3:
            result[gazetteer.geonames_ids[row]] = alpha3
    return result


class _TownGrid:
    """Towns bucketed by whole degrees, for reverse geocoding gold points."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        if not isinstance(gazetteer, TableGazetteer):
            raise TypeError("reverse geocoding gold points needs a TableGazetteer")
        self.cells: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)
        for row in range(len(gazetteer)):
            country = gazetteer.countries[row]
            if gazetteer.features[row] == 0 and country:  # towns only
                lat, lon = gazetteer.lats[row], gazetteer.lons[row]
                self.cells[(math.floor(lat), math.floor(lon))].append((lat, lon, country))

    def nearest(self, lat: float, lon: float, within_km: float) -> str | None:
        best: tuple[float, str] | None = None
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for town_lat, town_lon, country in self.cells.get((math.floor(lat) + dlat, math.floor(lon) + dlon), []):
                    distance = haversine_km(lat, lon, town_lat, town_lon)
                    if distance <= within_km and (best is None or distance < best[0]):
                        best = (distance, country)
        return best[1] if best else None


def baseline_places(doc: Doc, gazetteer: Gazetteer) -> list[Place]:
    """spaCy GPE/LOC entities resolved to the most populous entry of the same (folded) name."""
    places: list[Place] = []
    for ent in doc.ents:
        if ent.label_ not in BASELINE_LABELS:
            continue
        candidates = gazetteer.candidates(fold(ent.text))
        place = Place(text=ent.text, start=ent.start_char, end=ent.end_char)
        if candidates:
            entry = max(candidates, key=lambda c: c.entry.population).entry
            place = place.model_copy(
                update={
                    "name": entry.name,
                    "lat": entry.lat,
                    "lon": entry.lon,
                    "country_code": gazetteer.alpha3(entry.country) if entry.country else None,
                    "feature": entry.feature,
                    "geonames_id": entry.geonames_id,
                }
            )
        places.append(place)
    return places


def _score(articles: list[GoldArticle], predictions: list[list[Place]]) -> dict[str, Any]:
    n_gold = n_pred = found = correct_pred = 0
    with_coordinates = hits = 0
    with_country = country_hits = 0
    errors: list[float] = []
    for article, places in zip(articles, predictions, strict=True):
        n_gold += len(article.toponyms)
        n_pred += len(places)
        correct_pred += sum(1 for p in places if any(_overlap(p, g) for g in article.toponyms))
        for gold in article.toponyms:
            match = _best_match(gold, places)
            found += match is not None
            if gold.lat is not None and gold.lon is not None:
                with_coordinates += 1
                if match is not None and match.lat is not None and match.lon is not None:
                    error = haversine_km(gold.lat, gold.lon, match.lat, match.lon)
                    errors.append(error)
                    hits += error <= HIT_KM
            if gold.country:
                with_country += 1
                country_hits += match is not None and match.country_code == gold.country
    precision = correct_pred / n_pred if n_pred else 0.0
    recall = found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "accuracy_161km": round(hits / with_coordinates, 4) if with_coordinates else 0.0,
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "placed": len(errors),
        "country_accuracy": round(country_hits / with_country, 4) if with_country else 0.0,
    }


def _overlap(place: Place, gold: GoldToponym) -> bool:
    return place.start < gold.end and gold.start < place.end


def _best_match(gold: GoldToponym, places: list[Place]) -> Place | None:
    best: Place | None = None
    best_overlap = 0
    for place in places:
        overlap = min(place.end, gold.end) - max(place.start, gold.start)
        if overlap > best_overlap:
            best, best_overlap = place, overlap
    return best

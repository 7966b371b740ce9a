"""`eventwire eval gvdb PATH`: per-article casualty figures, city and date against the Gun Violence
Database (GVDB; one crowd-annotated US local news article per row of a tab-separated file).

Gold, from each row's JSON annotation:
- dead: victims whose `victim-was` includes "killed"; injured: the other victims marked "injured"
  or "hospitalized";
- city: `date-and-time.city.value`, cleaned of the annotation tool's debris (text glued before
  the city, a leading compass word as in "southwest Houston"); articles without one are not
  scored for city;
- date: `date-and-time.date` (the incident's date).

System:
- dead and injured: `article_casualties` over the article's counts;
- city: the town of a dateline ("MILWAUKEE —", "(Cincinnati, OH)--", with a station's call
  letters glued before it as in "KVIIAMARILLO, Texas"), else `eventwire.geo.article_city`: the
  town named most often, a neighbourhood ("Philadelphia's Kensington section") counted for its
  city; else the county named, or the large city it is named after ("Los Angeles County");
- date: `event_date` for the main incident. GVDB gives no publication date, so relative dates
  ("on Sunday") are resolved against the latest full date (with a year) written in the article;
  articles with no such date can only be dated by an absolute expression, which is a limitation
  of the data, not of the scorer: the figure is reported over all articles and over the articles
  that have an anchor.

Baselines, printed beside each figure: one regex for the number killed (first "N (people) (were)
killed|dead", else 0) and one for injured, the first GPE entity as the city, and the first DATE
entity read by dateparser against the same anchor as the date.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from eventwire.extract.context import ExtractionContext
from eventwire.extract.counts import article_casualties, extract_counts
from eventwire.extract.dates import event_date, extract_dates
from eventwire.extract.places import extract_places
from eventwire.geo import Gazetteer, article_city, load_gazetteer, locate_event
from eventwire.geo.names import fold
from eventwire.nlp.model import parse_many
from eventwire.pipeline import Pipeline, PipelineFailure
from eventwire.records import Article, ArticleResult, Place

_NUMBER_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()
_WORD_VALUES = {word: i + 1 for i, word in enumerate(_NUMBER_WORDS)}
_FIGURE = r"(\d+|" + "|".join(_NUMBER_WORDS) + r")"
BASELINE_DEAD = re.compile(_FIGURE + r" (?:people |persons )?(?:were |was )?(?:killed|dead)\b", re.I)
BASELINE_INJURED = re.compile(_FIGURE + r" (?:people |persons )?(?:were |was )?(?:injured|wounded|hurt)\b", re.I)
# Words of a shooting or killing: the first sentence with one is the article's main incident.
INCIDENT_LEMMAS = frozenset(
    {"shoot", "kill", "wound", "injure", "die", "murder", "stab", "fire", "shooting", "gunfire"}
)
_COMPASS = re.compile(r"^(?:north|south|east|west|northeast|northwest|southeast|southwest|n|s|e|w)\.?\s+")
_COMPASS_AFTER = re.compile(r"\s+(?:north|south|east|west)$")
# "Lancaster Twp": GVDB and datelines name a township by its town.
_TOWNSHIP = re.compile(r"\s+(?:twp|township)$")
# Upper-case place, optional ", State", optional "(STATION)", then a dash: a news dateline.
_DATELINE = re.compile(
    r"(?<![A-Z])([A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+){0,3})(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?,?)?"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:—|–|--|-)"
)
# "(Cincinnati, OH)--": some outlets put the dateline in parentheses.
_PARENTHESISED_DATELINE = re.compile(r"\(([A-Z][A-Za-z.'’ -]{2,30}),\s*[A-Z][A-Za-z.]{1,5}\)\s*(?:—|–|--|-)")
DATELINE_CHARS = 400
_COUNTY_WORD = re.compile(r"\s+(?:County|Parish|Borough)$")
NAMESAKE_CITY_POPULATION = 100_000
# A US broadcaster's call letters glued before the dateline's town: "WCIVCHARLESTON", "KVIIAMARILLO".
_CALL_SIGN_PREFIX = re.compile(r"[KW][A-Z]{3}(?=[A-Z]{2})")
_GLUED = re.compile(r"[a-z.]([A-Z][A-Za-z .'-]*)$")


@dataclass
class _Row:
    article: Article
    dead: int
    injured: int
    city: str | None
    date: dt.date | None


def read_gvdb(path: str | Path) -> list[_Row]:
    """The rows of a GVDB split (.tsv with Article id, title, Full text and Json columns)."""
    csv.field_size_limit(sys.maxsize)
    rows: list[_Row] = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            annotation = json.loads(record["Json"])
            victims = annotation.get("victim-section") or []
            outcomes = [set(v.get("victim-was") or []) for v in victims]
            when = annotation.get("date-and-time") or {}
            article = Article(
                id=record["Article id"],
                text=record["Full text"],
                title=record.get("Article title") or None,
                url=record.get("Article url") or None,
            )
            rows.append(
                _Row(
                    article=article,
                    dead=sum(1 for o in outcomes if "killed" in o),
                    injured=sum(1 for o in outcomes if "killed" not in o and o & {"injured", "hospitalized"}),
                    city=gold_city((when.get("city") or {}).get("value") or ""),
                    date=_gold_date(when.get("date") or ""),
                )
            )
    return rows


def gold_city(value: str) -> str | None:
    """The annotated city, folded; None when the annotator left it empty."""
    value = value.replace("\r", "\n").split("\n")[-1].strip()
    glued = _GLUED.search(value)
    if glued:
        value = glued.group(1)  # "armed robberyBELPRE": the title was glued to the dateline
    return normalise_city(value) or None


def normalise_city(name: str) -> str:
    """Case, accents, "St.", "Co.", "Twp" and compass words ("southwest Houston", "New Orleans
    East") folded."""
    folded = " ".join(fold(name).replace(".", " ").replace(",", " ").split())
    folded = re.sub(r"\bst\b", "saint", folded)
    folded = re.sub(r"\bft\b", "fort", folded)
    folded = re.sub(r"\bco$", "county", folded)
    folded = _COMPASS.sub("", folded).removeprefix("the ")
    return _TOWNSHIP.sub("", _COMPASS_AFTER.sub("", folded))


def _gold_date(value: str) -> dt.date | None:
    try:
        year, month, day = (int(part) for part in value.split("-"))
        return dt.date(year, month, day)
    except ValueError:
        return None


def evaluate_gvdb(path: str | Path) -> dict[str, Any]:
    """Exact match and mean absolute error of dead and injured, city and date match, with baselines."""
    rows = read_gvdb(path)
    # Only the extractors the figures read: the scores do not depend on the event coder.
    pipeline = Pipeline(extractors={"places": extract_places, "dates": extract_dates, "counts": extract_counts})
    tally: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    n_city = n_anchored = 0
    for row, doc, result in _extract(pipeline, rows):
        system = _system_figures(row, doc, result)
        baseline = _baseline_figures(row, doc)
        for name, figures in (("system", system), ("baseline", baseline)):
            for kind in ("dead", "injured"):
                tally[f"{name}_{kind}_exact"] += figures[kind] == getattr(row, kind)
                errors[f"{name}_{kind}"] += abs(figures[kind] - getattr(row, kind))
            if row.city is not None:
                tally[f"{name}_city"] += figures["city"] is not None and figures["city"] in _gold_cities(row.city)
            tally[f"{name}_date"] += row.date is not None and figures["date"] == row.date
            if system["anchor"] is not None:
                tally[f"{name}_date_anchored"] += row.date is not None and figures["date"] == row.date
        tally["failed"] += result is None
        n_city += row.city is not None
        n_anchored += system["anchor"] is not None
    n = len(rows)
    report: dict[str, Any] = {"dataset": "gvdb", "n_articles": n, "n_with_city": n_city, "n_date_anchored": n_anchored}
    report["n_failed"] = tally["failed"]
    for name in ("system", "baseline"):
        report[name] = {
            "dead_exact": _ratio(tally[f"{name}_dead_exact"], n),
            "dead_mae": _ratio(errors[f"{name}_dead"], n),
            "injured_exact": _ratio(tally[f"{name}_injured_exact"], n),
            "injured_mae": _ratio(errors[f"{name}_injured"], n),
            "city_match": _ratio(tally[f"{name}_city"], n_city),
            "date_match": _ratio(tally[f"{name}_date"], n),
            "date_match_anchored": _ratio(tally[f"{name}_date_anchored"], n_anchored),
        }
    return report


def _ratio(part: float, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _gold_cities(city: str) -> set[str]:
    """Accepted answers: GVDB writes "York City" or "Oklahoma City" where a gazetteer has "York"."""
    return {city, city.removesuffix(" city")}


def _extract(pipeline: Pipeline, rows: list[_Row]) -> Iterator[tuple[_Row, Doc, ArticleResult | None]]:
    """Parse in batches (as `extract_many` does) keeping each Doc for the article-level figures."""
    for doc, row in parse_many(((row.article.text, row) for row in rows), pipeline.nlp, pipeline.batch_size):
        result = pipeline.extract_doc(doc, row.article)
        yield row, doc, None if isinstance(result, PipelineFailure) else result


def _system_figures(row: _Row, doc: Doc, result: ArticleResult | None) -> dict[str, Any]:
    if result is None:
        return {"dead": 0, "injured": 0, "city": None, "date": None, "anchor": None}
    figures: dict[str, Any] = dict(article_casualties(result.counts, doc))
    body = body_start(row.article)
    sentence, trigger = main_incident(doc, body)
    figures["city"] = system_city(doc, result.places, body, sentence, trigger)
    anchor = date_anchor(doc, row.article)
    figures["anchor"] = anchor
    figures["date"] = None
    if sentence is not None and trigger is not None:
        dated = row.article.model_copy(update={"published": anchor})
        dates = extract_dates(doc, ExtractionContext(article=dated))
        when, precision, _ = event_date(doc, sentence, trigger, dates, anchor)
        figures["date"] = when if precision in {"day", "published"} else None
    return figures


def body_start(article: Article) -> int:
    """Where the body starts: GVDB texts begin with the headline, glued to the first sentence."""
    title = (article.title or "").strip()
    return len(title) if title and article.text.startswith(title) else 0


def main_incident(doc: Doc, body: int = 0) -> tuple[Span | None, int | None]:
    """The first sentence with a shooting or killing word, and that word's token index; the
    body's first such sentence is preferred to the headline's."""
    found: tuple[Span | None, int | None] = (None, None)
    for token in doc:
        if token.lemma_.lower() in INCIDENT_LEMMAS:
            if token.idx >= body:
                return token.sent, token.i
            if found[0] is None:
                found = (token.sent, token.i)
    return found


def system_city(
    doc: Doc, places: list[Place], body: int = 0, sentence: Span | None = None, trigger: int | None = None
) -> str | None:
    """The article's city: the town of its dateline, else `article_city` over its places (between
    towns named equally often, the one `locate_event` ties to the main incident), else the county
    it names. A headline's capitalised words are easily taken for places, so a place in the
    headline counts only when the body names it too (or the body names none)."""
    gazetteer = load_gazetteer()
    in_body = {p.name for p in places if p.start >= body and p.name and p.feature in ("city", "admin2")}
    if in_body:
        places = [p for p in places if p.start >= body or p.name in in_body]
    written = dateline_city(doc.text, gazetteer)
    if written is not None:
        return written
    focus = locate_event(doc, sentence, places, trigger) if sentence is not None else None
    city = article_city(places, gazetteer, doc.text, focus=focus)
    if city is not None:
        return normalise_city(city.name or city.text)
    counties = [p for p in places if p.feature == "admin2" and p.name]
    if counties:
        county = max(counties, key=lambda p: p.score)
        return normalise_city(_namesake_city(county, gazetteer) or county.name or "")
    return None


def _namesake_city(county: Place, gazetteer: Gazetteer) -> str | None:
    """'Los Angeles County': a county named after a large city inside it stands for the city."""
    entries = [
        c.entry for c in gazetteer.candidates(fold(county.name or "")) if c.entry.geonames_id == county.geonames_id
    ]
    if not entries or not entries[0].admin2:
        return None
    name = _COUNTY_WORD.sub("", county.name or "")
    cities = [c.entry for c in gazetteer.candidates(fold(name)) if c.entry.feature == "city" and not c.alternate]
    seat = [e for e in cities if e.admin2 == entries[0].admin2 and e.population >= NAMESAKE_CITY_POPULATION]
    return seat[0].name if seat else None


def dateline_city(text: str, gazetteer: Gazetteer) -> str | None:
    """The town of the article's dateline, normalised; None when it has none."""
    span = find_dateline(text, gazetteer)
    return normalise_city(text[span[0] : span[1]]) if span else None


def find_dateline(text: str, gazetteer: Gazetteer | None = None) -> tuple[int, int] | None:
    """(start, end) of the town in the first dateline near the top whose town the gazetteer knows
    ("MILWAUKEE —", "AURORA, Colo. (CBS4) –", "(Cincinnati, OH)--"). GVDB glues the headline to
    the text, so it need not start the text; a station's call letters may be glued before the
    town ("KVIIAMARILLO, Texas"), and a capitalised run that names no place ("WTOC -",
    "UPDATE -") is no dateline."""
    gazetteer = gazetteer or load_gazetteer()
    top = text[:DATELINE_CHARS]
    for match in [*_DATELINE.finditer(top), *_PARENTHESISED_DATELINE.finditer(top)]:
        start, end = match.span(1)
        call_sign = _CALL_SIGN_PREFIX.match(text, start, end)
        for begin in (start, call_sign.end()) if call_sign else (start,):
            name = text[begin:end]
            if len(name) >= 3 and (gazetteer.knows(fold(name)) or gazetteer.knows(normalise_city(name))):
                return begin, end
    return None


def date_anchor(doc: Doc, article: Article) -> dt.date | None:
    """The latest full date written in the article: the best stand-in for its publication date."""
    undated = article.model_copy(update={"published": None})
    absolute = [m.date for m in extract_dates(doc, ExtractionContext(article=undated)) if m.precision == "day"]
    return max(absolute, default=None)


def _baseline_figures(row: _Row, doc: Doc) -> dict[str, Any]:
    text = row.article.text
    dead = BASELINE_DEAD.search(text)
    injured = BASELINE_INJURED.search(text)
    city = next((ent.text for ent in doc.ents if ent.label_ == "GPE"), None)
    return {
        "dead": _baseline_value(dead.group(1)) if dead else 0,
        "injured": _baseline_value(injured.group(1)) if injured else 0,
        "city": normalise_city(city) if city else None,
        "date": _baseline_date(doc, date_anchor(doc, row.article)),
    }


def _baseline_value(figure: str) -> int:
    return int(figure) if figure.isdigit() else _WORD_VALUES[figure.lower()]


def _baseline_date(doc: Doc, anchor: dt.date | None) -> dt.date | None:
    import dateparser  # slow to import, and only the baseline uses it

    first = next((ent.text for ent in doc.ents if ent.label_ == "DATE"), None)
    if first is None:
        return None
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day"]}
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(anchor, dt.time(12))
    parsed = dateparser.parse(first, settings=settings)
    return parsed.date() if parsed else None

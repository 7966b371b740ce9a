"""Synthetic per-article events with known truth, for deduplication tests and the benchmark.

Real-world incidents are drawn over a table of real cities (coordinates rounded), with a type, date,
actors and a toll; each is reported by 1 to 6 articles (40 % once, 4 % six times) that disagree as
real reports do: the date is a day off or only the publication date, the place a nearby town, the
province or just the country, actors unknown or coded to another sector, figures up or down, and the
sentence is worded differently, naming some of the incident's particulars (invented names) among
generic words. Incidents arrive at a steady rate per day (a growing archive covers
more days, it does not get denser), so twice the events means twice the days.

Nothing here is real news. A generator with the same seed gives the same data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass

from eventwire.dedup.features import ArticleInfo
from eventwire.records import Actor, Event, Place, TextInfo
from eventwire.synthetic import City, cities

# The order fixes which city a seed draws.
CITIES = cities(
    "Caracas", "Maracaibo", "San Cristóbal", "Cúcuta", "Bogotá", "Medellín", "Damascus", "Aleppo", "Idlib", "Kyiv",
    "Kharkiv", "Odesa", "Belgorod", "Moscow", "Khartoum", "El Fasher", "Adre", "Mogadishu", "Kismayo", "Bamako", "Gao",
    "Ouagadougou", "Djibo", "Niamey", "Maiduguri", "Kaduna", "Abuja", "Goma", "Bukavu", "Gisenyi", "Kigali", "Nairobi",
    "Addis Ababa", "Gondar", "Port-au-Prince", "Gaza", "Khan Younis", "Sanaa", "Hodeidah", "Tehran", "Karachi",
    "Peshawar", "Kabul", "Jalalabad", "Dhaka", "Yangon", "Sittwe", "Belgrade", "Tbilisi", "Manila", "Mexico City",
    "Culiacán", "Lima", "Quito", "Tripoli", "Baghdad", "Beirut", "Juba", "Maputo", "Pemba",
)  # fmt: skip

# type, weight, verbs, state-actor sector, recipient sector, whether it has a toll
TYPES: tuple[tuple[str, float, tuple[str, ...], str, str, bool], ...] = (
    ("ASSAULT", 0.30, ("attacked", "shelled", "bombed", "raided", "struck"), "MIL", "CVL", True),
    ("PROTEST", 0.15, ("marched", "rallied", "demonstrated", "protested"), "CVL", "GOV", False),
    ("COERCE", 0.10, ("arrested", "detained", "imposed a curfew on", "seized"), "COP", "CVL", False),
    ("MOBILIZE", 0.06, ("deployed troops to", "massed forces near", "sent reinforcements to"), "MIL", "", False),
    ("ACCUSE", 0.07, ("accused", "blamed", "condemned"), "GOV", "GOV", False),
    ("THREATEN", 0.05, ("threatened", "warned"), "GOV", "GOV", False),
    ("CONSULT", 0.08, ("met", "held talks with", "called"), "GOV", "GOV", False),
    ("AID", 0.06, ("delivered aid to", "sent food to", "evacuated"), "NGO", "CVL", False),
    ("SANCTION", 0.04, ("sanctioned", "expelled", "suspended ties with"), "GOV", "GOV", False),
    ("AGREE", 0.04, ("agreed with", "signed a deal with"), "GOV", "GOV", False),
    ("REJECT", 0.03, ("rejected", "refused"), "GOV", "GOV", False),
    ("REQUEST", 0.02, ("asked", "appealed to"), "GOV", "IGO", False),
)
REPORTS = (1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6)  # 40 % single reports, 4 % six
# Generic words every report may use, and syllables for the names of the places and people that make
# each incident's reports recognisable (a village, a market, a commander).
FILLER = (
    "officials residents witnesses local sources spokesman statement hospital town district region border "
    "overnight morning afternoon early late several dozens people security forces government police army"
).split()
SYLLABLES = "ka ru ma ni so de lo ba tu wa ge fa shi ko ra mi da ne zu bo".split()
PER_DAY = 40.0  # incidents a day worldwide


@dataclass(frozen=True)
class Report:
    event: Event
    article: ArticleInfo
    incident: str


def generate(n_events: int, seed: int = 7, start: dt.date = dt.date(2024, 1, 1)) -> list[Report]:
    """About `n_events` per-article events, grouped by the incident they report."""
    rng = random.Random(seed)
    weights = [t[1] for t in TYPES]
    days = max(1, round(n_events / (PER_DAY * sum(REPORTS) / len(REPORTS))))
    reports: list[Report] = []
    incident = 0
    while len(reports) < n_events:
        incident += 1
        kind = rng.choices(TYPES, weights)[0]
        city = rng.choice(CITIES)
        date = start + dt.timedelta(days=rng.randrange(days))
        actor_country = city.country if rng.random() < 0.8 else rng.choice(CITIES).country
        toll = rng.choice((0, 1, 2, 3, 5, 8, 12, 20, 40)) if kind[5] else None
        words = ["".join(rng.choices(SYLLABLES, k=3)) for _ in range(3)]
        for number in range(rng.choice(REPORTS)):
            reports.append(_report(rng, f"i{incident}", number, kind, city, date, actor_country, toll, words))
    return reports[:n_events]


def _report(
    rng: random.Random,
    incident: str,
    number: int,
    kind: tuple[str, float, tuple[str, ...], str, str, bool],
    city: City,
    date: dt.date,
    actor_country: str,
    toll: int | None,
    incident_words: list[str],
) -> Report:
    etype, _, verbs, sector, recipient_sector, _ = kind
    article_id = hashlib.sha256(f"{incident}-{number}".encode()).hexdigest()[:16]
    published = date + dt.timedelta(days=rng.choice((0, 1, 1, 1, 2, 3)))
    roll = rng.random()
    if roll < 0.72:
        event_date, precision = date, "day"
    elif roll < 0.86:
        event_date, precision = date + dt.timedelta(days=rng.choice((-1, 1))), "day"
    elif roll < 0.96:
        event_date, precision = published, "published"
    else:
        event_date, precision = date - dt.timedelta(days=date.weekday()), "week"
    place = _place(rng, city)
    actor = [] if rng.random() < 0.15 else [Actor(entity_text="forces", code=actor_country, sector=sector)]
    recipient = (
        [Actor(entity_text="people", code=city.country, sector=recipient_sector)]
        if recipient_sector and rng.random() < 0.6
        else []
    )
    size: dict[str, int | None] = {}
    if toll is not None:
        size["dead"] = max(0, round(toll * rng.uniform(0.7, 1.4)))
    # Each report names some of the incident's particulars, and words any report uses.
    words = [w for w in incident_words if rng.random() < 0.6] + rng.sample(FILLER, 4)
    text = f"{actor_country} forces {rng.choice(verbs)} {' '.join(words)} in {city.name}"
    if size.get("dead"):
        text += f", killing {size['dead']}"
    text += "."
    event = Event(
        id=f"{article_id}-e0",
        article_id=article_id,
        date=event_date,
        date_precision=precision,
        event=[etype],
        actor=actor,
        recipient=recipient,
        event_loc=place,
        size=size,
        event_text=[verbs[0]],
        text=text,
        text_info=TextInfo(sequence=0, start=0, end=len(text)),
        confidence=round(rng.uniform(0.5, 0.95), 2),
    )
    return Report(event, ArticleInfo(published=published, url=None, family=article_id), incident)


def _place(rng: random.Random, city: City) -> Place | None:
    name, lat, lon, country, admin1 = city.name, city.lat, city.lon, city.country, city.admin1
    roll = rng.random()
    if roll < 0.7:
        return Place(
            text=name, start=0, end=len(name), name=name, lat=lat, lon=lon, country_code=country, feature="city",
            admin1=admin1, score=0.9,
        )  # fmt: skip
    if roll < 0.85:  # a nearby town, up to ~25 km away
        dlat, dlon = rng.uniform(-0.15, 0.15), rng.uniform(-0.15, 0.15)
        return Place(
            text="town", start=0, end=4, name=f"near {name}", lat=round(lat + dlat, 3), lon=round(lon + dlon, 3),
            country_code=country, feature="city", admin1=admin1, score=0.7,
        )  # fmt: skip
    if roll < 0.95:
        return Place(text=country, start=0, end=3, name=country, country_code=country, feature="country", score=0.8)
    return None

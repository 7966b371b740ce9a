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

# (name, lat, lon, ISO3, admin1)
CITIES: tuple[tuple[str, float, float, str, str], ...] = (
    ("Caracas", 10.49, -66.88, "VEN", "VE.25"),
    ("Maracaibo", 10.65, -71.64, "VEN", "VE.23"),
    ("San Cristobal", 7.77, -72.22, "VEN", "VE.20"),
    ("Cucuta", 7.89, -72.51, "COL", "CO.21"),
    ("Bogota", 4.61, -74.08, "COL", "CO.34"),
    ("Medellin", 6.25, -75.56, "COL", "CO.02"),
    ("Damascus", 33.51, 36.29, "SYR", "SY.13"),
    ("Aleppo", 36.20, 37.16, "SYR", "SY.09"),
    ("Idlib", 35.93, 36.63, "SYR", "SY.12"),
    ("Kyiv", 50.45, 30.52, "UKR", "UA.12"),
    ("Kharkiv", 49.99, 36.23, "UKR", "UA.07"),
    ("Odesa", 46.48, 30.73, "UKR", "UA.17"),
    ("Belgorod", 50.60, 36.59, "RUS", "RU.09"),
    ("Moscow", 55.76, 37.62, "RUS", "RU.48"),
    ("Khartoum", 15.50, 32.56, "SDN", "SD.29"),
    ("El Fasher", 13.63, 25.35, "SDN", "SD.55"),
    ("Adre", 13.47, 22.20, "TCD", "TD.19"),
    ("Mogadishu", 2.04, 45.34, "SOM", "SO.02"),
    ("Kismayo", -0.36, 42.55, "SOM", "SO.08"),
    ("Bamako", 12.65, -8.00, "MLI", "ML.08"),
    ("Gao", 16.27, -0.04, "MLI", "ML.09"),
    ("Ouagadougou", 12.37, -1.53, "BFA", "BF.53"),
    ("Djibo", 14.10, -1.63, "BFA", "BF.55"),
    ("Niamey", 13.51, 2.11, "NER", "NE.08"),
    ("Maiduguri", 11.85, 13.16, "NGA", "NG.02"),
    ("Kaduna", 10.52, 7.44, "NGA", "NG.23"),
    ("Abuja", 9.06, 7.49, "NGA", "NG.11"),
    ("Goma", -1.68, 29.22, "COD", "CD.11"),
    ("Bukavu", -2.51, 28.86, "COD", "CD.12"),
    ("Gisenyi", -1.70, 29.26, "RWA", "RW.14"),
    ("Kigali", -1.95, 30.06, "RWA", "RW.12"),
    ("Nairobi", -1.29, 36.82, "KEN", "KE.30"),
    ("Addis Ababa", 9.03, 38.74, "ETH", "ET.44"),
    ("Gondar", 12.60, 37.47, "ETH", "ET.46"),
    ("Port-au-Prince", 18.54, -72.34, "HTI", "HT.11"),
    ("Gaza", 31.50, 34.47, "PSE", "PS.GZ"),
    ("Khan Younis", 31.35, 34.31, "PSE", "PS.GZ"),
    ("Sanaa", 15.35, 44.21, "YEM", "YE.26"),
    ("Hodeidah", 14.80, 42.95, "YEM", "YE.08"),
    ("Tehran", 35.69, 51.39, "IRN", "IR.26"),
    ("Karachi", 24.86, 67.01, "PAK", "PK.05"),
    ("Peshawar", 34.01, 71.58, "PAK", "PK.03"),
    ("Kabul", 34.53, 69.17, "AFG", "AF.13"),
    ("Jalalabad", 34.43, 70.45, "AFG", "AF.18"),
    ("Dhaka", 23.81, 90.41, "BGD", "BD.81"),
    ("Yangon", 16.87, 96.20, "MMR", "MM.17"),
    ("Sittwe", 20.15, 92.90, "MMR", "MM.01"),
    ("Belgrade", 44.79, 20.45, "SRB", "RS.SE"),
    ("Tbilisi", 41.72, 44.79, "GEO", "GE.51"),
    ("Manila", 14.60, 120.98, "PHL", "PH.NCR"),
    ("Mexico City", 19.43, -99.13, "MEX", "MX.09"),
    ("Culiacan", 24.80, -107.39, "MEX", "MX.25"),
    ("Lima", -12.05, -77.04, "PER", "PE.15"),
    ("Quito", -0.18, -78.47, "ECU", "EC.18"),
    ("Tripoli", 32.89, 13.19, "LBY", "LY.77"),
    ("Baghdad", 33.31, 44.37, "IRQ", "IQ.07"),
    ("Beirut", 33.89, 35.50, "LBN", "LB.04"),
    ("Juba", 4.86, 31.57, "SSD", "SS.01"),
    ("Maputo", -25.97, 32.57, "MOZ", "MZ.04"),
    ("Pemba", -12.97, 40.52, "MOZ", "MZ.01"),
)

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
        actor_country = city[3] if rng.random() < 0.8 else rng.choice(CITIES)[3]
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
    city: tuple[str, float, float, str, str],
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
        [Actor(entity_text="people", code=city[3], sector=recipient_sector)]
        if recipient_sector and rng.random() < 0.6
        else []
    )
    size: dict[str, int | None] = {}
    if toll is not None:
        size["dead"] = max(0, round(toll * rng.uniform(0.7, 1.4)))
    # Each report names some of the incident's particulars, and words any report uses.
    words = [w for w in incident_words if rng.random() < 0.6] + rng.sample(FILLER, 4)
    text = f"{actor_country} forces {rng.choice(verbs)} {' '.join(words)} in {city[0]}"
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


def _place(rng: random.Random, city: tuple[str, float, float, str, str]) -> Place | None:
    name, lat, lon, country, admin1 = city
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

"""Realistic synthetic events for tests and benchmarks, written through the Store API.

Nothing here is real news: sentences are assembled from templates per PLOVER type, over a small table
of real cities (coordinates rounded) and plausible actors, so that every filter of the API and every
panel of the dashboard has something to show. A generator with the same seed gives the same data.

- `fill_store(store, n_events)` writes articles (`Store.write_batch`) reporting world events, one to
  four articles each, and their canonical events (`Store.replace_canonical`), with evidence spans.
- `canonical_events(n)` yields canonical events only, for bulk loading a million of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass

from eventwire.records import (
    Acled,
    Actor,
    Article,
    ArticleResult,
    CanonicalEvent,
    Count,
    Event,
    Place,
    Quote,
    Source,
    Span,
    Speaker,
    TextInfo,
)
from eventwire.store.store import Store
from eventwire.synthetic import City, cities

CITIES = cities(
    "Caracas", "Maracaibo", "Cúcuta", "Bogotá", "Damascus", "Aleppo", "Idlib", "Kyiv", "Kharkiv", "Odesa", "Moscow",
    "Khartoum", "El Fasher", "Mogadishu", "Kismayo", "Bamako", "Gao", "Ouagadougou", "Niamey", "Maiduguri", "Abuja",
    "Goma", "Kinshasa", "Addis Ababa", "Mekelle", "Sanaa", "Aden", "Baghdad", "Mosul", "Kabul", "Kandahar", "Gaza",
    "Jerusalem", "Beirut", "Tripoli", "Yangon", "Mandalay", "Manila", "Port-au-Prince", "Mexico City", "Culiacán",
    "Lima", "Santiago", "Nairobi", "Dhaka", "Karachi", "Tehran", "Brussels", "Geneva", "Washington", "Tigray", "Darfur",
)  # fmt: skip

# Countries appear with very different frequencies in real coverage: weight the cities accordingly.
_CITY_WEIGHTS = tuple(1.0 / (1 + i * 0.15) for i in range(len(CITIES)))

# (demonym used in actor names, ISO3)
_STATES = {
    "VEN": "Venezuelan",
    "COL": "Colombian",
    "SYR": "Syrian",
    "UKR": "Ukrainian",
    "RUS": "Russian",
    "SDN": "Sudanese",
    "SOM": "Somali",
    "MLI": "Malian",
    "BFA": "Burkinabe",
    "NER": "Nigerien",
    "NGA": "Nigerian",
    "COD": "Congolese",
    "ETH": "Ethiopian",
    "YEM": "Yemeni",
    "IRQ": "Iraqi",
    "AFG": "Afghan",
    "PSE": "Palestinian",
    "ISR": "Israeli",
    "LBN": "Lebanese",
    "LBY": "Libyan",
    "MMR": "Myanmar",
    "PHL": "Philippine",
    "HTI": "Haitian",
    "MEX": "Mexican",
    "PER": "Peruvian",
    "CHL": "Chilean",
    "KEN": "Kenyan",
    "BGD": "Bangladeshi",
    "PAK": "Pakistani",
    "IRN": "Iranian",
    "BEL": "Belgian",
    "CHE": "Swiss",
    "USA": "American",
}

# Actor name patterns by sector; {d} is the demonym.
_ACTOR_PATTERNS = {
    "MIL": ("{d} troops", "{d} soldiers", "the {d} army", "{d} security forces"),
    "COP": ("{d} police", "riot police", "{d} border guards"),
    "GOV": ("the {d} government", "the {d} foreign minister", "{d} officials", "the {d} president"),
    "REB": ("rebel fighters", "armed insurgents", "an armed group"),
    "OPP": ("the {d} opposition", "opposition leaders"),
    "CVL": ("civilians", "villagers", "residents", "aid workers", "students"),
    "JRN": ("journalists", "a reporter"),
    "REF": ("refugees", "displaced families"),
}
_NONSTATE = (
    ("the United Nations", "UNO", None),
    ("the African Union", "IGO", None),
    ("the European Union", "EUR", None),
)


@dataclass(frozen=True)
class _TypeSpec:
    """How one PLOVER type is phrased: trigger, template, typical sectors, CAMEO and ACLED codes."""

    trigger: str
    template: str  # {actor} {trigger} {recipient} ... {place}; optional {count}
    actor_sectors: tuple[str, ...]
    recipient_sectors: tuple[str, ...]
    cameo: str
    acled: tuple[str, str] | None
    weight: float
    count_what: str | None = None  # Count.what of the {count} slot
    count_noun: str = "people"


TYPES: dict[str, _TypeSpec] = {
    "AGREE": _TypeSpec(
        "agreed",
        "{actor} {trigger} with {recipient} on a ceasefire in {place}.",
        ("GOV",),
        ("GOV", "REB"),
        "057",
        None,
        3,
    ),
    "CONSULT": _TypeSpec(
        "met",
        "{actor} {trigger} {recipient} in {place} to discuss the crisis.",
        ("GOV",),
        ("GOV", "OPP"),
        "040",
        None,
        8,
    ),
    "SUPPORT": _TypeSpec(
        "praised", "{actor} {trigger} {recipient} for its role in {place}.", ("GOV",), ("GOV",), "051", None, 3
    ),
    "CONCEDE": _TypeSpec(
        "agreed to ease",
        "{actor} {trigger} restrictions on {recipient} in {place}.",
        ("GOV",),
        ("CVL", "OPP"),
        "081",
        None,
        1,
    ),
    "COOPERATE": _TypeSpec(
        "signed",
        "{actor} {trigger} a security pact with {recipient} in {place}.",
        ("GOV",),
        ("GOV",),
        "061",
        ("Strategic developments", "Agreement"),
        3,
    ),
    "AID": _TypeSpec(
        "delivered aid to",
        "{actor} {trigger} {recipient} in {place}, reaching {count}.",
        ("GOV",),
        ("CVL", "REF"),
        "073",
        None,
        4,
        "displaced",
        "displaced people",
    ),
    "RETREAT": _TypeSpec(
        "withdrew from",
        "{actor} {trigger} positions held by {recipient} near {place}.",
        ("MIL", "REB"),
        ("MIL", "REB"),
        "0871",
        ("Strategic developments", "Non-violent transfer of territory"),
        1,
    ),
    "REQUEST": _TypeSpec(
        "called on",
        "{actor} {trigger} {recipient} to open corridors into {place}.",
        ("GOV",),
        ("GOV", "MIL"),
        "020",
        None,
        4,
    ),
    "ACCUSE": _TypeSpec(
        "accused",
        "{actor} {trigger} {recipient} of war crimes in {place}.",
        ("GOV", "OPP"),
        ("GOV", "MIL"),
        "112",
        None,
        5,
    ),
    "REJECT": _TypeSpec(
        "rejected", "{actor} {trigger} demands from {recipient} over {place}.", ("GOV",), ("OPP", "GOV"), "120", None, 3
    ),
    "THREATEN": _TypeSpec(
        "threatened",
        "{actor} {trigger} {recipient} with reprisals in {place}.",
        ("GOV", "MIL"),
        ("REB", "OPP"),
        "130",
        None,
        3,
    ),
    "PROTEST": _TypeSpec(
        "marched against",
        "{count} {trigger} {recipient} in {place}.",
        ("CVL",),
        ("GOV",),
        "141",
        ("Protests", "Peaceful protest"),
        9,
        "protesters",
        "protesters",
    ),
    "SANCTION": _TypeSpec(
        "imposed sanctions on",
        "{actor} {trigger} {recipient} over the violence in {place}.",
        ("GOV",),
        ("GOV", "MIL"),
        "163",
        None,
        2,
    ),
    "MOBILIZE": _TypeSpec(
        "deployed",
        "{actor} {trigger} {count} to {place} ahead of talks with {recipient}.",
        ("MIL",),
        ("REB", "GOV"),
        "150",
        None,
        2,
        "troops",
        "troops",
    ),
    "COERCE": _TypeSpec(
        "arrested",
        "{actor} {trigger} {count} among {recipient} in {place}.",
        ("COP", "MIL"),
        ("CVL", "OPP", "JRN"),
        "173",
        ("Strategic developments", "Arrests"),
        6,
        "arrested",
    ),
    "ASSAULT": _TypeSpec(
        "attacked",
        "{actor} {trigger} {recipient} in {place}, killing {count}.",
        ("MIL", "REB", "COP"),
        ("CVL", "MIL", "REB"),
        "190",
        ("Battles", "Armed clash"),
        12,
        "dead",
    ),
}
_TYPE_NAMES = tuple(TYPES)
_TYPE_WEIGHTS = tuple(spec.weight for spec in TYPES.values())
_OUTLETS = ("wire.example.org", "daily.example.net", "monitor.example.com", "courier.example.info")


@dataclass
class _Built:
    """One sentence and the pieces of it that spans point to."""

    text: str
    spans: list[Span]
    actor: list[Actor]
    recipient: list[Actor]
    place: Place
    count: Count | None
    size: dict[str, int | None]


def _stable_id(prefix: str, *parts: object) -> str:
    return prefix + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:20]


def _actor(rng: random.Random, sector: str, country: str) -> tuple[str, str | None, str | None]:
    if sector == "GOV" and rng.random() < 0.08:
        return rng.choice(_NONSTATE)
    demonym = _STATES.get(country, "local")
    return rng.choice(_ACTOR_PATTERNS[sector]).format(d=demonym), country, sector


class _Sentence:
    """Builds a sentence left to right, recording the span of every filled slot."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[Span] = []

    def add(self, text: str, label: str | None = None) -> tuple[int, int]:
        start = self.offset + self.length
        self.parts.append(text)
        self.length += len(text)
        if label:
            self.spans.append(Span(label=label, start=start, end=start + len(text), text=text))
        return start, start + len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _build_sentence(world: random.Random, rng: random.Random, event_type: str, city: City, offset: int) -> _Built:
    """The event sentence of one report: who did what to whom comes from `world` (every report of an
    event agrees on it), the figure and the place's score from the report's own `rng`."""
    spec = TYPES[event_type]
    name, lat, lon, country, feature = city.name, city.lat, city.lon, city.country, city.feature
    other = world.choice(list(_STATES)) if world.random() < 0.3 else country
    actor_text, actor_code, actor_sector = _actor(world, world.choice(spec.actor_sectors), country)
    recipient_text, recipient_code, recipient_sector = _actor(world, world.choice(spec.recipient_sectors), other)
    n = world.choice((2, 3, 4, 5, 7, 12, 20, 35, 60, 150, 300, 1200))
    if rng.random() < 0.3:  # reports disagree on figures now and then
        n += max(1, n // 4)
    count_text = f"{n} {spec.count_noun}"
    sentence = _Sentence(offset)
    actors: list[Actor] = []
    recipients: list[Actor] = []
    place: Place | None = None
    count: Count | None = None
    template = spec.template
    while template:
        head, brace, rest = template.partition("{")
        if head:
            sentence.add(head[0].upper() + head[1:] if not sentence.parts else head)
        if not brace:
            break
        slot, _, template = rest.partition("}")
        if slot == "actor":
            text = actor_text[0].upper() + actor_text[1:] if not sentence.parts else actor_text
            start, end = sentence.add(text, "actor")
            actors.append(Actor(entity_text=text, code=actor_code, sector=actor_sector, start=start, end=end))
        elif slot == "recipient":
            start, end = sentence.add(recipient_text, "recipient")
            recipients.append(
                Actor(entity_text=recipient_text, code=recipient_code, sector=recipient_sector, start=start, end=end)
            )
        elif slot == "trigger":
            sentence.add(spec.trigger, "trigger")
        elif slot == "place":
            start, end = sentence.add(name, "place")
            place = Place(
                text=name, start=start, end=end, name=name, lat=lat, lon=lon, country_code=country,
                feature=feature, score=round(rng.uniform(0.6, 0.99), 2),
            )  # fmt: skip
        elif slot == "count":
            text = count_text[0].upper() + count_text[1:] if not sentence.parts else count_text
            start, end = sentence.add(text, "count")
            count = Count(what=spec.count_what or "people", n=n, text=text, start=start, end=end)
            if spec.count_what == "protesters":
                actors.append(Actor(entity_text=text, code=country, sector="CVL", start=start, end=end))
                sentence.spans.append(Span(label="actor", start=start, end=end, text=text))
    assert place is not None  # every template names a place
    size: dict[str, int | None] = {}
    if count and count.what in ("dead", "arrested"):
        size[count.what] = count.n
    if event_type == "ASSAULT" and rng.random() < 0.5:
        size["injured"] = rng.choice((1, 3, 6, 10, 25, 40))
    return _Built(sentence.text, sentence.spans, actors, recipients, place, count, size)


@dataclass
class WorldEvent:
    """What happened, before any article reports it."""

    key: int
    type: str
    date: dt.date | None
    city: City
    seed: int
    located: bool


def world_events(
    n: int, seed: int = 0, start: dt.date = dt.date(2019, 1, 1), days: int = 6 * 365, first_key: int = 0
) -> Iterator[WorldEvent]:
    """`n` world events; keys (and so ids) run from `first_key`, so generators can work side by side."""
    rng = random.Random(seed)
    for key in range(first_key, first_key + n):
        # Coverage grows over time: later days are likelier.
        offset = int(days * rng.random() ** 0.7)
        date = None if rng.random() < 0.005 else start + dt.timedelta(days=offset)
        event_type = rng.choices(_TYPE_NAMES, _TYPE_WEIGHTS)[0]
        city = rng.choices(CITIES, _CITY_WEIGHTS)[0]
        yield WorldEvent(key, event_type, date, city, rng.randrange(1 << 30), rng.random() > 0.08)


def _event(world: WorldEvent, article_id: str, sequence: int, built: _Built, start: int, confidence: float) -> Event:
    spec = TYPES[world.type]
    acled = Acled(event_type=spec.acled[0], sub_event_type=spec.acled[1]) if spec.acled else None
    return Event(
        id=_stable_id("e", article_id, sequence),
        article_id=article_id,
        date=world.date,
        date_precision="day" if world.date else "published",
        event=[world.type],
        mode=["firearms"] if world.type == "ASSAULT" else [],
        actor=built.actor,
        recipient=built.recipient,
        event_loc=built.place if world.located else None,
        size=built.size,
        event_text=[spec.trigger],
        text=built.text,
        text_info=TextInfo(sequence=sequence, start=start, end=start + len(built.text)),
        confidence=confidence,
        cameo=spec.cameo,
        acled=acled,
        date_text=world.date.strftime("%B %-d") if world.date else None,
        spans=built.spans,
    )


def report(world: WorldEvent, outlet: int) -> tuple[Article, ArticleResult]:
    """One article reporting `world`: a dateline, the event sentence, a quote."""
    rng = random.Random(world.seed * 7 + outlet)
    published = (world.date or dt.date(2024, 6, 1)) + dt.timedelta(days=rng.choice((0, 1, 1, 2, 3)))
    name = world.city.name
    lead = f"{name.upper()} — "
    built = _build_sentence(random.Random(world.seed), rng, world.type, world.city, len(lead))
    speaker = built.actor[0] if built.actor else None
    speaker_name = speaker.entity_text if speaker else "a witness"
    if speaker_name.startswith(("The ", "An ", "A ")):
        speaker_name = speaker_name[0].lower() + speaker_name[1:]
    said = f' "We will not accept this," {speaker_name} said.'
    text = lead + built.text + said
    article_id = _stable_id("a", world.key, outlet)
    quote_start = len(lead) + len(built.text) + 2
    quote_speaker = None
    if speaker:
        speaker_start = text.rindex(speaker_name)
        quote_speaker = Speaker(
            entity_text=speaker_name,
            start=speaker_start,
            end=speaker_start + len(speaker_name),
            code=speaker.code,
            sector=speaker.sector,
        )
    quote_text = "We will not accept this,"
    quote = Quote(
        text=quote_text, start=quote_start, end=quote_start + len(quote_text), speaker=quote_speaker, verb="said"
    )
    dateline = Place(
        text=name.upper(), start=0, end=len(name), name=name, lat=world.city.lat, lon=world.city.lon,
        country_code=world.city.country, feature=world.city.feature, score=0.9,
    )  # fmt: skip
    article = Article(
        id=article_id,
        text=text,
        title=built.text.rstrip("."),
        url=f"https://{_OUTLETS[outlet % len(_OUTLETS)]}/{published:%Y/%m/%d}/{article_id}",
        published=published,
        source="synthetic",
    )
    event = _event(world, article_id, 0, built, len(lead), round(rng.uniform(0.35, 0.99), 3))
    result = ArticleResult(
        id=article_id,
        title=article.title,
        url=article.url,
        published=published,
        events=[event],
        quotes=[quote],
        places=[dateline, built.place],
        counts=[built.count] if built.count else [],
    )
    return article, result


def canonical_from_reports(world: WorldEvent, reports: list[tuple[Article, ArticleResult]]) -> CanonicalEvent:
    """The canonical event of `world`: the first report's coding, sizes merged low with their range."""
    events = [result.events[0] for _, result in reports]
    first = events[0]
    size_range: dict[str, list[int]] = {}
    size: dict[str, int | None] = dict(first.size)
    for what in {k for e in events for k, v in e.size.items() if v is not None}:
        values = [v for e in events if (v := e.size.get(what)) is not None]
        size[what] = min(values)
        if len(set(values)) > 1:
            size_range[what] = [min(values), max(values)]
    published = [a.published for a, _ in reports if a.published]
    reasons = ["same type, date and place"] if len(reports) > 1 else []
    return CanonicalEvent(
        **first.model_dump(exclude={"id", "size"}),
        id=_stable_id("c", world.key),
        size=size,
        n_sources=len(reports),
        sources=[
            Source(article_id=a.id, url=a.url, published=a.published, event_id=r.events[0].id) for a, r in reports
        ],
        first_reported=min(published) if published else None,
        last_reported=max(published) if published else None,
        story_id=_stable_id("s", world.city.country, world.type, world.date.year if world.date else 0),
        size_range=size_range,
        merge_reasons=reasons,
    )


def _n_reports(rng: random.Random) -> int:
    return rng.choices((1, 2, 3, 4), (60, 25, 10, 5))[0]


def fill_store(store: Store, n_events: int, seed: int = 0, batch: int = 200) -> list[CanonicalEvent]:
    """Write `n_events` world events, their reporting articles and canonical events; return the latter."""
    rng = random.Random(seed + 1)
    written: list[CanonicalEvent] = []
    pending: list[tuple[Article, ArticleResult]] = []
    canonical: list[CanonicalEvent] = []

    def flush() -> None:
        store.write_batch(pending)
        store.replace_canonical(canonical)
        written.extend(canonical)
        pending.clear()
        canonical.clear()

    for world in world_events(n_events, seed):
        reports = [report(world, outlet) for outlet in range(_n_reports(rng))]
        pending.extend(reports)
        canonical.append(canonical_from_reports(world, reports))
        if len(canonical) >= batch:
            flush()
    if canonical:
        flush()
    return written


def canonical_events(n: int, seed: int = 0, first_key: int = 0) -> Iterator[CanonicalEvent]:
    """Canonical events without stored articles, for bulk loading a large database.

    Only the first report is built in full; the others appear as sources, which keeps a million
    events within a few minutes.
    """
    rng = random.Random(seed + 1)
    for world in world_events(n, seed, first_key=first_key):
        first = report(world, 0)
        event = canonical_from_reports(world, [first])
        for outlet in range(1, _n_reports(rng)):
            article_id = _stable_id("a", world.key, outlet)
            event.sources.append(
                Source(article_id=article_id, published=event.first_reported, event_id=_stable_id("e", article_id, 0))
            )
        event.n_sources = len(event.sources)
        yield event

"""What deduplication compares: per-article events reduced to typed, hashable features.

An `EventFeatures` is computed once per event from the Event record and its article's publication
date and near-duplicate family; everything the pair scorer and the blocking need is here, so the
clustering never touches records or the database.

Dates become intervals of day ordinals that say when the event may have happened, by precision:
a day is itself; a week runs from three days before to six after (the dates extractor gives the
Monday of a week, or the day N weeks ago); a month is the calendar month; an event dated only by
its article's publication ("published") lies within three days before it and one after. Year-precision
and undated events have no interval: they are compared only with each other (see similarity).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from eventwire.ontology import nonstate_codes
from eventwire.records import Event, Place

# ASSAULT and COERCE share a block: reports of one act disagree on which it was ("fired tear gas"
# at a crowd is coercion to one coder and an assault to another).
# AGREE and SUPPORT share one too: the manual files signing a deal under SUPPORT and agreeing to it
# under AGREE, and outlets tell one signing both ways ("signed a declaration" / "pledged under a deal").
TYPE_FAMILY: dict[str, str] = {"ASSAULT": "FORCE", "COERCE": "FORCE", "AGREE": "ACCORD", "SUPPORT": "ACCORD"}

# How precisely a location pins the event down; the canonical event keeps the best of its sources.
LOC_RANK: dict[str | None, int] = {
    "landmark": 5,
    "city": 4,
    "admin2": 3,
    "admin1": 2,
    "region": 1,
    "country": 1,
    None: 0,
}
DATE_RANK: dict[str, int] = {"day": 5, "week": 4, "published": 3, "month": 2, "year": 1}

# Modes that say an event did not (yet) happen, or is background (a running total, a past war): never
# the same as an act reported as happening now.
UNREAL_MODES = frozenset({"negation", "hypothetical", "future", "historical"})

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORDS = frozenset(
    """a about after against ago all also an and any are as at be been before being between both but by
    can could did do does during each earlier for from had has have he her his how if in into is it its
    last late later more most near new news no not of on one or other our out over per reported said
    says saying she since so some such than that the their them then there these they this those
    through to told under until up was we were what when where which while who will with would year
    years yesterday""".split()
)
# Words that any report of any event may use (days, figures, reporting, generic actors and acts): what
# two reports share beyond these — a village's name, "Naivasha market", "rubber bullets", "M23" — is
# what tells one incident from another of the same type on the same day.
_GENERIC_TEXT = """
monday tuesday wednesday thursday friday saturday sunday weekend morning afternoon evening night overnight
today yesterday week weeks month months day days hour hours early late earlier later
january february march april may june july august september october november december
one two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds thousand
thousands million least more than about around nearly almost several many some
said say says saying told according statement statements spokesman spokeswoman spokesperson official
officials source sources report reports reported reporting witness witnesses resident residents local
news agency press media television radio telephone interview
people person men women children child civilian civilians member members family families group groups
kill killed killing killings dead death deaths toll body bodies wound wounded injured injuries injury
hospital hospitals attack attacks attacked fight fighting fighters force forces security government
authorities authority army military police troops soldier soldiers country countries city town village
area areas region capital border state province district president minister ministry leader leaders
after before since during also still including new first last other another while where when who
"""


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What deduplication needs to know about the article an event came from."""

    published: dt.date | None = None
    url: str | None = None
    # The original of a near-duplicate family (itself when it is not a copy).
    family: str | None = None


@dataclass(frozen=True, slots=True)
class PlacePoint:
    """One location an event may be at: a resolved point, a province, a country, or a name alone."""

    lat: float | None
    lon: float | None
    rank: int  # LOC_RANK: how precisely it pins the event down
    country: str | None
    admin1: str | None
    name: str | None

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class EventFeatures:
    """The features of one per-article event, or of an article's account of one event (a unit, see
    units.py): then `members` lists its events and the sets hold what any of them said."""

    id: str
    article_id: str
    family: str  # near-duplicate family of the article (its original's id)
    type: str
    type_family: str
    modes: frozenset[str]
    precision: str
    date: dt.date | None
    lo: int | None  # interval of possible days (ordinals), None when undated
    hi: int | None
    published: dt.date | None
    sequence: int  # the sentence it was coded from
    # Where it may have happened, most precise first (empty when unknown).
    places: tuple[PlacePoint, ...]
    # Countries the event is filed under for blocking: its locations' and its actors'.
    country_keys: frozenset[str]
    actor_codes: frozenset[str]
    actor_pairs: frozenset[tuple[str, str | None]]
    recipient_codes: frozenset[str]
    recipient_pairs: frozenset[tuple[str, str | None]]
    words: frozenset[str]
    specific: frozenset[str]  # words beyond the generic vocabulary of event reports
    triggers: frozenset[str]
    size: tuple[tuple[str, int], ...]
    confidence: float
    members: tuple[str, ...] = ()

    @property
    def dated(self) -> bool:
        return self.lo is not None

    @property
    def loc_rank(self) -> int:
        return self.places[0].rank if self.places else 0

    @property
    def unreal(self) -> bool:
        return bool(self.modes & UNREAL_MODES)

    @property
    def member_ids(self) -> tuple[str, ...]:
        return self.members or (self.id,)

    def sort_key(self) -> tuple[dt.date, str, str]:
        """Earliest report first: publication, then article id, then event id (the canonical id's anchor)."""
        return (self.published or dt.date.max, self.article_id, self.id)


def features(event: Event, article: ArticleInfo) -> EventFeatures:
    loc = event.event_loc
    lo, hi = date_interval(event.date, event.date_precision, article.published)
    actor_codes = frozenset(a.code for a in event.actor if a.code)
    recipient_codes = frozenset(a.code for a in event.recipient if a.code)
    places = _places(loc)
    words = content_words(event.text)
    return EventFeatures(
        id=event.id,
        article_id=event.article_id,
        family=article.family or event.article_id,
        type=event.type,
        type_family=TYPE_FAMILY.get(event.type, event.type),
        modes=frozenset(event.mode),
        precision=event.date_precision,
        date=event.date or (article.published if lo is not None else None),
        lo=lo,
        hi=hi,
        published=article.published,
        sequence=event.text_info.sequence,
        places=places,
        country_keys=country_keys(places, actor_codes | recipient_codes),
        actor_codes=actor_codes,
        actor_pairs=frozenset((a.code, a.sector) for a in event.actor if a.code),
        recipient_codes=recipient_codes,
        recipient_pairs=frozenset((a.code, a.sector) for a in event.recipient if a.code),
        words=words,
        specific=words - generic_words(),
        triggers=content_words(" ".join(event.event_text)),
        size=tuple(sorted((k, v) for k, v in event.size.items() if v is not None)),
        confidence=event.confidence,
    )


def date_interval(date: dt.date | None, precision: str, published: dt.date | None) -> tuple[int | None, int | None]:
    """The days (as ordinals, inclusive) on which an event so dated may have happened."""
    if date is None:
        if published is None:
            return None, None
        date, precision = published, "published"
    day = date.toordinal()
    if precision == "day":
        return day, day
    if precision == "week":
        return day - 3, day + 6
    if precision == "month":
        last = calendar.monthrange(date.year, date.month)[1]
        return date.replace(day=1).toordinal(), date.replace(day=last).toordinal()
    if precision == "published":
        # Reports recount events up to a few days old; an undated future event is rare.
        return day - 3, day + 1
    return None, None  # a year is too vague to block on


def content_words(text: str) -> frozenset[str]:
    """Lower-cased, accent-folded words minus stopwords, with plural and tense endings cut, so that
    "attacked" and "attack", "Bogotá" and "Bogota" count as the same word."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return frozenset(_stem(w) for w in _WORD.findall(folded) if w not in _STOPWORDS and (len(w) > 2 or w.isdigit()))


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    return content_words(_GENERIC_TEXT)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _places(loc: Place | None) -> tuple[PlacePoint, ...]:
    if loc is None:
        return ()
    has_coords = loc.lat is not None and loc.lon is not None
    if has_coords:
        # A resolved point without a feature type is taken for a district-sized place.
        rank = LOC_RANK.get(loc.feature, 3) if loc.feature else 3
    elif loc.country_code:
        rank = 1
    else:
        return ()  # a name we could not place says nothing about where
    lat, lon = (loc.lat, loc.lon) if has_coords else (None, None)
    return (PlacePoint(lat, lon, rank, loc.country_code, loc.admin1, loc.name or loc.text),)


@lru_cache(maxsize=1)
def _nonstate() -> frozenset[str]:
    return frozenset(nonstate_codes())


def is_country(code: str) -> bool:
    return len(code) == 3 and code.isalpha() and code not in _nonstate()


def country_keys(places: tuple[PlacePoint, ...], codes: frozenset[str]) -> frozenset[str]:
    """The countries of its places and its actors: an event in Kharkiv by Russian forces can be
    filed in a report under either."""
    countries = frozenset(p.country for p in places if p.country) | frozenset(c for c in codes if is_country(c))
    # "" files events with no country at all together: they can still match each other by text.
    return countries or frozenset({""})


KM_PER_DEGREE = 111.2


def degree_window(lat: float, km: float) -> tuple[float, float]:
    """(degrees of latitude, degrees of longitude) that cover `km` around a point at `lat`."""
    dlat = km / KM_PER_DEGREE
    cos_lat = max(math.cos(math.radians(min(abs(lat) + dlat, 89.0))), 0.01)
    return dlat, min(km / (KM_PER_DEGREE * cos_lat), 180.0)


def cell_of(lat: float, lon: float) -> int:
    """The 1° grid cell of a point, as one integer."""
    return (math.floor(lat) + 90) * 360 + (math.floor(lon) + 180) % 360


def near_cells(lat: float, lon: float, km: float) -> list[int]:
    """The 1° cells holding every point within `km` of (lat, lon)."""
    dlat, dlon = degree_window(lat, km)
    return sorted(
        {
            (row + 90) * 360 + (col + 180) % 360
            for row in range(math.floor(lat - dlat), math.floor(lat + dlat) + 1)
            for col in range(math.floor(lon - dlon), math.floor(lon + dlon) + 1)
        }
    )


def block_keys(event: EventFeatures) -> frozenset[str]:
    """The keys an event is filed under: "c:" and its countries, "g:" and the cells of its points."""
    cells = {f"g:{cell_of(p.lat, p.lon)}" for p in event.places if p.lat is not None and p.lon is not None}
    return frozenset({f"c:{c}" for c in event.country_keys} | cells)


def near_keys(event: EventFeatures, km: float) -> frozenset[str]:
    """The keys of every event that shares a country with it or has a point within `km` of one of its own."""
    cells = {
        f"g:{cell}"
        for p in event.places
        if p.lat is not None and p.lon is not None
        for cell in near_cells(p.lat, p.lon, km)
    }
    return frozenset({f"c:{c}" for c in event.country_keys} | cells)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))

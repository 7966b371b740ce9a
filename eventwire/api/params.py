"""Query parameters shared by the endpoints, validated into an `EventFilter`.

Every value is checked here, before any query is built: a bad one is answered with HTTP 422 and a
sentence naming the parameter, in FastAPI's usual `{"detail": [...]}` shape.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any

from fastapi import Query
from fastapi.exceptions import RequestValidationError

from eventwire.ontology import EVENT_TYPE_NAMES
from eventwire.store.filters import EventFilter
from eventwire.store.rollup import search_terms

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COUNTRY = re.compile(r"[A-Za-z]{3}")
MAX_LIMIT = 500
MAX_Q = 200
MAX_ACTOR = 100


def invalid(name: str, message: str, value: Any) -> RequestValidationError:
    return RequestValidationError([{"type": "value_error", "loc": ("query", name), "msg": message, "input": value}])


def _date(name: str, value: str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if not _DATE.fullmatch(value):
        raise invalid(name, "expected a date as YYYY-MM-DD", value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise invalid(name, f"{value} is not a calendar date", value) from None


def _types(values: list[str] | None) -> list[str]:
    names = [part.strip().upper() for value in values or [] for part in value.split(",") if part.strip()]
    unknown = [name for name in names if name not in EVENT_TYPE_NAMES]
    if unknown:
        raise invalid(
            "type",
            f"unknown PLOVER event type {', '.join(unknown)}: expected one of {', '.join(EVENT_TYPE_NAMES)}",
            values,
        )
    return sorted(set(names))


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None or value == "":
        return None
    parts = value.split(",")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(parts) != 4 or len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise invalid("bbox", "expected four numbers: min_lon,min_lat,max_lon,max_lat", value)
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise invalid("bbox", "expected -180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90", value)
    return min_lon, min_lat, max_lon, max_lat


def _words(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if not search_terms(value):
        raise invalid(name, "the search has no words to look for", value)
    return value.strip()


def event_filter(
    start: Annotated[str | None, Query(description="Events on or after this day (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, Query(description="Events on or before this day (YYYY-MM-DD).")] = None,
    event_type: Annotated[
        list[str] | None,
        Query(alias="type", description="PLOVER event type; repeat it or separate types with commas."),
    ] = None,
    country: Annotated[
        str | None, Query(description="ISO 3166-1 alpha-3 code of the actor, recipient or location.")
    ] = None,
    actor: Annotated[
        str | None,
        Query(max_length=MAX_ACTOR, description="Words in an actor's or recipient's name or code."),
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=MAX_Q, description="Words of the evidence sentence (all must occur; word* for a prefix)."),
    ] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat of the event location.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="Lowest coding confidence.")] = None,
    min_sources: Annotated[int | None, Query(ge=1, description="Fewest reporting articles.")] = None,
    story: Annotated[
        str | None, Query(max_length=64, pattern=r"^[\w.-]+$", description="Only events of this story.")
    ] = None,
) -> EventFilter:
    start_date, end_date = _date("start", start), _date("end", end)
    if start_date and end_date and start_date > end_date:
        raise invalid("end", "end is before start", end)
    if country is not None and country != "" and not _COUNTRY.fullmatch(country):
        raise invalid("country", "expected a three-letter ISO 3166-1 alpha-3 code", country)
    return EventFilter(
        start=start_date,
        end=end_date,
        types=_types(event_type),
        country=country.upper() if country else None,
        min_confidence=min_confidence,
        min_sources=min_sources,
        story=story or None,
        bbox=_bbox(bbox),
        actor=_words("actor", actor),
        q=_words("q", q),
    )

"""Events in ACLED's own column layout, so ACLED users can load eventwire output with their tools."""

from __future__ import annotations

from typing import Any

from eventwire.records import Actor, CanonicalEvent, Event

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]

# ACLED interaction codes by PLOVER sector.
_INTER = {"MIL": 1, "COP": 1, "GOV": 1, "REB": 2, "PRM": 3, "CVL": 7, "JRN": 7, "REF": 7, "MED": 7, "EDU": 7}
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# ACLED time precision: 1 day, 2 week or a few days, 3 month.
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "published": 2}
# ACLED geo precision: 1 town, 2 region near a town, 3 larger region.
_GEO_PRECISION = {"city": 1, "landmark": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3}


def _actor_name(actors: list[Actor]) -> str | None:
    if not actors:
        return None
    actor = actors[0]
    parts = [p for p in (actor.code, actor.sector) if p]
    label = " ".join(parts)
    return f"{actor.entity_text} ({label})" if label else actor.entity_text


def _inter(actors: list[Actor], event_type: str) -> int | None:
    if not actors:
        return None
    if event_type == "Protests":
        return 6
    if event_type == "Riots":
        return 5
    return _INTER.get(actors[0].sector or "", 8)


def acled_row(event: Event) -> dict[str, Any]:
    assert event.acled is not None
    acled_type = event.acled.event_type
    inter1 = _inter(event.actor, acled_type)
    inter2 = _inter(event.recipient, "")
    loc = event.event_loc
    sources = event.sources if isinstance(event, CanonicalEvent) else []
    return {
        "event_id_cnty": event.id,
        "event_date": event.date.isoformat() if event.date else None,
        "year": event.date.year if event.date else None,
        "time_precision": _TIME_PRECISION.get(event.date_precision, 2),
        "disorder_type": _DISORDER.get(acled_type),
        "event_type": acled_type,
        "sub_event_type": event.acled.sub_event_type,
        "actor1": _actor_name(event.actor),
        "inter1": inter1,
        "actor2": _actor_name(event.recipient),
        "inter2": inter2,
        "interaction": int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter1 and inter2 else inter1,
        "civilian_targeting": "Civilian targeting" if any(a.sector == "CVL" for a in event.recipient) else None,
        "iso3": loc.country_code if loc else None,
        "location": (loc.name or loc.text) if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "geo_precision": _GEO_PRECISION.get(loc.feature or "", 3) if loc else None,
        "source": "; ".join(s.url or s.article_id for s in sources) or event.article_id,
        "notes": event.text,
        "fatalities": event.size.get("dead") or 0,
    }

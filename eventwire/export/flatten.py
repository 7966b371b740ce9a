"""One flat row per event, shared by the tabular exporters (CSV, Parquet, GeoJSON properties)."""

from __future__ import annotations

from typing import Any

from eventwire.records import Actor, CanonicalEvent, Event

COLUMNS = [
    "id",
    "article_id",
    "date",
    "date_precision",
    "event_type",
    "mode",
    "context",
    "actor_text",
    "actor_code",
    "actor_sector",
    "recipient_text",
    "recipient_code",
    "recipient_sector",
    "location",
    "lat",
    "lon",
    "location_country",
    "location_feature",
    "dead",
    "injured",
    "arrested",
    "size",
    "confidence",
    "cameo",
    "acled_event_type",
    "acled_sub_event_type",
    "event_text",
    "text",
    "start",
    "end",
    "n_sources",
    "source_article_ids",
    "first_reported",
    "last_reported",
    "story_id",
]


def _join(values: list[str | None]) -> str | None:
    kept = [v for v in values if v]
    return "; ".join(kept) if kept else None


def _actors(actors: list[Actor], field: str) -> str | None:
    return _join([getattr(a, field) for a in actors])


def flat_row(event: Event) -> dict[str, Any]:
    loc = event.event_loc
    canonical = event if isinstance(event, CanonicalEvent) else None
    size = {k: v for k, v in event.size.items() if v is not None}
    return {
        "id": event.id,
        "article_id": event.article_id,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "event_type": event.type,
        "mode": _join(event.mode),
        "context": _join(event.context),
        "actor_text": _actors(event.actor, "entity_text"),
        "actor_code": _actors(event.actor, "code"),
        "actor_sector": _actors(event.actor, "sector"),
        "recipient_text": _actors(event.recipient, "entity_text"),
        "recipient_code": _actors(event.recipient, "code"),
        "recipient_sector": _actors(event.recipient, "sector"),
        "location": (loc.name or loc.text) if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "location_country": loc.country_code if loc else None,
        "location_feature": loc.feature if loc else None,
        "dead": size.get("dead"),
        "injured": size.get("injured"),
        "arrested": size.get("arrested"),
        "size": _join([f"{k}={v}" for k, v in sorted(size.items())]),
        "confidence": round(event.confidence, 4),
        "cameo": event.cameo,
        "acled_event_type": event.acled.event_type if event.acled else None,
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
        "event_text": _join(event.event_text),
        "text": event.text,
        "start": event.text_info.start,
        "end": event.text_info.end,
        "n_sources": canonical.n_sources if canonical else 1,
        "source_article_ids": _join([s.article_id for s in canonical.sources]) if canonical else event.article_id,
        "first_reported": canonical.first_reported.isoformat() if canonical and canonical.first_reported else None,
        "last_reported": canonical.last_reported.isoformat() if canonical and canonical.last_reported else None,
        "story_id": canonical.story_id if canonical else None,
    }

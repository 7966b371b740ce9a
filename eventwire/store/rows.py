"""Records to table rows: the filterable fields as columns, the whole record as JSON."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from eventwire.records import ArticleResult, CanonicalEvent, Event

# Values per IN list or executemany batch: well under every database's bound-parameter limit.
CHUNK = 500


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """`items` in consecutive slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _first(actors: list[Any], field: str) -> str | None:
    return getattr(actors[0], field) if actors else None


# Denied, hypothetical, future and background acts keep their figures in the record, but their
# casualties are not this event's: the filterable columns (sums, map sizes) hold factual acts only.
AUXILIARY = frozenset({"negation", "hypothetical", "future", "historical"})


def _event_columns(event: Event) -> dict[str, Any]:
    loc = event.event_loc
    factual = not AUXILIARY.intersection(event.mode)
    return {
        "type": event.type,
        "date": event.date,
        "date_precision": event.date_precision,
        "actor_code": _first(event.actor, "code"),
        "actor_sector": _first(event.actor, "sector"),
        "recipient_code": _first(event.recipient, "code"),
        "recipient_sector": _first(event.recipient, "sector"),
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "loc_country": loc.country_code if loc else None,
        "loc_feature": loc.feature if loc else None,
        "dead": event.size.get("dead") if factual else None,
        "injured": event.size.get("injured") if factual else None,
        "confidence": event.confidence,
        "cameo": event.cameo,
        "acled_event_type": event.acled.event_type if event.acled else None,
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
        "text": event.text,
        "record": event.to_json_dict(),
    }


def event_row(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "article_id": event.article_id,
        "sequence": event.text_info.sequence,
        "start": event.text_info.start,
        "end": event.text_info.end,
        "canonical_id": None,
        **_event_columns(event),
    }


def canonical_row(event: CanonicalEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "n_sources": event.n_sources,
        "first_reported": event.first_reported,
        "last_reported": event.last_reported,
        "story_id": event.story_id,
        **_event_columns(event),
    }


def place_rows(result: ArticleResult) -> list[dict[str, Any]]:
    return [
        {"article_id": result.id, "ordinal": i, **p.model_dump(exclude={"admin1"})} for i, p in enumerate(result.places)
    ]


def count_rows(result: ArticleResult) -> list[dict[str, Any]]:
    return [{"article_id": result.id, "ordinal": i, **c.model_dump()} for i, c in enumerate(result.counts)]


def quote_rows(result: ArticleResult) -> list[dict[str, Any]]:
    rows = []
    for i, quote in enumerate(result.quotes):
        speaker = quote.speaker
        rows.append(
            {
                "article_id": result.id,
                "ordinal": i,
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
                "speaker_text": speaker.entity_text if speaker else None,
                "speaker_start": speaker.start if speaker else None,
                "speaker_end": speaker.end if speaker else None,
                "speaker_code": speaker.code if speaker else None,
                "speaker_sector": speaker.sector if speaker else None,
                "verb": quote.verb,
            }
        )
    return rows

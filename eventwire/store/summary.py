"""Aggregate views of a database: what `eventwire demo` prints and the dashboard's side panels use."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import desc, func, select

from eventwire.store import schema
from eventwire.store.store import Store


@dataclass
class Summary:
    articles: int
    mentions: int
    canonical_events: int
    stories: int
    events_by_type: list[tuple[str, int]] = field(default_factory=list)
    top_actors: list[tuple[str, int]] = field(default_factory=list)
    top_places: list[tuple[str, int]] = field(default_factory=list)
    casualties: dict[str, int] = field(default_factory=dict)
    errors: int = 0


def summarise(store: Store, top: int = 10) -> Summary:
    ce = schema.canonical_events
    with store.engine.connect() as conn:
        by_type = conn.execute(
            select(ce.c.type, func.count()).group_by(ce.c.type).order_by(desc(func.count()), ce.c.type)
        ).all()
        actor_label = func.coalesce(ce.c.actor_code, "?") + " " + func.coalesce(ce.c.actor_sector, "?")
        actors = conn.execute(
            select(actor_label, func.count())
            .where((ce.c.actor_code.is_not(None)) | (ce.c.actor_sector.is_not(None)))
            .group_by(actor_label)
            .order_by(desc(func.count()), actor_label)
            .limit(top)
        ).all()
        place_label = func.coalesce(schema.places.c.name, schema.places.c.text)
        places = conn.execute(
            select(place_label, func.count()).group_by(place_label).order_by(desc(func.count()), place_label).limit(top)
        ).all()
        casualties = conn.execute(select(func.sum(ce.c.dead), func.sum(ce.c.injured))).one()
        errors = conn.execute(select(func.count()).select_from(schema.ingest_errors)).scalar_one()
    return Summary(
        articles=store.count_rows("articles"),
        mentions=store.count_rows("events"),
        canonical_events=store.count_rows("canonical_events"),
        stories=store.count_rows("stories"),
        events_by_type=[(t, int(n)) for t, n in by_type],
        top_actors=[(a, int(n)) for a, n in actors],
        top_places=[(p, int(n)) for p, n in places],
        casualties={"dead": int(casualties[0] or 0), "injured": int(casualties[1] or 0)},
        errors=int(errors),
    )
